"""Every table of a report as a CSV file (UTF-8 with BOM, ``;``-separated, as Norwegian Excel
opens it), exactly as published: suppressed cells read "< 3"."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from central.domain.reports.tables import Report, Table


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows(table.published())
    return out.getvalue()


def write(report: Report, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, table in enumerate(report.tables, start=1):
        path = folder / f"{number:02d}-{table.slug}.csv"
        path.write_text(table_csv(table), encoding="utf-8-sig")
        written.append(path)
    return written
