"""Printing a guest's badge through Qt's print system: a label printer, or a PDF file.

The badge (``kiosk.badges.Badge``) is drawn with QPainter on a QPrinter set to the label's
size (62 x 100 mm by default): "Gjest", the name, the organisation, whom they visit (masked),
the date, and the QR code of its signed token, which checks the guest out at this kiosk. The
QR code is drawn as vector squares, so it stays sharp on any printer. A printer that is
missing or refuses the job raises ``BadgePrintError``; the check-in stands regardless.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.badges import Badge

log = logging.getLogger(__name__)

QUIET_ZONE = 4  # modules of white around the QR code, as the standard asks


class BadgePrintError(Exception):
    """The badge could not be printed; the message says why (for the log, not the visitor)."""


def parse_size(text: str) -> tuple[float, float]:
    """ "62x100" → (62.0, 100.0) millimetres; ValueError for anything else."""
    parts = text.lower().replace("×", "x").replace("mm", "").split("x")
    if len(parts) != 2:
        raise ValueError(f"badge size {text!r} is not WIDTHxHEIGHT in mm")
    width, height = (float(p.strip()) for p in parts)
    if not (20 <= width <= 300 and 20 <= height <= 300):
        raise ValueError(f"badge size {text!r} is out of range (20-300 mm)")
    return width, height


class BadgePrinter:
    def __init__(
        self, printer_name: str = "", pdf_path: Path | None = None, size_mm: str = "62x100"
    ) -> None:
        self._printer_name = printer_name
        self._pdf_path = pdf_path
        self._size = parse_size(size_mm)

    @property
    def configured(self) -> bool:
        return bool(self._printer_name or self._pdf_path)

    def print_badge(self, badge: Badge) -> None:
        """Print ``badge`` or raise BadgePrintError."""
        if not self.configured:
            raise BadgePrintError("no badge printer is set")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self._pdf_path is not None:
            folder = self._pdf_path.parent
            if not folder.is_dir() or not os.access(folder, os.W_OK):
                raise BadgePrintError(f"cannot write a badge into {folder}")
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self._pdf_path))
        else:
            if QPrinterInfo.printerInfo(self._printer_name).isNull():
                raise BadgePrintError(f"no printer named {self._printer_name!r}")
            printer.setPrinterName(self._printer_name)
        width, height = self._size
        printer.setPageLayout(
            QPageLayout(
                QPageSize(QSizeF(width, height), QPageSize.Unit.Millimeter, "badge"),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Millimeter,
            )
        )
        printer.setDocName("RegionLab badge")
        painter = QPainter()
        if not painter.begin(printer):
            raise BadgePrintError("the printer did not start the job")
        try:
            self._draw(painter, printer, badge)
        finally:
            if not painter.end():
                raise BadgePrintError("the printer did not finish the job")
        log.info("kiosk: badge printed")

    def _draw(self, painter: QPainter, printer: QPrinter, badge: Badge) -> None:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        dots_per_mm = printer.resolution() / 25.4
        margin = 3 * dots_per_mm
        area = QRectF(page).adjusted(margin, margin, -margin, -margin)
        painter.fillRect(QRectF(page), QColor("white"))
        painter.setPen(QColor("black"))

        y = area.top()
        y = self._text(
            painter,
            area,
            y,
            QCoreApplication.translate("BadgePrinter", "GJEST"),
            9,
            bold=True,
            dots_per_mm=dots_per_mm,
        )
        y += 1 * dots_per_mm
        y = self._text(painter, area, y, badge.name, 16, bold=True, dots_per_mm=dots_per_mm)
        if badge.organisation:
            y = self._text(painter, area, y, badge.organisation, 11, dots_per_mm=dots_per_mm)
        y += 2 * dots_per_mm
        visiting = QCoreApplication.translate("BadgePrinter", "Besøker: %1").replace(
            "%1", badge.host
        )
        y = self._text(painter, area, y, visiting, 9, dots_per_mm=dots_per_mm)
        day = f"{badge.day.day:02d}.{badge.day.month:02d}.{badge.day.year}"
        y = self._text(painter, area, y, day, 9, dots_per_mm=dots_per_mm)

        caption = QCoreApplication.translate(
            "BadgePrinter", "Skann koden når du går, så er du sjekket ut"
        )
        caption_height = 9 * dots_per_mm
        side = min(area.width(), area.bottom() - caption_height - y - 2 * dots_per_mm)
        if side < 20 * dots_per_mm:
            raise BadgePrintError("the label is too small for the QR code")
        qr_box = QRectF(
            area.center().x() - side / 2, area.bottom() - caption_height - side, side, side
        )
        self._qr(painter, qr_box, badge.token)
        self._text(
            painter,
            area,
            area.bottom() - caption_height + 1 * dots_per_mm,
            caption,
            7,
            dots_per_mm=dots_per_mm,
            centre=True,
        )

    @staticmethod
    def _text(
        painter: QPainter,
        area: QRectF,
        y: float,
        text: str,
        points: float,
        *,
        dots_per_mm: float,
        bold: bool = False,
        centre: bool = False,
    ) -> float:
        """Draw wrapped ``text`` from ``y``; return the y under it. A long name shrinks."""
        font = QFont("DejaVu Sans")
        font.setBold(bold)
        size = points
        flags = Qt.TextFlag.TextWordWrap | (
            Qt.AlignmentFlag.AlignHCenter if centre else Qt.AlignmentFlag.AlignLeft
        )
        while True:
            # Points are 1/72 inch; the painter draws in printer dots.
            font.setPixelSize(max(1, round(size / 72 * 25.4 * dots_per_mm)))
            bounds = QFontMetricsF(font).boundingRect(
                QRectF(area.left(), y, area.width(), area.height()), int(flags), text
            )
            if bounds.height() <= 3 * QFontMetricsF(font).height() or size <= 5:
                break
            size -= 1
        painter.setFont(font)
        painter.drawText(QRectF(area.left(), y, area.width(), bounds.height()), int(flags), text)
        return y + bounds.height()

    @staticmethod
    def _qr(painter: QPainter, box: QRectF, token: str) -> None:
        import qrcode  # here, not at the top: only a guest's badge needs it (issue 13)
        import qrcode.constants

        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(token)
        code.make(fit=True)
        matrix = code.get_matrix()
        modules = len(matrix) + 2 * QUIET_ZONE
        cell = box.width() / modules
        painter.fillRect(box, QColor("white"))
        black = QColor("black")
        painter.setPen(Qt.PenStyle.NoPen)
        for row, line in enumerate(matrix):
            for column, dark in enumerate(line):
                if dark:
                    painter.fillRect(
                        QRectF(
                            box.left() + (column + QUIET_ZONE) * cell,
                            box.top() + (row + QUIET_ZONE) * cell,
                            cell * 1.01,  # no hairline gaps between neighbours
                            cell * 1.01,
                        ),
                        black,
                    )
        painter.setPen(black)
