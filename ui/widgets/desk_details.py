"""The panel beside the map for one tapped (or suggested) desk, with "Ta denne pulten"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.desks import Desk, DeskState, DeskStatus
from ui.time_display import format_time, is_midnight
from ui.widgets.desk_item import state_name
from ui.widgets.map_legend import DeskSwatch

CLAIMABLE = (DeskState.FREE, DeskState.BOOKED_LATER)


def equipment_words(equipment: tuple[str, ...]) -> str:
    """E.g. "skjerm, hev-senk-pult, trinnfri adkomst"; unknown kinds are shown as they are."""
    words = {
        "screen": QCoreApplication.translate("DeskDetails", "skjerm"),
        "dual_screen": QCoreApplication.translate("DeskDetails", "to skjermer"),
        "standing": QCoreApplication.translate("DeskDetails", "hev-senk-pult"),
        "quiet": QCoreApplication.translate("DeskDetails", "stillesone"),
        "step_free": QCoreApplication.translate("DeskDetails", "trinnfri adkomst"),
        "docking": QCoreApplication.translate("DeskDetails", "dokkingstasjon"),
        "window": QCoreApplication.translate("DeskDetails", "ved vinduet"),
        "headset": QCoreApplication.translate("DeskDetails", "hodesett"),
        "webcam": QCoreApplication.translate("DeskDetails", "kamera"),
    }
    return ", ".join(words.get(kind, kind.replace("_", " ")) for kind in equipment)


def free_until_text(status: DeskStatus | None) -> str:
    if status is None or status.state not in CLAIMABLE or status.free_until is None:
        return ""
    if is_midnight(status.free_until):
        return QCoreApplication.translate("DeskDetails", "Ledig resten av dagen")
    when = format_time(status.free_until)
    if status.state is DeskState.BOOKED_LATER:
        return QCoreApplication.translate(
            "DeskDetails", "Ledig til kl. %1 – booket etter det"
        ).replace("%1", when)
    return QCoreApplication.translate("DeskDetails", "Ledig til kl. %1").replace("%1", when)


class DeskDetails(QWidget):
    claim_requested = Signal()
    """The visitor tapped "Ta denne pulten"."""
    close_requested = Signal()
    """The visitor closed the panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskDetails")
        self.desk: Desk | None = None
        self.status: DeskStatus | None = None
        self.note = QLabel(self)
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.title = QLabel(self)
        self.title.setObjectName("heading")
        self.swatch = DeskSwatch(DeskState.FREE, parent=self)
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.zone_label = QLabel(self)
        self.zone_label.setWordWrap(True)
        self.equipment_label = QLabel(self)
        self.equipment_label.setWordWrap(True)
        self.until_label = QLabel(self)
        self.until_label.setWordWrap(True)
        self.claim_button = QPushButton(self)
        self.claim_button.setProperty("role", "primary")
        self.claim_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.claim_button.clicked.connect(self.claim_requested)
        self.close_button = QPushButton(self)
        self.close_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.close_button.clicked.connect(self.close_requested)

        state_row = QHBoxLayout()
        state_row.setSpacing(8)
        state_row.addWidget(self.swatch, 0, Qt.AlignmentFlag.AlignTop)
        state_row.addWidget(self.state_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.note)
        layout.addWidget(self.title)
        layout.addLayout(state_row)
        layout.addWidget(self.zone_label)
        layout.addWidget(self.equipment_label)
        layout.addWidget(self.until_label)
        layout.addSpacing(4)
        layout.addWidget(self.claim_button)
        layout.addWidget(self.close_button)
        self._note = ""
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self.claim_button.setText(self.tr("Ta denne pulten"))
        self.close_button.setText(self.tr("Lukk"))
        if self.desk is not None:
            self.show_desk(self.desk, self.status, note=self._note)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def claimable(self) -> bool:
        return self.status is not None and self.status.state in CLAIMABLE

    def show_desk(self, desk: Desk, status: DeskStatus | None, *, note: str = "") -> None:
        self.desk, self.status, self._note = desk, status, note
        state = status.state if status else DeskState.UNAVAILABLE
        provisional = status.provisional if status else False
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.title.setText(self.tr("Pult %1").replace("%1", desk.label))
        self.swatch.state, self.swatch.provisional = state, provisional
        self.swatch.update()
        self.state_label.setText(state_name(state, provisional=provisional))
        self.zone_label.setText(self.tr("Sone: %1").replace("%1", desk.zone) if desk.zone else "")
        self.zone_label.setVisible(bool(desk.zone))
        equipment = (
            self.tr("Utstyr: %1").replace("%1", equipment_words(desk.equipment))
            if desk.equipment
            else ""
        )
        self.equipment_label.setText(equipment)
        self.equipment_label.setVisible(bool(equipment))
        until = free_until_text(status)
        self.until_label.setText(until)
        self.until_label.setVisible(bool(until))
        self.claim_button.setVisible(self.claimable)
        self.setAccessibleName(f"{desk.label}, {state_name(state, provisional=provisional)}")

    def clear(self) -> None:
        self.desk = self.status = None
        self._note = ""
        for label in (self.note, self.title, self.state_label, self.zone_label):
            label.clear()
        self.equipment_label.clear()
        self.until_label.clear()
