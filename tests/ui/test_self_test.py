"""``regionlab-kiosk --self-test`` from the source tree: passes on the kiosk as it is, and fails
(non-zero, the reason on stderr) when any screen a flow registers breaks, however it was added.
The bundle's own self-test: tests/bundle/test_bundle.py."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A flow added the way any later flow would be (window.add_flow in ui.app), with one screen
# that breaks in the way named by argv[1] when it is painted.
BROKEN_FLOW = textwrap.dedent(
    """
    import logging, sys
    from PySide6.QtWidgets import QLabel
    import ui.app
    from ui.flow import Flow

    HOW = sys.argv[1]
    if HOW == "no-translations":  # a bundle built without its .qm files
        import ui.i18n
        from pathlib import Path
        ui.i18n.translations_dir = lambda: Path("/nonexistent/translations")
    if HOW == "no-qrcode":  # a bundle whose analysis missed a module imported when first used
        sys.modules["qrcode"] = None

    class BrokenScreen(QLabel):
        def paintEvent(self, event):
            if HOW in ("no-translations", "no-qrcode"):
                return super().paintEvent(event)
            if HOW == "raises":
                raise RuntimeError("the broken screen broke")
            try:
                raise ValueError("a bug somebody caught and logged")
            except ValueError:
                logging.getLogger("ui.broken").exception("broken screen")
            super().paintEvent(event)

    class BrokenFlow(Flow):
        def attach(self, host):
            screen = BrokenScreen("broken")
            screen.setObjectName("brokenScreen")
            host.add_screen(screen)

    real_build_window = ui.app.build_window

    def build_window(core, **kwargs):
        window = real_build_window(core, **kwargs)
        window.add_flow(BrokenFlow())
        return window

    ui.app.build_window = build_window
    from ui.main import main
    sys.exit(main(["--self-test"]))
    """
)


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGIONLAB_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_self_test_passes_on_the_kiosk_from_source() -> None:
    done = _run("-m", "ui.main", "--self-test")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "(source): self-test passed" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("how", "reason"),
    [
        ("raises", "uncaught RuntimeError: the broken screen broke"),
        ("logs", "logged ERROR from ui.broken: broken screen"),
        ("no-translations", "translation regionlab_nn.qm missing in /nonexistent/translations"),
        ("no-qrcode", "module qrcode missing (a guest's badge (its QR code) cannot work)"),
    ],
)
def test_self_test_fails_when_any_registered_screen_breaks_or_a_file_is_missing(
    how: str, reason: str
) -> None:
    done = _run("-c", BROKEN_FLOW, how)
    assert done.returncode == 1, done.stdout + done.stderr[-3000:]
    assert reason in done.stderr
    assert "self-test FAILED" in done.stderr
    assert "self-test passed" not in done.stdout
