"""The operators' command line, run in-process through ``central.cli.main``."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from central_helpers import KARI_EMAIL
from PIL import Image
from sqlalchemy import Engine, func, select

from central import demo
from central.cli import main
from central.db.engine import make_engine, session_factory
from central.db.models import Change, Organisation, PassRecord, Person, Token
from central.domain.passes import public_keys
from kiosk.passes import PassError, PassKind, PassProblem, verify_token
from tests.fakes import FakeClock
from tests.qr_codes import qr_texts


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def counts(url: str) -> tuple[int, int, int, int]:
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            return (
                session.scalar(select(func.count()).select_from(Person)) or 0,
                session.scalar(select(func.count()).select_from(Organisation)) or 0,
                session.scalar(select(func.count()).select_from(Change)) or 0,
                session.scalar(select(func.max(Change.seq))) or 0,
            )
    finally:
        engine.dispose()


@pytest.fixture
def ready(database_url: str, engine: Engine) -> str:
    """A database as ``init --demo`` leaves it (the ``engine`` fixture's copy of one made
    once per session; ``init`` itself is tested on an empty database)."""
    return database_url


def test_init_twice_is_idempotent(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "init", "--database-url", database_url)
    assert (code, err) == (0, "")
    assert "database ready" in out
    assert counts(database_url)[0] == 0
    assert run(capsys, "init", "--demo", "--database-url", database_url)[0] == 0
    first = counts(database_url)
    assert first[:2] == (138, 22)
    code, out, _ = run(capsys, "init", "--demo", "--database-url", database_url)
    assert code == 0
    assert "(0 created or updated)" in out
    assert counts(database_url) == first


def test_database_url_from_the_environment(
    database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGIONLAB_DATABASE_URL", database_url)
    assert run(capsys, "init")[0] == 0
    assert run(capsys, "token", "create", "--site", "orkland", "--role", "admin")[0] == 0


def test_default_database_is_a_file_under_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REGIONLAB_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init")[0] == 0
    assert (tmp_path / "data" / "central.sqlite3").is_file()


def test_token_create_prints_only_the_secret(
    ready: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        "token",
        "create",
        "--site",
        "lyngdal",
        "--role",
        "device",
        "--label",
        "Inngang",
        "--database-url",
        ready,
    )
    assert (code, err) == (0, "")
    secret = out.strip()
    assert out == secret + "\n"
    assert secret.startswith("rlk_") and len(secret) > 40
    engine = make_engine(ready)
    try:
        with session_factory(engine)() as session:
            token = session.scalars(select(Token)).one()
        assert (token.site, token.role, token.label) == ("lyngdal", "device", "Inngang")
    finally:
        engine.dispose()


def test_person_list_json_and_table(ready: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "person", "list", "--site", "lyngdal", "--json", "--database-url", ready
    )
    assert code == 0
    people = json.loads(out)
    assert len(people) == 120
    kari = next(p for p in people if p["email"] == KARI_EMAIL)
    assert kari == {
        "id": demo.person_id_for(KARI_EMAIL),
        "name": "Kari Nordmann",
        "email": KARI_EMAIL,
        "organisation": "NAV",
        "cluster": "helse",
        "kind": "member",
    }
    family = [p["name"].split()[-1] for p in people]
    first = next(i for i, f in enumerate(family) if f[0] in "ÆØÅ")
    assert all(f[0] in "ÆØÅ" for f in family[first:])  # Norwegian order: æ, ø, å after z
    assert [f[0] for f in family[first:]] == sorted((f[0] for f in family[first:]), key="ÆØÅ".index)
    code, out, _ = run(capsys, "person", "list", "--site", "narvik", "--database-url", ready)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "name", "email", "organisation", "cluster", "kind"]
    assert len(lines) == 7


def test_pass_issue_round_trip(
    ready: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    png = tmp_path / "passes" / "kari.png"
    code, out, err = run(
        capsys,
        "pass",
        "issue",
        "--person",
        "Kari.Nordmann@NAV.no",
        "--png",
        str(png),
        "--days",
        "30",
        "--database-url",
        ready,
    )
    assert (code, err) == (0, "")
    token = out.strip()
    assert out == token + "\n"
    assert token.isalnum() and token == token.upper()

    engine = make_engine(ready)
    try:
        with session_factory(engine)() as session:
            keys = public_keys(session)
            record = session.scalars(select(PassRecord)).one()
    finally:
        engine.dispose()
    now = datetime.now(UTC)
    claims = verify_token(token, public_keys=keys, site="lyngdal", now=now)
    assert claims.person_id == demo.person_id_for(KARI_EMAIL)
    assert claims.kind is PassKind.MEMBER
    assert claims.pass_id == record.pass_id
    assert claims.key_id == record.key_id
    assert claims.valid_to - claims.valid_from == timedelta(days=30)
    assert (record.valid_from, record.valid_to) == (claims.valid_from, claims.valid_to)
    with pytest.raises(PassError) as refused:
        verify_token(token, public_keys=keys, site="lyngdal", now=now, revoked={record.pass_id})
    assert refused.value.problem is PassProblem.REVOKED

    assert png.stat().st_size > 0
    with Image.open(png) as image:
        assert image.format == "PNG"
        assert image.width >= 200 and image.height > image.width


def test_pass_png_decodes_back_to_the_token(
    ready: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    png = tmp_path / "pass.png"
    token = run(
        capsys, "pass", "issue", "--person", KARI_EMAIL, "--png", str(png), "--database-url", ready
    )[1].strip()
    with Image.open(png) as image:
        assert qr_texts(image) == [token]


def test_pass_revoke(ready: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "pass", "issue", "--person", KARI_EMAIL, "--database-url", ready)
    engine = make_engine(ready)
    try:
        with session_factory(engine)() as session:
            pass_id = session.scalars(select(PassRecord.pass_id)).one()
    finally:
        engine.dispose()
    code, out, _ = run(capsys, "pass", "revoke", "--pass-id", pass_id, "--database-url", ready)
    assert code == 0 and pass_id in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["pass", "issue", "--person", "nobody@example.org"],
            "unknown person 'nobody@example.org'",
        ),
        (["token", "create", "--site", "atlantis", "--role", "device"], "unknown site 'atlantis'"),
        (["person", "list", "--site", "atlantis"], "unknown site 'atlantis'"),
        (["pass", "issue", "--person", KARI_EMAIL, "--days", "0"], "at least one day"),
        (["pass", "revoke", "--pass-id", "0123456789abcdef"], "unknown pass"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    ready: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = counts(ready)
    code, out, err = run(capsys, *argv, "--database-url", ready)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert counts(ready) == before


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "bad database URL"),
        ("nosuchdb://x/y", "bad database URL"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2", "database unreachable"),
    ],
)
def test_bad_or_unreachable_database(
    capsys: pytest.CaptureFixture[str], url: str, message: str
) -> None:
    for argv in (["init"], ["person", "list", "--site", "lyngdal"]):
        code, _, err = run(capsys, *argv, "--database-url", url)
        assert code == 2
        assert err.startswith("regionlab-central: error: " + message)
        assert err.count("\n") == 1


def test_uninitialised_database_says_to_run_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "token",
        "create",
        "--site",
        "lyngdal",
        "--role",
        "admin",
        "--database-url",
        f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    assert code == 2 and "run `regionlab-central init`" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "token", "create", "--site", "lyngdal", "--role", "king")[0] == 2
    assert run(capsys)[0] == 2
    assert run(capsys, "--help")[0] == 0


def test_serve_refuses_a_remote_host(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "serve", "--host", "0.0.0.0", "--database-url", f"sqlite:///{tmp_path / 'c.db'}"
    )
    assert code == 2 and "--allow-remote" in err
    assert not (tmp_path / "c.db").exists()


def test_commands_read_the_time_from_the_clock_they_are_given(
    ready: str, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock(datetime(2031, 5, 17, 12, 30, tzinfo=UTC))
    assert main(["key", "rotate", "--database-url", ready], clock) == 0
    new_key = capsys.readouterr().out.split()[1]
    assert main(["key", "list", "--database-url", ready], clock) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["key_id", "created", "state", "valid_passes", "last_expiry"]
    assert [new_key, "2031-05-17", "12:30", "active", "0", "-"] in rows
