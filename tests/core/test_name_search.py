"""The name search: forgiving of what people type, and no directory of who works here."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from kiosk.app import KioskCore
from kiosk.name_index import MAX_RESULTS, NameIndex, sort_key
from kiosk.names import masked_name, words
from tests.conftest import KARI
from tests.fakes import FakeCentral
from tests.name_population import SHORT_NAMED, Named, population

DEMO_PEOPLE = Path(__file__).resolve().parents[2] / "central" / "demo" / "people.json"
# People the typo set looks for, added to the population (unusual enough to be the only ones).
TARGETS = (
    "Torbjørn Hægeland",
    "Eirik Åmland",
    "Øystein Stakkeland",
    "Anne-Lise Kvinlaug",
    "Halvor Skjævesland",
    "Ærlend Kåsa",
    "Sindre Østebø",
    "Kari Nordmann",
    "Hans Petter Aas-Mydland",
    "Bjørn Aasheim",
)
# (the person, what a visitor types): ASCII spellings of æ/ø/å, one or two typos, family name
# first, part of a word, double names and hyphens.
TYPED = [
    ("Torbjørn Hægeland", "torbjorn haegeland"),
    ("Torbjørn Hægeland", "Torbjørn Hageland"),
    ("Torbjørn Hægeland", "hægeland torbjørn"),
    ("Torbjørn Hægeland", "Torbjrn Hægeland"),
    ("Torbjørn Hægeland", "Tobjørn Hægelan"),
    ("Torbjørn Hægeland", "torbj hæge"),
    ("Eirik Åmland", "eirik aamland"),
    ("Eirik Åmland", "Eirik Amland"),
    ("Eirik Åmland", "Eirk Åmland"),
    ("Eirik Åmland", "åmland eirik"),
    ("Øystein Stakkeland", "Oystein Stakkeland"),
    ("Øystein Stakkeland", "oeystein stakeland"),
    ("Øystein Stakkeland", "Øysten Stakkelnad"),
    ("Øystein Stakkeland", "stakkeland øy"),
    ("Anne-Lise Kvinlaug", "annelise kvinlaug"),
    ("Anne-Lise Kvinlaug", "anne lise kvin"),
    ("Anne-Lise Kvinlaug", "kvinlaug anne-lise"),
    ("Anne-Lise Kvinlaug", "Anne-Lise Kvinlag"),
    ("Halvor Skjævesland", "halvor skjaevesland"),
    ("Halvor Skjævesland", "Halvor Skjevesland"),
    ("Halvor Skjævesland", "Halvor Skjæveslnad"),
    ("Ærlend Kåsa", "aerlend kaasa"),
    ("Ærlend Kåsa", "Ærlend Kasa"),
    ("Ærlend Kåsa", "Erlend Kåsa"),
    ("Sindre Østebø", "sindre ostebo"),
    ("Sindre Østebø", "Sindre Oestebo"),
    ("Sindre Østebø", "Sinder Østebø"),
    ("Kari Nordmann", "Kair Nordman"),
    ("Kari Nordmann", "nordmann k"),
    ("Hans Petter Aas-Mydland", "hanspetter mydland"),
    ("Hans Petter Aas-Mydland", "Hans Petter Aas Mydland"),
    ("Hans Petter Aas-Mydland", "aas-mydland hans"),
    ("Hans Petter Aas-Mydland", "asmydland"),
    ("Bjørn Aasheim", "bjorn åsheim"),
    ("Bjørn Aasheim", "Bjørn Asheim"),
]
LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"


def _given(name: str) -> str:
    first = name.split()[0]
    return "Hans Petter" if name.startswith("Hans Petter") else first


def people(count: int) -> list[Named]:
    """The population, the demo people and the typo set's targets."""
    found = list(population(count))
    demo = json.loads(DEMO_PEOPLE.read_text(encoding="utf-8"))
    for n, person in enumerate(demo):
        name = f"{person['given_name']} {person['family_name']}"
        found.append(Named(f"demo-{n}", name, person["given_name"], "", "NAV", "NAV"))
    for n, name in enumerate(TARGETS):
        found.append(Named(f"target-{n}", name, _given(name), "", "NAV", "NAV"))
    return found


