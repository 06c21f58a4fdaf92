"""A real ``serve`` under abuse: unauthenticated 10 MB posts do not grow its memory, and slow
connections beyond its file limit do not starve /healthz for long nor flood its log."""

from __future__ import annotations

import resource
import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from central.api.limits import HEADER_TIMEOUT_S
from tests.processes import PYTHON, central_cli, free_port, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def peak_rss_mib(pid: int) -> float:
    """The process's resident memory at its highest so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


class Store:
    def __init__(self, folder: Path, open_files: int | None = None) -> None:
        self.url_db = f"sqlite:///{folder / 'central.sqlite3'}"
        self.log = folder / "serve.log"
        self.port = free_port()
        central_cli(self.url_db, "init", "--demo")

        def limit() -> None:
            if open_files is not None:
                resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [PYTHON, "-m", "central.cli", "serve", "--database-url", self.url_db,
                 "--port", str(self.port)],
                stdout=out, stderr=subprocess.STDOUT, preexec_fn=limit,
            )  # fmt: skip
        wait_until(self.healthy, 60, "the store to answer")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def healthy(self) -> bool:
        try:
            return requests.get(f"{self.base}/healthz", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    running = Store(tmp_path)
    yield running
    running.stop()


def test_unauthenticated_10_mb_posts_do_not_grow_the_store(store: Store) -> None:
    body = b"x" * (10 * 1024 * 1024)
    url = f"{store.base}/api/v1/sites/lyngdal/events"
    for _ in range(3):  # warm up: first requests load code
        requests.post(url, data=b"{}", timeout=10)
    before = peak_rss_mib(store.process.pid)

    def post(_: int) -> int:
        try:
            return requests.post(url, data=body, timeout=60).status_code
        except requests.ConnectionError:
            return 0  # the store answered 401 and hung up while we were still sending

    with ThreadPoolExecutor(20) as pool:  # all at once, as an attacker would
        answers = list(pool.map(post, range(20)))
    after = peak_rss_mib(store.process.pid)
    print(f"peak RSS before {before:.0f} MiB, after 20 concurrent unauthenticated 10 MB posts "
          f"{after:.0f} MiB")  # fmt: skip
    assert set(answers) <= {401, 0} and 401 in answers
    assert after - before < 50, f"the store grew from {before:.0f} to {after:.0f} MiB"
    assert store.healthy()


def _slow_connection(port: int) -> socket.socket | None:
    sock = socket.socket()
    sock.settimeout(5)
    try:
        sock.connect(("127.0.0.1", port))
        sock.sendall(b"POST /api/v1/sites/lyngdal/events HTTP/1.1\r\nHost: x\r\n")  # no end
    except OSError:
        sock.close()
        return None
    return sock


def test_slow_connections_beyond_the_file_limit_do_not_starve_health(tmp_path: Path) -> None:
    store = Store(tmp_path, open_files=200)
    slow: list[socket.socket] = []
    try:
        assert store.healthy()
        slow = [s for s in (_slow_connection(store.port) for _ in range(400)) if s]
        started = time.monotonic()
        # The store closes connections whose headers are not in after HEADER_TIMEOUT_S; /healthz
        # answers again once they are gone, while the attackers still hold their sockets.
        wait_until(store.healthy, 6 * HEADER_TIMEOUT_S, "/healthz to answer again")
        print(f"/healthz answered again {time.monotonic() - started:.1f} s after 400 slow "
              "connections to a store limited to 200 open files")  # fmt: skip
        closed = 0
        for sock in slow:
            sock.settimeout(0.5)
            try:
                closed += sock.recv(1) == b""
            except OSError:
                continue
        assert closed > 0  # the store hung up on them; they did not give up
    finally:
        for sock in slow:
            sock.close()
        store.stop()
    log = store.log.read_text(errors="replace")
    flood = log.count("Too many open files")
    print(f"'Too many open files' in the log: {flood} times; log {len(log)} bytes")
    assert flood <= 5
