"""The report as a PDF the pilot can hand on as it is: cover, summary in plain language, each
chart (the SVG of ``charts``) with its table beside it, and a note on method and privacy; in
bokmål, nynorsk or English (``words``), with the same figures in each.

reportlab (pure Python wheels, no system libraries); the Bitstream Vera fonts that ship with it
are embedded, so æøå print on any machine."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

import reportlab
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from svglib.svglib import svg2rlg

from central.domain.reports import charts
from central.domain.reports.suppression import MIN_PEOPLE
from central.domain.reports.tables import Report, summarise
from central.domain.reports.tables import Table as ReportTable
from central.domain.reports.words import DEFAULT, LANGUAGES, say, translated, words

PAGE = landscape(A4)
TALL = 30  # rows beyond which a table no longer fits beside its chart
INK = colors.HexColor("#1b2a3a")
ACCENT = colors.HexColor("#1f5f8b")


def _fonts() -> None:
    if "Vera" in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("Vera", str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", str(folder / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="Vera-Bold")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName="Vera", fontSize=10, leading=14, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "cover": ParagraphStyle(
            "cover", parent=base, fontName="Vera-Bold", fontSize=30, leading=36, textColor=ACCENT
        ),
        "sub": ParagraphStyle("sub", parent=base, fontSize=14, leading=20),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName="Vera-Bold",
            fontSize=16,
            leading=20,
            spaceAfter=6,
            textColor=ACCENT,
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName="Vera-Bold", fontSize=12, leading=16, spaceAfter=3
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9, splitLongWords=0),
        "head": ParagraphStyle("head", parent=base, fontSize=6.5, leading=8, splitLongWords=0),
    }


def localised(report: Report, lang: str) -> Report:
    """The report in ``lang``: its tables' words and its summary; the same figures."""
    if lang not in LANGUAGES:
        raise ValueError(f"no such language: {lang!r}")
    if lang == DEFAULT:
        return report
    return dataclasses.replace(
        report,
        tables=[translated(t, lang) for t in report.tables],
        summary=summarise(report, lang),
    )


def period_text(first: date, last: date) -> str:
    return f"{first.day}.{first.month}.{first.year}–{last.day}.{last.month}.{last.year}"


def build(report: Report, lang: str = DEFAULT) -> bytes:
    """The PDF of ``report`` in ``lang`` (nb, nn or en; ValueError for another)."""
    shown = localised(report, lang)
    _fonts()
    styles = _styles()
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=say("pdf_title", lang),
        author="RegionLab",
        subject=period_text(report.first, report.last),
        lang=lang,
    )

    def footer(canvas, document):  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Vera", 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(15 * mm, 8 * mm, say("pdf_footer", lang, n=MIN_PEOPLE))
        canvas.drawRightString(PAGE[0] - 15 * mm, 8 * mm, say("pdf_page", lang, n=document.page))
        canvas.restoreState()

    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="main")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    story: list = []
    sites = ", ".join(report.site_names)
    period = period_text(report.first, report.last)
    story += [
        Spacer(1, 40 * mm),
        Paragraph("RegionLab", styles["sub"]),
        Paragraph(_escape(say("pdf_cover", lang)), styles["cover"]),
        Spacer(1, 8 * mm),
        Paragraph(_escape(say("pdf_sites", lang, sites=sites)), styles["sub"]),
        Paragraph(_escape(say("pdf_period", lang, period=period)), styles["sub"]),
        Spacer(1, 20 * mm),
        Paragraph(_escape(say("pdf_intro", lang, n=MIN_PEOPLE)), styles["body"]),
        PageBreak(),
        Paragraph(_escape(say("pdf_summary", lang)), styles["h1"]),
    ]
    for line in shown.summary or [say("pdf_no_figures", lang)]:
        story.append(Paragraph(f"• {_escape(line)}", styles["body"]))
        story.append(Spacer(1, 2 * mm))
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(_escape(say("pdf_shows", lang)), styles["h2"]))
    story.append(Paragraph(_escape(say("pdf_shows_text", lang)), styles["body"]))
    story.append(PageBreak())
    first_table = True
    for table in shown.tables:
        block = _table_block(table, styles, lang)
        if not first_table:
            story.append(Spacer(1, 6 * mm))
        story.append(KeepTogether(block) if len(table.rows) <= TALL else block[0])
        if len(table.rows) > TALL:
            story += block[1:]
        first_table = False
    story.append(PageBreak())
    story += _method(styles, lang)
    doc.build(story)
    return out.getvalue()


