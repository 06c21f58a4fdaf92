"""The console's Desks and Lunch talks pages in a real browser against a real
``regionlab-central serve``, and what they change reaching a real kiosk core through the feed.

Debian's Chromium (/usr/bin/chromium) driven by Playwright; axe-core checks both pages; a desk is
booked with the keyboard alone; bad input gets a message, never a 500; a desk put out of use and
a talk cancelled in the console reach a kiosk core's mirror after one sync. Screenshots go to
docs/screens/ (console-desks.png, console-lunch.png).
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from central.db.models import LunchTalk
from central.demo import person_id_for
from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.desk_types import DeskState
from kiosk.settings import KioskSettings
from tests.integration.test_staff_console import CHROMIUM, PASSWORD, add_staff, new_page
from tests.processes import CentralServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCREENS = Path(__file__).resolve().parents[2] / "docs" / "screens"
OSLO = ZoneInfo("Europe/Oslo")
KARI = "kari.nordmann@nav.no"
RANDI = "randi.loland@agderfk.no"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    folder = tmp_path_factory.mktemp("console-desks")
    server = CentralServer(
        database_url=f"sqlite:///{folder / 'central.sqlite3'}", log_path=folder / "central.log"
    )
    server.prepare()
    for email, role, site in (
        ("anne@lister.no", "staff", "lyngdal"),
        ("ola@lister.no", "admin", "lyngdal"),
        ("ana@lister.no", "analyst", "lyngdal"),
        ("siri@stadt.no", "staff", "stadt"),
    ):
        add_staff(server, email, role, site)
    server.start()
    yield server
    server.stop()
    log = (folder / "central.log").read_text()
    assert "Traceback" not in log, log[-3000:]
    assert "kari" not in log.lower(), "a name or e-mail reached the access log"


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system-packages installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--lang=nb-NO"]
        )
        try:
            yield launched
        finally:
            launched.close()


def log_in(page: Any, url: str, email: str) -> None:
    page.goto(f"{url}/staff/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(re.compile(r"/staff/"))


def no_violations(page: Any, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def session_of(url: str, email: str) -> tuple[requests.Session, str]:
    """A logged-in HTTP session and its CSRF token (read from a page's form)."""
    http = requests.Session()
    form = http.get(f"{url}/staff/login", timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None
    http.post(
        f"{url}/staff/login",
        data={"csrf": token.group(1), "email": email, "password": PASSWORD},
        timeout=30,
    )
    page = http.get(f"{url}/staff/desks", timeout=30)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf is not None, page.status_code
    return http, csrf.group(1)


def local_today() -> datetime:
    return datetime.now(OSLO)


def audit_actions(server: CentralServer) -> list[tuple[str, str | None]]:
    path = server.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return list(db.execute("SELECT action, subject FROM audit_log ORDER BY id"))


def open_core(tmp_path: Path, server: CentralServer) -> KioskCore:
    settings = replace(
        KioskSettings(),
        data_dir=tmp_path / "kiosk",
        site="lyngdal",
        central_url=server.url,
        device_token=server.device_token,
        sync_timeout_s=3,
    )
    return KioskCore.open(settings, clock=SystemClock())


def test_the_desks_page_shows_the_plans_and_changes_desks(
    store: CentralServer, browser: Any
) -> None:
    page = new_page(browser, blocked := [])
    log_in(page, store.url, "anne@lister.no")
    page.get_by_role("link", name="Arbeidsplasser").click()
    page.wait_for_url(re.compile(r"/staff/desks"))
    # The demo's day: A-07 taken by a drop-in, B-10/B-11 fixed, S-10 out of use, in words.
    assert page.locator("#desk-A-07 td.state").inner_text().startswith("Opptatt")
    assert "Malin" in page.locator("#desk-A-07").inner_text()
    assert page.locator("#desk-B-10 td.state").inner_text() == "Fast plass"
    assert "Fast plass for NAV" in page.locator("#desk-B-10").inner_text()
    assert page.locator("#desk-S-10 td.state").inner_text() == "Ikke i bruk"
    # The plan: both floors as inline SVG, each desk drawn in the same state as its row.
    assert page.locator("svg.floor-plan").count() == 2
    assert page.locator('svg.floor-plan g[data-state="taken"]').count() >= 1
    drawn = page.locator("svg.floor-plan g.desk").count()
    assert drawn == page.locator("table.desks tbody tr").count() == 46
    no_violations(page, "desks")

    # A desk out of use, and back; a fixed desk for an organisation, and ended.
    page.locator("#desk-A-03").get_by_role("button", name=re.compile("Ta ut av bruk")).click()
    assert "Pulten er tatt ut av bruk" in page.locator("p.ok").inner_text()
    assert page.locator("#desk-A-03 td.state").inner_text() == "Ikke i bruk"
    assert page.locator('g[data-desk="lyngdal-A-03"]').get_attribute("data-state") == "out_of_use"
    page.locator("#desk-A-03").get_by_role("button", name=re.compile("Ta i bruk igjen")).click()
    assert page.locator("#desk-A-03 td.state").inner_text() == "Ledig"

    page.locator("#fix-desk").select_option("A-04")
    page.get_by_label("Organisasjon", exact=True).select_option(label="NAV")
    page.get_by_role("button", name="Gjør til fast plass").click()
    assert page.locator("#desk-A-04 td.state").inner_text() == "Fast plass"
    assert "Fast plass for NAV" in page.locator("#desk-A-04").inner_text()
    # Again: the rules say no, in words.
    page.locator("#fix-desk").select_option("A-04")
    page.get_by_label("Organisasjon", exact=True).select_option(label="NAV")
    page.get_by_role("button", name="Gjør til fast plass").click()
    assert "allerede fast plass" in page.get_by_role("alert").inner_text()
    page.locator("#desk-A-04").get_by_role("button", name=re.compile("Fjern fast plass")).click()
    assert page.locator("#desk-A-04 td.state").inner_text() == "Ledig"

    page.reload()
    assert page.locator("#desk-A-03 td.state").inner_text() == "Ledig"
    # Live: another member of staff takes S-02 out of use; the open page shows it unreloaded.
    http, csrf = session_of(store.url, "ola@lister.no")
    http.post(
        f"{store.url}/staff/desks/use",
        data={"csrf": csrf, "site": "lyngdal", "desk": "S-02", "in_use": "0"},
        timeout=30,
    ).raise_for_status()
    page.locator("#desk-S-02 td.state").get_by_text("Ikke i bruk").wait_for(timeout=30_000)
    assert page.locator('g[data-desk="lyngdal-S-02"]').get_attribute("data-state") == "out_of_use"
    http.post(
        f"{store.url}/staff/desks/use",
        data={"csrf": csrf, "site": "lyngdal", "desk": "S-02", "in_use": "1"},
        timeout=30,
    ).raise_for_status()
    page.reload()
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "console-desks.png"), full_page=True)
    assert blocked == []
    actions = [a for a, _ in audit_actions(store)]
    for wanted in ("desks.open", "desk.out_of_use", "desk.in_use", "desk.fixed", "desk.unfixed"):
        assert wanted in actions


