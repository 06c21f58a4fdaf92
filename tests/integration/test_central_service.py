"""deploy/central/regionlab-central.service is a unit systemd accepts (docs/deployment.md)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "deploy" / "central" / "regionlab-central.service"


def test_the_store_unit_verifies_and_serves_on_loopback_only(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    text = UNIT.read_text()
    start = [line for line in text.splitlines() if line.startswith("ExecStart=")]
    assert start == [
        "ExecStart=/opt/regionlab/.venv/bin/regionlab-central serve --host 127.0.0.1 "
        "--port 8470 --workers 4"
    ]
    # The documented venv is /opt/regionlab/.venv; here it is this test's own.
    unit = tmp_path / UNIT.name
    here = str(Path(sys.executable).parent.parent)
    unit.write_text(text.replace("/opt/regionlab/.venv", here))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "regionlab-central.service" not in done.stderr, done.stderr
