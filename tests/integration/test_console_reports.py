"""The Reports page in a real browser against a real ``regionlab-central serve`` with 120 days
of demo history: an analyst lands on it, picks a period and a site with the keyboard alone,
sees every chart beside its table, downloads a table as CSV; axe-core finds no violation (in
bokmål, nynorsk and English); bad dates, a to-date before the from-date and an unknown site
get a clear message, never a 500; a staff member sees only their own site. Screenshot to
$REGIONLAB_SHOTS (default /work/wt/shots) when that folder exists."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import requests

from tests.integration.test_staff_console import add_staff
from tests.processes import CentralServer, central_cli

pytestmark = [pytest.mark.slow, pytest.mark.integration]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOOPBACK = {"127.0.0.1", "localhost"}
PASSWORD = "riktig hest batteri stift"
SHOTS = Path(os.environ.get("REGIONLAB_SHOTS", "/work/wt/shots"))
TABLES = 16


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    folder = tmp_path_factory.mktemp("reports")
    server = CentralServer(
        database_url=f"sqlite:///{folder / 'central.sqlite3'}", log_path=folder / "central.log"
    )
    server.prepare()
    central_cli(server.database_url, "init", "--demo", "--history-days", "120")
    for email, role in (
        ("anne@lister.no", "staff"),
        ("ola@lister.no", "admin"),
        ("ana@lister.no", "analyst"),
    ):
        add_staff(server, email, role)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system-packages installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--lang=en-US"]
        )
        try:
            yield launched
        finally:
            launched.close()


def new_page(browser: Any, blocked: list[str]) -> Any:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="en-US"
    )

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname in LOOPBACK:
            route.continue_()
        else:
            blocked.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", route)
    return context.new_page()


def axe_clean(page: Any, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def log_in(page: Any, url: str, email: str) -> None:
    page.goto(f"{url}/staff/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


def tab_to(page: Any, target: str) -> None:
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == target:
            return
    raise AssertionError(f"Tab never reached #{target}")


def test_an_analyst_reads_the_reports_with_the_keyboard_alone(
    store: CentralServer, browser: Any, tmp_path: Path
) -> None:
    blocked: list[str] = []
    page = new_page(browser, blocked)
    page.goto(f"{store.url}/staff/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the language links come after the log-in form
    page.get_by_label("E-post").focus()
    page.keyboard.type("ana@lister.no")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/reports"))
    assert page.locator("h1").inner_text() == "Rapporter"
    # the analyst's menu holds the reports and nothing with names
    nav = page.get_by_role("navigation", name="Hovedmeny")
    assert nav.get_by_role("link").all_inner_texts() == ["Rapporter"]
    # whole pilot, all four sites: every table, a chart beside each that has one
    assert page.locator("section.report-table").count() == TABLES
    assert page.locator("section.report-table figure svg[role=img]").count() >= 11
    assert page.locator("section.report-table table").count() == TABLES
    assert "Statens hus Narvik" in page.locator("#t-personer-maaned ~ div table").inner_text()
    axe_clean(page, "reports")
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / "console-reports.png"), full_page=False)

    # keyboard alone: a period and one site, then show (a date field's day, month and year
    # are each a stop of Tab in Chromium)
    # (the browser runs in en-US: a date field is month, day, year)
    page.locator("#r-from").focus()
    page.keyboard.type("09012026")
    tab_to(page, "r-to")
    page.keyboard.type("10312026")
    assert page.input_value("#r-from") == "2026-09-01"
    assert page.input_value("#r-to") == "2026-10-31"
    tab_to(page, "r-site")
    page.keyboard.press("Home")  # "all four" is first; the sites follow
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Vis"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focus is visible"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"from=2026-09-01&to=2026-10-31&site=lyngdal"))
    assert "RegionLab Lister · Periode 01.09.2026–31.10.2026" in page.inner_text("main")
    people = page.locator("#t-personer-maaned ~ div table")
    assert people.locator("thead th").all_inner_texts() == ["Måned", "RegionLab Lister", "Sum"]
    assert people.locator("tbody th").all_inner_texts()[:2] == ["sep 2026", "okt 2026"]

    # a CSV of a table: an ordinary link, its address only the period and the site
    link = page.locator("#t-gjester ~ p a.csv")
    href = link.get_attribute("href")
    assert href is not None and set(re.findall(r"[?&](\w+)=", href)) == {"from", "to", "site"}
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    saved = tmp_path / "gjester.csv"
    download.value.save_as(saved)
    rows = saved.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "Måned;RegionLab Lister;Sum" and rows[1].startswith("sep 2026;")

    # presets are links; every language passes axe too
    page.get_by_role("link", name="Siste 30 dager").click()
    page.wait_for_url(re.compile(r"preset=30d"))
    axe_clean(page, "reports-30d")
    for language, title in (("nn", "Rapportar"), ("en", "Reports")):
        page.get_by_role("link", name={"nn": "Nynorsk", "en": "English"}[language]).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == title
        assert page.locator("html").get_attribute("lang") == language
        axe_clean(page, f"reports-{language}")
    assert "Distinct people per month" in page.inner_text("main")
    page.get_by_role("link", name="Bokmål").click()
    assert not blocked, blocked


def test_bad_periods_and_sites_get_a_clear_message(store: CentralServer, browser: Any) -> None:
    page = new_page(browser, [])
    log_in(page, store.url, "ola@lister.no")
    for query, message in (
        ("from=2026-02-30&to=2026-03-01", "«2026-02-30» er ikke en dato"),
        ("from=1.9.2026&to=2026-10-01", "«1.9.2026» er ikke en dato"),
        ("from=2026-10-01&to=2026-09-01", "Til-datoen er før fra-datoen."),
        ("from=2000-01-01&to=2026-09-01", "Perioden er lengre enn tre år."),
        ("site=atlantis", "Det finnes ikke noe bygg med den koden."),
        ("preset=forever", "Ukjent ferdig periode."),
    ):
        answer = page.goto(f"{store.url}/staff/reports?{query}")
        assert answer.status == 400, query
        assert message in page.get_by_role("alert").inner_text(), query
        # the form is still there to put it right
        assert page.locator("#r-from").count() == 1
    axe_clean(page, "reports-error")
    answer = page.goto(f"{store.url}/staff/reports/gjester.csv?from=2026-13-01")
    assert answer.status == 400
    assert page.goto(f"{store.url}/staff/reports/nothing.csv").status == 404


def test_a_staff_member_sees_only_their_own_site(store: CentralServer) -> None:
    http = requests.Session()
    form = http.get(f"{store.url}/staff/login", timeout=10).text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None
    http.post(
        f"{store.url}/staff/login",
        data={"csrf": token.group(1), "email": "anne@lister.no", "password": PASSWORD},
        timeout=30,
    )
    own = http.get(f"{store.url}/staff/reports", timeout=30)
    assert own.status_code == 200
    assert "RegionLab Lister" in own.text and "Statens hus Narvik" not in own.text
    assert 'value="all"' not in own.text
    for query in ("site=narvik", "site=all"):
        answer = http.get(f"{store.url}/staff/reports?{query}", timeout=30)
        assert answer.status_code in (404, 400), query
        assert "Statens hus Narvik" not in answer.text.split("<main", 1)[1]
    other = http.get(f"{store.url}/staff/reports/gjester.csv?site=stadt", timeout=30)
    assert other.status_code == 404
