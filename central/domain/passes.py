"""Issuing passes: the signing key, signed member and guest passes, revocation, the QR image."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

import qrcode
import qrcode.constants
import qrcode.util
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import PassRecord, Person, PersonKind, SigningKeyRecord
from central.domain import changes, sealed_keys
from kiosk.passes import PassClaims, PassKind, SigningKey, new_pass_id
from kiosk.protocol import Entity

_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)


def active_signing_key(session: Session) -> SigningKey | None:
    """The newest active signing key, or None."""
    record = session.scalars(
        select(SigningKeyRecord)
        .where(SigningKeyRecord.active.is_(True), SigningKeyRecord.retired_at.is_(None))
        .order_by(SigningKeyRecord.created_at.desc())
    ).first()
    if record is None:
        return None
    return sealed_keys.signing_key_of(session, record)


def ensure_signing_key(session: Session, *, now: datetime) -> SigningKey:
    """The active signing key; a new one (announced in the feed) when there is none."""
    existing = active_signing_key(session)
    if existing is not None:
        return existing
    changes.lock_feed(session)
    key = SigningKey.generate()
    record = sealed_keys.new_record(session, key, now=now)
    session.add(record)
    session.flush()
    changes.append(
        session, Entity.SIGNING_KEY, key.key_id, changes.signing_key_data(record), site=None
    )
    return key


def public_keys(session: Session) -> dict[str, bytes]:
    """Every public key not retired, by key id, as a kiosk holds them after a sync."""
    rows = session.scalars(select(SigningKeyRecord).where(SigningKeyRecord.retired_at.is_(None)))
    return {r.key_id: r.public_key for r in rows}


@dataclass(frozen=True)
class IssuedPass:
    record: PassRecord
    token: str


def issue_member_pass(
    session: Session, person: Person, *, days: int = 365, now: datetime
) -> IssuedPass:
    """Sign and store a member pass for ``person`` at their home site."""
    if days < 1:
        raise ValueError("a pass must be valid for at least one day")
    if person.kind != PersonKind.MEMBER:
        raise ValueError(f"{person.name} is not a member")
    if not person.active:
        raise ValueError(f"{person.name} is not active")
    start = now.astimezone(UTC).replace(microsecond=0)
    return _issue(
        session, person, person.site, PassKind.MEMBER, start, start + timedelta(days=days), start
    )


def guest_validity(first_day: date, days: int, zone: tzinfo) -> tuple[datetime, datetime]:
    """From midnight starting ``first_day`` to midnight after its last day, in ``zone``."""
    if days < 1:
        raise ValueError("an invitation must be for at least one day")
    start = datetime.combine(first_day, time(), zone)
    end = datetime.combine(first_day + timedelta(days=days), time(), zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def issue_guest_pass(
    session: Session,
    guest: Person,
    site: str,
    valid_from: datetime,
    valid_to: datetime,
    *,
    now: datetime,
) -> IssuedPass:
    """Sign and store a guest pass for ``guest`` at ``site`` (any person may be a guest)."""
    if valid_to <= valid_from:
        raise ValueError("a guest pass must end after it starts")
    if not guest.active:
        raise ValueError(f"{guest.name} is not active")
    issued_at = now.astimezone(UTC).replace(microsecond=0)
    return _issue(session, guest, site, PassKind.GUEST, valid_from, valid_to, issued_at)


def _issue(
    session: Session,
    person: Person,
    site: str,
    kind: PassKind,
    valid_from: datetime,
    valid_to: datetime,
    issued_at: datetime,
) -> IssuedPass:
    key = active_signing_key(session)
    if key is None:
        raise LookupError("no signing key: run `regionlab-central init` first")
    claims = PassClaims(
        pass_id=new_pass_id(),
        person_id=person.id,
        site=site,
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
        key_id=key.key_id,
    )
    token = key.sign(claims)
    record = PassRecord(
        pass_id=claims.pass_id,
        person_id=person.id,
        site=claims.site,
        kind=str(_RECORD_KIND[kind]),
        valid_from=claims.valid_from,
        valid_to=claims.valid_to,
        key_id=key.key_id,
        issued_at=issued_at,
    )
    session.add(record)
    session.flush()
    return IssuedPass(record, token)


_RECORD_KIND = {PassKind.MEMBER: PersonKind.MEMBER, PassKind.GUEST: PersonKind.GUEST}


def token_of(session: Session, record: PassRecord) -> str:
    """The token of a stored pass, signed again: Ed25519 gives the same text every time."""
    key = session.get(SigningKeyRecord, record.key_id)
    if key is None or key.retired_at is not None:
        raise LookupError(f"the key of pass {record.pass_id} is retired")
    kind = PassKind.GUEST if record.kind == PersonKind.GUEST else PassKind.MEMBER
    claims = PassClaims(
        pass_id=record.pass_id,
        person_id=record.person_id,
        site=record.site,
        kind=kind,
        valid_from=record.valid_from,
        valid_to=record.valid_to,
        key_id=record.key_id,
    )
    return sealed_keys.signing_key_of(session, key).sign(claims)


def validity_text(valid_from: datetime, valid_to: datetime, zone: tzinfo) -> str:
    """E.g. "28.11.2025" for one day, else first and last day joined by an en dash."""
    first = valid_from.astimezone(zone).date()
    last = (valid_to - timedelta(seconds=1)).astimezone(zone).date()
    if first == last:
        return f"{first:%d.%m.%Y}"
    return f"{first:%d.%m.%Y}–{last:%d.%m.%Y}"


def caption(person: Person, site_name: str, record: PassRecord, zone: tzinfo) -> list[str]:
    """The lines printed under a pass's QR code: who, where, when (and "guest")."""
    when = validity_text(record.valid_from, record.valid_to, zone)
    if record.kind == PersonKind.GUEST:
        return [person.name, site_name, f"Gjest / Guest {when}"]
    return [person.name, site_name, f"Gyldig / Valid {when}"]


