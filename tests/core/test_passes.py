"""The pass format: round trips, and every way a token can be wrong."""

from __future__ import annotations

import base64
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
        (lambda _t: "hello world", PassProblem.GARBLED),
        (lambda _t: "https://regionlab.no/pass", PassProblem.GARBLED),
        (lambda _t: "7038010000001", PassProblem.GARBLED),
        (lambda t: t[:-10], PassProblem.GARBLED),  # cut short by a scanner
        (lambda t: t[:50], PassProblem.GARBLED),
        (lambda t: t + "1", PassProblem.GARBLED),
        (lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), PassProblem.BAD_SIGNATURE),
        (lambda _t: "X" * 10_000, PassProblem.GARBLED),
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
    length=st.integers(min_value=1, max_value=2**31 - 1),  # the end fits in u32 too
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


@given(
    token=st.builds(
        lambda pass_id, start: KEY.sign(
            claims(pass_id=pass_id, valid_from=start, valid_to=start + timedelta(days=1))
        ),
        st.binary(min_size=8, max_size=8).map(bytes.hex),
        st.datetimes(
            min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
        ).map(lambda moment: moment.replace(microsecond=0)),
    ),
    cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=6),
    space=st.sampled_from([" ", "\n", "\r\n", "\t"]),
)
def test_caps_lock_and_white_space_never_change_the_claims(
    token: str, cuts: list[int], space: str
) -> None:
    noisy = token.lower()
    for cut in sorted(set(cuts), reverse=True):
        noisy = noisy[:cut] + space + noisy[cut:]
    assert parse_token(noisy) == parse_token(token)


@given(st.binary(max_size=200))
def test_any_well_formed_base32_raises_nothing_but_pass_error(raw: bytes) -> None:
    # Text made of the right alphabet reaches the binary parser, where st.text() rarely gets.
    text = "RL1" + base64.b32encode(raw).decode("ascii").rstrip("=")
    with contextlib.suppress(PassError):
        verify(text)


@given(st.binary(min_size=1, max_size=8), st.integers(min_value=3, max_value=150))
def test_any_corruption_of_a_real_token_is_refused(noise: bytes, at: int) -> None:
    token = KEY.sign(claims())
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    index = min(at, len(token) - 1)
    replacement = "".join(alphabet[b % 32] for b in noise)
    corrupted = token[:index] + replacement + token[index + len(replacement) :]
    if corrupted == token:
        return
    with pytest.raises(PassError):
        verify(corrupted)


def test_claims_come_with_the_error_only_once_the_signature_holds() -> None:
    late = KEY.sign(claims(valid_from=NOW + timedelta(days=1), kind=PassKind.GUEST))
    with pytest.raises(PassError) as caught:
        verify(late)
    assert caught.value.claims is not None and caught.value.claims.kind is PassKind.GUEST
    forger = SigningKey.generate()
    forged = SigningKey(KEY.key_id, forger.private_key, forger.public_key).sign(claims())
    with pytest.raises(PassError) as caught:
        verify(forged)
    assert caught.value.problem is PassProblem.BAD_SIGNATURE and caught.value.claims is None


def test_validity_outside_the_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="between 1970 and 2106"):
        KEY.sign(claims(valid_to=datetime(2107, 1, 1, tzinfo=UTC)))
