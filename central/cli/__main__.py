"""``python -m central.cli``: the same as the ``regionlab-central`` command."""

from central.cli import main

raise SystemExit(main())
