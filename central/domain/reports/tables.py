"""The report's tables, built from the kept cells (``report_cells``) of one or more sites over a
range of days, with small counts suppressed across the whole report (``suppression``). Monthly
figures are for whole calendar months, weekly ones for whole weeks (Monday to Sunday)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.db.models import Organisation, ReportCell, Site
from central.domain.reports.aggregates import HOURS, month_of, week_of
from central.domain.reports.suppression import (
    INF,
    Count,
    derived,
    exposed,
    hidden,
    label,
    primary,
    protect_line,
    shield,
    suppress,
    total,
)
from central.domain.reports.words import DEFAULT, MONTHS, month_name, say, words

KIND_LABELS = {"state": "Stat", "county": "Fylke", "municipality": "Kommune", "other": "Annet"}
PAIR_ORGS = 10
# measures the report adds up over the period per site before it suppresses (the others it
# shows per month, or adds up with their monthly suppression)
# (desks and bookings are also shown per month: their period sums keep the months' hiding)
PERIOD_MEASURES = {"lunch", "lunchorg", "orgdays", "pair"}
# measures the report also adds up over the period's months per site (a table's total, "new
# users in the period"): each site's months are a line whose sum is published (rule 2), so a
# hidden month does not hide the sum
MONTH_LINES = {"new", "returning", "orgkind", "desk", "booking"}
KINDS = list(KIND_LABELS)


def month_label(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def week_label(monday: date) -> str:
    return f"uke {monday.isocalendar()[1]} ({monday.day}.{monday.month}.{monday.year % 100:02d})"


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
    # totals that are kept figures of their own, protected where they are kept (a month's
    # people, a site's period sum): used instead of the sum with its rule 3 (None: the sum)
    row_margins: list[Count | None] | None = None
    col_margins: list[Count | None] | None = None
    hidden: list[list[bool]] = field(default_factory=list)
    row_totals_hidden: list[bool] = field(default_factory=list)
    col_totals_hidden: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        row_totals = col_totals = None
        if self.totals:
            row_totals, col_totals = self.row_totals(), self.col_totals()
            for margins, sums in (
                (self.row_margins, [total(row) for row in self.cells]),
                (  # by index: a table with no rows still has its columns
                    self.col_margins,
                    [total([row[c] for row in self.cells]) for c in range(len(self.columns))],
                ),
            ):
                if margins is None:
                    continue
                for margin, summed in zip(margins, sums, strict=True):
                    assert (margin.value if margin else 0) == (summed.value if summed else 0), (
                        self.slug,
                        margin,
                        summed,
                    )
        self.hidden, self.row_totals_hidden, self.col_totals_hidden = suppress(
            self.cells, row_totals, col_totals
        )

    def row_totals(self) -> list[Count | None]:
        if self.row_margins is not None:
            return list(self.row_margins)
        return [total(row) for row in self.cells]

    def col_totals(self) -> list[Count | None]:
        if self.col_margins is not None:
            return list(self.col_margins)
        return [total([row[c] for row in self.cells]) for c in range(len(self.columns))]

    def grand_total(self) -> Count | None:
        """The sum of the row totals; published when every row total or every column total
        is (it is then their sum: it tells nothing more)."""
        rows, cols = self.row_totals(), self.col_totals()
        summed = total(rows)
        if summed is None or not hidden(summed):
            return summed
        for line in (rows, cols):
            present = [t for t in line if t is not None]
            if present and not any(hidden(t) for t in present):
                return Count(summed.value, summed.people)
        return summed

    def value(self, r: int, c: int) -> int | None:
        """The published number, or None if suppressed or empty."""
        cell = self.cells[r][c]
        return None if cell is None or self.hidden[r][c] else cell.value

    def published(self) -> list[list[str]]:
        """Header row and body as text, as exported (totals included; "< 3" for a hidden count
        of fewer than three people, ":" for one hidden to protect another)."""
        header = [self.row_header, *self.columns] + (["Sum"] if self.totals else [])
        body = []
        row_totals = self.row_totals()
        for r, name in enumerate(self.rows):
            line = [name] + [label(self.cells[r][c]) for c in range(len(self.columns))]
            if self.totals:
                line.append(label(row_totals[r]))
            body.append(line)
        if self.totals:
            body.append(
                ["Sum"] + [label(t) for t in self.col_totals()] + [label(self.grand_total())]
            )
        return [header, *body]


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


def build(session: Session, sites: list[str], first: date, last: date) -> Report:
    """Every table of the report for ``sites`` over ``first``..``last``, suppressed."""
    cells = _Cells(session, sites, first, last)
    tables = [make(cells) for make in _TABLES]
    report = Report(sites, [cells.names.get(s, s) for s in sites], first, last, tables, [])
    report.summary = summarise(report)
    return report


class _Cells:
    """The kept cells of some sites over a range of days, by measure and key, with the lines
    of each site and month protected (suppression rule 2) before any table adds them up."""

    def __init__(self, session: Session, sites: list[str], first: date, last: date) -> None:
        self.sites = sites
        self.names: dict[str, str] = dict(session.execute(select(Site.code, Site.name)).all())
        # the months of every site, whichever the report shows: a site's hidden figures are
        # the same in its own report and in the report of all sites (rule 2 across sites)
        self.every = sorted(self.names)
        self.orgs: dict[str, Organisation] = {
            o.id: o for o in session.scalars(select(Organisation))
        }
        # Core, not the ORM: tens of thousands of plain rows
        rows = (
            session.connection()
            .execute(
                select(
                    ReportCell.site,
                    ReportCell.period,
                    ReportCell.start,
                    ReportCell.measure,
                    ReportCell.key,
                    ReportCell.value,
                    ReportCell.people,
                ).where(
                    (
                        ReportCell.site.in_(sites)
                        & (ReportCell.period == "day")
                        # added up in the database, below
                        & ReportCell.measure.notin_(("org", "hour"))
                        & (ReportCell.start >= first)
                        & (ReportCell.start <= last)
                    )
                    | (
                        (ReportCell.period == "month")
                        & (ReportCell.measure != "pair")  # added up in the database, below
                        & (ReportCell.start >= month_of(first))
                        & (ReportCell.start <= last)
                    )
                    | (
                        ReportCell.site.in_(sites)
                        & (ReportCell.period == "week")
                        & (ReportCell.start >= week_of(first))
                        & (ReportCell.start <= last)
                    ),
                )
            )
            .all()
        )
        self.day: dict[tuple[str, str], dict[str, list[tuple[date, Count]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.month: dict[tuple[str, str], dict[str, dict[date, Count]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        self.week: dict[str, dict[date, Count]] = defaultdict(dict)
        for site, period, start, measure, key, value, people in rows:
            if period == "day":
                self.day[(measure, key)][site].append((start, Count(value, people)))
            elif period == "week":
                if measure == "people":
                    self.week[site][start] = Count(value, people)
            else:
                self.month[(measure, key)][site][start] = Count(value, people)
        months = {m for per_site in self.month.values() for s in per_site.values() for m in s}
        self.months = sorted(m for m in months if m <= last)  # months with days in the range
        self.weeks = sorted({w for per in self.week.values() for w in per})
        self.open_days = {
            s: {d for d, _ in self.day.get(("people", ""), {}).get(s, [])} for s in sites
        }
        # per organisation: its visit days and the days it was present, at the report's sites
        org_rows = (
            session.connection()
            .execute(
                select(
                    ReportCell.key,
                    func.sum(ReportCell.value),
                    func.count(func.distinct(ReportCell.start)),
                )
                .where(
                    ReportCell.site.in_(sites),
                    ReportCell.period == "day",
                    ReportCell.measure == "org",
                    ReportCell.start >= first,
                    ReportCell.start <= last,
                )
                .group_by(ReportCell.key)
            )
            .all()
        )
        self.org_present = {org: int(days) for org, _, days in org_rows}
        # per site and hour: people in the building added up over the days, and the most
        hour_rows = (
            session.connection()
            .execute(
                select(
                    ReportCell.site,
                    ReportCell.key,
                    func.sum(ReportCell.value),
                    func.max(ReportCell.people),
                )
                .where(
                    ReportCell.site.in_(sites),
                    ReportCell.period == "day",
                    ReportCell.measure == "hour",
                    ReportCell.start >= first,
                    ReportCell.start <= last,
                )
                .group_by(ReportCell.site, ReportCell.key)
            )
            .all()
        )
        self.hours = {(site, key): (int(v), int(p)) for site, key, v, p in hour_rows}
        visit_days = {org: int(value) for org, value, _ in org_rows}
        self.ranked = sorted(visit_days, key=lambda o: -visit_days[o])
        self.period: dict[tuple[str, str], dict[str, Count]] = defaultdict(dict)
        for measure_key, per_site in self.month.items():
            if measure_key[0] not in PERIOD_MEASURES:
                continue
            for site, items in per_site.items():
                counts = [items[m] for m in self.months if m in items]
                if counts:
                    self.period[measure_key][site] = Count(
                        sum(c.value for c in counts), max(c.people or 0 for c in counts)
                    )
        pairs = (
            session.connection()
            .execute(
                select(
                    ReportCell.site,
                    ReportCell.key,
                    func.sum(ReportCell.value),
                    func.max(ReportCell.people),
                )
                .where(
                    ReportCell.period == "month",
                    ReportCell.measure == "pair",
                    ReportCell.start >= month_of(first),
                    ReportCell.start <= last,
                )
                .group_by(ReportCell.site, ReportCell.key)
            )
            .all()
        )
        for site, key, value, people in pairs:
            self.period[("pair", key)][site] = Count(int(value), int(people))
        # all sites' figures (month or period) hidden because their sites' parts could not be
        self.all_hidden: set[tuple[str, str, date | None]] = set()
        # sums over the period's months (MONTH_LINES) hidden: (measure, key, site), and of all
        # sites: (measure, key)
        self.period_hidden: set[tuple[str, str, str]] = set()
        self.period_all_hidden: set[tuple[str, str]] = set()
        self.audited: dict[frozenset[Hashable], list[tuple[tuple[str, str], str | None, date]]] = {}
        self.shielded = 0
        # what a pass hid: the lines that hold it are looked at again, the others not
        self.dirty_lines: set[tuple[str, str, date | None]] | None = None  # None: all
        self.dirty_cells: set[tuple[str, date | None]] | None = None
        while True:  # each rule may hide a part of another's line: until nothing changes
            lines: set[tuple[str, str, date | None]] | None = self.dirty_lines
            cells: set[tuple[str, date | None]] | None = self.dirty_cells
            self.dirty_lines, self.dirty_cells = set(), set()
            self._protect(cells)
            self._protect_period(cells)
            self._protect_sites(lines)
            self._protect_months()
            if not self.dirty_lines and not self.dirty_cells and not self._audit_months():
                break

    def _protect_sites(self, only: set[tuple[str, str, date | None]] | None) -> None:
        """Rule 2 across sites: the figure of all sites is the sum of the sites' own."""
        names: list[tuple[str, str, date | None]] = (
            # (measures shown only as the period's sums are protected as those)
            [
                (mk[0], mk[1], m)
                for mk in self.month
                if mk[0] not in PERIOD_MEASURES
                for m in self.months
            ]
            + [(mk[0], mk[1], None) for mk in self.period]
            if only is None
            else list(only)
        )
        for name in names:
            measure_key, m = name[:2], name[2]
            if m is None:
                line = dict(self.period.get(measure_key, {}))
            else:
                line = {
                    s: c for s, per in self.month.get(measure_key, {}).items() if (c := per.get(m))
                }
            down, margin_too = protect_line(line)
            for site in down:
                if m is None:
                    self._shield_period(measure_key, site)
                else:
                    self._hide(measure_key[0], {measure_key[1]}, site, m)
            if margin_too:
                self.all_hidden.add(name)

    def _protect_months(self) -> None:
        """Rule 2 for the sums over the period's months (MONTH_LINES): in each site, the months
        are the parts of the site's period sum (hide one more month, or else the sum); across
        sites, the sites' period sums are the parts of the sum of all sites, which the months
        of all sites also add up to (so hide one more site's sum, or else every one)."""
        for measure_key, per_site in self.month.items():
            if measure_key[0] not in MONTH_LINES:
                continue
            for site in self.every:
                name = (*measure_key, site)
                items = per_site.get(site, {})
                line = {m: items[m] for m in self.months if m in items}
                if name in self.period_hidden or not line:
                    continue
                down, margin_too = protect_line(line)
                if margin_too:
                    self.period_hidden.add(name)
                    continue
                for m in down:
                    self._hide(measure_key[0], {measure_key[1]}, site, m)
        while True:  # hiding a site's sum for one line may leave another with one hidden
            before = len(self.period_hidden) + len(self.period_all_hidden)
            # the period sums of kinds, and of new and returning, add up to the period's people
            for site in self.every:
                self._protect_period_line(site)
            for measure_key, per_site in self.month.items():
                if measure_key[0] in MONTH_LINES:
                    self._protect_period_sites(measure_key, per_site)
            if len(self.period_hidden) + len(self.period_all_hidden) == before:
                return

    def _protect_period_sites(
        self, measure_key: tuple[str, str], per_site: dict[str, dict[date, Count]]
    ) -> None:
        """The sites' period sums of a measure add up to that of all sites."""
        if any((*measure_key, m) in self.all_hidden for m in self.months):
            # a hidden month of all sites: it would be the sites' sums less the others
            self.period_all_hidden.add(measure_key)
            self.period_hidden.update((*measure_key, s) for s in per_site)
            return
        sums = {
            s: Count(
                sum(items[m].value for m in self.months if m in items),
                sum(items[m].people or 0 for m in self.months if m in items),
                (*measure_key, s) in self.period_hidden,
            )
            for s, items in per_site.items()
            if any(m in items for m in self.months)
        }
        down, margin_too = protect_line(sums)
        self.period_hidden.update((*measure_key, s) for s in down)
        if margin_too:
            self.period_all_hidden.add(measure_key)

    def _audit_months(self) -> bool:
        """Check the lines across months as a reader would: a hidden month may lie in its
        site's period line, its month's line across sites and its site-month's line of kinds
        (or new and returning) at once, and those lines together may fix it where each alone
        does not. Where a hidden figure can be worked out, hide more: first the period sums
        of its site, then of every site, then another site's figure in its month. Returns
        whether anything was hidden (the rules then run again)."""
        changed = False
        groups = [([("orgkind", k) for k in KINDS], True), ([("new", ""), ("returning", "")], True)]
        groups += [([mk], False) for mk in self.month if mk[0] in ("desk", "booking")]
        for group, linked in groups:
            present = [mk for mk in group if mk in self.month]
            found = self._exposed(present, linked) if present else []
            if not found:
                continue
            before = self._hidden_size()
            self._back_off(present, found, linked)
            if self._hidden_size() == before:
                # last resort: every site's figure of those months
                for m in {m for _, _, m in found}:
                    for part in present:
                        for site, per in self.month[part].items():
                            if m in per and per[m].value:
                                self._hide(part[0], {part[1]}, site, m)
            changed = changed or self._hidden_size() != before
        return changed

    def _hidden_size(self) -> int:
        return (
            self.shielded
            + len(self.all_hidden)
            + len(self.period_hidden)
            + len(self.period_all_hidden)
        )

    def _back_off(
        self,
        present: list[tuple[str, str]],
        found: list[tuple[tuple[str, str], str | None, date]],
        linked: bool,
    ) -> None:
        """Hide more where the audit found a hidden figure: the period sums of its site, then
        of every site, then another site's figure of its month, then the month of all sites."""
        published = {
            (*mk, s) for mk in present for s in self.month[mk] if (*mk, s) not in self.period_hidden
        }
        sites = {s for _, s, _ in found if s is not None}
        if any(s is None for _, s, _ in found):  # a month of all sites: every site's sums
            sites = set(self.every)
        own: set[tuple[str, str, str]] = {(*mk, s) for mk in present for s in sites} & published
        if own or published:
            # only if the sums are what gives it away: not if it is found without them
            kept = set(self.period_hidden)
            self.period_hidden |= published
            without = self._exposed(present, linked)
            self.period_hidden = kept
            if not without:
                self.period_hidden.update(own or published)
                return
            found = without
        for mk, site, m in found:
            if site is None or mk not in present:
                # a month of all sites, or a site's people: hide that month of all sites
                for part in present:
                    self.all_hidden.add((*part, m))
                continue
            column = {
                s: per[m]
                for s, per in self.month[mk].items()
                if s != site and m in per and per[m].value and not hidden(per[m])
            }
            if column:
                partner = min(column, key=lambda s: (column[s].value < 4, column[s].value))
                self._hide(mk[0], {mk[1]}, partner, m)
            else:
                self.all_hidden.add((*mk, m))
                self.period_all_hidden.add(mk)

    def _audit_lines(
        self, group: list[tuple[str, str]], linked: bool
    ) -> tuple[list[list[tuple[tuple[Hashable, int], int]]], dict[Hashable, tuple[float, float]]]:
        """The lines across months of ``group`` (and the month's people, if ``linked``), each
        part a (name, value), the name None if published; and the hidden parts' bounds."""
        bounds: dict[Hashable, tuple[float, float]] = {}

        def part(name: tuple, count: Count | None, hide: bool) -> tuple[Hashable, int]:
            value = count.value if count is not None else 0
            if not hide:
                return None, value
            # what the mark tells: "< 3" is 1 or 2; a hidden month that counts people but is
            # not small is at least 3 (it counts 3 or more); a hidden sum, anything
            small = count is not None and primary(count)
            least = 3 if name[0] == "a" and value and count and count.people else 0
            bounds[name] = (1, 2) if small else (least, INF)
            return name, value

        lines: list[list[tuple[tuple[Hashable, int], int]]] = []
        people = ("people", "")
        measures = group + ([people] if linked else [])
        atom: dict[tuple[tuple[str, str], str, date], tuple[Hashable, int]] = {}
        period: dict[tuple[tuple[str, str], str], tuple[Hashable, int]] = {}
        for mk in measures:
            per_site = self.month.get(mk, {})
            for site in self.every:
                for m in self.months:
                    c = per_site.get(site, {}).get(m)
                    atom[(mk, site, m)] = part(("a", mk, site, m), c, hidden(c))
            for m in self.months:
                column = [atom[(mk, site, m)] for site in self.every]
                whole = part(
                    ("A", mk, m),
                    Count(sum(v for _, v in column), None),
                    (*mk, m) in self.all_hidden,
                )
                lines.append([(whole, -1)] + [(a, 1) for a in column])
            if mk == people:
                continue
            for site in self.every:
                row = [atom[(mk, site, m)] for m in self.months]
                period[(mk, site)] = part(
                    ("p", mk, site),
                    Count(sum(v for _, v in row), None),
                    (*mk, site) in self.period_hidden,
                )
                lines.append([(period[(mk, site)], -1)] + [(a, 1) for a in row])
            sums = [period[(mk, site)] for site in self.every]
            whole = part(
                ("P", mk), Count(sum(v for _, v in sums), None), mk in self.period_all_hidden
            )
            lines.append([(whole, -1)] + [(p, 1) for p in sums])
        if linked:
            for site in self.every:
                for m in self.months:
                    lines.append(
                        [(atom[(people, site, m)], -1)] + [(atom[(mk, site, m)], 1) for mk in group]
                    )
                lines.append(
                    [(atom[(people, site, m)], -1) for m in self.months]
                    + [(period[(mk, site)], 1) for mk in group]
                )
        return lines, bounds

    def _exposed(
        self, group: list[tuple[str, str]], linked: bool
    ) -> list[tuple[tuple[str, str], str | None, date]]:
        """The hidden months of ``group`` (with the month's people, if ``linked``) that the
        published figures and the marks' bounds fix."""
        lines, bounds = self._audit_lines(group, linked)
        # the same hidden figures, the same answer (the rules run again after each change)
        known = frozenset(bounds)
        if known in self.audited:
            return self.audited[known]
        equations = _equations(lines)
        # the hidden figures published as cells: months of a site (and its people) and the
        # months of all sites (the month's people of all sites is a total: it may be known)
        self.audited[known] = [
            (name[1], name[2], name[3]) if name[0] == "a" else (name[1], None, name[2])
            for name in exposed(equations, bounds)
            if isinstance(name, tuple) and (name[0] == "a" or (name[0] == "A" and name[1] in group))
        ]
        return self.audited[known]

    def _protect_period_line(self, site: str) -> None:
        """Rule 2 for a site's period sums of kinds, and of new and returning: they add up to
        the site's people over the period's months, which is published."""
        for group in (
            [("orgkind", k) for k in KINDS],
            [("new", ""), ("returning", "")],
        ):
            line = {
                mk: Count(
                    sum(c.value for c in items.values()),
                    sum(c.people or 0 for c in items.values()),
                    (*mk, site) in self.period_hidden,
                )
                for mk in group
                if (
                    items := {
                        m: c
                        for m, c in self.month.get(mk, {}).get(site, {}).items()
                        if m in self.months
                    }
                )
            }
            down, _ = protect_line(line)
            self.period_hidden.update((*mk, site) for mk in down)

    def _protect_period(self, only: set[tuple[str, date | None]] | None) -> None:
        """Rule 2 for the period's sums of a site: sign-ups per organisation within the
        sign-ups of its cluster and kind."""
        groups: dict[str, list[str]] = defaultdict(list)
        for measure, k in self.period:
            if measure == "lunchorg":
                cluster, org = k.split("|", 1)
                groups[f"{cluster}|{'other' if org == '-' else self.kind(org)}"].append(k)
        for site in self.every:
            if only is not None and (site, None) not in only:
                continue
            for lunch_key, keys in groups.items():
                line = {k: c for k in keys if (c := self.period[("lunchorg", k)].get(site))}
                whole = self.period.get(("lunch", lunch_key), {}).get(site)
                shown = [k for k, c in line.items() if c.value and not hidden(c)]
                if whole is not None and hidden(whole) and len(shown) == len(line) and shown:
                    # a hidden sum whose parts are all published: hide one part too
                    self._shield_period(("lunchorg", min(shown, key=lambda k: line[k].value)), site)
                    line = {k: self.period[("lunchorg", k)][site] for k in line}
                down, margin_too = protect_line(line)
                for k in down:
                    self._shield_period(("lunchorg", k), site)
                if margin_too and site in self.period.get(("lunch", lunch_key), {}):
                    self._shield_period(("lunch", lunch_key), site)

    def _shield_period(self, measure_key: tuple[str, str], site: str) -> None:
        count = self.period[measure_key][site]
        if not hidden(count):
            self.shielded += 1
            self.period[measure_key][site] = shield(count)
            self._dirty(measure_key, site, None)

    def _dirty(self, measure_key: tuple[str, str], site: str, m: date | None) -> None:
        assert self.dirty_lines is not None and self.dirty_cells is not None
        self.dirty_lines.add((measure_key[0], measure_key[1], m))
        self.dirty_cells.add((site, m))

    def over_period(self, measure: str, key: str, site: str | None = None) -> Count | None:
        """A measure added up over the period's months, per site (people: the most of any
        month, a lower bound), or over all sites."""
        per_site = self.period.get((measure, key), {})
        return self._of_sites(per_site, (measure, key, None), site)

    def _of_sites(
        self, per_site: dict[str, Count], name: tuple[str, str, date | None], site: str | None
    ) -> Count | None:
        if site is None and len(self.sites) == 1:
            site = self.sites[0]
        if site is not None:
            return per_site.get(site)
        counts = list(per_site.values())
        if not counts:
            return None
        return Count(
            sum(c.value for c in counts),
            sum(c.people or 0 for c in counts),
            name in self.all_hidden,
        )

    def kind(self, org: str) -> str:
        found = self.orgs.get(org)
        return found.kind if found is not None and found.kind in KIND_LABELS else "other"

    def _line(self, measure: str, keys: list[str], site: str, m: date) -> dict[str, Count]:
        return {k: c for k in keys if (c := self.month.get((measure, k), {}).get(site, {}).get(m))}

    def _hide(self, measure: str, keys: set[str], site: str, m: date) -> None:
        for k in keys:
            per = self.month[(measure, k)][site]
            if not hidden(per[m]):
                self.shielded += 1
                per[m] = shield(per[m])
                self._dirty((measure, k), site, m)

    def _protect(self, only: set[tuple[str, date | None]] | None) -> None:
        """Rule 2: in each site and month, the parts of a line whose sum is published on its
        own (an organisation's people within its kind; kinds, and new and returning, within
        the month's people; sign-ups per organisation within cluster and kind)."""
        org_keys = [k for (measure, k) in self.month if measure == "org"]
        by_kind: dict[str, list[str]] = defaultdict(list)
        for org in org_keys:
            by_kind[self.kind(org)].append(org)
        for site in self.every:
            for m in self.months:
                if only is not None and (site, m) not in only:
                    continue
                for kind, orgs in by_kind.items():
                    self._within("org", orgs, ("orgkind", kind), site, m)
                self._within("orgkind", KINDS, ("people", ""), site, m)
                self._within("", ["new", "returning"], ("people", ""), site, m)

    def _within(
        self, measure: str, keys: list[str], margin: tuple[str, str], site: str, m: date
    ) -> None:
        if measure:
            line = self._line(measure, keys, site, m)
        else:  # measures of their own, each with the key ""
            line = {k: c for k in keys if (c := self.month.get((k, ""), {}).get(site, {}).get(m))}
        whole = self.month.get(margin, {}).get(site, {}).get(m)
        if whole is not None and hidden(whole) and not any(hidden(c) for c in line.values()):
            # a hidden sum whose parts are all published is their sum: hide one part too
            self._hide_part(measure, line, site, m)
            line = {k: self.month[(measure or k, "" if not measure else k)][site][m] for k in line}
        down, margin_too = protect_line(line)
        if not down:
            return
        for k in down:
            if measure:
                self._hide(measure, {k}, site, m)
            else:
                self._hide(k, {""}, site, m)
        if margin_too and m in self.month.get(margin, {}).get(site, {}):
            self._hide(margin[0], {margin[1]}, site, m)

    def _hide_part(self, measure: str, line: dict[str, Count], site: str, m: date) -> None:
        parts = sorted((k for k, c in line.items() if c.value), key=lambda k: line[k].value)
        if parts:
            if measure:
                self._hide(measure, {parts[0]}, site, m)
            else:
                self._hide(parts[0], {""}, site, m)

    def days(self, measure: str, key: str, site: str | None = None) -> list[Count]:
        per_site = self.day.get((measure, key), {})
        return [c for s, items in per_site.items() if site in (None, s) for _, c in items]

    def monthly(self, measure: str, key: str, m: date, site: str | None = None) -> Count | None:
        per_site = self.month.get((measure, key), {})
        items = {s: per[m] for s, per in per_site.items() if m in per}
        return self._of_sites(items, (measure, key, m), site)

    def over_months(self, measure: str, key: str, site: str | None = None) -> Count | None:
        if measure not in MONTH_LINES:
            return total([self.monthly(measure, key, m, site) for m in self.months])
        if site is None and len(self.sites) == 1:
            site = self.sites[0]
        per_site = self.month.get((measure, key), {})
        counts = [
            c
            for s, items in per_site.items()
            if s in self.sites and site in (None, s)
            for m in self.months
            if (c := items.get(m)) is not None
        ]
        if not counts:
            return None
        shielded = (
            (measure, key, site) in self.period_hidden
            if site is not None
            else (measure, key) in self.period_all_hidden
        )
        return Count(sum(c.value for c in counts), sum(c.people or 0 for c in counts), shielded)

    def day_sum(self, measure: str, key: str, m: date, site: str) -> Count | None:
        """One site's day cells of a month added up (people: the most of any day)."""
        items = [c for d, c in self.day.get((measure, key), {}).get(site, []) if month_of(d) == m]
        if not items:
            return None
        return Count(sum(c.value for c in items), max(c.people or 0 for c in items))

    def orgs_in_month(self, site: str, m: date) -> list[Count]:
        return [c for d, c in self.day.get(("orgs", ""), {}).get(site, []) if month_of(d) == m]


