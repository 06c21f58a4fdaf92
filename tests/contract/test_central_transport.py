"""One contract for the kiosk's door to the central store, run against both sides of it.

``fake``: ``tests.fakes.FakeCentral``, which the unit and UI tests sync with.
``store``: ``kiosk.central_client.HttpCentralClient`` talking to the real ``regionlab-central``
on a loopback port (marked integration). Each test holds for both, so the fake cannot drift
from the store: a difference fails here, not in production.

The store runs once for the module; each test uses its own people, desks and event ids.
"""

from __future__ import annotations

import itertools
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk import desk_rules
from kiosk.central_client import (
    CentralTransport,
    HttpCentralClient,
    TransportError,
    Unauthorised,
)
from kiosk.passes import SigningKey
from kiosk.protocol import (
    MAX_BATCH,
    MAX_CHANGES_PAGE,
    SCHEMA_VERSION,
    CheckinMethod,
    EventType,
    event_json,
)
from tests.conftest import PEOPLE
from tests.fakes import FakeCentral
from tests.processes import CentralServer, central_cli, free_port

SITE = "lyngdal"


def _events_time() -> datetime:
    """Two hours from now: the store refuses events more than a day ahead of its clock, and no
    closing job (run at moments already past) checks out a visit that begins in the future.
    Not in the last ten minutes before closing or midnight in Lyngdal, though: claims made
    there a minute or two apart fell on both sides (the first had ended, or was yesterday's,
    when the second came), so such a moment moves on to closing or midnight itself."""
    day = (datetime.now(UTC) + timedelta(hours=2)).replace(second=0, microsecond=0)
    zone = ZoneInfo("Europe/Oslo")
    today = desk_rules.local_day(zone, day)
    closing = desk_rules.parse_hhmm(desk_rules.DEFAULT_CLOSING_TIME)
    _, midnight = desk_rules.day_bounds(zone, today)
    for edge in (desk_rules.local_moment(zone, today, closing), midnight):
        if edge - timedelta(minutes=10) <= day < edge:
            return edge
    return day


DAY = _events_time()


@dataclass
class Side:
    """One side of the contract: a transport, and how to make it fail the ways it can."""

    transport: CentralTransport
    people: list[str]
    desks: list[str]
    unreachable: CentralTransport
    unauthorised: CentralTransport
    # ``with side.answering_after(s):`` the store takes s seconds (or until the block ends)
    # to answer what ``transport`` sends.
    answering_after: Callable[[float], AbstractContextManager[None]]
    # A lunch talk on DAY with this many seats; its id.
    add_lunch_talk: Callable[[int], str]
    _used_people: Iterator[str] = field(init=False)
    _used_desks: Iterator[str] = field(init=False)

    def __post_init__(self) -> None:
        self._used_people = iter(self.people)
        self._used_desks = iter(self.desks)

    def person(self) -> str:
        """A person of the site nobody else in this test run has used."""
        return next(self._used_people)

    def desk(self) -> str:
        """A drop-in desk nobody else in this test run has claimed."""
        return next(self._used_desks)


def event(event_type: EventType, person: str, *, at: datetime = DAY, **data: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"person_id": person, **data}
    if event_type is not EventType.DESK_RELEASE:
        body.setdefault("method", str(CheckinMethod.NAME))
    return event_json(str(uuid.uuid4()), event_type, at, body)


def one(transport: CentralTransport, sent: dict[str, Any]) -> dict[str, Any]:
    (result,) = transport.push_events([sent])
    assert result["id"] == sent["id"]
    return result


