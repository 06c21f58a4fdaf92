"""``make bench``: start-up to the start screen painted, scan → confirmation painted, and a
new kiosk's first full sync of 50,000 people and 1,000 desks (bench/first_sync.py), and
``person import`` of 50,000 members on SQLite and PostgreSQL (bench/person_import.py).

Scans are measured in-process on the offscreen Qt platform with the real window, the real
local store and the sync thread running against the real central store (up), a closed port
(down) and a server that accepts and never answers (slow). Time runs from the scanner's
Enter key to the confirmation's first paint.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.scanner_burst import bench_scanner_burst
from tests.processes import PYTHON, CentralServer, central_cli, free_port, wait_until

CONFIRMED = "kiosk: confirmation shown"
STARTED = "kiosk: start screen shown"
DRAIN_POSTGRES_ENV = "REGIONLAB_TEST_POSTGRES_URL"  # the drain also runs there when it is set


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def report(name: str, values_ms: list[float]) -> None:
    print(
        f"{name:<44} n={len(values_ms):<4} p50={statistics.median(values_ms):7.2f} ms"
        f"  p99={percentile(values_ms, 99):7.2f} ms  max={max(values_ms):7.2f} ms",
        flush=True,
    )


@contextmanager
def silent_server() -> Iterator[str]:
    """A 'slow' central store: accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


