"""Camera speed: decoding one 1280x720 frame, and how long the GUI thread stalls while the
camera delivers 30 frames a second through the scan screen's sink.

Run alone with ``python -m bench.camera`` (``--seconds``, ``--decodes``), or as part of
``python -m bench``. Offscreen Qt, the real scan screen (preview, decoder thread, sink); only the
camera is replaced by a thread that sets frames on the sink at 30 fps, as a camera's own thread
would. GUI stalls are measured with a 1 ms precise ``QTimer``: each gap between two ticks beyond
the millisecond it asked for is time the GUI thread could not run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.__main__ import percentile, report

FPS = 30


def _frames() -> dict[str, object]:
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    from tests.camera_frames import empty_frame, pass_frame

    token = "RL1" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 5  # as long as a real pass
    frames: dict[str, object] = {
        "pass centred, RGBX": QVideoFrame(pass_frame(token)),
        "pass small+turned+blurred": QVideoFrame(pass_frame(token, size=220, angle=12, blur=1.5)),
        "no code, RGBX": QVideoFrame(empty_frame()),
    }
    # What a camera sends: NV12 (luma plane + interleaved chroma).
    grey = pass_frame(token).convertToFormat(QImage.Format.Format_Grayscale8)
    nv12 = QVideoFrame(QVideoFrameFormat(grey.size(), QVideoFrameFormat.PixelFormat.Format_NV12))
    nv12.map(QVideoFrame.MapMode.WriteOnly)
    luma, stride, row = memoryview(nv12.bits(0)), nv12.bytesPerLine(0), grey.bytesPerLine()
    source = bytes(grey.constBits())
    for y in range(grey.height()):
        luma[y * stride : y * stride + grey.width()] = source[y * row : y * row + grey.width()]
    chroma = memoryview(nv12.bits(1))
    chroma[:] = b"\x80" * len(chroma)
    nv12.unmap()
    frames["pass centred, NV12 (camera)"] = nv12
    return frames


def bench_decode(decodes: int) -> None:
    from ui.camera.decoder import read_qr_codes

    for name, frame in _frames().items():
        found = read_qr_codes(frame)  # type: ignore[arg-type]
        if name.startswith("pass") and not found:
            raise RuntimeError(f"the bench frame {name!r} does not decode")
        timings = []
        for _ in range(decodes):
            started = time.perf_counter()
            read_qr_codes(frame)  # type: ignore[arg-type]
            timings.append((time.perf_counter() - started) * 1000)
        report(f"camera decode 1280x720, {name}", timings)


def bench_gui_stalls(seconds: float, *, camera_thread: bool) -> None:
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from tests.frame_feeder import FrameFeeder, RecordingSound
    from ui import theme
    from ui.camera.decoder import FrameDecoder
    from ui.screens.scan_help import ScanHelpScreen

    app = QApplication.instance() or QApplication([])
    frames = list(_frames().values())[:3]
    feeder = FrameFeeder()
    screen = ScanHelpScreen(feeder, FrameDecoder(), RecordingSound())
    screen.setStyleSheet(theme.style_sheet())
    screen.resize(1280, 800)
    screen.show()
    screen.start_camera()
    assert feeder.sink is not None
    sink = feeder.sink

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(1)
    heartbeat.timeout.connect(tick)

    stop = threading.Event()
    delivered = [0]

    def deliver_one() -> None:
        sink.setVideoFrame(frames[delivered[0] % len(frames)])  # type: ignore[arg-type]
        delivered[0] += 1

    def camera() -> None:
        next_at = time.perf_counter()
        while not stop.is_set():
            deliver_one()
            next_at += 1 / FPS
            time.sleep(max(0.0, next_at - time.perf_counter()))

    gui_feed = QTimer()
    gui_feed.setTimerType(Qt.TimerType.PreciseTimer)
    gui_feed.setInterval(round(1000 / FPS))
    gui_feed.timeout.connect(deliver_one)
    thread = threading.Thread(target=camera, name="bench-camera")

    heartbeat.start()
    if camera_thread:
        thread.start()
    else:
        gui_feed.start()
    QTimer.singleShot(round(seconds * 1000), app.quit)
    app.exec()
    stop.set()
    gui_feed.stop()
    heartbeat.stop()
    if camera_thread:
        thread.join()
    decoder, preview = screen.decoder, screen.preview
    screen.stop_camera()
    screen.close()
    screen.deleteLater()
    app.processEvents()

    stalls = [max(0.0, gap - 1.0) for gap in gaps[1:]]
    where = "camera thread" if camera_thread else "GUI thread"
    report(f"camera {FPS} fps via {where}: GUI stall", stalls)
    print(
        f"    longest stall {max(stalls):.2f} ms, p99 {percentile(stalls, 99):.2f} ms,"
        f" median heartbeat gap {statistics.median(gaps):.2f} ms; frames delivered"
        f" {delivered[0]}, read {decoder.frames_read}, dropped {decoder.frames_dropped},"
        f" painted {preview.frames_painted}",
        flush=True,
    )


def run(seconds: float = 10.0, decodes: int = 200) -> None:
    bench_decode(decodes)
    bench_gui_stalls(seconds, camera_thread=True)
    bench_gui_stalls(seconds, camera_thread=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--decodes", type=int, default=200)
    args = parser.parse_args(argv)
    print(f"# camera bench, python {sys.version.split()[0]}, {os.cpu_count()} cores", flush=True)
    run(args.seconds, args.decodes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
