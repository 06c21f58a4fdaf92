"""The staff console in a real browser against a real ``regionlab-central serve``.

Debian's Chromium (/usr/bin/chromium), driven by Playwright, walks a staff day: log in, see
who is in and tick the roll call, import a member list with one bad row, set a PIN, invite a
guest (the loopback SMTP server receives the pass), a real kiosk core checks the guest in with
the e-mailed pass and syncs, the Today and Guests pages show the guest arrived, print the
evacuation list to PDF, provision a kiosk (its QR on screen), log out. axe-core checks every
page; requests outside loopback are refused. Screenshots go to $REGIONLAB_SHOTS (default
/work/wt/shots) when that folder exists.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
import requests

from central.demo import person_id_for
from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.guest_rules import Purpose
from kiosk.guests import GuestDetails
from kiosk.passes import PassError, PassProblem
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings
from tests.processes import PYTHON, CentralServer, wait_until
from tests.qr_codes import one_qr_text
from tests.smtp_server import SmtpSink, smtp_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOOPBACK = {"127.0.0.1", "localhost"}
PASSWORD = "riktig hest batteri stift"
SHOTS = Path(os.environ.get("REGIONLAB_SHOTS", "/work/wt/shots"))
KARI = "kari.nordmann@nav.no"
GUEST_NAME = "Åse Gjestesen"
GUEST_EMAIL = "ase.gjestesen@example.org"


def add_staff(server: CentralServer, email: str, role: str, site: str = "lyngdal") -> None:
    done = subprocess.run(
        [
            PYTHON,
            "-m",
            "central.cli",
            "staff",
            "add",
            "--database-url",
            server.database_url,
            "--site",
            site,
            "--email",
            email,
            "--role",
            role,
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def mailbox() -> Iterator[SmtpSink]:
    """A real SMTP server on loopback that the store sends its e-mail to."""
    sink = SmtpSink()
    with smtp_server(sink) as port, pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
        patch.setenv("REGIONLAB_SMTP_PORT", str(port))
        patch.setenv("REGIONLAB_SMTP_FROM", "RegionLab Lister <resepsjon@lister.invalid>")
        yield sink


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory, mailbox: SmtpSink) -> Iterator[CentralServer]:
    folder = tmp_path_factory.mktemp("console")
    server = CentralServer(
        database_url=f"sqlite:///{folder / 'central.sqlite3'}", log_path=folder / "central.log"
    )
    server.prepare()
    for email, role in (
        ("anne@lister.no", "staff"),
        ("ola@lister.no", "admin"),
        ("ana@lister.no", "analyst"),
        ("lock@lister.no", "staff"),
    ):
        add_staff(server, email, role)
    server.start()
    # Kari checks in at a kiosk (the device token's API), so the Today page has someone in.
    response = requests.post(
        f"{server.url}/api/v1/sites/lyngdal/events",
        json={
            "events": [
                {
                    "id": "0b8f5f5e-1111-4a53-9a2e-52454749304e",
                    "type": "check_in",
                    "at": datetime.now(UTC).isoformat(),
                    "data": {"person_id": person_id_for(KARI), "method": "name"},
                }
            ]
        },
        headers={"Authorization": f"Bearer {server.device_token}"},
        timeout=10,
    )
    response.raise_for_status()
    yield server
    server.stop()


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system-packages installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield launched
        finally:
            launched.close()


def new_page(browser: Any, blocked: list[str]) -> Any:
    # A Norwegian staff member's browser (its date fields still follow the machine's own
    # locale, which here is not Norwegian).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname in LOOPBACK:
            route.continue_()
        else:
            blocked.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", route)
    return context.new_page()


def check_page(page: Any, name: str) -> None:
    """axe-core finds no violation; a screenshot for the note."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"console-{name}.png"), full_page=True)


