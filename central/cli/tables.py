"""The one way the command line prints a table."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence


def print_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right: Collection[str] = (),
) -> None:
    """Print ``headers`` then ``rows``, columns two spaces apart, each as wide as its widest cell.

    Columns named in ``right`` (numbers) are right-aligned, the others left-aligned; trailing
    blanks are trimmed.
    """
    table = [list(headers), *(list(row) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    for row in table:
        cells = (
            cell.rjust(width) if name in right else cell.ljust(width)
            for name, cell, width in zip(headers, row, widths, strict=True)
        )
        print("  ".join(cells).rstrip())
