"""The staff console without a browser: accounts (Argon2id, lockout), sessions, roles, CSRF,
the audit log, roll call ticks and the pages' refusals, through the app in this process.
The browser walk is tests/integration/test_staff_console.py."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from central.api.app import create_app
from central.cli import main
from central.db.engine import SessionFactory
from central.db.models import AuditEntry, PassRecord, Person, StaffAccount
from central.demo import person_id_for
from central.domain import staff
from central.web import handles, i18n
from tests.fakes import FakeClock

# Each test builds a store and logs in (~0.6 s): the full suite runs them, test-fast does not.
pytestmark = pytest.mark.slow

PASSWORD = "riktig hest batteri stift"
KARI = "kari.nordmann@nav.no"
TROND = "trond.tveit@statsforvalteren.no"  # a person of Stadt


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def accounts(factory: SessionFactory, clock: FakeClock) -> None:
    with factory.begin() as session:
        for email, role in (
            ("anne@lister.no", "staff"),
            ("ola@lister.no", "admin"),
            ("ana@lister.no", "analyst"),
            ("per@lister.no", "staff"),
        ):
            staff.add_account(
                session, site="lyngdal", email=email, role=role, password=PASSWORD, now=clock.now()
            )


@pytest.fixture
def app(engine: Engine, clock: FakeClock, accounts: None) -> Iterator[Any]:
    yield create_app(engine, clock)


def logged_in(app: Any, email: str) -> tuple[TestClient, str]:
    """A client logged in as ``email`` (https, so the cookie is Secure) and its CSRF token."""
    http = TestClient(app, base_url="https://testserver")
    form = http.get("/staff/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None
    answer = http.post(
        "/staff/login", data={"csrf": token.group(1), "email": email, "password": PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    page = http.get("/staff/kiosks") if "analyst" not in answer.text else answer
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    return http, found.group(1) if found else ""


def ref(http: TestClient, person_id: str) -> str:
    """The person's handle in the console's addresses for this client's session."""
    return handles.handle(str(http.cookies.get("regionlab_staff")), person_id)


def test_passwords_are_argon2id_and_accounts_are_checked(
    factory: SessionFactory, clock: FakeClock, accounts: None
) -> None:
    with factory.begin() as session:
        account = session.scalars(
            select(StaffAccount).where(StaffAccount.email == "anne@lister.no")
        ).one()
        assert account.password_hash.startswith("$argon2id$")
        assert PASSWORD not in account.password_hash
        for site, email, role, password, why in (
            ("lyngdal", "x@lister.no", "staff", "short", "at least 12"),
            ("lyngdal", "x@lister.no", "boss", PASSWORD, "no role"),
            ("lyngdal", "ANNE@lister.no", "staff", PASSWORD, "exists already"),
            ("lyngdal", "not-an-address", "staff", PASSWORD, "not an e-mail"),
        ):
            with pytest.raises(staff.StaffError, match=why):
                staff.add_account(
                    session, site=site, email=email, role=role, password=password, now=clock.now()
                )


def test_five_failures_lock_for_fifteen_minutes(
    factory: SessionFactory, clock: FakeClock, accounts: None
) -> None:
    def attempt(password: str) -> staff.LoginResult:
        with factory.begin() as session:
            result = staff.log_in(session, "anne@lister.no", password, now=clock.now())
            return staff.LoginResult(
                None if result.account is None else result.account, result.locked
            )

    assert [attempt("wrong").locked for _ in range(4)] == [False] * 4
    assert attempt("wrong").locked
    assert attempt(PASSWORD).locked  # right, but locked
    clock.advance(minutes=14, seconds=59)
    assert attempt(PASSWORD).account is None
    clock.advance(seconds=2)
    assert attempt(PASSWORD).account is not None


def test_a_disabled_account_locks_after_five_guesses_and_says_disabled_only_to_the_password(
    factory: SessionFactory, clock: FakeClock, accounts: None
) -> None:
    def attempt(password: str) -> tuple[bool, bool, bool]:
        with factory.begin() as session:
            result = staff.log_in(session, "anne@lister.no", password, now=clock.now())
            return result.account is not None, result.locked, result.disabled

    with factory.begin() as session:
        staff.disable(session, "anne@lister.no", now=clock.now())
    assert attempt(PASSWORD) == (False, False, True)
    assert [attempt("wrong") for _ in range(4)] == [(False, False, False)] * 4
    assert attempt("wrong") == (False, True, False)
    # Locked: the right password no longer tells that the account is disabled.
    assert attempt(PASSWORD) == (False, True, False)
    clock.advance(minutes=15, seconds=1)
    assert attempt(PASSWORD) == (False, False, True)


