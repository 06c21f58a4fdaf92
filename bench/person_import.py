"""``regionlab-central person import`` of 50,000 members, on SQLite and on PostgreSQL.

Each database starts as ``init --demo`` leaves it. Three imports of a generated CSV file
(semicolons, a BOM, Norwegian headers and names): the first adds everyone, the second finds
everyone unchanged, the third changes the organisation of one in ten and leaves one in ten out
with ``--deactivate-missing``. Timed end to end through the command line in this process
(reading the file, checking every row, planning, writing people and feed rows, committing).

PostgreSQL runs when ``REGIONLAB_TEST_POSTGRES_URL`` (or ``--postgres URL``) names a server;
the bench works in a schema of its own and drops it afterwards.

    python -m bench.person_import [--people 50000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import io
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.summary import record

GIVEN = ("Åse", "Øystein", "Kari", "Ola", "Siobhán", "Anne Marie", "Jens-Petter", "Ingrid")
FAMILY = ("Ølstad", "Håland", "Nordmann", "O'Neil", "Lie", "Stakkeland", "Fjeld", "Vik")
ORGANISATIONS = ("NAV", "Skatteetaten", "Bufdir", "Agder fylkeskommune", "Listersamarbeidet")
KEK_ENV = "REGIONLAB_KEY_ENCRYPTION_KEY"
CLUSTERS = ("helse", "næring", "utdanning", "naturforvaltning", "barn og unge", "")


def member_file(
    path: Path, people: int, *, changed_every: int = 0, left_out_every: int = 0
) -> None:
    lines = ["Navn;E-post;Organisasjon;Klynge"]
    for n in range(people):
        if left_out_every and n % left_out_every == 1:
            continue
        organisation = ORGANISATIONS[
            (n + (1 if changed_every and n % changed_every == 0 else 0)) % 5
        ]
        given, family = GIVEN[n % 8], FAMILY[(n // 8) % 8]
        lines.append(
            f"{given} {family}{_letters(n)};person{n}@bench.example;{organisation};"
            f"{CLUSTERS[n % 6]}"
        )
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")


def _letters(n: int) -> str:
    word = ""
    for _ in range(4):
        n, digit = divmod(n, 26)
        word += "abcdefghijklmnopqrstuvwxyz"[digit]
    return word


def _import(database_url: str, path: Path, *extra: str) -> tuple[float, str]:
    from central.cli import main

    out = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out):
        argv = ["person", "import", "--site", "lyngdal", str(path), "--database-url", database_url]
        code = main([*argv, *extra])
    elapsed = time.perf_counter() - started
    if code != 0:
        raise RuntimeError(f"person import failed ({code}): {out.getvalue()[-2000:]}")
    summary = next(line.strip() for line in out.getvalue().splitlines() if "added" in line)
    return elapsed, summary


def run_on(name: str, database_url: str, folder: Path, people: int) -> None:
    from central.bootstrap import initialise
    from central.db.engine import make_engine
    from kiosk.clock import SystemClock

    engine = make_engine(database_url)
    initialise(engine, SystemClock(), with_demo=True)
    engine.dispose()
    first, same, changed = (folder / f"{n}.csv" for n in ("first", "same", "changed"))
    member_file(first, people)
    member_file(same, people)
    member_file(changed, people, changed_every=10, left_out_every=10)
    for label, path, extra in (
        ("first import", first, ()),
        ("same file again", same, ()),
        ("10% changed, 10% left out", changed, ("--deactivate-missing",)),
    ):
        seconds, summary = _import(database_url, path, *extra)
        print(
            f"person import {people:,} rows, {name:<10} {label:<26} {seconds:6.2f} s  ({summary})"
        )
        if label == "first import":
            record(f"person import, {people:,} new members, {name}", seconds, "s")


@contextlib.contextmanager
def postgres_schema(base: str) -> Iterator[str]:
    schema = f"bench_people_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    # a key-encryption key for the signing keys, as an operator sets it for PostgreSQL
    previous = os.environ.get(KEK_ENV)
    os.environ[KEK_ENV] = base64.urlsafe_b64encode(os.urandom(32)).decode()
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
        if previous is None:
            os.environ.pop(KEK_ENV, None)
        else:
            os.environ[KEK_ENV] = previous


def bench_person_import(people: int = 50_000, postgres: str | None = None) -> None:
    postgres = postgres or os.environ.get("REGIONLAB_TEST_POSTGRES_URL")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        run_on("SQLite", f"sqlite:///{root / 'central.sqlite3'}", root, people)
        if postgres:
            with postgres_schema(postgres) as url:
                run_on("PostgreSQL", url, root, people)
        else:
            print("person import on PostgreSQL: skipped (set REGIONLAB_TEST_POSTGRES_URL)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--postgres", metavar="URL", help="default: $REGIONLAB_TEST_POSTGRES_URL")
    args = parser.parse_args(argv)
    bench_person_import(args.people, args.postgres)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
