"""The console's People and Today pages, polished: no person's id, name or e-mail address in
any address the console makes or in the store's access log; a member's pass e-mailed as a PDF
through a real SMTP server on loopback (or offered as a PDF without one); import reasons in the
staff member's language; the audit log's retention. The first tests drive the app in this
process on a real SQLite file; the last walks the pages in Debian's Chromium (Playwright, axe-core
on every page this work changed) against a real ``regionlab-central serve``."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from central.api.app import create_app
from central.bootstrap import initialise
from central.db.engine import SessionFactory, make_engine, session_factory
from central.db.models import AuditEntry, PassRecord, Person
from central.demo import person_id_for
from central.domain import staff
from central.jobs import retention
from central.web import handles
from kiosk.clock import SystemClock
from tests.processes import PYTHON, CentralServer, central_cli
from tests.smtp_server import SmtpSink, smtp_server

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow

PASSWORD = "riktig hest batteri stift"
KARI = "kari.nordmann@nav.no"


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[SessionFactory]:
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    initialise(engine, SystemClock(), with_demo=True)
    made = session_factory(engine)
    with made.begin() as session:
        staff.add_account(
            session,
            site="lyngdal",
            email="anne@lister.no",
            role="staff",
            password=PASSWORD,
            now=datetime.now(UTC),
        )
    yield made
    engine.dispose()


@pytest.fixture
def anne(factory: SessionFactory) -> tuple[TestClient, str]:
    http = TestClient(create_app(factory, SystemClock()), base_url="https://testserver")
    form = http.get("/staff/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None
    page = http.post(
        "/staff/login",
        data={"csrf": token.group(1), "email": "anne@lister.no", "password": PASSWORD},
    )
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert page.status_code == 200 and found is not None
    return http, found.group(1)


def ref(http: TestClient, person_id: str) -> str:
    return handles.handle(str(http.cookies.get("regionlab_staff")), person_id)


def _addresses(html: str) -> list[str]:
    return [unescape(a) for a in re.findall(r'(?:href|action|data-ticks)="([^"]*)"', html)]


def test_no_person_id_name_or_email_in_any_address(
    factory: SessionFactory, anne: tuple[TestClient, str]
) -> None:
    http, token = anne
    with factory() as session:
        people = session.execute(select(Person.id, Person.name, Person.email)).all()
    kari = person_id_for(KARI)
    # Kari in the building and ticked, so the Today page lists her with its forms.
    http.post(
        "/staff/people",
        data={"csrf": token, "site": "lyngdal", "q": "kari"},
    )
    seen: set[str] = set()
    queue = [
        "/staff/today",
        "/staff/people",
        "/staff/people?page=2",
        f"/staff/people/{ref(http, kari)}",
    ]
    visited: list[str] = []
    while queue and len(visited) < 60:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        answer = http.get(path, follow_redirects=False)
        visited.append(path)
        if answer.status_code in (302, 303):
            queue.append(answer.headers["location"])
            continue
        assert answer.status_code == 200, path
        for address in _addresses(answer.text):
            visited.append(address)
            parts = urlsplit(address)
            inside = parts.path.startswith("/staff/")
            if inside and not any(w in parts.path for w in ("logout", "/static/", "language")):
                queue.append(address.split("#")[0])
    # Forms the console posts answer with addresses too: a search, an edit, a roll call tick.
    searched = http.post("/staff/people", data={"csrf": token, "site": "lyngdal", "q": "kari"})
    visited += _addresses(searched.text)
    saved = http.post(
        f"/staff/people/{ref(http, kari)}",
        data={"csrf": token, "given_name": "Kari", "family_name": "Nordmann", "email": KARI},
        follow_redirects=False,
    )
    visited.append(saved.headers["location"])
    ticked = http.post(
        "/staff/today/rollcall",
        data={"csrf": token, "site": "lyngdal", "person": ref(http, kari), "seen": "1"},
        follow_redirects=False,
    )
    visited.append(ticked.headers["location"])
    assert any(f"/staff/people/{ref(http, kari)}" in a for a in visited)
    assert len(visited) > 40
    for address in visited:
        folded = address.casefold()
        for person_id, name, email in people:
            assert person_id not in folded, address
            assert email.casefold() not in folded, address
            assert name.casefold() not in folded, address
    json_ticks = http.get("/staff/today/rollcall.json").text
    assert kari not in json_ticks and ref(http, kari) in json_ticks
    # An id, a handle of another session or a tampered handle: the page does not exist.
    assert http.get(f"/staff/people/{kari}").status_code == 404
    assert http.get(f"/staff/people/{handles.handle('another session', kari)}").status_code == 404
    tampered = ref(http, kari)[:-2] + ("AA" if not ref(http, kari).endswith("AA") else "BB")
    assert http.get(f"/staff/people/{tampered}").status_code == 404


def test_a_pass_is_mailed_as_pdf_with_a_new_pin(
    factory: SessionFactory, anne: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    http, token = anne
    kari = person_id_for(KARI)
    sink = SmtpSink()
    with smtp_server(sink) as port:
        monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
        page = http.get(f"/staff/people/{ref(http, kari)}")
        assert "Send adgangskort" in page.text and KARI in page.text
        sent = http.post(
            f"/staff/people/{ref(http, kari)}/pass/mail", data={"csrf": token, "new_pin": "1"}
        )
    assert sent.status_code == 200 and "Adgangskortet er sendt" in sent.text
    assert len(sink.received) == 1
    message = sink.received[0].message
    assert sink.received[0].recipients == [KARI]
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["regionlab-pass.pdf"]
    assert attachments[0].get_content().startswith(b"%PDF")
    body = message.get_body(("plain",))
    assert body is not None
    pin = re.search(r"PIN-koden din er (\d{4,6})", body.get_content())
    assert pin is not None and pin.group(1) not in sent.text  # in the mail only
    with factory() as session:
        person = session.get(Person, kari)
        assert person is not None and person.pin_hash
        records = session.scalars(select(PassRecord).where(PassRecord.person_id == kari)).all()
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "pass.mail")).all()
    assert len(records) == 1
    assert [a.subject for a in audit] == [kari] and "new PIN" in (audit[0].detail or "")


def test_a_refused_mail_keeps_no_pass_and_offers_the_pdf(
    factory: SessionFactory, anne: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    http, token = anne
    kari = person_id_for(KARI)
    with smtp_server(SmtpSink(refuse="550 5.1.1 no such user")) as port:
        monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
        failed = http.post(f"/staff/people/{ref(http, kari)}/pass/mail", data={"csrf": token})
    assert failed.status_code == 200 and "kunne ikke sendes" in failed.text
    assert "pass/pdf" in failed.text
    with factory() as session:
        assert not session.scalars(select(PassRecord).where(PassRecord.person_id == kari)).all()
        actions = [a.action for a in session.scalars(select(AuditEntry))]
    assert "pass.mail_failed" in actions and "pass.mail" not in actions


def test_without_smtp_the_pdf_is_offered(
    factory: SessionFactory, anne: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    http, token = anne
    monkeypatch.delenv("REGIONLAB_SMTP_HOST", raising=False)
    kari = person_id_for(KARI)
    at = ref(http, kari)
    assert "Ingen e-posttjener er satt opp" in http.get(f"/staff/people/{at}").text
    offered = http.post(f"/staff/people/{at}/pass/mail", data={"csrf": token, "new_pin": "1"})
    assert offered.status_code == 200 and "REGIONLAB_SMTP_HOST" in offered.text
    with factory() as session:
        assert not session.scalars(select(PassRecord).where(PassRecord.person_id == kari)).all()
    document = http.post(f"/staff/people/{at}/pass/pdf", data={"csrf": token})
    assert document.status_code == 200
    assert document.headers["content-type"] == "application/pdf"
    assert document.content.startswith(b"%PDF")
    assert "attachment" in document.headers["content-disposition"]
    with factory() as session:
        assert (
            len(session.scalars(select(PassRecord).where(PassRecord.person_id == kari)).all()) == 1
        )
        assert "pass.pdf" in [a.action for a in session.scalars(select(AuditEntry))]
    assert http.post(f"/staff/people/{at}/pass/pdf", data={}).status_code == 403  # no CSRF


BAD_FILE = (
    b"Navn;E-post;Organisasjon\n"
    b"Ola 2 Nordmann;ola@example.no;NAV\n"
    b"Kari Lie;not-an-address;NAV\n"
    b"Per Vik;per@example.no;Ukjent etat\n"
)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "nb",
            [
                "Navnet inneholder '2' (U+0032), et siffer.",
                "Ikke en e-postadresse",
                "Ukjent organisasjon 'Ukjent etat'",
            ],
        ),
        (
            "nn",
            [
                "Namnet inneheld '2' (U+0032), eit siffer.",
                "Ikkje ei e-postadresse",
                "Ukjend organisasjon",
            ],
        ),
        (
            "en",
            [
                "The name holds '2' (U+0032), a digit.",
                "Not an e-mail address",
                "Unknown organisation",
            ],
        ),
    ],
)
def test_import_reasons_in_the_staff_members_language(
    anne: tuple[TestClient, str], language: str, words: list[str]
) -> None:
    http, token = anne
    http.get(f"/staff/language?to={language}&next=/staff/people")
    preview = http.post(
        "/staff/people/import",
        data={"csrf": token, "site": "lyngdal"},
        files={"file": ("members.csv", BAD_FILE)},
    )
    assert preview.status_code == 200
    text = unescape(preview.text)
    for word in words:
        assert word in text, word
    one_column = http.post(
        "/staff/people/import",
        data={"csrf": token, "site": "lyngdal"},
        files={"file": ("members.csv", b"Navn|E-post\nKari|kari@example.no\n")},
    )
    assert one_column.status_code == 422
    assert {"nb": "én kolonne", "nn": "éin kolonne", "en": "one column"}[language] in unescape(
        one_column.text
    )


def test_retention_deletes_audit_entries_older_than_a_year(factory: SessionFactory) -> None:
    now = datetime.now(UTC)
    with factory.begin() as session:
        account = session.scalars(select(staff.StaffAccount)).one()
        for days, site in (
            (400, "lyngdal"),
            (366, None),
            (364, "lyngdal"),
            (400, "stadt"),
            (1, None),
        ):
            staff.audit(
                session, account, f"test.{days}.{site}", now=now - timedelta(days=days), site=site
            )
    runs = retention.run_due(factory, now, retention.RetentionPeriods())
    lyngdal = next(r for r in runs if r.site == "lyngdal")
    stadt = next(r for r in runs if r.site == "stadt")
    assert lyngdal.deleted["audit entries"] + stadt.deleted["audit entries"] == 3
    with factory() as session:
        left = {a.action for a in session.scalars(select(AuditEntry))}
    assert left == {"test.364.lyngdal", "test.1.None"}
    assert (
        retention.RetentionPeriods.from_env({"REGIONLAB_RETENTION_AUDIT_DAYS": "30"}).audit_days
        == 30
    )


# --- in a real browser, against a real store ---------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _add_staff(server: CentralServer, email: str) -> None:
    done = subprocess.run(
        [
            *(PYTHON, "-m", "central.cli", "staff", "add"),
            *("--database-url", server.database_url, "--site", "lyngdal"),
            *("--email", email, "--role", "staff"),
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _axe(page: Any, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def test_the_pages_in_a_browser_name_no_one_in_an_address_or_the_access_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system-packages installs it)")
    from playwright.sync_api import sync_playwright

    sink = SmtpSink()
    server = CentralServer(
        database_url=f"sqlite:///{tmp_path / 'central.sqlite3'}", log_path=tmp_path / "central.log"
    )
    server.prepare()
    _add_staff(server, "anne@lister.no")
    members = tmp_path / "members.csv"  # enough people for a second page of the list
    members.write_text(
        "Navn;E-post;Organisasjon\n"
        + "".join(
            f"Testperson {'abcdefgh'[n // 10]}{'abcdefghij'[n % 10]}-Vik;testperson{n}@nav.no;NAV\n"
            for n in range(80)
        ),
        encoding="utf-8",
    )
    central_cli(server.database_url, "person", "import", "--site", "lyngdal", str(members))
    requested: list[str] = []
    with smtp_server(sink) as port:
        monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
        server.start()  # the store's environment names the SMTP server
        try:
            answer = httpx_post_check_in(server, person_id_for(KARI))
            assert answer == 200
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
                try:
                    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
                    page.on("request", lambda r: requested.append(r.url))
                    _walk(page, server.url, tmp_path)
                finally:
                    browser.close()
        finally:
            server.stop()
    # Kari's pass came by e-mail, as a PDF with a new PIN.
    assert [r.recipients for r in sink.received] == [[KARI]]
    attachment = next(sink.received[0].message.iter_attachments())
    assert attachment.get_content().startswith(b"%PDF")
    engine = make_engine(server.database_url)
    with session_factory(engine)() as session:
        people = session.execute(select(Person.id, Person.name, Person.email)).all()
    engine.dispose()
    access_log = [
        line
        for line in server.log_path.read_text().splitlines()
        if '"GET ' in line or '"POST ' in line
    ]
    assert any("/staff/people/" in line for line in access_log)  # the log has the pages
    assert len(requested) > 20
    for where, text in [("request", u) for u in requested] + [("log", x) for x in access_log]:
        folded = text.casefold()
        for person_id, name, email in people:
            assert person_id not in folded, (where, text)
            assert email.casefold() not in folded, (where, text)
            assert name.casefold() not in folded, (where, text)


def httpx_post_check_in(server: CentralServer, person_id: str) -> int:
    import httpx

    answer = httpx.post(
        f"{server.url}/api/v1/sites/lyngdal/events",
        json={
            "events": [
                {
                    "id": "0b8f5f5e-2222-4a53-9a2e-52454749304e",
                    "type": "check_in",
                    "at": datetime.now(UTC).isoformat(),
                    "data": {"person_id": person_id, "method": "name"},
                }
            ]
        },
        headers={"Authorization": f"Bearer {server.device_token}"},
        timeout=10,
    )
    return answer.status_code


def _walk(page: Any, url: str, tmp_path: Path) -> None:
    page.goto(f"{url}/staff/")
    page.get_by_label("E-post").fill("anne@lister.no")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    # Today: tick Kari in the roll call (the list's one form); the page comes back to her row.
    assert page.url.endswith("/staff/today")
    _axe(page, "today")
    row = page.locator("tr", has_text="Kari Nordmann")
    row.get_by_role("button", name=re.compile("Merk som sett")).click()
    assert "sett av anne@lister.no" in page.locator("tr", has_text="Kari Nordmann").inner_text()
    assert "#p-" in page.url
    page.keyboard.press("Tab")  # the keyboard reaches the page from the top
    page.get_by_role("link", name="Utskriftsvisning").click()
    _axe(page, "print")
    # People: the list, its next page (a cursor, not a name), a search and its pages.
    page.goto(f"{url}/staff/people")
    _axe(page, "people")
    page.get_by_role("link", name="Neste side").click()
    assert "after=" in page.url
    _axe(page, "people-2")
    page.get_by_role("link", name="Forrige side").click()
    assert "before=" in page.url
    page.get_by_label("Navn eller e-post").fill("testperson")
    page.get_by_role("button", name="Søk", exact=True).click()
    assert "av 80" in page.content()
    page.get_by_role("button", name="Neste side").click()
    assert "51–80 av 80" in page.content()
    _axe(page, "search-2")
    page.get_by_label("Navn eller e-post").fill("kari nord")
    page.get_by_role("button", name="Søk", exact=True).click()
    page.get_by_role("link", name="Kari Nordmann").click()
    _axe(page, "person")
    page.get_by_role("button", name="Lagre").click()
    assert "Lagret" in page.content()
    # E-mail her pass with a new PIN: the keyboard ticks the box.
    page.get_by_label("Lag en ny PIN-kode og send den med").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Send adgangskort").click()
    assert "Adgangskortet er sendt" in page.content()
    _axe(page, "pass-mail")
    page.get_by_role("link", name="Tilbake").click()
    page.get_by_role("button", name="Lag nytt adgangskort").click()
    _axe(page, "pass")
    page.get_by_role("link", name="Tilbake").click()
    page.get_by_label("PIN-kode", exact=True).fill("4711")
    page.get_by_role("button", name="Sett PIN-kode").click()
    _axe(page, "pin")
    # Import: a file with bad rows; each reason in bokmål.
    page.goto(f"{url}/staff/people/import")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_FILE)
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Forhåndsvis").click()
    assert "Ikke en e-postadresse" in page.content()
    _axe(page, "import-preview")
