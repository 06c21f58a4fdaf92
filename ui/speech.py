"""Speaking to the visitor: one ``Speaker`` interface, the engines behind it, and a recorder.

``QtSpeaker`` uses Qt TextToSpeech with a voice for the current language when the machine has
a Qt speech engine; ``EspeakSpeaker`` runs ``espeak-ng`` (``-v nb`` / ``-v en``) when it has not.
``RecordingSpeaker`` keeps what would have been said, for tests. ``make_speaker`` picks the
engine the machine has; with none at all it returns a speaker that only logs that it is silent.

The language is asked for at each sentence (``language`` returns "nb", "nn" or "en"), so a
visitor who switches language hears the new one at once. There is no nynorsk voice in
espeak-ng; nynorsk text is read with the bokmål voice, which pronounces it well enough.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable
from ctypes.util import find_library
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QLocale, QObject

log = logging.getLogger(__name__)

# espeak-ng voices per UI language (no nynorsk voice exists; bokmål reads it).
ESPEAK_VOICES = {"nb": "nb", "nn": "nb", "en": "en-gb"}
_QT_LANGUAGES = {
    "nb": QLocale.Language.NorwegianBokmal,
    "nn": QLocale.Language.NorwegianNynorsk,
    "en": QLocale.Language.English,
}


def current_language() -> str:
    """The UI language of the default locale (set with the translators): nb, nn or en."""
    language = QLocale().language()
    if language == QLocale.Language.English:
        return "en"
    if language == QLocale.Language.NorwegianNynorsk:
        return "nn"
    return "nb"


class Speaker(Protocol):
    def say(self, text: str) -> None:
        """Stop whatever is being said and say ``text``."""

    def enqueue(self, text: str) -> None:
        """Say ``text`` after what is being said now."""

    def stop(self) -> None:
        """Say nothing more."""


class RecordingSpeaker:
    """Keeps what would be spoken, with the language it would be spoken in (for tests)."""

    def __init__(self, language: Callable[[], str] = current_language) -> None:
        self._language = language
        self.spoken: list[tuple[str, str]] = []  # (language, text)
        self.stops = 0

    @property
    def texts(self) -> list[str]:
        return [text for _, text in self.spoken]

    def say(self, text: str) -> None:
        self.stop()
        self.enqueue(text)

    def enqueue(self, text: str) -> None:
        if text.strip():
            self.spoken.append((self._language(), text))

    def stop(self) -> None:
        self.stops += 1

    def clear(self) -> None:
        self.spoken.clear()


class EspeakSpeaker:
    """``espeak-ng`` in a child process per sentence; a new ``say`` ends the one speaking."""

    def __init__(
        self,
        language: Callable[[], str] = current_language,
        program: str = "espeak-ng",
        words_per_minute: int = 150,
    ) -> None:
        self._language = language
        self._program = program
        self._wpm = words_per_minute
        self._process: subprocess.Popen[bytes] | None = None
        self._queue: list[str] = []

    def command(self, text: str, wav: Path | None = None) -> list[str]:
        voice = ESPEAK_VOICES.get(self._language(), "nb")
        command = [self._program, "-v", voice, "-s", str(self._wpm)]
        if wav is not None:
            command += ["-w", str(wav)]
        return [*command, "--", text]

    def say(self, text: str) -> None:
        self.stop()
        self.enqueue(text)

    def enqueue(self, text: str) -> None:
        if not text.strip():
            return
        if self._process is not None and self._process.poll() is None:
            # One process at a time: the rest joins the sentence being spoken next.
            self._queue.append(text)
            return
        self._start(" ".join([*self._queue, text]))
        self._queue.clear()

    def stop(self) -> None:
        self._queue.clear()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
        self._process = None

    def to_wav(self, text: str, path: Path, timeout_s: float = 30.0) -> Path:
        """Speak ``text`` into a WAV file instead of the speaker (blocks until written)."""
        subprocess.run(self.command(text, path), check=True, timeout=timeout_s, capture_output=True)
        return path

    def _start(self, text: str) -> None:
        try:
            self._process = subprocess.Popen(
                self.command(text), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        except OSError as exc:
            log.info("kiosk: espeak-ng could not start (%s); speech is silent", exc.strerror)
            self._process = None


class QtSpeaker(QObject):
    """Qt TextToSpeech with a voice for the current language (when Qt has an engine)."""

    def __init__(
        self,
        engine: str,
        language: Callable[[], str] = current_language,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._language = language
        self._engine = QTextToSpeech(engine, self)
        self._locale_for: str | None = None

    @property
    def working(self) -> bool:
        from PySide6.QtTextToSpeech import QTextToSpeech

        return self._engine.state() != QTextToSpeech.State.Error

    def _follow_language(self) -> None:
        language = self._language()
        if language == self._locale_for:
            return
        self._locale_for = language
        wanted = _QT_LANGUAGES.get(language, QLocale.Language.NorwegianBokmal)
        for locale in self._engine.availableLocales():
            if locale.language() == wanted or (
                wanted == QLocale.Language.NorwegianNynorsk
                and locale.language() == QLocale.Language.NorwegianBokmal
            ):
                self._engine.setLocale(locale)
                return
        log.info("kiosk: no %s voice in the speech engine; using its default", language)

    def say(self, text: str) -> None:
        self._follow_language()
        self._engine.say(text)

    def enqueue(self, text: str) -> None:
        self._follow_language()
        self._engine.enqueue(text)

    def stop(self) -> None:
        self._engine.stop()


class SilentSpeaker:
    """No engine on this machine: speech is switched on, nothing is heard (logged once)."""

    def __init__(self) -> None:
        self._told = False

    def say(self, text: str) -> None:
        self.enqueue(text)

    def enqueue(self, text: str) -> None:  # noqa: ARG002 - the Speaker signature; no engine
        if not self._told:
            self._told = True
            log.info("kiosk: speech asked for, but there is no speech engine on this machine")

    def stop(self) -> None:
        pass


def qt_engine() -> str | None:
    """A Qt speech engine that can speak here: not Qt's "mock" test engine, and "speechd"
    only when speech-dispatcher's library is installed (else its plug-in fails to load)."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    for name in QTextToSpeech.availableEngines():
        if name == "mock" or (name == "speechd" and find_library("speechd") is None):
            continue
        return str(name)
    return None


def make_speaker(language: Callable[[], str] = current_language) -> Speaker:
    """The machine's engine: Qt's if it has one, else espeak-ng, else silence."""
    engine = qt_engine()
    if engine is not None:
        speaker = QtSpeaker(engine, language)
        if speaker.working:
            log.info("kiosk: speech through Qt's %s engine", engine)
            return speaker
    if shutil.which("espeak-ng"):
        log.info("kiosk: speech through espeak-ng")
        return EspeakSpeaker(language)
    log.info("kiosk: no Qt speech engine and no espeak-ng; speech will be silent")
    return SilentSpeaker()


class LazySpeaker:
    """Finds the machine's engine the first time something is said: a kiosk where nobody
    turns speech on never loads a speech engine."""

    def __init__(self, language: Callable[[], str] = current_language) -> None:
        self._language = language
        self._speaker: Speaker | None = None

    def _real(self) -> Speaker:
        if self._speaker is None:
            self._speaker = make_speaker(self._language)
        return self._speaker

    def say(self, text: str) -> None:
        self._real().say(text)

    def enqueue(self, text: str) -> None:
        self._real().enqueue(text)

    def stop(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()
