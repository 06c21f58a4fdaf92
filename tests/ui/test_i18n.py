"""Translations: a compiled .qm in the translations folder changes what the screens say."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from pytestqt.qtbot import QtBot

from tests.fakes import FakeClock
from ui.i18n import install_translators
from ui.screens.start import StartScreen

pytestmark = pytest.mark.gui

_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nn_NO">
<context>
    <name>StartScreen</name>
    <message>
        <source>Sjekk inn med navn</source>
        <translation>Sjekk inn med namn</translation>
    </message>
</context>
</TS>
"""


def _lrelease() -> str:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if found is None:
        pytest.skip("pyside6-lrelease is not installed")
    return found


def test_a_nynorsk_translation_is_installed_and_used(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "regionlab_nn.ts").write_text(_TS, encoding="utf-8")
    subprocess.run(
        [_lrelease(), str(tmp_path / "regionlab_nn.ts"), "-qm", str(tmp_path / "regionlab_nn.qm")],
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
        assert screen.name_button.text() == "Sjekk inn med namn"
        assert screen.qr_button.text() == "Sjekk inn med QR-kode"  # untranslated: bokmål
        assert QLocale().language() is QLocale.Language.NorwegianNynorsk
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(before)


def test_bokmal_needs_no_file(qapp: QCoreApplication, tmp_path: Path) -> None:
    app = qapp
    before = QLocale()
    translators = install_translators(app, "nb", tmp_path)
    try:
        assert all(not t.filePath().startswith(str(tmp_path)) for t in translators)
        assert QLocale().language() is QLocale.Language.NorwegianBokmal
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(before)
