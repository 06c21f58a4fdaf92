"""``make bench``: start-up to the start screen painted, scan → confirmation painted, and a
new kiosk's first full sync of 50,000 people and 1,000 desks (bench/first_sync.py), and
``person import`` of 50,000 members on SQLite and PostgreSQL (bench/person_import.py).

Scans are measured in-process on the offscreen Qt platform with the real window, the real
local store and the sync thread running against the real central store (up), a closed port
(down) and a server that accepts and never answers (slow). Time runs from the scanner's
Enter key to the confirmation's first paint.

The sections run in turn (``--only`` picks some), each timed; a section that fails prints its
traceback, the others still run and the bench ends non-zero. The end is a table of the headline
figures with the issues' targets beside them (bench/summary.py). ``--smoke`` makes every size
tiny: tests/integration/test_bench_smoke.py runs the quick sections so.
"""

from __future__ import annotations

import argparse
import io
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
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import replace
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import summary
from bench.frozen_startup import log_says
from bench.summary import Headline
from tests.processes import PYTHON, CentralServer, central_cli, free_port, wait_until

CONFIRMED = "kiosk: confirmation shown"
STARTED = "kiosk: start screen shown"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def report(name: str, values_ms: list[float]) -> None:
    summary.MEASURED[name] = list(values_ms)  # for the table at the end
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


def issue_pass(database_url: str, email: str) -> str:
    """``regionlab-central pass issue`` in this process (a process each costs seconds when
    the machine is loaded, and the scans need 40)."""
    from central.cli import main as central_main

    out = io.StringIO()
    with redirect_stdout(out):
        code = central_main(["pass", "issue", "--person", email, "--database-url", database_url])
    if code != 0:
        raise RuntimeError(f"pass issue for a bench person failed ({code})")
    return out.getvalue().strip()


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
    people = [person["email"] for person in json.loads(listed)][: min(40, scans)]
    tokens = [issue_pass(server.database_url, email) for email in people]
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
        first_scan: float | None = None
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
            # One scan more than timed, the first: the process's first confirmation builds
            # what later ones reuse (about 50 ms here), and whichever mode ran first paid it.
            # It is reported on its own, once.
            for index in range(-1, scans):
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
                took = (watch.confirmed_at - started) * 1000
                if index >= 0:
                    timings.append(took)
                elif first_scan is None:
                    first_scan = took
                    report("first scan of the process -> confirmation painted", [took])
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
                wait_until(partial(log_says, log_path, STARTED), 30, "the start screen")
                elapsed = (time.perf_counter() - started) * 1000
                if run == 0:  # the first run creates and syncs the data folder
                    wait_until(partial(log_says, log_path, "sync: applied"), 30, "sync")
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


DRAIN_POSTGRES_ENV = "REGIONLAB_TEST_POSTGRES_URL"  # the drain also runs there when it is set
SECTIONS = (
    "startup",
    "scans",
    "floor-map",
    "camera",
    "scanner-burst",
    "first-sync",
    "drain",
    "person-import",
    "reports",
    "name-search",
    "console",
    "store",
)
NEEDS_SERVER = {"startup", "scans", "scanner-burst"}
# --smoke: every size tiny, so that a test can run the whole entry in well under a minute.
SMOKE = {
    "startups": 1,
    "scans": 3,
    "bursts": 1,
    "people": 300,
    "desks": 20,
    "map_updates": 3,
    "map_opens": 2,
    "camera_seconds": 0.5,
    "decodes": 2,
    "import_people": 200,
    "report_members": 40,
    "report_days": 3,
    "name_sizes": "300",
    "console_members": 300,
    "console_present": 20,
    "console_kiosks": 3,
    "console_requests": 3,
    "store": "--only apply,load --apply-events 60 --kiosks 3 --load-seconds 2 --warmup-seconds 1"
    " --workers 1",
    "drain_events": 100,
}


def p50(values: list[float]) -> float:
    return statistics.median(values)


def _measured(prefix: str) -> list[tuple[str, list[float]]]:
    return [(name, values) for name, values in summary.MEASURED.items() if name.startswith(prefix)]


