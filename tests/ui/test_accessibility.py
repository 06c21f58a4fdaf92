"""Universal design checks: touch target sizes on every screen, text contrast, no colour-only
state, and every visible string through Qt's translation functions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel

from tests.conftest import KARI
from tests.ui.conftest import Kiosk, visible
from ui import theme

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
    kiosk.qtbot.keyClicks(kiosk.name_search.field, "ka")
    assert kiosk.name_search.results
    check()  # with results
    kiosk.click(kiosk.name_search.result_buttons[0])
    kiosk.wait_for_screen(kiosk.confirm)
    check()
    kiosk.click(kiosk.button("Avbryt"))
    kiosk.scan(make_pass(KARI))
    kiosk.wait_for_message()
    check()  # result
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
