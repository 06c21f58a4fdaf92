"""Small-count suppression that holds across the whole report.

The report is built from kept cells (per site and day, week or month: the *atoms*). Three rules:

1. **Primary.** A number counting fewer than ``MIN_PEOPLE`` distinct people (but more than none)
   is hidden and shown as "< 3".
2. **Lines with a margin published elsewhere.** Some atoms of a site and month add up to another
   atom that is published on its own: kinds of organisation and new + returning add up to the
   month's distinct people; a kind's organisations add up to the kind. In such a line, when a
   part is hidden, one more part is hidden with it (the smallest of at least 4, so that "< 3"
   and ":" cannot pin the hidden sum; a 3 only if one hidden part is a 2), else every part and
   the margin itself are hidden. Hidden for this reason: shown as ":".
   (The least hidden sum, every "< 3" a 1 and every partner a 3, would pin them: a partner
   counts people, so it is at least 3.)
3. **A sum that adds up a hidden part is hidden** (``total``): the all-sites figure of a
   site's hidden cell, a row or column total. Shown as ":" whatever its size: were it marked
   "< 3" or not, the mark would bound the hidden part it adds up. Except where the sum is
   protected as a line of rule 2 instead, or tells nothing new:

   - a site's sum over the period's months of new, returning, a kind of organisation, desks
     and bookings (``tables.MONTH_LINES``: "new users", the kinds' and new/returning totals,
     desks per site): the months are a line whose margin is that sum, the sites' sums a line
     whose margin is the sum of all sites; and since a month may lie in three lines at once
     (its site's months, its month's sites, its site-month's kinds), the lines are checked
     together as a reader would (``exposed``: solve the equations, narrow by the marks'
     bounds); where a hidden figure could be worked out, more is hidden, sums last;
   - a total that is a kept figure published on its own (a month's people as the sum of its
     kinds, or of new and returning);
   - a grand total whose row totals, or column totals, are all published (their sum).

So every published figure is a sum of published-safe atoms, or the margin of a protected line,
or a sum of published figures. Figures that are not sums (averages, the peak, shares,
changes) are hidden by rule 1, or when they are computed from a hidden one.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TypeVar

MIN_PEOPLE = 3
SUPPRESSED = "< 3"
PROTECTED = ":"
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Count:
    value: int
    # distinct people the value counts (a lower bound for sums over days); None: the value
    # is not a count of people (a number of days, a share)
    people: int | None
    # hidden although it counts enough people: it adds up a hidden part (rule 3) or it is
    # hidden to protect another part of its line (rule 2)
    shielded: bool = False


def primary(count: Count | None) -> bool:
    return (
        count is not None
        and count.people is not None
        and count.value > 0
        and count.people < MIN_PEOPLE
    )


def hidden(count: Count | None) -> bool:
    return count is not None and (primary(count) or count.shielded)


def label(count: Count | None) -> str:
    """The cell as published: empty, "< 3" (a count of fewer than three people), ":" (hidden
    to protect one: small or large, the mark does not say, or it would bound the hidden parts
    of a sum) or the number."""
    if count is None:
        return ""
    if count.shielded:
        return PROTECTED
    return SUPPRESSED if primary(count) else str(count.value)


def total(counts: Sequence[Count | None]) -> Count | None:
    """The sum, hidden (rule 3) if any part is (the part itself if it is the only one)."""
    present = [c for c in counts if c is not None]
    if not present:
        return None
    nonzero = [c for c in present if c.value or c.shielded]
    if len(nonzero) == 1 and all(
        c.value == 0 and not c.people for c in present if c is not nonzero[0]
    ):
        return nonzero[0]
    people = [c.people for c in present if c.people is not None]
    return Count(
        sum(c.value for c in present),
        sum(people) if people else None,
        any(hidden(c) for c in present),
    )


def derived(value: int, people: int | None, *parts: Count | None) -> Count:
    """A figure computed from ``parts`` (a share, a change): hidden if any part is."""
    return Count(value, people, any(hidden(p) for p in parts))


def protect_line(line: Mapping[K, Count]) -> tuple[set[K], bool]:
    """Rule 2 for one line whose sum is published as an atom of its own: the parts to hide,
    and whether the sum itself must be hidden too (then every part is hidden)."""
    down = {k for k, c in line.items() if hidden(c)}
    if not down:
        return set(), False
    candidates = sorted(
        (k for k, c in line.items() if k not in down and c.value > 0),
        key=lambda k: (line[k].value < 4, line[k].value),
    )
    while not _unpinned(line, down):
        if not candidates:
            return set(line), True
        down.add(candidates.pop(0))
    return down, False


def _unpinned(line: Mapping[K, Count], down: set[K]) -> bool:
    """Whether knowing the sum of the hidden parts, and that a "< 3" is 1 or 2 and a ":" at
    least 3, leaves every hidden part open: two or more, one of them a ":" (no upper bound),
    and the sum above its least possible value."""
    shields = [k for k in down if not primary(line[k])]
    least = all(line[k].value == (3 if k in shields else 1) for k in down)
    return len(down) >= 2 and bool(shields) and not least


def shield(count: Count) -> Count:
    return count if hidden(count) else replace(count, shielded=True)


def suppress(
    cells: list[list[Count | None]],
    row_totals: Iterable[Count | None] | None = None,
    col_totals: Iterable[Count | None] | None = None,
) -> tuple[list[list[bool]], list[bool], list[bool]]:
    """Which cells, row totals and column totals of a table are hidden (the totals come from
    ``total``, so a line with a hidden cell has a hidden total)."""
    return (
        [[hidden(c) for c in row] for row in cells],
        [hidden(t) for t in row_totals] if row_totals is not None else [],
        [hidden(t) for t in col_totals] if col_totals is not None else [],
    )


INF = float("inf")
Equation = tuple[dict[Hashable, int], int]  # unknowns with their coefficients, and the sum


def exposed(
    equations: list[Equation], bounds: Mapping[Hashable, tuple[float, float]]
) -> set[Hashable]:
    """The unknowns a reader of the published figures can work out: fixed by the equations
    (Gauss-Jordan, exact), or narrowed to one value by them and the marks' bounds (each
    unknown's (least, most); interval propagation until nothing changes). Used to check the
    lines rule 2 builds across months, where a hidden part may lie in several lines at once."""
    return _solved(equations) | _narrowed(equations, bounds)


def _solved(equations: list[Equation]) -> set[Hashable]:
    """The unknowns the equations fix (Gauss-Jordan with fractions)."""
    pivots: list[tuple[Hashable, dict[Hashable, Fraction], Fraction]] = []
    for eq, b in equations:
        coefs = {k: Fraction(a) for k, a in eq.items()}
        constant = Fraction(b)
        for pivot, p_coefs, p_const in pivots:
            if pivot in coefs:
                factor = coefs[pivot]
                for k, a in p_coefs.items():
                    coefs[k] = coefs.get(k, Fraction(0)) - factor * a
                    if coefs[k] == 0:
                        del coefs[k]
                constant -= factor * p_const
        if not coefs:
            continue
        pivot = next(iter(coefs))
        scale = coefs[pivot]
        coefs = {k: a / scale for k, a in coefs.items()}
        constant /= scale
        for i, (other, o_coefs, o_const) in enumerate(pivots):
            if pivot in o_coefs:
                factor = o_coefs[pivot]
                for k, a in coefs.items():
                    o_coefs[k] = o_coefs.get(k, Fraction(0)) - factor * a
                    if o_coefs[k] == 0:
                        del o_coefs[k]
                pivots[i] = (other, o_coefs, o_const - factor * constant)
        pivots.append((pivot, coefs, constant))
    return {pivot for pivot, coefs, _ in pivots if len(coefs) == 1}


def _narrowed(
    equations: list[Equation], bounds: Mapping[Hashable, tuple[float, float]]
) -> set[Hashable]:
    """The unknowns narrowed to one value by the equations and the bounds."""
    ranges = {k: bounds[k] for eq, _ in equations for k in eq}
    changed = True
    while changed:
        changed = False
        for eq, b in equations:
            for k, a in eq.items():
                lo, hi = _rest(eq, b, k, ranges)
                new_lo, new_hi = sorted((lo / a, hi / a))
                old_lo, old_hi = ranges[k]
                new_lo = max(old_lo, new_lo if new_lo == -INF else math.ceil(new_lo - 1e-9))
                new_hi = min(old_hi, new_hi if new_hi == INF else math.floor(new_hi + 1e-9))
                if (new_lo, new_hi) != (old_lo, old_hi):
                    ranges[k] = (new_lo, new_hi)
                    changed = True
    return {k for k, (lo, hi) in ranges.items() if lo == hi}


def _rest(
    eq: dict[Hashable, int], b: int, k: Hashable, ranges: Mapping[Hashable, tuple[float, float]]
) -> tuple[float, float]:
    """The range of ``b`` less every term of ``eq`` but ``k``'s."""
    lo = hi = float(b)
    for other, c in eq.items():
        if other == k:
            continue
        o_lo, o_hi = ranges[other]
        if o_hi == INF:
            low, high = (c * o_lo, INF) if c > 0 else (-INF, c * o_lo)
        else:
            low, high = sorted((c * o_lo, c * o_hi))
        lo, hi = lo - high, hi - low
    return lo, hi
