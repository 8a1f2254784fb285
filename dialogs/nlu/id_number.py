"""Resident ID numbers (GB 11643): check digit, birth date, gender, and why a number is wrong."""

from __future__ import annotations

import datetime
import re

from dialogs.nlu.types import IdInfo

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
# Users type IDs in groups ("411625 19700101 2839"), so single spaces or dashes may separate digits.
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d(?:[\s-]?\d){16}[\s-]?[\dXx](?![0-9A-Za-z])")
_RUN = re.compile(r"[\dXx](?:[\s-]?[\dXx])*")


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
    """None when valid, else "length", "check_digit" or "birth_date" (first failure in that order)."""
    if len(id_number) != 18 or not id_number[:17].isdigit() or id_number[17] not in "0123456789X":
        return "length"
    if check_char(id_number[:17]) != id_number[17]:
        return "check_digit"
    if _birth_date(id_number) is None:
        return "birth_date"
    return None


def info(id_number: str) -> IdInfo | None:
    """Birth date and gender of a valid ID number (odd 17th digit = male)."""
    candidate = id_number.strip().upper()
    if problem(candidate) is not None:
        return None
    born = _birth_date(candidate)
    assert born is not None  # problem() checked it
    return IdInfo(birth_date=born, gender="male" if int(candidate[16]) % 2 else "female")


def find_id_number(normalized: str) -> tuple[str, tuple[int, int]] | None:
    """First valid ID number in normalised text, as (18 uppercase chars, span)."""
    for match in _CANDIDATE.finditer(normalized):
        compact = re.sub(r"[\s-]", "", match.group(0)).upper()
        if problem(compact) is None:
            return compact, match.span()
    return None


def problem_in(normalized: str) -> str | None:
    """Why the ID number the user typed is wrong; judged on the longest run of ID characters."""
    runs = [re.sub(r"[\s-]", "", run).upper() for run in _RUN.findall(normalized)]
    longest = max(runs, key=len, default="")
    return problem(longest)
