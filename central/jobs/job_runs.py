"""Whether a daily job already ran: its ``scheduler_runs`` row, written in the job's own
transaction, is what makes it run once however many processes try at the same moment.

A job's transaction that fails on an integrity error is then one of two things: another
process wrote the same row first (nothing to do), or the job itself broke a constraint. The
second is a fault that would repeat at every round and leave the job undone for good, so it is
logged, never mistaken for the first. The log line names the site, job, day and the database's
first line of complaint, never the statement's parameters (they may hold personal data).
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy.exc import IntegrityError

from central.db.engine import SessionFactory
from central.db.models import SchedulerRun


def ran_elsewhere(
    factory: SessionFactory,
    site: str,
    job: str,
    day: date,
    refused: IntegrityError,
    log: logging.Logger,
) -> bool:
    """After ``refused``: True if another process ran the job (its row is there now);
    otherwise the job's own fault is logged and False returned."""
    with factory() as session:
        if session.get(SchedulerRun, (site, job, day)) is not None:
            return True
    complaint = str(refused.orig).splitlines()[0] if refused.orig is not None else "?"
    log.error("%s %s %s did not run: the database refused it (%s)", job, site, day, complaint)
    return False
