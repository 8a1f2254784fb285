"""Cutting and joining texts to fit a channel's limit, whatever the limit measures (SMS parts, bytes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

Fits = Callable[[str], bool]


def split_to_fit(text: str, fits: Fits) -> list[str]:
    """The text as pieces that each fit, cut between lines where possible and between characters only
    inside a line that fits nowhere on its own. Joined with newlines the pieces give the text back."""
    if fits(text):
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if fits(candidate):
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = line
        while not fits(current):  # one line longer than the limit: cut it
            cut = _longest_prefix(current, fits)
            pieces.append(current[:cut])
            current = current[cut:]
    if current:
        pieces.append(current)
    return pieces


def join_while_fits(texts: Iterable[str], separator: str, fits: Fits) -> list[str]:
    """Consecutive texts joined with `separator` wherever the result still fits; the others stay apart."""
    joined: list[str] = []
    for text in texts:
        if joined and fits(joined[-1] + separator + text):
            joined[-1] = joined[-1] + separator + text
        else:
            joined.append(text)
    return joined


def _longest_prefix(text: str, fits: Fits) -> int:
    low, high = 1, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if fits(text[:mid]):
            low = mid
        else:
            high = mid - 1
    return low
