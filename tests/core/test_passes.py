"""The pass format: round trips, and every way a token can be wrong."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.passes import (
    PassClaims,
    PassError,
    PassKind,
    PassProblem,
    SigningKey,
    parse_token,
    verify_token,
)
from tests.conftest import KARI

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
KEY = SigningKey.generate()


def claims(**overrides: object) -> PassClaims:
    values: dict[str, object] = {
        "pass_id": "0123456789abcdef",
        "person_id": KARI,
        "site": "lyngdal",
        "kind": PassKind.MEMBER,
        "valid_from": NOW - timedelta(days=1),
        "valid_to": NOW + timedelta(days=30),
        "key_id": KEY.key_id,
    }
    values.update(overrides)
    return PassClaims(**values)  # type: ignore[arg-type]


def verify(token: str, **kwargs: object) -> PassClaims:
    options: dict[str, object] = {
        "public_keys": {KEY.key_id: KEY.public_key},
        "site": "lyngdal",
        "now": NOW,
    }
    options.update(kwargs)
    return verify_token(token, **options)  # type: ignore[arg-type]


def problem_of(token: str, **kwargs: object) -> PassProblem:
    with pytest.raises(PassError) as caught:
        verify(token, **kwargs)
    return caught.value.problem


def test_token_is_upper_case_letters_and_digits_only() -> None:
    token = KEY.sign(claims())
    assert token.startswith("RL1")
    assert token.isalnum() and token == token.upper()
    assert len(token) < 200


def test_round_trip_survives_case_and_white_space() -> None:
    token = KEY.sign(claims())
    noisy = "  " + token[:40].lower() + "\n" + token[40:] + " \r\n"
    assert verify(noisy) == claims()


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda t: "hello world", PassProblem.GARBLED),
        (lambda t: "https://regionlab.no/pass", PassProblem.GARBLED),
        (lambda t: "7038010000001", PassProblem.GARBLED),
        (lambda t: t[:-10], PassProblem.GARBLED),  # cut short by a scanner
        (lambda t: t[:50], PassProblem.GARBLED),
        (lambda t: t + "1", PassProblem.GARBLED),
        (lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), PassProblem.BAD_SIGNATURE),
        (lambda t: "X" * 10_000, PassProblem.GARBLED),
    ],
)
def test_broken_tokens_are_refused_with_a_reason(mutate: Any, problem: PassProblem) -> None:
    assert problem_of(mutate(KEY.sign(claims()))) is problem


def test_forged_signature_from_another_key_is_refused() -> None:
    forger = SigningKey.generate()
    forged = forger.sign(claims(key_id=forger.key_id))
    assert problem_of(forged) is PassProblem.UNKNOWN_KEY
    # A forger who copies our key id still cannot make a valid signature.
    tampered = SigningKey(KEY.key_id, forger.private_key, forger.public_key).sign(claims())
    assert problem_of(tampered) is PassProblem.BAD_SIGNATURE


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"valid_to": NOW - timedelta(seconds=1)}, PassProblem.EXPIRED),
        ({"valid_from": NOW + timedelta(hours=1)}, PassProblem.NOT_YET_VALID),
        ({"site": "narvik"}, PassProblem.WRONG_SITE),
    ],
)
def test_validity_and_site_are_checked(overrides: dict[str, object], problem: PassProblem) -> None:
    assert problem_of(KEY.sign(claims(**overrides))) is problem


def test_revoked_and_keyless() -> None:
    token = KEY.sign(claims())
    assert problem_of(token, revoked={"0123456789abcdef"}) is PassProblem.REVOKED
    assert problem_of(token, public_keys={}) is PassProblem.NO_KEYS


def test_small_clock_drift_is_tolerated() -> None:
    token = KEY.sign(claims(valid_from=NOW + timedelta(minutes=2)))
    assert verify(token).site == "lyngdal"


@given(
    pass_id=st.binary(min_size=8, max_size=8).map(bytes.hex),
    person=st.uuids().map(str),
    site=st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=32),
    kind=st.sampled_from(PassKind),
    start=st.integers(min_value=0, max_value=2**31),
    length=st.integers(min_value=1, max_value=2**31),
)
def test_any_claims_round_trip(
    pass_id: str, person: str, site: str, kind: PassKind, start: int, length: int
) -> None:
    original = claims(
        pass_id=pass_id,
        person_id=person,
        site=site,
        kind=kind,
        valid_from=datetime.fromtimestamp(start, UTC),
        valid_to=datetime.fromtimestamp(start + length, UTC),
    )
    parsed, _, _ = parse_token(KEY.sign(original))
    assert parsed == original


@given(st.text(max_size=600))
def test_no_input_raises_anything_but_pass_error(text: str) -> None:
    with contextlib.suppress(PassError):
        verify(text)
