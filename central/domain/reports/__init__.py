"""The pilot's reports: aggregates kept per site and day or month (``aggregates``), tables built
from them with small counts suppressed (``tables``, ``suppression``), and the PDF and CSV they
are handed on as (``pdf``, ``csv_export``). Aggregates only: never a name or a person id."""