def log_in(page: Any, url: str, email: str) -> None:
    page.goto(f"{url}/staff/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


def pass_in(mail: Any) -> str:
    """The QR pass attached to an invitation, read the way a kiosk's camera reads it."""
    import io

    from PIL import Image

    [attachment] = [a for a in mail.iter_attachments() if a.get_content_type() == "image/png"]
    return one_qr_text(Image.open(io.BytesIO(attachment.get_content())))


@pytest.mark.slow
def test_a_staff_day_in_the_browser(
    console: CentralServer,
    mailbox: SmtpSink,
    browser: Any,
    kiosk_settings: KioskSettings,
    tmp_path: Path,
) -> None:
    blocked: list[str] = []
    page = new_page(browser, blocked)
    page.goto(f"{console.url}/staff/")
    assert page.url.endswith("/staff/login")
    check_page(page, "login")
    log_in(page, console.url, "anne@lister.no")

    # Today: Kari is in; the roll call tick is shared state another member of staff sees.
    assert page.url.endswith("/staff/today")
    row = page.locator("tr", has_text="Kari Nordmann")
    assert "Nav" in row.inner_text() or "NAV" in row.inner_text()
    assert "Ikke sett" in row.inner_text()
    check_page(page, "today")
    other = new_page(browser, blocked)
    log_in(other, console.url, "ola@lister.no")
    other.goto(f"{console.url}/staff/today")
    assert "Ikke sett" in other.locator("tr", has_text="Kari Nordmann").inner_text()
    row.get_by_role("button", name=re.compile("Merk som sett")).click()
    assert "sett av anne@lister.no" in page.locator("tr", has_text="Kari Nordmann").inner_text()
    # The other browser shows the tick without a reload (the page's small script polls).
    other.locator("tr", has_text="Kari Nordmann").get_by_text(
        "sett av anne@lister.no", exact=False
    ).wait_for(timeout=20_000)
    other.reload()
    assert "sett av anne@lister.no" in other.locator("tr", has_text="Kari Nordmann").inner_text()
    check_page(other, "today-admin")
    other.goto(f"{console.url}/staff/audit")
    assert "evacuation_list.open" in other.content()
    assert "roll_call.tick" in other.content()
    check_page(other, "audit")

    # People: import a small file with one bad row; the preview names it; confirm.
    page.goto(f"{console.url}/staff/people")
    check_page(page, "people")
    page.get_by_role("link", name="Importer liste").click()
    check_page(page, "import")
    member_list = tmp_path / "medlemmer.csv"
    member_list.write_text(
        "navn;e-post;organisasjon\n"
        "Per Testesen;per.testesen@nav.no;NAV\n"
        "Uten Epost;;NAV\n"
        "Liv Prøvesen;liv.provesen@nav.no;NAV\n",
        encoding="utf-8",
    )
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(member_list))
    page.get_by_role("button", name="Forhåndsvis").click()
    bad = page.locator("table.bad")
    assert bad.locator("tbody tr").count() == 1
    assert bad.locator("tbody th").inner_text() == "3"
    assert "2 nye" in page.locator("ul.summary").inner_text()
    check_page(page, "import-preview")
    page.get_by_role("button", name="Importer", exact=True).click()
    assert "2 nye" in page.get_by_role("status").inner_text()
    assert "1 hoppet over" in page.get_by_role("status").inner_text()
    check_page(page, "import-done")

    # Find Liv (a POST search: her name is in no URL), set a random PIN, shown once.
    page.goto(f"{console.url}/staff/people")
    page.get_by_label("Navn eller e-post").fill("prøvesen")
    page.get_by_role("button", name="Søk").click()
    assert "prøvesen" not in page.url.lower()
    page.get_by_role("link", name="Liv Prøvesen").click()
    check_page(page, "person")
    page.get_by_role("button", name="Sett PIN-kode").click()
    pin = page.locator("#new-pin").inner_text()
    assert re.fullmatch(r"\d{6}", pin)
    check_page(page, "pin")
    page.go_back()
    page.reload()
    assert "Har PIN-kode" in page.content()
    page.get_by_role("button", name="Lag nytt adgangskort").click()
    assert page.get_by_role("img", name=re.compile("adgangskort for Liv Prøvesen")).is_visible()
    check_page(page, "pass")
    page.go_back()
    page.reload()
    page.get_by_role("button", name="Tilbakekall alle kortene").click()
    assert "Tilbakekalt" in page.locator("section", has_text="Adgangskort (QR)").inner_text()

    # Guests: invite Åse for today, Liv (imported a minute ago) her host; the pass is e-mailed.
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Gjester").click()
    assert page.url.endswith("/staff/guests")
    check_page(page, "guests-empty")
    page.get_by_label("Gjestens navn").fill(GUEST_NAME)
    page.get_by_label("Gjestens e-post").fill(GUEST_EMAIL)
    page.get_by_label("Vert").select_option(label="Liv Prøvesen · NAV")
    today = datetime.now(UTC).astimezone(ZoneInfo("Europe/Oslo")).date()
    assert page.locator("#g-day").input_value() == today.isoformat()
    if SHOTS.is_dir():
        page.evaluate("document.activeElement.blur()")
        page.locator("section", has=page.locator("#invite-form")).screenshot(
            path=str(SHOTS / "console-guests-invite-form.png")
        )
    page.get_by_role("button", name="Inviter og send adgangskortet").click()
    assert "sendt til" in page.get_by_role("status").inner_text()
    assert "guests/invite" in page.url and GUEST_EMAIL not in page.url
    invited = page.locator("tr", has_text=GUEST_NAME)
    assert "Ikke kommet ennå" in invited.inner_text()
    assert "E-post sendt" in invited.inner_text()
    check_page(page, "guests-invited")
    wait_until(lambda: any(r.recipients == [GUEST_EMAIL] for r in mailbox.received), 15, "mail")
    [mail] = [r.message for r in mailbox.received if r.recipients == [GUEST_EMAIL]]
    assert "Liv Prøvesen har invitert deg" in mail.get_body(("plain",)).get_content()
    token = pass_in(mail)
    assert re.fullmatch(r"RL1[A-Z0-9]+", token)

    # A real kiosk core (its own SQLite store and sync engine) checks Åse in with that pass.
    core = KioskCore.open(
        replace(
            kiosk_settings,
            central_url=console.url,
            device_token=console.device_token,
            sync_timeout_s=3,
        ),
        clock=SystemClock(),
    )
    try:
        assert core.sync.sync_once(), core.sync.status().problem
        guest = core.checkin.identify_pass(token)
        assert guest.person.name == GUEST_NAME
        core.checkin.check_in(guest.person.person_id, CheckinMethod.QR, guest.pass_id)
        # And a walk-in, uninvited, registers at the same kiosk with Kari as host.
        [kari] = core.guests.search_hosts("kari nor")
        core.guests.arrive(GuestDetails("Zoë Walk-In", "Statsbygg", kari, Purpose.MEETING))
        assert core.sync.sync_once(), core.sync.status().problem
        assert core.sync.status().pending == 0
    finally:
        core.close()
    # Liv, the host, is told by e-mail that her guest came.
    wait_until(
        lambda: any("liv.provesen@nav.no" in r.recipients for r in mailbox.received),
        15,
        "the host's e-mail",
    )

    # Today and Guests show the guest arrived.
    page.get_by_role("link", name="I dag", exact=True).click()
    expected = page.locator("section", has_text="Ventede gjester i dag").locator(
        "tr", has_text=GUEST_NAME
    )
    assert "Ja" in expected.inner_text()
    assert page.locator("table.evacuation tr", has_text=GUEST_NAME).count() == 1
    page.goto(f"{console.url}/staff/guests")
    assert "Kom kl." in page.locator("tr", has_text=GUEST_NAME).inner_text()
    walk_in = page.locator("section", has_text="Gjester uten invitasjon i dag").locator(
        "tr", has_text="Zoë Walk-In"
    )
    assert "Statsbygg" in walk_in.inner_text() and "Møte" in walk_in.inner_text()
    check_page(page, "guests")

    # The evacuation list, printed to PDF by the browser (the printer is the one thing this
    # machine lacks): Kari and the guest are on it.
    page.goto(f"{console.url}/staff/today")
    page.get_by_role("link", name="Utskriftsvisning").click()
    assert page.get_by_role("heading", name=re.compile("Evakueringsliste")).is_visible()
    check_page(page, "print")
    pdf = tmp_path / "evakuering.pdf"
    page.pdf(path=str(pdf))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Kari Nordmann" in text and GUEST_NAME in text and "Evakueringsliste" in text
    assert "Logg ut" not in text  # the menu is not printed
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()  # the print view hides the menu
    page.emulate_media(media="screen")

    # Kiosks: a provisioning code as a QR on screen, then revoked.
    page.goto(f"{console.url}/staff/kiosks")
    page.get_by_label("Kioskens navn (valgfritt)").fill("lyngdal-resepsjon")
    page.get_by_role("button", name="Lag oppsettskode").click()
    assert page.get_by_role("img", name="QR-kode med oppsettskoden").is_visible()
    code = page.locator("section.code code").inner_text()
    assert code.startswith("RLP1 HTTP://127.0.0.1:")
    check_page(page, "kiosks-code")
    # A new kiosk redeems the code as it does: the provisioning route, on the same store.
    redeemed = requests.post(
        f"{console.url}/api/v1/provision", json={"code": code.split()[-1]}, timeout=10
    )
    assert redeemed.status_code == 200, redeemed.text
    page.goto(f"{console.url}/staff/kiosks")
    kiosk_row = page.locator("tr", has_text="lyngdal-resepsjon")
    assert "Tilkoblet" in kiosk_row.inner_text()
    kiosk_row.get_by_role("button", name=re.compile("Tilbakekall")).click()
    assert "Tilbakekalt" in page.locator("tr", has_text="lyngdal-resepsjon").inner_text()
    check_page(page, "kiosks")

    # English, then log out: the pages are gone until the next log-in.
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("heading", name=re.compile("Kiosks")).is_visible()
    page.get_by_role("button", name="Log out").click()
    assert page.url.endswith("/staff/login")
    page.goto(f"{console.url}/staff/today")
    assert page.url.endswith("/staff/login")
    assert blocked == []
    # Nothing personal in the access log: no names or e-mail addresses of people.
    log = Path(console.log_path).read_text()
    assert "Kari" not in log and "prøvesen" not in log.lower() and KARI not in log
    assert "gjestesen" not in log.lower() and "Åse" not in log


