"""Today's lunch talk ("faglig lunsj") on the start screen: when, what, where, seats left, and
"Meld meg på". A full talk says so in words (never by colour alone) and offers no button.

The panel shows what it is given (``show_talk``); ``ui.lunch_flow`` gives it today's talk
and answers its ``signup_requested``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui import theme
from ui.time_display import format_time
from ui.widgets.one_line_label import OneLineLabel

if TYPE_CHECKING:
    from kiosk.lunch import LunchTalk  # the store's kind (SQLAlchemy): for types only


class LunchPanel(QWidget):
    signup_requested = Signal(str)
    """The visitor tapped "Meld meg på" for this talk id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lunchPanel")
        self._talk: LunchTalk | None = None
        # Two lines, each shortened with "…" where it does not fit, and an ordinary button: the
        # start screen fits the tablet without scrolling; the sign-up screen shows the title.
        self.heading = OneLineLabel(self)
        self.heading.setObjectName("lunchHeading")
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.details = OneLineLabel(self)
        self.details.setObjectName("lunchDetails")
        self.signup_button = QPushButton(self)
        self.signup_button.setObjectName("lunchSignup")
        self.signup_button.setMinimumSize(theme.MIN_TOUCH, theme.MIN_TOUCH)
        self.signup_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.signup_button.clicked.connect(self._signup_clicked)

        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.heading)
        texts.addWidget(self.details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        layout.addLayout(texts, 1)
        layout.addWidget(self.signup_button)
        self.show_talk(None)

    @property
    def talk(self) -> LunchTalk | None:
        return self._talk

    def show_talk(self, talk: LunchTalk | None) -> None:
        """Show ``talk`` (today's next one), or nothing at all when there is none."""
        self._talk = talk
        self.setVisible(talk is not None)
        self.retranslate()

    def retranslate(self) -> None:
        talk = self._talk
        if talk is None:
            return
        when = f"{format_time(talk.starts_at)}–{format_time(talk.ends_at)}"
        self.heading.set_full_text(
            self.tr("Faglig lunsj i dag kl. %1: «%2»").replace("%1", when).replace("%2", talk.title)
        )
        locale = QLocale()
        if talk.full:
            seats = self.tr("Fullt: alle %1 plassene er tatt").replace(
                "%1", locale.toString(talk.capacity)
            )
        else:
            seats = (
                self.tr("%1 av %2 plasser ledige")
                .replace("%1", locale.toString(talk.seats_left))
                .replace("%2", locale.toString(talk.capacity))
            )
        self.details.set_full_text(f"{talk.room} · {seats}")
        self.signup_button.setText(self.tr("Meld meg på"))
        self.signup_button.setVisible(not talk.full)
        self.signup_button.setAccessibleName(self.tr("Meld meg på faglig lunsj"))
        self.signup_button.setAccessibleDescription(
            self.tr("Meld deg på med QR-koden eller navnet ditt")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _signup_clicked(self) -> None:
        if self._talk is not None:
            self.signup_requested.emit(self._talk.id)
