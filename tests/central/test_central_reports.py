"""The pilot's reports (issue 12): aggregates that match the raw visits, survive retention,
suppress every cell of fewer than 3 people with complementary suppression, and a CLI that
writes CSV and a PDF that reads back."""

from __future__ import annotations

import csv
import re
import shutil
import string
import subprocess
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from central.cli import main
from central.db.engine import SessionFactory
from central.db.models import Organisation, Person, PersonKind, ReportCell, Visit
from central.demo import history
from central.domain.reports import aggregates, csv_export, suppression, tables, words
from central.domain.reports.suppression import MIN_PEOPLE, SUPPRESSED, Count, suppress
from central.jobs import retention
from kiosk.desk_rules import local_day

# Each test builds a history of visits (~0.6-3 s): the full suite runs them, test-fast does not.
pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 30, 5, 0, tzinfo=UTC)
OSLO = ZoneInfo("Europe/Oslo")
SITES = ["lyngdal", "narvik", "orkland", "stadt"]


# --- suppression ------------------------------------------------------------------------------

counts = st.one_of(
    st.none(),
    st.integers(0, 12).map(lambda n: Count(n, n)),
    st.tuples(st.integers(1, 60), st.integers(1, 8)).map(lambda t: Count(t[0], min(t))),
)


@st.composite
def matrices(draw: st.DrawFn) -> list[list[Count | None]]:
    rows, cols = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    return [[draw(counts) for _ in range(cols)] for _ in range(rows)]


def _total(line: list[Count | None]) -> Count | None:
    return suppression.total(line)


@settings(max_examples=400, deadline=None)
@given(matrices())
def test_no_suppressed_value_is_recoverable_from_its_row_or_column_total(
    cells: list[list[Count | None]],
) -> None:
    row_totals = [_total(row) for row in cells]
    col_totals = [_total([row[c] for row in cells]) for c in range(len(cells[0]))]
    hidden, rows_hidden, cols_hidden = suppress(cells, row_totals, col_totals)
    lines = [
        (list(enumerate(row)), row_totals[r], rows_hidden[r], [(r, c) for c in range(len(row))])
        for r, row in enumerate(cells)
    ]
    lines += [
        (
            list(enumerate([row[c] for row in cells])),
            col_totals[c],
            cols_hidden[c],
            [(r, c) for r in range(len(cells))],
        )
        for c in range(len(cells[0]))
    ]
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            if cell is not None and cell.value > 0 and (cell.people or 0) < MIN_PEOPLE:
                assert hidden[r][c], "every small count is suppressed"
    for _, total, total_hidden, where in lines:
        if total is None or total_hidden:
            continue
        down = [(r, c) for r, c in where if hidden[r][c]]
        for r, c in down:
            # subtracting the published cells from the total leaves the sum of every
            # suppressed cell of the line: it gives this one only if it is alone
            others = [(i, j) for i, j in down if (i, j) != (r, c)]
            assert others, "a lone suppressed cell in a line with a published total"


def test_a_small_cell_hides_the_totals_of_its_row_and_column() -> None:
    cells: list[list[Count | None]] = [
        [Count(2, 2), Count(10, 10), Count(7, 7)],
        [Count(9, 9), Count(12, 12), Count(8, 8)],
    ]
    hidden, rows_hidden, cols_hidden = suppress(
        cells, [_total(r) for r in cells], [_total([r[c] for r in cells]) for c in range(3)]
    )
    assert hidden == [[True, False, False], [False, False, False]]
    assert rows_hidden == [True, False] and cols_hidden == [True, False, False]


# --- aggregates from the demo history ---------------------------------------------------------


@pytest.fixture
def with_history(factory: SessionFactory) -> SessionFactory:
    with factory.begin() as session:
        history.generate(session, now=NOW, days=75, extra_members=25)
    return factory


def _raw_people_per_day(factory: SessionFactory, site: str) -> dict[date, int]:
    with factory() as session:
        rows = session.execute(
            select(Visit.person_id, Visit.checked_in_at).where(Visit.site == site)
        ).all()
    people: dict[date, set[str]] = defaultdict(set)
    for person, at in rows:
        people[local_day(OSLO, at)].add(person)
    return {d: len(p) for d, p in people.items()}


