"""Mainland mobile numbers: a run of digits (after +86 / 0086) validated as a mobile, as E.164."""

from __future__ import annotations

import re

import phonenumbers

_COUNTRY = re.compile(r"^(?:\+86|0086)")
_NATIONAL = re.compile(r"1\d{10}")


def mobile(digits: str) -> str | None:
    """E.164 for a mainland mobile written as digits, optionally after +86 or 0086; else None."""
    national = _COUNTRY.sub("", digits)
    if not _NATIONAL.fullmatch(national):
        return None
    try:
        number = phonenumbers.parse(national, "CN")
    except phonenumbers.NumberParseException:
        return None
    # Only mobiles: a landline reaches a household, not the laborer, and the form wants a mobile.
    if not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE:
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
