"""Find yourself by name: an on-screen keyboard, a search field and big result rows.

Results appear from two letters on, at most five, each as the core masks it ("Kari N. · NAV":
never a whole family name), and never whether someone is in. What a query may find is the
core's rule (``kiosk.name_index``): few letters that point at many people find no one ("skriv
mer av navnet"). A physical keyboard types into the same field; Tab (or Enter in the field)
moves to the results, Enter picks one.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import PersonSummary
from ui.widgets.keyboard import OnScreenKeyboard

log = logging.getLogger(__name__)

MIN_LETTERS = 2
MAX_RESULTS = 5
_RESULT_COLUMNS = 2
MAX_QUERY_CHARS = 60


class PersonSearch(Protocol):
    def search(self, query: str, limit: int = MAX_RESULTS) -> list[PersonSummary]:
        """At most ``limit`` people; the list may have ``more`` (True: type more)."""


class PersonRow(QPushButton):
    """A big tappable result: "Kari N. · NAV", as the core masked it. Never whether someone
    is in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "result")
        self.name_label = QLabel(self)
        self.name_label.setObjectName("personName")
        self.organisation_label = QLabel(self)
        self.organisation_label.setObjectName("personOrganisation")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 6, 20, 6)
        layout.setSpacing(0)
        for label in (self.name_label, self.organisation_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)

    def sizeHint(self) -> QSize:
        # As tall as its two labels need (large text makes them taller than the style's 72 px).
        hint = super().sizeHint()
        layout = self.layout()
        return hint.expandedTo(layout.sizeHint()) if layout is not None else hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        layout = self.layout()
        return hint.expandedTo(layout.minimumSize()) if layout is not None else hint

    def show_person(self, person: PersonSummary | None) -> None:
        """Show ``person``, or nothing at all (hidden, and no name left in the labels)."""
        shown = person.display if person else ""
        self.name_label.setText(shown)
        self.organisation_label.clear()
        self.organisation_label.setVisible(False)
        self.setAccessibleName(shown.replace(" · ", ", "))
        self.setVisible(person is not None)


class NameSearchScreen(QWidget):
    person_chosen = Signal(object)
    """The visitor tapped a result row: the ``PersonSummary`` they chose."""
    back_requested = Signal()
    """The visitor wants to go back to the start screen."""
    speech_changed = Signal(str)
    """What the results say now, for a visitor who listens (``ui/narration.py``)."""

    def __init__(self, people: PersonSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nameSearchScreen")
        self._people = people
        self.results: list[PersonSummary] = []
        self._letters = 0
        self._more = False
        self._heading: str | None = None  # a flow's own heading; None: the default one

        self.back_button = QPushButton(self)
        self.back_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.back_button.clicked.connect(self.back_requested)
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)  # large text: it wraps instead of pushing past the edge

        self.field = QLineEdit(self)
        self.field.setObjectName("searchField")
        self.field.setMaxLength(MAX_QUERY_CHARS)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.textChanged.connect(self._search)
        self.field.installEventFilter(self)  # Enter in the field: on to the results

        self.status = QLabel(self)
        self.status.setObjectName("muted")
        self.results_box = QWidget(self)
        self._grid = QGridLayout(self.results_box)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(10)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        # Keep the keyboard where it is while results come and go.
        self.results_box.setMinimumHeight(3 * 76 + 2 * 10)
        self.results_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.result_buttons: list[PersonRow] = []
        for index in range(MAX_RESULTS):
            button = PersonRow(self.results_box)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, i=index: self._chosen(i))
            button.hide()
            self._grid.addWidget(button, index // _RESULT_COLUMNS, index % _RESULT_COLUMNS)
            self.result_buttons.append(button)

        self.keyboard = OnScreenKeyboard(self)
        self.keyboard.character_typed.connect(self._type)
        self.keyboard.backspace_requested.connect(self.field.backspace)
        self.keyboard.clear_requested.connect(self.field.clear)

        bar = QHBoxLayout()
        bar.setSpacing(16)
        bar.addWidget(self.back_button)
        bar.addWidget(self.field, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 6, 32, 6)  # room for the access bar on a 800 px tablet
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.results_box)
        layout.addStretch(1)
        layout.addWidget(self.keyboard)
        self._search("")
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self.back_button.setText("‹ " + self.tr("Tilbake"))
        self.back_button.setAccessibleName(self.tr("Tilbake"))
        self.back_button.setAccessibleDescription(self.tr("Tilbake til startskjermen"))
        self.heading.setText(self._heading if self._heading is not None else self.default_heading())
        self.field.setPlaceholderText(self.tr("Fornavn eller etternavn"))
        self.field.setAccessibleName(self.tr("Navn"))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def default_heading(self) -> str:
        return self.tr("Sjekk inn med navn – skriv navnet ditt")

    def set_heading(self, text: str) -> None:
        """Say what the name is for (e.g. taking a desk); ``reset`` brings back the default."""
        self._heading = text
        self.heading.setText(text)

    def reset(self) -> None:
        """Forget what was typed and found (leaving the screen, or after idle time)."""
        self._heading = None
        self.heading.setText(self.default_heading())
        self.field.clear()
        self._search("")

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _type(self, char: str) -> None:
        text = self.field.text()
        word_start = not text or text[-1] in " -"
        self.field.insert(char.upper() if word_start else char.lower())
        self.focus_field()

    def _search(self, text: str) -> None:
        query = " ".join(text.split())
        letters = sum(ch.isalpha() for ch in query)
        people = self._people.search(query, MAX_RESULTS) if letters >= MIN_LETTERS else []
        more = bool(getattr(people, "more", False))
        self._show(list(people)[:MAX_RESULTS], letters, more=more)

    def _show(self, people: list[PersonSummary], letters: int, *, more: bool = False) -> None:
        self.results, self._letters, self._more = people, letters, more
        self._show_status()
        for index, button in enumerate(self.result_buttons):
            button.show_person(people[index] if index < len(people) else None)
        if letters >= MIN_LETTERS:
            self.speech_changed.emit(self.results_text())

    def _show_status(self) -> None:
        letters, people, more = self._letters, self.results, self._more
        if letters < MIN_LETTERS:
            self.status.setText(self.tr("Skriv minst to bokstaver"))
        elif not people and more:
            self.status.setText(self.tr("Skriv mer av navnet"))
        elif not people:
            self.status.setText(self.tr("Ingen treff"))
        elif more:
            self.status.setText(self.tr("Flere treff – skriv mer av navnet, eller trykk på ditt"))
        else:
            self.status.setText(self.tr("Trykk på navnet ditt"))

    def spoken_text(self) -> str:
        return f"{self.heading.text()}. {self.results_text()}"

    def results_text(self) -> str:
        """The status line and the names found: "Trykk på navnet ditt. Kari N., NAV." """
        parts = [self.status.text().rstrip(".") + "."]
        parts += [
            f"{row.accessibleName()}." for row in self.result_buttons if row.isVisibleTo(self)
        ]
        return " ".join(parts)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.results
        ):
            self.result_buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _chosen(self, index: int) -> None:
        if index < len(self.results):
            self.person_chosen.emit(self.results[index])