def _kiosk_headlines() -> list[Headline]:
    rows = []
    started = summary.MEASURED.get("start-up to start screen painted (process)")
    imports = summary.MEASURED.get("  its imports alone (process)")
    floor = summary.MEASURED.get("  floor: python + PySide6.QtWidgets (process)")
    if started:
        rows.append(
            Headline(
                "kiosk start-up to start screen painted, p50",
                p50(started),
                "ms",
                1000.0,
                target_text="< 1 s (quiet machine)",
                issue="#13",
            )
        )
        if imports:
            rows.append(Headline("  its imports' share", p50(imports) / p50(started) * 100, "%"))
        if floor:
            rows.append(
                Headline("  start-up / python+PySide6 floor", p50(started) / p50(floor), "x")
            )
    scans = {name.rsplit("store ", 1)[1].split()[0]: v for name, v in _measured("scan -> conf")}
    if "up" in scans:
        others = [percentile(scans[mode], 99) for mode in ("down", "slow") if mode in scans]
        rows.append(
            Headline(
                "scan -> confirmation painted p99, store up",
                percentile(scans["up"], 99),
                "ms",
                max(others) if others else None,
                target_text="as down/slow" if others else "",
                issue="#13",
            )
        )
        rows.extend(
            Headline(f"  store {mode}", percentile(scans[mode], 99), "ms")
            for mode in ("down", "slow")
            if mode in scans
        )
    return rows


def _other_headlines() -> list[Headline]:
    rows = [
        Headline(name, p50(values) / 1000, "s", 5.0, target_text="a few s (<= 5 s)", issue="#13")
        for name, values in _measured("first full sync")
    ]
    for prefix, label in (
        ("name search keystroke", "{} p99"),
        ("status update + repaint, 1000 desks, all", "floor map {} p99"),
        ("camera 30 fps via camera thread", "{} p99"),
        ("10 KB scanner burst, slowest", "{} p99"),
    ):
        rows.extend(
            Headline(label.format(name), percentile(values, 99), "ms")
            for name, values in _measured(prefix)
        )
    rows.extend(
        Headline(f"{name} p99", percentile(values, 99), "ms", 100.0, issue="#11")
        for name, values in _measured("console ")
    )
    return rows


def summarise() -> None:
    """The headline figures as one table: from what the report lines measured, then the ones
    the sections record themselves (store, reports, person import: bench/summary.py)."""
    summary.HEADLINES[:0] = [*_kiosk_headlines(), *_other_headlines()]
    summary.print_table()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only",
        default="",
        metavar="SECTIONS",
        help=f"comma-separated sections to run, of: {', '.join(SECTIONS)} (default: all)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="every size tiny (a quick check that the bench runs; its figures mean nothing)",
    )
    parser.add_argument("--scans", type=int, default=200, help="scans per store state")
    parser.add_argument("--startups", type=int, default=5)
    parser.add_argument("--only-startup", action="store_true", help="run the start-up cases alone")
    parser.add_argument("--bursts", type=int, default=20, help="10 KB scanner bursts")
    parser.add_argument(
        "--store",
        default="--only apply,load",
        metavar="ARGS",
        help="arguments for the central store's benches (python -m bench.store --help); "
        "'skip' leaves them out",
    )
    parser.add_argument("--people", type=int, default=50_000, help="for the first full sync")
    parser.add_argument(
        "--only-drain", action="store_true", help="run the 10,000-event offline drain alone"
    )
    parser.add_argument("--drain-events", type=int, default=10_000, help="for the drain")
    parser.add_argument(
        "--only-scans", action="store_true", help="run the scan -> confirmation case alone"
    )
    parser.add_argument(
        "--scan-modes", default="up,down,slow", help="for the scans: which store modes"
    )
    parser.add_argument("--desks", type=int, default=1000, help="for the first full sync")
    parser.add_argument("--map-updates", type=int, default=200, help="floor map status updates")
    parser.add_argument("--map-opens", type=int, default=20, help="floor map screen openings")
    parser.add_argument("--camera-seconds", type=float, default=10.0)
    parser.add_argument("--decodes", type=int, default=200, help="camera decodes per frame")
    parser.add_argument("--import-people", type=int, default=50_000, help="for person import")
    parser.add_argument("--report-members", type=int, default=2000)
    parser.add_argument("--report-days", type=int, default=365)
    parser.add_argument(
        "--name-sizes", default="1000,10000,100000", help="people, for the name search"
    )
    parser.add_argument("--console-members", type=int, default=50_000)
    parser.add_argument("--console-present", type=int, default=500)
    parser.add_argument("--console-kiosks", type=int, default=50)
    parser.add_argument("--console-requests", type=int, default=100)
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
    args = parser.parse_args(argv)
    if args.smoke:
        for key, value in SMOKE.items():
            setattr(args, key, value)
    chosen = [name for name in args.only.split(",") if name]
    for flag, name in (
        (args.only_startup, "startup"),
        (args.only_first_sync, "first-sync"),
        (args.only_name_search, "name-search"),
        (args.only_store, "store"),
        (args.only_console, "console"),
        (args.only_drain, "drain"),
        (args.only_scans, "scans"),
    ):
        if flag:
            chosen.append(name)
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(
            f"unknown section(s) {', '.join(unknown)}; the sections: {', '.join(SECTIONS)}"
        )
    sections = [name for name in SECTIONS if name in chosen] if chosen else list(SECTIONS)
    if args.store == "skip":
        sections = [name for name in sections if name != "store"]
    quiet = logging.StreamHandler()
    quiet.setLevel(logging.WARNING)  # the INFO records still reach PaintWatch
    logging.basicConfig(level=logging.INFO, handlers=[quiet])
    print(
        f"# regionlab kiosk bench, python {sys.version.split()[0]}, {os.cpu_count()} cores;"
        f" sections: {', '.join(sections)}{' (smoke sizes)' if args.smoke else ''}",
        flush=True,
    )
    began = time.perf_counter()
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        server: CentralServer | None = None
        if NEEDS_SERVER & set(sections):
            server = CentralServer(
                database_url=f"sqlite:///{root / 'central.sqlite3'}",
                log_path=root / "central.log",
            )
            server.prepare()
            server.start()
        try:
            for name in sections:
                section_began = time.perf_counter()
                try:
                    run_section(name, args, server, root)
                except Exception:  # noqa: BLE001 - the others still run; the bench fails at its end
                    traceback.print_exc()
                    failed.append(name)
                    print(f"# section {name} FAILED (the traceback above)", flush=True)
                    continue
                print(
                    f"# section {name} took {time.perf_counter() - section_began:.0f} s",
                    flush=True,
                )
        finally:
            if server is not None:
                server.stop()
    summarise()
    print(f"# bench took {time.perf_counter() - began:.0f} s", flush=True)
    if failed:
        print(f"# FAILED sections: {', '.join(failed)}", flush=True)
        return 1
    return 0


