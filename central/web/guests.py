"""The Guests page: invite a guest (the pass by e-mail), resend, cancel; today's and upcoming
invited guests, and today's walk-ins.

Inviting goes through ``central.domain.invitations`` and ``invitation_mail``, as the command
line's ``invite`` does: the guest, pass and invitation commit first, the e-mail goes out after
the commit (no network inside the transaction), then the invitation is marked sent. Without a
mail server configured (``REGIONLAB_SMTP_HOST``) the page says so and offers the pass as PDF.

No personal data in an address: every action is a POST whose body names the pass (a random
id); the access log shows only ``/staff/guests/...``. Every read and change is audited.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from central.db.models import GuestArrival, Invitation, PassRecord, Person, PersonKind, Site, Visit
from central.domain import (
    desks,
    directory,
    invitation_mail,
    invitations,
    pass_sheets,
    passes,
    staff,
)
from central.web.console import (
    PREFIX,
    SECURITY_HEADERS,
    Refused,
    Staff,
    account_of,
    clock,
    factory,
    form_of,
    local,
    render,
    require,
    site_in_view,
    sites_for,
    zone_of,
)

# Up to this many members the host is a list to choose from; beyond it, their e-mail typed.
HOST_LIST_MAX = 1000
LIST_MAX = 500
_DAY = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_PURPOSES = {
    "meeting": "purpose_meeting",
    "lunch_talk": "purpose_lunch",
    "working": "purpose_working",
}


@dataclass(frozen=True)
class Outcome:
    """What the page tells after an action: a catalogue key, whom it concerns, and the pass to
    offer as PDF when no e-mail went out."""

    key: str
    ok: bool
    about: str = ""
    pdf_pass: str = ""


def smtp_settings() -> invitation_mail.SmtpSettings | None:
    try:
        return invitation_mail.configured()
    except invitation_mail.MailError:
        return None


def router() -> APIRouter:
    pages = APIRouter(prefix=f"{PREFIX}/guests", include_in_schema=False)

    @pages.get("")
    def listing(request: Request, site: str | None = None) -> Response:
        who = require(request)
        with factory(request).begin() as session:
            place = site_in_view(session, who, site)
            return _page(request, who, session, place, "guests.list")

    @pages.post("/invite")
    async def invite(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        now = clock(request).now()
        settings = smtp_settings()
        with factory(request).begin() as session:
            place = site_in_view(session, who, str(form.get("site") or ""))
            fields, errors = _check(session, place, form, now)
            if errors:
                return _page(request, who, session, place, None, fields=fields, errors=errors)
        try:
            # Its own transaction: an invitation refused half-way leaves nothing behind.
            with factory(request).begin() as session:
                prepared = invitations.prepare(
                    session,
                    email=fields["email"],
                    host_ref=fields["host_id"],
                    first_day=fields["first_day"],
                    days=fields["days"],
                    name=fields["name"],
                    now=now,
                )
                pass_id, address = prepared.record.pass_id, prepared.guest.email
                staff.audit(
                    session,
                    account_of(session, who),
                    "invitation.create" if prepared.new else "invitation.reuse",
                    now=now,
                    site=place.code,
                    subject=prepared.guest.id,
                    detail=pass_id,
                )
                message = invitation_mail.compose(prepared, settings) if settings else None
        except (invitations.InvitationError, directory.UnknownSite, LookupError) as exc:
            # LookupError: the store has no signing key to sign the pass with.
            errors["form"] = getattr(exc, "reason", "invite_refused")
            with factory(request).begin() as session:
                place = site_in_view(session, who, place.code)
                return _page(request, who, session, place, None, fields=fields, errors=errors)
        outcome = _send(request, who, pass_id, address, message, settings, place.code)
        with factory(request).begin() as session:
            place = site_in_view(session, who, place.code)
            return _page(request, who, session, place, None, outcome=outcome)

    @pages.post("/resend")
    async def resend(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        settings = smtp_settings()
        with factory(request).begin() as session:
            found = _reopened(request, who, session, form, "invitation.resend")
            if isinstance(found, Response):
                return found
            record, place, prepared = found
            address = prepared.guest.email
            message = invitation_mail.compose(prepared, settings) if settings else None
        outcome = _send(request, who, record.pass_id, address, message, settings, place.code)
        with factory(request).begin() as session:
            place = site_in_view(session, who, place.code)
            return _page(request, who, session, place, None, outcome=outcome)

    @pages.post("/cancel")
    async def cancel(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            record = _record(session, who, str(form.get("pass") or ""))
            place = site_in_view(session, who, record.site)
            # Revoked in the feed: each kiosk of the site refuses the pass after its next sync.
            passes.revoke_pass(session, record.pass_id, now=now)
            guest = session.get(Person, record.person_id)
            staff.audit(
                session,
                account_of(session, who),
                "invitation.cancel",
                now=now,
                site=place.code,
                subject=record.person_id,
                detail=record.pass_id,
            )
            outcome = Outcome("invite_cancelled", True, guest.name if guest else "")
            return _page(request, who, session, place, None, outcome=outcome)

    @pages.post("/pass.pdf")
    async def pass_pdf(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        with factory(request).begin() as session:
            found = _reopened(request, who, session, form, "invitation.pdf")
            if isinstance(found, Response):
                return found
            record, place, prepared = found
            lines = passes.caption(prepared.guest, place.name, record, zone_of(place))[1:]
            card = pass_sheets.Card(prepared.token, prepared.guest.name, lines)
        page = pass_sheets.single_page(card, "a6")
        buffer = io.BytesIO()
        page.save(buffer, format="PDF", resolution=float(pass_sheets.DPI), title="RegionLab-pass")
        headers = {
            **SECURITY_HEADERS,
            # The file's name says nothing about whose pass it is.
            "Content-Disposition": 'attachment; filename="regionlab-gjestekort.pdf"',
        }
        return Response(buffer.getvalue(), media_type="application/pdf", headers=headers)

    return pages


def _send(
    request: Request,
    who: Staff,
    pass_id: str,
    address: str,
    message: Any,
    settings: invitation_mail.SmtpSettings | None,
    site: str,
) -> Outcome:
    """Send the composed invitation (outside any transaction) and mark it sent."""
    if settings is None or message is None:
        return Outcome("mail_off", False, address, pass_id)
    try:
        invitation_mail.send(message, settings)
    except invitation_mail.MailError:
        with factory(request).begin() as session:
            staff.audit(
                session,
                account_of(session, who),
                "invitation.mail_failed",
                now=clock(request).now(),
                site=site,
                detail=pass_id,
            )
        return Outcome("mail_failed", False, address, pass_id)
    with factory(request).begin() as session:
        invitations.mark_sent(session, pass_id, now=clock(request).now())
    return Outcome("invite_sent", True, address)


def _reopened(
    request: Request, who: Staff, session: Session, form: Any, action: str
) -> tuple[PassRecord, Site, invitations.PreparedInvitation] | Response:
    """The form's invitation ready to send again (resend, PDF), the reading audited as
    ``action``; a cancelled or unknown one answers the page with the reason (409)."""
    record = _record(session, who, str(form.get("pass") or ""))
    place = site_in_view(session, who, record.site)
    try:
        prepared = invitations.reopen(session, record.pass_id)
    except (invitations.InvitationError, LookupError) as exc:
        outcome = Outcome(getattr(exc, "reason", "invite_refused"), False)
        return _page(request, who, session, place, None, outcome=outcome, status=409)
    staff.audit(
        session,
        account_of(session, who),
        action,
        now=clock(request).now(),
        site=place.code,
        subject=prepared.guest.id,
        detail=record.pass_id,
    )
    return record, place, prepared


def _record(session: Session, who: Staff, pass_id: str) -> PassRecord:
    """The invitation's pass, if the staff member may see its site (else 404)."""
    key = pass_id.strip().lower()[:16]
    record = session.get(PassRecord, key) if key else None
    if record is None or session.get(Invitation, key) is None:
        raise Refused(404, "not_found")
    site_in_view(session, who, record.site)
    return record


