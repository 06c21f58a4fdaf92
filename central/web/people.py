"""The People page: search, add, edit, deactivate; set a PIN; import a member list."""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import func, literal, or_, select, tuple_
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from central.db.models import Cluster, Organisation, Person, PersonKind, Site
from central.domain import directory, person_import, person_pins, staff
from central.web import handles, person_passes
from central.web.console import (
    PREFIX,
    Refused,
    Staff,
    account_of,
    clock,
    factory,
    form_of,
    language,
    number,
    redirect,
    render,
    require,
    site_in_view,
    sites_for,
)
from central.web.i18n import translate
from kiosk.pin import is_valid_pin

PAGE_SIZE = 50
MAX_IMPORT_BYTES = 20 * 1024 * 1024
# A search counts its matches up to this many ("more than 1,000"): counting every "a…" among
# 50,000 people costs more than the page it is for.
COUNT_CAP = 1000


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One line of the People list; ``ref`` is the person's handle for this session."""

    ref: str
    name: str
    email: str
    organisation: str
    active: bool
    guest: bool


@dataclass(frozen=True)
class Cursor:
    """Where a page of the list starts: after or before a person (their handle), so that the
    next page is read from the index where the last one ended rather than counted off from
    the top (OFFSET 50,000 read and joined 50,000 rows). Without one, the page number."""

    after: str = ""
    before: str = ""


def ref_of(who: Staff, person_id: str) -> str:
    return handles.handle(who.secret, person_id)


def router() -> APIRouter:
    pages = APIRouter(prefix=f"{PREFIX}/people", include_in_schema=False)

    @pages.get("")
    def listing(
        request: Request,
        site: str | None = None,
        page: str = "1",
        after: str = "",
        before: str = "",
    ) -> Response:
        who = require(request)
        cursor = Cursor(after[:60], before[:60])
        return _listing(request, who, site, None, number(page), cursor)

    @pages.post("")
    async def search(request: Request) -> Response:
        # A POST, so that the name searched for is in no URL and no access log.
        who = require(request)
        form = await form_of(request, who)
        query = " ".join(str(form.get("q") or "").split())[:100]
        page = number(str(form.get("page") or "1"))
        cursor = Cursor(str(form.get("after") or "")[:60], str(form.get("before") or "")[:60])
        return _listing(request, who, str(form.get("site") or "") or None, query, page, cursor)

    @pages.get("/new")
    def new_form(request: Request, site: str | None = None) -> Response:
        who = require(request)
        with factory(request)() as session:
            place = site_in_view(session, who, site)
            return _edit_page(request, who, session, place, None, {}, {})

    _import_routes(pages)
    person_passes.add_routes(pages, _person)
    _person_routes(pages)
    return pages


