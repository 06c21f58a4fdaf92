"""Folding names for search, so "Aasheim", "Åsheim" and "asheim" find the same person."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII form: æ→ae, ø/oe→o, å/aa→a, other accents dropped, the rest removed."""
    text = text.casefold().replace("æ", "ae").replace("ø", "o")
    if not text.isascii():  # most names are ASCII by now: a first sync folds 50,000 of them
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return text.replace("aa", "a").replace("oe", "o")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def search_key(name: str) -> str:
    """The folded words of a name, space-separated with a leading space: ``" bjorn asheim"``.

    Stored beside each person, so a query word matches the start of any name word with a plain
    ``LIKE '% word%'``.
    """
    return " " + " ".join(words(name))


def query_words(query: str) -> list[str]:
    return words(query)


def masked_name(name: str, given_name: str, organisation: str | None) -> str:
    """What a public screen shows of a person found by name: "Kari N. · NAV".

    The given name, the initial of the family name and the organisation's short name; never
    the whole family name."""
    name, given_name = " ".join(name.split()), " ".join(given_name.split())
    if given_name and name.startswith(given_name):
        given, family = given_name, name[len(given_name) :].strip()
    else:
        given, _, family = name.partition(" ")
    initial = next((ch for ch in family if ch.isalpha()), "")
    shown = f"{given} {initial.upper()}." if initial else given
    return f"{shown} · {organisation}" if organisation else shown
