"""The floor map's legend: one row per desk state, drawn by the same painter as the map."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from kiosk.desks import DeskState
from ui.widgets.desk_item import paint_desk, state_name

SWATCH = QSize(52, 34)


class DeskSwatch(QWidget):
    """A small desk in one state (no label), as it looks on the map."""

    def __init__(
        self,
        state: DeskState,
        *,
        provisional: bool = False,
        highlighted: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state, self.provisional, self.highlighted = state, provisional, highlighted
        self.setFixedSize(SWATCH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_desk(
            painter,
            QRectF(7, 7, SWATCH.width() - 14, SWATCH.height() - 14),
            self.state,
            provisional=self.provisional,
            highlighted=self.highlighted,
        )
        painter.end()


class MapLegend(QWidget):
    """Explains every state a desk can show, plus a provisional claim and "your desk"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapLegend")
        self.heading = QLabel(self)
        self.heading.setObjectName("legendHeading")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        swatches = [DeskSwatch(state, parent=self) for state in DeskState]
        swatches.append(DeskSwatch(DeskState.OCCUPIED, provisional=True, parent=self))
        swatches.append(DeskSwatch(DeskState.OCCUPIED, highlighted=True, parent=self))
        self.entries: list[tuple[DeskSwatch, QLabel]] = []
        for row, swatch in enumerate(swatches, start=1):
            label = QLabel(self)
            label.setObjectName("legendText")
            label.setWordWrap(True)
            grid.addWidget(swatch, row, 0)
            grid.addWidget(label, row, 1)
            self.entries.append((swatch, label))
        grid.setColumnStretch(1, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self.heading.setText(self.tr("Forklaring"))
        texts = [state_name(state) for state in DeskState]
        texts += [self.tr("Ikke bekreftet ennå"), self.tr("Din pult")]
        for (swatch, label), text in zip(self.entries, texts, strict=True):
            label.setText(text)
            swatch.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def texts(self) -> list[str]:
        return [label.text() for _swatch, label in self.entries]