def index_of(found: list[Named]) -> NameIndex:
    rows = [(p.id, p.name, p.given_name, sort_key(p.name)) for p in found]
    by_id = {row[0]: row for row in rows}
    index = NameIndex(lambda: rows, lambda ids: [by_id[i] for i in ids if i in by_id])
    index.load()
    return index


@pytest.fixture(scope="module")
def crowd() -> tuple[NameIndex, dict[str, str]]:
    found = people(1000)
    return index_of(found), {p.id: p.name for p in found}


@pytest.mark.parametrize(("name", "typed"), TYPED)
def test_what_people_really_type_finds_them(
    crowd: tuple[NameIndex, dict[str, str]], name: str, typed: str
) -> None:
    index, names = crowd
    found = [names[pid] for pid in index.search(typed).person_ids]
    assert name in found, f"{typed!r} found {found}"


def test_every_two_letter_pair_reaches_only_people_with_a_two_letter_name(
    crowd: tuple[NameIndex, dict[str, str]],
) -> None:
    index, names = crowd
    reached: set[str] = set()
    for first, second in itertools.product(LETTERS, repeat=2):
        for query in (first + second, f"{first} {second}"):
            matches = index.search(query)
            assert len(matches.person_ids) <= MAX_RESULTS
            reached.update(matches.person_ids)
    # Only people with a name word of exactly two letters ("Bo Ek", "Li Ng", "Aas" as "ås"):
    # a handful of the 1,150 people, each found by typing that short name.
    short = {pid for pid, name in names.items() if any(len(word) == 2 for word in words(name))}
    assert {" ".join(pair) for pair in SHORT_NAMED} <= {names[pid] for pid in short}
    assert reached <= short
    assert len(reached) <= 2 * len(SHORT_NAMED)
    # What a plain "starts with, first five" search would have handed out, for scale.
    plain: set[str] = set()
    for first, second in itertools.product(LETTERS, repeat=2):
        prefix = words(first + second)[0]
        hits = sorted(
            pid
            for pid, name in names.items()
            if any(word.startswith(prefix) for word in words(name))
        )
        plain.update(hits[:MAX_RESULTS])
    assert len(plain) > 20 * len(reached)


def test_short_queries_pointing_at_many_people_ask_for_more_and_name_no_one(
    crowd: tuple[NameIndex, dict[str, str]],
) -> None:
    index, _ = crowd
    for query in ("ka", "kar", "ha", "ola", "k n", "to b", "k n o r", "ææ"):
        matches = index.search(query)
        assert matches.person_ids == (), query
    assert index.search("kar").more  # many Kari, Karin, Karl, Kåre: type more
    assert index.search("zq").more  # nothing fits yet: still "type more", not "no match"
    assert not index.search("zqxw").more  # four letters that fit no one: no match


def test_at_most_five_results_and_the_best_first(crowd: tuple[NameIndex, dict[str, str]]) -> None:
    index, names = crowd
    kari = index.search("kari")
    assert len(kari.person_ids) == MAX_RESULTS and kari.more
    assert all(names[pid].startswith("Kari") for pid in kari.person_ids)
    # A typo does not widen the list once the name is there as typed.
    assert {names[pid] for pid in index.search("kari nordmann").person_ids} == {"Kari Nordmann"}


def test_the_index_follows_changes_to_people(crowd: tuple[NameIndex, dict[str, str]]) -> None:
    found = people(50)
    rows = {p.id: (p.id, p.name, p.given_name, sort_key(p.name)) for p in found}
    index = NameIndex(lambda: list(rows.values()), lambda ids: [rows[i] for i in ids if i in rows])
    assert "target-6" in index.search("Sindre Østebø").person_ids
    rows["new"] = ("new", "Vilde Zachariassen", "Vilde", sort_key("Vilde Zachariassen"))
    target = "target-6"  # Sindre Østebø, as the demo people have one too
    del rows[target]  # deactivated: the reader no longer gives it
    index.update(["new", target])
    assert index.search("zachariassen").person_ids == ("new",)
    assert "target-6" not in index.search("Sindre Østebø").person_ids


