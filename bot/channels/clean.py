"""Text from outside, made safe to store on both databases: no NUL, no lone surrogates.

PostgreSQL refuses NUL in text and JSONB; neither database (nor UTF-8, nor our field encryption) can hold a
lone surrogate, which JSON escapes (`\\ud800`), some SMS charsets and UTF-16 from a broken phone can carry.
Every channel runs what it takes from a request through here before building an Inbound, so that a message
is never refused by the database for its characters (which would look like an outage and be retried).
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> str:
    """The text without NUL and without surrogate code points (a Python str holds a valid pair as one)."""
    return _UNSAFE.sub("", text) if _UNSAFE.search(text) else text


def is_clean(text: str) -> bool:
    """For identifiers (a user, an event key), which are refused rather than changed."""
    return _UNSAFE.search(text) is None
