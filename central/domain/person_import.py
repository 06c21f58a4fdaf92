"""Importing a site's members from a file the office keeps (CSV or XLSX): read, check, plan, apply.

Three steps, so a staff page can show the plan before anything is written:

- ``read_rows(data, filename)`` reads the file: XLSX (the first sheet), or CSV in UTF-8 (with
  or without a byte order mark), UTF-16 with a BOM, or Windows-1252, with commas, semicolons
  or tabs; headers in bokmål or English, in any case ("Navn", "E-post", "Organisasjon",
  "Klynge"). A file it cannot read at all raises ``ImportFileError`` with one clear sentence.
- ``plan_import(session, site, rows, ...)`` checks every row and compares the file with the
  people of the site: who is added, who is updated (matched by e-mail, case and spaces
  ignored), who stays as they are, who is deactivated (with ``deactivate_missing``), and every
  bad row with its line number and why. It writes nothing.
- ``apply_plan(session, plan)`` writes the plan in bulk (a few statements per thousand people,
  not one ORM flush per row) together with the change rows that carry the people to the site's
  kiosks. Nothing is written when a row is bad, unless ``skip_bad``; the caller's transaction
  makes it all or nothing.

People are deactivated, never deleted: their visits and passes stay, their passes stop working
at the kiosks and the name search leaves them out (``kiosk.checkin``); the kiosks keep their
name only for the evacuation list, should they still be in the building.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from central.db.models import Organisation, Person, PersonKind, Site
from central.domain import changes, clusters
from central.domain.directory import normalise_email
from kiosk.protocol import Entity
from kiosk.wire import PersonData

MAX_NAME = 100  # the whole name: given and family names are stored in 100 characters each
MAX_EMAIL = 254
MAX_BAD_VALUE = 60  # how much of a bad value a message repeats
_CHUNK = 1000
_T = TypeVar("_T")

# Header names, folded (lower case, letters and digits only), for each column.
_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "navn", "fulltnavn", "fullname", "namn"),
    "email": ("email", "epost", "mail", "epostadresse", "emailaddress", "epostadr"),
    "organisation": (
        "organisation",
        "organization",
        "organisasjon",
        "org",
        "virksomhet",
        "verksemd",
        "etat",
        "arbeidsgiver",
        "employer",
    ),
    "cluster": ("cluster", "klynge", "kompetanseklynge", "fagklynge", "competencecluster"),
}
_REQUIRED = ("name", "email", "organisation")
_LABELS = {"name": "name/navn", "email": "e-mail/e-post", "organisation": "organisation"}
_EMAIL = re.compile(r"[^@\s,;<>()\[\]\"]{1,64}@[^@\s,;<>()\[\]\"]+\.[^@\s,;<>()\[\]\".]{2,}")
_NAME_PUNCTUATION = set("-'’. ")


# What can be wrong, by code: the console shows each code in the staff member's language
# (central.web.i18n, keys "import_<code>"); str() and ``reason`` are these English sentences,
# as the command line prints them. The values fill the {placeholders}.
REASONS: dict[str, str] = {
    # the file as a whole
    "file_empty": "the file is empty",
    "file_encoding": (
        "the file is neither UTF-8 nor Windows-1252 text: save it as CSV (UTF-8) or XLSX"
    ),
    "file_not_text": "the file is not text: save it as CSV (UTF-8) or XLSX",
    "file_bad_csv": "line {line}: the file is not valid CSV ({detail})",
    "file_bad_xlsx": "the file is not a readable XLSX workbook ({detail})",
    "file_no_rows": "the file has no rows",
    "header_one_column_marks": (
        "the header reads as one column ({header}): separate the columns with commas or semicolons"
    ),
    "header_one_column": (
        "the header reads as one column ({header}): is the file separated by something "
        "other than commas or semicolons? Expected the columns name, e-mail, organisation "
        "and cluster"
    ),
    "columns_missing": "missing column(s): {columns} (the header has {header})",
    # one row
    "name_empty": "empty name",
    "name_too_long": "the name is longer than {max} characters ({length})",
    "name_digit": "the name holds {char} (U+{hex}), a digit",
    "name_not_letter": "the name holds {char} (U+{hex}), not a letter",
    "name_no_letters": "the name has no letters",
    "email_empty": "empty e-mail",
    "email_bad": "not an e-mail address: {value}",
    "email_duplicate": "duplicate e-mail: also on line {other}",
    "email_other_site": "the e-mail belongs to a person at {site}",
    "organisation_empty": "no organisation",
    "organisation_unknown": (
        "unknown organisation {value}: add it first, or import with --create-organisations"
    ),
    "organisation_too_long": "the organisation's name is longer than 200 characters",
    "cluster_unknown": "unknown cluster {value} (one of: {known})",
}


def reason_text(code: str, values: Sequence[tuple[str, str]] = ()) -> str:
    return REASONS[code].format(**dict(values))


class ImportFileError(ValueError):
    """The file as a whole cannot be read as a member list; ``code`` and ``values`` say why
    (``REASONS``), str() in English."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = tuple((k, str(v)) for k, v in values.items())
        super().__init__(reason_text(code, self.values))


