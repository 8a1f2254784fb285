"""Reading an answer to the follow-up after an application: a number, or the person's own words
(data/answers.toml)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from dialogs import forms

# The application outcome each numbered option means (job_application.outcome).
BY_NUMBER = {"1": "interview", "2": "hired", "3": "not_hired"}
# Which words win when a message has several kinds (面试了 没要我: not hired).
_ORDER = (("not", "not_hired"), ("hired", "hired"), ("waiting", "interview"))


@cache
def _words() -> dict[str, tuple[str, ...]]:
    text = resources.files("dialogs.flows.follow_up").joinpath("data", "answers.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)
    return {section: tuple(forms.squash(w) for w in table[section]["words"]) for section, _ in _ORDER}


@cache
def _bare_not() -> frozenset[str]:
    text = resources.files("dialogs.flows.follow_up").joinpath("data", "answers.toml").read_text(encoding="utf-8")
    return frozenset(forms.squash(w) for w in tomllib.loads(text)["not_yet"]["words"])


def parse_outcome(text: str) -> str | None:
    """`interview` (went, waiting), `hired`, `not_hired`; None when the answer is not understood."""
    squashed = forms.squash(text)
    if squashed in BY_NUMBER:
        return BY_NUMBER[squashed]
    if squashed in _bare_not():
        return "not_hired"  # 还没, "not yet": not gone (yet); "not yet heard" is waiting
    words = _words()
    for section, outcome in _ORDER:
        if any(word in squashed for word in words[section]):
            return outcome
    return None
