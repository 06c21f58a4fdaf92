"""The evacuation list on the kiosk, for staff: everyone in the building now.

One row per person (name, organisation, member or guest, desk or zone, time in), each a button
that ticks the person off as accounted for: the row then starts with a check mark and ends with
the words "gjort rede for", so the state is never told by colour alone. A count on top says how
many are accounted for. The ticks live in this screen only; ``clear`` (called whenever the start
screen returns, and on "Lukk") forgets the list and its ticks, so nothing of it stays on a
public screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.evacuation import EvacuationList, Evacuee


class EvacuationScreen(QWidget):
    print_requested = Signal()
    """"Skriv ut"."""
    closed = Signal()
    """"Lukk": back to the staff screen."""
    ticks_changed = Signal()
    """Someone was ticked off, or the tick was taken back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evacuationScreen")
        self._list: EvacuationList | None = None
        self._ticked: set[str] = set()
        self._note: str | None = None
        self.rows: list[QPushButton] = []
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.counted = QLabel(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.print_button = QPushButton(self)
        self.print_button.setProperty("role", "primary")
        self.print_button.clicked.connect(self.print_requested)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.closed)
        for button in (self.print_button, self.close_button):
            button.setProperty("scale", "large")
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(8)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 24)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.counted)
        layout.addWidget(self.note)
        layout.addWidget(self.empty)
        layout.addLayout(self._rows_box)
        layout.addStretch(1)
        self.retranslate()

    # What is shown ---------------------------------------------------------------------------
    @property
    def ticked(self) -> frozenset[str]:
        return frozenset(self._ticked)

    @property
    def shown(self) -> EvacuationList | None:
        return self._list

    def show_list(self, made: EvacuationList) -> None:
        """Show ``made``; ticks of people still on it are kept (a refreshed list)."""
        self._list = made
        self._ticked &= {p.person_id for p in made.people}
        self._drop_rows()
        for person in made.people:
            row = QPushButton(self)
            row.setObjectName("evacuationRow")
            row.setCheckable(True)
            row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            row.setStyleSheet("text-align: left; padding-left: 16px;")
            row.setProperty("person_id", person.person_id)
            row.clicked.connect(lambda _checked=False, p=person.person_id: self.toggle(p))
            self._rows_box.addWidget(row)
            self.rows.append(row)
        self._show()

    def clear(self) -> None:
        """Forget the list and every tick."""
        self._ticked.clear()
        self._list = None
        self._note = None
        self._drop_rows()
        self._show()

    def _drop_rows(self) -> None:
        """Remove the rows now: out of the window at once, deleted when Qt gets to it."""
        for row in self.rows:
            self._rows_box.removeWidget(row)
            row.setText("")
            row.setAccessibleName("")
            row.setParent(None)
            row.deleteLater()
        self.rows = []

    def toggle(self, person_id: str) -> None:
        if person_id in self._ticked:
            self._ticked.discard(person_id)
        else:
            self._ticked.add(person_id)
        self._show()
        self.ticks_changed.emit()

    def show_note(self, note: str | None) -> None:
        self._note = note
        self._show()

    # Texts -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Evakueringsliste"))
        self.print_button.setText(self.tr("Skriv ut"))
        self.print_button.setAccessibleName(self.tr("Skriv ut listen"))
        self.close_button.setText(self.tr("Lukk"))
        self.close_button.setAccessibleName(self.tr("Lukk listen"))
        self.close_button.setAccessibleDescription(self.tr("Avkrysningene blir glemt"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def row_text(self, person: Evacuee) -> str:
        """The person's line as shown now (with the check mark when ticked)."""
        return row_text(person, ticked=person.person_id in self._ticked)

    def _show(self) -> None:
        made = self._list
        people = made.people if made is not None else ()
        if made is None:
            self.summary.clear()
            self.counted.clear()
        else:
            at = made.made_at.strftime("%H:%M")
            if len(people) == 1:  # lupdate sees no plural forms in Python: two sentences
                summary = self.tr("1 person i bygget nå (per kl. %1)").replace("%1", at)
            else:
                summary = (
                    self.tr("%1 personer i bygget nå (per kl. %2)")
                    .replace("%1", QLocale().toString(len(people)))
                    .replace("%2", at)
                )
            self.summary.setText(summary)
            self.counted.setText(
                self.tr("Gjort rede for: %1 av %2")
                .replace("%1", QLocale().toString(len(self._ticked)))
                .replace("%2", QLocale().toString(len(people)))
            )
        nobody = made is not None and not people
        self.empty.setText(self.tr("Ingen er registrert i bygget nå.") if nobody else "")
        self.empty.setVisible(nobody)
        self.note.setText(f"ⓘ {self._note}" if self._note else "")
        for row, person in zip(self.rows, people, strict=True):
            ticked = person.person_id in self._ticked
            row.setChecked(ticked)
            row.setText(row_text(person, ticked=ticked))
            row.setAccessibleName(row.text())
            row.setAccessibleDescription(
                self.tr("Trykk for å ta bort avkrysningen")
                if ticked
                else self.tr("Trykk når personen er gjort rede for")
            )


def place_text(person: Evacuee) -> str:
    """"Pult A-01, Sone A", "Sone B", or "Ingen pult"."""
    if person.desk and person.zone:
        return (
            QCoreApplication.translate("EvacuationList", "Pult %1, %2")
            .replace("%1", person.desk)
            .replace("%2", person.zone)
        )
    if person.desk:
        return QCoreApplication.translate("EvacuationList", "Pult %1").replace("%1", person.desk)
    if person.zone:
        return person.zone
    return QCoreApplication.translate("EvacuationList", "Ingen pult")


def row_text(person: Evacuee, *, ticked: bool) -> str:
    """One person's line, on screen and on paper; ticked ones start with a check mark."""
    name = person.name or QCoreApplication.translate("EvacuationList", "(navn ikke synkronisert)")
    parts = [name]
    if person.organisation:
        parts.append(person.organisation)
    if person.guest:
        parts.append(QCoreApplication.translate("EvacuationList", "gjest"))
    parts.append(place_text(person))
    parts.append(
        QCoreApplication.translate("EvacuationList", "inn %1").replace(
            "%1", person.checked_in_at.strftime("%H:%M")
        )
    )
    text = " · ".join(parts)
    if ticked:
        return "✓ " + text + " – " + QCoreApplication.translate("EvacuationList", "gjort rede for")
    return "☐ " + text
