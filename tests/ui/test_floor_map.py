"""The floor map, driven as a visitor drives it, on the real central store's demo plan.

Each test runs the real ``regionlab-central`` (demo data: the two floors of RegionLab Lister,
Kari's booking of B-12, Jørgen's fixed B-11, a drop-in at A-07) and a real kiosk core synced
from it. What the map shows is read back from the screen: the colour painted at a desk (the
most common state colour inside its rectangle in ``view.grab()``) and the item's label/state.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton
from sqlalchemy import func, select

from kiosk.app import KioskCore
from kiosk.desks import DeskState
from kiosk.models import OutboxEvent
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings
from tests.conftest import LogExpectations, make_read_only
from tests.fakes import FakeClock
from tests.processes import CentralServer, central_cli
from tests.ui.conftest import Kiosk
from ui.desk_texts import desk_yours_title
from ui.minute_ticker import MinuteTicker
from ui.screens.pin_pad import PinPadScreen
from ui.time_display import local
from ui.widgets.desk_details import free_until_text
from ui.widgets.desk_item import STYLES, DeskSymbol, state_name
from ui.widgets.map_view import MapView

DROP_IN = "turid.tjorhom@statsforvalteren.no"  # no booking, no fixed desk
KARI = "kari.nordmann@nav.no"  # booked B-12 today


def open_core(server: CentralServer, data_dir: Path, clock: FakeClock | None = None) -> KioskCore:
    settings = replace(
        KioskSettings(),
        central_url=server.url,
        site="lyngdal",
        device_token=server.device_token,
        data_dir=data_dir,
        windowed=True,
        confirmation_s=30.0,
        idle_timeout_s=60.0,
    )
    core = KioskCore.open(settings, clock=clock)
    assert core.sync.sync_once(), core.sync.status().problem
    return core


TURID_SHOWN, TURID_PIN = "Turid T. · SFAG", "4711"


def enter_pin(kiosk: Kiosk, pin: str) -> None:
    [pad] = kiosk.window.findChildren(PinPadScreen)
    kiosk.wait_for_screen(pad)
    for digit in pin:
        kiosk.click(pad.digit_buttons[digit])
    kiosk.click(pad.ok_button)


@pytest.fixture
def demo_core(central_server: CentralServer, tmp_path: Path) -> Iterator[KioskCore]:
    central_cli(
        central_server.database_url,
        "person",
        "pin",
        "--site",
        "lyngdal",
        DROP_IN,
        "--pin",
        TURID_PIN,
    )
    core = open_core(central_server, tmp_path / "kiosk")
    yield core
    core.close()


@pytest.fixture
def map_kiosk(make_kiosk: Callable[..., Kiosk], demo_core: KioskCore) -> Kiosk:
    return make_kiosk(demo_core)


def painted_state(view: MapView, desk_id: str) -> DeskState | None:
    """The state whose fill colour covers most of the desk on screen (pattern and symbol
    pixels are ignored: they are not close to any fill)."""
    scene = view.floor_scene()
    assert scene is not None
    item = scene.desk_items[desk_id]
    show_desk(view, desk_id)
    image = view.viewport().grab().toImage()
    box = view.mapFromScene(item.sceneBoundingRect()).boundingRect().intersected(image.rect())
    fills = {state: QColor(style.fill) for state, style in STYLES.items()}
    votes: Counter[DeskState] = Counter()
    for x in range(box.left() + 3, box.right() - 2):
        for y in range(box.top() + 3, box.bottom() - 2):
            pixel = image.pixelColor(x, y)
            for state, fill in fills.items():
                if (
                    abs(pixel.red() - fill.red())
                    + abs(pixel.green() - fill.green())
                    + abs(pixel.blue() - fill.blue())
                    < 12
                ):
                    votes[state] += 1
    return votes.most_common(1)[0][0] if votes else None


def open_map(kiosk: Kiosk) -> MapView:
    kiosk.click(kiosk.window.start.desk_button)
    kiosk.wait_for_screen(kiosk.floor_map)
    return kiosk.floor_map.view


def show_desk(view: MapView, desk_id: str) -> None:
    """Pan the map until the desk is in view, as a visitor drags it."""
    scene = view.floor_scene()
    assert scene is not None
    view.ensureVisible(scene.desk_items[desk_id].sceneBoundingRect(), 20, 20)


def tap_desk(kiosk: Kiosk, desk_id: str) -> None:
    view = kiosk.floor_map.view
    show_desk(view, desk_id)
    pos = view.view_pos_of(desk_id)
    assert pos is not None and view.viewport().rect().contains(pos), desk_id
    kiosk.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def desk_id(core: KioskCore, label: str) -> str:
    for floor in core.desks.floors():
        for desk in core.desks.desks(floor.id):
            if desk.label == label:
                return desk.id
    raise AssertionError(label)


def free_desk(core: KioskCore, floor_id: str, skip: tuple[str, ...] = ()) -> str:
    statuses = core.desks.statuses(floor_id)
    return next(
        d.id
        for d in core.desks.desks(floor_id)
        if statuses[d.id].state is DeskState.FREE and d.label not in skip
    )


def claim_on_screen(kiosk: Kiosk, desk: str, token: str) -> None:
    tap_desk(kiosk, desk)
    details = kiosk.floor_map.details
    kiosk.qtbot.waitUntil(lambda: details.isVisible() and details.claim_button.isVisible())
    kiosk.click(details.claim_button)
    kiosk.wait_for_screen(kiosk.desk_identify)
    kiosk.scan(token)


def test_map_fits_the_screen_and_shows_every_state_three_ways(map_kiosk: Kiosk) -> None:
    view = open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    scene = view.floor_scene()
    assert scene is not None
    # The whole plan is in view, and not much more; unless the desks would then be under
    # 44 px to tap: then the map zooms only as far as that needs (and the floor pans).
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    if not shown.contains(scene.plan_rect):
        assert view.transform().m11() == pytest.approx(view.touch_scale())
        assert shown.width() > scene.plan_rect.width() * 0.6
    assert shown.width() < scene.plan_rect.width() * 1.3 or shown.height() < (
        scene.plan_rect.height() * 1.3
    )
    # The legend names every state, plus a provisional claim and "your desk".
    legend = floor_map.legend.texts()
    for state in DeskState:
        assert state_name(state) in legend
    assert "Ikke bekreftet ennå" in legend and "Din pult" in legend
    # The demo floor has free, booked-later, occupied, fixed and out-of-use desks; each one is
    # painted in its own colour, has its own symbol and is labelled.
    seen = {}
    for desk, item in scene.desk_items.items():
        seen.setdefault(item.state, desk)
        assert item.accessible_text().startswith(item.desk.label + ", ")
    assert {DeskState.FREE, DeskState.OCCUPIED, DeskState.FIXED} <= set(seen)
    for state, desk in seen.items():
        assert painted_state(view, desk) is state, (state, scene.desk_items[desk].desk.label)
    assert len({STYLES[s].symbol for s in DeskState}) == len(DeskSymbol)
    # Rooms are drawn from the plan but never tapped.
    assert scene.room_items
    room = scene.room_items[0]
    centre = view.mapFromScene(room.sceneBoundingRect().center())
    map_kiosk.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert not floor_map.details.isVisible()


def test_every_desk_label_is_readable_when_the_floor_fits_the_tablet(map_kiosk: Kiosk) -> None:
    """At "Vis hele" on a 1280x800 kiosk each label is drawn at least 14 px high, inside its
    own desk (desks never overlap, so labels never do)."""
    assert map_kiosk.window.size().toTuple() == (1280, 800)
    view = open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    for floor in floor_map.floors:
        floor_map.show_floor(floor.id)
        scale = view.transform().m11()
        # "Vis hele": the whole floor, or as much as keeps every desk 44 px to tap
        assert view.zoom == pytest.approx(1.0) or scale == pytest.approx(view.touch_scale())
        scene = view.floor_scene()
        assert scene is not None and scene.desk_items
        boxes = []
        for item in scene.desk_items.values():
            size = item.label_pixel_size(scale)
            assert size >= 14, (floor.name, item.desk.label, size)
            boxes.append((item.desk.label, item.mapRectToScene(item.shape().boundingRect())))
        for i, (label, box) in enumerate(boxes):
            for other, other_box in boxes[i + 1 :]:
                overlap = box.intersected(other_box)
                assert overlap.width() < 1e-6 or overlap.height() < 1e-6, (label, other)


def test_tap_a_free_desk_and_take_it_with_a_pass(
    map_kiosk: Kiosk, central_server: CentralServer
) -> None:
    core = map_kiosk.core
    view = open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    desk = free_desk(core, floor_map.current_floor or "")
    label = core.desks.desk(desk).label  # type: ignore[union-attr]
    assert painted_state(view, desk) is DeskState.FREE

    tap_desk(map_kiosk, desk)
    details = floor_map.details
    map_kiosk.qtbot.waitUntil(details.isVisible)
    texts = map_kiosk.visible_texts()
    assert f"Pult {label}" in texts and "Ledig" in texts
    assert any(t.startswith("Sone: ") for t in texts)
    # "Ledig til kl. 17:00" by day; in the evening a claim lasts until midnight.
    assert any(t.startswith("Ledig til kl. ") or t == "Ledig resten av dagen" for t in texts)
    map_kiosk.click(details.claim_button)
    map_kiosk.wait_for_screen(map_kiosk.desk_identify)
    assert f"Ta pulten {label}" in map_kiosk.visible_texts()

    map_kiosk.scan(central_server.issue_pass(DROP_IN))
    message = map_kiosk.wait_for_message()
    assert message.title.startswith(f"{label} er din til kl. ") or (
        message.title == f"{label} er din resten av dagen"
    )
    assert message.desk_id == desk
    assert "Velkommen, Turid! Du er sjekket inn." in message.detail
    # The confirmation shows the desk on a small map, ringed.
    preview = map_kiosk.result.desk_map
    assert isinstance(preview, MapView) and preview.isVisible()
    scene = preview.floor_scene()
    assert scene is not None and scene.highlighted is not None
    assert scene.highlighted.desk.id == desk
    assert scene.highlighted.state is DeskState.OCCUPIED

    # Back on the map it is occupied, in colour, symbol and words.
    map_kiosk.click(map_kiosk.result.ok_button)
    map_kiosk.wait_for_screen(map_kiosk.window.start)
    open_map(map_kiosk)
    assert painted_state(view, desk) is DeskState.OCCUPIED
    item = floor_map.scenes[floor_map.current_floor or ""].desk_items[desk]
    assert item.accessible_text() == f"{label}, Opptatt"
    assert not item.provisional


def test_take_a_desk_by_name(map_kiosk: Kiosk) -> None:
    core = map_kiosk.core
    open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    desk = free_desk(core, floor_map.current_floor or "")
    tap_desk(map_kiosk, desk)
    map_kiosk.qtbot.waitUntil(floor_map.details.claim_button.isVisible)
    map_kiosk.click(floor_map.details.claim_button)
    map_kiosk.wait_for_screen(map_kiosk.desk_identify)
    map_kiosk.click(map_kiosk.desk_identify.name_button)
    map_kiosk.wait_for_screen(map_kiosk.name_search)
    assert map_kiosk.name_search.heading.text().startswith("Ta pulten ")
    map_kiosk.tap_keys("turid")
    map_kiosk.click(map_kiosk.person_row(TURID_SHOWN))
    enter_pin(map_kiosk, TURID_PIN)  # a desk in someone's name takes their PIN
    message = map_kiosk.wait_for_message()
    assert message.desk_id == desk and " er din" in message.title
    assert core.desks.statuses()[desk].state is DeskState.OCCUPIED


def test_a_desk_claim_on_a_read_only_store_says_it_cannot_save(
    map_kiosk: Kiosk, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.store", logging.ERROR, "SQLITE_READONLY")
    expect_log("ui.visitor_guard", logging.ERROR, "the local store cannot be written")
    core = map_kiosk.core
    open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    desk = free_desk(core, floor_map.current_floor or "")
    tap_desk(map_kiosk, desk)
    map_kiosk.qtbot.waitUntil(floor_map.details.claim_button.isVisible)
    map_kiosk.click(floor_map.details.claim_button)
    map_kiosk.wait_for_screen(map_kiosk.desk_identify)
    map_kiosk.click(map_kiosk.desk_identify.name_button)
    map_kiosk.wait_for_screen(map_kiosk.name_search)
    map_kiosk.tap_keys("turid")
    map_kiosk.click(map_kiosk.person_row(TURID_SHOWN))
    make_read_only(core)
    enter_pin(map_kiosk, TURID_PIN)
    message = map_kiosk.wait_for_message()
    assert message.title == "Kiosken får ikke lagret nå"  # the known problem, not a bug
    assert core.desks.statuses()[desk].state is DeskState.FREE
    with core.store.session() as session:  # no claim without its event, no half a check-in
        assert session.scalar(select(func.count()).select_from(OutboxEvent)) == 0


def test_a_desk_taken_on_another_kiosk_first_says_choose_another(
    map_kiosk: Kiosk, central_server: CentralServer, tmp_path: Path
) -> None:
    core = map_kiosk.core
    open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    desk = free_desk(core, floor_map.current_floor or "")
    # The other kiosk at the door takes it a moment before; this kiosk has not heard yet.
    other = open_core(central_server, tmp_path / "other")
    try:
        won = other.desks.claim(desk, other_person_id(other), CheckinMethod.NAME)
        assert won.outcome.value == "claimed"
    finally:
        other.close()
    assert core.desks.statuses()[desk].state is DeskState.FREE

    claim_on_screen(map_kiosk, desk, central_server.issue_pass(DROP_IN))
    map_kiosk.wait_for_screen(floor_map, timeout=5000)
    assert floor_map.banner.text() == "Pulten ble akkurat tatt, velg en annen."
    assert floor_map.banner_box.isVisible()
    assert not map_kiosk.messages  # no "yours" message
    view = floor_map.view
    map_kiosk.qtbot.waitUntil(lambda: painted_state(view, desk) is DeskState.OCCUPIED)


def other_person_id(core: KioskCore) -> str:
    found = core.checkin.search("Silje", 1)
    assert found, "Silje Sunde is in the demo data"
    return found[0].person_id


def test_switch_floors_and_zoom(map_kiosk: Kiosk) -> None:
    view = open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    floors = floor_map.floors
    assert len(floors) >= 2
    first, second = (floor_map.floor_buttons[f.id] for f in floors[:2])
    assert first.isChecked() and first.text().startswith("✓ ")
    map_kiosk.click(second)
    assert floor_map.current_floor == floors[1].id
    assert second.isChecked() and not first.isChecked()
    scene = view.floor_scene()
    assert scene is not None and scene.floor.id == floors[1].id
    assert all(item.desk.floor_id == floors[1].id for item in scene.desk_items.values())

    for button in (floor_map.zoom_in_button, floor_map.zoom_out_button, floor_map.fit_button):
        assert button.width() >= 64 and button.height() >= 64
    assert view.zoom == pytest.approx(1.0)
    map_kiosk.click(floor_map.zoom_in_button)
    map_kiosk.click(floor_map.zoom_in_button)
    assert view.zoom == pytest.approx(1.4 * 1.4)
    map_kiosk.click(floor_map.zoom_out_button)
    assert view.zoom == pytest.approx(1.4)
    # Dragging pans the plan and is not a tap.
    before = view.mapToScene(view.viewport().rect().center())
    centre = view.viewport().rect().center()
    map_kiosk.qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    for step in range(1, 6):
        map_kiosk.qtbot.mouseMove(view.viewport(), centre + QPoint(step * 20, step * 10))
    map_kiosk.qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, pos=centre + QPoint(100, 50)
    )
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() < before.x() and after.y() < before.y()
    assert not floor_map.details.isVisible()
    map_kiosk.click(floor_map.fit_button)
    assert view.zoom == pytest.approx(1.0)
    map_kiosk.click(first)
    assert floor_map.current_floor == floors[0].id


def test_check_in_names_todays_desk_and_shows_it(
    map_kiosk: Kiosk, central_server: CentralServer
) -> None:
    map_kiosk.scan(central_server.issue_pass(KARI))
    message = map_kiosk.wait_for_message()
    assert message.title == "Velkommen, Kari!"
    assert "Din pult i dag: B-12" in message.detail.splitlines()
    b12 = desk_id(map_kiosk.core, "B-12")
    assert message.desk_id == b12
    preview = map_kiosk.result.desk_map
    assert isinstance(preview, MapView) and preview.isVisible()
    scene = preview.floor_scene()
    assert scene is not None and scene.highlighted is not None
    assert scene.highlighted.desk.label == "B-12"
    assert "Din pult i dag: B-12" in "\n".join(map_kiosk.visible_texts())


def test_start_screen_counts_free_desks_per_zone_and_follows_a_claim(
    map_kiosk: Kiosk, central_server: CentralServer
) -> None:
    core = map_kiosk.core
    label = map_kiosk.window.start.free_label
    counts = core.desks.free_counts_by_zone()
    assert label.text() == free_text(counts)
    open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    desk = free_desk(core, floor_map.current_floor or "")
    zone = core.desks.desk(desk).zone  # type: ignore[union-attr]
    claim_on_screen(map_kiosk, desk, central_server.issue_pass(DROP_IN))
    map_kiosk.wait_for_message()
    map_kiosk.click(map_kiosk.result.ok_button)
    map_kiosk.wait_for_screen(map_kiosk.window.start)
    map_kiosk.qtbot.waitUntil(lambda: f"{zone} {counts[zone] - 1}" in label.text())


def test_find_a_free_desk_for_me(map_kiosk: Kiosk, central_server: CentralServer) -> None:
    open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    map_kiosk.click(floor_map.suggest_button)
    map_kiosk.wait_for_screen(map_kiosk.desk_needs)
    map_kiosk.click(map_kiosk.button("Finn pult"))  # no particular needs
    map_kiosk.wait_for_screen(map_kiosk.desk_identify)
    assert "Finn en ledig pult for meg" in map_kiosk.visible_texts()
    map_kiosk.scan(central_server.issue_pass(DROP_IN))
    map_kiosk.wait_for_screen(floor_map)
    details = floor_map.details
    assert details.isVisible() and details.note.text() == "Forslag til deg:"
    suggested = details.desk
    assert suggested is not None
    scene = floor_map.scenes[suggested.floor_id]
    assert scene.highlighted is not None and scene.highlighted.desk.id == suggested.id
    map_kiosk.click(details.claim_button)  # no second identification
    message = map_kiosk.wait_for_message()
    assert message.desk_id == suggested.id and message.title.startswith(suggested.label)


def test_find_a_step_free_desk_for_me(map_kiosk: Kiosk, central_server: CentralServer) -> None:
    """The needs offered are the tags the demo desks carry; the suggestion honours them."""
    open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    map_kiosk.click(floor_map.suggest_button)
    needs = map_kiosk.desk_needs
    map_kiosk.wait_for_screen(needs)
    offered = [b.text() for b in needs.need_buttons.values() if b.isVisible()]
    assert offered == ["Trinnfri adkomst", "Hev-senk-pult", "Stillesone"]
    for button in needs.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.width() >= 44 and button.height() >= 44, button.text()
    map_kiosk.click(needs.need_buttons["step_free"])
    assert needs.need_buttons["step_free"].text() == "✓ Trinnfri adkomst"  # not colour alone
    map_kiosk.click(map_kiosk.button("Finn pult"))
    map_kiosk.wait_for_screen(map_kiosk.desk_identify)
    map_kiosk.scan(central_server.issue_pass(DROP_IN))
    map_kiosk.wait_for_screen(floor_map)
    suggested = floor_map.details.desk
    assert suggested is not None and "step_free" in suggested.equipment
    # Without the need, the first free desk in this kiosk's order has no step-free access.
    assert (
        "step_free"
        not in (
            map_kiosk.core.desks.suggest_desk(
                map_kiosk.core.checkin.search("Turid", 1)[0].person_id
            )
            or suggested
        ).equipment
    )


def test_idle_returns_to_start_and_forgets_the_claim(
    make_kiosk: Callable[..., Kiosk], demo_core: KioskCore, central_server: CentralServer
) -> None:
    kiosk = make_kiosk(demo_core, idle_timeout_s=0.3)
    open_map(kiosk)
    floor_map = kiosk.floor_map
    desk = free_desk(demo_core, floor_map.current_floor or "")
    tap_desk(kiosk, desk)
    kiosk.qtbot.waitUntil(floor_map.details.claim_button.isVisible)
    kiosk.click(floor_map.details.claim_button)
    kiosk.wait_for_screen(kiosk.desk_identify)
    # The question "Ta pulten …" is not dropped in silence: the visitor is told.
    told = kiosk.wait_for_message()
    label = demo_core.desks.desk(desk).label  # type: ignore[union-attr]
    assert (told.title, told.reason) == (f"Pulten {label} er ikke tatt", "unanswered")
    kiosk.wait_for_screen(kiosk.window.start, timeout=3000)
    assert kiosk.desk_flow.purpose is None and kiosk.desk_flow.desk is None
    assert not floor_map.details.isVisible()
    # A pass scanned now is an ordinary check-in, not a desk claim.
    kiosk.scan(central_server.issue_pass(DROP_IN))
    message = kiosk.wait_for_message(2)
    assert message.title == "Velkommen, Turid!"
    assert demo_core.desks.statuses()[desk].state is DeskState.FREE


def test_every_control_on_the_map_is_at_least_44_px(map_kiosk: Kiosk) -> None:
    open_map(map_kiosk)
    tap_desk(map_kiosk, free_desk(map_kiosk.core, map_kiosk.floor_map.current_floor or ""))
    for button in map_kiosk.floor_map.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.width() >= 44 and button.height() >= 44, button.text()


def test_the_map_and_the_free_counts_follow_the_clock_each_minute(
    make_kiosk: Callable[..., Kiosk],
    central_server: CentralServer,
    tmp_path: Path,
    clock: FakeClock,
) -> None:
    """Nothing is recorded when the day closes, yet a drop-in's claim ends: the minute tick
    reads the states again, on the map and in the start screen's free counts."""
    # Midday today, whatever the time of day the suite runs: at night the demo's bookings and
    # the closing rule would leave nothing for the tick to change.
    midday = local(datetime.now(UTC)).replace(hour=12, minute=0, second=20, microsecond=0)
    real_now = midday.astimezone(UTC)
    clock.current = real_now  # the window's clock, and now the core's too
    core = open_core(central_server, tmp_path / "kiosk", clock)
    try:
        kiosk = make_kiosk(core)
        ticker = kiosk.window.findChild(MinuteTicker)
        assert ticker is not None and ticker.timer.isActive()
        # armed for 40.2 s from :20 (just after the minute turns), less the time taken since
        assert 30_000 < ticker.timer.remainingTime() <= 40_200
        desk = free_desk(core, core.desks.floors()[0].id)
        taken = core.desks.claim(desk, other_person_id(core), CheckinMethod.NAME)
        assert taken.outcome.value == "claimed"
        view = open_map(kiosk)
        assert painted_state(view, desk) is DeskState.OCCUPIED
        # The claim reaches the start screen's counts through the GUI hand-off, a turn of the
        # event loop later: read "before" once it shows the claim, or it is the morning's text.
        label = kiosk.window.start.free_label
        kiosk.qtbot.waitUntil(lambda: label.text() == free_text(core.desks.free_counts_by_zone()))
        before = label.text()

        tomorrow = local(real_now).replace(hour=9, minute=0) + timedelta(days=1)
        clock.current = tomorrow.astimezone(UTC)
        ticker.timer.timeout.emit()  # the minute turns
        kiosk.qtbot.waitUntil(lambda: painted_state(view, desk) is DeskState.FREE)
        expected = free_text(core.desks.free_counts_by_zone())
        assert label.text() == expected != before
        assert ticker.timer.isActive()
    finally:
        core.close()


def free_text(counts: dict[str, int]) -> str:
    return "Ledige pulter nå: " + " · ".join(f"{z} {n}" for z, n in counts.items())


def test_until_midnight_reads_as_the_rest_of_the_day(map_kiosk: Kiosk) -> None:
    core = map_kiosk.core
    desk = core.desks.desk(desk_id(core, "A-05"))
    assert desk is not None
    midnight = local(datetime(2026, 11, 27, 12, tzinfo=UTC)).replace(hour=0) + timedelta(days=1)
    five = midnight.replace(day=27, hour=17)
    assert desk_yours_title(desk, midnight) == "A-05 er din resten av dagen"
    assert desk_yours_title(desk, five) == "A-05 er din til kl. 17:00"
    free = core.desks.statuses()[desk.id]
    assert free_until_text(replace(free, state=DeskState.FREE, free_until=midnight)) == (
        "Ledig resten av dagen"
    )
    assert free_until_text(replace(free, state=DeskState.FREE, free_until=five)) == (
        "Ledig til kl. 17:00"
    )
