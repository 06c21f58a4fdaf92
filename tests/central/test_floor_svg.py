"""The Desks page's floor SVG: every desk drawn in its state (colour, symbol, hatch, label), the
plan embedded as an image and never as markup, names escaped, and the kiosk's own look."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest

from central.domain.desk_map import DeskView, FloorView, RoomView
from central.web.floor_svg import LOOKS, legend_sample, render_floor, state_key
from kiosk.desk_types import DeskState, DeskStatus

NS = {"svg": "http://www.w3.org/2000/svg"}
WORDS = {
    DeskState.FREE: "Ledig",
    DeskState.BOOKED_LATER: "Booket",
    DeskState.OCCUPIED: "Opptatt",
    DeskState.FIXED: "Fast plass",
    DeskState.UNAVAILABLE: "Ikke i bruk",
}
PLAN = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200">'
    b'<script>alert("plan")</script><rect x="0" y="0" width="400" height="200"/></svg>'
)


def desk(label: str, state: DeskState, x: float, rotation: float = 0.0) -> DeskView:
    return DeskView(
        id=f"lyngdal-{label}",
        label=label,
        zone="Sone A",
        mode="bookable",
        active=state is not DeskState.UNAVAILABLE,
        x=x,
        y=20,
        width=60,
        height=30,
        rotation=rotation,
        status=DeskStatus(f"lyngdal-{label}", state, datetime(2026, 11, 30, 16, tzinfo=UTC), False),
        holder=None,
        fixed_for=None,
        fixed_assignment=None,
        bookings=(),
    )


def floor(plan: bytes = PLAN, plan_type: str = "svg", *desks: DeskView) -> FloorView:
    return FloorView(
        id="lyngdal-1",
        name="1. etasje",
        level=1,
        width=400,
        height=200,
        plan_type=plan_type,
        plan=plan,
        rooms=(RoomView("Lunsj & kaffe", "lunch", 300, 100, 90, 90),),
        desks=desks,
    )


def parse(markup: str) -> ElementTree.Element:
    return ElementTree.fromstring(markup)  # well-formed XML, or this raises


def test_each_state_has_its_colour_symbol_and_hatch_and_a_tooltip_in_words() -> None:
    states = list(DeskState)
    drawn = [desk(f"A-0{n}", state, 10 + 70 * n) for n, state in enumerate(states)]
    svg = parse(render_floor(floor(PLAN, "svg", *drawn), words=WORDS))
    assert svg.get("aria-hidden") == "true"  # the table carries the states for assistive tech
    groups = svg.findall(".//svg:g[@data-desk]", NS)
    assert [g.get("data-desk") for g in groups] == [d.id for d in drawn]
    for group, state in zip(groups, states, strict=True):
        look = LOOKS[state]
        assert group.get("data-state") == state_key(state)
        assert group.find("svg:rect[@class='fill']", NS).get("fill") == look.fill  # type: ignore[union-attr]
        hatch = group.find("svg:rect[@class='hatch']", NS)
        if state in (DeskState.OCCUPIED, DeskState.UNAVAILABLE):
            assert hatch is not None and hatch.get("fill") == f"url(#floor0-{look.key})"
            assert svg.find(f".//svg:pattern[@id='floor0-{look.key}']", NS) is not None
        else:
            assert hatch is None
        assert group.find("svg:g[@class='symbol']", NS) is not None
        title = group.find("svg:title", NS)
        assert title is not None and title.text == f"{group.get('data-desk')[8:]}: {WORDS[state]}"  # type: ignore[index]
    # Free and out of use differ in more than colour: symbol paths and the hatch.
    symbols = {
        g.get("data-state"): ElementTree.tostring(g.find("svg:g[@class='symbol']", NS))  # type: ignore[arg-type]
        for g in groups
    }
    assert len(set(symbols.values())) == len(states)


def test_labels_and_names_are_escaped_and_the_plan_is_an_image_not_markup() -> None:
    svg_text = str(render_floor(floor(PLAN, "svg", desk("<b>&", DeskState.FREE, 10)), words=WORDS))
    assert "<script" not in svg_text and "<b>" not in svg_text
    svg = parse(svg_text)
    labels = [t.text for t in svg.findall(".//svg:g[@data-desk]/svg:text", NS)]
    assert labels == ["<b>&"]  # shown as typed, as text
    [image] = svg.findall("svg:image", NS)
    href = image.get("href") or ""
    assert href.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(href.split(",", 1)[1]) == PLAN  # the kiosk's plan, byte for byte
    assert (image.get("width"), image.get("height")) == ("400", "200")
    # A plan drawn: its rooms are not drawn again.
    assert "Lunsj &amp; kaffe" not in svg_text


def test_a_png_plan_and_a_floor_without_a_plan() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    svg = parse(render_floor(floor(png, "png", desk("A-01", DeskState.FREE, 10)), words=WORDS))
    assert (svg.find("svg:image", NS).get("href") or "").startswith("data:image/png;base64,")  # type: ignore[union-attr]
    bare = parse(render_floor(floor(b"", "svg", desk("A-01", DeskState.FREE, 10)), words=WORDS))
    assert bare.find("svg:image", NS) is None
    assert [t.text for t in bare.findall("svg:text", NS)] == ["Lunsj & kaffe"]  # rooms drawn


def test_a_turned_desk_turns_about_its_centre_and_floors_keep_their_patterns_apart() -> None:
    turned = desk("A-01", DeskState.OCCUPIED, 100, rotation=90)
    svg = parse(render_floor(floor(PLAN, "svg", turned), words=WORDS, index=3))
    group = svg.find(".//svg:g[@data-desk]", NS)
    assert group is not None and group.get("transform") == "rotate(90 130 35)"
    assert svg.find(".//svg:pattern[@id='floor3-taken']", NS) is not None
    assert svg.find("svg:a", NS).get("href") == "#desk-A-01"  # type: ignore[union-attr]
    assert svg.find("svg:a", NS).get("tabindex") == "-1"  # type: ignore[union-attr]


def test_a_legend_sample_is_the_same_drawing_without_a_link() -> None:
    for n, state in enumerate(DeskState):
        sample = parse(legend_sample(state, index=n))
        assert sample.find("svg:a", NS) is None
        assert sample.find(".//svg:rect[@class='fill']", NS).get("fill") == LOOKS[state].fill  # type: ignore[union-attr]


def test_the_looks_are_the_kiosks() -> None:
    """The console draws a state as the kiosk's map does (ui/widgets/desk_item.py)."""
    pytest.importorskip("PySide6")
    from PySide6.QtCore import Qt

    from ui.widgets.desk_item import STYLES

    hatches = {
        Qt.BrushStyle.NoBrush: None,
        Qt.BrushStyle.BDiagPattern: "diagonal",
        Qt.BrushStyle.DiagCrossPattern: "cross",
    }
    for state, style in STYLES.items():
        look = LOOKS[state]
        assert (look.fill, look.ink) == (style.fill, style.ink), state
        assert look.symbol == style.symbol.value, state
        assert look.hatch == hatches[style.pattern], state
