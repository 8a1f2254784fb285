"""Answers to questions about the policy, for every dialog that meets one.

`answer(text, ctx)` gives the messages of a confident answer, or None when nobody should guess: then
`answer_or_refer` passes the question to the person's caseworker (event `question_referred`) and tells the
person so. The answers come from the policy catalogue (catalogue.toml beside this file, which deployers
edit), found by retrieval over segmented text and synonyms (catalogue.py).
"""

from __future__ import annotations

import logging

from dialogs.i18n import catalog
from dialogs.policy.catalogue import UNFILLED, retrieval
from dialogs.types import Outbound, StepContext, StepResult, told_so_far

log = logging.getLogger(__name__)

REFERRED = "policy.referred"
ANSWER = "policy.answer"
ASK_LOCALLY = "policy.ask_locally"
CATALOG_KEYS = frozenset({REFERRED, ANSWER, ASK_LOCALLY})


def answer(text: str, ctx: StepContext) -> list[Outbound] | None:
    """The answer to a question about the policy, or None when there is no confident one."""
    found = retrieval().search(text)
    if not found.confident or found.entry is None:
        return None
    log.info("policy: answered from %s (coverage %.2f)", found.entry.id, found.coverage)
    texts = found.entry.texts.get(ctx.locale) or found.entry.texts["zh_CN"]
    local = catalog(ctx.locale).get(ASK_LOCALLY, ctx.channel)
    params = {field: _filled(value, local) for field, value in texts.items()}
    return [Outbound(key=ANSWER, params=params)]


def _filled(value: str, ask_locally: str) -> str:
    """A figure the county has not filled in yet is not shown: the person is told whom to ask."""
    for mark in UNFILLED:
        value = value.replace(mark, ask_locally)
    return value


def answer_or_refer(r: StepResult, text: str, ctx: StepContext) -> bool:
    """Answer the question, or refer it to the caseworker; True when it was answered here."""
    found = answer(text, ctx)
    if found:
        r.outbound.extend(found)
        return True
    r.emit("question_referred", channel=ctx.channel, question=text, **told_so_far(r.state))
    r.say(REFERRED)
    return False
