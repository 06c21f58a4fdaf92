"""``regionlab-kiosk --install-service[=cage]`` writes a systemd user unit that systemd itself
accepts (``systemd-analyze --user verify``), into a temporary $HOME / $XDG_CONFIG_HOME."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KIOSK = Path(sys.executable).parent / "regionlab-kiosk"  # the venv's entry script


def _install(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGIONLAB_", "XDG_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"))
    done = subprocess.run(
        [str(KIOSK), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    return done, home / "config" / "systemd" / "user" / "regionlab-kiosk.service"


def _verify(unit: Path, tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    done = subprocess.run(
        ["systemd-analyze", "--user", "verify", str(unit)],
        env=dict(os.environ, XDG_RUNTIME_DIR=str(runtime)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "regionlab-kiosk" not in done.stderr, done.stderr  # no warnings about our unit


def _setting(unit: Path, name: str) -> list[str]:
    return [
        line.split("=", 1)[1] for line in unit.read_text().splitlines() if line.startswith(name)
    ]


def test_the_desktop_service_starts_this_kiosk_and_always_restarts_it(tmp_path: Path) -> None:
    done, unit = _install(tmp_path, "--install-service", "--no-enable")
    assert done.returncode == 0, done.stderr
    assert str(unit) in done.stdout
    assert "systemctl --user enable regionlab-kiosk.service" in done.stdout  # what to run
    assert _setting(unit, "ExecStart=") == [str(KIOSK)]
    assert _setting(unit, "Restart=") == ["always"]
    assert _setting(unit, "RestartForceExitStatus=") == ["75"]  # staff's "restart"
    assert _setting(unit, "WantedBy=") == ["graphical-session.target"]
    assert "xset s off s noblank -dpms" in unit.read_text()
    _verify(unit, tmp_path)


def test_the_cage_service_runs_the_kiosk_in_the_kiosk_compositor(tmp_path: Path) -> None:
    if shutil.which("cage") is None:
        pytest.skip("cage is not installed (make system-packages installs it)")
    done, unit = _install(tmp_path, "--install-service=cage", "--no-enable")
    assert done.returncode == 0, done.stderr
    assert _setting(unit, "ExecStart=") == [f"/usr/bin/cage -d -s -- {KIOSK}"]
    assert _setting(unit, "Restart=") == ["always"]
    assert _setting(unit, "WantedBy=") == ["default.target"]
    _verify(unit, tmp_path)


def test_without_a_user_manager_it_says_what_to_run(tmp_path: Path) -> None:
    # No XDG_RUNTIME_DIR, a $HOME no user manager knows: `systemctl --user` cannot help.
    done, unit = _install(tmp_path, "--install-service")
    assert done.returncode == 0, done.stderr
    assert unit.exists()
    assert "in the kiosk user's session, run:" in done.stdout


def test_an_unknown_variant_is_refused_with_the_choices(tmp_path: Path) -> None:
    done, unit = _install(tmp_path, "--install-service=gnome")
    assert done.returncode == 1
    assert "unknown service variant 'gnome' (one of desktop, cage)" in done.stderr
    assert not unit.exists()