def _import_routes(pages: APIRouter) -> None:
    @pages.post("/new")
    async def add(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            place = site_in_view(session, who, str(form.get("site") or ""))
            fields, errors = _check_fields(session, form, None)
            if errors:
                return _edit_page(request, who, session, place, None, fields, errors, 422)
            person_id = str(uuid.uuid4())
            directory.upsert_person(session, id=person_id, site=place.code, **fields)
            staff.audit(
                session,
                account_of(session, who),
                "person.add",
                now=now,
                site=place.code,
                subject=person_id,
            )
        return redirect(f"{PREFIX}/people/{ref_of(who, person_id)}?saved=1")

    @pages.get("/import")
    def import_form(request: Request, site: str | None = None) -> Response:
        who = require(request)
        with factory(request)() as session:
            place = site_in_view(session, who, site)
        return render(
            request, "import.html", who, site=place, plan=None, error=None, reason=reasons(request)
        )

    @pages.post("/import")
    async def preview(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        upload = form.get("file")
        data, filename = b"", ""
        if isinstance(upload, UploadFile):
            data, filename = await upload.read(MAX_IMPORT_BYTES + 1), upload.filename or ""
        await form.close()  # the upload's spooled temporary file
        with factory(request)() as session:
            place = site_in_view(session, who, str(form.get("site") or ""))
            options = _options(form)
            error = None if data else "no_file"
            if len(data) > MAX_IMPORT_BYTES:
                error = "file_too_big"
            if error is not None:
                return render(
                    request,
                    "import.html",
                    who,
                    site=place,
                    plan=None,
                    error=error,
                    status=422,
                    reason=reasons(request),
                )
            plan, problem = _plan(session, place, data, filename, options)
            staff.audit(
                session,
                account_of(session, who),
                "person_import.preview",
                now=clock(request).now(),
                site=place.code,
                detail=f"{plan.rows if plan else 0} rows",
            )
            session.commit()
        return render(
            request,
            "import.html",
            who,
            site=place,
            plan=plan,
            error=None,
            problem=problem,
            payload=base64.b64encode(data).decode(),
            filename=filename,
            options=options,
            status=200 if plan is not None else 422,
            reason=reasons(request),
        )

    @pages.post("/import/apply")
    async def apply(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        try:
            data = base64.b64decode(str(form.get("payload") or ""), validate=True)
        except (binascii.Error, ValueError):
            data = b""
        now = clock(request).now()
        with factory(request).begin() as session:
            place = site_in_view(session, who, str(form.get("site") or ""))
            plan, problem = _plan(
                session, place, data, str(form.get("filename") or ""), _options(form)
            )
            if plan is None or not data:
                return render(
                    request,
                    "import.html",
                    who,
                    site=place,
                    plan=None,
                    error=None if data else "no_file",
                    problem=problem,
                    status=422,
                    reason=reasons(request),
                )
            result = person_import.apply_plan(session, plan, skip_bad=True)
            staff.audit(
                session,
                account_of(session, who),
                "person_import.apply",
                now=now,
                site=place.code,
                detail=f"added {result.added}, updated {result.updated}, "
                f"deactivated {result.deactivated}, skipped {result.skipped}",
            )
        return render(request, "import_done.html", who, site=place, result=result)


def _person_routes(pages: APIRouter) -> None:
    @pages.get("/{ref}")
    def open_person(
        request: Request, ref: str, saved: str = "", pass_refused: str = ""
    ) -> Response:
        who = require(request)
        with factory(request).begin() as session:
            person = _person(session, who, ref)
            place = site_in_view(session, who, person.site)
            staff.audit(
                session,
                account_of(session, who),
                "person.open",
                now=clock(request).now(),
                site=place.code,
                subject=person.id,
            )
            return _edit_page(
                request,
                who,
                session,
                place,
                person,
                _fields_of(person),
                {},
                saved=saved == "1",
                pass_refused=pass_refused == "1",
            )

    @pages.post("/{ref}")
    async def edit(request: Request, ref: str) -> Response:
        who = require(request)
        form = await form_of(request, who)
        with factory(request).begin() as session:
            person = _person(session, who, ref)
            place = site_in_view(session, who, person.site)
            fields, errors = _check_fields(session, form, person)
            if errors:
                return _edit_page(request, who, session, place, person, fields, errors, 422)
            directory.upsert_person(
                session,
                id=person.id,
                site=person.site,
                kind=person.kind,
                active=person.active,
                **fields,
            )
            staff.audit(
                session,
                account_of(session, who),
                "person.edit",
                now=clock(request).now(),
                site=place.code,
                subject=person.id,
            )
        return redirect(f"{PREFIX}/people/{ref}?saved=1")

    @pages.post("/{ref}/active")
    async def set_active(request: Request, ref: str) -> Response:
        who = require(request)
        form = await form_of(request, who)
        with factory(request).begin() as session:
            person = _person(session, who, ref)
            active = form.get("active") == "1"
            directory.upsert_person(
                session,
                id=person.id,
                given_name=person.given_name,
                family_name=person.family_name,
                email=person.email,
                site=person.site,
                organisation_id=person.organisation_id,
                cluster=person.cluster,
                kind=person.kind,
                active=active,
            )
            staff.audit(
                session,
                account_of(session, who),
                "person.reactivate" if active else "person.deactivate",
                now=clock(request).now(),
                site=person.site,
                subject=person.id,
            )
        return redirect(f"{PREFIX}/people/{ref}?saved=1")

    @pages.post("/{ref}/pin")
    async def set_pin(request: Request, ref: str) -> Response:
        who = require(request)
        form = await form_of(request, who)
        chosen = str(form.get("pin") or "").strip()
        with factory(request).begin() as session:
            person = _person(session, who, ref)
            place = site_in_view(session, who, person.site)
            if chosen and not is_valid_pin(chosen):  # checked before set_pin writes anything
                return _edit_page(
                    request,
                    who,
                    session,
                    place,
                    person,
                    _fields_of(person),
                    {"pin": "pin_bad"},
                    422,
                )
            pin = person_pins.set_pin(session, person, chosen or None)
            staff.audit(
                session,
                account_of(session, who),
                "person.pin_set" if chosen else "person.pin_generated",
                now=clock(request).now(),
                site=place.code,
                subject=person.id,
            )
            name = person.name
        # Shown in this answer only: not in a URL, not stored.
        return render(request, "pin.html", who, name=name, pin=pin, ref=ref, show_pin=not chosen)


def _listing(
    request: Request,
    who: Staff,
    site: str | None,
    query: str | None,
    page: int,
    cursor: Cursor = Cursor(),
) -> Response:
    page = max(1, min(page, 100_000))
    with factory(request).begin() as session:
        place = site_in_view(session, who, site)
        where = [Person.site == place.code]
        if query:
            where.append(_starts_with(query))
        counted = select(literal(1)).select_from(Person).where(*where)
        if query:  # a search counts up to the cap; the whole list exactly (an index scan)
            counted = counted.limit(COUNT_CAP + 1)
        total = session.scalar(select(func.count()).select_from(counted.subquery())) or 0
        found, more = _page(session, who, where, page, cursor)
        rows = [
            PersonRow(
                ref_of(who, person_id),
                name,
                email,
                organisation or "",
                active,
                kind == PersonKind.GUEST,
            )
            for person_id, name, email, organisation, active, kind in found
        ]
        staff.audit(
            session,
            account_of(session, who),
            "people.search" if query else "people.list",
            now=clock(request).now(),
            site=place.code,
            detail=f"page {page}",  # never what was searched for: it is often a name
        )
        sites = [s.code for s in sites_for(session, who)]
    return render(
        request,
        "people.html",
        who,
        site=place,
        sites=sites,
        rows=rows,
        query=query or "",
        page=page,
        total=total,
        capped=bool(query) and total > COUNT_CAP,
        more=more,
        first=(page - 1) * PAGE_SIZE + 1 if rows else 0,
        last=(page - 1) * PAGE_SIZE + len(rows),
    )


def _page(
    session: Session, who: Staff, where: list[Any], page: int, cursor: Cursor
) -> tuple[list[Any], bool]:
    """One page of the list (and whether a next one exists), by the cursor if it names a
    person of the list, else by the page number."""
    sort = (func.lower(Person.family_name), func.lower(Person.given_name), Person.id)
    key = None
    backwards = bool(cursor.before) and not cursor.after
    ref = cursor.after or cursor.before
    person_id = handles.person_id(who.secret, ref) if ref else None
    if person_id is not None:
        key = session.execute(select(*sort).where(Person.id == person_id, *where[:1])).first()
    ids = select(Person.id).where(*where)
    if key is not None and backwards:
        ids = ids.where(tuple_(*sort) < tuple_(*key)).order_by(*(c.desc() for c in sort))
    elif key is not None:
        ids = ids.where(tuple_(*sort) > tuple_(*key)).order_by(*sort)
    else:
        ids = ids.order_by(*sort).offset((page - 1) * PAGE_SIZE)
    chosen = list(session.scalars(ids.limit(PAGE_SIZE + 1)))
    more = backwards or len(chosen) > PAGE_SIZE
    chosen = chosen[:PAGE_SIZE]
    # Names and organisations for the fifty chosen only: joined before the OFFSET, the join
    # ran for every row skipped.
    found = session.execute(
        select(Person.id, Person.name, Person.email, Organisation.name, Person.active, Person.kind)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(Person.id.in_(chosen))
        .order_by(*sort)
    ).all()
    return list(found), more


def _starts_with(query: str) -> Any:
    """People whose name, family name or e-mail address starts with ``query`` (case and
    repeated spaces ignored): prefix searches that indexes answer (migration 0009)."""
    folded = query.casefold()
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(
        func.lower(Person.name).like(escaped, escape="\\"),
        func.lower(Person.family_name).like(escaped, escape="\\"),
        func.lower(Person.email).like(escaped, escape="\\"),
    )


def _person(session: Session, who: Staff, ref: str) -> Person:
    """The person behind a handle of this session that the staff member may see, else 404."""
    key = handles.person_id(who.secret, ref)
    if key is None:
        raise Refused(404, "not_found")
    person = session.get(Person, key)
    if person is None:
        raise Refused(404, "not_found")
    site_in_view(session, who, person.site)  # another site's person: 404
    return person


def _fields_of(person: Person) -> dict[str, Any]:
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "email": person.email,
        "organisation_id": person.organisation_id,
        "cluster": person.cluster,
    }


def _check_fields(
    session: Session, form: Any, person: Person | None
) -> tuple[dict[str, Any], dict[str, str]]:
    fields: dict[str, Any] = {
        "given_name": str(form.get("given_name") or "").strip()[:100],
        "family_name": str(form.get("family_name") or "").strip()[:100],
        "email": directory.normalise_email(str(form.get("email") or ""))[:254],
        "organisation_id": str(form.get("organisation_id") or "") or None,
        "cluster": str(form.get("cluster") or "") or None,
    }
    errors: dict[str, str] = {}
    if not fields["given_name"]:
        errors["given_name"] = "name_missing"
    if not fields["family_name"]:
        errors["family_name"] = "name_missing"
    email = fields["email"]
    if "@" not in email or "." not in email.split("@")[-1] or " " in email:
        errors["email"] = "email_bad"
    else:
        other = directory.find_person(session, email)
        if other is not None and (person is None or other.id != person.id):
            errors["email"] = "email_taken"
    if fields["organisation_id"] and session.get(Organisation, fields["organisation_id"]) is None:
        fields["organisation_id"] = None
    if fields["cluster"] not in {None, *(str(c) for c in Cluster)}:
        fields["cluster"] = None
    return fields, errors


def _edit_page(
    request: Request,
    who: Staff,
    session: Session,
    place: Site,
    person: Person | None,
    fields: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
    *,
    saved: bool = False,
    pass_refused: bool = False,
) -> Response:
    organisations = session.execute(
        select(Organisation.id, Organisation.name).order_by(Organisation.name)
    ).all()
    return render(
        request,
        "person.html",
        who,
        status=status,
        site=place,
        person=person,
        fields=fields,
        errors=errors,
        organisations=organisations,
        clusters=[str(c) for c in Cluster],
        saved=saved,
        pass_refused=pass_refused,
        passes=person_passes.pass_rows(session, person) if person is not None else [],
        ref=ref_of(who, person.id) if person is not None else "",
        mail_ready=person_passes.smtp_configured(),
    )


def _options(form: Any) -> dict[str, bool]:
    return {
        "deactivate_missing": form.get("deactivate_missing") == "1",
        "create_organisations": form.get("create_organisations") == "1",
    }


def _plan(
    session: Session, place: Site, data: bytes, filename: str, options: dict[str, bool]
) -> tuple[person_import.ImportPlan | None, person_import.ImportFileError | None]:
    try:
        rows = person_import.read_rows(data, filename)
    except person_import.ImportFileError as exc:
        return None, exc
    return person_import.plan_import(session, place, rows, **options), None


def reasons(request: Request) -> Any:
    """For the import page: a bad row's or file's reason (a code of person_import.REASONS
    and its values) in the staff member's language."""
    lang = language(request)

    def reason(code: str, values: Any = ()) -> str:
        key = f"import_{code}"
        text = translate(key, lang)
        if text == key:  # a reason the catalogue lacks: English rather than a bare key
            return person_import.reason_text(code, values)
        return text.format(**dict(values))

    return reason
