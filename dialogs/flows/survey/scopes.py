"""Where one would work, said in words rather than places: two areas at once (县里市里都行, 本地外地都可以) are the
wider of them, as the form's scope records it."""

from __future__ import annotations

import functools
import re

from dialogs import nlu
from dialogs.flows.survey.vocabulary import scope_areas

_SCOPES = ("home_county", "home_province", "other_provinces")
_RULED_OUT = re.compile(r"不去|不想去|不行|不要|不考虑|不愿意")


@functools.cache
def _scope_words() -> re.Pattern[str]:
    words = {word: scope for scope in _SCOPES for word in scope_areas(scope)}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def scope_of_areas(text: str) -> str | None:
    """The wider scope when two or more areas are named (县里市里都行 -> home_province; 本地外地都可以 -> anywhere;
    镇上县里都行 -> home_county); an area ruled out in its part (外省不去) is not named. None when fewer than two
    are."""
    said: set[str] = set()
    for part in re.split(r"[\s,，。、;；!！]+", nlu.normalize(text)):
        if not _RULED_OUT.search(part):
            said |= {m.group(0) for m in _scope_words().finditer(part)}
    if len(said) < 2:
        return None
    named = {_area_of(word) for word in said}
    if "other_provinces" in named:
        return "anywhere"  # home and away alike
    return max(named, key=_SCOPES.index)


def _area_of(word: str) -> str:
    return next(scope for scope in _SCOPES if word in scope_areas(scope))


# 1 2, 1、2, 1和2, 1,2 (12 too: there is no 12th option): several of the scope question's numbers.
_NUMBERS = re.compile(r"[1-4](?:\s*(?:[,，、.。/和跟与或还有]|或者|\s)?\s*[1-4])+")
_BY_NUMBER = ("home_county", "home_province", "other_provinces", "anywhere")


def scope_of_numbers(text: str) -> str | None:
    """Several of the scope's numbers at once (1 2: 本县 and 本省 both do) are the wider of them, as two areas said in
    words are (1 2 -> home_province; 1 3, 2 4 -> anywhere); None unless the message is two or more such numbers."""
    said = nlu.normalize(text).strip(" 。.!！~都行可以吧的")
    if not said or not said[0].isdigit() or _NUMBERS.fullmatch(said) is None:
        return None
    named = {_BY_NUMBER[int(c) - 1] for c in said if c.isdigit()}
    if len(named) < 2:
        return None
    if named & {"other_provinces", "anywhere"}:
        return "anywhere"
    return max(named, key=_SCOPES.index)
