"""Suppression across the whole report (issue 12): from a history with many small cells, the
report of each site and of all four is exported as CSV, PDF text (pdftotext) and the Reports
page's HTML; no exported figure counts fewer than 3 people, and an attacker who writes down
every equation the published figures give (row and column totals, each site against all
sites, tables that share a margin) and solves them, with the bounds that "< 3" (1 or 2) and
":" (3 or more) give, works out no hidden figure."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections import defaultdict
from datetime import UTC, date, datetime
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from central.db.engine import SessionFactory
from central.db.models import Person, PersonKind
from central.demo import history
from central.domain import staff
from central.domain.reports import csv_export, pdf, tables, words
from central.domain.reports.suppression import (
    MIN_PEOPLE,
    PROTECTED,
    SUPPRESSED,
    Count,
    hidden,
    primary,
)
from tests.fakes import FakeClock

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 30, 5, 0, tzinfo=UTC)
SITES = ["lyngdal", "narvik", "orkland", "stadt"]
FIRST, LAST = date(2026, 9, 7), date(2026, 11, 29)
PASSWORD = "riktig hest batteri stift"
# tables whose all-sites cell is the sum of the sites' cells
ADDITIVE = {
    "pulter": None,
    "organisasjonstype": None,
    "nye": None,
    "lunsj": None,
    "lunsj-org": None,
    "kryss": None,
    "par": None,
    "organisasjoner": [1],
    "trend": [0, 2],
}
# tables (and columns) that count distinct people, and those that count something each
# person adds at least one of
PEOPLE = {"personer-maaned", "personer-uke", "gjester", "organisasjonstype", "nye"}
PEOPLE_COLUMNS = {("organisasjoner", "0"), ("trend", "0"), ("bruk", "2"), ("bruk", "4")}
PER_PERSON = {"lunsj", "lunsj-org", "kryss", "pulter", "pulter-lokasjon"}
# tables with one column per site: the all-sites column is the site's own
PER_SITE_COLUMNS = ("personer-maaned", "personer-uke", "gjester")


@pytest.fixture(scope="module")
def reports(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, tables.Report], SessionFactory]:
    """A short history with few people per site: many cells of one or two people."""
    from central.bootstrap import initialise
    from central.db.engine import make_engine, session_factory

    folder = tmp_path_factory.mktemp("privacy")
    engine = make_engine(f"sqlite:///{folder / 'central.sqlite3'}")
    initialise(engine, FakeClock(NOW), with_demo=True)
    factory = session_factory(engine)
    with factory.begin() as session:
        history.generate(session, now=NOW, days=84, extra_members=6, seed=7)
        staff.add_account(
            session,
            site="lyngdal",
            email="ana@lister.no",
            role="analyst",
            password=PASSWORD,
            now=NOW,
        )
    with factory() as session:
        built = {s: tables.build(session, [s], FIRST, LAST) for s in SITES}
        built["all"] = tables.build(session, SITES, FIRST, LAST)
    return built, factory


def _every_count(report: tables.Report) -> list[tuple[str, str, Count | None, bool]]:
    out = []
    for t in report.tables:
        for r, row in enumerate(t.cells):
            for c, cell in enumerate(row):
                out.append((t.slug, f"{t.rows[r]}/{t.columns[c]}", cell, t.hidden[r][c]))
        if t.totals:
            for r, cell in enumerate(t.row_totals()):
                out.append((t.slug, f"{t.rows[r]}/Sum", cell, t.row_totals_hidden[r]))
            for c, cell in enumerate(t.col_totals()):
                out.append((t.slug, f"Sum/{t.columns[c]}", cell, t.col_totals_hidden[c]))
            out.append((t.slug, "Sum/Sum", t.grand_total(), hidden(t.grand_total())))
    return out


def test_every_small_count_is_hidden_and_shown_as_less_than_three(reports: Any) -> None:
    built, _ = reports
    small = 0
    for report in built.values():
        for slug, where, cell, is_hidden in _every_count(report):
            if cell is None:
                continue
            if primary(cell):
                small += 1
                assert is_hidden, (slug, where)
            if not is_hidden:
                assert cell.value == 0 or cell.people is None or cell.people >= MIN_PEOPLE
        for t in report.tables:
            grid = t.published()
            for r, row in enumerate(t.cells):
                for c, cell in enumerate(row):
                    text = grid[r + 1][c + 1]
                    if cell is not None and cell.shielded:
                        assert text == PROTECTED
                    elif primary(cell):
                        assert text == SUPPRESSED
    assert small > 50, "the history has many small cells"


def _rows(text: str) -> list[list[str]]:
    return [line.split(";") for line in text.lstrip("\ufeff").splitlines()]


class _Tables(HTMLParser):
    """The text of every table cell of a page, table by table (screen-reader-only words
    dropped: the visible mark is what an exported cell is)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = []
        elif (tag == "span" and ("class", "sr") in attrs) or tag == "caption":
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag in ("span", "caption") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.skip:
            self.cell.append(data)


