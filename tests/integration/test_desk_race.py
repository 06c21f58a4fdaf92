"""Two kiosks (separate data folders) racing for the same desk against the real central store."""

from __future__ import annotations

import logging
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


def open_core(data_dir: Path, server: CentralServer, sync_interval_s: float = 5.0) -> KioskCore:
    settings = replace(
        KioskSettings(),
        data_dir=data_dir,
        site="lyngdal",
        central_url=server.url,
        device_token=server.device_token,
        sync_timeout_s=5,
        sync_interval_s=sync_interval_s,
    )
    return KioskCore.open(settings, clock=SystemClock())


def race(desk_id: str, contenders: list[tuple[KioskCore, str, str]]) -> dict[str, ClaimResult]:
    """Every contender claims the desk at the same moment, each on its own thread. A claim
    that raised is missing from the result."""
    results: dict[str, ClaimResult] = {}
    barrier = threading.Barrier(len(contenders))

    def claim(core: KioskCore, person: str, name: str) -> None:
        barrier.wait()
        try:
            results[name] = core.desks.claim(desk_id, person, CheckinMethod.NAME)
        except Exception:  # the failure this file hunts: counted by the caller, not re-raised
            logging.getLogger(__name__).exception("claim %s failed", name)

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


def test_a_claim_and_the_sync_thread_never_settle_the_same_answer_twice(
    central_server: CentralServer, tmp_path: Path
) -> None:
    """The claim's answer and the sync thread's rounds meet in one place (the round lock).

    When a claim sent itself beside the sync thread, both settled a lost claim at once: one
    of them failed on the conflict row (about 1 loser in 40 with a 0.2 s sync interval, and
    the visitor saw "Noe gikk galt" instead of "Pulten ble akkurat tatt"), or the sync
    thread kept the conflict to tell the person again at their next check-in. Three kiosks
    with their sync threads running give two losers a round."""
    kiosks = [open_core(tmp_path / name, central_server, sync_interval_s=0.2) for name in "abc"]
    failures: list[str] = []
    try:
        for core in kiosks:
            assert core.sync.sync_once(), core.sync.status().problem
        first = kiosks[0]
        free = [
            desk
            for floor in first.desks.floors()
            for desk in first.desks.desks(floor.id)
            if first.desks.statuses(floor.id)[desk.id].state
            in (DeskState.FREE, DeskState.BOOKED_LATER)
        ]
        with first.store.session() as session:
            everyone = sorted(session.scalars(select(Person.id).where(Person.active.is_(True))))
        everyone = [p for p in everyone if first.desks.todays_desk(p) is None]
        rounds = min(len(free), len(everyone) // len(kiosks))
        assert rounds >= ROUNDS
        for core in kiosks:
            core.sync.start()
        for round_number in range(rounds):
            people = everyone[len(kiosks) * round_number :][: len(kiosks)]
            contenders = [
                (core, person, str(n))
                for n, (core, person) in enumerate(zip(kiosks, people, strict=True))
            ]
            results = race(free[round_number].id, contenders)
            outcomes = sorted(r.outcome.value for r in results.values())
            # A loser hears "taken" from the store, or "not_free" from its own copy when its
            # sync thread brought the winner's claim in before its claim thread ran (a thread
            # held back on a loaded machine); both are the loser's answer. A claim that raised
            # is missing here, and a second winner or any other outcome is a failure.
            winners, losers = outcomes[:1], outcomes[1:]
            if (
                len(outcomes) != len(kiosks)
                or winners != ["claimed"]
                or not set(losers) <= {"taken", "not_free"}
            ):
                failures.append(f"round {round_number}: {outcomes}")
        assert failures == [], failures
        # Nobody is told later about a race they heard the end of on the spot.
        told = [
            (person, conflict.desk.label)
            for core in kiosks
            for person in everyone[: len(kiosks) * rounds]
            for conflict in core.desks.take_conflict_notices(person)
        ]
        assert told == []
    finally:
        for core in kiosks:
            core.close()
