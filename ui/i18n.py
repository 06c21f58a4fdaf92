"""Translations: bokmål is the source language; nynorsk and English come as compiled .qm files.

The sources are ``resources/translations/regionlab_<language>.ts`` (``make translations``
updates them from the code and compiles them); the compiled ``regionlab_<language>.qm`` files
live in ``ui/translations`` so they ship inside the package (``translations_dir``).

``Languages`` holds the language the screens show now. The kiosk starts in its default
language (the ``language`` setting); a visitor may choose another on the start screen, and the
default comes back when the start screen shows again. Switching installs the new translator
(Qt then sends ``LanguageChange`` to every widget, and each screen re-sets its texts) and sets
the default ``QLocale`` so dates, times and numbers follow the language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from kiosk.resources import resource_path
from kiosk.settings import LANGUAGES

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "nb"

# Each language by its own name: never translated, so a visitor finds theirs whatever is shown.
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}

_LOCALES = {
    "nb": (QLocale.Language.NorwegianBokmal, QLocale.Country.Norway),
    "nn": (QLocale.Language.NorwegianNynorsk, QLocale.Country.Norway),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
assert tuple(_LOCALES) == LANGUAGES == tuple(LANGUAGE_NAMES)


def translations_dir() -> Path:
    """Where the compiled translations are: inside the ``ui`` package."""
    return resource_path("ui", "translations")


def locale_for(language: str) -> QLocale:
    lang, country = _LOCALES.get(language, _LOCALES[SOURCE_LANGUAGE])
    return QLocale(lang, country)


def install_translators(
    app: QCoreApplication, language: str, directory: Path | None = None
) -> list[QTranslator]:
    """Install the translators for ``language``; return them (keep a reference)."""
    directory = directory if directory is not None else translations_dir()
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


class Languages(QObject):
    """The language shown now: the kiosk's default, or one a visitor chose for their visit."""

    changed = Signal(str)
    """The language changed (after the screens have re-set their texts): its code."""

    def __init__(
        self,
        default: str,
        *,
        directory: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if default not in LANGUAGES:
            raise ValueError(f"unknown language {default!r} (one of {', '.join(LANGUAGES)})")
        self.default = default
        self._directory = directory
        self._translators: list[QTranslator] = []
        self._locale_before = QLocale()
        self._current = ""
        self.choose(default)

    @property
    def current(self) -> str:
        return self._current

    def choose(self, language: str) -> None:
        """Show ``language`` from now on; every screen re-sets its texts before this returns."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        if language == self._current:
            return
        app = QCoreApplication.instance()
        assert app is not None, "a QApplication is needed to switch languages"
        self._remove()
        self._translators = install_translators(app, language, self._directory)
        self._current = language
        if language == SOURCE_LANGUAGE:
            # Nothing installed for bokmål may still have changed (the last language was
            # removed): make sure the screens hear of it.
            QCoreApplication.postEvent(app, QEvent(QEvent.Type.LanguageChange))
        # Qt posts LanguageChange to the windows; deliver it now, and the layout requests the
        # new texts cause, so the switch is complete when this returns (a grab, a test or the
        # tour sees the new texts at their new sizes).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        log.info("kiosk: language %s", language)
        self.changed.emit(language)

    def reset(self) -> None:
        """Back to the kiosk's default language (the start screen shows for a new visitor)."""
        self.choose(self.default)

    def close(self) -> None:
        """Remove the translators and restore the locale (the window closes)."""
        self._remove()
        QLocale.setDefault(self._locale_before)
        self._current = ""

    def _remove(self) -> None:
        app = QCoreApplication.instance()
        for translator in self._translators:
            if app is not None:
                app.removeTranslator(translator)
            translator.deleteLater()
        self._translators = []