def write(report: Report, path: Path, lang: str = DEFAULT) -> None:
    path.write_bytes(build(report, lang))


def _table_block(table: ReportTable, styles: dict[str, ParagraphStyle], lang: str) -> list:
    block: list = [
        Paragraph(_escape(table.title), styles["h1"]),
        Paragraph(_escape(table.description), styles["body"]),
        Spacer(1, 3 * mm),
    ]
    data = table.published()
    if table.totals:  # the totals' own word ("Sum") in the table's language
        total = words(lang)("Sum")
        data = [[*data[0][:-1], total], *data[1:-1], [total, *data[-1][1:]]]
    chart_svg = charts.svg(table)
    full = PAGE[0] - 30 * mm
    if chart_svg is None:
        block.append(_grid(data, styles, full, table.totals))
        return block
    drawing = svg2rlg(io.BytesIO(chart_svg.encode("utf-8")))
    assert drawing is not None
    width = full * (0.42 if table.chart == "heatmap" else 0.52)
    scale = width / drawing.width
    max_h = 120 * mm
    scale = min(scale, max_h / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    if len(data) > TALL:
        # a long table (a year of weeks) goes below its chart and runs on over pages
        block += [
            _as_flowable(drawing),
            Spacer(1, 3 * mm),
            _grid(data, styles, full * 0.7, table.totals),
        ]
        return block
    grid = _grid(data, styles, full - width - 6 * mm, table.totals)
    side = Table([[_as_flowable(drawing), grid]], colWidths=[width + 6 * mm, None])
    side.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    block.append(side)
    return block


def _as_flowable(drawing: Drawing) -> Drawing:
    return drawing


def _grid(
    data: list[list[str]], styles: dict[str, ParagraphStyle], width: float, totals: bool
) -> Table:
    cols = len(data[0])
    size = 6.5 if cols > 8 else 7.5
    # each number column as wide as its longest header word or number, the first the rest
    needs = [
        max(
            [pdfmetrics.stringWidth(w, "Vera-Bold", size) for w in data[0][c].split()]
            + [pdfmetrics.stringWidth(row[c], "Vera", 7.5) for row in data[1:]]
        )
        + 8
        for c in range(1, cols)
    ]
    first = min(max(width - sum(needs), width * 0.2), 60 * mm)
    spare = (width - first - sum(needs)) / max(cols - 1, 1)
    widths = [first] + [need + spare for need in needs]
    if sum(widths) > width:
        widths = [w * width / sum(widths) for w in widths]
    rows = [
        [
            Paragraph(_escape(text), styles["head" if r == 0 and cols > 8 else "cell"])
            if r == 0 or c == 0
            else text
            for c, text in enumerate(row)
        ]
        for r, row in enumerate(data)
    ]
    grid = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), "Vera", 7.5),
        ("FONT", (0, 0), (-1, 0), "Vera-Bold", 7.5),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f4f7")]),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if totals:
        style += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK),
            ("FONT", (0, -1), (-1, -1), "Vera-Bold", 7.5),
        ]
    grid.setStyle(TableStyle(style))
    return grid


def _method(styles: dict[str, ParagraphStyle], lang: str) -> list:
    story: list = [Paragraph(_escape(say("pdf_method", lang)), styles["h1"])]
    for heading in ("pdf_made", "pdf_terms", "pdf_privacy"):
        story += [
            Paragraph(_escape(say(heading, lang)), styles["h2"]),
            Paragraph(_escape(say(f"{heading}_text", lang, n=MIN_PEOPLE)), styles["body"]),
            Spacer(1, 4 * mm),
        ]
    return story


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
