"""A person's QR passes on the People page: issue one (shown to print), e-mail one as a PDF
(with a new PIN if asked; without an SMTP server set, the PDF is offered to download instead),
revoke them all. Each is audited."""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import PassRecord, Person, Site
from central.domain import invitation_mail, pass_sheets, passes, person_pins, staff
from central.web.console import (
    PREFIX,
    Staff,
    account_of,
    clock,
    factory,
    form_of,
    local,
    redirect,
    render,
    require,
    site_in_view,
    zone_of,
)

PDF_NAME = "regionlab-pass.pdf"


def smtp_configured() -> bool:
    """Whether the operator set an SMTP server (``REGIONLAB_SMTP_HOST``): without one the
    console does not guess at 127.0.0.1:25 but offers the PDF."""
    return bool(os.environ.get(invitation_mail.HOST_ENV, "").strip())


def pass_pdf(person: Person, place: Site, issued: passes.IssuedPass) -> bytes:
    """The pass on an A6 page, as PDF (central.domain.pass_sheets)."""
    lines = passes.caption(person, place.name, issued.record, zone_of(place))
    card = pass_sheets.Card(issued.token, person.name, lines[1:])
    buffer = io.BytesIO()
    pass_sheets.single_page(card).save(
        buffer, format="PDF", resolution=float(pass_sheets.DPI), title="RegionLab-pass"
    )
    return buffer.getvalue()


def pass_message(
    person: Person, place: Site, pdf: bytes, pin: str | None, sender: str
) -> EmailMessage:
    """The member's pass by e-mail: bokmål then English, the PDF attached, a new PIN in the
    text when one was made."""
    nb = [
        f"Hei, {person.given_name or person.name}!",
        f"Her er adgangskortet ditt for {place.name}. Hold QR-koden i vedlegget foran kameraet "
        "eller skanneren på skjermen ved inngangen; du kan vise den på mobilen eller skrive den "
        "ut.",
    ]
    en = [
        f"Here is your pass for {place.name}. Hold the QR code attached in front of the camera "
        "or scanner at the entrance screen; show it on your phone or print it.",
    ]
    if pin is not None:
        nb.append(f"Den nye PIN-koden din er {pin}. Du trenger den når du sjekker inn med navn.")
        en.append(f"Your new PIN is {pin}. You need it when you check in by name.")
    message = EmailMessage()
    message["Subject"] = f"Adgangskort for {place.name} / Your pass for {place.name}"
    message["From"] = sender
    message["To"] = formataddr((person.name, person.email))
    message["Message-ID"] = make_msgid(domain="regionlab.invalid")
    message.set_content("\n\n".join([*nb, "—", *en, place.name]) + "\n")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=PDF_NAME)
    return message


def pass_rows(session: Session, person: Person) -> list[dict[str, str | bool]]:
    place = session.get(Site, person.site)
    assert place is not None  # a person's site is a foreign key
    zone = zone_of(place)
    records = session.scalars(
        select(PassRecord)
        .where(PassRecord.person_id == person.id)
        .order_by(PassRecord.issued_at.desc())
        .limit(20)
    )
    return [
        {
            "id": r.pass_id,
            "valid": passes.validity_text(r.valid_from, r.valid_to, zone),
            "revoked": local(r.revoked_at, zone, with_date=True) if r.revoked_at else "",
        }
        for r in records
    ]


