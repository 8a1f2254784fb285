"""Mainland mobile numbers in any written form (spaces, dashes, +86, 0086) as E.164."""

from __future__ import annotations

import re

import phonenumbers

# Separators inside a number are single spaces or dashes; the number may not touch other digits,
# so an ID number or a 12-digit run never yields a phone.
_CANDIDATE = re.compile(r"(?<![\d+])(?:(?:\+|00)\s?86[\s-]?)?1(?:[\s-]?\d){10}(?!\d)")


def find_phone(normalized: str) -> tuple[str, tuple[int, int]] | None:
    """First valid mobile number in normalised text, as (E.164, span)."""
    for match in _CANDIDATE.finditer(normalized):
        digits = re.sub(r"[\s-]", "", match.group(0))
        try:
            number = phonenumbers.parse(digits, "CN")
        except phonenumbers.NumberParseException:
            continue
        # Only mobiles: a landline reaches a household, not the laborer, and the form wants a mobile.
        if (
            phonenumbers.is_valid_number(number)
            and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
        ):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), match.span()
    return None
