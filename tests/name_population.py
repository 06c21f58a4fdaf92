"""A realistic population of Norwegian names for the name search's tests and bench.

Given names and family names as they are common in Agder (with æ, ø, å, double names and
hyphens), family names also made from farm-name parts ("Skjæ" + "vesland"), so 100,000 people
have thousands of distinct family names, as a real region does. Deterministic for a seed.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GIVEN = _split(
    "Kari Ola Anne Per Ingrid Lars Marit Jan Silje Eirik Torbjørn Øystein Randi Jørgen Malin "
    "Turid Guro Henning Janne Sverre Even Arne Anette Sunniva Eli Tuva Ragnar Halvor Stein "
    "Asbjørn Terje Joakim Ida Geir Yngve Ragnhild Marte Ivar Hege Torild Håkon Thea Mads Hanne "
    "Tone Tormod Signe Gunnhild Solveig Berit Bård Elin Sindre Åsta Borghild Peder Åsmund Øyvind "
    "Astrid Fredrik Kjersti Mette Trond Vigdis Svein Hilde Ærlend Sigurd Nora Vegard Rune Liv "
    "Frøydis Synnøve Kjetil Dag Ingunn Tor Knut Bjørn Nils Kristin Hilde Heidi Camilla Morten "
    "Espen Linda Siri Åse Gro Inger Marianne Karianne Karin Karl Kåre Jonas Emma Sofie Henrik "
    "Magnus Sondre Vetle Tobias Aksel Live Maja Selma Sigrid Jostein Torunn Unni Wenche"
)
DOUBLE_GIVEN = ("Anne-Lise", "Anne Marie", "Per Olav", "Jan Erik", "Mari-Ann", "Hans Petter")
FAMILY = _split(
    "Nordmann Stakkeland Åmland Hægeland Løland Bakke Skipnes Tjørhom Eikeland Netland Sunde "
    "Vigeland Lindeland Ørsland Tveit Haugland Mydland Værøy Vatland Gyland Knibestøl Kvinlaug "
    "Haughom Rosseland Skår Egeland Dræge Næss Gundersen Ravndal Liland Nærbø Skjævesland "
    "Kvæven Eftestøl Høyland Ødegaard Grønning Moi Mjåland Fjeldsgaard Grødem Håland Sæther "
    "Ousdal Helle Gjervoll Fjellestad Østebø Søyland Årsland Fuglestad Åsheim Kristoffersen "
    "Abusland Sørensen Ljosland Tønnessen Tjomsland Hovland Fidje Kåsa Hansen Johansen Olsen "
    "Larsen Andersen Pedersen Nilsen Berg Haugen Dahl Lie Strand Vik"
)
_FARM_START = _split(
    "Skjæ Kvi Hau Ros Lin Vat Gy Ljos Mjå Øde Fjel Grø Hå Sø Ås Tjoms Fugle Møl Bjør Ram Stø "
    "Syr Hol Lun Ny Gra Eik Bø Myr Fos Rø Tvei Aus Ves Nor Sol Kro Vår Brå Lyng Fed Spang Kvås"
)
_FARM_END = _split(
    "vesland land nlaug stad heim hom dal vik nes berg bø seth rud gard haug moen eid sæter "
    "bakken li stølen"
)
ORGANISATIONS = (
    ("NAV", "NAV"),
    ("Skatteetaten", "Skatt"),
    ("Sør politidistrikt", "Politiet Sør"),
    ("Statsforvalteren i Agder", "SFAG"),
    ("Agder fylkeskommune", "AFK"),
    ("Lyngdal kommune", "Lyngdal"),
)
# People with a two-letter name word: the only ones a two-letter query may find.
SHORT_NAMED = (("Bo", "Ek"), ("Li", "Ng"), ("Ea", "Vik"), ("Jo", "Ås"))


@dataclass(frozen=True)
class Named:
    id: str
    name: str
    given_name: str
    family_name: str
    organisation: str
    organisation_short: str


def family_names(rng: random.Random) -> list[str]:
    farms = [start + end for start in _FARM_START for end in _FARM_END]
    rng.shuffle(farms)
    return [*FAMILY, *farms]


def population(count: int, seed: int = 8) -> Iterator[Named]:
    """``count`` people; the first few have two-letter names, the rest common ones."""
    rng = random.Random(seed)
    families = family_names(rng)
    # Common family names are more common (a Zipf-like law: the commonest ~1 %).
    weights = list(itertools.accumulate(1 / (rank + 20) for rank in range(len(families))))
    for n in range(count):
        if n < len(SHORT_NAMED):
            given, family = SHORT_NAMED[n]
        else:
            given = rng.choice(DOUBLE_GIVEN) if rng.random() < 0.05 else rng.choice(GIVEN)
            (family,) = rng.choices(families, cum_weights=weights)
            if rng.random() < 0.03:
                family = f"{family}-{rng.choice(FAMILY)}"
        organisation, short = ORGANISATIONS[n % len(ORGANISATIONS)]
        yield Named(
            id=f"00000000-0000-4000-8000-{n:012d}",
            name=f"{given} {family}",
            given_name=given,
            family_name=family,
            organisation=organisation,
            organisation_short=short,
        )
