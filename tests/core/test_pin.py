from datetime import UTC, datetime, timedelta

import pytest

from kiosk.pin import PinLockout, hash_pin, is_valid_pin, new_pin, verify_pin


class _Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


@pytest.mark.parametrize("pin", ["1234", "000000", "98765"])
def test_a_valid_pin_verifies_against_its_own_hash_only(pin: str) -> None:
    stored = hash_pin(pin)
    assert pin not in stored
    assert verify_pin(pin, stored)
    assert not verify_pin("4321" if pin != "4321" else "1111", stored)
    assert hash_pin(pin) != stored  # salted


@pytest.mark.parametrize("pin", ["", "123", "1234567", "12a4", "１２３４", " 1234", "12 34"])
def test_anything_but_four_to_six_digits_is_refused(pin: str) -> None:
    assert not is_valid_pin(pin)
    with pytest.raises(ValueError):
        hash_pin(pin)
    assert not verify_pin(pin, hash_pin("1234"))


@pytest.mark.parametrize("stored", [None, "", "plain", "scrypt$x$8$1$aa$bb", "md5$1$2$3$4$5"])
def test_a_missing_or_malformed_hash_never_verifies(stored: str | None) -> None:
    assert not verify_pin("1234", stored)


def test_new_pins_are_valid() -> None:
    assert all(is_valid_pin(new_pin()) for _ in range(50))
    assert len(new_pin(4)) == 4


def test_five_wrong_tries_lock_for_five_minutes_even_the_right_pin() -> None:
    clock = _Clock()
    lockout = PinLockout(clock)
    stored = hash_pin("2468")
    for _ in range(5):
        assert not lockout.check("p1", "1111", stored)
    assert lockout.locked_until("p1") == clock.at + timedelta(minutes=5)
    assert not lockout.check("p1", "2468", stored)
    assert lockout.check("p2", "2468", stored)  # others are not locked
    clock.at += timedelta(minutes=5)
    assert lockout.check("p1", "2468", stored)


def test_a_right_pin_clears_the_count() -> None:
    lockout = PinLockout(_Clock())
    stored = hash_pin("2468")
    for _ in range(4):
        lockout.check("p1", "1111", stored)
    assert lockout.check("p1", "2468", stored)
    for _ in range(4):
        lockout.check("p1", "1111", stored)
    assert lockout.locked_until("p1") is None
