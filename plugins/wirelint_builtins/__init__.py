"""wirelint's built-in detector families.

Each subpackage is one family, registered under the ``wirelint`` entry-point group with
the code prefix it owns, exactly as a third-party plugin is.  They import only the public
``wirelint`` API.
"""