def test_a_desk_is_booked_with_the_keyboard_alone(store: CentralServer, browser: Any) -> None:
    page = new_page(browser, [])
    log_in(page, store.url, "anne@lister.no")
    tomorrow = (local_today() + timedelta(days=1)).date().isoformat()
    page.goto(f"{store.url}/staff/desks?day={tomorrow}")
    for _ in range(80):  # Tab from the top to the booking form's desk
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "book-desk":
            break
    else:
        pytest.fail("Tab never reached the booking form")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # the focus is visible
    for _ in range(40):  # the arrow keys walk the desks
        if page.evaluate("document.activeElement.value") == "A-03":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "A-03"
    for _ in range(20):  # past the date, from and to (the day shown, 08:00, closing time)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "book-person":
            break
    assert page.evaluate("document.activeElement.id") == "book-person"
    page.keyboard.type(KARI)
    page.keyboard.press("Escape")  # close the suggestion list
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("p.ok").inner_text() == "Pulten er booket."
    row = page.locator("#desk-A-03")
    assert "08:00–17:00 Kari Nordmann" in row.inner_text()
    assert row.locator("td.state").inner_text() == "Booket fra 08:00"
    assert "kari" not in page.url.lower()
    assert ("desk.book", person_id_for(KARI)) in audit_actions(store)

    # Conflicts are told in words: the desk is taken; the person holds another desk.
    page.locator("#book-desk").select_option("A-03")
    page.get_by_label("Person (navn eller e-post)").fill(RANDI)
    page.get_by_role("button", name="Book", exact=True).click()
    assert "allerede booket eller tatt" in page.get_by_role("alert").inner_text()
    page.locator("#book-desk").select_option("B-01")
    page.locator("#book-date").fill(tomorrow)
    page.get_by_label("Person (navn eller e-post)").fill("Kari Nordmann")
    page.get_by_role("button", name="Book", exact=True).click()
    assert "har allerede en annen pult" in page.get_by_role("alert").inner_text()
    # Several fit: the form asks which one.
    page.get_by_label("Person (navn eller e-post)").fill("no")
    page.get_by_role("button", name="Book", exact=True).click()
    assert "Flere passer" in page.get_by_role("alert").inner_text()
    assert page.get_by_role("radio").count() > 1

    # Out of use with a booking ahead: the page says to cancel it; back in use.
    row.get_by_role("button", name=re.compile("Ta ut av bruk")).click()
    assert "har fortsatt bookinger" in page.locator("p.ok").inner_text()
    page.locator("#desk-A-03").get_by_role("button", name=re.compile("Ta i bruk igjen")).click()
    # Cancelled again: the row is free that day.
    page.goto(f"{store.url}/staff/desks?day={tomorrow}")
    page.locator("#desk-A-03").get_by_role("button", name=re.compile("Avlys bookingen")).click()
    assert page.locator("#desk-A-03 td.state").inner_text() == "Ledig"
    assert ("desk.booking_cancel", person_id_for(KARI)) in audit_actions(store)


