"""Printable passes (PDF at print resolution) and the 0002_invitations migration."""

from __future__ import annotations

import logging
import re
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from central_helpers import KARI_EMAIL
from sqlalchemy import func, select, text

from central.cli import main
from central.db.engine import _alembic_config, make_engine, migrate, session_factory
from central.db.models import Base, PassRecord
from central.domain import pass_sheets
from central.domain.passes import public_keys
from kiosk.passes import SigningKey
from tests.conftest import LogExpectations
from tests.qr_codes import qr_texts


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def ready(database_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert run(capsys, "init", "--demo", "--database-url", database_url)[0] == 0
    return database_url


def pass_count(url: str) -> int:
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            return session.scalar(select(func.count()).select_from(PassRecord)) or 0
    finally:
        engine.dispose()


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    """The media boxes of a PDF's pages, in points (Pillow writes them uncompressed)."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", data)
    return [(float(w), float(h)) for w, h in boxes]


def test_pass_issue_writes_a_printable_a6_page(
    ready: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "print" / "kari.pdf"
    code, _, err = run(
        capsys, "pass", "issue", "--person", KARI_EMAIL, "--pdf", str(pdf), "--database-url", ready
    )
    assert (code, err) == (0, "")
    [(width, height)] = pdf_pages(pdf)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (105, 148)  # A6 in mm
    code, _, _ = run(
        capsys, "pass", "issue", "--person", KARI_EMAIL, "--pdf", str(pdf), "--page", "a4",
        "--database-url", ready,
    )  # fmt: skip
    assert code == 0
    [(width, height)] = pdf_pages(pdf)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)


def test_printed_cards_decode_at_print_resolution() -> None:
    token = "RL1" + "A" * 130  # the length of a real pass
    cards = [
        pass_sheets.Card(token, f"Person {n}", ["NAV", "RegionLab Lister", "x"]) for n in range(7)
    ]
    pages = pass_sheets.sheet_pages(cards)
    assert [page.size for page in pages] == [pass_sheets.A4, pass_sheets.A4]
    found = qr_texts(pages[0])
    assert len(found) == 6 and set(found) == {token}
    single = pass_sheets.single_page(cards[0], "a6")
    assert single.size == pass_sheets.A6
    assert qr_texts(single) == [token]


def test_pass_sheet_for_an_organisation_and_for_a_list(
    ready: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "nav.pdf"
    code, out, err = run(
        capsys, "pass", "sheet", "--site", "lyngdal", "--organisation", "NAV",
        "--pdf", str(sheet), "--database-url", ready,
    )  # fmt: skip
    assert (code, err) == (0, "")
    issued = int(out.split()[0])
    assert issued > 6 and f"on {(issued + 5) // 6} page(s)" in out
    assert len(pdf_pages(sheet)) == (issued + 5) // 6
    assert pass_count(ready) == issued

    people = tmp_path / "people.txt"
    people.write_text(f"# visitors\n{KARI_EMAIL}\n\neirik.amland@bufdir.no  # Bufdir\n")
    code, out, _ = run(
        capsys, "pass", "sheet", "--people", str(people), "--pdf", str(sheet),
        "--database-url", ready,
    )  # fmt: skip
    assert code == 0 and out.startswith("2 passes on 1 page(s)")

    people.write_text(f"{KARI_EMAIL}\nnobody@example.org\n")
    code, _, err = run(
        capsys, "pass", "sheet", "--people", str(people), "--pdf", str(sheet),
        "--database-url", ready,
    )  # fmt: skip
    assert code == 2 and "people.txt:2: unknown person 'nobody@example.org'" in err
    assert pass_count(ready) == issued + 2  # the failed sheet issued nothing


def test_migration_0002_upgrades_a_database_with_passes(
    database_url: str, expect_log: LogExpectations
) -> None:
    if database_url.startswith("sqlite"):  # 0005 seals the raw key with a KEK made beside
        expect_log("central.db.key_encryption", logging.WARNING, "key-encryption key created")
    engine = make_engine(database_url)
    try:
        config = _alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
        key = SigningKey.generate()
        now = datetime.now(UTC)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO sites (code, name, timezone)"
                    " VALUES ('lyngdal', 'L', 'Europe/Oslo')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO signing_keys (key_id, private_key, public_key, created_at, active)"
                    " VALUES (:id, :private, :public, :at, :active)"
                ),
                {"id": key.key_id, "private": key.private_key, "public": key.public_key,
                 "at": now.replace(tzinfo=None), "active": True},
            )  # fmt: skip
        migrate(engine)
        with session_factory(engine)() as session:
            assert public_keys(session) == {key.key_id: key.public_key}
        with engine.connect() as connection, warnings.catch_warnings():
            # 0009_person_ref's prefix indexes are expressions, which SQLite cannot reflect.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
            diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        mine = [d for d in diffs if "invitations" in repr(d) or "signing_keys" in repr(d)]
        assert mine == []
    finally:
        engine.dispose()
