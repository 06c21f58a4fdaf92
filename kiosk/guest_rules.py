"""A guest's details, checked the same way at the kiosk and in the store.

Input rules (each broken rule is a ``GuestProblem``, told in the visitor's language):
- a name: 1 to 100 characters after trimming, letters of any script with their accents,
  spaces, hyphens, apostrophes (' and U+2019) and full stops; no digits, no emoji;
- an organisation: optional, up to 100 characters, no emoji or control characters;
- a phone number: any format (spaces, dashes, dots, brackets, 00 or + for abroad); numbers
  without a country code are Norwegian; stored as E.164 ("+4741234567") if it is a valid
  number, refused otherwise;
- an e-mail: one @, a dot in the domain, no spaces; stored lower-case.
"""

from __future__ import annotations

import enum
import re
import unicodedata

from kiosk.domain import KioskError

MAX_NAME = 100
MAX_ORGANISATION = 100
DEFAULT_REGION = "NO"  # a phone number without a country code is Norwegian
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_NAME_PUNCTUATION = frozenset("-'\u2019. ")


class Purpose(enum.StrEnum):
    MEETING = "meeting"
    LUNCH_TALK = "lunch_talk"
    WORKING = "working"


class GuestProblem(enum.Enum):
    EMPTY_NAME = "empty_name"
    NAME_TOO_LONG = "name_too_long"
    NAME_CHARACTERS = "name_characters"
    ORGANISATION_TOO_LONG = "organisation_too_long"
    ORGANISATION_CHARACTERS = "organisation_characters"
    BAD_PHONE = "bad_phone"
    BAD_EMAIL = "bad_email"
    NO_HOST = "no_host"  # no host chosen, or one who is not (or no longer) a member here
    NO_PURPOSE = "no_purpose"


class GuestInputError(KioskError):
    """What the guest typed breaks a rule; nothing was stored. The UI says which, kindly."""

    def __init__(self, problem: GuestProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


# --- input rules ------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def clean_name(text: str) -> str:
    name = _clean(text)
    if not name:
        raise GuestInputError(GuestProblem.EMPTY_NAME)
    if len(name) > MAX_NAME:
        raise GuestInputError(GuestProblem.NAME_TOO_LONG)
    for char in name:
        if char in _NAME_PUNCTUATION:
            continue
        if unicodedata.category(char)[0] not in "LM":
            raise GuestInputError(GuestProblem.NAME_CHARACTERS)
    if not any(unicodedata.category(char)[0] == "L" for char in name):
        raise GuestInputError(GuestProblem.NAME_CHARACTERS)
    return name


def clean_organisation(text: str) -> str:
    organisation = _clean(text)
    if len(organisation) > MAX_ORGANISATION:
        raise GuestInputError(GuestProblem.ORGANISATION_TOO_LONG)
    for char in organisation:
        category = unicodedata.category(char)
        if category in ("So", "Cc", "Cf", "Cs", "Co", "Cn"):
            raise GuestInputError(GuestProblem.ORGANISATION_CHARACTERS)
    return organisation


def normalise_phone(text: str) -> str:
    """Any way of writing a phone number → E.164; Norwegian when no country is given."""
    raw = text.strip()
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if not raw or len(raw) > 30 or not re.fullmatch(r"[+\d\s().\-/]+", raw):
        raise GuestInputError(GuestProblem.BAD_PHONE)
    import phonenumbers  # here, not at the top: the kiosk starts without it (issue 13)

    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise GuestInputError(GuestProblem.BAD_PHONE) from None
    if not phonenumbers.is_valid_number(number):
        raise GuestInputError(GuestProblem.BAD_PHONE)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(text: str) -> str:
    email = text.strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise GuestInputError(GuestProblem.BAD_EMAIL)
    return email


def normalise_contact(text: str) -> tuple[str | None, str | None]:
    """What a guest typed in the contact field → (phone, email); both None for nothing."""
    if not text.strip():
        return None, None
    if "@" in text:
        return None, normalise_email(text)
    return normalise_phone(text), None
