"""Floor plans written to files for the map to show: whole or not at all, the kiosk's own only."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kiosk.private_files import FILE_MODE, private_dir


def write_plan(path: Path, plan: bytes) -> None:
    """Write ``plan`` to ``path`` through a partial file renamed into place. Raises OSError
    (a read-only or full disk); a partial file left by a failure is removed."""
    private_dir(path.parent)
    partial = path.with_suffix(".part")
    try:
        fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            out.write(plan)
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