def test_bad_input_gets_a_message_never_a_500(store: CentralServer) -> None:
    http, csrf = session_of(store.url, "anne@lister.no")
    today = local_today().date()
    tomorrow = (today + timedelta(days=1)).isoformat()
    base = {"csrf": csrf, "site": "lyngdal", "date": tomorrow, "start": "08:00", "end": "12:00"}
    for changed, message in (
        ({"desk": "Z-99", "person": KARI}, "Ukjent pult."),
        ({"desk": "A-01", "person": KARI, "date": "2020-01-01"}, "Datoen eller tiden er passert"),
        ({"desk": "A-01", "person": KARI, "date": "i morgen"}, "Datoen må skrives som"),
        ({"desk": "A-01", "person": KARI, "date": "9999-12-31"}, "Datoen må skrives som"),
        ({"desk": "A-01", "person": KARI, "start": "13:00"}, "Slutten må være etter starten"),
        ({"desk": "A-01", "person": KARI, "end": "25:99"}, "Tiden må skrives som tt:mm"),
        ({"desk": "A-01", "person": "Ingen Slik Person"}, "Fant ingen aktivt medlem"),
        ({"desk": "C-01", "person": KARI}, "kan ikke bookes"),  # a drop-in desk
    ):
        answer = http.post(f"{store.url}/staff/desks/book", data={**base, **changed}, timeout=30)
        assert answer.status_code == 422, (changed, answer.status_code)
        assert message in answer.text, changed
    lunch = {"csrf": csrf, "site": "lyngdal", "date": tomorrow, "start": "11:30", "end": "12:15"}
    lunch |= {"title": "Om kyst", "room": "Lunsj", "capacity": "20"}
    for changed, message in (
        ({"title": "   "}, "Tittelen mangler."),
        ({"end": "11:00"}, "Slutten må være etter starten."),
        ({"date": "2020-01-01"}, "Tidspunktet er passert."),
        ({"capacity": "mange"}, "Antall plasser må være et tall"),
        ({"date": "31.12"}, "Datoen må skrives som"),
        ({"date": "9999-12-31", "start": "23:59", "end": ""}, "Datoen må skrives som"),
        ({"cluster": "fotball"}, "Ukjent klynge."),
    ):
        answer = http.post(f"{store.url}/staff/lunch/new", data={**lunch, **changed}, timeout=30)
        assert answer.status_code == 422, (changed, answer.status_code)
        assert message in answer.text, changed
    for path in ("/staff/lunch/not-a-talk", f"/staff/lunch/{person_id_for(KARI)}"):
        assert http.get(f"{store.url}{path}", timeout=10).status_code == 404
    gone = http.post(
        f"{store.url}/staff/desks/cancel",
        data={"csrf": csrf, "site": "lyngdal", "booking": "999999"},
        timeout=10,
    )
    assert gone.status_code == 404
    for day in ("bogus", "0001-01-01", "9999-12-31"):
        answer = http.get(f"{store.url}/staff/desks?day={day}", timeout=10)
        assert answer.status_code == 422 and "Datoen må skrives som" in answer.text
    # Without the form's token: refused.
    bare = http.post(f"{store.url}/staff/desks/use", data={"desk": "A-01"}, timeout=10)
    assert bare.status_code == 403


