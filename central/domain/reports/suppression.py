"""Small-count suppression with complementary suppression.

A cell counting fewer than ``MIN_PEOPLE`` distinct people (but more than none) is suppressed
(primary). Then, until nothing changes: in each row and each column whose total is published,
if exactly one cell is suppressed, the smallest other non-empty cell is suppressed too (a zero
only if nothing else is left, and the total itself if there is no other cell), so no suppressed
value equals a published total minus the published cells of its row or column. Totals that
count fewer than ``MIN_PEOPLE`` people are suppressed like any cell.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_PEOPLE = 3
SUPPRESSED = "< 3"


@dataclass(frozen=True)
class Count:
    value: int
    # distinct people the value counts (a lower bound for sums over days); None: the value
    # is not a count of people (a number of days, a share)
    people: int | None


def primary(count: Count | None) -> bool:
    return (
        count is not None
        and count.people is not None
        and count.value > 0
        and count.people < MIN_PEOPLE
    )


def suppress(
    cells: list[list[Count | None]],
    row_totals: list[Count | None] | None = None,
    col_totals: list[Count | None] | None = None,
) -> tuple[list[list[bool]], list[bool], list[bool]]:
    """Which cells, row totals and column totals to hide. Without totals, primary only."""
    hidden = [[primary(c) for c in row] for row in cells]
    rows_hidden = [primary(t) for t in row_totals] if row_totals is not None else []
    cols_hidden = [primary(t) for t in col_totals] if col_totals is not None else []
    if row_totals is None and col_totals is None:
        return hidden, rows_hidden, cols_hidden
    n_cols = len(cells[0]) if cells else 0
    changed = True
    while changed:
        changed = False
        lines: list[tuple[list[tuple[int, int]], list[bool], int]] = []
        if row_totals is not None:
            lines += [([(r, c) for c in range(n_cols)], rows_hidden, r) for r in range(len(cells))]
        if col_totals is not None:
            lines += [([(r, c) for r in range(len(cells))], cols_hidden, c) for c in range(n_cols)]
        for line, totals_hidden, index in lines:
            if totals_hidden[index]:
                continue
            down = [(r, c) for r, c in line if hidden[r][c]]
            if len(down) != 1:
                continue
            candidates = [(r, c) for r, c in line if not hidden[r][c] and cells[r][c] is not None]
            if not candidates:
                totals_hidden[index] = True
                changed = True
                continue

            def size(rc: tuple[int, int]) -> tuple[int, int]:
                count = cells[rc[0]][rc[1]]
                assert count is not None
                return (count.value == 0, count.value)

            r, c = min(candidates, key=size)
            hidden[r][c] = True
            changed = True
    return hidden, rows_hidden, cols_hidden
