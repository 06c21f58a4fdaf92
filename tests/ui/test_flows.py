"""One test per user flow, driven the way a visitor drives the kiosk."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.app import KioskCore
from kiosk.domain import SyncState
from kiosk.models import OutboxEvent
from kiosk.passes import PassProblem, SigningKey
from kiosk.protocol import CheckinMethod
from tests.conftest import BJORN, KARI, LogExpectations, make_read_only
from tests.fakes import FakeCentral, FakeClock, revoked_pass_change
from tests.ui.conftest import Kiosk, SteppedMonotonic
from ui.messages import MessageKind
from ui.pass_texts import pass_problem_text

pytestmark = pytest.mark.gui


def test_scan_checks_in_and_the_start_screen_returns_by_itself(
    make_kiosk: Callable[..., Kiosk],
    make_pass: Callable[..., str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    kiosk = make_kiosk()
    kiosk.qtbot.waitUntil(lambda: "kiosk: start screen shown" in caplog.messages)
    kiosk.scan(make_pass(KARI))

    message = kiosk.wait_for_message()
    assert message.kind is MessageKind.WELCOME
    assert kiosk.result.title.text() == "Velkommen, Kari!"
    assert "Velkommen, Kari!" in kiosk.visible_texts()
    assert kiosk.result.detail.text() == "Du er sjekket inn kl. 09:00."
    assert kiosk.core.checkin.is_present(KARI)
    assert kiosk.pending_events() == 1

    kiosk.wait_for_screen(kiosk.window.start)
    assert "kiosk: confirmation shown" in caplog.messages
    assert caplog.messages.count("kiosk: start screen shown") == 1, "logged the first time only"


def test_second_scan_asks_before_checking_out(kiosk: Kiosk, make_pass: Callable[..., str]) -> None:
    token = make_pass(KARI)
    kiosk.scan(token)
    kiosk.wait_for_message()
    kiosk.wait_for_screen(kiosk.window.start)

    kiosk.monotonic.skip(5)  # past the scanner's 3 s debounce
    kiosk.scan(token)
    kiosk.wait_for_screen(kiosk.confirm)
    assert kiosk.confirm.question.text() == "Sjekke ut Kari Nordmann?"
    assert kiosk.core.checkin.is_present(KARI), "nothing happens before the visitor says yes"

    kiosk.click(kiosk.button("Ja, sjekk ut"))
    message = kiosk.wait_for_message(2)
    assert message.kind is MessageKind.GOODBYE
    assert message.title == "Ha det, Kari!"
    assert not kiosk.core.checkin.is_present(KARI)
    kiosk.wait_for_screen(kiosk.window.start)


def test_scanning_the_same_pass_on_the_confirm_screen_means_yes(
    kiosk: Kiosk, make_pass: Callable[..., str]
) -> None:
    token = make_pass(KARI)
    kiosk.scan(token)
    kiosk.wait_for_message()
    kiosk.click(kiosk.result.ok_button)  # tap: back to start at once
    kiosk.wait_for_screen(kiosk.window.start)

    kiosk.monotonic.skip(5)
    kiosk.scan(token)
    kiosk.wait_for_screen(kiosk.confirm)
    kiosk.scan(token)  # again at once: on this screen that is "yes", not a double scan
    assert kiosk.wait_for_message(2).kind is MessageKind.GOODBYE
    assert not kiosk.core.checkin.is_present(KARI)


def test_the_same_scan_twice_within_three_seconds_counts_once(
    kiosk: Kiosk, make_pass: Callable[..., str]
) -> None:
    token = make_pass(KARI)
    kiosk.scan(token)
    kiosk.wait_for_message()
    kiosk.scan(token)  # the scanner fired twice
    kiosk.wait_for_screen(kiosk.window.start)
    assert len(kiosk.messages) == 1
    assert kiosk.pending_events() == 1

    # Back at the start screen a new visit begins: the same pass now counts (check-out).
    kiosk.scan(token)
    kiosk.wait_for_screen(kiosk.confirm)


def test_cancel_on_the_confirm_screen_records_nothing(
    kiosk: Kiosk, make_pass: Callable[..., str]
) -> None:
    token = make_pass(KARI)
    kiosk.scan(token)
    kiosk.wait_for_message()
    kiosk.wait_for_screen(kiosk.window.start)
    kiosk.monotonic.skip(5)
    kiosk.scan(token)
    kiosk.wait_for_screen(kiosk.confirm)

    kiosk.click(kiosk.button("Avbryt"))
    kiosk.wait_for_screen(kiosk.window.start)
    assert kiosk.core.checkin.is_present(KARI)
    assert kiosk.pending_events() == 1


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Kaa", "Kari Nordmann"),
        ("aash", "Bjørn Åsheim"),
        ("åsh", "Bjørn Åsheim"),
        ("bjorn", "Bjørn Åsheim"),
        ("kvae", "Sølvi Kvæven"),
        ("soelvi", "Sølvi Kvæven"),
        ("solvi", "Sølvi Kvæven"),
        ("daehli", "Jørgen Dæhli"),
        ("jorgen d", "Jørgen Dæhli"),
    ],
)
def test_search_folds_norwegian_letters(kiosk: Kiosk, typed: str, found: str) -> None:
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    kiosk.wait_for_screen(kiosk.name_search)
    # A physical keyboard types into the same field.
    kiosk.qtbot.keyClicks(kiosk.name_search.field, typed)
    names = [person.name for person in kiosk.name_search.results]
    assert found in names


def test_search_variants_typed_on_the_on_screen_keyboard(kiosk: Kiosk) -> None:
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    kiosk.tap_keys("KVÆ")
    assert [p.name for p in kiosk.name_search.results] == ["Sølvi Kvæven"]
    kiosk.click(kiosk.name_search.keyboard.key_button("clear"))
    kiosk.tap_keys("SOE")
    assert [p.name for p in kiosk.name_search.results] == ["Sølvi Kvæven"]
    kiosk.click(kiosk.name_search.keyboard.key_button("backspace"))
    kiosk.click(kiosk.name_search.keyboard.key_button("backspace"))
    assert kiosk.name_search.field.text() == "S"
    assert kiosk.name_search.results == []
    kiosk.tap_keys("Z")
    assert "Skriv mer av navnet" in kiosk.visible_texts()  # two letters: a start, not a miss
    kiosk.tap_keys("ZZ")
    assert "Ingen treff" in kiosk.visible_texts()


def test_slow_typing_is_not_a_scan(make_kiosk: Callable[..., Kiosk], make_pass) -> None:
    # Each key press reads the clock 0.2 s after the one before: a person, not a scanner.
    kiosk = make_kiosk(monotonic=SteppedMonotonic(step_s=0.2))
    # The scanner decides on Return, synchronously: a scan it does not take is never emitted.
    with kiosk.qtbot.assertNotEmitted(kiosk.window.scanner.scanned):
        kiosk.scan(make_pass(KARI))
    assert kiosk.window.current_screen is kiosk.window.start
    assert kiosk.messages == []
    assert not kiosk.core.checkin.is_present(KARI)


def _unsupported_version(signing_key: SigningKey, clock: FakeClock) -> str:
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.passes import PREFIX, PassClaims, PassKind, new_pass_id

    claims = PassClaims(
        new_pass_id(),
        KARI,
        "lyngdal",
        PassKind.MEMBER,
        clock.now() - timedelta(days=1),
        clock.now() + timedelta(days=1),
        signing_key.key_id,
    )
    payload = bytes([2]) + claims.to_payload()[1:]
    signature = Ed25519PrivateKey.from_private_bytes(signing_key.private_key).sign(
        PREFIX.encode() + payload
    )
    return PREFIX + base64.b32encode(payload + signature).decode().rstrip("=")


def _bad_signature(token: str) -> str:
    # Change one character inside the signature (not the last, which carries padding bits).
    index = len(token) - 20
    return token[:index] + ("A" if token[index] != "A" else "B") + token[index + 1 :]


@pytest.mark.parametrize("problem", list(PassProblem))
def test_each_bad_pass_shows_its_message_and_records_nothing(
    make_kiosk: Callable[..., Kiosk],
    unsynced_core: KioskCore,
    central: FakeCentral,
    make_pass: Callable[..., str],
    signing_key: SigningKey,
    clock: FakeClock,
    problem: PassProblem,
) -> None:
    core = unsynced_core
    if problem is not PassProblem.NO_KEYS:
        assert core.sync.sync_once()
    now = clock.now()
    tokens = {
        PassProblem.GARBLED: lambda: make_pass(KARI)[:60],  # cut short; not-ours: test_bad_scans
        PassProblem.UNSUPPORTED_VERSION: lambda: _unsupported_version(signing_key, clock),
        PassProblem.NO_KEYS: lambda: make_pass(KARI),
        PassProblem.UNKNOWN_KEY: lambda: make_pass(KARI, key=SigningKey.generate()),
        PassProblem.BAD_SIGNATURE: lambda: _bad_signature(make_pass(KARI)),
        PassProblem.NOT_YET_VALID: lambda: make_pass(KARI, valid_from=now + timedelta(days=2)),
        PassProblem.EXPIRED: lambda: make_pass(
            KARI, valid_from=now - timedelta(days=30), valid_to=now - timedelta(days=1)
        ),
        PassProblem.WRONG_SITE: lambda: make_pass(KARI, site="narvik"),
        PassProblem.REVOKED: lambda: make_pass(KARI, pass_id="00000000deadbeef"),
        PassProblem.INACTIVE: lambda: make_pass(KARI),
    }
    if problem is PassProblem.REVOKED:
        central.extra_changes.append(revoked_pass_change("00000000deadbeef"))
        assert core.sync.sync_once()
    if problem is PassProblem.INACTIVE:  # dropped from the member list: no name, not active
        data = {"id": KARI, "name": "", "site": "lyngdal", "active": False}
        change = {"entity": "person", "op": "upsert", "key": KARI, "data": data}
        central.extra_changes.append(change)
        assert core.sync.sync_once()
    kiosk = make_kiosk(core)

    kiosk.scan(tokens[problem]())

    message = kiosk.wait_for_message()
    assert message.kind is MessageKind.PROBLEM
    assert message.detail == pass_problem_text(problem)
    assert message.detail in kiosk.visible_texts()
    assert kiosk.result.icon.symbol.value == "warning"
    assert not core.checkin.is_present(KARI)
    assert kiosk.pending_events() == 0
    kiosk.wait_for_screen(kiosk.window.start)


def test_a_bug_shows_a_calm_message_and_returns_to_start(
    kiosk: Kiosk,
    make_pass: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    expect_log: LogExpectations,
) -> None:
    expect_log("ui", logging.ERROR, "unexpected error")

    def broken(text: str) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(kiosk.core.checkin, "identify_pass", broken)
    with caplog.at_level(logging.ERROR):
        kiosk.scan(make_pass(KARI))
        message = kiosk.wait_for_message()
    assert (message.title, message.detail) == ("Noe gikk galt.", "Prøv igjen.")
    assert not any("Traceback" in text or "ZeroDivision" in text for text in kiosk.all_texts())
    assert any(record.exc_info for record in caplog.records), "logged with its traceback"
    kiosk.wait_for_screen(kiosk.window.start)


def test_idle_timeout_clears_what_was_typed(make_kiosk: Callable[..., Kiosk]) -> None:
    kiosk = make_kiosk(idle_timeout_s=0.3)
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    kiosk.tap_keys("KAR")
    assert kiosk.name_search.results

    kiosk.wait_for_screen(kiosk.window.start, timeout=5000)
    assert kiosk.name_search.field.text() == ""
    assert kiosk.name_search.results == []
    assert not any("Kari" in text for text in kiosk.all_texts())

    kiosk.click(kiosk.button("Sjekk inn med navn"))
    assert kiosk.name_search.field.text() == ""


def test_input_keeps_the_idle_timer_from_firing(make_kiosk: Callable[..., Kiosk]) -> None:
    # 1 s without input returns to start; keys come every 0.15 s, so a loaded machine has
    # 0.85 s of slack before the test would see a false idle.
    kiosk = make_kiosk(idle_timeout_s=1.0)
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    for _ in range(8):
        kiosk.qtbot.wait(150)  # spaced input, each within the timeout
        kiosk.qtbot.keyClicks(kiosk.name_search.field, "a")
        assert kiosk.window.current_screen is kiosk.name_search
    kiosk.wait_for_screen(kiosk.window.start, timeout=5000)


def test_qr_help_screen_and_back(kiosk: Kiosk, make_pass: Callable[..., str]) -> None:
    kiosk.click(kiosk.button("Sjekk inn med QR-kode"))
    kiosk.wait_for_screen(kiosk.scan_help)
    kiosk.scan(make_pass(KARI))  # scanning works here too
    assert kiosk.wait_for_message().title == "Velkommen, Kari!"
    kiosk.wait_for_screen(kiosk.window.start)
    kiosk.click(kiosk.button("Sjekk inn med QR-kode"))
    kiosk.click(kiosk.button("‹ Tilbake"))
    kiosk.wait_for_screen(kiosk.window.start)


def test_sync_status_follows_the_sync_engine(kiosk: Kiosk, central: FakeCentral) -> None:
    label = kiosk.window.start.sync_label
    kiosk.qtbot.waitUntil(lambda: kiosk.core.sync.status().state is SyncState.ONLINE)
    # The kiosk was built after the first sync: it shows the state it found.
    assert label.text() == "Tilkoblet"

    for person in (KARI, BJORN):
        kiosk.core.checkin.check_in(person, CheckinMethod.NAME)
    kiosk.core.checkin.check_out(KARI, CheckinMethod.NAME)
    central.down = True
    # The engine calls its listeners from its own thread.
    worker = threading.Thread(target=kiosk.core.sync.sync_once)
    worker.start()
    kiosk.qtbot.waitUntil(lambda: label.text() == "Frakoblet – 3 hendelser venter på sending")
    worker.join()
    assert kiosk.window.start.sync_icon.symbol.value == "offline"

    central.down = False
    worker = threading.Thread(target=kiosk.core.sync.sync_once)
    worker.start()
    kiosk.qtbot.waitUntil(lambda: label.text() == "Tilkoblet")
    worker.join()
    assert kiosk.window.start.sync_icon.symbol.value == "online"


def test_a_draining_backlog_says_sending_with_its_own_symbol(
    kiosk: Kiosk, central: FakeCentral
) -> None:
    label, icon = kiosk.window.start.sync_label, kiosk.window.start.sync_icon
    kiosk.qtbot.waitUntil(lambda: kiosk.core.sync.status().state is SyncState.ONLINE)
    for _ in range(115):  # 230 events: more than one batch
        kiosk.core.checkin.check_in(KARI, CheckinMethod.NAME)
        kiosk.core.checkin.check_out(KARI, CheckinMethod.NAME)
    real_push = central.push_events
    second_batch = threading.Event()

    def push(events, timeout_s=None):  # type: ignore[no-untyped-def]
        if len(central.timeouts) > 0:
            second_batch.wait(10)
        return real_push(events, timeout_s)

    central.timeouts.clear()
    central.push_events = push  # type: ignore[method-assign]
    worker = threading.Thread(target=kiosk.core.sync.sync_once)
    worker.start()
    try:
        kiosk.qtbot.waitUntil(lambda: label.text() == "Sender 30 registreringer …")
        # Not by colour alone: its own symbol, with its own accessible name.
        assert icon.symbol.value == "sending" and icon.accessibleName() == "Sender"
    finally:
        second_batch.set()
        worker.join()
    kiosk.qtbot.waitUntil(lambda: label.text() == "Tilkoblet")
    assert icon.symbol.value == "online"


def test_never_synced_kiosk_says_so(make_kiosk, unsynced_core: KioskCore) -> None:
    kiosk = make_kiosk(unsynced_core)
    assert kiosk.window.start.sync_label.text() == "Venter på første synkronisering"
    assert kiosk.window.start.sync_icon.symbol.value == "waiting"


def test_start_screen_never_shows_who_is_in(kiosk: Kiosk, make_pass: Callable[..., str]) -> None:
    kiosk.scan(make_pass(KARI))
    kiosk.wait_for_message()
    kiosk.wait_for_screen(kiosk.window.start)
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    kiosk.tap_keys("BJ")
    kiosk.click(kiosk.button("‹ Tilbake"))
    kiosk.wait_for_screen(kiosk.window.start)

    for text in kiosk.all_texts():  # not on screen, and not hidden in any widget either
        for name in ("Kari", "Nordmann", "Bjørn", "Åsheim"):
            assert name not in text, text


def outbox_rows(kiosk: Kiosk) -> int:
    """Every outbox row, sent or not."""
    with kiosk.core.store.session() as session:
        return session.scalar(select(func.count()).select_from(OutboxEvent)) or 0


def test_a_store_that_cannot_write_says_so_and_records_nothing(
    kiosk: Kiosk, make_pass: Callable[..., str], expect_log: LogExpectations
) -> None:
    # The real check-in runs on a store that refuses writes (SQLite's query_only: reads work,
    # every write fails as on a read-only disk), so "records nothing" is the code's doing.
    expect_log("kiosk.store", logging.ERROR, "readonly database")
    expect_log("ui", logging.ERROR, "cannot be written")
    make_read_only(kiosk.core)
    rows_before = outbox_rows(kiosk)
    kiosk.scan(make_pass(KARI))
    message = kiosk.wait_for_message()
    assert message.title == "Kiosken får ikke lagret nå"
    assert "Ingenting ble registrert" in message.detail
    assert not kiosk.core.checkin.is_present(KARI)
    assert outbox_rows(kiosk) == rows_before


def test_a_refused_token_shows_on_the_status_line_and_check_ins_go_on(
    kiosk: Kiosk, central: FakeCentral, make_pass: Callable[..., str], expect_log: LogExpectations
) -> None:
    expect_log("kiosk.sync", logging.WARNING, r"refused this kiosk \(401\)")
    label, icon = kiosk.window.start.sync_label, kiosk.window.start.sync_icon
    kiosk.qtbot.waitUntil(lambda: kiosk.core.sync.status().state is SyncState.ONLINE)
    central.unauthorised = True
    worker = threading.Thread(target=kiosk.core.sync.sync_once)
    worker.start()
    kiosk.qtbot.waitUntil(
        lambda: label.text() == "Kiosken er ikke godkjent – kontakt driftsansvarlig"
    )
    worker.join()
    # Not by colour alone: its own symbol, with its own accessible name.
    assert icon.symbol.value == "not_approved" and icon.accessibleName() == "Ikke godkjent"
    kiosk.scan(make_pass(KARI))  # the kiosk keeps recording here
    assert kiosk.wait_for_message().title == "Velkommen, Kari!"
    assert kiosk.core.checkin.is_present(KARI)
    central.unauthorised = False
    worker = threading.Thread(target=kiosk.core.sync.sync_once)
    worker.start()
    kiosk.qtbot.waitUntil(lambda: label.text() == "Tilkoblet")
    worker.join()
    assert icon.symbol.value == "online"
