"""Two kiosks (separate data folders) racing for the same desk against the real central store."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.desks import ClaimOutcome, ClaimResult, DeskState
from kiosk.models import Person
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings
from tests.processes import CentralServer

pytestmark = pytest.mark.integration

ROUNDS = 30


def open_core(data_dir: Path, server: CentralServer) -> KioskCore:
    settings = replace(
        KioskSettings(),
        data_dir=data_dir,
        site="lyngdal",
        central_url=server.url,
        device_token=server.device_token,
        sync_timeout_s=5,
    )
    return KioskCore.open(settings, clock=SystemClock())


def race(desk_id: str, contenders: list[tuple[KioskCore, str, str]]) -> dict[str, ClaimResult]:
    """Every contender claims the desk at the same moment, each on its own thread."""
    results: dict[str, ClaimResult] = {}
    barrier = threading.Barrier(len(contenders))

    def claim(core: KioskCore, person: str, name: str) -> None:
        barrier.wait()
        results[name] = core.desks.claim(desk_id, person, CheckinMethod.NAME)

    threads = [threading.Thread(target=claim, args=contender) for contender in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_two_kiosks_racing_for_a_desk_get_exactly_one_winner_each_time(
    central_server: CentralServer, tmp_path: Path
) -> None:
    first, second = (
        open_core(tmp_path / "a", central_server),
        open_core(tmp_path / "b", central_server),
    )
    try:
        assert first.sync.sync_once(), first.sync.status().problem
        assert second.sync.sync_once(), second.sync.status().problem
        floor = first.desks.floors()[0]
        statuses = first.desks.statuses(floor.id)
        free = [
            d
            for d in first.desks.desks(floor.id)
            if statuses[d.id].state in (DeskState.FREE, DeskState.BOOKED_LATER)
        ]
        assert len(free) >= ROUNDS
        with first.store.session() as session:
            everyone = sorted(session.scalars(select(Person.id).where(Person.active.is_(True))))
        everyone = [p for p in everyone if first.desks.todays_desk(p) is None]
        assert len(everyone) >= 2 * ROUNDS
        for round_number in range(ROUNDS):
            desk = free[round_number]
            a_person, b_person = everyone[2 * round_number], everyone[2 * round_number + 1]
            results = race(desk.id, [(first, a_person, "a"), (second, b_person, "b")])
            outcomes = sorted(r.outcome.value for r in results.values())
            assert outcomes == ["claimed", "taken"], (round_number, desk.label, results)
            loser = first if results["a"].outcome is ClaimOutcome.TAKEN else second
            # The loser's map shows the desk taken at once, before any sync.
            assert loser.desks.statuses(floor.id)[desk.id].state is DeskState.OCCUPIED
        # Afterwards both kiosks agree on every raced desk, and nothing is left to send.
        for core in (first, second):
            assert core.sync.sync_once()
            assert core.sync.status().pending == 0
            shown = core.desks.statuses(floor.id)
            for desk in free[:ROUNDS]:
                assert shown[desk.id].state is DeskState.OCCUPIED
                assert not shown[desk.id].provisional
    finally:
        first.close()
        second.close()
