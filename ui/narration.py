"""Reading the kiosk aloud for a visitor who turned speech on (EN 301 549 clause 5).

``Narration`` is off for every new visitor (the window turns it off at the start screen). While
on, it speaks through one ``Speaker`` (``ui/speech.py``):

- each screen as it is shown: its ``spoken_text()`` if it has one, else its visible labels in
  reading order (top to bottom, left to right), then the control that has the focus;
- the control that gets the focus (its accessible name or text, and what kind of control);
- what a screen says changed while it stays (``speech_changed``: search results, the desk
  under the map's keyboard cursor, "Et øyeblikk …");
- anything else handed to ``announce`` (the idle warning).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from ui.speech import Speaker


class Spoken(Protocol):
    def spoken_text(self) -> str: ...


def control_text(widget: QWidget) -> str:
    """What the focus on ``widget`` sounds like: "Sjekk inn med navn, knapp"."""
    describe = getattr(widget, "spoken_focus_text", None)
    if callable(describe):
        return str(describe())
    name = widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        name = name or widget.text().lstrip("‹ ").strip()
        if not name:
            return ""
        if widget.isCheckable():
            state = (
                QCoreApplication.translate("Narration", "valgt")
                if widget.isChecked()
                else QCoreApplication.translate("Narration", "ikke valgt")
            )
            return f"{name}, {QCoreApplication.translate('Narration', 'knapp')}, {state}"
        return f"{name}, {QCoreApplication.translate('Narration', 'knapp')}"
    if isinstance(widget, QLineEdit):
        parts = [
            name or widget.placeholderText(),
            QCoreApplication.translate("Narration", "skrivefelt"),
        ]
        if widget.text():
            parts.append(widget.text())
        return ", ".join(p for p in parts if p)
    return name


def labels_in_reading_order(screen: QWidget) -> list[str]:
    """The visible labels of ``screen`` top to bottom, left to right (not those on buttons)."""
    found: list[tuple[int, int, str]] = []
    for label in screen.findChildren(QLabel):
        if not label.isVisibleTo(screen) or not label.text().strip():
            continue
        if any(isinstance(p, QAbstractButton) for p in _ancestors(label, screen)):
            continue  # a result row's name is read as the button
        at = label.mapTo(screen, label.rect().topLeft())
        found.append((at.y(), at.x(), label.text().strip()))
    found.sort()
    return [text for _, _, text in found]


def _ancestors(widget: QWidget, stop: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def screen_text(screen: QWidget) -> str:
    describe = getattr(screen, "spoken_text", None)
    if callable(describe):
        return str(describe())
    return ". ".join(t.rstrip(".") for t in labels_in_reading_order(screen)) + "."


class Narration(QObject):
    enabled_changed = Signal(bool)
    """Speech was turned on (True) or off."""

    def __init__(self, speaker: Speaker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speaker = speaker
        self.enabled = False
        self._window: QWidget | None = None
        self._screen: QWidget | None = None  # the screen last announced
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def watch(self, window: QWidget) -> None:
        """Speak for ``window`` only (focus elsewhere is not this kiosk's)."""
        self._window = window

    def set_enabled(self, on: bool) -> None:
        if on == self.enabled:
            return
        self.enabled = on
        if not on:
            self.speaker.stop()
        self.enabled_changed.emit(on)

    def toggle(self) -> None:
        self.set_enabled(not self.enabled)

    def announce(self, text: str) -> None:
        """Say ``text`` now (interrupting), if speech is on."""
        if self.enabled and text.strip():
            self.speaker.say(text)

    def screen_shown(self, screen: QWidget) -> None:
        self._screen = screen
        if not self.enabled:
            return
        self.speaker.say(screen_text(screen))
        focus = QApplication.focusWidget() or screen.focusWidget()
        if focus is not None and focus is not screen and screen.isAncestorOf(focus):
            self.speaker.enqueue(control_text(focus))

    def screen_changed(self, screen: QWidget, text: str) -> None:
        """``screen`` says something changed on it (results, a desk): spoken if it shows."""
        if self.enabled and screen is self._screen and screen.isVisible():
            self.speaker.say(text)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        del old
        if not self.enabled or new is None or self._window is None:
            return
        if not self._window.isAncestorOf(new):
            return
        if self._screen is not None and self._screen.isAncestorOf(new) is False:
            # Focus moved into a screen that is not announced yet: ``screen_shown`` reads it.
            stack_screen = _screen_of(new)
            if stack_screen is not None and stack_screen is not self._screen:
                return
        text = control_text(new)
        if text:
            self.speaker.say(text)


def _screen_of(widget: QWidget) -> QWidget | None:
    """The stack page ``widget`` is on (None for the window's own bar and overlay)."""
    from PySide6.QtWidgets import QStackedWidget

    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        if isinstance(parent, QStackedWidget):
            return child
        child = parent
    return None
