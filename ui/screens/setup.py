"""The set-up screen a new kiosk shows on its first start: read the provisioning code.

A handheld scanner types the code into the field and ends with Return; a person can type it on
a keyboard or on the screen's own keys (digits, letters and the characters of an address). The
screen owns no logic: ``submitted`` says what was entered, ``show_*`` say how it went.
"""

from __future__ import annotations

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

from ui.i18n import LANGUAGE_NAMES

KEY_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL:", "ZXCVBNM./-")
MIN_TARGET = 56  # px; every control is at least 44x44


class SetupScreen(QWidget):
    submitted = Signal(str)
    """The code as read or typed."""
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupScreen")
        self._state = "idle"
        self._detail = ""
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.instructions = QLabel()
        self.instructions.setObjectName("muted")
        self.instructions.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("setupCode")
        self.field.setMinimumHeight(MIN_TARGET)
        self.field.setMaxLength(300)
        self.field.returnPressed.connect(self._submit)
        self.use = QPushButton()
        self.use.setProperty("role", "primary")
        self.use.setMinimumSize(MIN_TARGET * 3, MIN_TARGET)
        self.use.clicked.connect(self._submit)
        self.message = QLabel()
        self.message.setObjectName("setupMessage")  # body size: three lines must fit
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message.setAccessibleName("status")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)
        layout.setSpacing(10)
        languages = QHBoxLayout()  # beside the title: the screen must fit 1280x800
        languages.addWidget(self.title, 1)
        self._language_buttons: dict[str, QPushButton] = {}
        for code, name in LANGUAGE_NAMES.items():
            button = QPushButton(name)
            button.setMinimumSize(MIN_TARGET * 2, MIN_TARGET)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
            languages.addWidget(button)
            self._language_buttons[code] = button
        layout.addLayout(languages)
        layout.addWidget(self.instructions)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.use)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self._keyboard(), 1)
        self.retranslate()
        self.field.setFocus()

    def _keyboard(self) -> QWidget:
        keys = QWidget()
        grid = QGridLayout(keys)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for r, row in enumerate(KEY_ROWS):
            for c, char in enumerate(row):
                button = self._key(char)
                button.clicked.connect(lambda _=False, ch=char: self._type(ch))
                grid.addWidget(button, r, c)
        self.space = self._key("")
        self.space.clicked.connect(lambda: self._type(" "))
        grid.addWidget(self.space, 4, 0, 1, 6)
        self.backspace = self._key("")
        self.backspace.clicked.connect(self.field.backspace)
        grid.addWidget(self.backspace, 4, 6, 1, 2)
        self.clear = self._key("")
        self.clear.clicked.connect(self.field.clear)
        grid.addWidget(self.clear, 4, 8, 1, 2)
        return keys

    def _key(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("role", "key")
        button.setAccessibleName(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the scanner's keys
        button.setMinimumSize(MIN_TARGET, MIN_TARGET)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return button

    def _type(self, char: str) -> None:
        self.field.insert(char)
        self.field.setFocus()

    def _submit(self) -> None:
        text = self.field.text().strip()
        if text and self._state != "working":
            self.submitted.emit(text)

    # --- what the flow reports ----------------------------------------------------------------

    def show_working(self) -> None:
        self._set_state("working")

    def show_failure(self, reason: str, detail: str = "") -> None:
        self._detail = detail
        self._set_state(reason)
        self.field.selectAll()
        self.field.setFocus()

    def show_done(self, kiosk_name: str) -> None:
        self._detail = kiosk_name
        self._set_state("done")

    def state(self) -> str:
        return self._state

    def _set_state(self, state: str) -> None:
        self._state = state
        self.use.setEnabled(state not in ("working", "done"))
        self.message.setText(self._message(state))

    def _message(self, state: str) -> str:
        messages = {
            "idle": "",
            "working": self.tr("Kobler til sentralen …"),
            "done": self.tr("Kiosken er satt opp som %1. Starter …").replace("%1", self._detail),
            "bad_code": self.tr(
                "Dette er ikke en oppsettkode. En oppsettkode begynner med RLP1, så adressen "
                "til sentralen og 16 tegn."
            ),
            "unknown": self.tr(
                "Sentralen kjenner ikke denne koden. Sjekk at den er skrevet riktig, eller lag "
                "en ny."
            ),
            "used": self.tr(
                "Denne koden er allerede brukt. Lag en ny kode med "
                "«regionlab-central kiosk provision»."
            ),
            "expired": self.tr(
                "Denne koden er utløpt: en kode gjelder i 24 timer. Lag en ny kode med "
                "«regionlab-central kiosk provision»."
            ),
            "rate_limited": self.tr("For mange feil koder. Vent ti minutter og prøv igjen."),
            "insecure": self.tr(
                "Kiosken sender ikke nøkkelen sin ukryptert (http) til en annen maskin. Bruk en "
                "https-adresse."
            ),
            "tls": self.tr(
                "Sentralens sertifikat kunne ikke bekreftes. Sjekk adressen, eller sett en "
                "egen CA-fil (ca_file)."
            ),
            "unreachable": self.tr(
                "Får ikke kontakt med sentralen på %1. Sjekk nettverket og adressen, og prøv igjen."
            ).replace("%1", self._detail),
            "store_error": self.tr("Sentralen svarte med en feil. Prøv igjen om litt."),
            "cannot_save": self.tr(
                "Kunne ikke lagre innstillingene på denne maskinen. Kontakt driftsansvarlig."
            ),
        }
        return messages.get(state, messages["store_error"])

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sett opp kiosken"))
        self.instructions.setText(
            self.tr(
                "Hold QR-koden fra «regionlab-central kiosk provision» foran kameraet eller "
                "skanneren, eller skriv koden inn og trykk «Bruk koden»."
            )
        )
        self.field.setAccessibleName(self.tr("Oppsettkode"))
        # A format, in no language:
        self.field.setPlaceholderText("RLP1 https://… XXXX-XXXX-XXXX-XXXX")
        self.use.setText(self.tr("Bruk koden"))
        self.use.setAccessibleName(self.tr("Bruk koden"))
        self.space.setText(self.tr("Mellomrom"))
        self.space.setAccessibleName(self.tr("Mellomrom"))
        self.backspace.setText("⌫ " + self.tr("Slett"))
        self.backspace.setAccessibleName(self.tr("Slett siste tegn"))
        self.clear.setText(self.tr("Tøm"))
        self.clear.setAccessibleName(self.tr("Tøm feltet"))
        self.message.setText(self._message(self._state))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
