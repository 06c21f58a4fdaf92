"""What a flow is, and the small part of the window a flow may use.

A flow (check-in, name search, desks, the result screen, ...) owns its screens: it receives them
from the composition function (``ui/app.py``), adds them to the window's stack through
``ScreenHost.add_screen`` in ``attach``, connects their signals to its own steps and decides
which of its screens to show. The window only routes: it holds the stack and the start screen,
returns to start when the kiosk is idle, hands scanned codes to the flows, and resets every flow
whenever the start screen shows. A new flow is a new ``Flow`` subclass registered in
``ui/app.py``; the window does not change.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ui.screens.start import StartScreen


class Scans(enum.Enum):
    """Whether the pass scanner listens while a screen shows."""

    OFF = "off"  # typing screens: key bursts are typing, not a scanner
    ON = "on"
    REPEAT = "repeat"  # the same pass again within seconds counts (it means "yes")


class ScreenHost(Protocol):
    """The window, as a flow sees it."""

    @property
    def start(self) -> StartScreen: ...
    @property
    def current_screen(self) -> QWidget: ...
    def add_screen(
        self,
        screen: QWidget,
        *,
        scans: Scans = Scans.OFF,
        on_show: Callable[[], None] | None = None,
        on_hide: Callable[[], None] | None = None,
        on_back: Callable[[], None] | None = None,
    ) -> None:
        """Put ``screen`` on the stack. ``on_show`` runs each time it is shown (after it is
        current); ``on_hide`` each time another screen is shown; ``on_back`` is what Esc does
        on it (its "Tilbake" or "Avbryt")."""

    def show_screen(self, screen: QWidget) -> None: ...
    def go_start(self) -> None: ...
    def take_camera_code(self, text: str) -> bool:
        """A code a camera read: takes the scanner's path (debounce, dispatch); False if it
        was a repeat and ignored."""


class Flow(QObject):
    """One thing a visitor can do at the kiosk. Override what the flow needs."""

    def attach(self, host: ScreenHost) -> None:
        """Add this flow's screens to ``host`` and connect them. Called once, by the window."""
        del host

    def reset(self) -> None:
        """Forget the visitor: called each time the start screen shows (nothing may stay)."""

    def handle_scan(self, text: str) -> bool:
        """A pass was scanned (scanner or camera). Return True if this flow took it; the
        window asks the flows in the order they were registered."""
        del text
        return False

    def timed_out(self) -> bool:
        """The kiosk was left alone. If a question of this flow was left open, undo what
        waited for the answer, tell the visitor what did not happen (a message) and return
        True; the window then leaves the screen to that message instead of going to start."""
        return False

    def shutdown(self) -> None:
        """The window closes: stop timers, cameras and workers."""
