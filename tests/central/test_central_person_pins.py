"""``person pin`` and PINs given with a pass: stored hashed, shown once, sent to the site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from central_helpers import KARI_EMAIL
from sqlalchemy import select

from central.cli import main
from central.db.engine import make_engine, session_factory
from central.db.models import Change, Person
from central.domain import pass_sheets
from kiosk.pin import verify_pin
from kiosk.protocol import Entity
from tests.qr_codes import one_qr_text


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def ready(database_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert run(capsys, "init", "--demo", "--database-url", database_url)[0] == 0
    return database_url


def kari(url: str) -> tuple[str | None, list[dict[str, object]]]:
    """Kari's stored hash, and her person rows in the feed (newest last)."""
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            person = session.scalars(select(Person).where(Person.email == KARI_EMAIL)).one()
            rows = session.scalars(
                select(Change)
                .where(Change.entity == Entity.PERSON, Change.key == person.id)
                .order_by(Change.seq)
            ).all()
            return person.pin_hash, [
                row.data if isinstance(row.data, dict) else json.loads(row.data)
                for row in rows
                if row.data
            ]
    finally:
        engine.dispose()


def test_staff_set_a_pin_and_only_its_hash_is_kept_and_sent_to_the_site(
    ready: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kari(ready)[0] is None
    code, out, err = run(
        capsys,
        "person",
        "pin",
        "--site",
        "lyngdal",
        KARI_EMAIL,
        "--pin",
        "4711",
        "--database-url",
        ready,
    )
    assert (code, err) == (0, "") and "4711" not in out
    stored, feed = kari(ready)
    assert stored is not None and "4711" not in stored and verify_pin("4711", stored)
    assert feed[-1]["pin_hash"] == stored and feed[-1]["organisation_short"] == "NAV"
    assert not any("4711" in json.dumps(row) for row in feed)


def test_a_generated_pin_is_printed_once_and_a_reset_replaces_it(
    ready: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "person",
        "pin",
        "--site",
        "lyngdal",
        KARI_EMAIL,
        "--generate",
        "--database-url",
        ready,
    )
    assert code == 0
    [pin] = re.findall(r"PIN for Kari Nordmann: (\d{6})\n", out)
    first, _ = kari(ready)
    assert verify_pin(pin, first)
    run(
        capsys,
        "person",
        "pin",
        "--site",
        "lyngdal",
        KARI_EMAIL,
        "--pin",
        "123456",
        "--database-url",
        ready,
    )
    second, _ = kari(ready)
    assert verify_pin("123456", second) and (pin == "123456" or not verify_pin(pin, second))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--site", "lyngdal", KARI_EMAIL, "--pin", "12"], "a PIN is 4 to 6 digits"),
        (["--site", "lyngdal", KARI_EMAIL, "--pin", "12ab56"], "a PIN is 4 to 6 digits"),
        (["--site", "lyngdal", KARI_EMAIL, "--pin", "١٢٣٤"], "a PIN is 4 to 6 digits"),
        (["--site", "narvik", KARI_EMAIL, "--pin", "4711"], "no person"),
        (["--site", "lyngdal", "nobody@example.no", "--pin", "4711"], "no person"),
        (["--site", "atlantis", KARI_EMAIL, "--pin", "4711"], "atlantis"),
    ],
)
def test_a_bad_pin_or_person_is_a_clear_message_and_changes_nothing(
    ready: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "person", "pin", *argv, "--database-url", ready)
    assert code != 0 and message in err and "Traceback" not in err
    assert kari(ready)[0] is None


def test_a_pass_issued_with_a_new_pin_shows_it_on_the_pdf_and_once_on_screen(
    ready: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cards: list[pass_sheets.Card] = []
    single_page = pass_sheets.single_page
    monkeypatch.setattr(
        pass_sheets,
        "single_page",
        lambda card, page="a6": cards.append(card) or single_page(card, page),
    )
    pdf = tmp_path / "kari.pdf"
    code, out, err = run(
        capsys,
        "pass",
        "issue",
        "--person",
        KARI_EMAIL,
        "--pdf",
        str(pdf),
        "--new-pin",
        "--database-url",
        ready,
    )
    assert (code, err) == (0, "")
    [pin] = re.findall(r"PIN: (\d{6})", out)
    assert verify_pin(pin, kari(ready)[0])
    [card] = cards
    assert any(line.endswith(f": {pin}") for line in card.lines)
    # The printed page still carries the pass, readable.
    page = single_page(card)
    assert one_qr_text(page) == card.token
    assert pdf.read_bytes().startswith(b"%PDF-")
    # Without --new-pin a pass shows no PIN and the stored one stays.
    run(capsys, "pass", "issue", "--person", KARI_EMAIL, "--database-url", ready)
    assert verify_pin(pin, kari(ready)[0])


def test_a_sheet_with_new_pins_gives_each_person_on_it_a_pin(
    ready: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cards: list[pass_sheets.Card] = []
    sheet_pages = pass_sheets.sheet_pages
    monkeypatch.setattr(
        pass_sheets, "sheet_pages", lambda given: cards.extend(given) or sheet_pages(given)
    )
    pdf = tmp_path / "nav.pdf"
    code, out, err = run(
        capsys,
        "pass",
        "sheet",
        "--site",
        "lyngdal",
        "--organisation",
        "NAV",
        "--new-pins",
        "--pdf",
        str(pdf),
        "--database-url",
        ready,
    )
    assert (code, err) == (0, "") and "PIN" not in out  # on the sheet only
    assert cards
    engine = make_engine(ready)
    try:
        with session_factory(engine)() as session:
            for card in cards:
                [pin] = re.findall(r": (\d{6})$", card.lines[-1])
                person = session.scalars(select(Person).where(Person.name == card.name)).first()
                assert person is not None and verify_pin(pin, person.pin_hash)
    finally:
        engine.dispose()