@dataclass(frozen=True)
class SourceRow:
    line: int  # as a spreadsheet numbers it: the header is line 1
    values: dict[str, str]  # column -> text, for the columns found


@dataclass(frozen=True)
class GoodRow:
    line: int
    name: str
    given_name: str
    family_name: str
    email: str
    organisation_id: str
    cluster: str | None
    cluster_given: bool  # the file has a cluster column (an absent column changes nothing)


@dataclass(frozen=True)
class BadRow:
    line: int
    code: str  # a key of REASONS
    values: tuple[tuple[str, str], ...] = ()  # its placeholders

    @property
    def reason(self) -> str:
        """Why, in English (the command line's words)."""
        return reason_text(self.code, self.values)


def _bad(line: int, code: str, **values: object) -> BadRow:
    return BadRow(line, code, tuple((k, str(v)) for k, v in values.items()))


@dataclass(frozen=True)
class PersonChange:
    id: str
    row: GoodRow


@dataclass(frozen=True)
class Deactivation:
    id: str
    email: str


@dataclass
class ImportPlan:
    """What an import would do; nothing of it is written until ``apply_plan``."""

    site: str
    rows: int = 0  # rows read, blank ones left out
    added: list[PersonChange] = field(default_factory=list)
    updated: list[PersonChange] = field(default_factory=list)
    unchanged: int = 0
    deactivated: list[Deactivation] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    new_organisations: dict[str, str] = field(default_factory=dict)  # id -> name

    @property
    def ok(self) -> bool:
        return not self.bad


class BadRowsError(ValueError):
    """``apply_plan`` refused: the plan has bad rows and ``skip_bad`` was not given."""


# --- reading --------------------------------------------------------------------------------


def read_rows(data: bytes, filename: str = "") -> list[SourceRow]:
    """The rows of a CSV or XLSX member list; raises ImportFileError for a file it cannot use."""
    if not data.strip():
        raise ImportFileError("file_empty")
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        table = _xlsx_table(data)
    else:
        table = _csv_table(_decode(data))
    return _rows(table)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError("file_encoding") from None


