"""Chinese text cut into words: jieba, loaded once, taught every word our lexicons match on.

A word of a lexicon must come out of the cut in one piece (失业金, not 失业 + 金), and a longer word must not
hide a shorter one by accident: 公司机构 is 公司 + 机构, never a 司机. Lexicons are TOML files whose tables
map a group name to a list of words (dialogs/matching/data/job_types.toml, dialogs/policy/synonyms.toml).
"""

from __future__ import annotations

import functools
import logging
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from importlib.resources.abc import Traversable

import jieba

from dialogs import nlu
from dialogs.nlu.memo import may_keep

# jieba writes its start-up chatter to stderr through its own logger.
jieba.setLogLevel(logging.WARNING)

LEXICONS: tuple[tuple[str, str], ...] = (
    ("dialogs.matching", "data/job_types.toml"),
    ("dialogs.policy", "synonyms.toml"),
)
# Frequency given to our words: high enough that jieba prefers them to splitting them.
_WORD_FREQ = 200_000
_NOT_WORD = re.compile(r"^[\s\W_]+$")


def lexicon_file(package: str, name: str) -> Traversable:
    return resources.files(package).joinpath(name)


def read_groups(file: Traversable) -> dict[str, tuple[str, ...]]:
    """group name -> words, from every table of a lexicon file (nested tables flattened)."""
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    groups: dict[str, tuple[str, ...]] = {}

    def walk(table: Mapping[str, object]) -> None:
        for name, value in table.items():
            if isinstance(value, Mapping):
                walk(value)
            elif isinstance(value, list):
                groups[name] = tuple(str(word) for word in value)

    walk(data)
    return groups


def vocabulary() -> set[str]:
    words: set[str] = set()
    for package, name in LEXICONS:
        for group in read_groups(lexicon_file(package, name)).values():
            words.update(group)
    return words


@functools.cache
def tokenizer() -> jieba.Tokenizer:
    """Built on first use (about half a second); every later call returns the same tokenizer."""
    built = jieba.Tokenizer()
    built.initialize()
    for word in sorted(vocabulary()):
        built.add_word(word, freq=_WORD_FREQ)
    return built


# Short messages are cut once and remembered, under the memos' rule (dialogs/nlu/memo.py: at most 16 characters
# and 6 numerals, so no phone or ID number is kept): the policy check cuts every idle message, and short replies
# (好的, 你好, 1) repeat.
def cut(text: str) -> list[str]:
    """The words of a text after normalisation (full width, pinyin notes, Traditional characters)."""
    if may_keep(text):
        return list(_cut_short(text))
    return list(_cut(text))


@functools.lru_cache(maxsize=4096)
def _cut_short(text: str) -> tuple[str, ...]:
    return _cut(text)


def _cut(text: str) -> tuple[str, ...]:
    normalized = nlu.normalize(text).lower()
    return tuple(w for w in tokenizer().lcut(normalized) if not _NOT_WORD.match(w))


def cut_all(texts: Iterable[str | None]) -> list[str]:
    return [word for text in texts if text for word in cut(text)]


def warm_up() -> None:
    """Load jieba's dictionary and our words before serving (idempotent)."""
    tokenizer()
