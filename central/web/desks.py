"""The Desks page: the site's floor plans with each desk's state (the kiosks' own rules), a
table of the same desks for screen readers and keyboards, and the staff's desk actions: book a
desk for a person and a day, cancel a booking, a fixed desk for an organisation, a desk out of
use. Every change goes through ``central.domain.desks``, the functions the CLI and the demo use,
so it reaches the kiosks through the changes feed.

A person is chosen by name or e-mail in a POSTed form, never in an address; booking and
cancelling for a person is audited, as is opening the page (it names who sits where). The small
script polls ``states.json`` (desk ids and states, no names) to keep the map current.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from central.db.models import Booking, BookingStatus, Desk, Organisation, Person, PersonKind, Site
from central.domain import desk_map, desks, directory, staff
from central.web.console import (
    PREFIX,
    SECURITY_HEADERS,
    Refused,
    Staff,
    account_of,
    clock,
    factory,
    form_of,
    language,
    redirect,
    render,
    require,
    site_in_view,
    sites_for,
    zone_of,
)
from central.web.floor_svg import LOOKS, legend_sample, render_floor, state_key
from central.web.i18n import translate
from kiosk.desk_types import DeskState

MAX_DATALIST = 1000  # more members than this: no suggestion list, the name is typed
MAX_CHOICES = 20
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2199, 12, 31)
DONE = ("booked", "cancelled", "out", "out_booked", "in", "fixed", "unfixed")


class Problem(Exception):
    """Bad input: the catalogue key of the message, shown on the page (422)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass
class Outcome:
    done: str | None = None
    problem: str | None = None
    choices: list[dict[str, str]] | None = None


def router() -> APIRouter:
    pages = APIRouter(prefix=f"{PREFIX}/desks", include_in_schema=False)

    @pages.get("")
    def overview(
        request: Request, site: str | None = None, day: str = "", done: str = ""
    ) -> Response:
        who = require(request)
        now = clock(request).now()
        with factory(request).begin() as session:
            place = site_in_view(session, who, site)
            try:
                chosen = _parse_day(day) if day else desks.local_day(place, now)
                problem = None
            except Problem as exc:
                chosen, problem = desks.local_day(place, now), exc.key
            staff.audit(
                session,
                account_of(session, who),
                "desks.open",
                now=now,
                site=place.code,
                detail=chosen.isoformat(),
            )
            code = place.code
        outcome = Outcome(done=done if done in DONE else None, problem=problem)
        return _page(request, who, code, chosen, outcome, {}, 422 if problem else 200)

    @pages.get("/states.json")
    def states(request: Request, site: str | None = None, day: str = "") -> Response:
        """Each desk's state for the page's script: ids and states only, never a name."""
        who = require(request)
        now = clock(request).now()
        with factory(request)() as session:
            place = site_in_view(session, who, site)
            try:
                chosen = _parse_day(day) if day else desks.local_day(place, now)
            except Problem:
                chosen = desks.local_day(place, now)
            floors = desk_map.site_map(session, place, chosen, now)
        body = {d.id: state_key(d.state) for f in floors for d in f.desks}
        return JSONResponse({"desks": body}, headers=SECURITY_HEADERS)

    _booking_routes(pages)
    _desk_routes(pages)
    return pages


