"""What the visitor reads when a scanned pass is refused: one sentence per ``PassProblem``."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from kiosk.passes import PREFIX, PassClaims, PassError, PassKind, PassProblem, normalise_token
from ui.messages import Message, MessageKind
from ui.time_display import local


def pass_problem_text(problem: PassProblem) -> str:
    """What a visitor should do when their pass is refused for ``problem``."""
    texts = {
        PassProblem.GARBLED: QCoreApplication.translate(
            "PassProblem", "Vi kunne ikke lese koden. Prøv igjen, eller sjekk inn med navn."
        ),
        PassProblem.UNSUPPORTED_VERSION: QCoreApplication.translate(
            "PassProblem",
            "Denne koden er av en type kiosken ikke kjenner. Sjekk inn med navn, "
            "og be resepsjonen om et nytt pass.",
        ),
        PassProblem.NO_KEYS: QCoreApplication.translate(
            "PassProblem",
            "Kiosken er ikke klar ennå og kan ikke lese pass. Sjekk inn med navn, "
            "eller prøv igjen om litt.",
        ),
        PassProblem.UNKNOWN_KEY: QCoreApplication.translate(
            "PassProblem",
            "Kiosken kjenner ikke igjen dette passet. Sjekk inn med navn, "
            "og ta kontakt i resepsjonen.",
        ),
        PassProblem.BAD_SIGNATURE: QCoreApplication.translate(
            "PassProblem",
            "Passet er ikke gyldig. Sjekk inn med navn, og ta kontakt i resepsjonen.",
        ),
        PassProblem.NOT_YET_VALID: QCoreApplication.translate(
            "PassProblem",
            "Passet ditt gjelder ikke ennå. Sjekk inn med navn, eller ta kontakt i resepsjonen.",
        ),
        PassProblem.EXPIRED: QCoreApplication.translate(
            "PassProblem",
            "Passet ditt har gått ut. Ta kontakt i resepsjonen eller sjekk inn med navn.",
        ),
        PassProblem.WRONG_SITE: QCoreApplication.translate(
            "PassProblem",
            "Dette passet gjelder et annet Statens hus-kontor. Sjekk inn med navn, "
            "eller ta kontakt i resepsjonen.",
        ),
        PassProblem.REVOKED: QCoreApplication.translate(
            "PassProblem", "Passet er sperret og kan ikke brukes. Ta kontakt i resepsjonen."
        ),
        PassProblem.INACTIVE: QCoreApplication.translate(
            "PassProblem",
            "Du står ikke lenger på medlemslisten her, så passet virker ikke. "
            "Ta kontakt i resepsjonen.",
        ),
    }
    return texts[problem]


def pass_problem_title(problem: PassProblem) -> str:
    if problem is PassProblem.GARBLED:
        return QCoreApplication.translate("PassProblem", "Koden kunne ikke leses")
    if problem is PassProblem.NO_KEYS:
        return QCoreApplication.translate("PassProblem", "Kiosken er ikke klar")
    return QCoreApplication.translate("PassProblem", "Passet kan ikke brukes")


def _looks_like_our_pass(text: str) -> bool:
    # Only the start matters: a 10 KB burst is not worth normalising whole.
    return normalise_token(text[:40]).startswith(PREFIX)


def _guest_days_text(claims: PassClaims) -> str:
    """ "fredag 28. november", or "fra fredag 28. november til søndag 30. november"."""
    first = local(claims.valid_from).date()
    last = local(claims.valid_to - timedelta(seconds=1)).date()
    locale = QLocale()
    pattern = QCoreApplication.translate("TimeDisplay", "dddd d. MMMM")  # Qt's date format

    def day(value: date) -> str:
        return locale.toString(QDate(value.year, value.month, value.day), pattern)

    if first >= last:
        return day(first)
    return (
        QCoreApplication.translate("PassProblem", "fra %1 til %2")
        .replace("%1", day(first))
        .replace("%2", day(last))
    )


def pass_refused_message(exc: PassError, text: str | None = None) -> Message:
    """The message for a refused pass. ``text`` (what was scanned) tells a code that is not
    ours at all (a web address, a product's barcode) from one of ours that was misread."""
    claims = exc.claims
    if exc.problem is PassProblem.GARBLED and text is not None and not _looks_like_our_pass(text):
        return Message(
            MessageKind.PROBLEM,
            QCoreApplication.translate("PassProblem", "Dette er ikke et RegionLab-pass"),
            QCoreApplication.translate(
                "PassProblem",
                "Vis fram QR-koden fra RegionLab-passet eller invitasjonen din, "
                "eller trykk «Sjekk inn med navn».",
            ),
            "not_a_pass",
        )
    if (
        claims is not None
        and claims.kind is PassKind.GUEST
        and exc.problem in (PassProblem.NOT_YET_VALID, PassProblem.EXPIRED)
    ):
        return Message(
            MessageKind.PROBLEM,
            QCoreApplication.translate("PassProblem", "Invitasjonen gjelder ikke i dag"),
            QCoreApplication.translate(
                "PassProblem",
                "Invitasjonen din gjelder %1. Ta kontakt i resepsjonen hvis du skulle "
                "vært her i dag.",
            ).replace("%1", _guest_days_text(claims)),
            f"guest_{exc.problem.value}",
        )
    return Message(
        MessageKind.PROBLEM,
        pass_problem_title(exc.problem),
        pass_problem_text(exc.problem),
        exc.problem.value,
    )
