"""``person import``: member lists from the office (CSV, XLSX), checked row by row, all or
nothing, matched by e-mail, and carried to the site's kiosks by the real feed."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from central_helpers import CHANGES, KARI_EMAIL, bearer
from sqlalchemy import Engine, func, select

from central.cli import main
from central.db.engine import session_factory
from central.db.models import Change, Organisation, Person, Site
from central.domain import passes, person_import
from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.evacuation import evacuation_list
from kiosk.passes import PassError, PassProblem
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings

HEADER = "Navn;E-post;Organisasjon;Klynge\r\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(tmp_path: Path, text: str, *, encoding: str = "utf-8", name: str = "members.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def people_at(engine: Engine, site: str = "lyngdal") -> dict[str, Person]:
    with session_factory(engine)() as session:
        return {p.email: p for p in session.scalars(select(Person).where(Person.site == site))}


def person_count(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


def test_a_bom_csv_with_semicolons_imports_and_a_second_import_updates_by_email(
    engine: Engine, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = person_count(engine)
    first = write(
        tmp_path,
        "\ufeff"
        + HEADER
        + "Åse Ølstad-Berg;Ase.Olstad@Nav.no;NAV;helse\r\n"
        + "O'Neil, Siobhán;siobhan.oneil@skatteetaten.no;Skatteetaten;Næring\r\n"
        + "Per Ivar Lie;per.ivar.lie@agderfk.no;agder fylkeskommune;\r\n",
    )
    code, out, err = run(
        capsys, "person", "import", "--site", "lyngdal", str(first), "--database-url", database_url
    )
    assert (code, err) == (0, ""), out
    assert "added 3, updated 0" in out
    people = people_at(engine)
    ase = people["ase.olstad@nav.no"]
    assert (ase.given_name, ase.family_name, ase.cluster) == ("Åse", "Ølstad-Berg", "helse")
    assert ase.organisation_id == "nav"
    siobhan = people["siobhan.oneil@skatteetaten.no"]
    assert (siobhan.given_name, siobhan.family_name) == ("Siobhán", "O'Neil")
    assert siobhan.cluster == "næring"
    assert people["per.ivar.lie@agderfk.no"].family_name == "Lie"

    # Again, with another case in the e-mail, a new organisation for Åse, one unchanged row.
    second = write(
        tmp_path,
        HEADER
        + "Åse Ølstad-Berg; ASE.OLSTAD@NAV.NO ;Skatteetaten;helse\r\n"
        + "O'Neil, Siobhán;siobhan.oneil@skatteetaten.no;Skatteetaten;Næring\r\n",
        name="again.csv",
    )
    code, out, _ = run(
        capsys, "person", "import", "--site", "lyngdal", str(second), "--database-url", database_url
    )
    assert code == 0, out
    assert "added 0, updated 1, unchanged 1, deactivated 0, bad 0" in out
    assert person_count(engine) == before + 3  # never a duplicate
    assert people_at(engine)["ase.olstad@nav.no"].organisation_id == "skatteetaten"


def test_windows_1252_with_commas_and_english_headers(
    engine: Engine, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        "NAME,E-MAIL,ORGANISATION,CLUSTER\r\nBjørg Håland,bjorg.haland@nav.no,NAV,utdanning\r\n",
        encoding="cp1252",
    )
    code, out, _ = run(
        capsys, "person", "import", "--site", "lyngdal", str(path), "--database-url", database_url
    )
    assert code == 0, out
    assert people_at(engine)["bjorg.haland@nav.no"].name == "Bjørg Håland"


def test_an_xlsx_sheet_imports(
    engine: Engine, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Navn", "E-post", "Organisasjon", "Klynge"])
    sheet.append(["Ingrid Å. Fjeld", "ingrid.fjeld@bufdir.no", "Bufdir", "Barn og unge"])
    sheet.append([None, None, None, None])  # an empty row in the middle is no row
    sheet.append(["Tor Vik", "tor.vik@nav.no", "NAV", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "members.xlsx"
    path.write_bytes(buffer.getvalue())
    code, out, _ = run(
        capsys, "person", "import", "--site", "lyngdal", str(path), "--database-url", database_url
    )
    assert code == 0, out
    people = people_at(engine)
    assert people["ingrid.fjeld@bufdir.no"].cluster == "barn og unge"
    assert people["tor.vik@nav.no"].cluster is None


def test_every_bad_row_is_named_and_nothing_is_imported(
    engine: Engine, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = person_count(engine)
    changes_before = _changes(engine)
    path = write(
        tmp_path,
        HEADER
        + "Gode Gunn;gunn@nav.no;NAV;helse\r\n"  # line 2: good
        + ";tom@nav.no;NAV;\r\n"  # 3: empty name
        + "Ola Feil;ola.feil@nav;NAV;\r\n"  # 4: bad e-mail
        + "Gunn Igjen;GUNN@nav.no;NAV;\r\n"  # 5: duplicate of line 2
        + "Ukjent Org;ukjent@example.no;Hemmelig etat;\r\n"  # 6: unknown organisation
        + "Smil 😀 Person;smil@nav.no;NAV;\r\n"  # 7: emoji
        + ("A" * 500 + " Lang;lang@nav.no;NAV;\r\n")  # 8: 500 characters
        + "Kari Klynge;kk@nav.no;NAV;fiske\r\n",  # 9: unknown cluster
    )
    code, out, _ = run(
        capsys, "person", "import", "--site", "lyngdal", str(path), "--database-url", database_url
    )
    assert code == 2
    assert "line 3: empty name" in out
    assert "line 4: not an e-mail address: 'ola.feil@nav'" in out
    assert "line 5: duplicate e-mail: also on line 2" in out
    assert "line 6: unknown organisation 'Hemmelig etat'" in out
    assert "--create-organisations" in out
    assert "line 7: the name holds '😀'" in out
    assert "line 8: the name is longer than 100 characters (505)" in out
    assert "line 9: unknown cluster 'fiske'" in out
    assert "nothing imported" in out
    assert person_count(engine) == before
    assert _changes(engine) == changes_before

    # --skip-bad takes the good row; --create-organisations would have taken line 6 too.
    code, out, _ = run(
        capsys,
        "person",
        "import",
        "--site",
        "lyngdal",
        str(path),
        "--skip-bad",
        "--create-organisations",
        "--database-url",
        database_url,
    )
    assert code == 0, out
    assert "new organisation: Hemmelig etat (hemmelig-etat)" in out
    assert "imported, 6 bad row(s) left out" in out
    people = people_at(engine)
    assert {"gunn@nav.no", "ukjent@example.no"} <= set(people)
    with session_factory(engine)() as session:
        assert session.get(Organisation, "hemmelig-etat") is not None


def _changes(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return session.scalar(select(func.max(Change.seq))) or 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("navn|e-post|organisasjon\nKari|k@nav.no|NAV\n", "separate the columns with commas"),
        ("navn;organisasjon\nKari;NAV\n", "missing column(s): e-mail/e-post"),
        ("name,email\nKari,k@nav.no\n", "missing column(s): organisation"),
        ("", "the file is empty"),
        ("navn;e-post;organisasjon\n", None),  # a header only: nothing to do, nothing wrong
    ],
)
def test_a_file_that_cannot_be_read_says_why(
    engine: Engine,
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str | None,
) -> None:
    path = write(tmp_path, text)
    code, out, err = run(
        capsys, "person", "import", "--site", "lyngdal", str(path), "--database-url", database_url
    )
    if message is None:
        assert code == 0 and "added 0" in out
        return
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_a_binary_file_is_refused_clearly() -> None:
    with pytest.raises(person_import.ImportFileError, match="not text"):
        person_import.read_rows(b"navn;e-post\x00\x00\x01;organisasjon\n", "x.csv")
    with pytest.raises(person_import.ImportFileError, match="not a readable XLSX"):
        person_import.read_rows(b"PK\x03\x04garbage", "x.xlsx")


def letters(n: int) -> str:
    """A given name made of letters only, different for each ``n`` ("Baaa", "Baab", ...)."""
    word = ""
    for _ in range(4):
        n, digit = divmod(n, 26)
        word = "abcdefghijklmnopqrstuvwxyz"[digit] + word
    return "B" + word


def test_five_thousand_rows_with_one_bad_row_named(
    engine: Engine, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [f"{letters(n)} Testesen;person{n:04d}@nav.no;NAV;helse" for n in range(5000)]
    lines[3141] = f"{letters(3141)} Testesen;person3141(at)nav.no;NAV;helse"  # file line 3143
    path = write(tmp_path, HEADER + "\r\n".join(lines) + "\r\n")
    before = person_count(engine)
    code, out, _ = run(
        capsys, "person", "import", "--site", "lyngdal", str(path), "--database-url", database_url
    )
    assert code == 2
    assert "bad 1" in out and "line 3143: not an e-mail address: 'person3141(at)nav.no'" in out
    assert person_count(engine) == before
    code, out, _ = run(
        capsys,
        "person",
        "import",
        "--site",
        "lyngdal",
        str(path),
        "--skip-bad",
        "--database-url",
        database_url,
    )
    assert code == 0 and "added 4999" in out
    assert person_count(engine) == before + 4999


def test_deactivate_missing_keeps_people_and_their_history(
    engine: Engine,
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lyngdal = people_at(engine)
    keep = sorted(e for e in lyngdal if e != KARI_EMAIL)[:5]
    rows = "".join(
        f"{lyngdal[e].name};{e};{lyngdal[e].organisation_id};{lyngdal[e].cluster or ''}\r\n"
        for e in keep
    )
    path = write(tmp_path, HEADER + rows)
    argv = ["person", "import", "--site", "lyngdal", str(path), "--database-url", database_url]
    code, out, _ = run(capsys, *argv, "--deactivate-missing", "--dry-run")
    assert code == 0 and "dry run" in out
    assert f"deactivated {len(lyngdal) - 5}" in out
    assert all(p.active for p in people_at(engine).values())
    code, out, _ = run(capsys, *argv, "--deactivate-missing")
    assert code == 0, out
    after = people_at(engine)
    assert len(after) == len(lyngdal)  # deactivated, not deleted
    assert sorted(e for e, p in after.items() if p.active) == keep
    assert not after[KARI_EMAIL].active
    # Other sites are not touched.
    assert all(p.active for p in people_at(engine, "narvik").values())


def test_imported_and_deactivated_people_reach_every_kiosk_of_the_site_by_the_real_feed(
    engine: Engine,
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    store_url: str,
    make_token: Callable[[str, str], str],
) -> None:
    token = make_token("lyngdal", "device")
    with session_factory(engine).begin() as session:
        kari = session.scalars(select(Person).where(Person.email == KARI_EMAIL)).one()
        kari_pass = passes.issue_member_pass(session, kari, now=datetime.now(UTC)).token
    cores = [
        KioskCore.open(
            replace(
                KioskSettings(),
                data_dir=tmp_path / f"kiosk{n}",
                site="lyngdal",
                central_url=store_url,
                device_token=token,
                sync_timeout_s=5,
            ),
            clock=SystemClock(),
        )
        for n in (1, 2)
    ]
    try:
        for core in cores:
            assert core.sync.sync_once(), core.sync.status().problem
            assert core.checkin.identify_pass(kari_pass).person.name == "Kari Nordmann"
        kari_in = cores[0].checkin.identify_pass(kari_pass)
        cores[0].checkin.check_in(kari_in.person.person_id, CheckinMethod.QR, kari_in.pass_id)
        lyngdal = people_at(engine)
        others = [e for e in lyngdal if e != KARI_EMAIL]
        rows = "".join(f"{lyngdal[e].name};{e};{lyngdal[e].organisation_id};\r\n" for e in others)
        path = write(tmp_path, HEADER + rows + "Zacharias Ærlig;zach@nav.no;NAV;helse\r\n")
        code, out, _ = run(
            capsys,
            *("person", "import", "--site", "lyngdal", str(path), "--deactivate-missing"),
            *("--database-url", database_url),
        )
        assert code == 0, out
        for core in cores:
            assert core.sync.sync_once(), core.sync.status().problem
            [zach] = core.checkin.search("zacharias ærlig")
            assert (zach.name, zach.organisation) == ("Zacharias Ærlig", "NAV")
            assert core.checkin.search("kari nordmann") == []
            with pytest.raises(PassError) as refused:
                core.checkin.identify_pass(kari_pass)
            assert refused.value.problem is PassProblem.INACTIVE
            # Dropped from the list while in the building: still named where it matters.
            names = [p.name for p in evacuation_list(core.store, core.clock, "lyngdal").people]
            assert "Kari Nordmann" in names
        # Stadt's kiosks hear nothing of Lyngdal's people.
        import requests

        stadt = requests.get(
            store_url + CHANGES.format(site="stadt"),
            headers=bearer(make_token("stadt", "device")),
            timeout=10,
        ).json()
        assert not [c for c in stadt["changes"] if c["key"] == zach.person_id]
    finally:
        for core in cores:
            core.close()


def test_a_bad_row_never_deactivates_the_person_it_names(engine: Engine) -> None:
    """--skip-bad with --deactivate-missing: a row left out for a typo in the organisation
    still names its person, who stays active; the plan is what a staff page would preview."""
    with session_factory(engine).begin() as session:
        site = session.get(Site, "lyngdal")
        assert site is not None
        people = sorted(
            session.scalars(select(Person).where(Person.site == "lyngdal")), key=lambda p: p.email
        )
        kari = next(p for p in people if p.email == KARI_EMAIL)
        text = HEADER + f"{kari.name};{KARI_EMAIL.upper()};NAVV;\r\n"
        rows = person_import.read_rows(text.encode(), "members.csv")
        plan = person_import.plan_import(session, site, rows, deactivate_missing=True)
        assert [(bad.line, bad.reason.split(":")[0]) for bad in plan.bad] == [
            (2, "unknown organisation 'NAVV'")
        ]
        assert kari.id not in {d.id for d in plan.deactivated}
        assert len(plan.deactivated) == len(people) - 1
        with pytest.raises(person_import.BadRowsError):
            person_import.apply_plan(session, plan)
        result = person_import.apply_plan(session, plan, skip_bad=True)
        assert (result.added, result.deactivated, result.skipped) == (0, len(people) - 1, 1)
    assert people_at(engine)[KARI_EMAIL].active


def test_a_re_import_keeps_the_pin_and_the_short_name_on_the_kiosks(
    engine: Engine, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The import writes people's feed rows in bulk: they must say what ``person_data`` says,
    or a re-import would take a PIN set by staff (and the masked "· NAV") off every kiosk."""
    from central.domain.person_pins import set_pin

    first = write(tmp_path, HEADER + "Åse Ølstad;ase.olstad@nav.no;NAV;helse\r\n")
    code, out, _ = run(
        capsys, "person", "import", "--site", "lyngdal", str(first), "--database-url", database_url
    )
    assert code == 0, out
    with session_factory(engine).begin() as session:
        ase = session.scalars(select(Person).where(Person.email == "ase.olstad@nav.no")).one()
        set_pin(session, ase, "4711")
        ase_id = ase.id
    again = write(tmp_path, HEADER + "Åse Ølstad;ase.olstad@nav.no;NAV;næring\r\n", name="b.csv")
    code, out, _ = run(
        capsys, "person", "import", "--site", "lyngdal", str(again), "--database-url", database_url
    )
    assert code == 0 and "updated 1" in out, out
    with session_factory(engine)() as session:
        row = session.scalars(
            select(Change).where(Change.entity == "person", Change.key == ase_id)
            .order_by(Change.seq.desc())
        ).first()
    assert row is not None
    data = row.data
    assert data["cluster"] == "næring"
    assert data["organisation_short"] == "NAV"
    assert data["pin_hash"] and data["pin_hash"].startswith("scrypt$")
