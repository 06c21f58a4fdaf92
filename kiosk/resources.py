"""Where the program's own files are: the one lookup for the source tree and the bundle.

Paths are given as they are in the repository (``resource_path("resources", "sounds")``,
``resource_path("ui", "translations")``, ``resource_path("kiosk", "migrations")``). From the
source tree (or an editable install) they are under the repository's root; in the frozen kiosk
(PyInstaller, ``build.spec``) under the bundle's folder, ``sys._MEIPASS``, where ``build.spec``
puts every file at the same relative path. Nothing else looks at ``__file__`` to find a file.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "regionlab-kiosk"


def frozen() -> bool:
    """True inside the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def root() -> Path:
    """The folder the relative paths start from: the bundle's, or the repository's."""
    if frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]  # set by PyInstaller
    return Path(__file__).resolve().parents[1]


def resource_path(*parts: str) -> Path:
    """The file or folder at ``parts`` (relative to the repository's root)."""
    return root().joinpath(*parts)


def version() -> str:
    """The program's version, from the package's metadata (``build.spec`` copies it in)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"
