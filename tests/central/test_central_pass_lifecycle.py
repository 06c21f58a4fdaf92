"""Revoking passes and rotating keys, followed to real kiosk cores through the changes feed.

The central store runs as a real server on a loopback port (on SQLite and on PostgreSQL); the
operator's commands run in-process against the same database, as an operator's shell would.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from central_helpers import KARI_EMAIL

from central.cli import main
from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.passes import PassError, PassProblem
from kiosk.settings import KioskSettings
from tests.processes import CentralServer

pytestmark = pytest.mark.integration

OTHER_EMAIL = "eirik.amland@bufdir.no"


class Operator:
    """``regionlab-central`` as an operator types it, against the server's database."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url, self.capsys = url, capsys

    def __call__(self, *argv: str, expect: int = 0) -> str:
        code = main([*argv, "--database-url", self.url])
        captured = self.capsys.readouterr()
        assert code == expect, captured.err
        return captured.out if code == 0 else captured.err

    def issue(self, email: str) -> str:
        return self("pass", "issue", "--person", email).strip()


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[CentralServer]:
    server = CentralServer(database_url=database_url, log_path=tmp_path / "central.log")
    server.prepare()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def operator(server: CentralServer, capsys: pytest.CaptureFixture[str]) -> Operator:
    return Operator(server.database_url, capsys)


@pytest.fixture
def kiosks(server: CentralServer, tmp_path: Path) -> Iterator[list[KioskCore]]:
    cores = [
        KioskCore.open(
            replace(
                KioskSettings(),
                data_dir=tmp_path / f"kiosk{n}",
                site="lyngdal",
                central_url=server.url,
                device_token=server.device_token,
                sync_timeout_s=2,
            ),
            clock=SystemClock(),
        )
        for n in (1, 2)
    ]
    yield cores
    for core in cores:
        core.close()


def problem(core: KioskCore, token: str) -> PassProblem:
    with pytest.raises(PassError) as caught:
        core.checkin.identify_pass(token)
    return caught.value.problem


def sync(*cores: KioskCore) -> None:
    for core in cores:
        assert core.sync.sync_once(), core.sync.status().problem


def test_revoking_a_persons_passes_reaches_every_kiosk_and_holds_offline(
    server: CentralServer, operator: Operator, kiosks: list[KioskCore]
) -> None:
    first_pass, second_pass = operator.issue(KARI_EMAIL), operator.issue(KARI_EMAIL)
    others_pass = operator.issue(OTHER_EMAIL)
    sync(*kiosks)
    for core in kiosks:
        assert core.checkin.identify_pass(first_pass).person.name == "Kari Nordmann"

    out = operator("pass", "revoke", "--person", KARI_EMAIL)
    assert out.count("revoked at") == 2
    assert "no passes" in operator("pass", "revoke", "--person", KARI_EMAIL)
    sync(*kiosks)
    server.stop()
    for core in kiosks:
        assert core.sync.sync_once() is False  # offline now
        assert problem(core, first_pass) is PassProblem.REVOKED
        assert problem(core, second_pass) is PassProblem.REVOKED
        assert core.checkin.identify_pass(others_pass).person.name == "Eirik Åmland"
        assert core.sync.status().pending == 0  # a refused pass records nothing


def test_a_single_pass_revoked_by_id(
    operator: Operator, kiosks: list[KioskCore], server: CentralServer
) -> None:
    token = operator.issue(KARI_EMAIL)
    other = operator.issue(KARI_EMAIL)
    core = kiosks[0]
    sync(core)
    pass_id = core.checkin.identify_pass(token).pass_id
    assert f"pass {pass_id} revoked" in operator("pass", "revoke", "--pass-id", pass_id)
    sync(core)
    server.stop()
    assert problem(core, token) is PassProblem.REVOKED
    assert core.checkin.identify_pass(other).pass_id != pass_id


def test_rotated_keys_reach_kiosks_and_old_passes_keep_working_until_retired(
    operator: Operator, kiosks: list[KioskCore], server: CentralServer
) -> None:
    core = kiosks[0]
    old_pass = operator.issue(KARI_EMAIL)
    sync(core)
    [old_key] = [line.split()[0] for line in operator("key", "list").splitlines()[1:]]

    out = operator("key", "rotate")
    new_key = out.split()[1]
    assert new_key != old_key
    new_pass = operator.issue(OTHER_EMAIL)
    assert problem(core, new_pass) is PassProblem.UNKNOWN_KEY  # not synced yet
    sync(core)
    assert core.checkin.identify_pass(new_pass).person.name == "Eirik Åmland"
    assert core.checkin.identify_pass(old_pass).person.name == "Kari Nordmann"

    listing = operator("key", "list")
    assert f"{old_key}  " in listing and "verifies" in listing and "active" in listing

    # The old key still vouches for Kari's pass: retiring it is refused, then allowed.
    err = operator("key", "retire", "--key-id", old_key, expect=2)
    assert "still signs 1 valid pass" in err and "--force" in err
    err = operator("key", "retire", "--key-id", new_key, expect=2)
    assert "is the active key: rotate first" in err
    operator("pass", "revoke", "--person", KARI_EMAIL)
    assert f"key {old_key} retired" in operator("key", "retire", "--key-id", old_key)
    sync(core)
    assert problem(core, old_pass) is PassProblem.UNKNOWN_KEY
    assert core.checkin.identify_pass(new_pass).person.name == "Eirik Åmland"
    # A kiosk that syncs for the first time after all this learns only the live key.
    fresh = kiosks[1]
    sync(fresh)
    assert problem(fresh, old_pass) is PassProblem.UNKNOWN_KEY
    assert fresh.checkin.identify_pass(new_pass).person.name == "Eirik Åmland"


def test_retire_with_force(operator: Operator) -> None:
    operator.issue(KARI_EMAIL)
    old_key = operator("key", "list").splitlines()[1].split()[0]
    operator("key", "rotate")
    assert "retired" in operator("key", "retire", "--key-id", old_key, "--force")
    assert "retired" in operator("key", "retire", "--key-id", old_key)  # twice is fine
    assert "unknown key" in operator("key", "retire", "--key-id", "00000000", expect=2)
    rows = operator("key", "list").splitlines()[1:]
    assert [row.split()[3] for row in rows] == ["retired", "active"]