def revoke_person_passes(session: Session, person: Person, *, now: datetime) -> list[PassRecord]:
    """Revoke every pass of ``person`` not revoked yet (expired ones too: it costs a row)."""
    records = session.scalars(
        select(PassRecord)
        .where(PassRecord.person_id == person.id, PassRecord.revoked_at.is_(None))
        .order_by(PassRecord.issued_at, PassRecord.pass_id)
    ).all()
    return [revoke_pass(session, record.pass_id, now=now) for record in records]


def revoke_pass(session: Session, pass_id: str, *, now: datetime) -> PassRecord:
    """Revoke a pass and tell its site's kiosks; revoking twice keeps the first time."""
    record = session.get(PassRecord, pass_id.strip().lower())
    if record is None:
        raise LookupError(f"unknown pass {pass_id!r}")
    if record.revoked_at is None:
        changes.lock_feed(session)
        record.revoked_at = now
        session.flush()
        changes.append(
            session,
            Entity.REVOKED_PASS,
            record.pass_id,
            changes.revoked_pass_data(record.pass_id, record.revoked_at),
            site=record.site,
        )
    return record


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def qr_image(token: str, *, box_size: int = 8, border: int = 4) -> Image.Image:
    """The token as a QR code: alphanumeric mode, error correction M, black on white."""
    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=border
    )
    qr.add_data(qrcode.util.QRData(token, mode=qrcode.util.MODE_ALPHA_NUM))
    qr.make(fit=True)
    image: Image.Image = qr.make_image(fill_color="black", back_color="white").get_image()
    return image.convert("RGB")


def caption_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font that has Norwegian letters (DejaVu or Noto when installed)."""
    return _font(size)


def render_png(token: str, caption: list[str], path: Path) -> None:
    """Write the token as a QR code, captioned below."""
    path.parent.mkdir(parents=True, exist_ok=True)
    render_image(token, caption).save(path, format="PNG")


def render_image(token: str, caption: list[str]) -> Image.Image:
    """The token as a QR code (alphanumeric mode, error correction M), captioned below."""
    code = qr_image(token)
    font = _font(22)
    line_height = 30
    width = max(code.width, *(int(font.getlength(line)) + 40 for line in caption))
    image = Image.new("RGB", (width, code.height + line_height * len(caption) + 20), "white")
    image.paste(code, ((width - code.width) // 2, 0))
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(caption):
        x = (width - int(font.getlength(line))) // 2
        draw.text((x, code.height + index * line_height), line, fill="black", font=font)
    return image
