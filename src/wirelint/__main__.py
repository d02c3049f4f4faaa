"""``python -m wirelint`` is the ``wirelint`` command."""

from wirelint.cli import main

raise SystemExit(main())
