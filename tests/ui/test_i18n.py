"""Translations: every string of every screen in bokmål, nynorsk and English.

The .ts files must hold a finished translation of every string the code has (checked by running
lupdate on the code, as ``make translations`` does), keep every placeholder, and the compiled
.qm files in the package must say what the .ts files say.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from pytestqt.qtbot import QtBot

from kiosk.settings import LANGUAGES, KioskSettings, SettingsError, load_settings
from tests.fakes import FakeClock
from ui.i18n import Languages, install_translators, translations_dir
from ui.screens.start import StartScreen

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
TARGETS = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
_PLACEHOLDER = re.compile(r"%(?:\d+|n)")


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    translations: tuple[str, ...]
    kind: str  # "" (finished), "unfinished", "vanished", "obsolete"


def _entries(path: Path) -> list[Entry]:
    root = ET.parse(path).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.iter("numerusform")]
            texts = tuple(forms) if message.get("numerus") == "yes" else (translation.text or "",)
            found.append(
                Entry(name, message.findtext("source", ""), texts, translation.get("type", ""))
            )
    return found


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: it comes with PySide6-Essentials")
    return found


def _lupdate(ts_file: Path, language: str) -> None:
    """What ``make translations`` runs for one language (see the Makefile)."""
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    extra = ["-pluralonly"] if language == "nb" else []
    options = ["-silent", "-no-obsolete", "-locations", "none", "-source-language", "nb_NO"]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *options,
            *["-target-language", TARGETS[language], *extra],
            *[*sources, "-ts", str(ts_file)],
        ],
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_keeps_its_placeholders(language: str) -> None:
    entries = _entries(TS_DIR / f"regionlab_{language}.ts")
    if language != "nb":  # bokmål is the source: its file holds plural forms only
        assert len(entries) > 100
    problems = []
    for entry in entries:
        where = f"{entry.context}: {entry.source!r}"
        if entry.kind:
            problems.append(f"{where} is {entry.kind}")
        for text in entry.translations:
            if not text.strip():
                problems.append(f"{where} has no translation")
            elif sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(entry.source)):
                problems.append(f"{where}: placeholders differ in {text!r}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_translations_hold_every_string_in_the_code(language: str, tmp_path: Path) -> None:
    committed = TS_DIR / f"regionlab_{language}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    _lupdate(fresh, language)
    before = {(e.context, e.source): e for e in _entries(committed)}
    after = {(e.context, e.source): e for e in _entries(fresh)}
    new = sorted(key for key in after if key not in before)
    gone = sorted(key for key in before if key not in after)
    assert (new, gone) == ([], []), "run `make translations` and translate what it marks"


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_compiled_files_say_what_the_sources_say(language: str) -> None:
    translator = QTranslator()
    assert translator.load(f"regionlab_{language}", str(translations_dir()))
    stale = [
        (e.context, e.source)
        for e in _entries(TS_DIR / f"regionlab_{language}.ts")
        if translator.translate(e.context, e.source) != e.translations[0]
    ]
    assert stale == [], "run `make` to compile the .ts files"


def test_the_nynorsk_is_nynorsk() -> None:
    """Spot checks that the file is nynorsk, not bokmål with a few words swapped."""
    said = {(e.context, e.source): e.translations[0] for e in _entries(TS_DIR / "regionlab_nn.ts")}
    assert said[("CheckinFlow", "Velkommen, %1!")] == "Velkomen, %1!"
    assert said[("StartScreen", "Sjekk inn med navn")] == "Sjekk inn med namn"
    assert said[("NameSearchScreen", "Ingen treff")] == "Ingen treff"
    words = re.findall(r"\w+", " ".join(said.values()).lower())
    for bokmal in ("ikke", "noe", "hva", "jeg", "navn", "velkommen", "ennå", "hvis", "fra"):
        assert bokmal not in words, bokmal
    assert "ikkje" in words


def test_an_unknown_language_setting_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="language"):
        load_settings(["--data-dir", str(tmp_path)], {"REGIONLAB_LANGUAGE": "de"})
    for language in LANGUAGES:
        settings = load_settings(["--data-dir", str(tmp_path)], {"REGIONLAB_LANGUAGE": language})
        assert settings.language == language
    assert KioskSettings().language == "nb"


def test_languages_switch_the_translator_and_the_locale(qtbot: QtBot) -> None:
    before = QLocale()
    languages = Languages("nn")
    try:
        screen = StartScreen(FakeClock())
        qtbot.addWidget(screen)
        assert screen.name_button.text() == "Sjekk inn med namn"
        assert QLocale().language() is QLocale.Language.NorwegianNynorsk
        languages.choose("en")  # the screen has re-set its texts when this returns
        assert screen.name_button.text() == "Check in by name"
        assert QLocale().language() is QLocale.Language.English
        languages.reset()
        assert languages.current == "nn"
        assert screen.name_button.text() == "Sjekk inn med namn"
        with pytest.raises(ValueError):
            languages.choose("sv")
    finally:
        languages.close()
    assert QLocale() == before
    assert QCoreApplication.translate("StartScreen", "Sjekk inn med navn") == "Sjekk inn med navn"


_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nn_NO">
<context>
    <name>StartScreen</name>
    <message>
        <source>Sjekk inn med navn</source>
        <translation>Sjekk inn med namn (test)</translation>
    </message>
</context>
</TS>
"""


def test_a_translation_folder_can_be_given(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "regionlab_nn.ts").write_text(_TS, encoding="utf-8")
    subprocess.run(
        [
            _tool("pyside6-lrelease"),
            str(tmp_path / "regionlab_nn.ts"),
            "-qm",
            str(tmp_path / "regionlab_nn.qm"),
        ],
        check=True,
        capture_output=True,
    )
    app = QCoreApplication.instance()
    assert app is not None
    before = QLocale()
    translators = install_translators(app, "nn", tmp_path)
    try:
        assert translators
        screen = StartScreen(FakeClock())
        qtbot.addWidget(screen)
        assert screen.name_button.text() == "Sjekk inn med namn (test)"
        assert screen.qr_button.text() == "Sjekk inn med QR-kode"  # not in this file: bokmål
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(before)