# --- the two sides --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def contract_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    folder = tmp_path_factory.mktemp("contract")
    server = CentralServer(
        database_url=f"sqlite:///{folder / 'central.sqlite3'}", log_path=folder / "central.log"
    )
    server.prepare(SITE)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def store_side(contract_server: CentralServer) -> Iterator[Side]:
    """The real store, with its people and drop-in desks as its own feed lists them."""
    client = HttpCentralClient(contract_server.url, SITE, contract_server.device_token)
    feed = read_feed(client, limit=1000)
    people = [c["key"] for c in feed if c["entity"] == "person" and c["data"]["site"] == SITE]
    # The demo books and claims a few desks today, the day the tests' events are dated.
    held = {
        c["data"]["desk_id"] for c in feed if c["entity"] in ("booking", "desk_claim") and c["data"]
    }
    # ... and gives some people a fixed desk: their claims are refused ("person_has_desk"),
    # so a test handed one of them failed, depending on the order the tests ran in.
    holders = {
        c["data"]["person_id"]
        for c in feed
        if c["entity"] in ("booking", "desk_claim", "desk_assignment")
        and c["data"]
        and c["data"].get("person_id")
    }
    people = [p for p in people if p not in holders]
    desks = [
        c["key"]
        for c in feed
        if c["entity"] == "desk"
        and c["data"]["mode"] == "drop_in"
        and c["data"]["active"]
        and c["key"] not in held
    ]
    nowhere = HttpCentralClient(f"http://127.0.0.1:{free_port()}", SITE, "x", timeout_s=2)
    wrong = HttpCentralClient(contract_server.url, SITE, "not-a-token")
    assert contract_server.process is not None
    process = contract_server.process

    def add_lunch_talk(capacity: int) -> str:
        # Around DAY, the events' time, in the site's day: a talk at a fixed 11:30 was over
        # for events sent after its end, so the test failed from late morning on.
        local = DAY.astimezone(ZoneInfo("Europe/Oslo"))
        start = max(local - timedelta(minutes=30), local.replace(hour=0, minute=0))
        end = min(local + timedelta(minutes=30), local.replace(hour=23, minute=59))
        out = central_cli(
            contract_server.database_url,
            "lunch add",
            *("--site", SITE, "--title", "Kontrakt", "--date", local.date().isoformat()),
            *("--time", f"{start:%H:%M}", "--end", f"{end:%H:%M}"),
            *("--room", "Kantina", "--capacity", str(capacity)),
        )
        short = out.split()[2]
        talks = [c for c in read_feed(client, limit=1000) if c["entity"] == "lunch_talk"]
        return next(c["key"] for c in talks if c["key"].startswith(short))

    yield Side(
        client, people, desks, nowhere, wrong, lambda s: stopped_for(process, s), add_lunch_talk
    )
    for transport in (client, nowhere, wrong):
        transport.close()


@contextmanager
def stopped_for(process: subprocess.Popen[bytes], seconds: float) -> Iterator[None]:
    """The real store process stopped (SIGSTOP): the kernel still takes connections and
    requests, nothing answers them until it continues, after ``seconds`` or when the block
    ends. Deterministic: a stopped process cannot answer early."""
    process.send_signal(signal.SIGSTOP)
    resume = threading.Timer(seconds, process.send_signal, [signal.SIGCONT])
    resume.start()
    try:
        yield
    finally:
        resume.cancel()
        process.send_signal(signal.SIGCONT)


def fake_side() -> Side:
    central = FakeCentral(keys=[SigningKey.generate()], people=[dict(p) for p in PEOPLE])
    down = FakeCentral(keys=[], people=[], down=True)
    refused = FakeCentral(keys=[], people=[], unauthorised=True)
    desks = [f"{SITE}-A-{number:02d}" for number in range(1, 20)]

    @contextmanager
    def answering_after(seconds: float) -> Iterator[None]:
        central.answer_after_s = seconds
        try:
            yield
        finally:
            central.answer_after_s = 0.0

    def add_lunch_talk(capacity: int) -> str:
        talk_id = str(uuid.uuid4())
        central.lunch_capacity[talk_id] = capacity
        return talk_id

    people = [p["id"] for p in PEOPLE]
    return Side(central, people, desks, down, refused, answering_after, add_lunch_talk)


@pytest.fixture(params=["fake", pytest.param("store", marks=pytest.mark.integration)])
def side(request: pytest.FixtureRequest) -> Side:
    if request.param == "fake":
        return fake_side()
    store: Side = request.getfixturevalue("store_side")
    return store


def read_feed(transport: CentralTransport, limit: int, since: int = 0) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    for _ in range(10_000):
        page = transport.pull_changes(since, limit)
        changes += page["changes"]
        since = page["cursor"]
        if not page["more"]:
            return changes
    raise AssertionError("the feed never ended")


# --- pushing events ---------------------------------------------------------------------------


def test_a_new_event_is_accepted_and_resent_is_a_duplicate(side: Side) -> None:
    sent = event(EventType.CHECK_IN, side.person())
    assert one(side.transport, sent) == {"id": sent["id"], "status": "accepted", "reason": None}
    again = one(side.transport, sent)
    assert (again["status"], again["reason"]) == ("duplicate", None)


def test_the_same_time_in_another_offset_is_the_same_content(side: Side) -> None:
    sent = event(EventType.CHECK_IN, side.person())
    assert one(side.transport, sent)["status"] == "accepted"
    oslo = dict(sent, at=DAY.astimezone(ZoneInfo("Europe/Oslo")).isoformat())
    assert oslo["at"] != sent["at"]
    assert one(side.transport, oslo)["status"] == "duplicate"


