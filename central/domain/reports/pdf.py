"""The report as a PDF the pilot can hand on as it is: cover, summary in plain bokmål, each
chart (the SVG of ``charts``) with its table beside it, and a note on method and privacy.

reportlab (pure Python wheels, no system libraries); the Bitstream Vera fonts that ship with it
are embedded, so æøå print on any machine."""

from __future__ import annotations

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
from central.domain.reports.tables import Report
from central.domain.reports.tables import Table as ReportTable

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


def period_text(first: date, last: date) -> str:
    return f"{first.day}.{first.month}.{first.year}–{last.day}.{last.month}.{last.year}"


def build(report: Report) -> bytes:
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
        title="RegionLab – rapport for piloten",
        author="RegionLab",
        subject=period_text(report.first, report.last),
        lang="nb",
    )

    def footer(canvas, document):  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Vera", 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(
            15 * mm,
            8 * mm,
            f"RegionLab – kun samletall, grupper under {MIN_PEOPLE} personer er skjult",
        )
        canvas.drawRightString(PAGE[0] - 15 * mm, 8 * mm, f"Side {document.page}")
        canvas.restoreState()

    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="main")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    story: list = []
    sites = ", ".join(report.site_names)
    story += [
        Spacer(1, 40 * mm),
        Paragraph("RegionLab", styles["sub"]),
        Paragraph("Bruk og samarbeid i Statens hus-piloten", styles["cover"]),
        Spacer(1, 8 * mm),
        Paragraph(f"Lokasjoner: {sites}", styles["sub"]),
        Paragraph(f"Periode: {period_text(report.first, report.last)}", styles["sub"]),
        Spacer(1, 20 * mm),
        Paragraph(
            "Rapporten inneholder bare samletall. Ingen navn eller personer kan leses ut "
            f"av den: tall som bygger på færre enn {MIN_PEOPLE} personer, vises som "
            "«&lt; 3», og tall som er skjult for å beskytte dem, som «:».",
            styles["body"],
        ),
        PageBreak(),
        Paragraph("Sammendrag", styles["h1"]),
    ]
    for line in report.summary or ["Det er for få besøk i perioden til å vise tall."]:
        story.append(Paragraph(f"• {_escape(line)}", styles["body"]))
        story.append(Spacer(1, 2 * mm))
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph("Hva rapporten viser", styles["h2"]))
    story.append(
        Paragraph(
            "Rapporten viser hvordan RegionLab brukes: hvor mange som kommer, når på dagen, hvilke "
            "pulter de bruker, og hvem de jobber for. Den viser også samarbeid: hvor mange ulike "
            "organisasjoner som er i bygget samme dag, hvilke som møtes, og hvem som går på "
            "lunsjprat i andre fagmiljøer enn sitt eget.",
            styles["body"],
        )
    )
    story.append(PageBreak())
    first_table = True
    for table in report.tables:
        block = _table_block(table, styles)
        if not first_table:
            story.append(Spacer(1, 6 * mm))
        story.append(KeepTogether(block) if len(table.rows) <= TALL else block[0])
        if len(table.rows) > TALL:
            story += block[1:]
        first_table = False
    story.append(PageBreak())
    story += _method(styles)
    doc.build(story)
    return out.getvalue()


def write(report: Report, path: Path) -> None:
    path.write_bytes(build(report))


def _table_block(table: ReportTable, styles: dict[str, ParagraphStyle]) -> list:
    block: list = [
        Paragraph(_escape(table.title), styles["h1"]),
        Paragraph(_escape(table.description), styles["body"]),
        Spacer(1, 3 * mm),
    ]
    data = table.published()
    chart_svg = charts.svg(table)
    full = PAGE[0] - 30 * mm
    if chart_svg is None:
        block.append(_grid(data, styles, full))
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
        block += [_as_flowable(drawing), Spacer(1, 3 * mm), _grid(data, styles, full * 0.7)]
        return block
    grid = _grid(data, styles, full - width - 6 * mm)
    side = Table([[_as_flowable(drawing), grid]], colWidths=[width + 6 * mm, None])
    side.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    block.append(side)
    return block


def _as_flowable(drawing: Drawing) -> Drawing:
    return drawing


def _grid(data: list[list[str]], styles: dict[str, ParagraphStyle], width: float) -> Table:
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
    if data[-1][0] == "Sum":
        style += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK),
            ("FONT", (0, -1), (-1, -1), "Vera-Bold", 7.5),
        ]
    grid.setStyle(TableStyle(style))
    return grid


def _method(styles: dict[str, ParagraphStyle]) -> list:
    text = [
        (
            "Slik er tallene laget",
            "Resepsjonen registrerer når folk kommer og går, hvilke pulter de tar og hvem som "
            "melder seg på lunsjprat. Hver natt lages samletall per lokasjon og dag (og per måned) "
            "fra disse registreringene. Samletallene tas vare på; selve besøkene slettes etter "
            "oppbevaringstiden (90 dager for ansatte, 30 dager for gjester). Derfor kan rapporten "
            "dekke hele pilotperioden uten at noen opplysninger om enkeltpersoner lagres lenger "
            "enn nødvendig.",
        ),
        (
            "Begreper",
            "«Ulike personer» teller hver person én gang i måneden. «Besøksdager» er personer × "
            "dager. «Flest samtidig» er det høyeste antallet inne i bygget på ett tidspunkt. En "
            "booking der personen ikke kom, og som ble frigitt, teller som «ikke møtt». En "
            "organisasjon er «til stede» en dag når minst én av dens folk var innom. Månedstall "
            "gjelder hele kalendermåneder.",
        ),
        (
            "Personvern",
            "Rapporten inneholder bare samletall, aldri navn eller person-id. Et tall som bygger "
            f"på færre enn {MIN_PEOPLE} ulike personer, vises som «&lt; 3». Et skjult tall skal "
            "heller ikke kunne regnes ut ved å trekke andre tall fra en sum. Derfor skjules minst "
            "ett tall til i hver gruppe som har en sum i rapporten (for eksempel månedene til en "
            "lokasjon, eller lokasjonene i en måned), slik at summene kan vises. En sum skjules "
            "bare når det ikke finnes noen annen måte; før rapporten lages, kontrolleres det at "
            "ingen skjulte tall kan regnes ut av summene sammen. Det gjelder på tvers av "
            "tabellene, og mellom rapporten for én lokasjon og for alle fire. Tall som er skjult "
            "for å beskytte andre, vises som «:» – de kan være små eller store.",
        ),
    ]
    story: list = [Paragraph("Metode og personvern", styles["h1"])]
    for heading, body in text:
        story += [
            Paragraph(heading, styles["h2"]),
            Paragraph(body, styles["body"]),
            Spacer(1, 4 * mm),
        ]
    return story


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
