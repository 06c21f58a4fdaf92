"""Universal design checks: touch target sizes on every screen, text contrast, no colour-only
state, and every visible string through Qt's translation functions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt, QTranslator
from PySide6.QtGui import QColor, QFontInfo
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea

from kiosk.passes import PassError
from tests.conftest import KARI
from tests.ui.conftest import Kiosk, visible
from ui import theme, tour
from ui.main import main
from ui.screens.name_action import NameActionScreen
from ui.screens.pin_pad import PinPadScreen
from ui.tour_demo import DemoKiosk

pytestmark = pytest.mark.gui


def _screens_walked(kiosk: Kiosk, make_pass: Callable[..., str]) -> list[str]:
    """Visit every screen as a visitor would; return the screens' names, checking each."""
    window = kiosk.window
    seen = []

    def check() -> None:
        screen = window.current_screen
        seen.append(screen.objectName())
        buttons = visible(window, QAbstractButton)
        assert buttons, screen.objectName()
        for button in buttons:
            size = button.size()
            assert size.width() >= theme.MIN_TOUCH and size.height() >= theme.MIN_TOUCH, (
                f"{screen.objectName()}: {button.text()!r} is {size.width()}x{size.height()}"
            )

    check()  # start
    kiosk.click(kiosk.button("Sjekk inn med QR-kode"))
    check()
    kiosk.click(kiosk.button("‹ Tilbake"))
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    kiosk.tap_keys("O")
    check()  # name search, no results yet
    kiosk.click(kiosk.name_search.keyboard.key_button("clear"))
    kiosk.qtbot.keyClicks(kiosk.name_search.field, "kari")
    assert kiosk.name_search.results
    check()  # with results
    kiosk.click(kiosk.name_search.result_buttons[0])
    [choice] = kiosk.window.findChildren(NameActionScreen)
    kiosk.wait_for_screen(choice)
    check()  # "Sjekk inn" / "Sjekk ut"
    kiosk.click(choice.out_button)
    kiosk.wait_for_message()  # the test people have no PIN: "use your pass or ask staff"
    kiosk.click(kiosk.result.ok_button)
    kiosk.click(kiosk.window.start.checkout_button)
    check()  # "Sjekk ut": pass or name
    kiosk.click(kiosk.button("Avbryt"))
    [pad] = kiosk.window.findChildren(PinPadScreen)
    pad.ask("PIN", "Kari N. · NAV")
    kiosk.window.show_screen(pad)
    check()  # the PIN pad
    kiosk.window.go_start()
    kiosk.messages.clear()
    kiosk.scan(make_pass(KARI))
    kiosk.wait_for_message()
    check()  # result
    kiosk.click(kiosk.result.ok_button)
    kiosk.monotonic.skip(5)
    kiosk.scan(make_pass(KARI))  # in: "Sjekke ut Kari Nordmann?" (her own pass)
    kiosk.wait_for_screen(kiosk.confirm)
    check()
    kiosk.click(kiosk.button("Avbryt"))
    kiosk.scan("THIS-IS-NOT-A-REGIONLAB-PASS")
    kiosk.wait_for_message(2)
    check()  # error result
    return seen


def test_every_button_on_every_screen_is_at_least_44_px(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    kiosk = make_kiosk(confirmation_s=30)  # results stay while they are measured
    seen = _screens_walked(kiosk, make_pass)
    assert set(seen) == {
        "startScreen",
        "scanHelpScreen",
        "nameSearchScreen",
        "nameActionScreen",
        "checkoutScreen",
        "pinPadScreen",
        "confirmScreen",
        "resultScreen",
    }


def test_main_buttons_are_64_px_high(kiosk: Kiosk) -> None:
    for text in ("Sjekk inn med QR-kode", "Sjekk inn med navn"):
        assert kiosk.button(text).height() >= theme.BUTTON_HEIGHT
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    for key in "QÆØÅ":
        assert kiosk.name_search.keyboard.key_button(key).height() >= theme.KEY_SIZE


@pytest.mark.parametrize("pair", sorted(theme.TEXT_PAIRS))
def test_text_contrast_is_at_least_4_5_to_1(pair: str) -> None:
    fg, bg = theme.TEXT_PAIRS[pair]
    assert theme.contrast_ratio(fg, bg) >= 4.5, pair


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert theme.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert theme.contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert theme.contrast_ratio("#FFFFFF", "#767676") == theme.contrast_ratio("#767676", "#FFFFFF")


def test_the_style_sheet_uses_only_the_theme_colours() -> None:
    import re

    used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}", theme.style_sheet())}
    defined = {
        value.upper()
        for name, value in vars(theme).items()
        if name.isupper() and isinstance(value, str) and value.startswith("#")
    }
    assert used <= defined


