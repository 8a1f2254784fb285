"""Answers to questions about the policy, for every dialog that meets one.

`answer(text, ctx)` gives the messages of a confident answer, or None when nobody should guess: then
`answer_or_refer` passes the question to the person's caseworker (event `question_referred`) and tells the
person so. The answers come from the policy catalogue (catalogue.toml beside this file, which deployers
edit), found by retrieval over segmented text and synonyms (catalogue.py).

The conversation remembers the entry just answered for a few messages (`state["policy_topic"]`: the entry
id and how many messages it still lasts; never what the person said), so that a follow-up that names no
topic of its own ("交了一年多社保 能领不", "那我能领多久", "在哪领", "要带啥") is answered from it: the part it
asks about (conditions with the amount, the amount, or where and how to apply). A question on another topic
replaces the memory; one referred to the caseworker clears it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from dialogs import nlu
from dialogs.i18n import catalog, render
from dialogs.policy import benefit_length, subsidies
from dialogs.policy.catalogue import GENERIC, LABEL, UNFILLED, Entry, aspect, retrieval
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import JsonDict, Outbound, StepContext, StepResult, told_so_far

log = logging.getLogger(__name__)

REFERRED = "policy.referred"
ANSWER = "policy.answer"
ASK_LOCALLY = "policy.ask_locally"
WHERE_NUMBER = "policy.where_number"
# After the benefit's answer to a family member's job loss: they register themselves (locales: understanding.toml).
BENEFIT_FOR_FAMILY = "idle.benefit_for_family"
WHO = "policy.who"  # the conditions' usual label, unless the entry names its own (catalogue.toml `who`)
ASPECT_KEYS = {part: f"policy.follow_up.{part}" for part in ("conditions", "amount", "apply")}
CATALOG_KEYS = frozenset({REFERRED, ANSWER, ASK_LOCALLY, WHO, WHERE_NUMBER, BENEFIT_FOR_FAMILY, *ASPECT_KEYS.values(),
                          *subsidies.CATALOG_KEYS, *benefit_length.CATALOG_KEYS})
TOPIC = "policy_topic"
SUBSIDIES_RESULT = subsidies.RESULT
# The dialogs the money a person may get is looked up in (their record read, the list told when it comes back):
# none open, or the jobs list (whose question does not come back after an answer).
LOOKUP_FLOWS = (None, "jobs")
# How many messages after an answer a follow-up is still taken to be about it.
TOPIC_MESSAGES = 3


# 咋知道我号码的, 你们从哪弄到我电话的, 谁把我号码给你们的: where the number came from (a question of trust, answered
# plainly: the roster, the programme, how to stop).
_WHERE_NUMBER = re.compile(
    r"(?:怎么|咋|咋个|从哪|哪里|哪儿|在哪|从哪里|从哪儿)(?:会|能)?(?:知道|有|弄到|搞到|拿到|得到|找到|来的|查到|弄来)的?(?:我|俺)(?:们家)?的?"
    r"(?:号码?|电话|手机|联系方式)"
    r"|(?:我|俺)的?(?:号码|电话号码?|手机号码?|电话)(?:是)?(?:从哪|哪里|哪儿|怎么|咋|谁)(?:来|弄|搞|拿|知道|给)"
    r"|谁(?:把|给)(?:你们?|您们?)?(?:我|俺)的?(?:号码?|电话|手机号?)")


def asks_where_number(text: str) -> bool:
    """咋知道我号码的: how we came to have the person's number."""
    return _WHERE_NUMBER.search(text) is not None


def answer(text: str, ctx: StepContext, topic: str | None = None) -> list[Outbound] | None:
    """The answer to a question about the policy, or None when there is no confident one; `topic` is the
    entry answered just before (a follow-up on it gets the part it asks about)."""
    found = _answered(text, ctx, topic)
    return found[0] if found else None


def _answered(text: str, ctx: StepContext, topic: str | None) -> tuple[list[Outbound], Entry] | None:
    search = retrieval()
    found = search.search(text)
    if found.confident and found.entry is not None:
        if found.entry.id != topic:
            log.info("policy: answered from %s (coverage %.2f)", found.entry.id, found.coverage)
            return [_message(ANSWER, found.entry, ctx)], found.entry
        entry = found.entry
    elif topic is not None and search.follows_up(text, topic) and not subsidies.asks_which_money(text):
        entry = next(e for e in search.entries if e.id == topic)
    else:
        return None
    part = aspect(text)
    log.info("policy: follow-up on %s answered with its %s", entry.id, part)
    return [_follow_up(ASPECT_KEYS[part], entry, ctx)], entry