def test_only_the_own_site_and_never_an_analyst(store: CentralServer) -> None:
    anne, csrf = session_of(store.url, "anne@lister.no")
    for path in ("/staff/desks?site=stadt", "/staff/lunch?site=stadt"):
        assert anne.get(f"{store.url}{path}", timeout=10).status_code == 404, path
    refused = anne.post(
        f"{store.url}/staff/desks/use",
        data={"csrf": csrf, "site": "stadt", "desk": "A-01", "in_use": "0"},
        timeout=10,
    )
    assert refused.status_code == 404
    # A talk of Stadt, made by Stadt's staff: Lyngdal's staff cannot open, edit or cancel it.
    siri, siri_csrf = session_of(store.url, "siri@stadt.no")
    day = (local_today() + timedelta(days=2)).date().isoformat()
    made = siri.post(
        f"{store.url}/staff/lunch/new",
        data={
            "csrf": siri_csrf,
            "site": "stadt",
            "title": "Havbruk",
            "date": day,
            "start": "11:30",
            "end": "12:00",
            "room": "Kantina",
            "capacity": "10",
        },
        timeout=30,
    )
    talk = re.search(r"/staff/lunch/([0-9a-f-]{36})", made.text)
    assert talk is not None
    assert anne.get(f"{store.url}/staff/lunch/{talk.group(1)}", timeout=10).status_code == 404
    cancel = anne.post(
        f"{store.url}/staff/lunch/{talk.group(1)}/cancel", data={"csrf": csrf}, timeout=10
    )
    assert cancel.status_code == 404
    admin, _ = session_of(store.url, "ola@lister.no")
    assert admin.get(f"{store.url}/staff/desks?site=stadt", timeout=10).status_code == 200
    assert "Havbruk" in admin.get(f"{store.url}/staff/lunch?site=stadt", timeout=10).text
    analyst = requests.Session()
    form = analyst.get(f"{store.url}/staff/login", timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None
    analyst.post(
        f"{store.url}/staff/login",
        data={"csrf": token.group(1), "email": "ana@lister.no", "password": PASSWORD},
        timeout=30,
    )
    for path in ("/staff/desks", "/staff/lunch", "/staff/desks/states.json"):
        answer = analyst.get(f"{store.url}{path}", timeout=10)
        assert answer.status_code == 403, path
        assert "Kari" not in answer.text and "Malin" not in answer.text


def test_console_changes_reach_a_kiosk_through_the_feed(
    store: CentralServer, tmp_path: Path
) -> None:
    http, csrf = session_of(store.url, "anne@lister.no")
    core = open_core(tmp_path, store)
    try:
        assert core.sync.sync_once(), core.sync.status().problem
        desk = "lyngdal-S-01"
        assert core.desks.statuses()[desk].state is DeskState.FREE
        out = http.post(
            f"{store.url}/staff/desks/use",
            data={"csrf": csrf, "site": "lyngdal", "desk": "S-01", "in_use": "0"},
            timeout=30,
        )
        assert out.status_code == 200 and "Pulten er tatt ut av bruk" in out.text
        assert core.sync.sync_once(), core.sync.status().problem
        assert core.desks.statuses()[desk].state is DeskState.UNAVAILABLE
        back = http.post(
            f"{store.url}/staff/desks/use",
            data={"csrf": csrf, "site": "lyngdal", "desk": "S-01", "in_use": "1"},
            timeout=30,
        )
        assert back.status_code == 200
        assert core.sync.sync_once(), core.sync.status().problem
        assert core.desks.statuses()[desk].state is DeskState.FREE

        # A talk made in the console reaches the kiosk; edited, it changes; cancelled, it goes.
        day = (local_today() + timedelta(days=1)).date().isoformat()
        made = http.post(
            f"{store.url}/staff/lunch/new",
            data={
                "csrf": csrf,
                "site": "lyngdal",
                "title": "Sjømat i Lister",
                "date": day,
                "start": "11:30",
                "end": "12:15",
                "room": "Lunsj",
                "capacity": "30",
                "cluster": "næring",
            },
            timeout=30,
        )
        found = re.search(r"/staff/lunch/([0-9a-f-]{36})\"", made.text)
        assert found is not None
        talk_id = found.group(1)
        assert core.sync.sync_once(), core.sync.status().problem
        seen = core.lunch.talk(talk_id)
        assert seen is not None and seen.title == "Sjømat i Lister"
        assert seen.starts_at.astimezone(OSLO).strftime("%H:%M") == "11:30"
        http.post(
            f"{store.url}/staff/lunch/{talk_id}",
            data={
                "csrf": csrf,
                "title": "Sjømat og reiseliv",
                "date": day,
                "start": "11:45",
                "end": "12:30",
                "room": "Lunsj",
                "capacity": "25",
            },
            timeout=30,
        )
        assert core.sync.sync_once(), core.sync.status().problem
        seen = core.lunch.talk(talk_id)
        assert seen is not None and seen.title == "Sjømat og reiseliv" and seen.capacity == 25
        http.post(f"{store.url}/staff/lunch/{talk_id}/cancel", data={"csrf": csrf}, timeout=30)
        assert core.sync.sync_once(), core.sync.status().problem
        assert core.lunch.talk(talk_id) is None
    finally:
        core.close()


def test_the_lunch_page_counts_for_catering(store: CentralServer, browser: Any) -> None:
    # A talk held last week (history: the domain adds talks only ahead of time).
    held = datetime.combine(local_today().date() - timedelta(days=7), time(11, 30), OSLO)
    engine = create_engine(store.database_url)
    with Session(engine) as session, session.begin():
        session.add(
            LunchTalk(
                id=str(uuid.uuid4()),
                site="lyngdal",
                title="Velkommen til RegionLab",
                starts_at=held,
                ends_at=held + timedelta(minutes=45),
                room="Lunsj",
                capacity=40,
                signed_up=31,
                created_at=held - timedelta(days=10),
            )
        )
    engine.dispose()
    page = new_page(browser, [])
    log_in(page, store.url, "anne@lister.no")
    page.get_by_role("link", name="Lunsjprat").click()
    page.wait_for_url(re.compile(r"/staff/lunch"))
    day = (local_today() + timedelta(days=3)).date().isoformat()
    page.get_by_label("Tittel").fill("Naturforvaltning i Lister")
    page.get_by_label("Dato").fill(day)
    page.get_by_label("Start").fill("11:30")
    page.get_by_label("Slutt").fill("12:15")
    page.get_by_label("Rom").fill("Møterom Lista")
    page.get_by_label("Plasser").fill("12")
    page.get_by_label("Klynge").select_option("naturforvaltning")
    page.get_by_role("button", name="Opprett").click()
    assert page.locator("p.ok").inner_text() == "Lunsjpraten er opprettet."
    row = page.locator("tr", has_text="Naturforvaltning i Lister")
    assert "0 av 12" in row.inner_text()
    talk_id = re.search(r"/staff/lunch/([0-9a-f-]{36})", page.content())
    assert talk_id is not None
    # Two members sign up at a kiosk (the device API, as a kiosk sends it).
    events = [
        {
            "id": f"5e1f00aa-0000-4000-8000-00000000000{n}",
            "type": "lunch_signup",
            "at": datetime.now(UTC).isoformat(),
            "data": {
                "talk_id": talk_id.group(1),
                "person_id": person_id_for(email),
                "method": "name",
            },
        }
        for n, email in enumerate((KARI, RANDI), start=1)
    ]
    requests.post(
        f"{store.url}/api/v1/sites/lyngdal/events",
        json={"events": events},
        headers={"Authorization": f"Bearer {store.device_token}"},
        timeout=10,
    ).raise_for_status()
    page.reload()
    row = page.locator("tr", has_text="Naturforvaltning i Lister")
    assert "2 av 12" in row.inner_text()
    assert "Kari" not in page.content()  # a number, not names
    past = page.get_by_role("region", name="Tidligere")
    held_row = past.locator("tr", has_text="Velkommen til RegionLab").inner_text()
    assert "31 av 40" in held_row and "holdt" in held_row
    # A second talk, to be edited and then cancelled.
    page.get_by_label("Tittel").fill("Helse på tvers")
    page.get_by_label("Dato").fill(day)
    page.get_by_label("Start").fill("12:30")
    page.get_by_label("Slutt").fill("13:00")
    page.get_by_label("Rom").fill("Lunsj")
    page.get_by_label("Plasser").fill("40")
    page.get_by_role("button", name="Opprett").click()
    page.locator("tr", has_text="Helse på tvers").get_by_role(
        "link", name=re.compile("Endre")
    ).click()
    page.wait_for_url(re.compile(r"/staff/lunch/[0-9a-f-]{36}$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Endre lunsjprat")
    no_violations(page, "lunch-edit")
    page.get_by_label("Plasser").fill("45")
    page.get_by_role("button", name="Lagre").click()
    assert page.locator("p.ok").inner_text() == "Endringene er lagret."
    assert "0 av 45" in page.locator("tr", has_text="Helse på tvers").inner_text()
    no_violations(page, "lunch")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "console-lunch.png"), full_page=True)
    page.locator("tr", has_text="Helse på tvers").get_by_role(
        "button", name=re.compile("Avlys")
    ).click()
    assert "Lunsjpraten er avlyst" in page.locator("p.ok").inner_text()
    assert "avlyst" in page.locator("tr", has_text="Helse på tvers").inner_text()

    # The names, when staff open the list: audited.
    row = page.locator("tr", has_text="Naturforvaltning i Lister")
    row.get_by_role("button", name=re.compile("Vis påmeldte")).click()
    assert page.get_by_role("heading", name=re.compile("Påmeldte til")).is_visible()
    names = page.locator("tbody").inner_text()
    assert "Kari Nordmann" in names and "Randi" in names
    no_violations(page, "lunch-signups")
    assert ("lunch.signups_open", talk_id.group(1)) in audit_actions(store)
