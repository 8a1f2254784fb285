"""Resident ID numbers (GB 11643): check digit, birth date, gender, and why a number is wrong."""

from __future__ import annotations

import datetime

from dialogs.nlu.types import IdInfo

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


def check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def _birth_date(id_number: str) -> datetime.date | None:
    try:
        born = datetime.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None
    return born if born.year >= 1900 else None


def problem(id_number: str) -> str | None:
    """None when valid, else "length", "birth_date" or "check_digit" (first failure in that order).

    The date is judged before the check digit: an impossible date is something the person can see
    and fix in what they typed, a wrong check digit only says that some digit is wrong.
    """
    if len(id_number) != 18 or not id_number[:17].isdigit() or id_number[17] not in "0123456789X":
        return "length"
    if _birth_date(id_number) is None:
        return "birth_date"
    if check_char(id_number[:17]) != id_number[17]:
        return "check_digit"
    return None


def info(id_number: str) -> IdInfo | None:
    """Birth date and gender of a valid ID number (odd 17th digit = male)."""
    candidate = id_number.strip().upper()
    if problem(candidate) is not None:
        return None
    born = _birth_date(candidate)
    assert born is not None  # problem() checked it
    return IdInfo(birth_date=born, gender="male" if int(candidate[16]) % 2 else "female")
