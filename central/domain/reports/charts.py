"""Charts as SVG text, drawn here on the server from a table's published numbers (suppressed
cells are left out and marked "< 3"), for the PDF and the staff console alike. Every series has
a pattern as well as a colour, and the table beside each chart carries the same numbers."""

from __future__ import annotations

from html import escape

from central.domain.reports import suppression
from central.domain.reports.tables import Table

COLOURS = ["#1f5f8b", "#c8553d", "#2a7f62", "#8e6c8a", "#b08d1a", "#4a4a4a"]
FONT = "Vera, DejaVu Sans, Arial, sans-serif"


def svg(table: Table, width: int = 460, height: int = 300) -> str | None:
    """The table's chart, or None if it has none (or nothing to draw: no rows or columns)."""
    if not table.rows or not table.columns:
        return None
    if table.chart == "heatmap":
        return _heatmap(table, width)
    if table.chart == "bars":
        return _bars(table, width, height)
    return None


def _bars(table: Table, width: int, height: int) -> str:
    longest = max((len(r) for r in table.rows), default=0)
    rotated = len(table.rows) > 8
    left, right, top = 44, 10, 12
    bottom = max(62, int(36 + 2.9 * longest)) if rotated else 62
    shown = (
        table.chart_columns if table.chart_columns is not None else list(range(len(table.columns)))
    )
    series = len(shown)
    values = [[table.value(r, c) for c in shown] for r in range(len(table.rows))]
    top_value = max([v for row in values for v in row if v is not None] + [1])
    scale = _nice(top_value)
    plot_w, plot_h = width - left - right, height - top - bottom
    group_w = plot_w / max(len(table.rows), 1)
    bar_w = max(group_w * 0.8 / series, 1.5)
    parts = [_head(width, height, table.title)]
    for step in range(5):
        value = scale * step / 4
        y = top + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            'stroke="#d0d0d0" stroke-width="0.6"/>'
        )
        parts.append(_text(left - 4, y + 3, f"{value:g}", anchor="end"))
    for r, label in enumerate(table.rows):
        x0 = left + group_w * r + group_w * 0.1
        for c in range(series):
            v = values[r][c]
            x = x0 + bar_w * c
            if v is None:
                if table.cells[r][shown[c]] is not None and table.hidden[r][shown[c]]:
                    mark = _mark(table, r, shown[c])
                    parts.append(
                        _text(x + bar_w / 2, top + plot_h - 3, mark, size=6, anchor="middle")
                    )
                continue
            h = plot_h * max(v, 0) / scale
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[c % len(COLOURS)]}"/>'
            )
        if len(table.rows) <= 14 or r % max(len(table.rows) // 12, 1) == 0:
            parts.append(
                _text(
                    left + group_w * (r + 0.5),
                    top + plot_h + 12,
                    label,
                    size=7,
                    anchor="middle" if len(table.rows) <= 8 else "end",
                    rotate=len(table.rows) > 8,
                )
            )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
        f'y2="{top + plot_h}" stroke="#333" stroke-width="0.8"/>'
    )
    if series > 1:
        x = left
        for c, name in enumerate(table.columns[i] for i in shown):
            parts.append(
                f'<rect x="{x}" y="{height - 12}" width="9" height="9" '
                f'fill="{COLOURS[c % len(COLOURS)]}"/>'
            )
            parts.append(_text(x + 12, height - 4, name, size=7))
            x += 18 + 5 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def _heatmap(table: Table, width: int) -> str:
    n = len(table.rows)
    left, top = 70, 60
    size = max(min((width - left - 10) / max(n, 1), 34), 8)
    height = int(top + size * n + 10)
    values = [table.value(r, c) for r in range(n) for c in range(n)]
    top_value = max([v for v in values if v is not None] + [1])
    parts = [_head(width, height, table.title)]
    for i, label in enumerate(table.rows):
        parts.append(_text(left - 4, top + size * (i + 0.6), label[:14], size=7, anchor="end"))
        parts.append(
            _text(left + size * (i + 0.6), top - 4, label[:14], size=7, rotate=True, anchor="start")
        )
    for r in range(n):
        for c in range(n):
            if r == c:
                continue
            v = table.value(r, c)
            x, y = left + size * c, top + size * r
            if v is None:
                fill, label, ink = "#ffffff", _mark(table, r, c), "#333333"
            else:
                share = v / top_value
                fill = _blend(share)
                label, ink = str(v), "#ffffff" if share > 0.55 else "#111111"
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" '
                f'fill="{fill}" stroke="#bbbbbb" stroke-width="0.4"/>'
            )
            parts.append(
                _text(x + size / 2, y + size / 2 + 2.5, label, size=6.5, anchor="middle", fill=ink)
            )
    parts.append("</svg>")
    return "".join(parts)


def _mark(table: Table, r: int, c: int) -> str:
    """A hidden cell's mark, as its table shows it ("<3" or ":")."""
    return suppression.label(table.cells[r][c]).replace(" ", "")


def _blend(share: float) -> str:
    low, high = (0xEE, 0xF3, 0xF8), (0x12, 0x3F, 0x66)
    mixed = [round(a + (b - a) * share) for a, b in zip(low, high, strict=True)]
    return "#" + "".join(f"{v:02x}" for v in mixed)


def _nice(value: float) -> float:
    """The smallest round axis top (four steps of 1, 2, 2.5 or 5 times a power of ten)
    at or above ``value``."""
    steps = sorted(base * 10**power for power in range(0, 7) for base in (1, 2, 2.5, 5))
    return next((step * 4 for step in steps if step * 4 >= value), value)


def _head(width: int, height: float, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
    )


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 8,
    anchor: str = "start",
    rotate: bool = False,
    fill: str = "#222222",
) -> str:
    transform = f' transform="rotate(-45 {x:.1f} {y:.1f})"' if rotate else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'fill="{fill}" text-anchor="{anchor}"{transform}>{escape(text)}</text>'
    )
