"""The report's tables, built from the kept cells (``report_cells``) of one or more sites over a
range of days, with small counts suppressed. Monthly figures are for whole calendar months."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Organisation, ReportCell, Site
from central.domain.reports.aggregates import HOURS, month_of
from central.domain.reports.suppression import SUPPRESSED, Count, suppress

KIND_LABELS = {"state": "Stat", "county": "Fylke", "municipality": "Kommune", "other": "Annet"}
MONTHS = ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"]
MONTH_NAMES = dict(
    zip(
        MONTHS,
        [
            "januar",
            "februar",
            "mars",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "desember",
        ],
        strict=True,
    )
)
PAIR_ORGS = 10
KINDS = list(KIND_LABELS)


def month_label(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


@dataclass
class Table:
    slug: str
    title: str
    description: str
    row_header: str
    columns: list[str]
    rows: list[str]
    cells: list[list[Count | None]]
    totals: bool = False  # additive: a total row and column are published
    chart: str = "bars"  # bars | heatmap | none
    chart_columns: list[int] | None = None  # the columns the chart shows (None: all)
    hidden: list[list[bool]] = field(default_factory=list)
    row_totals_hidden: list[bool] = field(default_factory=list)
    col_totals_hidden: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        row_totals = col_totals = None
        if self.totals:
            row_totals = [_sum(row) for row in self.cells]
            col_totals = [_sum([row[c] for row in self.cells]) for c in range(len(self.columns))]
        self.hidden, self.row_totals_hidden, self.col_totals_hidden = suppress(
            self.cells, row_totals, col_totals
        )

    def row_totals(self) -> list[Count | None]:
        return [_sum(row) for row in self.cells]

    def col_totals(self) -> list[Count | None]:
        return [_sum([row[c] for row in self.cells]) for c in range(len(self.columns))]

    def grand_total(self) -> Count | None:
        return _sum(self.row_totals())

    def value(self, r: int, c: int) -> int | None:
        """The published number, or None if suppressed or empty."""
        cell = self.cells[r][c]
        return None if cell is None or self.hidden[r][c] else cell.value

    def published(self) -> list[list[str]]:
        """Header row and body as text, as exported (totals included, "< 3" for suppressed)."""
        header = [self.row_header, *self.columns] + (["Sum"] if self.totals else [])
        body = []
        row_totals = self.row_totals()
        for r, label in enumerate(self.rows):
            line = [label] + [
                _text(self.cells[r][c], self.hidden[r][c]) for c in range(len(self.columns))
            ]
            if self.totals:
                line.append(_text(row_totals[r], self.row_totals_hidden[r]))
            body.append(line)
        if self.totals:
            col_totals = self.col_totals()
            grand = self.grand_total()
            body.append(
                ["Sum"]
                + [
                    _text(col_totals[c], self.col_totals_hidden[c])
                    for c in range(len(self.columns))
                ]
                + [_text(grand, grand is not None and 0 < (grand.people or 0) < 3)]
            )
        return [header, *body]


def _sum(counts: Sequence[Count | None]) -> Count | None:
    present = [c for c in counts if c is not None]
    if not present:
        return None
    people = [c.people for c in present if c.people is not None]
    return Count(sum(c.value for c in present), sum(people) if people else None)


def _text(count: Count | None, hidden: bool) -> str:
    if count is None:
        return ""
    return SUPPRESSED if hidden else str(count.value)


@dataclass
class Report:
    sites: list[str]
    site_names: list[str]
    first: date
    last: date
    tables: list[Table]
    summary: list[str]

    def table(self, slug: str) -> Table:
        return next(t for t in self.tables if t.slug == slug)


def _max(counts: list[Count]) -> Count | None:
    """A sum of values, with the most distinct people of any part as its people: a lower bound
    of the distinct people behind the sum."""
    if not counts:
        return None
    people = [c.people for c in counts if c.people is not None]
    return Count(sum(c.value for c in counts), max(people) if people else None)


def build(session: Session, sites: list[str], first: date, last: date) -> Report:
    """Every table of the report for ``sites`` over ``first``..``last``, suppressed."""
    cells = _Cells(session, sites, first, last)
    tables = [make(cells) for make in _TABLES]
    report = Report(sites, [cells.names.get(s, s) for s in sites], first, last, tables, [])
    report.summary = summarise(report)
    return report


class _Cells:
    """The kept cells of some sites over a range of days, by measure and key."""

    def __init__(self, session: Session, sites: list[str], first: date, last: date) -> None:
        self.sites = sites
        self.names: dict[str, str] = dict(session.execute(select(Site.code, Site.name)).all())
        self.orgs: dict[str, Organisation] = {
            o.id: o for o in session.scalars(select(Organisation))
        }
        rows = session.execute(
            select(
                ReportCell.site,
                ReportCell.period,
                ReportCell.start,
                ReportCell.measure,
                ReportCell.key,
                ReportCell.value,
                ReportCell.people,
            ).where(
                ReportCell.site.in_(sites),
                (
                    (ReportCell.period == "day")
                    & (ReportCell.start >= first)
                    & (ReportCell.start <= last)
                )
                | (
                    (ReportCell.period == "month")
                    & (ReportCell.start >= month_of(first))
                    & (ReportCell.start <= last)
                ),
            )
        ).all()
        self.day: dict[tuple[str, str], dict[str, list[tuple[date, Count]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.month: dict[tuple[str, str], dict[str, dict[date, Count]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        for site, period, start, measure, key, value, people in rows:
            if period == "day":
                self.day[(measure, key)][site].append((start, Count(value, people)))
            else:
                self.month[(measure, key)][site][start] = Count(value, people)
        months = {m for per_site in self.month.values() for s in per_site.values() for m in s}
        self.months = sorted(m for m in months if m <= last)  # months with days in the range
        self.open_days = {
            s: {d for d, _ in self.day.get(("people", ""), {}).get(s, [])} for s in sites
        }
        self.org_days = {key[1]: self.days("org", key[1]) for key in self.day if key[0] == "org"}
        self.ranked = sorted(self.org_days, key=lambda o: -sum(c.value for c in self.org_days[o]))

    def days(self, measure: str, key: str, site: str | None = None) -> list[Count]:
        per_site = self.day.get((measure, key), {})
        return [c for s, items in per_site.items() if site in (None, s) for _, c in items]

    def monthly(self, measure: str, key: str, m: date, site: str | None = None) -> Count | None:
        per_site = self.month.get((measure, key), {})
        counts = [items[m] for s, items in per_site.items() if site in (None, s) and m in items]
        return _sum(counts) if counts else None

    def in_month(self, measure: str, key: str, m: date) -> list[Count]:
        per_site = self.day.get((measure, key), {})
        return [c for items in per_site.values() for d, c in items if month_of(d) == m]

    def orgs_in_month(self, site: str, m: date) -> list[Count]:
        return [c for d, c in self.day.get(("orgs", ""), {}).get(site, []) if month_of(d) == m]


def _table_1(d: _Cells) -> Table:
    """1. use per site."""
    sites = d.sites
    months = d.months
    names = d.names
    days = d.days
    monthly = d.monthly
    open_days = d.open_days
    cells = []
    for s in sites:
        n = len(open_days[s]) or 1
        people_days = days("people", "", s)
        peak = max(days("peak", "", s), key=lambda c: c.value, default=None)
        guests = days("guests", "", s)
        monthly_people = [monthly("people", "", m, s) for m in months]
        new = [c for c in (monthly("new", "", m, s) for m in months) if c is not None]
        cells.append(
            [
                _avg(people_days, n),
                peak,
                Count(max(c.value for c in known), max(c.people or 0 for c in known))
                if (known := [c for c in monthly_people if c is not None])
                else None,
                _avg(guests, n),
                _sum(new),
                Count(len(open_days[s]), None),
            ]
        )
    return Table(
        "bruk",
        "Bruk per lokasjon",
        "Snitt personer per dag med besøk, flest i bygget samtidig, flest ulike personer i én "
        "måned, snitt gjester per dag, nye brukere i perioden og antall dager med besøk.",
        "Lokasjon",
        [
            "Snitt per dag",
            "Flest samtidig",
            "Ulike personer (største måned)",
            "Gjester per dag",
            "Nye brukere",
            "Dager med besøk",
        ],
        [names.get(s, s) for s in sites],
        cells,
        chart="none",
    )


def _table_2(d: _Cells) -> Table:
    """2. people per month per site."""
    sites = d.sites
    months = d.months
    names = d.names
    monthly = d.monthly
    return Table(
        "personer-maaned",
        "Ulike personer per måned",
        "Hvor mange ulike medlemmer som kom innom hver lokasjon, per måned.",
        "Måned",
        [names.get(s, s) for s in sites],
        [month_label(m) for m in months],
        [[monthly("people", "", m, s) for s in sites] for m in months],
        totals=True,
    )


def _table_3(d: _Cells) -> Table:
    """3. time of day: the hours anyone was in."""
    sites = d.sites
    names = d.names
    days = d.days
    open_days = d.open_days
    hours = [h for h in HOURS if any(c.value for c in days("hour", f"{h:02d}"))] or list(HOURS)
    return Table(
        "tid-paa-dagen",
        "Tid på dagen",
        "Snitt antall personer i bygget i hver klokketime, på dager med besøk.",
        "Klokketime",
        [names.get(s, s) for s in sites],
        [f"{h:02d}–{h + 1:02d}" for h in hours],
        [[_avg(days("hour", f"{h:02d}", s), len(open_days[s]) or 1) for s in sites] for h in hours],
    )


def _table_4(d: _Cells) -> Table:
    """4. desks per month."""
    months = d.months
    monthly = d.monthly
    desk_rows = []
    for m in months:
        booked, no_show = monthly("booking", "booked", m), monthly("booking", "no_show", m)
        share = None
        if booked and booked.value:
            shown = no_show.value if no_show else 0
            share = Count(round(100 * shown / booked.value), no_show.people if no_show else None)
        desk_rows.append(
            [
                monthly("desk", "fixed", m),
                monthly("desk", "booked", m),
                monthly("desk", "drop_in", m),
                booked,
                no_show or Count(0, 0),
                share,
            ]
        )
    return Table(
        "pulter",
        "Pultbruk etter type",
        "Pulter tatt i bruk per måned: faste, booket og drop-in; bookinger, hvor mange som ikke "
        "møtte (bookingen ble frigitt), og andelen i prosent.",
        "Måned",
        ["Fast", "Booket", "Drop-in", "Bookinger", "Ikke møtt", "Ikke møtt %"],
        [month_label(m) for m in months],
        desk_rows,
        chart_columns=[0, 1, 2, 4],
    )


def _table_5(d: _Cells) -> Table:
    """5. kind of organisation per month."""
    months = d.months
    monthly = d.monthly
    return Table(
        "organisasjonstype",
        "Ulike personer etter type organisasjon",
        "Ulike medlemmer per måned etter om arbeidsgiveren er statlig, fylkeskommunal, "
        "kommunal eller annet.",
        "Type",
        [month_label(m) for m in months],
        [KIND_LABELS[k] for k in KINDS],
        [[monthly("orgkind", k, m) for m in months] for k in KINDS],
        totals=True,
    )


def _table_6(d: _Cells) -> Table:
    """6. organisations."""
    months = d.months
    orgs = d.orgs
    day = d.day
    monthly = d.monthly
    org_days, ranked = d.org_days, d.ranked
    org_cells: list[list[Count | None]] = []
    for o in ranked:
        per_month = [c for c in (monthly("org", o, m) for m in months) if c is not None]
        org_cells.append(
            [
                Count(
                    max((c.value for c in per_month), default=0),
                    max((c.people or 0 for c in per_month), default=0),
                ),
                Count(
                    sum(c.value for c in org_days[o]),
                    max([c.people or 0 for c in per_month + org_days[o]], default=0),
                ),
                Count(
                    len({d for s in day[("org", o)].values() for d, _ in s}),
                    max((c.people or 0 for c in per_month), default=0),
                ),
            ]
        )
    return Table(
        "organisasjoner",
        "Organisasjoner",
        "Per organisasjon: flest ulike personer i én måned, besøksdager (personer × dager) og "
        "dager organisasjonen var til stede.",
        "Organisasjon",
        ["Ulike personer (største måned)", "Besøksdager", "Dager til stede"],
        [_org_name(orgs, o) for o in ranked],
        org_cells,
        chart="none",
    )


def _table_7(d: _Cells) -> Table:
    """7. new and returning."""
    months = d.months
    monthly = d.monthly
    nr_rows: list[list[Count | None]] = []
    for m in months:
        total, new = monthly("people", "", m), monthly("new", "", m)
        if total is None:
            nr_rows.append([None, None])
            continue
        n = new.value if new else 0
        nr_rows.append([Count(n, n), Count(total.value - n, total.value - n)])
    return Table(
        "nye",
        "Nye og gjengangere",
        "Ulike medlemmer per måned: de som kom for første gang den måneden, og de som hadde vært "
        "her før.",
        "Måned",
        ["Nye", "Gjengangere"],
        [month_label(m) for m in months],
        nr_rows,
        totals=True,
    )


def _table_8(d: _Cells) -> Table:
    """8. distinct organisations per day, per site."""
    sites = d.sites
    months = d.months
    names = d.names
    org_rows = []
    for m in months:
        row_cells: list[Count | None] = []
        for s in sites:
            counts = d.orgs_in_month(s, m)
            row_cells.append(
                Count(
                    round(sum(c.value for c in counts) / len(counts)),
                    max(c.people or 0 for c in counts),
                )
                if counts
                else None
            )
        org_rows.append(row_cells)
    return Table(
        "org-samme-dag",
        "Ulike organisasjoner i bygget samme dag",
        "Snitt antall ulike organisasjoner med minst én person til stede samme dag, per "
        "lokasjon og måned.",
        "Måned",
        [names.get(s, s) for s in sites],
        [month_label(m) for m in months],
        org_rows,
    )


def _table_9(d: _Cells) -> Table:
    """9. pairs."""
    orgs = d.orgs
    month = d.month
    top = d.ranked[:PAIR_ORGS]
    pair_cells: list[list[Count | None]] = []
    for a in top:
        row: list[Count | None] = []
        for b in top:
            if a == b:
                row.append(None)
                continue
            key = "|".join(sorted((a, b)))
            per = [c for s in month.get(("pair", key), {}).values() for c in s.values()]
            row.append(_max(per) if per else Count(0, 0))
        pair_cells.append(row)
    return Table(
        "par",
        "Par av organisasjoner til stede samme dag",
        f"Antall dager to organisasjoner var i bygget samtidig, for de {len(top)} organisasjonene "
        "med flest besøksdager.",
        "Organisasjon",
        [_org_short(orgs, o) for o in top],
        [_org_short(orgs, o) for o in top],
        pair_cells,
        chart="heatmap",
    )


def _table_10(d: _Cells) -> Table:
    """10. lunch talks by cluster and kind of organisation."""
    months = d.months
    month = d.month
    monthly = d.monthly
    clusters = sorted({key[1].split("|")[0] for key in month if key[0] == "lunch"})
    lunch_cells = [
        [
            _sum([c for m in months if (c := monthly("lunch", f"{cl}|{k}", m)) is not None])
            for k in KINDS
        ]
        for cl in clusters
    ]
    return Table(
        "lunsj",
        "Påmeldinger til lunsjprat etter klynge og type organisasjon",
        "Påmeldinger til lunsjpratene etter foredragets kompetanseklynge og deltakernes type "
        "organisasjon.",
        "Klynge",
        [KIND_LABELS[k] for k in KINDS],
        [cl.capitalize() for cl in clusters],
        lunch_cells,
        totals=True,
    )


def _table_11(d: _Cells) -> Table:
    """11. cross-cluster."""
    months = d.months
    monthly = d.monthly
    return Table(
        "kryss",
        "Lunsjprat på tvers av klynger",
        "Påmeldinger fra egen klynge og fra andre klynger enn foredragets, per måned.",
        "Måned",
        ["Egen klynge", "Andre klynger"],
        [month_label(m) for m in months],
        [[monthly("lunchcross", "same", m), monthly("lunchcross", "other", m)] for m in months],
        totals=True,
    )


def _table_12(d: _Cells) -> Table:
    """12. trends."""
    months = d.months
    monthly = d.monthly
    in_month = d.in_month
    trend_rows = []
    previous: tuple[Count | None, Count | None] = (None, None)
    for m in months:
        people = monthly("people", "", m)
        visits = _max(in_month("people", "", m))
        trend_rows.append(
            [people, _change(people, previous[0]), visits, _change(visits, previous[1])]
        )
        previous = (people, visits)
    return Table(
        "trend",
        "Utvikling måned for måned",
        "Ulike personer og besøksdager per måned, med endring i prosent fra måneden før.",
        "Måned",
        ["Ulike personer", "Endring %", "Besøksdager", "Endring %"],
        [month_label(m) for m in months],
        trend_rows,
        chart_columns=[0, 2],
    )


_TABLES = [
    _table_1,
    _table_2,
    _table_3,
    _table_4,
    _table_5,
    _table_6,
    _table_7,
    _table_8,
    _table_9,
    _table_10,
    _table_11,
    _table_12,
]


def _avg(counts: list[Count], n: int) -> Count | None:
    if not counts:
        return None
    return Count(
        round(sum(c.value for c in counts) / n), max((c.people or 0 for c in counts), default=0)
    )


def _change(now: Count | None, before: Count | None) -> Count | None:
    if now is None or before is None or not before.value:
        return None
    people = min(now.people or 0, before.people or 0)
    return Count(round(100 * (now.value - before.value) / before.value), people)


def _org_name(orgs: dict[str, Organisation], org: str) -> str:
    return orgs[org].name if org in orgs else org


def _org_short(orgs: dict[str, Organisation], org: str) -> str:
    return orgs[org].short_name if org in orgs else org


def summarise(report: Report) -> list[str]:
    """A few sentences in plain bokmål, from published (suppressed) numbers only."""
    out = []
    use = report.table("bruk")
    for r, name in enumerate(use.rows):
        avg, peak = use.value(r, 0), use.value(r, 1)
        if avg is None:
            out.append(f"{name}: for få besøk i perioden til å vise tall.")
            continue
        text = f"{name}: i snitt {avg} personer per dag med besøk"
        if peak is not None:
            text += f", og høyst {peak} i bygget samtidig"
        out.append(text + ".")
    kinds = report.table("organisasjonstype")
    totals = kinds.row_totals()
    shown = [
        (kinds.rows[r], t.value)
        for r, t in enumerate(totals)
        if t is not None and not kinds.row_totals_hidden[r]
    ]
    if shown:
        biggest = max(shown, key=lambda x: x[1])
        out.append(
            f"Flest brukere kommer fra {biggest[0].lower()}lig sektor."
            if biggest[0] == "Stat"
            else f"Største gruppe brukere etter type arbeidsgiver: {biggest[0].lower()}."
        )
    orgs = report.table("org-samme-dag")
    for c, name in enumerate(orgs.columns):
        avgs = [v for r in range(len(orgs.rows)) if (v := orgs.value(r, c)) is not None]
        if avgs:
            out.append(
                f"{name}: på en vanlig dag er folk fra {round(sum(avgs) / len(avgs))} "
                "ulike organisasjoner i bygget."
            )
    trend = report.table("trend")
    shown = [(trend.rows[r], v) for r in range(len(trend.rows)) if (v := trend.value(r, 0))]
    if len(shown) >= 2:
        (first, a), (last, b) = shown[0], shown[-1]
        first, last = (f"{MONTH_NAMES[m[:3]]}{m[3:]}" for m in (first, last))
        change = "økte" if b > a else "sank" if b < a else "holdt seg"
        out.append(
            f"Antall ulike brukere per måned {change} fra {a} i {first} til {b} i {last}."
            if change != "holdt seg"
            else f"Antall ulike brukere per måned holdt seg på {a} fra {first} til {last}."
        )
    cross = report.table("kryss")
    col = cross.col_totals()
    if all(c is not None for c in col) and not any(cross.col_totals_hidden):
        same, other = col[0].value, col[1].value  # type: ignore[union-attr]
        if same + other:
            out.append(
                f"{round(100 * other / (same + other))} % av påmeldingene til lunsjprat "
                "kom fra andre klynger enn foredragets."
            )
    return out
