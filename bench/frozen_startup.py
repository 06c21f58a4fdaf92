"""Start-up of the frozen kiosk (``make bundle``): process start to the start screen painted.

The same measure as the source tree's (bench/__main__.py ``bench_startup``): the bundle's
``regionlab-kiosk`` against the real central store, offscreen, timed from the process's start to
the log line the start screen writes on its first paint; the first run creates and syncs the
data folder and is not counted. ``python -m bench.frozen_startup [BUNDLE] [--runs N]`` runs it
alone against a fresh demo store; ``make bench`` runs it when dist/regionlab-kiosk exists.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from tests.processes import CentralServer, wait_until

STARTED = "kiosk: start screen shown"
BUNDLE = Path(__file__).resolve().parents[1] / "dist" / "regionlab-kiosk"


def log_says(path: Path, text: str) -> bool:
    """Whether the log at ``path`` holds ``text`` yet (for ``wait_until``)."""
    return text in path.read_text()


def bench_frozen_startup(
    server: CentralServer,
    data_root: Path,
    runs: int,
    report: Callable[[str, list[float]], None],
    bundle: Path = BUNDLE,
) -> None:
    program = bundle / "regionlab-kiosk"
    if not program.exists():
        print(f"frozen start-up: no bundle at {bundle} (make bundle)", flush=True)
        return
    args: Sequence[str] = (
        *("--central-url", server.url, "--site", "lyngdal"),
        *("--data-dir", str(data_root / "frozen")),
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "REGIONLAB_"))}
    env.update(QT_QPA_PLATFORM="offscreen", REGIONLAB_DEVICE_TOKEN=server.device_token)
    timings = []
    for run in range(runs + 1):
        log_path = data_root / f"frozen-startup-{run}.log"
        with log_path.open("w") as log:
            started = time.perf_counter()
            process = subprocess.Popen(
                [str(program), *args], env=env, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                wait_until(partial(log_says, log_path, STARTED), 60, "the start screen")
                elapsed = (time.perf_counter() - started) * 1000
                if run == 0:
                    wait_until(partial(log_says, log_path, "sync: applied"), 60, "sync")
                else:
                    timings.append(elapsed)
            finally:
                process.terminate()
                process.wait(15)
    report("frozen start-up to start screen painted", timings)


def main(argv: list[str] | None = None) -> int:
    from bench.__main__ import report

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bundle", nargs="?", type=Path, default=BUNDLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        server = CentralServer(
            database_url=f"sqlite:///{root / 'central.sqlite3'}", log_path=root / "central.log"
        )
        server.prepare()
        server.start()
        try:
            bench_frozen_startup(server, root, args.runs, report, args.bundle)
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
