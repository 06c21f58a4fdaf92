"""The kiosk's files are for the kiosk's own user only: folders 0700, files 0600.

The local store holds names, visits and the device token's settings; nobody else on the machine
(another account, a backup tool running as someone else) has reason to read them. The modes are
set when a file is made and set again at every start (a kiosk set up by an older release).
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) if needed; make it the kiosk user's only."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    _chmod(path, DIR_MODE)


def private_file(path: Path) -> None:
    """Create ``path`` empty if it is not there, with the kiosk user's mode; tighten it if so."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    except OSError as exc:
        log.info("private files: cannot create %s: %s", path.name, exc.strerror)
        return
    _chmod(path, FILE_MODE)


def tighten(path: Path) -> None:
    """Make an existing file the kiosk user's only (a no-op when it is not there)."""
    if path.exists():
        _chmod(path, FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(FileNotFoundError):
        try:
            if (path.stat().st_mode & 0o777) != mode:
                path.chmod(mode)
        except PermissionError:  # not ours (a shared folder): say so, the kiosk runs on
            log.info("private files: cannot restrict %s", path.name)
        except OSError as exc:  # a read-only file system: nothing to be done here
            log.info("private files: cannot restrict %s: %s", path.name, exc.strerror)
