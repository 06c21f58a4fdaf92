"""One-time set-password links: ``staff add`` without a password prints (and, with a mail
server, e-mails) a link; the page sets the password by the rule of ``staff add``; a link
works once, for 72 hours, and a wrong token is refused; the access log never shows one.
``staff link`` gives an existing account a new link and the earlier unused ones stop working;
a password set through a link logs the account out everywhere. ``staff disable`` ends an
account's sessions and links and refuses its log-in until ``staff enable``; ``staff list``."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from central.api.app import create_app
from central.cli import main
from central.db.engine import SessionFactory
from central.db.models import AuditEntry, StaffAccount, StaffPasswordLink, StaffSession
from central.domain import staff
from central.web.set_password import SecretPathFilter
from tests.fakes import FakeClock
from tests.smtp_server import SmtpSink, smtp_server

pytestmark = pytest.mark.slow

PASSWORD = "riktig hest batteri stift"
LINK = re.compile(r"https?://\S+/staff/set-password/(\S+)")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _no_mail_server_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGIONLAB_SMTP_HOST", raising=False)


CONSOLE = "https://console.lister.invalid"


@dataclass
class StaffCli:
    """``regionlab-central staff …`` in this process, against the test's database."""

    database_url: str
    clock: FakeClock
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch

    def run(self, action: str, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            self.monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["staff", action, "--database-url", self.database_url, *args], clock=self.clock)
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def add_nina(self, stdin: str = "\n", *extra: str) -> tuple[int, str, str]:
        """Nina's account; an empty password on stdin makes a set-password link."""
        return self.run(
            "add",
            *("--site", "lyngdal", "--email", "Nina@Lister.no", "--role", "staff"),
            *("--console-url", CONSOLE, *extra),
            stdin=stdin,
        )

    def relink(self, email: str = "NINA@lister.no ") -> tuple[int, str, str]:
        return self.run("link", "--email", email, "--console-url", CONSOLE)


