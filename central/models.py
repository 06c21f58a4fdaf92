"""The central store's tables, as typed SQLAlchemy 2 ORM classes."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Cluster(enum.StrEnum):
    """RegionLab's competence clusters."""

    NAERING = "næring"
    UTDANNING = "utdanning"
    NATURFORVALTNING = "naturforvaltning"
    HELSE = "helse"
    BARN_OG_UNGE = "barn og unge"


class PersonKind(enum.StrEnum):
    MEMBER = "member"
    GUEST = "guest"


class TokenRole(enum.StrEnum):
    DEVICE = "device"
    ADMIN = "admin"


def _in(column: str, values: type[enum.StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware time, stored in UTC; SQLite (which keeps no offset) included."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware times only")
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# An auto-incrementing 64-bit key; on SQLite it must be INTEGER to be the rowid.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Site(Base):
    __tablename__ = "sites"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Oslo")


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(64))


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (
        CheckConstraint(_in("kind", PersonKind), name="kind"),
        CheckConstraint(f"cluster IS NULL OR {_in('cluster', Cluster)}", name="cluster"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"))
    cluster: Mapped[str | None] = mapped_column(String(32))
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default=PersonKind.MEMBER)
    active: Mapped[bool] = mapped_column(default=True)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")


class Desk(Base):
    __tablename__ = "desks"
    __table_args__ = (UniqueConstraint("site", "label", name="uq_desks_site_label"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    label: Mapped[str] = mapped_column(String(16))
    zone: Mapped[str] = mapped_column(String(64))


class SigningKeyRecord(Base):
    __tablename__ = "signing_keys"

    key_id: Mapped[str] = mapped_column(String(8), primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(default=True)


class PassRecord(Base):
    __tablename__ = "passes"
    __table_args__ = (CheckConstraint(_in("kind", PersonKind), name="kind"),)

    pass_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    kind: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime())
    valid_to: Mapped[datetime] = mapped_column(UTCDateTime())
    key_id: Mapped[str] = mapped_column(ForeignKey("signing_keys.key_id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Token(Base):
    __tablename__ = "tokens"
    __table_args__ = (CheckConstraint(_in("role", TokenRole), name="role"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    role: Mapped[str] = mapped_column(String(16))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EventRecord(Base):
    """An event a kiosk sent and the store applied; its id is the kiosk's UUID."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    type: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(200))


class Visit(Base):
    __tablename__ = "visits"
    __table_args__ = (
        # At most one open visit per person and site, even under concurrent check-ins.
        Index(
            "uq_visits_open",
            "site",
            "person_id",
            unique=True,
            sqlite_where=text("checked_out_at IS NULL"),
            postgresql_where=text("checked_out_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime())
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    check_in_event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))
    check_out_event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id"))


class Change(Base):
    """One row of the change log that kiosks mirror; ``site`` NULL means every site."""

    __tablename__ = "changes"
    __table_args__ = {"sqlite_autoincrement": True}  # never reuse a seq

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str | None] = mapped_column(ForeignKey("sites.code"))
    entity: Mapped[str] = mapped_column(String(32))
    op: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