def add_routes(pages: APIRouter, find: Callable[[Session, Staff, str], Person]) -> None:
    """On the People router: ``find(session, who, id)`` is a person the staff member may see
    (404 otherwise)."""

    @pages.post("/{ref}/pass")
    async def issue(request: Request, ref: str) -> Response:
        who = require(request)
        await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            person = find(session, who, ref)
            place = site_in_view(session, who, person.site)
            try:
                issued = passes.issue_member_pass(session, person, now=now)
            except ValueError:  # a guest, or deactivated: refused before anything is written
                return redirect(f"{PREFIX}/people/{ref}?pass_refused=1")
            lines = passes.caption(person, place.name, issued.record, zone_of(place))
            staff.audit(
                session,
                account_of(session, who),
                "pass.issue",
                now=now,
                site=place.code,
                subject=person.id,
                detail=issued.record.pass_id,
            )
            name = person.name
        buffer = io.BytesIO()
        passes.render_image(issued.token, lines).save(buffer, format="PNG")
        return render(
            request,
            "pass.html",
            who,
            name=name,
            ref=ref,
            png=base64.b64encode(buffer.getvalue()).decode(),
            lines=lines,
        )

    @pages.post("/{ref}/passes/revoke")
    async def revoke(request: Request, ref: str) -> Response:
        who = require(request)
        await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            person = find(session, who, ref)
            revoked = passes.revoke_person_passes(session, person, now=now)
            staff.audit(
                session,
                account_of(session, who),
                "pass.revoke",
                now=now,
                site=person.site,
                subject=person.id,
                detail=f"{len(revoked)} passes",
            )
        return redirect(f"{PREFIX}/people/{ref}?saved=1")

    _mail_routes(pages, find)


def _mail_routes(pages: APIRouter, find: Callable[[Session, Staff, str], Person]) -> None:
    @pages.post("/{ref}/pass/mail")
    async def mail(request: Request, ref: str) -> Response:
        who = require(request)
        form = await form_of(request, who)
        new_pin = form.get("new_pin") == "1"
        now = clock(request).now()
        values = {"ref": ref, "new_pin": new_pin}
        if not smtp_configured():
            with factory(request)() as session:
                values["name"] = find(session, who, ref).name
            return render(request, "pass_mail.html", who, outcome="no_smtp", **values)
        try:
            with factory(request).begin() as session:
                person = find(session, who, ref)
                place = site_in_view(session, who, person.site)
                values["name"] = person.name
                try:
                    issued = passes.issue_member_pass(session, person, now=now)
                except ValueError:  # a guest, or deactivated: nothing written
                    return redirect(f"{PREFIX}/people/{ref}?pass_refused=1")
                pin = person_pins.set_pin(session, person) if new_pin else None
                settings = invitation_mail.SmtpSettings.resolve()
                message = pass_message(
                    person, place, pass_pdf(person, place, issued), pin, settings.sender
                )
                staff.audit(
                    session,
                    account_of(session, who),
                    "pass.mail",
                    now=now,
                    site=place.code,
                    subject=person.id,
                    detail=issued.record.pass_id + (", new PIN" if pin else ""),
                )
                # Sent before the commit: a pass (and PIN) no one received is not kept.
                invitation_mail.send(message, settings)
        except invitation_mail.MailError as exc:
            with factory(request).begin() as session:
                person = find(session, who, ref)
                staff.audit(
                    session,
                    account_of(session, who),
                    "pass.mail_failed",
                    now=now,
                    site=person.site,
                    subject=person.id,
                    detail=str(exc),
                )
            return render(
                request,
                "pass_mail.html",
                who,
                outcome="pass_mail_failed",
                detail=str(exc),
                **values,
            )
        return render(request, "pass_mail.html", who, outcome="pass_mail_sent", **values)

    @pages.post("/{ref}/pass/pdf")
    async def pdf(request: Request, ref: str) -> Response:
        """A new pass as a PDF to download (when it cannot be e-mailed)."""
        who = require(request)
        await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            person = find(session, who, ref)
            place = site_in_view(session, who, person.site)
            try:
                issued = passes.issue_member_pass(session, person, now=now)
            except ValueError:
                return redirect(f"{PREFIX}/people/{ref}?pass_refused=1")
            document = pass_pdf(person, place, issued)
            staff.audit(
                session,
                account_of(session, who),
                "pass.pdf",
                now=now,
                site=place.code,
                subject=person.id,
                detail=issued.record.pass_id,
            )
        return Response(
            document,
            media_type="application/pdf",
            headers={
                "Content-Disposition": f'attachment; filename="{PDF_NAME}"',
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )
