"""``make bench`` still runs: its entry with every size tiny (``--smoke``), so that a refactor
which breaks a bench fails here, in seconds, rather than in the next bench run (which takes
minutes and nobody runs on every change). The figures it prints mean nothing and are not
looked at; what counts is that each section ran to its end and the headline table came out.

The sections here are the ones that are quick at smoke size and call the most of the kiosk's
and the store's code (the window, the flows, the scan screen, the name search, a first sync, the
person import); the others (start-up, reports, console, the store's load) are type-checked with
the rest of bench/ in ``make lint``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.processes import PYTHON

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = (
    "scans",
    "floor-map",
    "camera",
    "scanner-burst",
    "name-search",
    "first-sync",
    "person-import",  # on PostgreSQL too when REGIONLAB_TEST_POSTGRES_URL names one
)


@pytest.mark.slow
def test_the_bench_runs_each_quick_section_to_its_end() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [PYTHON, "-m", "bench", "--smoke", "--only", ",".join(SECTIONS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    for section in SECTIONS:
        assert f"# section {section} took" in done.stdout, done.stdout[-3000:]
    table = done.stdout.split("# headline figures", 1)
    assert len(table) == 2, done.stdout[-3000:]
    for figure in (
        "scan -> confirmation painted p99, store up",
        "first full sync, 300 people + 20 desks",
        "name search keystroke",
        "floor map status update",
        "10 KB scanner burst",
        "person import, 200 new members, SQLite",
    ):
        assert figure in table[1], table[1]