@pytest.fixture
def cli(
    database_url: str,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> StaffCli:
    return StaffCli(database_url, clock, capsys, monkeypatch)


def token_in(text: str) -> str:
    found = LINK.search(text)
    assert found is not None, text
    return found.group(1)


def try_login(http: TestClient, password: str, email: str = "nina@lister.no") -> Any:
    csrf = re.search(r'name="csrf" value="([^"]+)"', http.get("/staff/login").text)
    assert csrf is not None
    return http.post(
        "/staff/login", data={"csrf": csrf.group(1), "email": email, "password": password}
    )


def login(app: Any, password: str) -> bool:
    http = TestClient(app, base_url="https://testserver")
    return bool(try_login(http, password).url.path.endswith("/staff/today"))


def browser(app: Any, password: str, email: str = "nina@lister.no") -> TestClient:
    """A client logged in as ``email``: its session cookie set, on the Today page."""
    http = TestClient(app, base_url="https://testserver")
    answer = try_login(http, password, email)
    assert answer.url.path.endswith("/staff/today"), answer.text
    assert http.cookies.get("regionlab_staff")
    return http


def sent_to_login(http: TestClient) -> bool:
    """Whether this client's next page sends it to the log-in page (its session is gone)."""
    answer = http.get("/staff/today", follow_redirects=False)
    if answer.status_code == 200:
        return False
    assert answer.is_redirect, answer.status_code
    return bool(answer.headers["location"].endswith("/staff/login"))


def set_password(http: TestClient, token: str, password: str, repeat: str | None = None) -> Any:
    page = http.get(f"/staff/set-password/{token}")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    data = {"token": token, "password": password, "repeat": password if repeat is None else repeat}
    if csrf is not None:
        data["csrf"] = csrf.group(1)
    return http.post("/staff/set-password", data=data)


def test_an_empty_password_makes_a_link_that_sets_one_once(
    cli: StaffCli, engine: Engine, factory: SessionFactory, clock: FakeClock
) -> None:
    code, out, _ = cli.add_nina()
    assert code == 0
    assert "not e-mailed: no mail server configured" in out
    token = token_in(out)
    assert out.count("https://console.lister.invalid/staff/set-password/") == 1
    with factory() as session:
        account = session.scalars(select(StaffAccount)).one()
        assert account.password_hash == staff.NO_PASSWORD
        [link] = session.scalars(select(StaffPasswordLink)).all()
        assert token not in link.token_hash and len(link.token_hash) == 64
        assert link.expires_at - link.created_at == timedelta(hours=72)
    app = create_app(engine, clock)
    assert not login(app, "")  # no password works before one is set
    http = TestClient(app, base_url="https://testserver")
    page = http.get(f"/staff/set-password/{token}")
    assert page.status_code == 200 and "nina@lister.no" in page.text
    short = set_password(http, token, "kort")
    assert short.status_code == 422 and "minst 12 tegn" in short.text
    differ = set_password(http, token, PASSWORD, PASSWORD + "!")
    assert differ.status_code == 422 and "ikke like" in differ.text
    # A second browser opened the same link before it was used.
    second = TestClient(app, base_url="https://testserver")
    form = second.get(f"/staff/set-password/{token}")
    second_csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert second_csrf is not None
    done = set_password(http, token, PASSWORD)
    assert done.status_code == 200, done.text
    assert "Passordet er satt" in done.text
    assert login(app, PASSWORD)

    # Used once: the link is spent, the page says so, the password stays.
    again = http.get(f"/staff/set-password/{token}")
    assert again.status_code == 410 and "allerede brukt" in again.text
    other = "et helt annet passord"
    reused = second.post(
        "/staff/set-password",
        data={"token": token, "password": other, "repeat": other, "csrf": second_csrf.group(1)},
    )
    assert reused.status_code == 410 and "allerede brukt" in reused.text
    assert login(app, PASSWORD) and not login(app, other)
    with factory() as session:
        assert "staff.password_set" in session.scalars(select(AuditEntry.action)).all()


def test_a_link_expires_after_72_hours(cli: StaffCli, engine: Engine, clock: FakeClock) -> None:
    code, out, _ = cli.add_nina("", "--link")
    assert code == 0
    token = token_in(out)
    app = create_app(engine, clock)
    http = TestClient(app, base_url="https://testserver")
    clock.advance(hours=71, minutes=59)
    form = http.get(f"/staff/set-password/{token}")
    assert form.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    clock.advance(minutes=1)
    expired = http.get(f"/staff/set-password/{token}")
    assert expired.status_code == 410 and "utløpt" in expired.text
    # The form opened a minute ago comes too late as well.
    late = http.post(
        "/staff/set-password",
        data={"token": token, "password": PASSWORD, "repeat": PASSWORD, "csrf": csrf.group(1)},
    )
    assert late.status_code == 410 and "utløpt" in late.text
    assert not login(app, PASSWORD)


@pytest.mark.parametrize("token", ["x", "A" * 43, "A" * 5000, "%00", "a.b~c", "bm90IGEgdG9rZW4"])
def test_a_bad_token_is_refused_never_a_500(engine: Engine, clock: FakeClock, token: str) -> None:
    http = TestClient(create_app(engine, clock), base_url="https://testserver")
    answer = http.get(f"/staff/set-password/{token}")
    assert answer.status_code == 404
    assert "Lenken er ugyldig" in answer.text
    posted = set_password(http, token, PASSWORD)
    assert posted.status_code in (403, 404)  # no form came: no CSRF cookie either


def test_the_form_needs_its_csrf_cookie(cli: StaffCli, engine: Engine, clock: FakeClock) -> None:
    _, out, _ = cli.add_nina()
    token = token_in(out)
    http = TestClient(create_app(engine, clock), base_url="https://testserver")
    answer = http.post(
        "/staff/set-password",
        data={"token": token, "password": PASSWORD, "repeat": PASSWORD, "csrf": "forged"},
    )
    assert answer.status_code == 403
    assert http.get(f"/staff/set-password/{token}").status_code == 200  # not spent


def test_a_password_on_stdin_makes_no_link(
    cli: StaffCli, engine: Engine, factory: SessionFactory, clock: FakeClock
) -> None:
    code, out, _ = cli.add_nina(PASSWORD + "\n")
    assert code == 0 and "set-password" not in out
    with factory() as session:
        assert session.scalars(select(StaffPasswordLink)).first() is None
    assert login(create_app(engine, clock), PASSWORD)


def test_with_a_mail_server_the_link_is_e_mailed(
    cli: StaffCli, engine: Engine, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    sink = SmtpSink()
    with smtp_server(sink) as port:
        monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
        code, out, _ = cli.add_nina("", "--link")
    assert code == 0
    assert "e-mailed to nina@lister.no" in out
    [mail] = sink.received
    assert mail.recipients == ["nina@lister.no"]
    assert token_in(mail.message.get_content()) == token_in(out)


def test_staff_link_sends_a_new_link_and_the_earlier_one_stops_working(
    cli: StaffCli, engine: Engine, factory: SessionFactory, clock: FakeClock
) -> None:
    _, out, _ = cli.add_nina()
    first = token_in(out)
    clock.advance(hours=80)  # the first link has expired unused: ask for a new one
    code, out, err = cli.relink()
    assert code == 0, err
    assert "not e-mailed: no mail server configured" in out
    second = token_in(out)
    assert second != first
    clock.advance(hours=1)
    code, out, err = cli.relink()  # lost that one too
    assert code == 0, err
    third = token_in(out)
    with factory() as session:
        [link] = session.scalars(select(StaffPasswordLink)).all()  # earlier unused ones gone
        assert link.expires_at - link.created_at == timedelta(hours=72)
    app = create_app(engine, clock)
    http = TestClient(app, base_url="https://testserver")
    for old in (first, second):
        answer = http.get(f"/staff/set-password/{old}")
        assert answer.status_code == 404 and "Lenken er ugyldig" in answer.text
        assert set_password(http, old, PASSWORD).status_code in (403, 404)
    assert not login(app, PASSWORD)
    done = set_password(http, third, PASSWORD)
    assert done.status_code == 200 and "Passordet er satt" in done.text
    assert login(app, PASSWORD)
    again = http.get(f"/staff/set-password/{third}")
    assert again.status_code == 410 and "allerede brukt" in again.text


def test_a_forgotten_password_stays_until_the_new_link_is_used(
    cli: StaffCli, engine: Engine, factory: SessionFactory, clock: FakeClock
) -> None:
    code, _, _ = cli.add_nina(PASSWORD + "\n")
    assert code == 0
    code, out, err = cli.relink("nina@lister.no")
    assert code == 0, err
    token = token_in(out)
    app = create_app(engine, clock)
    assert login(app, PASSWORD)  # a link asked for by someone else locks no one out
    http = TestClient(app, base_url="https://testserver")
    other = "et nytt og bedre passord"
    assert set_password(http, token, other).status_code == 200
    assert login(app, other) and not login(app, PASSWORD)
    with factory() as session:
        assert "staff.password_set" in session.scalars(select(AuditEntry.action)).all()


def test_staff_link_refuses_an_unknown_or_disabled_account(
    cli: StaffCli, engine: Engine, factory: SessionFactory, clock: FakeClock
) -> None:
    code, out, err = cli.relink("ingen@lister.no")
    assert code == 2 and out == ""
    assert err.strip() == "regionlab-central: error: no staff account for ingen@lister.no"
    _, out, _ = cli.add_nina()
    token = token_in(out)
    with factory.begin() as session:
        account = session.scalars(select(StaffAccount)).one()
        account.disabled_at = clock.now()
        before = session.scalars(select(StaffPasswordLink.token_hash)).one()
    code, out, err = cli.relink()
    assert code == 2 and out == ""
    refused = "regionlab-central: error: the staff account nina@lister.no is disabled"
    assert err.strip() == refused
    with factory() as session:
        [link] = session.scalars(select(StaffPasswordLink)).all()
        assert link.token_hash == before and link.used_at is None  # nothing made or changed
    answer = TestClient(create_app(engine, clock), base_url="https://testserver").get(
        f"/staff/set-password/{token}"
    )
    assert answer.status_code == 404  # a disabled account's links do not work either


def test_with_a_mail_server_the_new_link_is_e_mailed(
    cli: StaffCli, engine: Engine, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = cli.add_nina("", "--link")
    sink = SmtpSink()
    with smtp_server(sink) as port:
        monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
        code, out, err = cli.relink()
    assert code == 0, err
    assert "e-mailed to nina@lister.no" in out
    [mail] = sink.received
    assert mail.recipients == ["nina@lister.no"]
    body = mail.message.get_content()
    assert token_in(body) == token_in(out)
    assert "ny lenke" in body and "Older links no longer work" in body
    http = TestClient(create_app(engine, clock), base_url="https://testserver")
    assert set_password(http, token_in(body), PASSWORD).status_code == 200


def test_the_access_log_shows_no_token() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/staff/set-password/s3cr3t-token", "1.1", 200),
        None,
    )
    assert SecretPathFilter().filter(record)
    assert "s3cr3t" not in record.getMessage()
    assert "/staff/set-password/…" in record.getMessage()
    other = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/staff/today", "1.1", 200),
        None,
    )
    assert SecretPathFilter().filter(other) and "/staff/today" in other.getMessage()
    language = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        (
            "127.0.0.1:5000",
            "GET",
            "/staff/language?to=nn&next=%2Fstaff%2Fset-password%2Fs3cr3t-token",
            "1.1",
            303,
        ),
        None,
    )
    assert SecretPathFilter().filter(language)
    assert "s3cr3t" not in language.getMessage() and "to=nn" in language.getMessage()


