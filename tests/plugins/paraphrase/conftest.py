from __future__ import annotations

import pytest

from wirelint import Host


@pytest.fixture(scope="session")
def host() -> Host:
    """This family and the farm family only: other families' changes cannot break these tests."""
    return Host(plugins=["wirelint_builtins.paraphrase", "wirelint_builtins.farm"],
                entry_points=False)