def _equations(
    lines: list[list[tuple[tuple[Hashable, int], int]]],
) -> list[tuple[dict[Hashable, int], int]]:
    """Lines (parts with coefficients that add up to nothing; a part's name None if it is
    published) as equations in the hidden parts."""
    equations: list[tuple[dict[Hashable, int], int]] = []
    for line in lines:
        unknowns: dict[Hashable, int] = defaultdict(int)
        constant = 0
        for (name, value), a in line:
            if name is None:
                constant -= a * value
            else:
                unknowns[name] += a
        unknowns = {k: a for k, a in unknowns.items() if a}
        if unknowns:
            equations.append((unknowns, constant))
    return equations


def _use(d: _Cells) -> Table:
    """Use per site."""
    cells = []
    for s in d.sites:
        n = len(d.open_days[s]) or 1
        peak = max(d.days("peak", "", s), key=lambda c: c.value, default=None)
        monthly_people = [c for m in d.months if (c := d.monthly("people", "", m, s))]
        cells.append(
            [
                _avg(d.days("people", "", s), n),
                peak,
                max(monthly_people, key=lambda c: c.value, default=None),
                _avg(d.days("guests", "", s), n),
                d.over_months("new", "", s),
                Count(len(d.open_days[s]), None),
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
        [d.names.get(s, s) for s in d.sites],
        cells,
        chart="none",
    )


def _people_per_month(d: _Cells) -> Table:
    return Table(
        "personer-maaned",
        "Ulike personer per måned",
        "Hvor mange ulike medlemmer som kom innom hver lokasjon, per måned.",
        "Måned",
        [d.names.get(s, s) for s in d.sites],
        [month_label(m) for m in d.months],
        [[d.monthly("people", "", m, s) for s in d.sites] for m in d.months],
        totals=True,
    )


def _people_per_week(d: _Cells) -> Table:
    return Table(
        "personer-uke",
        "Ulike personer per uke",
        "Hvor mange ulike personer (medlemmer og gjester) som kom innom hver lokasjon, per uke "
        "(mandag til søndag).",
        "Uke",
        [d.names.get(s, s) for s in d.sites],
        [week_label(w) for w in d.weeks],
        [[d.week.get(s, {}).get(w) for s in d.sites] for w in d.weeks],
    )


def _time_of_day(d: _Cells) -> Table:
    busy = {key for (_, key), (value, _) in d.hours.items() if value}
    hours = [h for h in HOURS if f"{h:02d}" in busy] or list(HOURS)
    return Table(
        "tid-paa-dagen",
        "Tid på dagen",
        "Snitt antall personer i bygget i hver klokketime, på dager med besøk.",
        "Klokketime",
        [d.names.get(s, s) for s in d.sites],
        [f"{h:02d}–{h + 1:02d}" for h in hours],
        [
            [_hour_avg(d.hours.get((s, f"{h:02d}")), len(d.open_days[s]) or 1) for s in d.sites]
            for h in hours
        ],
    )


DESK_COLUMNS = ["Fast", "Booket", "Drop-in", "Bookinger", "Ikke møtt", "Ikke møtt %"]


def _desk_row(
    desk: list[Count | None], booked: Count | None, no_show: Count | None
) -> list[Count | None]:
    share = None
    if booked and booked.value:
        shown = no_show.value if no_show else 0
        share = derived(round(100 * shown / booked.value), None, booked, no_show)
    return [*desk, booked, no_show or Count(0, 0), share]


def _desks(d: _Cells) -> Table:
    rows = [
        _desk_row(
            [d.monthly("desk", k, m) for k in ("fixed", "booked", "drop_in")],
            d.monthly("booking", "booked", m),
            d.monthly("booking", "no_show", m),
        )
        for m in d.months
    ]
    return Table(
        "pulter",
        "Pultbruk etter type",
        "Pulter tatt i bruk per måned: faste, booket og drop-in; bookinger, hvor mange som ikke "
        "møtte (bookingen ble frigitt), og andelen i prosent.",
        "Måned",
        DESK_COLUMNS,
        [month_label(m) for m in d.months],
        rows,
        chart_columns=[0, 1, 2, 4],
    )


def _desks_per_site(d: _Cells) -> Table:
    rows = [
        _desk_row(
            [d.over_months("desk", k, s) for k in ("fixed", "booked", "drop_in")],
            d.over_months("booking", "booked", s),
            d.over_months("booking", "no_show", s),
        )
        for s in d.sites
    ]
    return Table(
        "pulter-lokasjon",
        "Pultbruk per lokasjon",
        "Pulter tatt i bruk i hele månedene i perioden, per lokasjon: faste, booket og drop-in; "
        "bookinger, ikke møtt og andelen ikke møtt i prosent.",
        "Lokasjon",
        DESK_COLUMNS,
        [d.names.get(s, s) for s in d.sites],
        rows,
        chart_columns=[0, 1, 2],
    )


def _guests(d: _Cells) -> Table:
    return Table(
        "gjester",
        "Gjester per måned",
        "Ulike gjester per måned og lokasjon.",
        "Måned",
        [d.names.get(s, s) for s in d.sites],
        [month_label(m) for m in d.months],
        [[d.monthly("guests", "", m, s) for s in d.sites] for m in d.months],
        totals=True,
    )


def _kinds(d: _Cells) -> Table:
    return Table(
        "organisasjonstype",
        "Ulike personer etter type organisasjon",
        "Ulike medlemmer per måned etter om arbeidsgiveren er statlig, fylkeskommunal, "
        "kommunal eller annet.",
        "Type",
        [month_label(m) for m in d.months],
        [KIND_LABELS[k] for k in KINDS],
        [[d.monthly("orgkind", k, m) for m in d.months] for k in KINDS],
        totals=True,
        row_margins=[d.over_months("orgkind", k) for k in KINDS],
        col_margins=[d.monthly("people", "", m) for m in d.months],
    )


def _organisations(d: _Cells) -> Table:
    shown = sorted(d.org_present, key=lambda o: _org_name(d.orgs, o).lower())
    cells: list[list[Count | None]] = []
    for o in shown:
        per_month = [c for m in d.months if (c := d.monthly("org", o, m)) is not None]
        biggest = max(per_month, key=lambda c: c.value, default=None)
        most = max((c.people or 0 for c in per_month), default=0)
        present = d.org_present[o]
        cells.append([biggest, d.over_period("orgdays", o), Count(present, most)])
    return Table(
        "organisasjoner",
        "Organisasjoner",
        "Per organisasjon: flest ulike personer i én måned, besøksdager (personer × dager) og "
        "dager organisasjonen var til stede.",
        "Organisasjon",
        ["Ulike personer (største måned)", "Besøksdager", "Dager til stede"],
        [_org_name(d.orgs, o) for o in shown],
        cells,
        chart="none",
    )


def _new(d: _Cells) -> Table:
    return Table(
        "nye",
        "Nye og gjengangere",
        "Ulike medlemmer per måned: de som kom for første gang den måneden, og de som hadde vært "
        "her før.",
        "Måned",
        ["Nye", "Gjengangere"],
        [month_label(m) for m in d.months],
        [[d.monthly("new", "", m), d.monthly("returning", "", m)] for m in d.months],
        totals=True,
        row_margins=[d.monthly("people", "", m) for m in d.months],
        col_margins=[d.over_months(k, "") for k in ("new", "returning")],
    )


def _orgs_same_day(d: _Cells) -> Table:
    rows = []
    for m in d.months:
        line: list[Count | None] = []
        for s in d.sites:
            counts = d.orgs_in_month(s, m)
            line.append(
                Count(
                    round(sum(c.value for c in counts) / len(counts)),
                    max(c.people or 0 for c in counts),
                )
                if counts
                else None
            )
        rows.append(line)
    return Table(
        "org-samme-dag",
        "Ulike organisasjoner i bygget samme dag",
        "Snitt antall ulike organisasjoner med minst én person til stede samme dag, per "
        "lokasjon og måned.",
        "Måned",
        [d.names.get(s, s) for s in d.sites],
        [month_label(m) for m in d.months],
        rows,
    )


def _pairs(d: _Cells) -> Table:
    top = sorted(d.ranked[:PAIR_ORGS], key=lambda o: _org_short(d.orgs, o).lower())
    cells: list[list[Count | None]] = []
    for a in top:
        row: list[Count | None] = []
        for b in top:
            if a == b:
                row.append(None)
                continue
            row.append(d.over_period("pair", "|".join(sorted((a, b)))) or Count(0, 0))
        cells.append(row)
    return Table(
        "par",
        "Par av organisasjoner til stede samme dag",
        f"Antall dager to organisasjoner var i bygget samtidig, for de {len(top)} organisasjonene "
        "med flest besøksdager.",
        "Organisasjon",
        [_org_short(d.orgs, o) for o in top],
        [_org_short(d.orgs, o) for o in top],
        cells,
        chart="heatmap",
    )


def _lunch(d: _Cells) -> Table:
    clusters = sorted({key[1].split("|")[0] for key in d.month if key[0] == "lunch"})
    return Table(
        "lunsj",
        "Påmeldinger til lunsjprat etter klynge og type organisasjon",
        "Påmeldinger til lunsjpratene etter foredragets kompetanseklynge og deltakernes type "
        "organisasjon.",
        "Klynge",
        [KIND_LABELS[k] for k in KINDS],
        [cl.capitalize() for cl in clusters],
        [[d.over_period("lunch", f"{cl}|{k}") for k in KINDS] for cl in clusters],
        totals=True,
    )


def _lunch_by_org(d: _Cells) -> Table:
    keys = [key[1] for key in d.month if key[0] == "lunchorg"]
    clusters = sorted({k.split("|", 1)[0] for k in keys})
    orgs = sorted({k.split("|", 1)[1] for k in keys}, key=lambda o: _org_name(d.orgs, o).lower())
    return Table(
        "lunsj-org",
        "Påmeldinger til lunsjprat etter organisasjon",
        "Påmeldinger til lunsjpratene per organisasjon, etter foredragets kompetanseklynge.",
        "Organisasjon",
        [cl.capitalize() for cl in clusters],
        ["Uten organisasjon" if o == "-" else _org_name(d.orgs, o) for o in orgs],
        [[d.over_period("lunchorg", f"{cl}|{o}") for cl in clusters] for o in orgs],
        totals=True,
        chart="none",
    )


def _cross(d: _Cells) -> Table:
    return Table(
        "kryss",
        "Lunsjprat på tvers av klynger",
        "Påmeldinger fra egen klynge og fra andre klynger enn foredragets, per måned.",
        "Måned",
        ["Egen klynge", "Andre klynger"],
        [month_label(m) for m in d.months],
        [
            [d.monthly("lunchcross", "same", m), d.monthly("lunchcross", "other", m)]
            for m in d.months
        ],
        totals=True,
    )


def _trend(d: _Cells) -> Table:
    rows = []
    previous: tuple[Count | None, Count | None] = (None, None)
    for m in d.months:
        people = d.monthly("people", "", m)
        visits = total([d.day_sum("people", "", m, s) for s in d.sites])
        rows.append([people, _change(people, previous[0]), visits, _change(visits, previous[1])])
        previous = (people, visits)
    return Table(
        "trend",
        "Utvikling måned for måned",
        "Ulike personer og besøksdager per måned, med endring i prosent fra måneden før.",
        "Måned",
        ["Ulike personer", "Endring %", "Besøksdager", "Endring %"],
        [month_label(m) for m in d.months],
        rows,
        chart_columns=[0, 2],
    )


_TABLES = [
    _use,
    _people_per_month,
    _people_per_week,
    _time_of_day,
    _desks,
    _desks_per_site,
    _guests,
    _kinds,
    _organisations,
    _new,
    _orgs_same_day,
    _pairs,
    _lunch,
    _lunch_by_org,
    _cross,
    _trend,
]


def _hour_avg(summed: tuple[int, int] | None, n: int) -> Count | None:
    """An hour's average over the open days, from its sum (people: the most of any day)."""
    return None if summed is None else Count(round(summed[0] / n), summed[1])


def _avg(counts: list[Count], n: int) -> Count | None:
    if not counts:
        return None
    return Count(
        round(sum(c.value for c in counts) / n), max((c.people or 0 for c in counts), default=0)
    )


def _change(now: Count | None, before: Count | None) -> Count | None:
    if now is None or before is None or not before.value:
        return None
    return derived(round(100 * (now.value - before.value) / before.value), None, now, before)


def _org_name(orgs: dict[str, Organisation], org: str) -> str:
    return orgs[org].name if org in orgs else org


def _org_short(orgs: dict[str, Organisation], org: str) -> str:
    return orgs[org].short_name if org in orgs else org


def summarise(report: Report, lang: str = DEFAULT) -> list[str]:
    """A few sentences in plain language (bokmål, nynorsk or English: ``words``), from published
    (suppressed) numbers only: the same figures in every language."""
    word = words(lang)
    out = []
    use = report.table("bruk")
    for r, name in enumerate(use.rows):
        avg, peak = use.value(r, 0), use.value(r, 1)
        if avg is None:
            out.append(say("too_few", lang, name=name))
            continue
        text = say("average", lang, name=name, avg=avg)
        if peak is not None:
            text += say("peak", lang, peak=peak)
        out.append(text + ".")
    kinds = report.table("organisasjonstype")
    totals = kinds.row_totals()
    shown = [
        (kinds.rows[r], t.value)
        for r, t in enumerate(totals)
        if t is not None and not kinds.row_totals_hidden[r]
    ]
    if shown and len(shown) == len([t for t in totals if t is not None]):
        biggest = max(shown, key=lambda x: x[1])
        out.append(
            say("most_state", lang)
            if biggest[0] == "Stat"
            else say("biggest_kind", lang, kind=word(biggest[0]).lower())
        )
    orgs = report.table("org-samme-dag")
    for c, name in enumerate(orgs.columns):
        avgs = [v for r in range(len(orgs.rows)) if (v := orgs.value(r, c)) is not None]
        if avgs:
            out.append(say("orgs_a_day", lang, name=name, n=round(sum(avgs) / len(avgs))))
    trend = report.table("trend")
    months = [(trend.rows[r], v) for r in range(len(trend.rows)) if (v := trend.value(r, 0))]
    if len(months) >= 2:
        (first, a), (last, b) = months[0], months[-1]
        first, last = month_name(first, lang), month_name(last, lang)
        change = "users_rose" if b > a else "users_fell" if b < a else "users_held"
        out.append(say(change, lang, a=a, b=b, first=first, last=last))
    cross = report.table("kryss")
    col = cross.col_totals()
    if all(c is not None for c in col) and not any(cross.col_totals_hidden):
        same, other = col[0].value, col[1].value  # type: ignore[union-attr]
        if same + other:
            out.append(say("other_clusters", lang, pct=round(100 * other / (same + other))))
    return out