def _parse_day(text: str) -> date | None:
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _DAY.match(text)
    if match is None:
        return None
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


def _check(
    session: Session, place: Site, form: Any, now: datetime
) -> tuple[dict[str, Any], dict[str, str]]:
    """The invite form's fields and, per field, what is wrong (a catalogue key)."""
    raw_days = str(form.get("days") or "1").strip()
    fields: dict[str, Any] = {
        "name": " ".join(str(form.get("name") or "").split())[:200],
        "email": directory.normalise_email(str(form.get("email") or ""))[:254],
        "host": str(form.get("host") or "").strip()[:254],
        "day": str(form.get("day") or "").strip()[:20],
        "days_text": raw_days[:6],
    }
    errors: dict[str, str] = {}
    if not fields["name"]:
        errors["name"] = "guest_name_missing"
    if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", fields["email"]):
        errors["email"] = "email_bad"
    host = _host(session, place, fields["host"])
    if host is None:
        errors["host"] = "host_unknown"
    elif directory.normalise_email(host.email) == fields["email"]:
        errors["host"] = "host_self"
    else:
        fields["host_id"] = host.id
    first_day = _parse_day(fields["day"])
    if first_day is None:
        errors["day"] = "day_bad"
    elif first_day < desks.local_day(place, now):
        errors["day"] = "day_past"
    else:
        fields["first_day"] = first_day
    days = int(raw_days) if raw_days.isdigit() and len(raw_days) < 4 else 0
    if not 1 <= days <= invitations.MAX_DAYS:
        errors["days"] = "days_bad"
    fields["days"] = days
    return fields, errors