def test_keyboard_alone_logs_in(console: CentralServer, browser: Any) -> None:
    page = new_page(browser, [])
    page.goto(f"{console.url}/staff/login")
    page.keyboard.press("Tab")  # the skip link comes first, and is visible with focus
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.locator("a.skip").is_visible()
    page.locator("#email").focus()
    page.keyboard.type("anne@lister.no")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/today"))
    outline = page.evaluate(
        "(() => { const b = document.querySelector('main button');"
        " b.focus(); return getComputedStyle(b).outlineStyle; })()"
    )
    assert outline == "solid"


@pytest.mark.slow
def test_keyboard_alone_invites_a_guest(
    console: CentralServer,
    mailbox: SmtpSink,
    browser: Any,
    kiosk_settings: KioskSettings,
    tmp_path: Path,
) -> None:
    page = new_page(browser, [])
    log_in(page, console.url, "anne@lister.no")
    page.goto(f"{console.url}/staff/guests")

    def tab_to(element_id: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == element_id:
                style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
                assert style == "solid", element_id  # the focus is visible
                return
        raise AssertionError(f"Tab never reached #{element_id}")

    tab_to("g-name")
    page.keyboard.type("Tastatur Gjest")
    tab_to("g-email", 2)
    page.keyboard.type("tastatur.gjest@example.org")
    tab_to("g-host", 2)
    page.keyboard.type("Kari Nordmann")  # a closed list chooses by typing, as a user does
    assert page.locator("#g-host option:checked").inner_text().startswith("Kari Nordmann")
    tab_to("g-days", 6)
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "tastatur.gjest@example.org" in page.get_by_role("status").inner_text()
    assert "Tastatur Gjest" in page.locator("tr", has_text="Tastatur Gjest").inner_text()
    wait_until(
        lambda: any(r.recipients == ["tastatur.gjest@example.org"] for r in mailbox.received),
        15,
        "the invitation",
    )
    # A bad day typed by keyboard: the message is named at the field, and the page is no 500.
    tab_to("g-name")
    page.keyboard.type("Tastatur Igjen")
    tab_to("g-email", 2)
    page.keyboard.type("tastatur.igjen@example.org")
    tab_to("g-host", 2)
    page.keyboard.type("Kari Nordmann")
    tab_to("g-days", 6)
    page.keyboard.press("Control+A")
    page.keyboard.type("15")
    page.evaluate("document.getElementById('g-days').removeAttribute('max')")  # a form without
    page.keyboard.press("Enter")  # the browser's own check, as an old browser sends it
    page.wait_for_load_state()
    assert page.locator("#e-days").inner_text() == "En invitasjon gjelder fra 1 til 14 dager."
    check_page(page, "guests-error")

    # The mail server refuses now: resending says so and offers the pass as PDF instead.
    row = page.locator("tr", has_text="Tastatur Gjest")
    mailbox.refuse = "550 5.1.1 mailbox unavailable"
    try:
        row.get_by_role("button", name=re.compile("Send på nytt")).click()
    finally:
        mailbox.refuse = None
    assert "e-posten kunne ikke sendes" in page.get_by_role("alert").inner_text()
    check_page(page, "guests-mail-failed")
    with page.expect_download() as download:
        page.get_by_role("alert").get_by_role("button", name=re.compile("PDF")).click()
    assert download.value.suggested_filename == "regionlab-gjestekort.pdf"
    saved = tmp_path / "gjestekort.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    # Cancelled: a kiosk that syncs refuses the pass that was e-mailed.
    [mail] = [r.message for r in mailbox.received if r.recipients == ["tastatur.gjest@example.org"]]
    token = pass_in(mail)
    page.locator("tr", has_text="Tastatur Gjest").get_by_role(
        "button", name=re.compile("Avlys")
    ).click()
    assert "Invitasjonen er avlyst" in page.get_by_role("status").inner_text()
    assert "Avlyst" in page.locator("tr", has_text="Tastatur Gjest").inner_text()
    core = KioskCore.open(
        replace(
            kiosk_settings,
            central_url=console.url,
            device_token=console.device_token,
            sync_timeout_s=3,
        ),
        clock=SystemClock(),
    )
    try:
        assert core.sync.sync_once(), core.sync.status().problem
        with pytest.raises(PassError) as refused:
            core.checkin.identify_pass(token)
        assert refused.value.problem is PassProblem.REVOKED
    finally:
        core.close()


@pytest.mark.slow
def test_a_set_password_link_in_the_browser(
    console: CentralServer, mailbox: SmtpSink, browser: Any
) -> None:
    done = subprocess.run(
        [
            PYTHON,
            "-m",
            "central.cli",
            "staff",
            "add",
            "--database-url",
            console.database_url,
            "--site",
            "lyngdal",
            "--email",
            "nina@lister.no",
            "--role",
            "staff",
            "--link",
            "--console-url",
            console.url,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = re.search(r"(http://\S+/staff/set-password/(\S+))", done.stdout)
    assert found is not None, done.stdout
    link, token = found.groups()
    assert "e-mailed to nina@lister.no" in done.stdout
    wait_until(
        lambda: any(r.recipients == ["nina@lister.no"] for r in mailbox.received), 15, "mail"
    )
    [mail] = [r.message for r in mailbox.received if r.recipients == ["nina@lister.no"]]
    assert link in mail.get_content()

    page = new_page(browser, [])
    page.goto(link)
    assert "nina@lister.no" in page.content()
    check_page(page, "set-password")
    page.get_by_role("link", name="Nynorsk").click()  # the language link comes back here
    assert page.get_by_role("heading", name="Vel passord").is_visible()
    page.get_by_role("link", name="Bokmål").click()
    page.get_by_label("Nytt passord").fill("et nytt og langt passord")
    page.get_by_label("Gjenta passordet").fill("et nytt og langt passord")
    page.get_by_role("button", name="Velg passord").click()
    assert "Passordet er satt" in page.get_by_role("status").inner_text()
    check_page(page, "set-password-done")
    page.goto(link)
    assert "allerede brukt" in page.content()
    check_page(page, "set-password-used")
    page.goto(f"{console.url}/staff/")
    page.get_by_label("E-post").fill("nina@lister.no")
    page.get_by_label("Passord").fill("et nytt og langt passord")
    page.get_by_role("button", name="Logg inn").click()
    assert page.url.endswith("/staff/today")
    # The access log shows the page's address without its secret.
    log = Path(console.log_path).read_text()
    assert token not in log
    assert "GET /staff/set-password/… HTTP/1.1" in log


def _session(url: str, email: str, password: str = PASSWORD) -> tuple[requests.Session, str]:
    http = requests.Session()
    form = http.get(f"{url}/staff/login", timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None
    answer = http.post(
        f"{url}/staff/login",
        data={"csrf": token.group(1), "email": email, "password": password},
        timeout=30,
    )
    return http, answer.text


def test_a_form_without_its_csrf_token_is_refused(console: CentralServer) -> None:
    http, _ = _session(console.url, "anne@lister.no")
    page = http.get(f"{console.url}/staff/today", timeout=10)
    assert page.status_code == 200
    refused = http.post(
        f"{console.url}/staff/today/rollcall",
        data={"site": "lyngdal", "person": person_id_for(KARI), "seen": "1"},
        timeout=10,
    )
    assert refused.status_code == 403
    assert "Skjemaet var utløpt" in refused.text
    # The log-in form too: without the double-submit cookie's token, no session.
    bare = requests.post(
        f"{console.url}/staff/login",
        data={"email": "anne@lister.no", "password": PASSWORD},
        timeout=10,
    )
    assert bare.status_code == 403
    assert "regionlab_staff" not in bare.cookies


def test_five_failed_log_ins_lock_the_account(console: CentralServer) -> None:
    for _ in range(4):
        _, text = _session(console.url, "lock@lister.no", "wrong password!")
        assert "Feil e-post eller passord" in text
    _, text = _session(console.url, "lock@lister.no", "wrong password!")
    assert "låst i 15 minutter" in text
    http, text = _session(console.url, "lock@lister.no")  # the right one, still locked
    assert "låst i 15 minutter" in text
    assert http.get(f"{console.url}/staff/today", timeout=10).url.endswith("/staff/login")


def test_an_analyst_never_sees_a_name(console: CentralServer, browser: Any) -> None:
    http, landing = _session(console.url, "ana@lister.no")
    assert "<h1>Rapporter</h1>" in landing
    for path in (
        "/staff/today",
        "/staff/people",
        "/staff/kiosks",
        "/staff/audit",
        f"/staff/people/{person_id_for(KARI)}",
        "/staff/today?print=1",
    ):
        answer = http.get(f"{console.url}{path}", timeout=10)
        assert answer.status_code == 403, path
        assert "Kari" not in answer.text
    page = new_page(browser, [])
    log_in(page, console.url, "ana@lister.no")
    check_page(page, "analyst")


def test_a_staff_member_sees_nothing_of_another_site(console: CentralServer) -> None:
    http, _ = _session(console.url, "anne@lister.no")
    for path in (
        "/staff/today?site=stadt",
        "/staff/people?site=stadt",
        "/staff/kiosks?site=stadt",
        f"/staff/people/{person_id_for('trond.tveit@statsforvalteren.no')}",
    ):
        answer = http.get(f"{console.url}{path}", timeout=10)
        assert answer.status_code == 404, path
    assert http.get(f"{console.url}/staff/audit", timeout=10).status_code == 403
