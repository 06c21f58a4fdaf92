"""``make demo`` as a newcomer meets it (scripts/demo.sh, the README's "After `make demo`"): the
README's operator commands work on the demo's own store, Ctrl+C stops everything, and the demo
refuses a port that something else answers on. The demo runs in a temporary folder
(``REGIONLAB_DEMO_WORKDIR``) on a free port, the kiosk on its own virtual display."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from tests.processes import free_port, wait_until

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "scripts" / "demo.sh"


def readme_demo_commands() -> list[str]:
    """The commands in the README's "After `make demo`" section, as a reader would copy them."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## After `make demo`", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def _demo_env(work: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGIONLAB_")}
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)  # the demo starts its own virtual display
    env.update(
        REGIONLAB_DEMO_WORKDIR=str(work),
        REGIONLAB_DEMO_PORT=str(port),
        REGIONLAB_DEMO_XVFB=str(_free_display()),
    )
    return env


def _free_display() -> int:
    for number in range(120, 400):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(
            f"/tmp/.X{number}-lock"
        ).exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")  # the newcomer's folder has .venv/
    return tmp_path


def test_readme_operator_commands_work_on_the_running_demo_and_ctrl_c_stops_it(
    workdir: Path,
) -> None:
    commands = readme_demo_commands()
    assert any("regionlab-central" in c for c in commands)
    port = free_port()
    log = workdir / "demo.log"
    with log.open("wb") as out:
        demo = subprocess.Popen(
            ["bash", str(DEMO), "--windowed"],
            env=_demo_env(workdir, port),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: Ctrl+C goes to all of it
        )
    try:
        wait_until(
            lambda: "kiosk: running" in log.read_text() or demo.poll() is not None,
            120,
            "the demo's kiosk",
        )
        assert demo.poll() is None, log.read_text()[-3000:]
        assert "windowed" in log.read_text()
        env = {k: v for k, v in os.environ.items() if not k.startswith("REGIONLAB_")}
        for command in commands:
            done = subprocess.run(
                ["bash", "-c", command],
                cwd=workdir,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert done.returncode == 0, f"{command}: {done.stderr}"
            assert "not initialised" not in done.stderr
        desks = subprocess.run(
            [".venv/bin/regionlab-central", "desk", "list", "--site", "lyngdal"],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        assert "B-12" in desks.stdout
        # Ctrl+C in the demo's terminal: SIGINT to its foreground process group.
        os.killpg(demo.pid, signal.SIGINT)
        demo.wait(60)
    finally:
        if demo.poll() is None:
            os.killpg(demo.pid, signal.SIGKILL)
            demo.wait(10)
    wait_until(lambda: not _answers(port), 30, "the demo's store to stop")


def _answers(port: int) -> bool:
    try:
        requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
    except requests.RequestException:
        return False
    return True


class _Impostor(BaseHTTPRequestHandler):
    """Answers every GET with 200, as a store's /healthz would."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"status":"ok"}')

    def log_message(self, format: str, *args: object) -> None:
        del format, args


@pytest.fixture
def impostor() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Impostor)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_the_demo_refuses_a_port_something_else_answers_on(workdir: Path, impostor: int) -> None:
    done = subprocess.run(
        ["bash", str(DEMO)],
        env=_demo_env(workdir, impostor),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert f"port {impostor} on 127.0.0.1 is taken" in done.stderr
    assert "REGIONLAB_DEMO_PORT=" in done.stderr
    assert "kiosk" not in done.stdout.lower()
    assert not (workdir / "data").exists()  # nothing was set up for a store that is not ours
