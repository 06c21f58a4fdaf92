"""Running the real programs for integration and end-to-end tests: the central store, Xvfb,
the kiosk, xdotool. Every address is on loopback; every wait is bounded."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import requests

PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(predicate: Callable[[], Any], timeout_s: float, what: str) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(f"timed out after {timeout_s} s waiting for {what}")


def central_cli(database_url: str, *args: str) -> str:
    """Run ``regionlab-central`` once and return what it printed."""
    command, rest = args[0], list(args[1:])
    if command in ("token", "person", "pass", "kiosk"):
        command, rest = f"{args[0]} {args[1]}", list(args[2:])
    argv = [PYTHON, "-m", "central.cli", *command.split(), "--database-url", database_url, *rest]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr}")
    return done.stdout.strip()


@dataclass
class CentralServer:
    """A real ``regionlab-central serve`` on a loopback port, stoppable and restartable."""

    database_url: str
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    device_token: str = ""
    admin_token: str = ""
    workers: int = 1

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def prepare(self, site: str = "lyngdal") -> None:
        central_cli(self.database_url, "init", "--demo")
        self.device_token = central_cli(
            self.database_url, "token", "create", "--site", site, "--role", "device"
        )
        self.admin_token = central_cli(
            self.database_url, "token", "create", "--site", site, "--role", "admin"
        )

    def start(self) -> None:
        self.start_process()
        wait_until(self.healthy, 30 if self.workers == 1 else 60, "the central store to answer")

    def start_process(self) -> None:
        """Start ``serve`` without waiting for it to answer."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "central.cli",
                "serve",
                "--database-url",
                self.database_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                *(["--workers", str(self.workers)] if self.workers != 1 else []),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def healthy(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"central store exited: {self.log_path.read_text()[-2000:]}")
        try:
            return requests.get(f"{self.url}/healthz", timeout=1).status_code == 200
        except requests.RequestException:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def presence(self, site: str = "lyngdal") -> list[dict[str, Any]]:
        response = requests.get(
            f"{self.url}/api/v1/sites/{site}/presence",
            headers={"Authorization": f"Bearer {self.admin_token}"},
            timeout=5,
        )
        response.raise_for_status()
        result: list[dict[str, Any]] = response.json()
        return result

    def issue_pass(self, person: str) -> str:
        return central_cli(self.database_url, "pass", "issue", "--person", person)


@dataclass
class Xvfb:
    process: subprocess.Popen[bytes]
    display: str

    @classmethod
    def start(cls, size: str = "1280x800x24") -> Xvfb:
        if shutil.which("Xvfb") is None:
            raise RuntimeError("Xvfb is not installed (make test installs it as root)")
        read_fd, write_fd = os.pipe()
        process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            process.kill()
            raise RuntimeError("Xvfb did not report a display")
        return cls(process, f":{number}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("QT_QPA_PLATFORM", None)
        env["DISPLAY"] = self.display
        return env

    def type_text(self, text: str) -> None:
        """What a handheld scanner does: keystrokes in a quick burst, then Enter."""
        subprocess.run(
            ["xdotool", "type", "--delay", "8", text], env=self.env(), check=True, timeout=60
        )
        subprocess.run(["xdotool", "key", "Return"], env=self.env(), check=True, timeout=10)

    def screenshot(self, path: Path) -> None:
        subprocess.run(
            ["import", "-window", "root", str(path)], env=self.env(), check=True, timeout=30
        )


@dataclass
class KioskProcess:
    """``regionlab-kiosk`` as a process; its log lines tell what the screen shows."""

    process: subprocess.Popen[str]
    log_path: Path
    _log: IO[str]

    @classmethod
    def start(cls, args: Sequence[str], env: dict[str, str], log_path: Path) -> KioskProcess:
        log = log_path.open("a")
        process = subprocess.Popen(
            [PYTHON, "-m", "ui.main", *args],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        return cls(process, log_path, log)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for_log(self, needle: str, count: int = 1, timeout_s: float = 30) -> None:
        def seen() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"kiosk exited early:\n{self.log_text()[-3000:]}")
            return self.log_text().count(needle) >= count

        wait_until(seen, timeout_s, f"{needle!r} x{count} in the kiosk log")

    def kill(self) -> None:
        """SIGKILL: no clean-up, no flush, exactly like pulling the plug on the process."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self._log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()
