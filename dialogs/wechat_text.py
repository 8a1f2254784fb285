"""WeChat text length: a text message (passive reply or service message) holds at most 2,048 bytes of UTF-8,
about 680 Chinese characters. Longer ones are refused or cut by WeChat, so they are split here first."""

from __future__ import annotations

from collections.abc import Iterable

from dialogs.text_fit import join_while_fits, split_to_fit

MAX_BYTES = 2048


def size(text: str) -> int:
    return len(text.encode())


def within_limit(text: str, limit: int | None = None) -> list[str]:
    """The text as messages of at most `limit` (default MAX_BYTES) bytes each, cut between lines where possible."""
    most = limit or MAX_BYTES
    if size(text) <= most:
        return [text]  # (most texts: what split_to_fit gives them)
    return split_to_fit(text, lambda piece: size(piece) <= most)


def pack(texts: Iterable[str], separator: str = "\n\n", limit: int | None = None) -> list[str]:
    """Consecutive texts joined into as few messages as fit, each split first if it is too long alone."""
    most = limit or MAX_BYTES
    texts = list(texts)
    whole = separator.join(texts)
    if texts and size(whole) <= most:
        # All of it fits in one message: each text fits alone and every join below is a prefix of this one.
        return [whole]
    pieces = (piece for text in texts for piece in within_limit(text, most))
    return join_while_fits(pieces, separator, lambda joined: size(joined) <= most)