def _booking_routes(pages: APIRouter) -> None:
    @pages.post("/book")
    async def book(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        fields = _fields(form)
        now = clock(request).now()
        outcome = Outcome()
        with factory(request).begin() as session:
            place = site_in_view(session, who, fields["site"])
            code = place.code
            try:
                day = _parse_day(fields["date"])
                desk = _desk(session, place, fields["desk"])
                start_time, end_time = _parse_time(fields["start"]), _parse_time(fields["end"])
                start = desks.local_moment(place, day, start_time.strftime("%H:%M"))
                end = desks.local_moment(place, day, end_time.strftime("%H:%M"))
                if day < desks.local_day(place, now) or end <= now:
                    raise Problem("desks_date_past")
                if end <= start:
                    raise Problem("desks_rule_end_before_start")
                found = _people(session, place, fields["person"], fields["person_id"])
                if len(found) != 1:
                    outcome.choices = [
                        {"id": p.id, "name": p.name, "email": p.email} for p in found
                    ]
                    raise Problem("desks_choose_person" if found else "desks_unknown_person")
                person = found[0]
                try:
                    booking = desks.add_booking(session, person, desk, start, end, now=now)
                except desks.DeskRuleError as exc:
                    raise Problem(f"desks_rule_{exc.reason}") from None
                staff.audit(
                    session,
                    account_of(session, who),
                    "desk.book",
                    now=now,
                    site=code,
                    subject=person.id,
                    detail=f"{desk.label} {day.isoformat()} {start_time:%H:%M}-{end_time:%H:%M}"
                    f" booking {booking.id}",
                )
                outcome.done = "booked"
            except Problem as exc:
                outcome.problem = exc.key
        if outcome.problem is not None:
            shown = _day_or_today(fields["date"], session_site=code, request=request)
            return _page(request, who, code, shown, outcome, fields, 422)
        return redirect(_address(code, day, "booked"))

    @pages.post("/cancel")
    async def cancel(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            place = site_in_view(session, who, str(form.get("site") or ""))
            text = str(form.get("booking") or "")
            booking = session.get(Booking, int(text)) if text.isdigit() and len(text) < 19 else None
            if booking is None or booking.site != place.code:
                raise Refused(404, "not_found")
            day = desks.local_day(place, booking.start_at)
            if booking.status == BookingStatus.BOOKED:
                desks.set_booking_status(session, booking, BookingStatus.CANCELLED)
                staff.audit(
                    session,
                    account_of(session, who),
                    "desk.booking_cancel",
                    now=now,
                    site=place.code,
                    subject=booking.person_id,
                    detail=f"booking {booking.id}",
                )
            code = place.code
        return redirect(_address(code, day, "cancelled"))


def _desk_routes(pages: APIRouter) -> None:
    @pages.post("/use")
    async def in_use(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        now = clock(request).now()
        wanted = form.get("in_use") == "1"
        day_text = str(form.get("day") or "")
        with factory(request).begin() as session:
            place = site_in_view(session, who, str(form.get("site") or ""))
            code = place.code
            try:
                desk = _desk(session, place, str(form.get("desk") or ""))
            except Problem:
                raise Refused(404, "not_found") from None
            desks.set_desk_in_use(session, desk, wanted)
            ahead = session.scalar(
                select(func.count()).where(
                    Booking.desk_id == desk.id,
                    Booking.status == BookingStatus.BOOKED,
                    Booking.end_at > now,
                )
            )
            staff.audit(
                session,
                account_of(session, who),
                "desk.in_use" if wanted else "desk.out_of_use",
                now=now,
                site=code,
                subject=desk.label,
            )
        day = _day_or_today(day_text, session_site=code, request=request)
        done = "in" if wanted else ("out_booked" if ahead else "out")
        return redirect(_address(code, day, done))

    _fixed_routes(pages)


def _fixed_routes(pages: APIRouter) -> None:
    @pages.post("/fixed")
    async def fixed(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        fields = _fields(form)
        now = clock(request).now()
        outcome = Outcome()
        with factory(request).begin() as session:
            place = site_in_view(session, who, fields["site"])
            code = place.code
            try:
                desk = _desk(session, place, fields["fix_desk"])
                organisation = session.get(Organisation, fields["organisation"][:64])
                if organisation is None:
                    raise Problem("desks_unknown_org")
                first = _parse_day(fields["fix_from"])
                last = _parse_day(fields["fix_until"]) if fields["fix_until"] else None
                if first < desks.local_day(place, now):
                    raise Problem("desks_date_past")
                if last is not None and last < first:
                    raise Problem("desks_rule_end_before_start")
                try:
                    desks.assign_desk(
                        session,
                        desk,
                        person=None,
                        organisation=organisation,
                        valid_from=first,
                        valid_until=last + timedelta(days=1) if last else None,
                    )
                except desks.DeskRuleError as exc:
                    raise Problem(f"desks_rule_{exc.reason}") from None
                staff.audit(
                    session,
                    account_of(session, who),
                    "desk.fixed",
                    now=now,
                    site=code,
                    subject=desk.label,
                    detail=f"{organisation.id} from {first.isoformat()}",
                )
            except Problem as exc:
                outcome.problem = exc.key
        if outcome.problem is not None:
            shown = _day_or_today(fields["day"], session_site=code, request=request)
            return _page(request, who, code, shown, outcome, fields, 422)
        return redirect(_address(code, first, "fixed"))

    @pages.post("/unfix")
    async def unfix(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        now = clock(request).now()
        day_text = str(form.get("day") or "")
        with factory(request).begin() as session:
            place = site_in_view(session, who, str(form.get("site") or ""))
            code = place.code
            try:
                desk = _desk(session, place, str(form.get("desk") or ""))
            except Problem:
                raise Refused(404, "not_found") from None
            today = desks.local_day(place, now)
            try:
                day = max(_parse_day(day_text), today) if day_text else today
            except Problem:
                day = today
            assignment = desks.assignment_on(session, desk.id, day)
            if assignment is not None:
                desks.end_assignment(session, assignment, day=day)
                staff.audit(
                    session,
                    account_of(session, who),
                    "desk.unfixed",
                    now=now,
                    site=code,
                    subject=desk.label,
                    detail=f"from {day.isoformat()}",
                )
        return redirect(_address(code, day, "unfixed"))


def _address(site: str, day: date, done: str) -> str:
    return f"{PREFIX}/desks?site={site}&day={day.isoformat()}&done={done}"


def _fields(form: Any) -> dict[str, str]:
    names = (
        *("site", "date", "desk", "start", "end", "person", "person_id", "day"),
        *("fix_desk", "organisation", "fix_from", "fix_until"),
    )
    return {name: str(form.get(name) or "").strip()[:200] for name in names}


def _parse_day(text: str) -> date:
    """A day from a form or the address; Problem for anything else, or a year no one books
    (the site's day bounds of year 1 or 9999 are outside what a datetime holds)."""
    try:
        day = date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise Problem("desks_date_bad") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Problem("desks_date_bad")
    return day


def _parse_time(text: str) -> time:
    try:
        parsed = time.fromisoformat(text.strip()[:8])
    except ValueError:
        raise Problem("desks_time_bad") from None
    return parsed.replace(second=0, microsecond=0, tzinfo=None)


def _day_or_today(text: str, *, session_site: str, request: Request) -> date:
    now = clock(request).now()
    with factory(request)() as session:
        site = session.get(Site, session_site)
        assert site is not None
        try:
            return _parse_day(text) if text else desks.local_day(site, now)
        except Problem:
            return desks.local_day(site, now)


def _desk(session: Session, place: Site, label: str) -> Desk:
    desk = session.get(Desk, directory.desk_id(place.code, label.strip()[:16])) if label else None
    if desk is None or desk.site != place.code or desk.floor_id is None:
        raise Problem("desks_unknown_desk")
    return desk


def _members(place: Site) -> Any:
    return select(Person).where(
        Person.site == place.code, Person.active.is_(True), Person.kind == PersonKind.MEMBER
    )


def _people(session: Session, place: Site, text: str, person_id: str) -> list[Person]:
    """The members of the site the typed name or e-mail (or the chosen id) fits."""
    if person_id:
        found = session.scalars(_members(place).where(Person.id == person_id[:36]))
        return list(found)
    text = " ".join(text.split())
    if not text:
        return []
    if text.endswith(")") and "(" in text:  # "Name (e-mail)", as the suggestion list has it
        text = text[text.rindex("(") + 1 : -1].strip()
    email = directory.normalise_email(text)
    exact = session.scalars(_members(place).where(Person.email == email)).first()
    if exact is not None:
        return [exact]
    folded = text.casefold()
    named = list(
        session.scalars(_members(place).where(func.lower(Person.name) == folded).limit(MAX_CHOICES))
    )
    if named:
        return named
    like = f"%{folded}%"
    return list(
        session.scalars(
            _members(place)
            .where(or_(func.lower(Person.name).like(like), func.lower(Person.email).like(like)))
            .order_by(func.lower(Person.family_name), func.lower(Person.given_name))
            .limit(MAX_CHOICES)
        )
    )


def _page(
    request: Request,
    who: Staff,
    site: str,
    day: date,
    outcome: Outcome,
    fields: dict[str, str],
    status: int,
) -> Response:
    lang = language(request)
    now = clock(request).now()
    with factory(request)() as session:
        place = site_in_view(session, who, site)
        zone = zone_of(place)
        floors = desk_map.site_map(session, place, day, now)
        words = {state: translate(f"desks_state_{LOOKS[state].key}", lang) for state in DeskState}
        shown: list[dict[str, Any]] = []
        counts: dict[str, int] = {LOOKS[s].key: 0 for s in DeskState}
        for index, floor in enumerate(floors):
            rows: list[dict[str, Any]] = []
            for d in floor.desks:
                key = state_key(d.state)
                counts[key] += 1
                rows.append(
                    {
                        "id": d.id,
                        "label": d.label,
                        "zone": d.zone,
                        "mode": d.mode,
                        "active": d.active,
                        "state": key,
                        "state_word": words[d.state],
                        "from": (
                            d.status.free_until.astimezone(zone).strftime("%H:%M")
                            if d.state is DeskState.BOOKED_LATER and d.status.free_until
                            else ""
                        ),
                        "holder": d.holder or "",
                        "fixed_for": d.fixed_for or "",
                        "fixed": d.fixed_assignment is not None,
                        "bookings": [
                            {
                                "id": b.id,
                                "name": b.person_name,
                                "start": b.start.astimezone(zone).strftime("%H:%M"),
                                "end": b.end.astimezone(zone).strftime("%H:%M"),
                            }
                            for b in d.bookings
                        ],
                    }
                )
            shown.append(
                {
                    "id": floor.id,
                    "name": floor.name,
                    "svg": render_floor(floor, words=words, index=index),
                    "rows": rows,
                }
            )
        member_count = session.scalar(select(func.count()).select_from(_members(place).subquery()))
        members = (
            [
                {"name": p.name, "email": p.email}
                for p in session.scalars(
                    _members(place).order_by(
                        func.lower(Person.family_name), func.lower(Person.given_name)
                    )
                )
            ]
            if (member_count or 0) <= MAX_DATALIST
            else []
        )
        organisations = session.execute(
            select(Organisation.id, Organisation.name).order_by(Organisation.name)
        ).all()
        sites = [s.code for s in sites_for(session, who)]
        bookable = [
            r["label"] for f in shown for r in f["rows"] if r["mode"] == "bookable" and r["active"]
        ]
        all_labels = [r["label"] for f in shown for r in f["rows"] if r["active"]]
        today = desks.local_day(place, now)
        closing = place.closing_time
    legend = [
        {"key": LOOKS[s].key, "word": words[s], "sample": legend_sample(s, index=90 + i)}
        for i, s in enumerate(DeskState)
    ]
    return render(
        request,
        "desks.html",
        who,
        status=status,
        site=place,
        sites=sites,
        day=day.isoformat(),
        today=today.isoformat(),
        is_today=day == today,
        floors=shown,
        legend=legend,
        counts=counts,
        outcome=outcome,
        fields={
            "date": fields.get("date") or day.isoformat(),
            "desk": fields.get("desk", ""),
            "start": fields.get("start") or "08:00",
            "end": fields.get("end") or closing,
            "person": fields.get("person", ""),
            "fix_desk": fields.get("fix_desk", ""),
            "organisation": fields.get("organisation", ""),
            "fix_from": fields.get("fix_from") or max(day, today).isoformat(),
            "fix_until": fields.get("fix_until", ""),
        },
        members=members,
        organisations=organisations,
        bookable=bookable,
        all_labels=all_labels,
        now_text=now.astimezone(zone).strftime("%H:%M") if day == today else "",
    )