def _csv_table(text: str) -> list[tuple[int, list[str]]]:
    if "\x00" in text:
        raise ImportFileError("file_not_text")
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = _delimiter(header_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = []
    try:
        for values in reader:
            table.append((reader.line_num, values))
    except csv.Error as exc:
        raise ImportFileError("file_bad_csv", line=reader.line_num, detail=exc) from None
    return table


def _delimiter(header: str) -> str:
    """The delimiter under which the header names the most known columns."""
    best, found = ",", -1
    for candidate in (";", ",", "\t"):
        names = next(csv.reader([header], delimiter=candidate), [])
        known = sum(_column_of(name) is not None for name in names)
        if known > found:
            best, found = candidate, known
    return best


def _xlsx_table(data: bytes) -> list[tuple[int, list[str]]]:
    import openpyxl  # only for XLSX files

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError("file_bad_xlsx", detail=exc) from None
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _fold_header(text: str) -> str:
    return "".join(ch for ch in text.replace("\ufeff", "").casefold() if ch.isalnum())


def _column_of(header: str) -> str | None:
    folded = _fold_header(header)
    return next((column for column, names in _HEADERS.items() if folded in names), None)


def _rows(table: list[tuple[int, list[str]]]) -> list[SourceRow]:
    filled = [(line, values) for line, values in table if any(v.strip() for v in values)]
    if not filled:
        raise ImportFileError("file_no_rows")
    header_line, header = filled[0]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        column = _column_of(name)
        if column is not None and column not in columns:
            columns[column] = index
    missing = [column for column in _REQUIRED if column not in columns]
    if missing:
        raise _missing_columns(header, missing)
    rows = []
    for line, values in filled[1:]:
        rows.append(
            SourceRow(
                line,
                {c: values[i].strip() if i < len(values) else "" for c, i in columns.items()},
            )
        )
    del header_line
    return rows


def _missing_columns(header: list[str], missing: list[str]) -> ImportFileError:
    shown = ", ".join(repr(name.strip()[:40]) for name in header[:8]) or "–"
    if len(header) == 1 and any(mark in header[0] for mark in "|:"):
        return ImportFileError("header_one_column_marks", header=shown)
    if len(header) == 1:
        return ImportFileError("header_one_column", header=shown)
    names = ", ".join(_LABELS[column] for column in missing)
    return ImportFileError("columns_missing", columns=names, header=shown)


# --- checking and planning ------------------------------------------------------------------


@dataclass(frozen=True)
class _Existing:
    id: str
    email: str
    site: str
    name: str
    given_name: str
    family_name: str
    organisation_id: str | None
    cluster: str | None
    kind: str
    active: bool


def plan_import(
    session: Session,
    site: Site,
    rows: Sequence[SourceRow],
    *,
    deactivate_missing: bool = False,
    create_organisations: bool = False,
) -> ImportPlan:
    """Check every row and compare the file with the site's people; writes nothing."""
    plan = ImportPlan(site=site.code, rows=len(rows))
    organisations = _organisation_index(session)
    existing = {
        row.email: _Existing(**row._asdict())
        for row in session.execute(
            select(
                Person.id,
                Person.email,
                Person.site,
                Person.name,
                Person.given_name,
                Person.family_name,
                Person.organisation_id,
                Person.cluster,
                Person.kind,
                Person.active,
            )
        )
    }
    first_line: dict[str, int] = {}
    in_file: set[str] = set()
    for row in rows:
        email = normalise_email(row.values.get("email", ""))
        if email:
            in_file.add(email)
        result = _check_row(row, email, first_line, organisations, create_organisations, plan)
        if isinstance(result, BadRow):
            plan.bad.append(result)
            continue
        person = existing.get(email)
        if person is not None and person.site != site.code:
            plan.bad.append(_bad(row.line, "email_other_site", site=person.site))
            continue
        if person is None:
            plan.added.append(PersonChange(str(uuid.uuid4()), result))
        elif _differs(person, result):
            plan.updated.append(PersonChange(person.id, result))
        else:
            plan.unchanged += 1
    if deactivate_missing:
        plan.deactivated = [
            Deactivation(person.id, person.email)
            for person in existing.values()
            if person.site == site.code
            and person.active
            and person.kind == PersonKind.MEMBER
            and person.email not in in_file  # a bad row still names its person: kept
        ]
    return plan


def _organisation_index(session: Session) -> dict[str, str]:
    """Organisation id, name and short name, folded -> id."""
    index: dict[str, str] = {}
    for org_id, name, short_name in session.execute(
        select(Organisation.id, Organisation.name, Organisation.short_name)
    ):
        for text in (name, short_name, org_id):
            index.setdefault(_fold(text), org_id)
    return index


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _check_row(
    row: SourceRow,
    email: str,
    first_line: dict[str, int],
    organisations: dict[str, str],
    create_organisations: bool,
    plan: ImportPlan,
) -> GoodRow | BadRow:
    values = row.values
    name = " ".join(values.get("name", "").split())
    problem = _name_problem(row.line, name) or _email_problem(
        row.line, values.get("email", ""), email
    )
    if problem:
        return problem
    if email in first_line:
        return _bad(row.line, "email_duplicate", other=first_line[email])
    first_line[email] = row.line
    organisation = " ".join(values.get("organisation", "").split())
    if not organisation:
        return _bad(row.line, "organisation_empty")
    organisation_id = organisations.get(_fold(organisation))
    if organisation_id is None:
        if not create_organisations:
            return _bad(row.line, "organisation_unknown", value=_shown(organisation))
        if len(organisation) > 200:
            return _bad(row.line, "organisation_too_long")
        organisation_id = _new_organisation_id(organisation, organisations)
        organisations[_fold(organisation)] = organisation_id
        plan.new_organisations[organisation_id] = organisation
    try:
        cluster = clusters.parse_cluster(values.get("cluster"))
    except clusters.UnknownCluster as exc:
        return _bad(row.line, "cluster_unknown", value=repr(exc.text), known=clusters.CLUSTER_NAMES)
    given, family = split_name(name)
    return GoodRow(
        row.line,
        f"{given} {family}".strip(),
        given,
        family,
        email,
        organisation_id,
        cluster,
        "cluster" in values,
    )


def _shown(text: str) -> str:
    return repr(text if len(text) <= MAX_BAD_VALUE else text[:MAX_BAD_VALUE] + "…")


def _name_problem(line: int, name: str) -> BadRow | None:
    if not name:
        return _bad(line, "name_empty")
    if len(name) > MAX_NAME:
        return _bad(line, "name_too_long", max=MAX_NAME, length=len(name))
    for ch in name:
        if ch in _NAME_PUNCTUATION or unicodedata.category(ch)[0] in "LM" or ch == ",":
            continue
        code = "name_digit" if ch.isdigit() else "name_not_letter"
        return _bad(line, code, char=repr(ch), hex=f"{ord(ch):04X}")
    if not any(ch.isalpha() for ch in name):
        return _bad(line, "name_no_letters")
    return None


def _email_problem(line: int, given: str, email: str) -> BadRow | None:
    if not email:
        return _bad(line, "email_empty")
    if len(email) > MAX_EMAIL or not _EMAIL.fullmatch(email):
        return _bad(line, "email_bad", value=_shown(given.strip()))
    return None


def split_name(name: str) -> tuple[str, str]:
    """ "Kari Nordmann" -> ("Kari", "Nordmann"); "Nordmann, Kari" -> ("Kari", "Nordmann");
    "Anne Marie Olsen" -> ("Anne Marie", "Olsen"); one word is a given name."""
    if "," in name:
        family, _, given = name.partition(",")
        return " ".join(given.split()), " ".join(family.split())
    given, _, family = name.rpartition(" ")
    return (given, family) if given else (family, "")


def _new_organisation_id(name: str, taken: dict[str, str]) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_ASCII))
    slug = re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode()).strip("-")
    slug = (slug or "organisasjon")[:56]
    ids = set(taken.values())
    candidate, n = slug, 2
    while candidate in ids:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def _differs(person: _Existing, row: GoodRow) -> bool:
    cluster = row.cluster if row.cluster_given else person.cluster
    return (
        person.name,
        person.given_name,
        person.family_name,
        person.organisation_id,
        person.cluster,
        person.kind,
        person.active,
    ) != (
        row.name,
        row.given_name,
        row.family_name,
        row.organisation_id,
        cluster,
        PersonKind.MEMBER,
        True,
    )


