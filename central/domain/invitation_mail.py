"""The invitation e-mail: bokmål text and HTML with the QR pass attached, sent over SMTP.

The SMTP server comes from the operator's command line, else ``REGIONLAB_SMTP_HOST``,
``REGIONLAB_SMTP_PORT`` and ``REGIONLAB_SMTP_FROM``, else 127.0.0.1:25. Sending raises
``MailError`` with one line saying what went wrong; nothing else escapes.
"""

from __future__ import annotations

import html
import io
import os
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from zoneinfo import ZoneInfo

from central.domain import directory, passes
from central.domain.invitations import PreparedInvitation

HOST_ENV, PORT_ENV, FROM_ENV = "REGIONLAB_SMTP_HOST", "REGIONLAB_SMTP_PORT", "REGIONLAB_SMTP_FROM"
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 25
DEFAULT_FROM = "RegionLab <noreply@localhost>"
TIMEOUT_S = 15.0
ATTACHMENT_NAME = "regionlab-pass.png"

_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip


class MailError(Exception):
    """The invitation could not be handed to the SMTP server."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    sender: str = DEFAULT_FROM

    @classmethod
    def resolve(
        cls,
        host: str | None = None,
        port: int | None = None,
        sender: str | None = None,
        environ: Mapping[str, str] = os.environ,
    ) -> SmtpSettings:
        """Explicit values first, then the environment, then the defaults."""
        raw_port = port if port is not None else environ.get(PORT_ENV) or DEFAULT_PORT
        try:
            number = int(raw_port)
        except ValueError:
            raise MailError(f"bad SMTP port {raw_port!r}") from None
        if not 0 < number < 65536:
            raise MailError(f"bad SMTP port {number}")
        return cls(
            host=host or environ.get(HOST_ENV) or DEFAULT_HOST,
            port=number,
            sender=sender or environ.get(FROM_ENV) or DEFAULT_FROM,
        )


def configured(environ: Mapping[str, str] = os.environ) -> SmtpSettings | None:
    """The SMTP settings when the operator named a mail server (``REGIONLAB_SMTP_HOST``),
    else None: pages then say that no e-mail goes out instead of trying 127.0.0.1:25.
    Raises MailError for a bad port."""
    if not environ.get(HOST_ENV, "").strip():
        return None
    return SmtpSettings.resolve(environ=environ)


def norwegian_date(day: date, *, year: bool = True) -> str:
    """E.g. "fredag 28. november 2025"."""
    text = f"{_WEEKDAYS[day.weekday()]} {day.day}. {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def days_text(first_day: date, days: int) -> str:
    """ "fredag 28. november 2025", or "fra fredag 28. til søndag 30. november 2025"."""
    if days == 1:
        return norwegian_date(first_day)
    last = first_day + timedelta(days=days - 1)
    start = norwegian_date(first_day, year=first_day.year != last.year)
    return f"fra {start} til {norwegian_date(last)}"


def _where(invitation: PreparedInvitation) -> str:
    place = directory.place_of(invitation.site.code)
    return f"{invitation.site.name} i {place}" if place else invitation.site.name


def compose(invitation: PreparedInvitation, settings: SmtpSettings) -> EmailMessage:
    """The invitation as a message: plain text and HTML alternatives, the QR code attached."""
    guest, host = invitation.guest, invitation.host
    when = days_text(invitation.first_day, invitation.days)
    where = _where(invitation)
    only = "denne dagen" if invitation.days == 1 else "disse dagene"
    paragraphs = [
        f"Hei, {guest.given_name or guest.name}!",
        f"{host.name} har invitert deg til {where} {when}.",
        "Slik sjekker du inn: Når du kommer, holder du QR-koden i vedlegget foran kameraet "
        "eller skanneren på skjermen ved inngangen. Du kan vise koden på mobilen eller skrive "
        "den ut. Går det ikke, kan du finne navnet ditt på skjermen, eller spørre i "
        "resepsjonen.",
        f"Invitasjonen gjelder bare {only}, og bare hos {invitation.site.name}. "
        f"Har du spørsmål om besøket, kan du svare {host.given_name or host.name} "
        f"på {host.email}.",
        f"Velkommen!\n{invitation.site.name}",
    ]
    message = EmailMessage()
    message["Subject"] = f"Invitasjon til {invitation.site.name} {when}"
    message["From"] = settings.sender
    message["To"] = formataddr((guest.name, invitation.guest.email))
    message["Reply-To"] = formataddr((host.name, host.email))
    message["Message-ID"] = make_msgid(domain="regionlab.invalid")
    message.set_content("\n\n".join(paragraphs) + "\n")
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>\n" for p in paragraphs)
    message.add_alternative(
        f'<!DOCTYPE html>\n<html lang="nb"><head><meta charset="utf-8">'
        f"<title>{html.escape(str(message['Subject']))}</title></head>\n"
        f'<body style="font-family: sans-serif; color: #1a1a1a">\n{body}</body></html>\n',
        subtype="html",
    )
    site_zone = ZoneInfo(invitation.site.timezone)
    caption = passes.caption(guest, invitation.site.name, invitation.record, site_zone)
    png = io.BytesIO()
    passes.render_image(invitation.token, caption).save(png, format="PNG")
    message.add_attachment(
        png.getvalue(), maintype="image", subtype="png", filename=ATTACHMENT_NAME
    )
    return message


def send(message: EmailMessage, settings: SmtpSettings, *, timeout_s: float = TIMEOUT_S) -> None:
    """Hand ``message`` to the SMTP server, or raise MailError saying why not."""
    where = f"{settings.host}:{settings.port}"
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=timeout_s) as smtp:
            refused = smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = "; ".join(
            f"{r}: {c} {m.decode(errors='replace')}" for r, (c, m) in exc.recipients.items()
        )
        raise MailError(f"the mail server {where} refused the recipient ({codes})") from None
    except smtplib.SMTPResponseException as exc:
        text = (
            exc.smtp_error.decode(errors="replace")
            if isinstance(exc.smtp_error, bytes)
            else exc.smtp_error
        )
        raise MailError(
            f"the mail server {where} refused the message: {exc.smtp_code} {text}"
        ) from None
    except smtplib.SMTPException as exc:
        raise MailError(f"the mail server {where} failed: {exc}") from None
    except TimeoutError:
        raise MailError(
            f"the mail server {where} did not answer within {timeout_s:.0f} s"
        ) from None
    except OSError as exc:
        raise MailError(f"cannot reach the mail server {where}: {exc.strerror or exc}") from None
    if refused:
        raise MailError(f"the mail server {where} refused {', '.join(refused)}")