def add_ole(factory: SessionFactory, clock: FakeClock) -> None:
    with factory.begin() as session:
        staff.add_account(
            session,
            site="lyngdal",
            email="ole@lister.no",
            role="admin",
            password=PASSWORD,
            now=clock.now(),
        )


def sessions_of(factory: SessionFactory, email: str) -> int:
    with factory() as session:
        return len(
            session.scalars(
                select(StaffSession)
                .join(StaffAccount, StaffAccount.id == StaffSession.account_id)
                .where(StaffAccount.email == email)
            ).all()
        )


def test_a_password_set_through_a_link_logs_the_account_out_everywhere(
    cli: StaffCli, engine: Engine, factory: SessionFactory, clock: FakeClock
) -> None:
    code, _, _ = cli.add_nina(PASSWORD + "\n")
    assert code == 0
    add_ole(factory, clock)
    app = create_app(engine, clock)
    laptop, phone = browser(app, PASSWORD), browser(app, PASSWORD)
    colleague = browser(app, PASSWORD, "ole@lister.no")
    assert not sent_to_login(laptop) and not sent_to_login(phone)
    code, out, err = cli.relink()
    assert code == 0, err
    assert not sent_to_login(laptop)  # a link asked for ends nothing until it is used
    other = "et nytt og bedre passord"
    done = set_password(TestClient(app, base_url="https://testserver"), token_in(out), other)
    assert done.status_code == 200 and "er logget ut" in done.text
    assert sent_to_login(laptop) and sent_to_login(phone)
    assert sessions_of(factory, "nina@lister.no") == 0
    assert not sent_to_login(colleague)  # another account's session stays
    assert not login(app, PASSWORD)
    fresh = browser(app, other)
    assert not sent_to_login(fresh) and sent_to_login(laptop)


def test_staff_disable_ends_sessions_and_links_and_refuses_log_in_until_enabled(
    cli: StaffCli, engine: Engine, factory: SessionFactory, clock: FakeClock
) -> None:
    code, _, _ = cli.add_nina(PASSWORD + "\n")
    assert code == 0
    add_ole(factory, clock)
    app = create_app(engine, clock)
    laptop = browser(app, PASSWORD)
    colleague = browser(app, PASSWORD, "ole@lister.no")
    code, out, err = cli.relink()
    assert code == 0, err
    token = token_in(out)

    code, out, err = cli.run("disable", "--email", "Nina@lister.no")
    assert code == 0 and err == ""
    assert out.strip() == (
        "staff account nina@lister.no disabled: it cannot log in; 1 console session(s) ended, "
        "1 unused set-password link(s) no longer work"
    )
    assert sent_to_login(laptop)
    assert not sent_to_login(colleague)
    assert sessions_of(factory, "nina@lister.no") == 0
    refused = try_login(TestClient(app, base_url="https://testserver"), PASSWORD)
    assert refused.status_code == 401 and "Kontoen er deaktivert" in refused.text
    assert sessions_of(factory, "nina@lister.no") == 0
    wrong = try_login(TestClient(app, base_url="https://testserver"), "ikke passordet mitt")
    assert wrong.status_code == 401 and "Feil e-post eller passord" in wrong.text
    assert "deaktivert" not in wrong.text  # said only to whoever knows the password
    http = TestClient(app, base_url="https://testserver")
    assert http.get(f"/staff/set-password/{token}").status_code == 404

    code, out, err = cli.run("list")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["EMAIL", "ROLE", "SITE", "STATE"]
    assert lines[1].split() == ["nina@lister.no", "staff", "lyngdal", "disabled"]
    assert lines[2].split() == ["ole@lister.no", "admin", "lyngdal", "enabled"]
    assert len(lines) == 3
    assert "argon2" not in out and token not in out and "set-password" not in out

    code, out, err = cli.run("enable", "--email", "nina@lister.no")
    assert code == 0 and err == ""
    assert out.strip() == (
        "staff account nina@lister.no enabled: it can log in again with its password"
    )
    assert sent_to_login(laptop)  # an ended session stays ended
    again = browser(app, PASSWORD)
    assert not sent_to_login(again)
    # The link made before it was disabled stays dead; a new one works.
    assert http.get(f"/staff/set-password/{token}").status_code == 404
    assert set_password(http, token, "et nytt og bedre passord").status_code in (403, 404)
    code, out, err = cli.relink()
    assert code == 0, err
    assert http.get(f"/staff/set-password/{token_in(out)}").status_code == 200
    code, out, _ = cli.run("list")
    assert out.splitlines()[1].split() == ["nina@lister.no", "staff", "lyngdal", "enabled"]