# --- applying ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    deactivated: int
    skipped: int  # bad rows left out (with skip_bad)
    organisations_created: int


def apply_plan(session: Session, plan: ImportPlan, *, skip_bad: bool = False) -> ImportResult:
    """Write the plan in the caller's transaction, in bulk, with the feed rows for the kiosks.
    Raises BadRowsError when the plan has bad rows and ``skip_bad`` is not given."""
    if plan.bad and not skip_bad:
        raise BadRowsError(f"{len(plan.bad)} bad row(s): nothing imported")
    changes.lock_feed(session)
    for org_id, name in plan.new_organisations.items():
        session.add(Organisation(id=org_id, name=name, short_name=name[:64]))
    session.flush()
    for org_id in plan.new_organisations:
        organisation = session.get(Organisation, org_id)
        assert organisation is not None
        changes.append(
            session,
            Entity.ORGANISATION,
            org_id,
            changes.organisation_data(organisation),
            site=None,
        )
    org_names: dict[str, tuple[str, str]] = {
        i: (n, short)
        for i, n, short in session.execute(
            select(Organisation.id, Organisation.name, Organisation.short_name)
        )
    }
    if plan.added:
        rows = [_person_row(change, plan.site) for change in plan.added]
        for chunk in _chunks(rows):
            # Core's executemany (psycopg pipelines it): the ORM's bulk insert groups rows by
            # which values are None (a person without a cluster), which split a thousand rows
            # into dozens of statements and made 50,000 people take 100 s on PostgreSQL.
            session.execute(insert(Person.__table__), chunk)  # type: ignore[arg-type]
    if plan.updated:
        rows = [_person_row(change, plan.site, update=True) for change in plan.updated]
        for chunk in _chunks(rows):
            session.execute(update(Person), chunk)
    for ids in _chunks([d.id for d in plan.deactivated]):
        session.execute(
            update(Person)
            .where(Person.id.in_(ids))
            .values(active=False)
            .execution_options(synchronize_session=False)
        )
    _publish(session, plan, org_names)
    return ImportResult(
        added=len(plan.added),
        updated=len(plan.updated),
        deactivated=len(plan.deactivated),
        skipped=len(plan.bad),
        organisations_created=len(plan.new_organisations),
    )


