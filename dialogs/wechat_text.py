"""WeChat text length: a text message (passive reply or service message) holds at most 2,048 bytes of UTF-8,
about 680 Chinese characters. Longer ones are refused or cut by WeChat, so they are split here first."""

from __future__ import annotations

from collections.abc import Iterable

MAX_BYTES = 2048


def size(text: str) -> int:
    return len(text.encode())


def within_limit(text: str, limit: int | None = None) -> list[str]:
    """The text as messages of at most `limit` (default MAX_BYTES) bytes each, cut between lines where possible."""
    limit = limit or MAX_BYTES
    if size(text) <= limit:
        return [text]
    messages: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if size(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        current = line
        while size(current) > limit:  # one line longer than the limit: cut it between characters
            cut = _longest_prefix(current, limit)
            messages.append(current[:cut])
            current = current[cut:]
    if current:
        messages.append(current)
    return messages


def pack(texts: Iterable[str], separator: str = "\n\n", limit: int | None = None) -> list[str]:
    """Consecutive texts joined into as few messages as fit, each split first if it is too long alone."""
    limit = limit or MAX_BYTES
    packed: list[str] = []
    for text in texts:
        for piece in within_limit(text, limit):
            if packed and size(packed[-1]) + size(separator) + size(piece) <= limit:
                packed[-1] = packed[-1] + separator + piece
            else:
                packed.append(piece)
    return packed


def _longest_prefix(text: str, limit: int) -> int:
    low, high = 1, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if size(text[:mid]) <= limit:
            low = mid
        else:
            high = mid - 1
    return low
