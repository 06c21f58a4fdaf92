"""Printing the evacuation list through Qt's print system (a printer, or a PDF file).

The page holds the site, when the list was made, the count, and one line per person with the
same words as the screen: a check mark and "gjort rede for" for those ticked off, an empty box
for the others, so it reads the same in black and white.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.evacuation import EvacuationList
from ui.screens.evacuation import row_text

PrinterFactory = Callable[[], QPrinter]


class PrintFailed(Exception):
    """The printer could not be opened (none set up, a PDF file that cannot be written)."""


def pdf_printer(path: Path) -> PrinterFactory:
    """A factory for a printer that writes ``path`` as a PDF (tests; kiosks without a printer)."""

    def make() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer

    return make


def system_printer(fallback_pdf: Path) -> PrinterFactory:
    """The system's default printer, or a PDF file at ``fallback_pdf`` when it has none."""

    def make() -> QPrinter:
        if QPrinterInfo.defaultPrinter().isNull():
            return pdf_printer(fallback_pdf)()
        return QPrinter(QPrinterInfo.defaultPrinter(), QPrinter.PrinterMode.HighResolution)

    return make


def evacuation_html(made: EvacuationList, ticked: frozenset[str]) -> str:
    title = QCoreApplication.translate("EvacuationList", "Evakueringsliste")
    when = made.made_at.strftime("%Y-%m-%d %H:%M")
    count = (
        QCoreApplication.translate("EvacuationList", "%1 personer i bygget, %2 gjort rede for")
        .replace("%1", QLocale().toString(len(made.people)))
        .replace("%2", QLocale().toString(len(ticked)))
    )
    lines = "".join(
        f"<p style='margin: 4pt 0'>{html.escape(row_text(p, ticked=p.person_id in ticked))}</p>"
        for p in made.people
    )
    if not made.people:
        nobody = QCoreApplication.translate("EvacuationList", "Ingen er registrert i bygget nå.")
        lines = f"<p>{html.escape(nobody)}</p>"
    return (
        f"<h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(made.site)} · {html.escape(when)}</p>"
        f"<p><b>{html.escape(count)}</b></p>{lines}"
    )


def print_evacuation(made: EvacuationList, ticked: frozenset[str], printer: QPrinter) -> None:
    """Print the list on ``printer`` (A4 portrait); raises PrintFailed if it cannot."""
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            printer.pageLayout().margins(),
        )
    )
    document = QTextDocument()
    document.setDefaultFont(document.defaultFont())
    document.setHtml(evacuation_html(made, ticked))
    if not printer.isValid():
        raise PrintFailed("the printer is not valid")
    document.print_(printer)
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintFailed("the printer reported an error")
