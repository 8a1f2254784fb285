"""Text normalisation: NFKC, pinyin annotations stripped, Traditional to Simplified, in that order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# Syllables that carry no tone mark because they are neutral-tone; any other untoned Latin word
# (an "(app)", an English gloss) is not pinyin and must survive.
_NEUTRAL = frozenset("de le me ma ne ba zi men zhe guo a ya la wa na ge li tou shang xia".split())
_SYLLABLE = re.compile(f"[a-zü{_TONED}]+", re.IGNORECASE)
# A parenthesised group right after a Han character (ASCII parentheses: NFKC already ran).
_HAN = re.compile(r"[\u4e00-\u9fff]")


def has_han(text: str) -> bool:
    """Whether the text holds a Chinese character (English typed in the en locale holds none)."""
    return _HAN.search(text) is not None


_ANNOTATION = re.compile(r"(?<=[\u3400-\u9fff])\(([^()]{1,40})\)")


def _is_pinyin(group: str) -> bool:
    syllables = re.split(r"[\s'’·-]+", group.strip())
    if not syllables or syllables == [""]:
        return False
    for syllable in syllables:
        if not _SYLLABLE.fullmatch(syllable):
            return False
        lowered = syllable.lower()
        if not any(char in _TONED for char in lowered) and lowered not in _NEUTRAL:
            return False
    return True


def strip_pinyin(text: str) -> str:
    """Drop `(wǎng)`-style annotations after Han characters; keep `(一)`, `(3年)`, `(app)`."""
    return _ANNOTATION.sub(lambda m: "" if _is_pinyin(m.group(1)) else m.group(0), text)


def normalize_with(text: str, to_simplified: Callable[[str], str]) -> str:
    """Normalise with an injected converter, so this stays a pure function of its inputs."""
    return to_simplified(strip_pinyin(unicodedata.normalize("NFKC", text)))


def normalize_aligned(text: str, to_simplified: Callable[[str], str]) -> tuple[str, list[int] | None]:
    """Normalise and, where the steps keep a char-to-char correspondence, map each output
    character to its index in `text` (so an employer can be quoted as the user wrote it)."""
    normalized = normalize_with(text, to_simplified)
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in unicodedata.normalize("NFKC", char):
            chars.append(piece)
            origin.append(index)
    nfkc = "".join(chars)
    if nfkc != unicodedata.normalize("NFKC", text):
        return normalized, None  # composition across characters: no simple alignment
    kept = [True] * len(nfkc)
    for match in _ANNOTATION.finditer(nfkc):
        if _is_pinyin(match.group(1)):
            for index in range(*match.span()):
                kept[index] = False
    stripped_origin = [source for source, keep in zip(origin, kept, strict=True) if keep]
    if len(stripped_origin) != len(normalized):
        return normalized, None  # t2s changed the length (a phrase conversion)
    return normalized, stripped_origin