class PaintWatch(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.confirmed_at: float | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if CONFIRMED in record.getMessage():
            self.confirmed_at = time.perf_counter()


def bench_scans(
    server: CentralServer, data_root: Path, scans: int, only: tuple[str, ...] = ()
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.app import KioskCore
    from kiosk.protocol import CheckinMethod
    from kiosk.settings import KioskSettings
    from ui.app import build_window

    app = QApplication.instance() or QApplication([])
    listed = central_cli(server.database_url, "person", "list", "--site", "lyngdal", "--json")
    people = [person["email"] for person in json.loads(listed)][:40]
    tokens = [server.issue_pass(email) for email in people]
    watch = PaintWatch()
    logging.getLogger().addHandler(watch)

    with silent_server() as slow_url:
        modes = {
            "up": server.url,
            "down": f"http://127.0.0.1:{free_port()}",
            "slow (accepts, never answers)": slow_url,
        }
        modes = {m: url for m, url in modes.items() if not only or m.split()[0] in only}
        base = replace(
            KioskSettings(),
            site="lyngdal",
            device_token=server.device_token,
            confirmation_s=60,
            idle_timeout_s=600,
            sync_interval_s=1,
            sync_timeout_s=2,
        )
        # One kiosk learns the keys and people from the store; the others start from its copy.
        seed_dir = data_root / "seed"
        seeded = KioskCore.open(replace(base, central_url=server.url, data_dir=seed_dir))
        assert seeded.sync.sync_once(), seeded.sync.status().problem
        seeded.close()
        for mode, url in modes.items():
            data_dir = data_root / mode.split()[0]
            data_dir.mkdir()
            (data_dir / "kiosk.sqlite3").write_bytes((seed_dir / "kiosk.sqlite3").read_bytes())
            core = KioskCore.open(replace(base, central_url=url, data_dir=data_dir))
            window = build_window(core)
            window.resize(1280, 800)
            window.show()
            core.sync.start()
            timings: list[float] = []
            for index in range(scans):
                token = tokens[index % len(tokens)]
                who = core.checkin.identify_pass(token)
                if who.present:  # untimed: make the next scan a check-in again
                    core.checkin.check_out(who.person.person_id, CheckinMethod.QR)
                window.go_start()
                app.processEvents()
                QTest.keyClicks(window, token[:-1])
                QTest.keyClicks(window, token[-1])
                watch.confirmed_at = None
                started = time.perf_counter()
                QTest.keyClick(window, Qt.Key.Key_Return)
                deadline = started + 5
                while watch.confirmed_at is None and time.perf_counter() < deadline:
                    app.processEvents()
                if watch.confirmed_at is None:
                    raise RuntimeError(f"no confirmation painted for scan {index} ({mode})")
                timings.append((watch.confirmed_at - started) * 1000)
            report(f"scan -> confirmation painted, store {mode}", timings)
            core.sync.stop()
            window.close()
            window.deleteLater()
            app.processEvents()
            core.close()


def bench_startup(server: CentralServer, data_root: Path, runs: int) -> None:
    data_dir = data_root / "startup"
    args = [
        "--central-url",
        server.url,
        "--site",
        "lyngdal",
        "--data-dir",
        str(data_dir),
    ]
    from bench.startup import kiosk_env  # offscreen, from compiled bytecode as installed

    env = kiosk_env(REGIONLAB_DEVICE_TOKEN=server.device_token)
    timings = []
    for run in range(runs + 1):
        log_path = data_root / f"startup-{run}.log"
        with log_path.open("w") as log:
            started = time.perf_counter()
            process = subprocess.Popen(
                [PYTHON, "-m", "ui.main", *args], env=env, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                wait_until(lambda p=log_path: STARTED in p.read_text(), 30, "the start screen")
                elapsed = (time.perf_counter() - started) * 1000
                if run == 0:  # the first run creates and syncs the data folder
                    wait_until(lambda p=log_path: "sync: applied" in p.read_text(), 30, "sync")
                else:
                    timings.append(elapsed)
            finally:
                process.terminate()
                process.wait(15)
    report("start-up to start screen painted (process)", timings)
    from bench import startup

    startup.measure(PYTHON, args, runs, report, env)  # with the device token, as above
    print("  costliest imports before the first paint (python -X importtime, self ms):")
    for name, ms in startup.top_imports(PYTHON, args, env=env):
        print(f"    {ms:8.1f} ms  {name}", flush=True)
    from bench.frozen_startup import bench_frozen_startup  # when `make bundle` built one

    bench_frozen_startup(server, data_root, runs, report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scans", type=int, default=500)
    parser.add_argument("--startups", type=int, default=5)
    parser.add_argument("--only-startup", action="store_true", help="run the start-up cases alone")
    parser.add_argument("--bursts", type=int, default=20, help="10 KB scanner bursts")
    parser.add_argument(
        "--store",
        default="",
        metavar="ARGS",
        help="arguments for the central store's benches (python -m bench.store --help); "
        "'skip' leaves them out",
    )
    parser.add_argument("--people", type=int, default=50_000, help="for the first full sync")
    parser.add_argument(
        "--only-first-sync", action="store_true", help="run the first-sync case alone"
    )
    parser.add_argument(
        "--only-name-search", action="store_true", help="run the name-search case alone"
    )
    parser.add_argument(
        "--only-store",
        action="store_true",
        help="run the central store's benches alone: apply vs a bare commit, the 10,000-event "
        "drain, 50 kiosks on SQLite and PostgreSQL with 1 and 2 workers (sizes: --store)",
    )
    parser.add_argument(
        "--only-console",
        action="store_true",
        help="run the staff console's Today and People pages alone (PostgreSQL)",
    )
    parser.add_argument(
        "--only-drain", action="store_true", help="run the 10,000-event offline drain alone"
    )
    parser.add_argument("--drain-events", type=int, default=10_000, help="for the drain")
    parser.add_argument(
        "--only-scans", action="store_true", help="run the scan -> confirmation case alone"
    )
    parser.add_argument(
        "--scan-modes", default="up,down,slow", help="with --only-scans: which store modes"
    )
    args = parser.parse_args(argv)
    if args.only_store:
        from bench import store

        return store.main(args.store.split())
    quiet = logging.StreamHandler()
    quiet.setLevel(logging.WARNING)  # the INFO records still reach PaintWatch
    logging.basicConfig(level=logging.INFO, handlers=[quiet])
    if args.only_name_search:
        from bench.name_search import bench_name_search

        bench_name_search(report)
        return 0
    if args.only_console:
        from bench.console import bench_console

        bench_console(report)
        return 0
    if args.only_drain:
        from bench.drain import bench_drain

        with tempfile.TemporaryDirectory() as folder:
            bench_drain(Path(folder), args.drain_events, os.environ.get(DRAIN_POSTGRES_ENV))
        return 0
    if args.only_first_sync:
        from bench.first_sync import bench_first_sync

        with tempfile.TemporaryDirectory() as folder:
            bench_first_sync(Path(folder), report, args.people, desks=1000)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        server = CentralServer(
            database_url=f"sqlite:///{root / 'central.sqlite3'}", log_path=root / "central.log"
        )
        server.prepare()
        server.start()
        try:
            print(
                f"# regionlab kiosk bench, python {sys.version.split()[0]}, {os.cpu_count()} cores",
                flush=True,
            )
            if args.only_scans:
                bench_scans(server, root, args.scans, tuple(args.scan_modes.split(",")))
                return 0
            bench_startup(server, root, args.startups)
            if args.only_startup:
                return 0
            bench_scans(server, root, args.scans)
            from bench.floor_map import bench_floor_map

            bench_floor_map(report)
            from bench import camera  # after the window benches: it shares their QApplication

            camera.run()
            bench_scanner_burst(server, root, args.bursts, report)
            from bench.first_sync import bench_first_sync

            bench_first_sync(root, report, args.people, desks=1000)
            from bench.drain import bench_drain

            bench_drain(root, args.drain_events, os.environ.get(DRAIN_POSTGRES_ENV))
            from bench.person_import import bench_person_import

            bench_person_import(args.people)
            from bench.reports import bench_reports

            bench_reports()
            from bench.name_search import bench_name_search

            bench_name_search(report)
            from bench.console import bench_console

            bench_console(report)
        finally:
            server.stop()
    if args.store != "skip":
        from bench import store

        store.main(args.store.split())
    return 0


if __name__ == "__main__":
    sys.exit(main())