def _message(key: str, entry: Entry, ctx: StepContext) -> Outbound:
    texts = entry.texts.get(ctx.locale) or entry.texts["zh_CN"]
    cat = catalog(ctx.locale)
    local = cat.get(ASK_LOCALLY, ctx.channel)
    params = {field: _filled(value, local) for field, value in texts.items()}
    params.setdefault(LABEL, cat.get(WHO, ctx.channel))
    return Outbound(key=key, params=params)


def _follow_up(key: str, entry: Entry, ctx: StepContext) -> Outbound:
    """The part asked about; on SMS the short answer when the part would take more than two messages."""
    message = _message(key, entry, ctx)
    if ctx.channel == "sms" and parts(render(message, ctx.locale, ctx.channel)) > MAX_PARTS:
        return _message(ANSWER, entry, ctx)
    return message


def _filled(value: str, ask_locally: str) -> str:
    """A figure the county has not filled in yet is not shown: the person is told whom to ask."""
    for mark in UNFILLED:
        value = value.replace(mark, ask_locally)
    return value


def answer_or_refer(r: StepResult, text: str, ctx: StepContext) -> bool:
    """Answer the question, or refer it to the caseworker; True when it was answered here."""
    if tell_benefit_length(r, text, ctx):
        return True
    memory = r.state.get(TOPIC)
    found = _answered(text, ctx, memory.get("entry") if isinstance(memory, dict) else None)
    if found:
        messages, entry = found
        r.outbound.extend(messages)
        r.state[TOPIC] = {"entry": entry.id, "messages": TOPIC_MESSAGES}
        return True
    r.state.pop(TOPIC, None)
    listed = memory.get("listed") if isinstance(memory, dict) else None
    if isinstance(listed, list) and listed and _only_question_words(text):
        # 咋领 right after the list of subsidies: the one listed, or which of them.
        if len(listed) == 1:
            tell_part(r, str(listed[0]), aspect(text), ctx)
        else:
            r.outbound.append(subsidies.which([str(i) for i in listed], ctx))
            r.state[TOPIC] = memory
        return True
    if isinstance(memory, dict) and memory.get("entry") == subsidies.INSURED_ENTRY and subsidies.tells_not_insured(
            text):
        r.say(subsidies.NOT_INSURED_TOPIC)  # 俺没交过保险 right after 失业金咋领: not for them; what else there is
        return True
    if isinstance(listed, list) and subsidies.INSURED_ENTRY in listed and subsidies.tells_not_insured(text):
        # 俺没交过保险 right after the list: the unemployment benefit is not for them, the rest still may be.
        message, left = subsidies.not_insured([str(i) for i in listed], ctx)
        r.outbound.append(message)
        r.state[TOPIC] = {"entry": "", "listed": left, "messages": TOPIC_MESSAGES}
        return True
    if subsidies.asks_what_money(text):
        tell_money(r, ctx)
        return True
    if subsidies.tells_not_insured(text):
        # 没有买过保险, 我没有保险能领失业金吗 with nothing asked before: what it means for the money (no
        # unemployment benefit, the rest does not ask for it); it was referred to a caseworker, who is there on 人工.
        r.say(subsidies.NOT_INSURED_TOPIC)
        return True
    r.emit("question_referred", channel=ctx.channel, question=text, **told_so_far(r.state))
    r.say(REFERRED)
    return False


def tell_benefit_length(r: StepResult, text: str, ctx: StepContext) -> bool:
    """我交了五年社保 能领多久: how long the benefit lasts for them (18 months), not the general table; the years
    from the message, or those told the registration (失业金能领多久 after it). The years alone right after the
    benefit's answer (社保交了十几年: it got the social insurance entry) the same. Whether or how to claim
    (交了一年多社保 能领不, 交了两年社保 失业金咋领) keeps the entry's answer. True when told."""
    if not benefit_length.asks_how_long(text) and benefit_length.paid_years(text) is None:
        return False  # (most questions: no second search of the catalogue)
    search = retrieval().search(text)
    about = search.entry is not None and search.entry.id == benefit_length.BENEFIT_ENTRY
    paid = benefit_length.asked(r.state, text, about_benefit=about)
    if paid is None:
        return False
    if not benefit_length.asks_how_long(text) and not benefit_length.too_short(paid):
        memory = r.state.get(TOPIC)
        topic = memory.get("entry") if isinstance(memory, dict) else None
        found = _answered(text, ctx, topic)
        if topic != benefit_length.BENEFIT_ENTRY or (found is not None and found[1].id == topic):
            return False  # the conditions or where to claim: the entry's part, as asked
    r.outbound.append(benefit_length.message(paid))
    benefit_length.remember(r.state, TOPIC_MESSAGES)
    return True


