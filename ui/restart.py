"""How the kiosk asks to be started again: it ends with a distinct exit code.

The kiosk never re-executes itself: whatever started it (the systemd user service, see
``deploy/kiosk/``, ``docs/kiosk-service.md``) starts it again when it exits with
``RESTART_EXIT_CODE`` (``RestartForceExitStatus=75``; ``Restart=always`` restarts a crash too).
Staff's "Avslutt kiosken" ends it with 0, which the service leaves ended.
75 is ``EX_TEMPFAIL`` of sysexits.h: "try again later".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication

RESTART_EXIT_CODE = 75

Quit = Callable[[int], None]


def quit_event_loop(code: int) -> None:
    """End the kiosk's event loop with ``code``; ``ui.main.main`` then closes everything
    cleanly (sync thread, store) and returns it as the process's exit code."""
    QApplication.exit(code)