@pytest.mark.parametrize("action", ["disable", "enable"])
def test_staff_disable_and_enable_refuse_an_unknown_account(
    cli: StaffCli, engine: Engine, clock: FakeClock, action: str
) -> None:
    code, out, err = cli.run(action, "--email", "Ingen@lister.no")
    assert code == 2 and out == ""
    assert err.strip() == "regionlab-central: error: no staff account for ingen@lister.no"


def test_a_disabled_account_without_a_password_is_told_so_when_enabled(
    cli: StaffCli, engine: Engine, clock: FakeClock
) -> None:
    cli.add_nina()
    code, out, _ = cli.run("disable", "--email", "nina@lister.no")
    assert code == 0 and "0 console session(s) ended, 1 unused" in out
    code, out, _ = cli.run("disable", "--email", "nina@lister.no")
    assert code == 0 and "was disabled already" in out
    code, out, _ = cli.run("enable", "--email", "nina@lister.no")
    assert code == 0
    assert "it has no password yet: `staff link --email nina@lister.no`" in out
    code, out, _ = cli.run("enable", "--email", "nina@lister.no")
    assert code == 0 and "was enabled already" in out


def test_account_changes_at_the_command_line_are_in_the_audit_log_by_login_name(
    cli: StaffCli,
    engine: Engine,
    factory: SessionFactory,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "driftsvakt")
    add_ole(factory, clock)
    assert cli.add_nina()[0] == 0
    assert cli.relink()[0] == 0
    assert cli.run("disable", "--email", "nina@lister.no")[0] == 0
    assert cli.run("disable", "--email", "nina@lister.no")[0] == 0  # nothing changes: no line
    assert cli.run("enable", "--email", "nina@lister.no")[0] == 0
    assert cli.run("enable", "--email", "nina@lister.no")[0] == 0
    assert cli.run("list")[0] == 0  # reads no personal data beyond the accounts: no line
    with factory() as session:
        lines = [
            (e.actor, e.account_id, e.action, e.subject, e.site, e.detail)
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
    assert lines == [
        (
            "cli:driftsvakt",
            None,
            "staff.add",
            "nina@lister.no",
            "lyngdal",
            "role staff, set-password link",
        ),
        (
            "cli:driftsvakt",
            None,
            "staff.link",
            "nina@lister.no",
            "lyngdal",
            "new set-password link",
        ),
        (
            "cli:driftsvakt",
            None,
            "staff.disable",
            "nina@lister.no",
            "lyngdal",
            "0 session(s) ended",
        ),
        ("cli:driftsvakt", None, "staff.enable", "nina@lister.no", "lyngdal", None),
    ]
    admin = browser(create_app(engine, clock), PASSWORD, "ole@lister.no")
    for lang, who in (("nb", "Kommandolinjen"), ("nn", "Kommandolinja"), ("en", "Command line")):
        assert admin.get(f"/staff/language?to={lang}").status_code == 200  # the language link
        page = admin.get("/staff/audit")
        assert page.status_code == 200 and f'lang="{lang}"' in page.text
        assert page.text.count(f"<td>{who} (driftsvakt)</td>") == 4, lang
        assert "cli:driftsvakt" not in page.text
    # A console account named like the marker is still shown as itself.
    with factory.begin() as session:
        ole = session.scalars(
            select(StaffAccount).where(StaffAccount.email == "ole@lister.no")
        ).one()
        staff.audit(session, ole, "people.list", now=clock.now(), site="lyngdal")
    assert "<td>ole@lister.no</td>" in admin.get("/staff/audit").text