def tell_money(r: StepResult, ctx: StepContext) -> None:
    """有啥补贴能领: the money that fits the person, from their record (told on `policy.subsidies.result`);
    inside a dialog whose question comes next, at once and for everybody."""
    if r.state.get("flow") in LOOKUP_FLOWS:
        r.emit(subsidies.LOOKUP)
    else:
        _tell_list(r, None, ctx)


def _only_question_words(text: str) -> bool:
    terms = retrieval()._terms(text)
    return bool(terms) and set(terms) <= GENERIC


def tell_subsidies(r: StepResult, payload: Mapping[str, Any], ctx: StepContext) -> None:
    """The money that fits the person, once their record is read (`policy.subsidies.result`)."""
    _tell_list(r, subsidies.Known.of(payload), ctx)


def _tell_list(r: StepResult, known: subsidies.Known | None, ctx: StepContext) -> None:
    """The list, remembered for a few messages (咋领 next asks about one of its lines: `answer_or_refer`)."""
    message, listed = subsidies.told(known, ctx)
    r.outbound.append(message)
    r.state[TOPIC] = {"entry": "", "listed": listed, "messages": TOPIC_MESSAGES}


def asked_not_told(text: str, intent: str) -> bool:
    """A question the catalogue answers however it is put (残疾人有啥补助: no 吗, but the classifier is sure it
    asks; 我55了还能干公益岗不): not news for the form, though its words name a status (残疾, 干公益岗)."""
    return (nlu.is_question(text) or intent == "ask_policy") and (
        retrieval().search(text).confident or subsidies.asks_what_money(text))


def asks_about_benefit(text: str) -> bool:
    """The unemployment benefit named (失业金, 失业保险), whatever else the message tells (被辞了, 交了三年社保)."""
    return f"#{subsidies.INSURED_ENTRY}" in retrieval()._terms(text)


def answers_family_benefit(r: StepResult, text: str, intent: str, ctx: StepContext) -> bool:
    """我老公被辞了 失业金咋领: the benefit's answer, and that the one who lost the job registers and claims in person
    (their own form, their own registration); True when told. Nothing changes on the asker's form, and the same
    answer is given before consent as after (it was referred at the consent question)."""
    if not (intent in ("ask_policy", "job_lost") and nlu.is_question(text) and nlu.about_someone_else(text)
            and asks_about_benefit(text)):
        return False
    tell_answer(r, subsidies.INSURED_ENTRY, ctx)
    r.say(BENEFIT_FOR_FAMILY)
    return True


def tell_answer(r: StepResult, entry_id: str, ctx: StepContext) -> None:
    """The whole answer of an entry another dialog recognised as asked (失业金咋领 with news of a job lost), remembered
    like any answer, so that its follow-ups are answered."""
    entry = next(e for e in retrieval().entries if e.id == entry_id)
    r.outbound.append(_message(ANSWER, entry, ctx))
    r.state[TOPIC] = {"entry": entry.id, "messages": TOPIC_MESSAGES}


def tell_part(r: StepResult, entry_id: str, part: str, ctx: StepContext) -> None:
    """One part ("conditions", "amount", "apply") of an entry, told for a question another dialog recognised
    (要交钱不 about the training on screen); remembered like an answer, so that its follow-ups are answered."""
    entry = next(e for e in retrieval().entries if e.id == entry_id)
    r.outbound.append(_follow_up(ASPECT_KEYS[part], entry, ctx))
    r.state[TOPIC] = {"entry": entry.id, "messages": TOPIC_MESSAGES}


def asks(state: JsonDict, text: str) -> bool:
    """A policy question however it is put, where the dialogs' question cues (Chinese: 吗, 咋, 多久) do not
    tell: a question on the entry just answered ("how long can I get it", no question mark needed: every word
    a question word or a word of that entry), an English one the catalogue is sure about ("how do I claim
    unemployment benefit"), or an English question about money that names none ("what subsidies can I get")."""
    search = retrieval()
    if not nlu.has_han(text) and subsidies.asks_what_money(text):
        return True  # "what subsidies can I get": the list of them
    if benefit_length.is_question(state, text):
        return True  # 交了3年了 失业金能拿几个月 (no question word the reader knows), 社保交了十几年 after the answer
    if not set(search._terms(text)) & GENERIC:
        return False
    memory = state.get(TOPIC)
    if isinstance(memory, dict) and memory.get("entry") and search.follows_up(text, str(memory["entry"])):
        return True
    return not nlu.has_han(text) and search.search(text).confident


def age_topic(state: JsonDict) -> None:
    """One more message since the last answer: the topic is forgotten after TOPIC_MESSAGES of them."""
    memory = state.get(TOPIC)
    if not isinstance(memory, dict):
        return
    left = int(memory.get("messages") or 0) - 1
    if left < 0:
        del state[TOPIC]
    else:
        memory["messages"] = left
