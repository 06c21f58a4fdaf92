"""A floor as inline SVG for the Desks page: the imported plan, then every desk in its state.

A desk shows its state three ways, as on the kiosk's map (``ui/widgets/desk_item.py``, whose
colours, symbols and patterns these are; Qt stays out of the store): a fill colour, a symbol
(tick in a ring, clock, person, pin, cross) with a hatch for the taken and out-of-use states,
and its label. The picture is for the eye; the table beside it carries the same states in words
for screen readers and keyboards, so the SVG is hidden from them and its desk links are reached
by pointer only (each jumps to the desk's row).

The plan file goes in as an ``<image>`` with a data: address, never as markup: an SVG plan's
own scripts or links cannot run in the page (and the page's Content-Security-Policy allows
data: images only).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from central.domain.desk_map import FloorView
from kiosk.desk_types import DeskState


@dataclass(frozen=True)
class Look:
    key: str  # the class, and the page's word for the state
    fill: str  # light: the label (#1b1b1b) on it has >= 4.5:1 contrast
    ink: str  # outline and symbol: >= 3:1 against the fill
    symbol: str
    hatch: str | None  # "diagonal" | "cross" | None


# The kiosk's STYLES (ui/widgets/desk_item.py), state by state.
LOOKS: dict[DeskState, Look] = {
    DeskState.FREE: Look("free", "#CDEFD6", "#1D6B36", "free", None),
    DeskState.BOOKED_LATER: Look("booked", "#FFE2AD", "#7A4200", "clock", None),
    DeskState.OCCUPIED: Look("taken", "#F7CACA", "#A3161C", "person", "diagonal"),
    DeskState.FIXED: Look("fixed", "#CADBEE", "#1F4E79", "pin", None),
    DeskState.UNAVAILABLE: Look("out_of_use", "#DCDDDF", "#4A4D52", "cross", "cross"),
}
LABEL_INK = "#1B1B1B"
ROOM_FILL = "#EDEBE6"
ROOM_INK = "#5A5D61"

# The kiosk's symbols in a unit square: (stroked path, filled path).
SYMBOLS: dict[str, tuple[str, str]] = {
    "free": (
        "M0.94 0.5A0.44 0.44 0 1 1 0.06 0.5A0.44 0.44 0 1 1 0.94 0.5Z"
        "M0.28 0.52L0.44 0.68L0.72 0.36",
        "",
    ),
    "clock": (
        "M0.94 0.5A0.44 0.44 0 1 1 0.06 0.5A0.44 0.44 0 1 1 0.94 0.5ZM0.5 0.22L0.5 0.52L0.7 0.62",
        "",
    ),
    "person": (
        "",
        "M0.67 0.23A0.17 0.17 0 1 1 0.33 0.23A0.17 0.17 0 1 1 0.67 0.23Z"
        "M0.12 0.94C0.14 0.56 0.86 0.56 0.88 0.94Z",
    ),
    "pin": ("M0.5 0.56L0.5 0.96", "M0.76 0.3A0.26 0.26 0 1 1 0.24 0.3A0.26 0.26 0 1 1 0.76 0.3Z"),
    "cross": ("M0.18 0.18L0.82 0.82M0.82 0.18L0.18 0.82", ""),
}
HATCH = {
    "diagonal": "M-2 2L2 -2M0 10L10 0M8 12L12 8",
    "cross": "M-2 2L2 -2M0 10L10 0M8 12L12 8M-2 8L2 12M0 0L10 10M8 -2L12 2",
}


def state_key(state: DeskState) -> str:
    return LOOKS[state].key


def _n(value: float) -> str:
    """A number for an attribute: short, and never 'nan' or 'inf'."""
    if not math.isfinite(value):
        value = 0.0
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _plan(floor: FloorView) -> str:
    kinds = {"svg": "image/svg+xml", "png": "image/png"}
    kind = kinds.get(floor.plan_type)
    if kind is None or not floor.plan:
        return ""
    data = base64.b64encode(floor.plan).decode("ascii")
    return (
        f'<image x="0" y="0" width="{_n(floor.width)}" height="{_n(floor.height)}" '
        f'preserveAspectRatio="xMinYMin meet" href="data:{kind};base64,{data}"/>'
    )


def _rooms(floor: FloorView) -> str:
    """Rooms are drawn only when there is no plan (a plan draws its own), as on the kiosk."""
    parts = []
    for room in floor.rooms:
        parts.append(
            f'<rect x="{_n(room.x)}" y="{_n(room.y)}" width="{_n(room.width)}" '
            f'height="{_n(room.height)}" fill="{ROOM_FILL}" stroke="{ROOM_INK}" '
            'stroke-width="2" vector-effect="non-scaling-stroke"/>'
            f'<text x="{_n(room.x + room.width / 2)}" y="{_n(room.y + room.height / 2)}" '
            f'text-anchor="middle" dominant-baseline="middle" font-size="18" fill="{ROOM_INK}">'
            f"{escape(room.name)}</text>"
        )
    return "".join(parts)


def _desk(
    desk_id: str,
    label: str,
    x: float,
    y: float,
    w: float,
    h: float,
    rotation: float,
    state: DeskState,
    tip: str,
    anchor: str,
    patterns: str,
) -> str:
    look = LOOKS[state]
    cx, cy = x + w / 2, y + h / 2
    pad = max(2.0, min(w, h) * 0.08)
    wide = w >= h * 1.25
    if wide:
        side = max(0.0, min(h - 2 * pad, w * 0.26, 30.0))
        sx, sy = x + pad, cy - side / 2
        band = (sx + side + pad * 0.5, y + pad, x + w - (sx + side) - pad * 1.5, h - 2 * pad)
    else:
        side = max(0.0, min(h * 0.42, w * 0.5, 30.0))
        sx, sy = cx - side / 2, y + pad
        band = (x + pad, sy + side + pad * 0.5, w - 2 * pad, y + h - (sy + side) - pad * 1.5)
    bx, by, bw, bh = band
    font = min(bh * (0.62 if wide else 0.85), 24.0, bw / max(len(label) * 0.68, 1.0))
    box = f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"'
    parts = [
        f'<a href="#{escape(anchor)}" tabindex="-1">',
        f'<g class="desk state-{look.key}" data-desk="{escape(desk_id)}" '
        f'data-state="{look.key}"'
        + (f' transform="rotate({_n(rotation)} {_n(cx)} {_n(cy)})"' if rotation else "")
        + ">",
        f"<title>{escape(tip)}</title>" if tip else "",
        f'<rect class="fill" {box} fill="{look.fill}"/>',
    ]
    if look.hatch:
        parts.append(f'<rect class="hatch" {box} fill="url(#{patterns}-{look.key})"/>')
    parts.append(
        f'<rect {box} fill="none" stroke="{look.ink}" stroke-width="2.5" '
        'vector-effect="non-scaling-stroke"/>'
    )
    if side >= 6:
        stroked, filled = SYMBOLS[look.symbol]
        parts.append(
            f'<g class="symbol" transform="translate({_n(sx)} {_n(sy)}) scale({_n(side)})">'
            + (f'<path d="{filled}" fill="{look.ink}"/>' if filled else "")
            + (
                f'<path d="{stroked}" fill="none" stroke="{look.ink}" stroke-width="2.5" '
                'stroke-linecap="round" stroke-linejoin="round" '
                'vector-effect="non-scaling-stroke"/>'
                if stroked
                else ""
            )
            + "</g>"
        )
    if font >= 7:
        plate_w = min(bw, len(label) * font * 0.68 + 6)
        plate_x = bx + (bw - plate_w) / 2
        parts.append(
            f'<rect x="{_n(plate_x)}" y="{_n(by + bh / 2 - font * 0.7)}" width="{_n(plate_w)}" '
            f'height="{_n(font * 1.4)}" rx="3" fill="{look.fill}"/>'
            f'<text x="{_n(bx + bw / 2)}" y="{_n(by + bh / 2)}" text-anchor="middle" '
            f'dominant-baseline="central" font-size="{_n(font)}" font-weight="bold" '
            f'font-family="DejaVu Sans, sans-serif" fill="{LABEL_INK}">{escape(label)}</text>'
        )
    parts.append("</g></a>")
    return "".join(parts)


def render_floor(
    floor: FloorView,
    *,
    words: Mapping[DeskState, str],
    anchor_prefix: str = "desk-",
    index: int = 0,
) -> Markup:
    """The floor as one ``<svg>``; ``words`` names each state (the tooltips), ``index`` keeps
    the pattern ids of several floors on one page apart."""
    patterns = f"floor{index}"
    defs = "".join(
        f'<pattern id="{patterns}-{look.key}" width="10" height="10" '
        f'patternUnits="userSpaceOnUse"><path d="{HATCH[look.hatch]}" stroke="{look.ink}" '
        'stroke-width="1.6"/></pattern>'
        for look in LOOKS.values()
        if look.hatch
    )
    width, height = max(floor.width, 1.0), max(floor.height, 1.0)
    margin = max(width, height) * 0.01
    plan = _plan(floor)
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="floor-plan" aria-hidden="true" '
        f'focusable="false" viewBox="{_n(-margin)} {_n(-margin)} {_n(width + 2 * margin)} '
        f'{_n(height + 2 * margin)}" data-floor="{escape(floor.id)}">',
        f"<defs>{defs}</defs>",
        f'<rect x="0" y="0" width="{_n(width)}" height="{_n(height)}" fill="#FFFFFF" '
        f'stroke="{ROOM_INK}" stroke-width="1" vector-effect="non-scaling-stroke"/>',
        plan or _rooms(floor),
    ]
    for desk in floor.desks:
        body.append(
            _desk(
                desk.id,
                desk.label,
                desk.x,
                desk.y,
                desk.width,
                desk.height,
                desk.rotation,
                desk.state,
                f"{desk.label}: {words.get(desk.state, state_key(desk.state))}",
                f"{anchor_prefix}{desk.label}",
                patterns,
            )
        )
    body.append("</svg>")
    return Markup("".join(body))  # every value above is escaped or a number


def legend_sample(state: DeskState, index: int = 0) -> Markup:
    """A small desk in ``state`` for the legend, drawn by the same code as the plan's."""
    patterns = f"legend{index}"
    look = LOOKS[state]
    defs = (
        f'<defs><pattern id="{patterns}-{look.key}" width="10" height="10" '
        f'patternUnits="userSpaceOnUse"><path d="{HATCH[look.hatch]}" stroke="{look.ink}" '
        'stroke-width="1.6"/></pattern></defs>'
        if look.hatch
        else ""
    )
    desk = _desk("", "", 2, 2, 60, 36, 0, state, "", "legend", patterns)
    # The legend's desk is no link: only the drawing.
    desk = desk.replace('<a href="#legend" tabindex="-1">', "").replace("</g></a>", "</g>")
    return Markup(  # built from constants only
        f'<svg xmlns="http://www.w3.org/2000/svg" class="legend-sample" aria-hidden="true" '
        f'focusable="false" viewBox="0 0 64 40" width="64" height="40">{defs}{desk}</svg>'
    )
