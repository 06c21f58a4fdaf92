"""Kiosk start-up: process start to the start screen painted, its import share, and the floor.

- ``python -m bench.startup ARGS`` starts the kiosk exactly as ``regionlab-kiosk ARGS`` does and
  ends the process the moment the start screen is painted (its whole life is the figure).
- ``measure`` times that against two yardsticks run in turn with it: the kiosk's imports alone
  (what ``ui.main`` and the window import, nothing run) and the floor, Python with PySide6's
  widgets imported. Each run of the three is paired, so a machine that drifts moves them alike.
- ``top_imports`` runs the start-up once under ``python -X importtime`` and lists the ten
  costliest packages imported before the start screen was painted.

Every process runs from compiled bytecode, as an installed kiosk does (pip compiles on install,
a bundle holds .pyc files): ``kiosk_env`` drops ``PYTHONDONTWRITEBYTECODE``, which would have the
kiosk compile its own ~120 modules from source at every start (about 0.15 s more); the warm-up
run writes the cache.
"""

from __future__ import annotations

import logging
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence

STARTED = "kiosk: start screen shown"
# Ended the way the timed start-up ends (os._exit, no interpreter teardown): otherwise tearing
# down its few hundred modules counts as importing them (the share came out above 100 %).
# The core (kiosk.app: the store, SQLAlchemy) is imported after the first paint, not counted.
KIOSK_IMPORTS = "import ui.main, ui.app, os; os._exit(0)"
FLOOR_IMPORTS = "import PySide6.QtWidgets"


def kiosk_env(**extra: str) -> dict[str, str]:
    """The environment the kiosk is timed in: offscreen, from compiled bytecode."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


class _QuitWhenShown(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if STARTED in record.getMessage():
            # At once, from inside the first paint: the process's life is the figure, and
            # shutting down (stopping sync, closing the store) is not start-up.
            sys.stderr.flush()
            os._exit(0)


def _run_kiosk(argv: Sequence[str]) -> int:
    # On the start screen's own logger: the root one is left to ui.main's basicConfig.
    logging.getLogger("ui.screens.start").addHandler(_QuitWhenShown())
    from ui.main import main

    return main(list(argv))


def _timed(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return (time.perf_counter() - started) * 1000


def measure(
    python: str,
    kiosk_args: Sequence[str],
    runs: int,
    report: Callable[[str, list[float]], None],
    env: dict[str, str] | None = None,
) -> None:
    """``env``: the kiosk's environment (``kiosk_env`` with its device token)."""
    env = env if env is not None else kiosk_env()
    kiosk = [python, "-m", "bench.startup", *kiosk_args]
    imports = [python, "-c", KIOSK_IMPORTS]
    floor = [python, "-c", FLOOR_IMPORTS]
    _timed(kiosk, env)  # warm-up: the data folder exists and is migrated, caches are warm
    started_ms, imports_ms, floor_ms = [], [], []
    for _ in range(runs):
        started_ms.append(_timed(kiosk, env))
        imports_ms.append(_timed(imports, env))
        floor_ms.append(_timed(floor, env))
    report("start-up to start screen painted (process)", started_ms)
    report("  its imports alone (process)", imports_ms)
    report("  floor: python + PySide6.QtWidgets (process)", floor_ms)
    ratio = [s / f for s, f in zip(started_ms, floor_ms, strict=True)]
    share = [i / s for i, s in zip(imports_ms, started_ms, strict=True)]
    print(
        f"{'  start-up / floor, import share':<44} ratio p50={statistics.median(ratio):.2f}x"
        f"  imports are {statistics.median(share) * 100:.0f} % of the start-up",
        flush=True,
    )


def top_imports(
    python: str, kiosk_args: Sequence[str], count: int = 10, env: dict[str, str] | None = None
) -> list[tuple[str, float]]:
    """The costliest packages (self time summed, ms) imported before the start screen painted,
    after a line ("all N modules", their total)."""
    env = env if env is not None else kiosk_env()
    done = subprocess.run(
        [python, "-X", "importtime", "-m", "bench.startup", *kiosk_args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    by_package: Counter[str] = Counter()
    modules = 0
    for line in done.stderr.splitlines():
        if STARTED in line:
            break
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _cumulative, name = line.split(":", 1)[1].split("|")
        by_package[name.strip().split(".")[0]] += int(own)
        modules += 1
    total = (f"all {modules} modules", sum(by_package.values()) / 1000)
    return [total, *((name, us / 1000) for name, us in by_package.most_common(count))]


if __name__ == "__main__":
    sys.exit(_run_kiosk(sys.argv[1:]))
