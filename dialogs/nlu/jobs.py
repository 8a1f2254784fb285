"""The job type (工种) a message names: 做普工, 当保安, 钢筋工, 在厂里做车位."""

from __future__ import annotations

import functools
import re

from dialogs.nlu.lexicon import words

# Wanting or learning a trade (想学电焊, 想做保安) is no job one has.
_NOT_HELD = re.compile(r"(?:想|要|学|打算|准备|愿意|希望|会)(?:做|当|干|学|去)?[^\s，。,]{0,2}$")


@functools.cache
def _job_pattern() -> re.Pattern[str]:
    known = {*words("jobs", "jobs.types"), *words("jobs", "jobs.more")}
    return re.compile("|".join(re.escape(w) for w in sorted(known, key=len, reverse=True)))


def find_job_type(normalized: str) -> str | None:
    """The first job type the message says the person does."""
    for match in _job_pattern().finditer(normalized):
        if not _NOT_HELD.search(normalized[max(0, match.start() - 4) : match.start()]):
            return match.group(0)
    return None