def test_the_same_id_with_other_content_is_rejected_with_a_reason(side: Side) -> None:
    sent = event(EventType.CHECK_IN, side.person())
    assert one(side.transport, sent)["status"] == "accepted"
    later = dict(sent, at=(DAY + timedelta(minutes=1)).isoformat())
    result = one(side.transport, later)
    assert result["status"] == "rejected" and result["reason"]
    assert one(side.transport, sent)["status"] == "duplicate"  # the first stays as it was


@pytest.mark.parametrize(
    "spoil",
    [
        {"id": "not-a-uuid"},
        {"at": "yesterday"},
        {"at": "2030-01-07T09:00:00"},  # no offset
        {"type": "teleport"},
        {"data": "nope"},
        {"data": {"person_id": str(uuid.uuid4()), "method": "name"}},  # nobody of the store
        {"data": {"method": "telepathy"}},
    ],
    ids=["id", "time", "offset", "type", "data", "person", "method"],
)
def test_a_bad_event_is_rejected_with_a_reason_and_leaves_nothing(
    side: Side, spoil: dict[str, Any]
) -> None:
    good = event(EventType.CHECK_IN, side.person())
    bad = dict(good, **spoil)
    if spoil.get("data") == {"method": "telepathy"}:
        bad["data"] = dict(good["data"], method="telepathy")
    result = one(side.transport, bad)
    assert result["status"] == "rejected" and result["reason"], result
    if bad["id"] == good["id"]:
        # Nothing was stored under the id: the corrected event is new, not a reuse.
        assert one(side.transport, good)["status"] == "accepted"


def test_a_batch_is_answered_in_order_one_result_each(side: Side) -> None:
    person = side.person()
    batch = [
        event(EventType.CHECK_IN, person),
        event(EventType.CHECK_IN, side.person(), at=DAY + timedelta(seconds=1)),
        dict(event(EventType.CHECK_OUT, person), id="bad"),
        event(EventType.CHECK_OUT, person, at=DAY + timedelta(hours=1)),
    ]
    results = side.transport.push_events(batch)
    assert [r["id"] for r in results] == [e["id"] for e in batch]
    assert [r["status"] for r in results] == ["accepted", "accepted", "rejected", "accepted"]


def test_a_batch_larger_than_the_limit_is_refused_whole(side: Side) -> None:
    person = side.person()
    batch = [
        event(EventType.CHECK_IN, person, at=DAY + timedelta(seconds=n))
        for n in range(MAX_BATCH + 1)
    ]
    with pytest.raises(TransportError) as refused:
        side.transport.push_events(batch)
    assert refused.value.refused_content
    assert one(side.transport, batch[0])["status"] == "accepted"  # none of it was stored


def test_the_first_claim_wins_a_desk_and_a_resent_loser_hears_the_same(side: Side) -> None:
    desk = side.desk()
    first = event(EventType.DESK_CLAIM, side.person(), desk_id=desk)
    second = event(EventType.DESK_CLAIM, side.person(), at=DAY + timedelta(minutes=1), desk_id=desk)
    assert one(side.transport, first)["status"] == "accepted"
    lost = one(side.transport, second)
    assert lost == {"id": second["id"], "status": "conflict", "reason": "desk_taken"}
    assert one(side.transport, second) == lost
    assert one(side.transport, first)["status"] == "duplicate"


def test_a_person_holds_one_desk_and_a_release_frees_it(side: Side) -> None:
    person, other = side.person(), side.person()
    desk, second_desk = side.desk(), side.desk()
    claim = event(EventType.DESK_CLAIM, person, desk_id=desk)
    assert one(side.transport, claim)["status"] == "accepted"
    twice = event(EventType.DESK_CLAIM, person, at=DAY + timedelta(minutes=1), desk_id=second_desk)
    assert one(side.transport, twice) == {
        "id": twice["id"],
        "status": "conflict",
        "reason": "person_has_desk",
    }
    release = event(
        EventType.DESK_RELEASE,
        person,
        at=DAY + timedelta(minutes=2),
        desk_id=desk,
        claim_id=claim["id"],
    )
    assert one(side.transport, release)["status"] == "accepted"
    taken_over = event(EventType.DESK_CLAIM, other, at=DAY + timedelta(minutes=3), desk_id=desk)
    assert one(side.transport, taken_over)["status"] == "accepted"


