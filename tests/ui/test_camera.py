"""The camera as a way in: real frames with real passes go through the scan screen's
``QVideoSink``, the decoder's worker thread and the same check-in path as a scanner's burst.

Only the camera itself is replaced (``FrameFeeder``: the test machine has none); the tests
without a feeder run the real ``CameraSource``, which finds no camera here.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import threading
import wave
from collections.abc import Callable

import pytest
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

from kiosk.settings import KioskSettings, load_settings
from tests.camera_frames import empty_frame, pass_frame, product_barcode_frame, text_frame
from tests.conftest import KARI, OLE
from tests.frame_feeder import FrameFeeder, RecordingSound
from tests.ui.conftest import Kiosk
from ui.camera import decoder as decoder_module
from ui.camera.decoder import FrameDecoder, read_qr_codes
from ui.camera.sound import READ_SOUND
from ui.camera.source import CameraSource, CameraState, choose_device
from ui.messages import MessageKind

pytestmark = pytest.mark.gui

NO_CAMERA = "Kameraet er ikke tilgjengelig. Bruk skanneren eller sjekk inn med navn."
HOLD_IN_FRAME = "Hold QR-koden inne i rammen"


def open_scan_screen(kiosk: Kiosk) -> None:
    kiosk.click(kiosk.button("Sjekk inn med QR-kode"))
    kiosk.wait_for_screen(kiosk.scan_help)


def camera_kiosk(
    make_kiosk: Callable[..., Kiosk], **kwargs: object
) -> tuple[Kiosk, FrameFeeder, RecordingSound]:
    feeder, sound = FrameFeeder(**kwargs), RecordingSound()  # type: ignore[arg-type]
    kiosk = make_kiosk(camera=feeder, sound=sound)
    open_scan_screen(kiosk)
    return kiosk, feeder, sound


def hold_up(kiosk: Kiosk, feeder: FrameFeeder, frame: QImage, until: Callable[[], bool]) -> None:
    """Hold ``frame`` in front of the camera: one frame per event-loop turn until ``until``."""

    def step() -> bool:
        if until():
            return True
        feeder.feed(frame)
        return False

    kiosk.qtbot.waitUntil(step, timeout=5000)


def read_frames(kiosk: Kiosk, feeder: FrameFeeder, frame: QImage, count: int) -> None:
    """Show ``frame`` until the decoder has read ``count`` more frames."""
    decoder = kiosk.scan_help.decoder
    target = decoder.frames_read + count
    hold_up(kiosk, feeder, frame, lambda: decoder.frames_read >= target)


# Reading passes ------------------------------------------------------------------------------
def test_scan_screen_shows_the_picture_and_a_pass_checks_in(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    kiosk, feeder, sound = camera_kiosk(make_kiosk)
    screen = kiosk.scan_help
    assert feeder.running
    assert HOLD_IN_FRAME in kiosk.visible_texts()
    assert NO_CAMERA not in kiosk.visible_texts()

    read_frames(kiosk, feeder, empty_frame(), 2)
    kiosk.qtbot.waitUntil(lambda: screen.preview.frames_painted > 0)
    assert screen.preview.isVisible() and screen.preview.has_picture
    assert kiosk.messages == []

    hold_up(kiosk, feeder, pass_frame(make_pass(KARI)), lambda: bool(kiosk.messages))
    message = kiosk.wait_for_message()
    assert message.kind is MessageKind.WELCOME
    assert kiosk.result.title.text() == "Velkommen, Kari!"
    assert kiosk.core.checkin.is_present(KARI)
    assert kiosk.pending_events() == 1
    assert sound.played == 1
    assert not feeder.running, "the camera stops when the scan screen is left"
    assert not screen.preview.has_picture, "no picture of the visitor stays behind"


@pytest.mark.parametrize(
    "how",
    [
        {"blur": 2.5},
        {"angle": 25},
        {"angle": -90},
        {"size": 160},
        {"hide": 0.25},
        # 220 px with blur 1.5 read only 37 of 40 random passes: too close to the edge to test.
        {"size": 240, "angle": 12, "blur": 1.0},
    ],
    ids=["blurred", "rotated", "sideways", "small", "partly-hidden", "small-rotated-blurred"],
)
def test_hard_frames_still_check_in(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str], how: dict[str, float]
) -> None:
    kiosk, feeder, _ = camera_kiosk(make_kiosk)
    hold_up(kiosk, feeder, pass_frame(make_pass(OLE), **how), lambda: bool(kiosk.messages))
    assert kiosk.wait_for_message().title == "Velkommen, Ole!"
    assert kiosk.core.checkin.is_present(OLE)


def test_the_same_code_seen_in_many_frames_checks_in_once(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    kiosk, feeder, sound = camera_kiosk(make_kiosk)
    frame = pass_frame(make_pass(KARI))
    # Frames already on their way when the first read switches screens: fed in one go.
    for _ in range(5):
        feeder.feed(frame)
    kiosk.wait_for_message()
    kiosk.qtbot.wait(0)
    # Back on the scan screen at once, the pass still held up: the repeat is ignored.
    kiosk.window.show_screen(kiosk.scan_help)
    read_frames(kiosk, feeder, frame, 3)
    kiosk.qtbot.waitUntil(lambda: kiosk.scan_help.decoder.busy is False)
    assert len(kiosk.messages) == 1
    assert kiosk.pending_events() == 1
    assert sound.played == 1
    assert kiosk.window.current_screen is kiosk.scan_help


def test_a_url_qr_code_is_refused_and_records_nothing(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk, feeder, _ = camera_kiosk(make_kiosk)
    frame = text_frame("https://www.regjeringen.no/no/dokumenter/statens-hus/")
    hold_up(kiosk, feeder, frame, lambda: bool(kiosk.messages))
    message = kiosk.wait_for_message()
    assert message.kind is MessageKind.PROBLEM
    assert message.title in kiosk.visible_texts()
    assert kiosk.pending_events() == 0


def test_a_product_barcode_and_an_empty_picture_are_ignored(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk, feeder, sound = camera_kiosk(make_kiosk)
    read_frames(kiosk, feeder, product_barcode_frame(), 5)
    read_frames(kiosk, feeder, empty_frame(), 3)
    assert kiosk.messages == []
    assert sound.played == 0
    assert kiosk.window.current_screen is kiosk.scan_help
    assert kiosk.pending_events() == 0


def test_the_handheld_scanner_works_on_the_camera_screen_too(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    kiosk, _, sound = camera_kiosk(make_kiosk)
    kiosk.scan(make_pass(KARI))
    assert kiosk.wait_for_message().kind is MessageKind.WELCOME
    assert sound.played == 0, "a scanner beeps by itself"


# No camera, a lost camera ---------------------------------------------------------------------
def test_without_a_camera_the_screen_says_so_and_the_scanner_works(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    kiosk = make_kiosk()  # the real camera source: this machine has no camera
    open_scan_screen(kiosk)
    assert kiosk.scan_help.source.state is CameraState.UNAVAILABLE
    assert NO_CAMERA in kiosk.visible_texts()
    assert HOLD_IN_FRAME not in kiosk.visible_texts()
    kiosk.scan(make_pass(KARI))
    assert kiosk.wait_for_message().title == "Velkommen, Kari!"


def test_a_camera_lost_while_in_use_comes_back_when_plugged_in(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    kiosk, feeder, _ = camera_kiosk(make_kiosk)
    read_frames(kiosk, feeder, empty_frame(), 1)
    feeder.unplug()
    assert NO_CAMERA in kiosk.visible_texts()
    assert not kiosk.scan_help.preview.has_picture
    assert not feeder.feed(empty_frame())

    feeder.plug_in()
    assert NO_CAMERA not in kiosk.visible_texts()
    assert HOLD_IN_FRAME in kiosk.visible_texts()
    hold_up(kiosk, feeder, pass_frame(make_pass(KARI)), lambda: bool(kiosk.messages))
    assert kiosk.wait_for_message().kind is MessageKind.WELCOME


def test_a_kiosk_that_starts_without_a_camera_uses_one_plugged_in_later(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    kiosk, feeder, _ = camera_kiosk(make_kiosk, plugged_in=False)
    assert NO_CAMERA in kiosk.visible_texts()
    feeder.plug_in()
    hold_up(kiosk, feeder, pass_frame(make_pass(KARI)), lambda: bool(kiosk.messages))
    assert kiosk.wait_for_message().kind is MessageKind.WELCOME


# The camera runs only on the scan screen ------------------------------------------------------
def test_leaving_the_scan_screen_stops_the_camera(make_kiosk: Callable[..., Kiosk]) -> None:
    kiosk, feeder, _ = camera_kiosk(make_kiosk)
    read_frames(kiosk, feeder, empty_frame(), 1)
    kiosk.click(kiosk.scan_help.back_button)
    kiosk.wait_for_screen(kiosk.window.start)
    assert not feeder.running and feeder.stops == 1
    assert not kiosk.scan_help.preview.has_picture
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    kiosk.wait_for_screen(kiosk.name_search)
    assert not feeder.running and feeder.starts == 1


def test_the_camera_stops_when_the_kiosk_goes_idle(make_kiosk: Callable[..., Kiosk]) -> None:
    feeder = FrameFeeder()
    kiosk = make_kiosk(camera=feeder, sound=RecordingSound(), idle_timeout_s=0.2)
    open_scan_screen(kiosk)
    assert feeder.running
    kiosk.wait_for_screen(kiosk.window.start)
    assert not feeder.running


# The decoder ----------------------------------------------------------------------------------
def test_frames_are_read_on_a_worker_thread(
    make_kiosk: Callable[..., Kiosk], monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: set[int] = set()
    real = decoder_module.read_qr_codes

    def watched(frame: QVideoFrame) -> list[str]:
        threads.add(threading.get_ident())
        return real(frame)

    monkeypatch.setattr(decoder_module, "read_qr_codes", watched)
    kiosk, feeder, _ = camera_kiosk(make_kiosk)
    read_frames(kiosk, feeder, empty_frame(), 3)
    assert threads and threading.get_ident() not in threads


def test_a_busy_decoder_keeps_only_the_newest_frame(qtbot: object) -> None:
    decoder = FrameDecoder()
    read: list[str] = []
    decoder.decoded.connect(read.append)
    decoder.start()
    try:
        blank = QVideoFrame(empty_frame())
        for _ in range(40):
            decoder.submit(blank)
        newest = QVideoFrame(pass_frame("RL1NEWESTFRAME234567ABCDEFGHIJ"))
        decoder.submit(newest)
        qtbot.waitUntil(lambda: read == ["RL1NEWESTFRAME234567ABCDEFGHIJ"])  # type: ignore[attr-defined]
        assert decoder.frames_dropped > 0
        assert decoder.frames_read + decoder.frames_dropped == 41
    finally:
        decoder.stop()


def test_luma_planes_are_read_in_place() -> None:
    grey = pass_frame("RL1LUMAPLANE234567ABCDEFGHIJKL").convertToFormat(
        QImage.Format.Format_Grayscale8
    )
    for pixel_format in (
        QVideoFrameFormat.PixelFormat.Format_NV12,
        QVideoFrameFormat.PixelFormat.Format_YUV420P,
    ):
        frame = QVideoFrame(QVideoFrameFormat(grey.size(), pixel_format))
        assert frame.map(QVideoFrame.MapMode.WriteOnly)
        luma = frame.bits(0)
        stride = frame.bytesPerLine(0)
        row = grey.bytesPerLine()
        source = bytes(grey.constBits())  # type: ignore[call-overload]
        for y in range(grey.height()):
            luma[y * stride : y * stride + grey.width()] = source[y * row : y * row + grey.width()]
        for plane in range(1, frame.planeCount()):
            chroma = frame.bits(plane)
            chroma[:] = b"\x80" * len(chroma)
        frame.unmap()
        assert read_qr_codes(frame) == ["RL1LUMAPLANE234567ABCDEFGHIJKL"], pixel_format


# Settings, sound, the real camera source ------------------------------------------------------
def test_the_camera_setting_comes_from_the_environment(tmp_path: object) -> None:
    settings = load_settings(["--data-dir", str(tmp_path)], {"REGIONLAB_CAMERA": "Logitech"})
    assert settings.camera == "Logitech"
    assert KioskSettings().camera == ""


def test_no_camera_matches_on_a_machine_without_one(qtbot: object) -> None:
    assert choose_device([], "") is None
    assert choose_device([], "Logitech") is None
    source = CameraSource("Logitech")
    states: list[CameraState] = []
    source.state_changed.connect(states.append)
    source.start()
    source.stop()
    assert states == [CameraState.UNAVAILABLE, CameraState.OFF]


def test_the_read_sound_is_a_short_clean_wav() -> None:
    with wave.open(str(READ_SOUND)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44100)
        assert 0.05 < wav.getnframes() / wav.getframerate() < 0.4


# Frames from a camera thread ------------------------------------------------------------------
CHILD = textwrap.dedent(
    """
    import threading
    from PySide6.QtCore import QTimer
    from PySide6.QtMultimedia import QVideoFrame
    from PySide6.QtWidgets import QApplication

    from tests.camera_frames import empty_frame, pass_frame
    from tests.frame_feeder import FrameFeeder, RecordingSound
    from ui.camera.decoder import FrameDecoder
    from ui.screens.scan_help import ScanHelpScreen

    COUNT = 3000
    app = QApplication([])
    feeder = FrameFeeder()
    screen = ScanHelpScreen(feeder, FrameDecoder(), RecordingSound())
    screen.resize(800, 450)
    screen.show()
    read = []
    screen.code_read.connect(read.append)
    screen.start_camera()
    frames = [QVideoFrame(empty_frame()), QVideoFrame(pass_frame("RL1THREADED234567ABCDEFGHIJKL"))]

    def camera_thread():
        for i in range(COUNT):
            feeder.sink.setVideoFrame(frames[i % 2])

    def done():
        if worker.is_alive() or screen.decoder.busy:
            QTimer.singleShot(20, done)
            return
        app.quit()

    worker = threading.Thread(target=camera_thread)
    QTimer.singleShot(0, worker.start)
    QTimer.singleShot(50, done)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    screen.stop_camera()
    assert read and set(read) == {"RL1THREADED234567ABCDEFGHIJKL"}, read[:3]
    assert screen.preview.frames_painted > 0
    print("ok", len(read), screen.decoder.frames_read, screen.preview.frames_painted)
    """
)


def test_frames_delivered_on_a_camera_thread_do_not_crash_the_kiosk() -> None:
    """A camera may deliver frames on its own thread; the preview and the decoder hand them to
    the GUI thread without Python objects on cross-thread signals (see test_thread_signals)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("ok"), done.stdout


def test_camera_states_are_logged_calmly(
    make_kiosk: Callable[..., Kiosk], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    _, feeder, _ = camera_kiosk(make_kiosk)
    feeder.unplug()
    assert "camera: unavailable" in caplog.messages
    assert all(r.levelno < logging.WARNING for r in caplog.records)