def test_daily_cells_count_the_distinct_people_of_the_raw_visits(
    with_history: SessionFactory,
) -> None:
    raw = _raw_people_per_day(with_history, "lyngdal")
    with with_history() as session:
        kept = dict(
            session.execute(
                select(ReportCell.start, ReportCell.people).where(
                    ReportCell.site == "lyngdal",
                    ReportCell.period == "day",
                    ReportCell.measure == "people",
                )
            ).all()
        )
    assert len(raw) > 40
    assert kept == raw


def test_no_exported_cell_counts_fewer_than_three_people(
    with_history: SessionFactory, tmp_path: Path
) -> None:
    with with_history() as session:
        report = tables.build(session, SITES, date(2026, 9, 16), date(2026, 11, 29))
    suppressed = 0
    for table in report.tables:
        for r in range(len(table.rows)):
            for c in range(len(table.columns)):
                cell = table.cells[r][c]
                if cell is None:
                    continue
                if table.hidden[r][c]:
                    suppressed += 1
                    continue
                assert cell.value == 0 or cell.people is None or cell.people >= MIN_PEOPLE, (
                    table.slug,
                    table.rows[r],
                    table.columns[c],
                )
    assert suppressed > 0, "the small sites' organisations give cells below three"
    # and against the raw data: every published count of distinct people by kind of
    # organisation and month counts at least three real people
    with with_history() as session:
        kinds = dict(session.execute(select(Organisation.id, Organisation.kind)).all())
        rows = session.execute(
            select(Visit.person_id, Visit.checked_in_at, Person.organisation_id)
            .join(Person, Person.id == Visit.person_id)
            .where(Person.kind == PersonKind.MEMBER)
        ).all()
    raw: dict[tuple[str, date], set[str]] = defaultdict(set)
    for person, at, org in rows:
        raw[(kinds.get(org, "other"), aggregates.month_of(local_day(OSLO, at)))].add(person)
    by_kind = report.table("organisasjonstype")
    months = sorted({m for _, m in raw})
    for r, kind in enumerate(tables.KIND_LABELS):
        for c, month in enumerate(months):
            shown = by_kind.value(r, c)
            if shown is not None and shown > 0:
                assert shown == len(raw[(kind, month)]) >= MIN_PEOPLE
    # the CSV files say the same: "< 3" where suppressed, never a person id
    written = csv_export.write(report, tmp_path / "csv")
    assert len(written) == len(report.tables)
    text = "".join(p.read_text(encoding="utf-8-sig") for p in written)
    assert SUPPRESSED in text
    with with_history() as session:
        ids = list(session.scalars(select(Person.id)))
        names = list(session.scalars(select(Person.name).where(Person.kind == PersonKind.MEMBER)))
    assert not any(i in text for i in ids)
    assert not any(n in text for n in names)
    for path in written:
        with path.open(encoding="utf-8-sig") as handle:
            rows_read = list(csv.reader(handle, delimiter=";"))
        assert rows_read[0][0] and len(rows_read) >= 2


def test_no_suppressed_cell_of_the_real_tables_stands_alone_beside_a_total(
    with_history: SessionFactory,
) -> None:
    with with_history() as session:
        report = tables.build(session, ["narvik"], date(2026, 9, 16), date(2026, 11, 29))
    assert any(any(any(row) for row in t.hidden) for t in report.tables if t.totals)
    # complementary suppression in the real tables: no line with a published total has
    # exactly one suppressed cell
    for table in (t for t in report.tables if t.totals):
        for r in range(len(table.rows)):
            if not table.row_totals_hidden[r]:
                assert sum(table.hidden[r]) != 1, (table.slug, table.rows[r])
        for c in range(len(table.columns)):
            if not table.col_totals_hidden[c]:
                assert sum(row[c] for row in table.hidden) != 1, (table.slug, table.columns[c])


def test_the_knowledge_outlives_the_visits_retention_deletes(
    with_history: SessionFactory,
) -> None:
    with with_history() as session:
        before = tables.build(session, SITES, date(2026, 9, 16), date(2026, 10, 31))
    later = NOW + timedelta(days=120)
    retention.run_due(with_history, later)
    with with_history() as session:
        assert (
            session.scalar(select(func.count()).select_from(Visit).where(Visit.checked_in_at < NOW))
            == 0
        )
        after = tables.build(session, SITES, date(2026, 9, 16), date(2026, 10, 31))
    for slug in ("personer-maaned", "organisasjonstype", "tid-paa-dagen", "par", "nye"):
        assert after.table(slug).published() == before.table(slug).published(), slug


