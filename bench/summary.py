"""The headline figures of a ``make bench`` run, printed as one table at its end.

Every section records its headline figures here (``record``) as it prints them; ``print_table``
lists them with the target the issue names beside each (issues #11, #12, #13) and whether the
figure met it. The note for the issues is written from that table. Targets that the issues
name for a quiet machine are judged as measured: on a shared machine read the ratios.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Headline:
    name: str
    value: float
    unit: str
    target: float | None = None  # the figure must be at most this (None: no target named)
    target_text: str = ""  # how the issue words it, when not just "<= target"
    issue: str = ""

    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "pass" if self.value <= self.target else "MISS"


HEADLINES: list[Headline] = []
# What ``bench.__main__.report`` printed, by name. Here, not there: ``python -m bench`` runs
# that module as ``__main__``, and the sections that import ``bench.__main__`` get a second copy.
MEASURED: dict[str, list[float]] = {}


def record(
    name: str,
    value: float,
    unit: str,
    target: float | None = None,
    *,
    target_text: str = "",
    issue: str = "",
) -> None:
    HEADLINES.append(Headline(name, value, unit, target, target_text, issue))


def _number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f} {unit}".strip()
    return f"{value:.2f} {unit}".strip()


def print_table() -> None:
    rows = HEADLINES
    if not rows:
        return
    print("\n# headline figures (one run on this machine; absolute times are noisy)", flush=True)
    print(f"{'figure':<58} {'value':>14}  {'target':<22} {'value/target':>12}  ok", flush=True)
    for row in rows:
        if row.target is None:
            target, ratio = row.target_text or "-", ""
        else:
            target = row.target_text or f"<= {_number(row.target, row.unit)}"
            ratio = f"{row.value / row.target:.2f}" if row.target else ""
        name = f"{row.name} ({row.issue})" if row.issue else row.name
        print(
            f"{name:<58} {_number(row.value, row.unit):>14}  {target:<22} {ratio:>12}"
            f"  {row.verdict()}",
            flush=True,
        )