# --- the changes feed -------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_paging_the_feed_with_its_cursor_gives_every_change_once_in_order(
    side: Side, limit: int
) -> None:
    whole = side.transport.pull_changes(0, 1000)
    assert whole["changes"], "the feed has the people and keys from the start"
    paged: list[dict[str, Any]] = []
    since = 0
    for _ in itertools.count():
        page = side.transport.pull_changes(since, limit)
        assert len(page["changes"]) <= limit
        if page["changes"]:
            assert page["cursor"] == page["changes"][-1]["seq"]
        paged += page["changes"]
        since = page["cursor"]
        if not page["more"]:
            break
    seqs = [change["seq"] for change in paged]
    assert seqs == sorted(set(seqs))
    assert paged[: len(whole["changes"])] == whole["changes"]
    for change in paged:
        assert {"seq", "entity", "op", "key", "data"} <= set(change)
    kinds = {change["entity"] for change in paged}
    assert {"person", "signing_key"} <= kinds


def test_after_the_end_an_empty_page_keeps_the_cursor(side: Side) -> None:
    last = read_feed(side.transport, limit=1000)[-1]["seq"]
    page = side.transport.pull_changes(last, 10)
    assert page == {
        "schema_version": SCHEMA_VERSION,
        "changes": [],
        "cursor": last,
        "more": False,
    }


@pytest.mark.parametrize(
    ("since", "limit", "status"),
    [(-1, 10, 422), (0, 0, 422), (0, MAX_CHANGES_PAGE + 1, 422), (10**9, 10, 409)],
)
def test_a_bad_cursor_or_limit_is_refused(side: Side, since: int, limit: int, status: int) -> None:
    with pytest.raises(TransportError) as refused:
        side.transport.pull_changes(since, limit)
    assert refused.value.status_code == status  # 409: the cursor is ahead of the store


# --- failures ---------------------------------------------------------------------------------


def test_an_outage_is_a_transport_error_without_a_status(side: Side) -> None:
    for call in (
        lambda: side.unreachable.push_events([event(EventType.CHECK_IN, side.people[0])]),
        lambda: side.unreachable.pull_changes(0, 10),
    ):
        with pytest.raises(TransportError) as failed:
            call()
        assert failed.value.status_code is None
        assert not isinstance(failed.value, Unauthorised) and not failed.value.refused_content


def test_a_push_gives_up_after_its_own_timeout_and_a_resend_is_safe(side: Side) -> None:
    sent = event(EventType.CHECK_IN, side.person())
    with side.answering_after(3.0):
        started = time.monotonic()
        with pytest.raises(TransportError) as late:
            side.transport.push_events([sent], timeout_s=0.3)
        waited = time.monotonic() - started
    # An outage, not a refusal, and after the call's own 0.3 s: not the store's 3 s, not the
    # transport's own 5 s.
    assert late.value.status_code is None
    assert not isinstance(late.value, Unauthorised) and not late.value.refused_content
    assert waited < 2.5
    # The store may have applied the batch it did not answer in time: resending is safe.
    assert one(side.transport, sent)["status"] in {"accepted", "duplicate"}
    assert one(side.transport, sent)["status"] == "duplicate"


def test_a_push_without_a_timeout_of_its_own_waits_the_transports(side: Side) -> None:
    sent = event(EventType.CHECK_IN, side.person())
    with side.answering_after(1.0):  # well inside the transport's own 5 s
        assert one(side.transport, sent)["status"] == "accepted"


def test_a_wrong_token_is_unauthorised_not_an_outage(side: Side) -> None:
    for call in (
        lambda: side.unauthorised.push_events([event(EventType.CHECK_IN, side.people[0])]),
        lambda: side.unauthorised.pull_changes(0, 10),
    ):
        with pytest.raises(Unauthorised) as failed:
            call()
        assert failed.value.status_code == 401 and not failed.value.refused_content


# --- lunch talks ------------------------------------------------------------------------------


def test_a_lunch_talk_counts_each_person_once_and_never_past_capacity(side: Side) -> None:
    talk = side.add_lunch_talk(2)
    first, second, third = side.person(), side.person(), side.person()

    def signup(person: str, talk_id: str = talk) -> dict[str, Any]:
        return event(EventType.LUNCH_SIGNUP, person, talk_id=talk_id)

    sent = signup(first)
    assert one(side.transport, sent)["status"] == "accepted"
    assert one(side.transport, sent)["status"] == "duplicate"  # resent: counted once
    again = one(side.transport, signup(first))  # the same person, another kiosk
    assert (again["status"], again["reason"]) == ("accepted", "already signed up")
    assert one(side.transport, signup(second))["status"] == "accepted"
    late = signup(third)
    full = one(side.transport, late)
    assert (full["status"], full["reason"]) == ("conflict", "lunch_full")
    assert one(side.transport, late) == full  # resent: the same answer
    unknown = one(side.transport, signup(first, str(uuid.uuid4())))
    assert (unknown["status"], unknown["reason"]) == ("rejected", "unknown lunch talk")
