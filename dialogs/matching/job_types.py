"""Job types in free words (普工, 门卫, 会电焊) mapped to the groups of dialogs/matching/data/job_types.toml."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dialogs.matching import words

JOB_TYPES_FILE = ("dialogs.matching", "data/job_types.toml")
# Inside a word jieba kept whole (物业保安员), a group word this long still counts.
_MIN_INNER = 2


@dataclass(frozen=True, slots=True)
class JobTypes:
    """Group names in file order (a group's number is its position) and each word's group."""

    names: tuple[str, ...]
    group_of: Mapping[str, int]

    def groups(self, texts: Iterable[str | None]) -> dict[int, str]:
        """group number -> the first word that named it, for every group the texts mention."""
        found: dict[int, str] = {}
        for word in words.cut_all(texts):
            group = self.group_of.get(word)
            if group is None and len(word) > _MIN_INNER:
                group = self._inside(word)
            if group is not None and group not in found:
                found[group] = word
        return found

    def _inside(self, word: str) -> int | None:
        """The group of the longest lexicon word inside a longer word (货车司机 -> 司机), if any."""
        best: tuple[int, int] | None = None
        for size in range(len(word) - 1, _MIN_INNER - 1, -1):
            for start in range(len(word) - size + 1):
                group = self.group_of.get(word[start : start + size])
                if group is not None:
                    best = (size, group)
                    break
            if best is not None:
                return best[1]
        return None


@functools.cache
def job_types() -> JobTypes:
    groups = words.read_groups(words.lexicon_file(*JOB_TYPES_FILE))
    names = tuple(groups)
    group_of: dict[str, int] = {}
    for number, name in enumerate(names):
        for word in groups[name]:
            if word in group_of:
                raise ValueError(f"job type word {word!r} is in two groups ({names[group_of[word]]}, {name})")
            group_of[word.lower()] = number
    return JobTypes(names, group_of)