def test_states_have_a_symbol_and_words_not_just_colour(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    kiosk = make_kiosk(confirmation_s=30)
    start = kiosk.window.start
    assert start.sync_icon.isVisible() and start.sync_label.text()
    kiosk.scan(make_pass(KARI))
    kiosk.wait_for_message()
    welcome = kiosk.result.icon.symbol
    kiosk.click(kiosk.result.ok_button)
    kiosk.scan("THIS-IS-NOT-A-REGIONLAB-PASS")
    kiosk.wait_for_message(2)
    assert kiosk.result.icon.symbol != welcome  # a different shape, not only a colour
    assert kiosk.result.title.text() and kiosk.result.detail.text()


class _Marking(QTranslator):
    """Wraps every translated string in ⟦ ⟧, so untranslated text stands out."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's
        return f"⟦{source}⟧"


def test_every_visible_string_goes_through_the_translator(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    marking = _Marking()
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(marking)
    try:
        kiosk = make_kiosk(confirmation_s=30)
        window = kiosk.window
        plain = {window.start.clock_label, window.start.date_label}  # numbers and a QLocale date
        # Each language by its own name: the same in every language.
        names = set(window.start.language_buttons.values())

        def untranslated() -> list[str]:
            texts = [w.text() for w in visible(window, QLabel) if w not in plain]
            texts += [b.text() for b in visible(window, QAbstractButton) if b not in names]
            # Single letters on the keyboard and people's names are not for translating.
            return [t for t in texts if len(t) > 1 and "⟦" not in t and "Nordmann" not in t]

        assert untranslated() == []
        for button_text in ("⟦Sjekk inn med navn⟧",):
            kiosk.click(kiosk.button(button_text))
        assert untranslated() == []
        kiosk.click(kiosk.name_search.back_button)
        kiosk.click(kiosk.button("⟦Sjekk inn med QR-kode⟧"))
        assert untranslated() == []
        kiosk.scan("THIS-IS-NOT-A-REGIONLAB-PASS")
        kiosk.wait_for_message()
        assert untranslated() == []
    finally:
        app.removeTranslator(marking)


# The tour: every screen and state, in every language and display mode ----------------------
def _problems(shots: list[tour.Shot]) -> list[str]:
    return [
        f"{shot.file}: {problem}"
        for shot in shots
        for problem in shot.clipped + shot.low_contrast + shot.small_targets + shot.unnamed
    ]


def _check_walk(shots: list[tour.Shot], languages: tuple[str, ...], modes: tuple[str, ...]) -> None:
    assert len(shots) == len(tour.STATES) * len(languages) * len(modes)
    assert _problems(shots) == []
    for shot in shots:
        assert shot.min_target_px >= theme.MIN_TOUCH, shot.file
        assert shot.min_contrast >= tour.MIN_CONTRAST_LARGE, shot.file


def test_the_tour_in_nynorsk_in_every_mode_has_no_clipped_text_low_contrast_or_small_target(
    qapp: QApplication,
) -> None:
    """The quick run: one language (the one whose words differ most from the source) through
    every state in the three display modes. The full walk is below, marked slow."""
    languages, modes = ("nn",), tuple(tour.MODES)
    _check_walk(tour.walk(None, languages=languages, modes=modes), languages, modes)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_full_tour_writes_an_index_and_finds_nothing_to_fix(
    qapp: QApplication, tmp_path: Path
) -> None:
    assert main(["--tour", str(tmp_path)]) == 0
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    combos = {(e["language"], e["mode"]) for e in index}
    assert combos == {(lang, mode) for lang in ("nb", "nn", "en") for mode in tour.MODES}
    assert {(e["screen"], e["state"]) for e in index} == {(s.screen, s.state) for s in tour.STATES}
    for entry in index:
        assert set(entry) >= {
            "screen", "state", "language", "mode", "file", "min_contrast", "min_target_px",
            "clipped",
        }  # fmt: skip
        assert (tmp_path / entry["file"]).stat().st_size > 10_000, entry["file"]
        assert entry["clipped"] == [], entry["file"]
        assert entry["min_contrast"] >= tour.MIN_CONTRAST_LARGE, entry["file"]
        assert entry["min_target_px"] >= theme.MIN_TOUCH, entry["file"]


def test_large_text_is_at_least_one_and_a_half_times_and_resets_for_the_next_visitor(
    kiosk: Kiosk,
) -> None:
    window = kiosk.window
    title = window.start.title
    normal_px = QFontInfo(title.font()).pixelSize()
    kiosk.click(window.access_bar.large_text_button)
    assert window.display.large
    assert QFontInfo(title.font()).pixelSize() >= 1.5 * normal_px - 1
    assert window.access_bar.large_text_button.accessibleName() == "Stor tekst, på"
    kiosk.click(window.start.name_button)
    kiosk.click(kiosk.name_search.back_button)  # back at the start: a new visitor
    assert window.display == theme.Display()
    assert QFontInfo(title.font()).pixelSize() == normal_px


def test_high_contrast_turns_the_screens_light_on_black(kiosk: Kiosk) -> None:
    window = kiosk.window
    kiosk.click(window.access_bar.contrast_button)
    label = window.start.subtitle
    assert label.palette().color(label.foregroundRole()).name().upper() == theme.HC_TEXT_MUTED
    assert window.start.palette().color(window.start.backgroundRole()).name().upper() == (
        theme.HC_BACKGROUND
    )


@pytest.mark.parametrize("display", [theme.Display(), theme.Display(contrast=True)])
def test_every_text_pair_of_each_palette_has_4_5_to_1(display: theme.Display) -> None:
    for pair, (fg, bg) in display.palette.text_pairs().items():
        assert theme.contrast_ratio(fg, bg) >= 4.5, (display.name, pair)


@pytest.fixture
def kiosk_on_demo(make_kiosk: Callable[..., Kiosk]) -> Iterator[Kiosk]:
    """A kiosk window on the tour's demo kiosk (floors, desks, people; no server)."""
    demo = DemoKiosk(idle_timeout_s=3600.0)
    try:
        yield make_kiosk(demo.core)
    finally:
        demo.close()


def test_map_desks_are_at_least_44_px_to_tap_in_every_mode(kiosk_on_demo: Kiosk) -> None:
    kiosk = kiosk_on_demo
    for flip in (None, "large", "contrast"):
        kiosk.window.go_start()
        if flip == "large":
            kiosk.click(kiosk.window.access_bar.large_text_button)
        elif flip == "contrast":
            kiosk.click(kiosk.window.access_bar.contrast_button)
        kiosk.click(kiosk.window.start.desk_button)
        kiosk.wait_for_screen(kiosk.floor_map)
        view = kiosk.floor_map.view
        scene = view.floor_scene()
        assert scene is not None and scene.desk_items
        for item in scene.desk_items.values():
            box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
            assert min(box.width(), box.height()) >= theme.MIN_TOUCH - 1, item.desk.label
        view.zoom_by(1 / 8)  # zooming out stops at the whole floor, where a tap zooms in
        assert view.zoom == pytest.approx(1.0) and not view.can_zoom_out()
        box = view.mapFromScene(next(iter(scene.desk_items.values())).sceneBoundingRect())
        small = min(box.boundingRect().width(), box.boundingRect().height())
        assert small >= theme.MIN_TOUCH - 1 or view.is_overview()


def test_the_tour_runs_against_a_demo_kiosk_of_its_own() -> None:
    demo = DemoKiosk()
    try:
        assert demo.core.desks.floors()
        person = demo.core.checkin.identify_pass(demo.pass_for()).person
        assert person is not None and person.name == "Kari Nordmann"
        with pytest.raises(PassError):
            demo.core.checkin.identify_pass(demo.pass_for(expired=True))
    finally:
        demo.close()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_large_text_start_screen_shows_every_action_above_the_access_bar(
    kiosk: Kiosk, language: str
) -> None:
    """At 1280x800 with large text the five ways in (QR, name, check out, desks, guest) are
    whole on the screen without scrolling, and none of them reaches under the access bar."""
    window = kiosk.window
    assert window.size().toTuple() == (1280, 800)
    kiosk.click(window.start.language_buttons[language])
    kiosk.click(window.access_bar.large_text_button)
    assert window.display.large
    QApplication.processEvents()
    start = window.start
    page = window.stack.currentWidget()
    assert isinstance(page, QScrollArea) and page.widget() is start
    assert page.verticalScrollBar().value() == 0  # as the visitor meets it
    shown = QRect(page.viewport().mapTo(window, QPoint(0, 0)), page.viewport().size())
    bar = window.access_bar
    bar_rect = QRect(bar.mapTo(window, QPoint(0, 0)), bar.size())
    for button in (
        start.qr_button,
        start.name_button,
        start.checkout_button,
        start.desk_button,
        start.guest_button,
    ):
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert button.isVisible(), button.text()
        assert not rect.intersects(bar_rect), (language, button.text(), rect, bar_rect)
        assert shown.contains(rect), (language, button.text(), rect, shown)


def test_show_all_shows_the_whole_floor_and_a_tap_there_zooms_in_before_it_picks(
    kiosk_on_demo: Kiosk,
) -> None:
    """The map opens at touch size with the edges it continues past marked and said in words;
    "Vis hele" puts the whole plan in the view; a tap there zooms in to 44 px desks (it does
    not pick a desk too small to hit), and the next tap picks."""
    kiosk = kiosk_on_demo
    kiosk.click(kiosk.window.start.desk_button)
    kiosk.wait_for_screen(kiosk.floor_map)
    floor_map = kiosk.floor_map
    view = floor_map.view
    scene = view.floor_scene()
    assert scene is not None and scene.desk_items
    opened = view.hidden_edges()
    assert opened  # the demo floor does not fit at touch size on 1280x800
    assert floor_map.map_hint.isVisible() and floor_map.map_hint.text()
    image = view.viewport().grab().toImage()
    middle = view.viewport().rect().center()
    if "left" in opened:  # the arrow's ring, dark, on the left edge
        assert QColor(image.pixelColor(4, middle.y())).lightness() < 80
    kiosk.click(floor_map.fit_button)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(scene.plan_rect), (shown, scene.plan_rect)
    assert not view.hidden_edges()
    assert view.is_overview() and floor_map.map_hint.isVisible()
    desk = next(iter(scene.desk_items))
    pos = view.view_pos_of(desk)
    assert pos is not None
    kiosk.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert not floor_map.details.isVisible()
    assert not view.is_overview()
    for item in scene.desk_items.values():
        box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        assert min(box.width(), box.height()) >= theme.MIN_TOUCH - 1, item.desk.label
    pos = view.view_pos_of(desk)
    assert pos is not None and view.viewport().rect().contains(pos)
    kiosk.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert floor_map.details.isVisible() and floor_map.selected is not None
    assert floor_map.selected.id == desk


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_large_text_floor_map_fits_above_the_access_bar_without_scrolling(
    kiosk_on_demo: Kiosk, language: str
) -> None:
    """At 1280x800 with large text the floor map's page does not scroll: the map, the panel
    with a free desk's details ("Ta denne pulten") and every button are whole on the screen,
    none under the access bar, each at least 44x44; the map keeps a usable height."""
    kiosk = kiosk_on_demo
    window = kiosk.window
    assert window.size().toTuple() == (1280, 800)
    kiosk.click(window.start.language_buttons[language])
    kiosk.click(window.access_bar.large_text_button)
    assert window.display.large
    kiosk.click(window.start.desk_button)
    kiosk.wait_for_screen(kiosk.floor_map)
    floor_map = kiosk.floor_map
    view = floor_map.view
    scene = view.floor_scene()
    assert scene is not None
    for desk_id in scene.desk_items:  # a free desk: its details offer "Ta denne pulten"
        floor_map.select_desk(desk_id)
        if floor_map.details.claimable:
            break
    QApplication.processEvents()
    assert floor_map.details.isVisible() and floor_map.details.claim_button.isVisible()
    page = window.stack.currentWidget()
    assert isinstance(page, QScrollArea) and page.widget() is floor_map
    assert page.verticalScrollBar().maximum() == 0, (language, floor_map.sizeHint())
    shown = QRect(page.viewport().mapTo(window, QPoint(0, 0)), page.viewport().size())
    bar = window.access_bar
    bar_rect = QRect(bar.mapTo(window, QPoint(0, 0)), bar.size())
    buttons = visible(floor_map, QAbstractButton)
    assert floor_map.fit_button in buttons and floor_map.back_button in buttons
    for button in buttons:
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert not rect.intersects(bar_rect), (language, button.text(), rect, bar_rect)
        assert shown.contains(rect), (language, button.text(), rect, shown)
        assert min(rect.width(), rect.height()) >= theme.MIN_TOUCH, (language, button.text())
        # whole, not cut off by the side panel's own scroll area either
        clipped = button.visibleRegion().boundingRect()
        assert clipped == button.rect(), (language, button.text(), clipped)
    map_rect = QRect(view.mapTo(window, QPoint(0, 0)), view.size())
    assert shown.contains(map_rect) and map_rect.height() >= 240, (language, map_rect)