def _person_row(change: PersonChange, site: str, *, update: bool = False) -> dict[str, Any]:
    row = change.row
    values: dict[str, Any] = {
        "id": change.id,
        "name": row.name,
        "given_name": row.given_name,
        "family_name": row.family_name,
        "organisation_id": row.organisation_id,
        "site": site,
        "kind": str(PersonKind.MEMBER),
        "active": True,
    }
    if not update:
        values["email"] = row.email
    if row.cluster_given or not update:
        values["cluster"] = row.cluster
    return values


def _chunks(items: Sequence[_T]) -> Iterable[list[_T]]:
    for start in range(0, len(items), _CHUNK):
        yield list(items[start : start + _CHUNK])


def _publish(session: Session, plan: ImportPlan, org_names: dict[str, tuple[str, str]]) -> None:
    """The feed rows for every person written: what a kiosk may know, in bulk."""
    added = [c.id for c in plan.added]
    changed = [c.id for c in plan.updated] + [d.id for d in plan.deactivated]
    for ids, new in ((added, True), (changed, False)):
        entries = [(row.id, _wire(row, org_names)) for row in _people(session, ids)]
        changes.append_many(session, Entity.PERSON, entries, site=plan.site, new=new)


def _people(session: Session, ids: list[str]) -> Iterable[Any]:
    for chunk in _chunks(ids):
        yield from session.execute(
            select(
                Person.id,
                Person.name,
                Person.given_name,
                Person.family_name,
                Person.organisation_id,
                Person.cluster,
                Person.site,
                Person.kind,
                Person.active,
                Person.pin_hash,
            ).where(Person.id.in_(chunk))
        )


def _wire(person: Any, org_names: dict[str, tuple[str, str]]) -> PersonData:
    """The same feed row as ``changes.person_data`` gives (a PIN set earlier stays on kiosks)."""
    organisation, short = org_names.get(person.organisation_id or "", (None, None))
    return changes.person_wire(
        id=person.id,
        name=person.name,
        given_name=person.given_name,
        family_name=person.family_name,
        organisation_id=person.organisation_id,
        organisation=organisation,
        cluster=person.cluster,
        site=person.site,
        kind=person.kind,
        active=person.active,
        organisation_short=short,
        pin_hash=person.pin_hash,
    )