# --- the command ------------------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_report_command_writes_csv_and_a_pdf_that_reads_back(
    with_history: SessionFactory, engine: Engine, tmp_path: Path
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    pdf = tmp_path / "rapport.pdf"
    code = main(
        [
            "report",
            "--site",
            "all",
            "--from",
            "2026-09-16",
            "--to",
            "2026-11-29",
            "--pdf",
            str(pdf),
            "--csv",
            str(tmp_path / "csv"),
            "--database-url",
            url,
        ]
    )
    assert code == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "Bruk og samarbeid i Statens hus-piloten",
        "Sammendrag",
        "Tid på dagen",
        "Par av organisasjoner til stede samme dag",
        "Metode og personvern",
        "Påmeldinger til lunsjprat",
        "Statens hus Narvik",
        "< 3",
    ):
        assert expected in text
    assert len(list((tmp_path / "csv").glob("*.csv"))) == 16


# bokmål's own words that nynorsk and English do not share (the demo's names have none)
BOKMAL = re.compile(
    r"\b(ikke|personer|hvor|hvordan|hvilke|måned|brukere|tall|tallene|samletall|Sammendrag|"
    r"Begreper|uke|dager|kommer|fra|også|inneholder|Lokasjoner|Annet)\b"
)
TRANSLATED = {
    "nn": (
        "Samandrag",
        "Kva rapporten viser",
        "Slik er tala laga",
        "Omgrep",
        "Ulike personar per månad",
        "Tid på dagen",
        "veke 4",
        "Side 3",
        "berre samletal",
        "kvar lokasjon",
        "Lokasjonar: RegionLab Lister",
    ),
    "en": (
        "Summary",
        "What the report shows",
        "How the figures are made",
        "Method and privacy",
        "Distinct people per month",
        "Time of day",
        "week 4",
        "Page 3",
        "Total",
        "aggregates only",
        "Sites: RegionLab Lister",
    ),
}


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("lang", ["nn", "en"])
def test_report_command_writes_the_summary_and_pdf_in_nynorsk_or_english(
    with_history: SessionFactory,
    engine: Engine,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    pdf = tmp_path / f"rapport-{lang}.pdf"
    period = ["--from", "2026-09-16", "--to", "2026-11-29"]
    base = ["report", "--site", "all", *period, "--database-url", url]
    assert main([*base, "--lang", lang, "--pdf", str(pdf)]) == 0
    printed = capsys.readouterr().out
    with with_history() as session:
        report = tables.build(session, SITES, date(2026, 9, 16), date(2026, 11, 29))
    summary = tables.summarise(report, lang)
    assert summary and all(line in printed for line in summary)
    assert not any(line in printed for line in report.summary)  # the bokmål ones
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in TRANSLATED[lang]:
        assert expected in text, expected
    flowing = " ".join(text.split())
    for line in summary:
        assert line in flowing, line
    leftover = [line for line in text.splitlines() if BOKMAL.search(line)]
    assert leftover == []
    # the default is bokmål, as it was
    assert main([*base, "--pdf", str(tmp_path / "nb.pdf")]) == 0
    printed = capsys.readouterr().out
    assert all(line in printed for line in report.summary)
    nb = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "nb.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Sammendrag" in nb and BOKMAL.search(nb)  # the words above are bokmål's indeed


def _figures(lines: list[str]) -> list[list[str]]:
    return [re.findall(r"\d+", line) for line in lines]


def test_the_summary_says_the_same_figures_in_every_language(
    with_history: SessionFactory,
) -> None:
    with with_history() as session:
        reports = [tables.build(session, SITES, date(2026, 9, 16), date(2026, 11, 29))]
        reports += [tables.build(session, [s], date(2026, 9, 1), date(2026, 9, 30)) for s in SITES]
    for report in reports:
        nb = tables.summarise(report, "nb")
        assert nb == report.summary
        for lang in ("nn", "en"):
            other = tables.summarise(report, lang)
            assert len(other) == len(nb)
            assert _figures(other) == _figures(nb), lang
            assert not set(other) & set(nb), lang
            assert not any(BOKMAL.search(line) for line in other), other


def _summed(kinds: list[int], people: list[int]) -> tables.Report:
    """A report of the tables the summary reads, with these kinds' and months' people."""

    def n(value: int) -> suppression.Count:
        return Count(value, value)

    def table(
        slug: str, columns: list[str], rows: list[str], cells: list[list[int]], totals: bool = False
    ) -> Any:
        return tables.Table(
            slug, slug, "", "", columns, rows, [[n(v) for v in row] for row in cells], totals
        )

    sites = ["Statens hus Narvik", "Statens hus Stadt"]
    months = ["sep 2026", "okt 2026", "nov 2026"]
    return tables.Report(
        ["narvik", "stadt"],
        sites,
        date(2026, 9, 1),
        date(2026, 11, 30),
        [
            # Stadt's average counts one person: hidden, the summary says too few
            table("bruk", ["Snitt per dag", "Flest samtidig"], sites, [[12, 20], [1, 1]]),
            table(
                "organisasjonstype",
                ["sep 2026"],
                ["Stat", "Fylke", "Kommune", "Annet"],
                [[k] for k in kinds],
                totals=True,
            ),
            table("org-samme-dag", sites, months[:2], [[7, 4], [9, 4]]),
            table("trend", ["Ulike personer"], months, [[p] for p in people]),
            table("kryss", ["Egen klynge", "Andre klynger"], ["A", "B"], [[10, 5], [6, 9]], True),
        ],
        [],
    )


@pytest.mark.parametrize(
    ("kinds", "people", "said"),
    [
        (
            [40, 9, 12, 5],
            [30, 28, 41],
            {
                "nb": [
                    "Flest brukere kommer fra statlig sektor.",
                    "Antall ulike brukere per måned økte fra 30 i september 2026 til 41 i "
                    "november 2026.",
                ],
                "nn": [
                    "Flest brukarar kjem frå statleg sektor.",
                    "Talet på ulike brukarar per månad auka frå 30 i september 2026 til 41 i "
                    "november 2026.",
                ],
                "en": [
                    "Most users come from the state sector.",
                    "The number of distinct users per month rose from 30 in September 2026 to "
                    "41 in November 2026.",
                ],
            },
        ),
        (
            [10, 9, 42, 5],
            [41, 28, 30],
            {
                "nb": [
                    "Største gruppe brukere etter type arbeidsgiver: kommune.",
                    "Antall ulike brukere per måned sank fra 41 i september 2026 til 30 i "
                    "november 2026.",
                ],
                "nn": [
                    "Største gruppe brukarar etter type arbeidsgivar: kommune.",
                    "Talet på ulike brukarar per månad minka frå 41 i september 2026 til 30 i "
                    "november 2026.",
                ],
                "en": [
                    "The largest group of users by kind of employer: municipality.",
                    "The number of distinct users per month fell from 41 in September 2026 to "
                    "30 in November 2026.",
                ],
            },
        ),
        (
            [10, 9, 5, 42],
            [30, 28, 30],
            {
                "nb": [
                    "Største gruppe brukere etter type arbeidsgiver: annet.",
                    "Antall ulike brukere per måned holdt seg på 30 fra september 2026 til "
                    "november 2026.",
                ],
                "nn": [
                    "Største gruppe brukarar etter type arbeidsgivar: anna.",
                    "Talet på ulike brukarar per månad heldt seg på 30 frå september 2026 til "
                    "november 2026.",
                ],
                "en": [
                    "The largest group of users by kind of employer: other.",
                    "The number of distinct users per month stayed at 30 from September 2026 "
                    "to November 2026.",
                ],
            },
        ),
    ],
)
def test_each_of_the_summarys_sentences_in_three_languages(
    kinds: list[int], people: list[int], said: dict[str, list[str]]
) -> None:
    report = _summed(kinds, people)
    common = {
        "nb": [
            "Statens hus Narvik: i snitt 12 personer per dag med besøk, og høyst 20 i bygget "
            "samtidig.",
            "Statens hus Stadt: for få besøk i perioden til å vise tall.",
            "Statens hus Narvik: på en vanlig dag er folk fra 8 ulike organisasjoner i bygget.",
            "Statens hus Stadt: på en vanlig dag er folk fra 4 ulike organisasjoner i bygget.",
            "47 % av påmeldingene til lunsjprat kom fra andre klynger enn foredragets.",
        ],
        "nn": [
            "Statens hus Narvik: i snitt 12 personar per dag med besøk, og høgst 20 i bygget "
            "samstundes.",
            "Statens hus Stadt: for få besøk i perioden til å vise tal.",
            "Statens hus Narvik: på ein vanleg dag er folk frå 8 ulike organisasjonar i bygget.",
            "Statens hus Stadt: på ein vanleg dag er folk frå 4 ulike organisasjonar i bygget.",
            "47 % av påmeldingane til lunsjprat kom frå andre klynger enn føredraget sitt.",
        ],
        "en": [
            "Statens hus Narvik: on average 12 people a day on days with visits, and at most 20 "
            "in the building at once.",
            "Statens hus Stadt: too few visits in the period to show figures.",
            "Statens hus Narvik: on a typical day, people from 8 different organisations are in "
            "the building.",
            "Statens hus Stadt: on a typical day, people from 4 different organisations are in "
            "the building.",
            "47% of the sign-ups for lunch talks came from clusters other than the talk's own.",
        ],
    }
    for lang in ("nb", "nn", "en"):
        first, second = said[lang]
        expected = [*common[lang][:2], first, *common[lang][2:4], second, common[lang][4]]
        assert tables.summarise(report, lang) == expected


def test_every_sentence_has_the_same_blanks_in_every_language() -> None:
    """A translation fills in the same figures as the bokmål: no more, no fewer."""
    for key, texts in words.TEXTS.items():
        blanks = [sorted(f for _, f, _, _ in string.Formatter().parse(text) if f) for text in texts]
        assert blanks[0] == blanks[1] == blanks[2], key
        assert all(text.strip() for text in texts), key


def test_report_command_explains_bad_input(
    factory: SessionFactory, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    base = ["report", "--database-url", url]
    assert main([*base, "--site", "lyngdal", "--from", "2026-11-01", "--to", "2026-10-01"]) == 2
    assert "--to is before --from" in capsys.readouterr().err
    assert main([*base, "--site", "atlantis", "--from", "2026-10-01", "--to", "2026-11-01"]) == 2
    assert "atlantis" in capsys.readouterr().err
    assert main([*base, "--site", "lyngdal", "--from", "1.10.2026", "--to", "2026-11-01"]) == 2
    assert "not a date" in capsys.readouterr().err
    dates = ["--from", "2026-10-01", "--to", "2026-11-01"]
    assert main([*base, "--site", "lyngdal", *dates, "--lang", "de"]) == 2
    assert "--lang: invalid choice: 'de'" in capsys.readouterr().err


def test_peaks_and_no_shows_match_the_raw_rows(with_history: SessionFactory) -> None:
    from central.db.models import Booking, BookingStatus

    with with_history() as session:
        visits = session.execute(
            select(Visit.checked_in_at, Visit.checked_out_at).where(Visit.site == "narvik")
        ).all()
        released = session.scalars(
            select(Booking.start_at).where(
                Booking.site == "narvik", Booking.status == BookingStatus.RELEASED
            )
        ).all()
        cells = {
            (c.period, c.start, c.measure, c.key): c.value
            for c in session.scalars(select(ReportCell).where(ReportCell.site == "narvik"))
        }
    spans: dict[date, list[tuple[datetime, int]]] = defaultdict(list)
    for start, end in visits:
        spans[local_day(OSLO, start)] += [(start, 1), (end, -1)]
    for day, moments in spans.items():
        here = peak = 0
        for _, step in sorted(moments):
            here += step
            peak = max(peak, here)
        assert cells[("day", day, "peak", "")] == peak
    per_month: dict[date, int] = defaultdict(int)
    for start in released:
        per_month[aggregates.month_of(local_day(OSLO, start))] += 1
    assert per_month
    for month, count in per_month.items():
        assert cells[("month", month, "booking", "no_show")] == count


def test_an_operator_sets_an_organisations_kind(
    factory: SessionFactory, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ["--database-url", engine.url.render_as_string(hide_password=False)]
    assert main(["organisation-kind", "NAV", "county", *url]) == 0
    with factory() as session:
        nav = session.get(Organisation, "nav")
        assert nav is not None and nav.kind == "county"
    assert main(["organisation-kind", *url]) == 0
    assert "county        nav" in capsys.readouterr().out
    assert main(["organisation-kind", "atlantis", "state", *url]) == 2
    assert "no organisation 'atlantis'" in capsys.readouterr().err
    assert main(["organisation-kind", "nav", "kingdom", *url]) == 2
