"""Printable passes: one pass on an A6 or A4 page, or sheets of six passes on A4, as PDF.

Pages are drawn with Pillow at 300 dots per inch and written with Pillow's own PDF writer, so
printing needs nothing beyond what issuing the PNG already uses. A sheet is cut along its thin
grey lines into six 105 x 99 mm cards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from central.domain.passes import qr_image

DPI = 300
MM = DPI / 25.4
A4 = (round(210 * MM), round(297 * MM))  # 2480 x 3508
A6 = (round(105 * MM), round(148 * MM))  # 1240 x 1748
PAGES = {"a4": A4, "a6": A6}
SHEET_COLUMNS, SHEET_ROWS = 2, 3

_BOLD = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
)
_REGULAR = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)
_CUT_LINE = (170, 170, 170)
_SECONDARY_TEXT = (60, 60, 60)  # contrast 10:1 on white


@dataclass(frozen=True)
class Card:
    """One pass to print: its token, the holder's name and the lines under it."""

    token: str
    name: str
    lines: Sequence[str]


def _font(candidates: Sequence[str], size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in candidates:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def _fitting_font(
    candidates: Sequence[str], text: str, size: int, width: int
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The largest font up to ``size`` in which ``text`` fits ``width``."""
    font = _font(candidates, size)
    while size > 12 and font.getlength(text) > width:
        size -= 2
        font = _font(candidates, size)
    return font


def _draw_card(page: Image.Image, card: Card, box: tuple[int, int, int, int]) -> None:
    """Draw ``card`` centred in ``box`` (left, top, right, bottom) on ``page``."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    margin = round(6 * MM)
    name_size, line_size = round(5.5 * MM), round(3.6 * MM)
    text_height = round(name_size * 1.5 + line_size * 1.45 * len(card.lines))
    qr_side = min(width - 2 * margin, height - 2 * margin - text_height, round(80 * MM))
    # Whole pixels per module keep the code sharp when printed.
    probe = qr_image(card.token, box_size=1, border=2)
    code = qr_image(card.token, box_size=max(1, qr_side // probe.width), border=2)
    block = code.height + text_height
    y = top + (height - block) // 2
    page.paste(code, (left + (width - code.width) // 2, y))
    draw = ImageDraw.Draw(page)
    y += code.height + round(name_size * 0.3)
    name_font = _fitting_font(_BOLD, card.name, name_size, width - 2 * margin)
    draw.text((left + width // 2, y), card.name, fill="black", font=name_font, anchor="mt")
    y += round(name_size * 1.3)
    for line in card.lines:
        font = _fitting_font(_REGULAR, line, line_size, width - 2 * margin)
        draw.text((left + width // 2, y), line, fill=_SECONDARY_TEXT, font=font, anchor="mt")
        y += round(line_size * 1.45)


def single_page(card: Card, page: str = "a6") -> Image.Image:
    """One pass in the middle of an A6 (or A4) page."""
    size = PAGES[page]
    image = Image.new("RGB", size, "white")
    _draw_card(image, card, (0, 0, *size))
    return image


def sheet_pages(cards: Sequence[Card]) -> list[Image.Image]:
    """Six passes to an A4 page, with cut lines between them; as many pages as needed."""
    per_page = SHEET_COLUMNS * SHEET_ROWS
    cell_w, cell_h = A4[0] // SHEET_COLUMNS, A4[1] // SHEET_ROWS
    pages = []
    for start in range(0, len(cards), per_page):
        page = Image.new("RGB", A4, "white")
        draw = ImageDraw.Draw(page)
        for column in range(1, SHEET_COLUMNS):
            draw.line([(column * cell_w, 0), (column * cell_w, A4[1])], fill=_CUT_LINE, width=2)
        for row in range(1, SHEET_ROWS):
            draw.line([(0, row * cell_h), (A4[0], row * cell_h)], fill=_CUT_LINE, width=2)
        for index, card in enumerate(cards[start : start + per_page]):
            column, row = index % SHEET_COLUMNS, index // SHEET_COLUMNS
            box = (column * cell_w, row * cell_h, (column + 1) * cell_w, (row + 1) * cell_h)
            _draw_card(page, card, box)
        pages.append(page)
    return pages


def write_pdf(pages: Sequence[Image.Image], path: Path, *, title: str = "RegionLab-pass") -> None:
    """Write ``pages`` as one PDF at print resolution."""
    if not pages:
        raise ValueError("no pages to write")
    path.parent.mkdir(parents=True, exist_ok=True)
    first, *rest = pages
    first.save(
        path, format="PDF", resolution=float(DPI), save_all=True, append_images=rest, title=title
    )
