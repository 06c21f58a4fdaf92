"""The Reports page: the pilot's report (``central.domain.reports``) in the console, for a period
and one site or all four side by side, every chart as SVG drawn here with its table beside it,
each table as CSV, and the whole report as PDF, all in the viewer's language. Aggregates only:
``analyst`` accounts see this page and nothing else, ``admin`` and ``analyst`` every site,
``staff`` their own.

The address holds only the period, the site and a preset: nothing personal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.db.models import ReportCell, Site, StaffRole
from central.domain import desks
from central.domain.reports import charts, csv_export, pdf, tables
from central.domain.reports.suppression import PROTECTED, SUPPRESSED
from central.domain.reports.words import translated, words
from central.web.console import (
    PREFIX,
    SECURITY_HEADERS,
    Refused,
    Staff,
    clock,
    factory,
    language,
    render,
    require,
)
from central.web.i18n import translate
from kiosk import desk_rules

ALL = "all"
PRESETS = ("30d", "year", "pilot")
LONGEST = timedelta(days=3 * 366)


class BadRequest(Exception):
    """A period or site the page cannot show: the key of its message, status 400 or 404."""

    def __init__(self, key: str, status: int = 400, subject: str = "") -> None:
        super().__init__(key)
        self.key, self.status, self.subject = key, status, subject


class BadAnswer(Exception):
    """A download's period or site is wrong: the message, as plain text with status 400."""

    def response(self) -> Response:
        return Response(
            str(self),
            status_code=400,
            media_type="text/plain; charset=utf-8",
            headers=SECURITY_HEADERS,
        )


@dataclass(frozen=True)
class Choice:
    """What the page shows: a period and the sites (one, or all the viewer may see)."""

    first: date
    last: date
    site: str  # a site code or ALL
    sites: list[str]

    def query(self, **extra: str) -> str:
        return urlencode(
            {"from": self.first.isoformat(), "to": self.last.isoformat(), "site": self.site} | extra
        )


def visible_sites(session: Session, who: Staff) -> list[Site]:
    if who.role in (StaffRole.ADMIN, StaffRole.ANALYST):
        return list(session.scalars(select(Site).order_by(Site.code)))
    site = session.get(Site, who.site)
    return [site] if site is not None else []


def _today(request: Request, sites: list[Site]) -> date:
    zone = desks.zone_of(sites[0]) if sites else None
    now = clock(request).now()
    return desk_rules.local_day(zone, now) if zone is not None else now.date()


def _pilot_start(session: Session, codes: list[str], fallback: date) -> date:
    first = session.scalar(
        select(func.min(ReportCell.start)).where(
            ReportCell.site.in_(codes), ReportCell.period == "day"
        )
    )
    return first or fallback