class _Page(_Tables):
    """The tables and the summary's sentences of the Reports page."""

    def __init__(self) -> None:
        super().__init__()
        self.summary: list[str] = []
        self.in_summary = False
        self.item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        if tag == "section" and ("aria-labelledby", "r-summary") in attrs:
            self.in_summary = True
        elif tag == "li" and self.in_summary:
            self.item = []

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        if tag == "li" and self.item is not None:
            self.summary.append("".join(self.item).strip())
            self.item = None
        elif tag == "section":
            self.in_summary = False

    def handle_data(self, data: str) -> None:
        super().handle_data(data)
        if self.item is not None:
            self.item.append(data)


def _client(factory: SessionFactory, lang: str = "nb") -> Any:
    """The analyst, logged in to the console, in ``lang``."""
    from fastapi.testclient import TestClient

    from central.api.app import create_app

    app = create_app(factory, FakeClock(NOW))
    http = TestClient(app, base_url="https://testserver")
    form = http.get("/staff/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None
    http.post(
        "/staff/login",
        data={"csrf": token.group(1), "email": "ana@lister.no", "password": PASSWORD},
    )
    if lang != "nb":  # as the viewer does: the language links at the top of every page
        assert http.get(f"/staff/language?to={lang}&next=/staff/reports").status_code == 200
    return http


def _page(factory: SessionFactory, site: str, lang: str = "nb") -> _Page:
    page = _client(factory, lang).get(f"/staff/reports?from={FIRST}&to={LAST}&site={site}")
    assert page.status_code == 200, page.text
    parser = _Page()
    parser.feed(page.text)
    return parser


def _page_tables(factory: SessionFactory, site: str) -> list[list[list[str]]]:
    return _page(factory, site).tables


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_csv_pdf_and_the_page_export_exactly_the_published_cells(
    reports: Any, tmp_path: Path
) -> None:
    built, factory = reports
    with factory() as session:
        ids = list(session.scalars(select(Person.id)))
        names = list(session.scalars(select(Person.name).where(Person.kind == PersonKind.MEMBER)))
    for site, report in built.items():
        written = csv_export.write(report, tmp_path / site)
        for path, t in zip(written, report.tables, strict=True):
            text = path.read_text(encoding="utf-8-sig")
            assert _rows(text) == t.published(), (site, t.slug)
            assert not any(i in text for i in ids)
        page = _page_tables(factory, site)
        assert len(page) == len(report.tables)
        for shown, t in zip(page, report.tables, strict=True):
            grid = t.published()
            assert [row[1:] for row in shown[1:]] == [row[1:] for row in grid[1:]], (site, t.slug)
        pdf_path = tmp_path / f"{site}.pdf"
        pdf.write(report, pdf_path)
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf_path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert not any(n in text for n in names)
        lines = [line.replace(SUPPRESSED, "<3").split() for line in text.splitlines()]
        checked = 0
        for t in report.tables:
            if t.row_header not in ("Måned", "Uke", "Klokketime"):
                continue  # organisation and site names wrap in the PDF's first column
            for row in t.published()[1:]:
                tokens = " ".join(row).replace(SUPPRESSED, "<3").split()
                # the chart stands to the left of its table: its words may start the line
                assert any(line[-len(tokens) :] == tokens for line in lines), (site, t.slug, row)
                checked += 1
        assert checked > 20


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("lang", ["nn", "en"])
def test_in_nynorsk_and_english_the_same_cells_and_summary_figures_are_published(
    reports: Any, tmp_path: Path, lang: str
) -> None:
    """Translating changes words only: the page and the PDF in nynorsk or English publish the
    cells the bokmål report does, and a summary with the same figures in the viewer's words."""
    built, factory = reports
    word = words.words(lang)
    for site, report in built.items():
        summary = tables.summarise(report, lang)
        assert summary and len(summary) == len(report.summary)
        assert [re.findall(r"\d+", line) for line in summary] == [
            re.findall(r"\d+", line) for line in report.summary
        ]
        assert not set(summary) & set(report.summary), site
        page = _page(factory, site, lang)
        assert page.summary == summary, site
        assert len(page.tables) == len(report.tables)
        for shown, t in zip(page.tables, report.tables, strict=True):
            grid = t.published()
            assert [row[1:] for row in shown[1:]] == [row[1:] for row in grid[1:]], (site, t.slug)
        pdf_path = tmp_path / f"{site}-{lang}.pdf"
        pdf.write(report, pdf_path, lang)
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf_path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        flowing = " ".join(text.split())
        assert all(line in flowing for line in summary), site
        assert not any(line in flowing for line in report.summary), site
        lines = [line.replace(SUPPRESSED, "<3").split() for line in text.splitlines()]
        checked = 0
        for t in report.tables:
            if t.row_header not in ("Måned", "Uke", "Klokketime"):
                continue  # organisation and site names wrap in the PDF's first column
            for row in words.translated(t, lang).published()[1:]:
                named = [word(row[0]) if row[0] == "Sum" else row[0], *row[1:]]
                tokens = " ".join(named).replace(SUPPRESSED, "<3").split()
                assert any(line[-len(tokens) :] == tokens for line in lines), (site, t.slug, row)
                checked += 1
        assert checked > 20
    # the page's PDF download: the same report, in the viewer's language
    http = _client(factory, lang)
    page = http.get(f"/staff/reports?from={FIRST}&to={LAST}&site=narvik").text
    link = re.search(r'href="(/staff/reports/report\.pdf\?[^"]+)"', page)
    assert link is not None
    answer = http.get(link.group(1).replace("&amp;", "&"))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert f"-{lang}.pdf" in answer.headers["content-disposition"]
    (tmp_path / "download.pdf").write_bytes(answer.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "download.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ("Samandrag" if lang == "nn" else "Summary") in text
    flowing = " ".join(text.split())
    assert all(line in flowing for line in tables.summarise(built["narvik"], lang))
    assert not any(line in flowing for line in built["narvik"].summary)
    wrong = http.get("/staff/reports/report.pdf?from=1.9.2026&site=narvik")
    assert wrong.status_code == 400
    assert ("er ikkje ein dato" if lang == "nn" else "is not a date") in wrong.text


# --- the attacker ----------------------------------------------------------------------------

Unknown = tuple[str, str, str]  # report, table, cell


def _equations(
    built: dict[str, tables.Report],
) -> tuple[list[tuple[dict[Unknown, int], int]], dict[Unknown, int], dict[Unknown, int]]:
    """Every linear equation a reader can write from the published figures: sum of unknowns
    (hidden cells, with coefficients) equals a published number; the true values; and the
    least value each hidden figure's mark tells (-1: at least 1, with no upper bound)."""
    reader = _Reader(built)
    return reader.equations(), reader.truth, reader.least


class _Reader:
    def __init__(self, built: dict[str, tables.Report]) -> None:
        self.built = built
        self.truth: dict[Unknown, int] = {}
        self.known: dict[Unknown, int | None] = {}  # None: hidden
        self.least: dict[Unknown, int] = {}
        self.lines: list[list[tuple[Unknown | None, int]]] = []  # each sums to zero
        self._totals()
        self._sites()
        self._margins()

    def cell(self, report: str, slug: str, where: str, count: Count | None) -> Unknown | None:
        if count is None:
            return None
        key = (report, slug, where)
        self.truth[key] = count.value
        self.known[key] = None if hidden(count) else count.value
        # what the mark tells: in a table of people "< 3" is 1 or 2; of sign-ups, desks or
        # visit days "< 3" is at least 1; ":" says nothing of its size, but the attacker is
        # told that a partner of a line (not a sum) counting people is at least 3
        of_people = slug in PEOPLE or (slug, where.split("/")[1]) in PEOPLE_COLUMNS
        at_least_one_each = slug in PER_PERSON or of_people
        if not count.shielded and primary(count):
            self.least[key] = 1 if of_people else -1
        elif at_least_one_each and count.value and not primary(count) and "T" not in where:
            self.least[key] = 3
        else:
            self.least[key] = 0
        return key

    def _totals(self) -> None:
        for name, report in self.built.items():
            for t in report.tables:
                grid = [
                    [self.cell(name, t.slug, f"{r}/{c}", x) for c, x in enumerate(row)]
                    for r, row in enumerate(t.cells)
                ]
                if not t.totals:
                    continue
                rows = [self.cell(name, t.slug, f"{r}/T", x) for r, x in enumerate(t.row_totals())]
                cols = [self.cell(name, t.slug, f"T/{c}", x) for c, x in enumerate(t.col_totals())]
                grand = self.cell(name, t.slug, "T/T", t.grand_total())
                for r, row in enumerate(grid):
                    self.lines.append([(k, 1) for k in row] + [(rows[r], -1)])
                for c in range(len(t.columns)):
                    self.lines.append([(row[c], 1) for row in grid] + [(cols[c], -1)])
                self.lines.append([(k, 1) for k in rows] + [(grand, -1)])

    def _sites(self) -> None:
        """Each site's report against the report of all four."""
        whole = self.built["all"]
        for slug, columns in ADDITIVE.items():
            table = whole.table(slug)
            for r, row in enumerate(table.rows):
                for c, column in enumerate(table.columns):
                    if columns is not None and c not in columns:
                        continue
                    parts: list[tuple[Unknown | None, int]] = [(("all", slug, f"{r}/{c}"), -1)]
                    for s in SITES:
                        own = self.built[s].table(slug)
                        if row in own.rows and column in own.columns:
                            where = f"{own.rows.index(row)}/{own.columns.index(column)}"
                            parts.append(((s, slug, where), 1))
                    self.lines.append(parts)
        for slug in PER_SITE_COLUMNS:
            table = whole.table(slug)
            for c, s in enumerate(SITES):
                own = self.built[s].table(slug)
                for r, row in enumerate(table.rows):
                    if row in own.rows:
                        where = f"{own.rows.index(row)}/0"
                        self.lines.append([(("all", slug, f"{r}/{c}"), 1), ((s, slug, where), -1)])

    def _margins(self) -> None:
        """Tables that share a margin: a month's people are its kinds of organisation and its
        new plus returning; a cluster's sign-ups by kind and by organisation."""
        for name, report in self.built.items():
            people, kinds = report.table("personer-maaned"), report.table("organisasjonstype")
            new = report.table("nye")
            for r, month in enumerate(people.rows):
                margin = (name, "personer-maaned", f"{r}/T" if name == "all" else f"{r}/0")
                if month in kinds.columns:
                    where = f"T/{kinds.columns.index(month)}"
                    self.lines.append([(margin, -1), ((name, "organisasjonstype", where), 1)])
                if month in new.rows:
                    where = f"{new.rows.index(month)}/T"
                    self.lines.append([(margin, -1), ((name, "nye", where), 1)])
            lunch, by_org = report.table("lunsj"), report.table("lunsj-org")
            for r, cluster in enumerate(lunch.rows):
                if cluster in by_org.columns:
                    where = f"T/{by_org.columns.index(cluster)}"
                    self.lines.append(
                        [((name, "lunsj", f"{r}/T"), -1), ((name, "lunsj-org", where), 1)]
                    )

    def equations(self) -> list[tuple[dict[Unknown, int], int]]:
        out = []
        for parts in self.lines:
            present = [(k, a) for k, a in parts if k is not None]
            if any(k not in self.truth for k, _ in present):
                continue
            if sum(self.truth[k] * a for k, a in present) != 0:
                continue  # not an identity in this data: a reader cannot rely on it
            unknowns: dict[Unknown, int] = defaultdict(int)
            constant = 0
            for k, a in present:
                value = self.known[k]
                if value is None:
                    unknowns[k] += a
                else:
                    constant -= a * value
            unknowns = {k: a for k, a in unknowns.items() if a}
            if unknowns:
                out.append((unknowns, constant))
        return out


def _determined(equations: list[tuple[dict[Unknown, int], int]]) -> set[Unknown]:
    """The unknowns that the linear system fixes (Gauss-Jordan with fractions)."""
    rows = [({k: Fraction(a) for k, a in eq.items()}, Fraction(b)) for eq, b in equations]
    pivots: list[tuple[Unknown, dict[Unknown, Fraction], Fraction]] = []
    for coefs, constant in rows:
        for pivot, p_coefs, p_const in pivots:
            if pivot in coefs:
                factor = coefs[pivot]
                for k, a in p_coefs.items():
                    coefs[k] = coefs.get(k, Fraction(0)) - factor * a
                    if coefs[k] == 0:
                        del coefs[k]
                constant -= factor * p_const
        if not coefs:
            continue
        pivot = next(iter(coefs))
        scale = coefs[pivot]
        coefs = {k: a / scale for k, a in coefs.items()}
        constant /= scale
        for i, (other, o_coefs, o_const) in enumerate(pivots):
            if pivot in o_coefs:
                factor = o_coefs[pivot]
                for k, a in coefs.items():
                    o_coefs[k] = o_coefs.get(k, Fraction(0)) - factor * a
                    if o_coefs[k] == 0:
                        del o_coefs[k]
                pivots[i] = (other, o_coefs, o_const - factor * constant)
        pivots.append((pivot, coefs, constant))
    return {pivot for pivot, coefs, _ in pivots if len(coefs) == 1}


def test_an_attacker_works_out_no_hidden_figure(reports: Any) -> None:
    built, _ = reports
    equations, truth, least = _equations(built)
    assert len(equations) > 100, "the published figures give the attacker much to work with"
    determined = _determined(equations)
    # a hidden total may equal a figure published elsewhere (the month's people are also the
    # sum of its kinds): it holds nothing secret. No cell may follow, and no small total.
    assert not [k for k in determined if "T" not in k[2] or least[k] in (1, -1)], determined
    # with the bounds of the marks ("< 3" is 1 or 2; ":" of people at least 3, else at least
    # 0): narrow every hidden figure's range through every equation until nothing changes; no
    # small figure may end with one possible value
    ranges = _narrowed(equations, least)
    pinned = [k for k, (lo, hi) in ranges.items() if least[k] in (1, -1) and lo == hi]
    assert not pinned, pinned
    assert all(lo <= truth[k] <= hi for k, (lo, hi) in ranges.items())
    assert len([k for k in ranges if least[k] in (1, -1)]) > 50, "many small figures to attack"


INF = float("inf")


def _narrowed(
    equations: list[tuple[dict[Unknown, int], int]], least: dict[Unknown, int]
) -> dict[Unknown, tuple[float, float]]:
    """Interval propagation over the equations (the integer bounds rounded inwards)."""
    ranges: dict[Unknown, tuple[float, float]] = {}
    for unknowns, _ in equations:
        for k in unknowns:
            ranges[k] = {1: (1, 2), -1: (1, INF)}.get(least[k], (least[k], INF))
    changed = True
    while changed:
        changed = False
        for unknowns, constant in equations:
            for k, a in unknowns.items():
                lo = hi = float(constant)
                for other, b in unknowns.items():
                    if other == k:
                        continue
                    o_lo, o_hi = ranges[other]
                    low, high = (
                        sorted((b * o_lo, b * o_hi))
                        if INF not in (o_lo, o_hi)
                        else ((b * o_lo, INF) if b > 0 else (-INF, b * o_lo))
                    )
                    lo, hi = lo - high, hi - low
                new_lo, new_hi = sorted((lo / a, hi / a))
                old_lo, old_hi = ranges[k]
                new_lo = max(old_lo, new_lo if new_lo == -INF else math.ceil(new_lo - 1e-9))
                new_hi = min(old_hi, new_hi if new_hi == INF else math.floor(new_hi + 1e-9))
                if (new_lo, new_hi) != (old_lo, old_hi):
                    ranges[k] = (new_lo, new_hi)
                    changed = True
    return ranges


def test_the_attacker_would_find_a_lone_hidden_cell() -> None:
    """The attacker is not blind: one hidden cell in a line with a published total is found."""
    a, b = ("r", "t", "a"), ("r", "t", "b")
    assert _determined([({a: 1}, 4)]) == {a}
    assert _determined([({a: 1, b: 1}, 4), ({a: 1, b: -1}, 2)]) == {a, b}
    assert _determined([({a: 1, b: 1}, 4)]) == set()
    # two "< 3" adding up to 4 are both 2; a "< 3" and a ":" of people adding up to 4: 1 and 3
    assert _narrowed([({a: 1, b: 1}, 4)], {a: 1, b: 1}) == {a: (2, 2), b: (2, 2)}
    assert _narrowed([({a: 1, b: 1}, 4)], {a: 1, b: 3}) == {a: (1, 1), b: (3, 3)}
    assert _narrowed([({a: 1, b: 1}, 5)], {a: 1, b: 3})[a] == (1, 2)


def test_the_pages_words_keep_step_with_the_reports_bokmal(reports: Any) -> None:
    """The Reports page says each table's title and description in three languages; its
    bokmål is the report's own (the pairs' count filled in)."""
    from central.web.i18n import CATALOGUE

    built, _ = reports
    for t in built["all"].tables:
        assert CATALOGUE[f"rt_{t.slug}"][0] == t.title
        described = CATALOGUE[f"rd_{t.slug}"][0].replace("{n}", str(len(t.rows)))
        assert described == t.description, t.slug


def test_totals_are_hidden_only_where_a_figure_could_be_worked_out(reports: Any) -> None:
    """A month's new and returning add up to its people, published on their own: their
    total is shown whenever the month's people are; the sum over the period's months of new
    users ("Nye brukere") is a protected line, not hidden because one month is."""
    built, _ = reports
    for report in built.values():
        people, new = report.table("personer-maaned"), report.table("nye")
        for r in range(len(new.rows)):
            shown = [not h for h in people.hidden[r]]
            if all(shown):
                assert not new.row_totals_hidden[r], new.rows[r]
        if not any(new.row_totals_hidden):
            assert not hidden(new.grand_total())
    assert any(
        not hidden(over) and any(any(row) for row in b.table("nye").hidden)
        for b in built.values()
        for over in [b.table("nye").col_totals()[0]]
    ), "a total over months with a hidden month is published somewhere"


def test_the_suppressions_own_audit_finds_what_a_line_alone_misses() -> None:
    from central.domain.reports.suppression import INF, exposed

    a, b, c, d = "a", "b", "c", "d"
    # two lines, each with two hidden parts: alone neither fixes a part; together they do
    assert exposed([({a: 1, b: 1}, 5)], {a: (0, INF), b: (0, INF)}) == set()
    assert exposed([({a: 1, b: 1}, 5), ({a: 1, b: -1}, 1)], {a: (0, INF), b: (0, INF)}) == {a, b}
    # "< 3" cells at their most: four of them and sum 8 are all 2
    bounds = {k: (1, 2) for k in (a, b, c, d)}
    assert exposed([({a: 1, b: 1, c: 1, d: 1}, 8)], bounds) == {a, b, c, d}
    assert exposed([({a: 1, b: 1, c: 1, d: 1}, 7)], bounds) == set()
