"""Translations: bokmål is the source language; nynorsk and English come as .qm files.

``install_translators`` loads ``regionlab_<language>.qm`` from ``resources/translations`` (if it
exists) and Qt's own ``qtbase_<language>.qm``, and sets the default locale so dates and numbers
follow the language. The caller keeps the returned translators alive as long as the app runs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
SOURCE_LANGUAGE = "nb"

_LOCALES = {
    "nb": (QLocale.Language.NorwegianBokmal, QLocale.Country.Norway),
    "nn": (QLocale.Language.NorwegianNynorsk, QLocale.Country.Norway),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def locale_for(language: str) -> QLocale:
    lang, country = _LOCALES.get(language, _LOCALES[SOURCE_LANGUAGE])
    return QLocale(lang, country)


def install_translators(
    app: QCoreApplication, language: str, directory: Path = TRANSLATIONS_DIR
) -> list[QTranslator]:
    """Install the translators for ``language``; return them (keep a reference)."""
    QLocale.setDefault(locale_for(language))
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{language}", qt_dir), (f"regionlab_{language}", str(directory))]
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
            log.info("kiosk: translation %s loaded", name)
        elif name.startswith("regionlab_") and language != SOURCE_LANGUAGE:
            log.warning("kiosk: no translation %s in %s; showing bokmål", name, folder)
    return installed
