"""Name search speed: keystroke on the on-screen keyboard to the results painted.

For 1,000, 10,000 and 100,000 people (``tests/name_population.py``: Agder names with æ/ø/å,
double names, a Zipf-like spread of family names), written into a real local store through the
feed mirror. The real ``NameSearchScreen`` on the real ``CheckinService`` shows at the tablet's
size; a visitor's typing is played on the on-screen keys: each person's name letter by letter
(some with a typo), each key timed from its click to the end of a synchronous repaint of the
screen (the search runs on the GUI thread: it is fast enough not to need another).

Reported per size: the index build (at start-up, on its own thread in the kiosk), p50/p99 of
keystroke → painted as wall time, and p99 of the GUI thread's CPU time alone (the machine may be
shared: wall time includes waiting for a core). At 100,000 also the kiosk process's resident
memory with the store, the index and the window up.

    .venv/bin/python -m bench --only-name-search
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = (1_000, 10_000, 100_000)
TYPISTS = 120  # people whose names are typed, per size
PAGE = 5_000


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def _seed(core: object, count: int) -> list[str]:
    """Write ``count`` people into the core's store as the feed would; their names."""
    from kiosk.mirror import apply_changes
    from tests.name_population import population

    names = []
    batch: list[dict[str, object]] = []
    store = core.store  # type: ignore[attr-defined]

    def flush() -> None:
        with store.session() as session:
            apply_changes(session, batch)
        batch.clear()

    for seq, person in enumerate(population(count), start=1):
        names.append(person.name)
        batch.append(
            {
                "seq": seq,
                "entity": "person",
                "op": "upsert",
                "key": person.id,
                "data": {
                    "id": person.id,
                    "name": person.name,
                    "given_name": person.given_name,
                    "family_name": person.family_name,
                    "organisation": person.organisation,
                    "organisation_short": person.organisation_short,
                    "site": "lyngdal",
                },
            }
        )
        if len(batch) == PAGE:
            flush()
    if batch:
        flush()
    return names


def _typo(name: str, rng: random.Random) -> str:
    """A name as someone might type it: sometimes two letters swapped, sometimes ASCII."""
    roll = rng.random()
    if roll < 0.2:
        return name.replace("ø", "o").replace("å", "aa").replace("æ", "ae")
    if roll < 0.4 and len(name) > 6:
        at = rng.randrange(1, len(name) - 2)
        return name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    return name


def bench_size(
    count: int, folder: Path, report: Callable[[str, list[float]], None], *, memory: bool
) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import KioskCore
    from kiosk.clock import SystemClock
    from kiosk.settings import KioskSettings
    from ui.screens.name_search import NameSearchScreen
    from ui.widgets.keyboard import LETTER_ROWS

    app = QApplication.instance() or QApplication([])
    settings = replace(KioskSettings(), data_dir=folder / f"kiosk-{count}", site="lyngdal")
    core = KioskCore.open(settings, clock=SystemClock())
    try:
        names = _seed(core, count)
        started = time.perf_counter()
        core.checkin.names.load()
        build_s = time.perf_counter() - started
        screen = NameSearchScreen(core.checkin)
        screen.resize(1280, 752)
        screen.show()
        app.processEvents()
        keys = {ch for row in LETTER_ROWS for ch in row} | {" "}
        rng = random.Random(count)
        wall: list[float] = []
        cpu: list[float] = []
        found = 0
        for name in rng.sample(names, min(TYPISTS, len(names))):
            screen.reset()
            app.processEvents()
            typed = _typo(name, rng)
            for char in typed.upper():
                if char not in keys:
                    continue
                button = screen.keyboard.key_button(char) if char != " " else None
                t0, c0 = time.perf_counter(), time.thread_time()
                if button is not None:
                    button.click()
                else:
                    screen.keyboard.character_typed.emit(" ")
                screen.repaint()  # synchronous: the results are on screen when it returns
                cpu.append((time.thread_time() - c0) * 1000)
                wall.append((time.perf_counter() - t0) * 1000)
            found += any(
                p.name == name for p in screen.results
            )  # the typist found themselves among the five
        report(f"name search keystroke→painted, {count:>7,} people", wall)
        print(
            f"{'':44} cpu p99={_percentile(cpu, 99):7.2f} ms  "
            f"p50={statistics.median(cpu):7.2f} ms; index built in {build_s * 1000:.0f} ms; "
            f"{found}/{min(TYPISTS, len(names))} typists found themselves",
            flush=True,
        )
        screen.close()
        screen.deleteLater()
    finally:
        core.close()
    if memory:  # in a fresh process: this one still holds the smaller sizes' people
        subprocess.run(
            [sys.executable, "-m", "bench.name_search", str(settings.data_dir), str(count)],
            check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )


def _startup(settings: object, count: int) -> None:
    """The kiosk started on the store of ``count`` people: the window built and its start
    screen painted, then the name index built on its thread; the memory with all of it up."""
    from PySide6.QtWidgets import QApplication

    from kiosk.app import KioskCore
    from kiosk.clock import SystemClock
    from ui.app import build_window

    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    core = KioskCore.open(settings, clock=SystemClock())  # type: ignore[arg-type]
    try:
        window = build_window(core)
        painted: list[float] = []
        window.start.first_painted.connect(lambda: painted.append(time.perf_counter()))
        window.resize(1280, 800)
        window.show()
        while not painted:
            app.processEvents()
        core.checkin.warm_up_names()
        while not core.checkin.names.loaded:
            app.processEvents()
            time.sleep(0.005)
        ready = time.perf_counter()
        label = format(count, ",")
        print(
            f"{'kiosk start-up, ' + label + ' people':<44} start screen painted "
            f"{(painted[0] - started) * 1000:.0f} ms, name search ready "
            f"{(ready - started) * 1000:.0f} ms (the index builds off the GUI thread)",
            flush=True,
        )
        print(
            f"{'kiosk resident memory, ' + label + ' people':<44} {_rss_mb():.0f} MB "
            "(a fresh kiosk process: window, store and name index up)",
            flush=True,
        )
        window.close()
    finally:
        core.close()


def bench_name_search(
    report: Callable[[str, list[float]], None], sizes: tuple[int, ...] = SIZES
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for count in sizes:
            bench_size(count, Path(folder), report, memory=count == sizes[-1])


if __name__ == "__main__":  # the start-up case, in a process of its own
    from kiosk.settings import KioskSettings

    _startup(replace(KioskSettings(), data_dir=Path(sys.argv[1]), site="lyngdal"), int(sys.argv[2]))