def _host(session: Session, place: Site, ref: str) -> Person | None:
    """An active member of ``place``: chosen from the list (their id) or typed (e-mail)."""
    if not ref:
        return None
    person = session.get(Person, ref) if "@" not in ref else directory.find_person(session, ref)
    if (
        person is None
        or person.kind != PersonKind.MEMBER
        or not person.active
        or person.site != place.code
    ):
        return None
    return person


def _hosts(session: Session, place: Site) -> list[tuple[str, str]] | None:
    """(id, "name · organisation") of the site's active members to choose a host from; None
    when there are too many for a list (the form then asks for the host's e-mail)."""
    where = (Person.site == place.code, Person.kind == PersonKind.MEMBER, Person.active)
    count = session.scalar(select(func.count()).select_from(Person).where(*where)) or 0
    if count > HOST_LIST_MAX:
        return None
    people = session.scalars(
        select(Person).where(*where).order_by(func.lower(Person.name), Person.id)
    ).all()
    return [
        (p.id, p.name + (f" · {p.organisation.short_name}" if p.organisation else ""))
        for p in people
    ]


def _invited(session: Session, place: Site, now: datetime) -> list[dict[str, Any]]:
    """Invitations to ``place`` for today and later, first day first."""
    zone = zone_of(place)
    start, end = desks.day_bounds(place, desks.local_day(place, now))
    guest, host = aliased(Person), aliased(Person)
    rows = session.execute(
        select(Invitation, PassRecord, guest.name, guest.email, host.name)
        .join(PassRecord, PassRecord.pass_id == Invitation.pass_id)
        .join(guest, guest.id == Invitation.guest_id)
        .join(host, host.id == Invitation.host_id)
        .where(PassRecord.site == place.code, PassRecord.valid_to > start)
        .order_by(PassRecord.valid_from, func.lower(guest.name), PassRecord.pass_id)
        .limit(LIST_MAX)
    ).all()
    guest_ids = {invitation.guest_id for invitation, *_ in rows}
    arrivals = dict(
        session.execute(
            select(Visit.person_id, func.min(Visit.checked_in_at))
            .where(
                Visit.site == place.code,
                Visit.person_id.in_(guest_ids),
                Visit.checked_in_at >= start,
                Visit.checked_in_at < end,
            )
            .group_by(Visit.person_id)
        ).all()
    )
    result = []
    for invitation, record, name, email, host_name in rows:
        today = record.valid_from < end
        came = arrivals.get(invitation.guest_id) if today else None
        result.append(
            {
                "pass": record.pass_id,
                "name": name,
                "email": email,
                "host": host_name,
                "days": passes.validity_text(record.valid_from, record.valid_to, zone),
                "today": today,
                "cancelled": record.revoked_at is not None,
                "sent": invitation.sent_at is not None,
                "arrived": local(came, zone) if came is not None else "",
            }
        )
    return result


def _walk_ins(session: Session, place: Site, now: datetime) -> list[dict[str, Any]]:
    """Guests who came today without an invitation (registered at a kiosk)."""
    zone = zone_of(place)
    start, end = desks.day_bounds(place, desks.local_day(place, now))
    guest, host = aliased(Person), aliased(Person)
    rows = session.execute(
        select(GuestArrival, guest.name, host.name)
        .join(guest, guest.id == GuestArrival.guest_id)
        .join(host, host.id == GuestArrival.host_id)
        .where(
            GuestArrival.site == place.code,
            GuestArrival.arrived_at >= start,
            GuestArrival.arrived_at < end,
            GuestArrival.purpose.is_not(None),
        )
        .order_by(GuestArrival.arrived_at)
        .limit(LIST_MAX)
    ).all()
    return [
        {
            "name": name,
            "organisation": arrival.organisation,
            "host": host_name,
            "purpose": _PURPOSES.get(arrival.purpose or "", ""),
            "time": local(arrival.arrived_at, zone),
        }
        for arrival, name, host_name in rows
    ]


def _page(
    request: Request,
    who: Staff,
    session: Session,
    place: Site,
    action: str | None,
    *,
    fields: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    outcome: Outcome | None = None,
    status: int | None = None,
) -> Response:
    now = clock(request).now()
    invited = _invited(session, place, now)
    walk_ins = _walk_ins(session, place, now)
    staff.audit(
        session,
        account_of(session, who),
        action or "guests.list",
        now=now,
        site=place.code,
        detail=f"{len(invited)} invited, {len(walk_ins)} walk-ins",
    )
    today = desks.local_day(place, now)
    values = fields or {"day": today.isoformat(), "days_text": "1"}
    failed = bool(errors)
    return render(
        request,
        "guests.html",
        who,
        status=status or (422 if failed else 200),
        site=place,
        sites=[s.code for s in sites_for(session, who)],
        hosts=_hosts(session, place),
        fields=values,
        errors=errors or {},
        outcome=outcome,
        mail_on=smtp_settings() is not None,
        today=today.isoformat(),
        max_days=invitations.MAX_DAYS,
        invited=invited,
        walk_ins=walk_ins,
    )
