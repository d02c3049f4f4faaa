# The conformance kit is a pytest plugin: this line is all a plugin author needs.
pytest_plugins = ["wirelint.testing"]