def _date(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise BadRequest("report_bad_date", subject=text.strip()[:20])
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadRequest("report_bad_date", subject=text.strip()[:20]) from None


def choose(
    session: Session,
    request: Request,
    who: Staff,
    first: str,
    last: str,
    site: str,
    preset: str,
) -> Choice:
    """The period and sites asked for, checked; BadRequest says what is wrong."""
    sites = visible_sites(session, who)
    codes = [s.code for s in sites]
    wanted = site.strip() or (ALL if len(codes) > 1 else who.site)
    if wanted == ALL and len(codes) > 1:
        chosen = codes
    elif wanted in codes:
        chosen = [wanted]
    elif session.get(Site, wanted) is not None:
        raise BadRequest("not_found", status=404)  # another site's figures are not theirs
    else:
        raise BadRequest("report_unknown_site")
    today = _today(request, sites)
    yesterday = today - timedelta(days=1)
    if preset or not (first or last):
        preset = preset or "pilot"
        if preset == "30d":
            start, end = today - timedelta(days=30), yesterday
        elif preset == "year":
            start, end = today.replace(month=1, day=1), yesterday
        elif preset == "pilot":
            start, end = _pilot_start(session, chosen, yesterday), yesterday
        else:
            raise BadRequest("report_unknown_preset")
        return Choice(min(start, end), end, wanted, chosen)
    start = _date(first) if first else today - timedelta(days=30)
    end = _date(last) if last else yesterday
    if end < start:
        raise BadRequest("report_to_before_from")
    if end - start > LONGEST:
        raise BadRequest("report_too_long")
    return Choice(start, end, wanted, chosen)


def _shown(table: tables.Table, lang: str) -> dict[str, Any]:
    word = words(lang)
    grid = table.published()
    header = [*grid[0][:-1], word("Sum")] if table.totals else grid[0]
    body = [[word(row[0]) if row[0] == "Sum" else row[0], *row[1:]] for row in grid[1:]]
    return {
        "slug": table.slug,
        "title": table.title,
        "description": table.description,
        "svg": charts.svg(table),
        "header": header,
        "body": body,
    }


def router() -> APIRouter:
    pages = APIRouter(prefix=f"{PREFIX}/reports", include_in_schema=False)

    @pages.get("")
    def reports_page(request: Request, site: str = "", preset: str = "") -> Response:
        who = require(request, names=False)
        lang = language(request)
        # "from" is a Python keyword: read the two dates from the query itself
        first = request.query_params.get("from", "")[:40]
        last = request.query_params.get("to", "")[:40]
        with factory(request)() as session:
            sites = visible_sites(session, who)
            options = [(s.code, s.name) for s in sites]
            try:
                choice = choose(session, request, who, first, last, site[:40], preset[:20])
            except BadRequest as bad:
                if bad.status == 404:
                    raise Refused(404, bad.key) from None
                return render(
                    request,
                    "reports.html",
                    who,
                    status=bad.status,
                    error=(f"«{bad.subject}» " if bad.subject else "") + translate(bad.key, lang),
                    form={"from": first, "to": last, "site": site or ALL},
                    options=options,
                    presets=_presets(site or ALL),
                    report=None,
                )
            report = tables.build(session, choice.sites, choice.first, choice.last)
        shown = [_shown(translated(t, lang), lang) for t in report.tables]
        return render(
            request,
            "reports.html",
            who,
            error=None,
            form={
                "from": choice.first.isoformat(),
                "to": choice.last.isoformat(),
                "site": choice.site,
            },
            options=options,
            presets=_presets(choice.site),
            report=report,
            summary=tables.summarise(report, lang),
            period=f"{choice.first:%d.%m.%Y}–{choice.last:%d.%m.%Y}",
            tables=shown,
            # days with visits at any site
            has_figures=any(row[5] and row[5].value for row in report.table("bruk").cells),
            query=choice.query(),
            marks={SUPPRESSED: "report_small", PROTECTED: "report_hidden"},
        )

    def download(request: Request, site: str, preset: str) -> tuple[Choice, tables.Report]:
        """The report a download asks for; BadAnswer (400) or Refused (404) if none."""
        who = require(request, names=False)
        first = request.query_params.get("from", "")[:40]
        last = request.query_params.get("to", "")[:40]
        with factory(request)() as session:
            try:
                choice = choose(session, request, who, first, last, site[:40], preset[:20])
            except BadRequest as bad:
                if bad.status == 404:
                    raise Refused(404, bad.key) from None
                text = (f"«{bad.subject}» " if bad.subject else "") + translate(
                    bad.key, language(request)
                )
                raise BadAnswer(text) from None
            return choice, tables.build(session, choice.sites, choice.first, choice.last)

    @pages.get("/report.pdf")
    def report_pdf(request: Request, site: str = "", preset: str = "") -> Response:
        """The whole report as the PDF the CLI writes, in the viewer's language."""
        try:
            choice, report = download(request, site, preset)
        except BadAnswer as bad:
            return bad.response()
        lang = language(request)
        name = f"regionlab-rapport-{choice.site}-{choice.first}-{choice.last}-{lang}.pdf"
        return Response(
            pdf.build(report, lang),
            media_type="application/pdf",
            headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
        )

    @pages.get("/{slug}.csv")
    def table_csv(request: Request, slug: str, site: str = "", preset: str = "") -> Response:
        try:
            choice, report = download(request, site, preset)
        except BadAnswer as bad:
            return bad.response()
        table = next((t for t in report.tables if t.slug == slug), None)
        if table is None:
            raise Refused(404, "not_found")
        name = f"regionlab-{slug}-{choice.site}-{choice.first}-{choice.last}.csv"
        return Response(
            "\ufeff" + csv_export.table_csv(table),
            media_type="text/csv; charset=utf-8",
            headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
        )

    return pages


def _presets(site: str) -> list[tuple[str, str]]:
    return [
        (key, f"{PREFIX}/reports?" + urlencode({"preset": key, "site": site})) for key in PRESETS
    ]