def run_section(
    name: str, args: argparse.Namespace, server: CentralServer | None, root: Path
) -> None:
    if name in ("startup", "scans", "floor-map", "camera", "scanner-burst"):
        run_kiosk_section(name, args, server, root)
    else:
        run_data_section(name, args, root)


def run_kiosk_section(
    name: str, args: argparse.Namespace, server: CentralServer | None, root: Path
) -> None:
    if name == "startup":
        assert server is not None
        bench_startup(server, root, args.startups)
    elif name == "scans":
        assert server is not None
        bench_scans(server, root, args.scans, tuple(args.scan_modes.split(",")))
    elif name == "floor-map":
        from bench.floor_map import bench_floor_map

        bench_floor_map(report, args.map_updates, args.map_opens)
    elif name == "camera":
        from bench import camera  # after the window benches: it shares their QApplication

        camera.run(args.camera_seconds, args.decodes)
    elif name == "scanner-burst":
        from bench.scanner_burst import bench_scanner_burst

        assert server is not None
        bench_scanner_burst(server, root, args.bursts, report)


def run_data_section(name: str, args: argparse.Namespace, root: Path) -> None:
    if name == "first-sync":
        from bench.first_sync import bench_first_sync

        bench_first_sync(root, report, args.people, desks=args.desks)
    elif name == "drain":
        from bench.drain import bench_drain

        bench_drain(root, args.drain_events, os.environ.get(DRAIN_POSTGRES_ENV))
    elif name == "person-import":
        from bench.person_import import bench_person_import

        bench_person_import(args.import_people)
    elif name == "reports":
        from bench.reports import bench_reports

        bench_reports(args.report_members, args.report_days)
    elif name == "name-search":
        from bench.name_search import bench_name_search

        sizes = tuple(int(size) for size in args.name_sizes.split(","))
        bench_name_search(report, sizes)
    elif name == "console":
        from bench.console import bench_console

        bench_console(
            report,
            args.console_members,
            args.console_present,
            args.console_kiosks,
            args.console_requests,
        )
    elif name == "store":
        from bench import store

        code = store.main(args.store.split())
        if code:
            raise RuntimeError(f"the store's benches ended with {code}")


if __name__ == "__main__":
    sys.exit(main())