def test_sessions_end_at_log_out_and_after_a_day(
    factory: SessionFactory, clock: FakeClock, accounts: None
) -> None:
    with factory.begin() as session:
        account = session.scalars(select(StaffAccount)).first()
        assert account is not None
        secret = staff.open_session(session, account, now=clock.now())
        later = staff.open_session(session, account, now=clock.now())
        assert staff.find_session(session, secret, now=clock.now()) is not None
        staff.close_session(session, secret)
        assert staff.find_session(session, secret, now=clock.now()) is None
        after = clock.now() + staff.SESSION_LIFETIME + timedelta(seconds=1)
        assert staff.find_session(session, later, now=after) is None


def test_staff_add_reads_the_password_from_stdin(
    database_url: str,
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(
        [
            "staff",
            "add",
            "--database-url",
            database_url,
            "--site",
            "lyngdal",
            "--email",
            "Kim@Lister.no",
            "--role",
            "admin",
        ]
    )
    assert code == 0
    assert "kim@lister.no (admin, lyngdal) added" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert (
        main(
            [
                "staff",
                "add",
                "--database-url",
                database_url,
                "--site",
                "lyngdal",
                "--email",
                "k2@lister.no",
                "--role",
                "staff",
            ]
        )
        == 2
    )
    assert "at least 12" in capsys.readouterr().err


def test_cookies_are_httponly_samesite_and_secure_behind_tls(app: Any) -> None:
    http = TestClient(app, base_url="https://testserver")
    form = http.get("/staff/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None
    answer = http.post(
        "/staff/login",
        data={"csrf": token.group(1), "email": "anne@lister.no", "password": PASSWORD},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
    assert answer.headers["content-security-policy"].startswith("default-src 'self'")


def test_roll_call_ticks_are_shared_and_audited(
    app: Any, factory: SessionFactory, engine: Engine, clock: FakeClock
) -> None:
    kari = person_id_for(KARI)
    anne, token = logged_in(app, "anne@lister.no")
    refused = anne.post(
        "/staff/today/rollcall", data={"site": "lyngdal", "person": ref(anne, kari), "seen": "1"}
    )
    assert refused.status_code == 403  # no CSRF token
    ticked = anne.post(
        "/staff/today/rollcall",
        data={"csrf": token, "site": "lyngdal", "person": ref(anne, kari), "seen": "1"},
    )
    assert ticked.status_code == 200
    with factory() as session:
        assert kari in staff.ticks(session, "lyngdal", clock.now().date())
        actions = [a.action for a in session.scalars(select(AuditEntry))]
    assert "roll_call.tick" in actions
    per, per_token = logged_in(app, "per@lister.no")
    # Another member of staff may untick; the tick is the site's, not the account's.
    per.post(
        "/staff/today/rollcall",
        data={"csrf": per_token, "site": "lyngdal", "person": ref(per, kari), "seen": "0"},
    )
    with factory() as session:
        assert kari not in staff.ticks(session, "lyngdal", clock.now().date())


def test_editing_a_person_is_checked_and_audited(app: Any, factory: SessionFactory) -> None:
    kari = person_id_for(KARI)
    anne, token = logged_in(app, "anne@lister.no")
    at = ref(anne, kari)
    assert anne.get(f"/staff/people/{kari}").status_code == 404  # an id is no address
    page = anne.get(f"/staff/people/{at}")
    assert page.status_code == 200 and "Kari" in page.text
    taken = anne.post(
        f"/staff/people/{at}",
        data={
            "csrf": token,
            "given_name": "Kari",
            "family_name": "Nordmann",
            "email": "oystein.stakkeland@skatteetaten.no",
        },
    )
    assert taken.status_code == 422 and "allerede i bruk" in taken.text
    saved = anne.post(
        f"/staff/people/{at}",
        data={"csrf": token, "given_name": "Kari", "family_name": "Nordmann-Vik", "email": KARI},
    )
    assert saved.status_code == 200 and "Lagret" in saved.text
    bad_pin = anne.post(f"/staff/people/{at}/pin", data={"csrf": token, "pin": "12ab"})
    assert bad_pin.status_code == 422 and "4 til 6 sifre" in bad_pin.text
    set_pin = anne.post(f"/staff/people/{at}/pin", data={"csrf": token, "pin": "4711"})
    assert set_pin.status_code == 200 and "4711" not in set_pin.text
    off = anne.post(f"/staff/people/{at}/active", data={"csrf": token, "active": "0"})
    assert off.status_code == 200 and "Deaktivert" in off.text
    with factory() as session:
        person = session.get(Person, kari)
        assert person is not None
        assert person.family_name == "Nordmann-Vik" and not person.active and person.pin_hash
        actions = {(a.action, a.subject) for a in session.scalars(select(AuditEntry))}
    for action in ("person.open", "person.edit", "person.pin_set", "person.deactivate"):
        assert (action, kari) in actions


def test_refusals_never_500(app: Any) -> None:
    anne, token = logged_in(app, "anne@lister.no")
    assert anne.get("/staff/people/not-a-uuid").status_code == 404
    assert anne.get(f"/staff/people/{ref(anne, person_id_for(TROND))}").status_code == 404
    assert anne.get("/staff/today?site=stadt").status_code == 404
    assert anne.get("/staff/audit").status_code == 403
    assert anne.get("/staff/people?page=abc").status_code == 200  # the first page
    assert anne.get("/staff/today?print=%00").status_code == 200
    assert anne.post("/staff/kiosks/nope/revoke", data={"csrf": token}).status_code == 404
    bad_name = anne.post(
        "/staff/kiosks/provision", data={"csrf": token, "site": "lyngdal", "name": "Bad Name!"}
    )
    assert bad_name.status_code == 422 and "bad kiosk name" in bad_name.text
    empty = anne.post("/staff/people/import", data={"csrf": token, "site": "lyngdal"})
    assert empty.status_code == 422 and "Velg en fil" in empty.text
    garbage = anne.post(
        "/staff/people/import",
        data={"csrf": token, "site": "lyngdal"},
        files={"file": ("x.xlsx", b"not a spreadsheet")},
    )
    assert garbage.status_code == 422
    outside = anne.get("/staff/language?to=en&next=https://evil.example/", follow_redirects=False)
    assert outside.headers["location"] == "/staff/"
    ola, _ = logged_in(app, "ola@lister.no")
    assert ola.get("/staff/today?site=stadt").status_code == 200  # admin: every site
    assert ola.get("/staff/audit").status_code == 200
    assert ola.get("/staff/audit?page=-3").status_code == 200


def test_an_analyst_gets_no_name_page(app: Any) -> None:
    ana, _ = logged_in(app, "ana@lister.no")
    kari = ref(ana, person_id_for(KARI))
    landing = ana.get("/staff/")
    assert landing.url.path == "/staff/reports" and "<h1>Rapporter</h1>" in landing.text
    assert "Ingen tall for denne perioden ennå" in landing.text  # no history yet
    for path in (
        "/staff/today",
        "/staff/people",
        "/staff/kiosks",
        f"/staff/people/{kari}",
    ):
        assert ana.get(path).status_code == 403, path


def test_pages_need_a_log_in(app: Any) -> None:
    http = TestClient(app)
    for path in ("/staff/", "/staff/today", "/staff/people", "/staff/kiosks", "/staff/audit"):
        answer = http.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/staff/login"


def test_every_word_in_three_languages_and_every_key_known() -> None:
    for key, texts in i18n.CATALOGUE.items():
        assert len(texts) == 3 and all(text.strip() for text in texts), key
    used: set[str] = set()
    templates = Path(i18n.__file__).parent / "templates"
    for template in templates.glob("*.html"):
        used |= set(re.findall(r"(?<![\w.])t\('([a-z_]+)'\)", template.read_text()))
    assert used - set(i18n.CATALOGUE) == set()
    assert used, "the templates use the catalogue"


def test_a_pass_is_issued_to_print_and_revoked(app: Any, factory: SessionFactory) -> None:
    kari = person_id_for(KARI)
    anne, token = logged_in(app, "anne@lister.no")
    at = ref(anne, kari)
    issued = anne.post(f"/staff/people/{at}/pass", data={"csrf": token})
    assert issued.status_code == 200 and 'src="data:image/png;base64,' in issued.text
    page = anne.get(f"/staff/people/{at}")
    assert "Tilbakekall alle kortene" in page.text
    anne.post(f"/staff/people/{at}/passes/revoke", data={"csrf": token})
    with factory() as session:
        records = session.scalars(select(PassRecord).where(PassRecord.person_id == kari)).all()
        actions = [a.action for a in session.scalars(select(AuditEntry))]
    assert records and all(r.revoked_at is not None for r in records)
    assert "pass.issue" in actions and "pass.revoke" in actions
    assert anne.post(f"/staff/people/{at}/pass", data={}).status_code == 403  # no CSRF


@pytest.mark.parametrize(
    ("language", "word"),
    [("nb", "Til stede nå"), ("nn", "Til stades no"), ("en", "In the building now")],
)
def test_the_pages_speak_the_chosen_language(app: Any, language: str, word: str) -> None:
    anne, _ = logged_in(app, "anne@lister.no")
    chosen = anne.get(f"/staff/language?to={language}&next=/staff/today")
    assert f'<html lang="{language}">' in chosen.text
    assert word in chosen.text