@pytest.mark.parametrize(
    ("name", "given", "organisation", "shown"),
    [
        ("Kari Nordmann", "Kari", "NAV", "Kari N. · NAV"),
        ("Anne-Lise Aas Berg", "Anne-Lise", "Skatt", "Anne-Lise A. · Skatt"),
        ("Hans Petter Ødegaard", "Hans Petter", None, "Hans Petter Ø."),
        ("Øystein Åmland", "", "Politiet Sør", "Øystein Å. · Politiet Sør"),
        ("Madonna", "Madonna", "NAV", "Madonna · NAV"),
    ],
)
def test_a_found_person_is_shown_masked(
    name: str, given: str, organisation: str | None, shown: str
) -> None:
    assert masked_name(name, given, organisation) == shown


def test_the_core_gives_masked_people_with_ids_and_the_short_organisation(
    kiosk_settings: object, clock: object, signing_key: object
) -> None:
    from dataclasses import replace

    from kiosk.settings import KioskSettings

    assert isinstance(kiosk_settings, KioskSettings)
    central = FakeCentral(
        keys=[signing_key],  # type: ignore[list-item]
        people=[
            {
                "id": KARI,
                "name": "Kari Nordmann",
                "given_name": "Kari",
                "organisation": "Arbeids- og velferdsetaten",
                "organisation_short": "NAV",
            }
        ],
    )
    core = KioskCore.open(replace(kiosk_settings), clock=clock, transport=central)  # type: ignore[arg-type]
    try:
        assert core.checkin.search("nordmann") == []  # not synced yet
        assert core.sync.sync_once()
        [kari] = core.checkin.search("nordman")  # the index followed the feed
        assert (kari.person_id, kari.display) == (KARI, "Kari N. · NAV")
        assert core.checkin.search("nordmann", limit=0) == []
    finally:
        core.close()


def test_a_patched_index_answers_as_one_built_afresh() -> None:
    found = people(600)
    rows = {p.id: (p.id, p.name, p.given_name, sort_key(p.name)) for p in found}
    index = NameIndex(lambda: list(rows.values()), lambda ids: [rows[i] for i in ids if i in rows])
    index.load()
    changed = []
    for n, pid in enumerate(list(rows)[::37]):
        if n % 3 == 0:
            del rows[pid]  # left, or deactivated
        else:
            name = f"Ny{n} Navnesen-Qvist" if n % 3 == 1 else "Kari Nordmann"
            rows[pid] = (pid, name, name.split()[0], sort_key(name))
        changed.append(pid)
    rows["brand-new"] = ("brand-new", "Zelda Øyen", "Zelda", sort_key("Zelda Øyen"))
    index.update([*changed, "brand-new"])
    assert index.loaded  # a few people: patched, not dropped
    fresh = index_of([])
    fresh._read_all = lambda: list(rows.values())  # type: ignore[method-assign]
    fresh.load()
    for query in (
        "kari",
        "kari nordmann",
        "navnesen",
        "qvist ny",
        "zelda",
        "oyen",
        "sindre",
        "torbjorn haegeland",
        "anne lise",
        "ny1",
        "bo",
        "ze",
        "zel",
    ):
        assert index.search(query) == fresh.search(query), query


def test_a_big_batch_drops_the_index_and_the_next_search_builds_it_once() -> None:
    found = people(3000)
    rows = {p.id: (p.id, p.name, p.given_name, sort_key(p.name)) for p in found}
    reads: list[int] = []

    def read_all() -> list[tuple[str, str, str, str]]:
        reads.append(1)
        return list(rows.values())

    index = NameIndex(read_all, lambda ids: [rows[i] for i in ids if i in rows])
    index.load()
    index.update(list(rows)[:2500])  # a first sync's page, an import
    assert not index.loaded
    assert index.search("Sindre Østebø").person_ids and len(reads) == 2
