"""Whom the guest visits: a search among the site's members, each shown masked ("Kari N. ·
NAV"), at most five, after two letters. The core does the search (``GuestService``)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, Qt, Signal
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

from kiosk.guests import MAX_HOSTS, Host
from ui import theme
from ui.widgets.keyboard import OnScreenKeyboard

MIN_LETTERS = 2
MAX_QUERY_CHARS = 60


class HostSearch(Protocol):
    def search_hosts(self, query: str) -> list[Host]: ...


class GuestHostScreen(QWidget):
    host_chosen = Signal(object)
    """The visitor tapped a host: the ``Host``."""
    back_requested = Signal()
    """The visitor wants the step before."""
    speech_changed = Signal(str)
    """What the results say now, for a visitor who listens (``ui/narration.py``)."""

    def __init__(self, hosts: HostSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guestHostScreen")
        self._hosts = hosts
        self.results: list[Host] = []
        self._letters = 0

        self.back_button = QPushButton(self)
        self.back_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.back_button.setMinimumHeight(theme.BUTTON_HEIGHT)
        self.back_button.clicked.connect(self.back_requested)
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("searchField")
        self.field.setMaxLength(MAX_QUERY_CHARS)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.textChanged.connect(self._search)
        self.status = QLabel(self)
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)

        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        box.setMinimumHeight(3 * 72 + 2 * 10)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.result_buttons: list[QPushButton] = []
        for index in range(MAX_HOSTS):
            button = QPushButton(box)
            button.setProperty("role", "result")
            button.setMinimumHeight(theme.BUTTON_HEIGHT)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, i=index: self._chosen(i))
            button.hide()
            grid.addWidget(button, index // 2, index % 2)
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
        layout.setContentsMargins(32, 6, 32, 6)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(self.keyboard)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText("‹ " + self.tr("Tilbake"))
        self.back_button.setAccessibleName(self.tr("Tilbake"))
        self.heading.setText(self.tr("Hvem skal du besøke?"))
        self.field.setPlaceholderText(self.tr("Fornavn eller etternavn"))
        self.field.setAccessibleName(self.tr("Navnet på verten din"))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reset(self) -> None:
        self.field.clear()
        self._search("")

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def spoken_text(self) -> str:
        names = [b.accessibleName() for b in self.result_buttons if not b.isHidden()]
        return " ".join([self.heading.text(), self.status.text(), *names])

    def _type(self, char: str) -> None:
        text = self.field.text()
        word_start = not text or text[-1] in " -"
        self.field.insert(char.upper() if word_start else char.lower())
        self.focus_field()

    def _search(self, text: str) -> None:
        query = " ".join(text.split())
        self._letters = sum(ch.isalpha() for ch in query)
        self.results = self._hosts.search_hosts(query) if self._letters >= MIN_LETTERS else []
        for index, button in enumerate(self.result_buttons):
            host = self.results[index] if index < len(self.results) else None
            button.setText(host.display if host else "")
            button.setAccessibleName(host.display if host else "")
            button.setVisible(host is not None)
        self._show_status()
        if self._letters >= MIN_LETTERS:
            names = [h.display for h in self.results]
            self.speech_changed.emit(" ".join([self.status.text(), *names]))

    def _show_status(self) -> None:
        if self._letters < MIN_LETTERS:
            self.status.setText(
                self.tr("Skriv minst to bokstaver av navnet til den du skal besøke")
            )
        elif not self.results:
            self.status.setText(self.tr("Ingen treff. Sjekk navnet, eller spør i resepsjonen."))
        else:
            self.status.setText(self.tr("Trykk på den du skal besøke"))

    def _chosen(self, index: int) -> None:
        if index < len(self.results):
            self.host_chosen.emit(self.results[index])
