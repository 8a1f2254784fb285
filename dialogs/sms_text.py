"""SMS length arithmetic: which coding a text needs, how many parts it takes, and packing short replies.

A single SMS holds 160 GSM-7 characters or 70 UCS-2 characters; a concatenated message loses room to its
header and holds 153 or 67 per part. Chinese always needs UCS-2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dialogs.text_fit import join_while_fits, split_to_fit

# The GSM 03.38 default alphabet (basic table only: extension characters such as €[]{} take two septets
# and are not relied on, so a text using them is sent as UCS-2).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
MAX_PARTS = 2


@dataclass(frozen=True, slots=True)
class Coding:
    name: str  # "gsm7" or "ucs2"
    single: int  # characters in one SMS
    per_part: int  # characters per part of a concatenated SMS
    kannel_coding: int  # Kannel's `coding` parameter: 0 = 7-bit, 2 = UCS-2


GSM7 = Coding("gsm7", 160, 153, 0)
UCS2 = Coding("ucs2", 70, 67, 2)


def coding_for(text: str) -> Coding:
    return GSM7 if all(c in GSM7_BASIC for c in text) else UCS2


def length(text: str, coding: Coding) -> int:
    """Characters as the network counts them (UCS-2 counts UTF-16 code units: an emoji takes two)."""
    if coding is UCS2:
        return len(text.encode("utf-16-be")) // 2
    return len(text)


def parts(text: str) -> int:
    """How many SMS the text takes."""
    coding = coding_for(text)
    n = length(text, coding)
    if n <= coding.single:
        return 1
    return -(-n // coding.per_part)


def fits_one(text: str) -> bool:
    return parts(text) == 1


def pack(texts: Iterable[str], separator: str = "\n") -> list[str]:
    """Join consecutive replies into one SMS wherever the result still fits in a single message.

    "谢谢您的同意。" followed by "请问您的姓名?" costs one SMS instead of two; a text that is long on its own
    stays a message of its own, so nothing is ever split differently from what the catalog holds.
    """
    return join_while_fits(texts, separator, fits_one)


def within_parts(text: str, limit: int = MAX_PARTS) -> list[str]:
    """The text as messages of at most `limit` parts each, cut between lines where possible.

    A survey summary lists every field: on a feature phone it arrives as two or three short SMS instead
    of one long message that older phones show in pieces or not at all.
    """
    return split_to_fit(text, lambda piece: parts(piece) <= limit)
