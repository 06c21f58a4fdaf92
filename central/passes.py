"""Issuing passes: the signing key, signed member passes, revocation and the QR image."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import qrcode
import qrcode.constants
import qrcode.util
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.passes import PassClaims, PassKind, SigningKey, new_pass_id
from kiosk.protocol import Entity

from . import changes
from .models import PassRecord, Person, PersonKind, SigningKeyRecord

_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)


def active_signing_key(session: Session) -> SigningKey | None:
    """The newest active signing key, or None."""
    record = session.scalars(
        select(SigningKeyRecord)
        .where(SigningKeyRecord.active.is_(True))
        .order_by(SigningKeyRecord.created_at.desc())
    ).first()
    if record is None:
        return None
    return SigningKey(record.key_id, record.private_key, record.public_key)


def ensure_signing_key(session: Session) -> SigningKey:
    """The active signing key; a new one (announced in the feed) when there is none."""
    existing = active_signing_key(session)
    if existing is not None:
        return existing
    changes.lock_feed(session)
    key = SigningKey.generate()
    record = SigningKeyRecord(
        key_id=key.key_id,
        private_key=key.private_key,
        public_key=key.public_key,
        created_at=datetime.now(UTC),
        active=True,
    )
    session.add(record)
    session.flush()
    changes.append(
        session, Entity.SIGNING_KEY, key.key_id, changes.signing_key_data(record), site=None
    )
    return key


def public_keys(session: Session) -> dict[str, bytes]:
    """Every public key by key id, as a kiosk would hold them after a sync."""
    return {r.key_id: r.public_key for r in session.scalars(select(SigningKeyRecord))}


@dataclass(frozen=True)
class IssuedPass:
    record: PassRecord
    token: str


def issue_member_pass(
    session: Session, person: Person, *, days: int = 365, now: datetime | None = None
) -> IssuedPass:
    """Sign and store a member pass for ``person`` at their home site."""
    if days < 1:
        raise ValueError("a pass must be valid for at least one day")
    if person.kind != PersonKind.MEMBER:
        raise ValueError(f"{person.name} is not a member")
    if not person.active:
        raise ValueError(f"{person.name} is not active")
    key = active_signing_key(session)
    if key is None:
        raise LookupError("no signing key: run `regionlab-central init` first")
    start = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    claims = PassClaims(
        pass_id=new_pass_id(),
        person_id=person.id,
        site=person.site,
        kind=PassKind.MEMBER,
        valid_from=start,
        valid_to=start + timedelta(days=days),
        key_id=key.key_id,
    )
    token = key.sign(claims)
    record = PassRecord(
        pass_id=claims.pass_id,
        person_id=person.id,
        site=claims.site,
        kind=str(PersonKind.MEMBER),
        valid_from=claims.valid_from,
        valid_to=claims.valid_to,
        key_id=key.key_id,
        issued_at=start,
    )
    session.add(record)
    session.flush()
    return IssuedPass(record, token)


def revoke_pass(session: Session, pass_id: str, *, now: datetime | None = None) -> PassRecord:
    """Revoke a pass and tell its site's kiosks; revoking twice keeps the first time."""
    record = session.get(PassRecord, pass_id.strip().lower())
    if record is None:
        raise LookupError(f"unknown pass {pass_id!r}")
    if record.revoked_at is None:
        changes.lock_feed(session)
        record.revoked_at = now or datetime.now(UTC)
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


def render_png(token: str, caption: list[str], path: Path) -> None:
    """Write the token as a QR code (alphanumeric mode, error correction M), captioned below."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    qr.add_data(qrcode.util.QRData(token, mode=qrcode.util.MODE_ALPHA_NUM))
    qr.make(fit=True)
    code = qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    font = _font(22)
    line_height = 30
    width = max(code.width, *(int(font.getlength(line)) + 40 for line in caption))
    image = Image.new("RGB", (width, code.height + line_height * len(caption) + 20), "white")
    image.paste(code, ((width - code.width) // 2, 0))
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(caption):
        x = (width - int(font.getlength(line))) // 2
        draw.text((x, code.height + index * line_height), line, fill="black", font=font)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
