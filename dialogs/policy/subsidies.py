"""The money a person may get, for a question that names none ("有没有啥补贴能领", "俺能领点啥钱不").

Such a question is no topic the catalogue could answer on its own, yet the policy text does answer it: the
catalogue entries with an offer (a subsidy, a paid post; catalogue.toml `name`, `offer`, `ask`) that fit what
we know of the person. With no dialog open (or the jobs list), the person's record is read by an effect
(`policy.subsidies`, bot/policy_effects.py) and the list is told when it comes back; inside a dialog with a
question open, the list is told at once for everybody, so that the question comes after it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dialogs.i18n import catalog
from dialogs.matching import words
from dialogs.nlu.memo import short_memo
from dialogs.policy.catalogue import GENERIC, Entry, retrieval, stop_words, synonyms
from dialogs.types import Outbound, StepContext

LOOKUP = "policy.subsidies"
RESULT = f"{LOOKUP}.result"
FITTING, GENERAL, NONE_FIT = "policy.subsidies.fitting", "policy.subsidies.general", "policy.subsidies.none"
LINE, WHICH = "policy.subsidies.line", "policy.subsidies.which"
NOT_INSURED, NOT_INSURED_ONLY = "policy.subsidies.not_insured", "policy.subsidies.not_insured_only"
NOT_INSURED_TOPIC = "policy.subsidies.not_insured_topic"
CATALOG_KEYS = frozenset({FITTING, GENERAL, NONE_FIT, LINE, WHICH, NOT_INSURED, NOT_INSURED_ONLY, NOT_INSURED_TOPIC})
# 俺没交过保险, 没上过社保 (after the list): no unemployment benefit for them; the rest does not ask for insurance.
_NOT_INSURED = re.compile(r"(?:没有?|从没|从来没|未|不曾)(?:有|交|缴|买|上|办|参加)?过?(?:失业)?"
                          r"(?:保险|社保|五险|失业险)"
                          r"|(?:保险|社保)(?:也|都)?(?:没有?|从没)(?:交|缴|买|上|办)(?:过)?"
                          r"|\b(?:never|not|no|haven't|didn't)\b.{0,20}\binsur")
INSURED_ENTRY = "unemployment_benefit"
# Words that make a question with no topic a question about money (补贴 and its synonyms are the #subsidy term),
# and words of money paid, not got ("这个要钱不" asks what something costs).
_MONEY = ("钱", "福利", "补", "money", "subsid", "benefits", "allowance")
_PAYING = ("要钱", "交钱", "花钱", "收钱", "掏钱", "出钱", "付钱", "收费", "费用", "学费", "cost", "fee", "pay for")
# 我是低保户, 俺家是贫困户 beside 能领什么补贴: who asks, no topic of its own (the 低保 entry is how to apply for it).
_WHO_ASKS = re.compile(r"(?:(?:我|俺|咱)们?家?(?:是|属于)?)?(?:低保户|贫困户|建档立卡(?:贫困)?户|脱贫户|监测户)")
# Employment statuses of the form; "unable" (ill, caring) may still train or take a public-welfare post.
EMPLOYED, UNABLE = "employed", "unable"
# Ages the policy text names: a technical school enrols school leavers; public-welfare posts are for the older.
SCHOOL_AGE_MAX = 24
OLDER_FROM = 45
WORKING_AGE_MAX = 60
_AWAY_SCOPES = frozenset({"other_provinces", "anywhere"})


@dataclass(frozen=True, slots=True)
class Known:
    """What the person's record says that decides which money fits; None where it says nothing."""

    status: str | None = None
    age: int | None = None
    insured: bool | None = None
    needs: frozenset[str] = frozenset()
    scope: str | None = None
    away: bool = False  # works in another province

    @classmethod
    def of(cls, payload: Mapping[str, Any]) -> Known | None:
        facts = payload.get("facts")
        if payload.get("status") != "ok" or not isinstance(facts, Mapping):
            return None
        age, insured = facts.get("age"), facts.get("insured")
        return cls(status=_text(facts.get("status")), age=age if isinstance(age, int) else None,
                   insured=insured if isinstance(insured, bool) else None,
                   needs=frozenset(map(str, facts.get("needs") or ())), scope=_text(facts.get("scope")),
                   away=bool(facts.get("away")))


def _text(value: Any) -> str | None:
    return str(value) if value else None


@short_memo
def asks_what_money(text: str) -> bool:
    """A question about money that names no topic: every word is a question word, a word of no topic (俺, 啥,
    政府) or a word of money (补贴, 钱, 福利). 考驾照有补贴吗 names something the catalogue does not know: not this.
    Memoised under the memos' rule (people repeat the same words; a message with numbers in it is not kept)."""
    syn, stop = synonyms(), stop_words()
    text = _WHO_ASKS.sub(" ", text)
    cut = words.cut(text)
    money = any(word in text.lower() for word in _MONEY) or any(
        syn.get(word) == "#subsidy" and len(word) > 1 for word in cut)  # 报 alone may be 报名
    if not money or any(word in text.lower() for word in _PAYING) or retrieval().search(text).confident:
        return False
    for word in cut:
        if word in stop or syn.get(word) in GENERIC or any(money in word for money in _MONEY):
            continue
        # A word jieba made of a question word and a verb (咋领): every character a question word or nothing.
        if not all(syn.get(c) in GENERIC or c in stop for c in word):
            return False
    return True


# Words asking which money there is (有啥补助, 有哪些补贴), not how much of the one just told (能领多少).
_WHICH = ("啥", "什么", "哪些", "哪几", "哪种", "what", "which")


def asks_which_money(text: str) -> bool:
    """A question about money that names none and asks which there is ("政府有啥补助没"): the list, even right
    after an answer on one topic (where "能领多少钱" is a follow-up on it)."""
    return any(word in text.lower() for word in _WHICH) and asks_what_money(text)


def _fits(entry_id: str, known: Known) -> bool:
    """Whether the policy text's conditions for an entry may hold for the person, from what their record says."""
    age, working = known.age, known.status == EMPLOYED
    # Someone unable to work now (ill, caring, studying): no money for looking for work or travelling to it.
    unable = known.status == UNABLE
    rules = {
        "unemployment_benefit": not working and not unable and known.insured is not False,
        "transport_subsidy": not unable and (
            known.away or known.scope in _AWAY_SCOPES or (known.scope is None and not working)),
        "training_subsidy": age is None or age <= WORKING_AGE_MAX,
        "technical_school": age is None or age <= SCHOOL_AGE_MAX,
        "public_welfare_job": not working and ("public_welfare" in known.needs or (
            not unable and (age is None or age >= OLDER_FROM))),
        "startup": "business" in known.needs,
        # Unable to work now (ill, disabled, caring): the help for the disabled may be theirs.
        "disability": unable,
        # Working in another province: where they work is theirs to choose, and help to find work elsewhere.
        "work_elsewhere": working and known.away,
    }
    return rules.get(entry_id, False)


def offered(known: Known | None) -> list[Entry]:
    """The entries with an offer that fit (all of them when nothing is known), in the catalogue's order."""
    entries = [e for e in retrieval().entries if e.offers]
    return entries if known is None else [e for e in entries if _fits(e.id, known)]


def told(known: Known | None, ctx: StepContext) -> tuple[Outbound, list[str]]:
    """The list: one line each (name, for whom, the question that gets the details), and the entries listed."""
    cat = catalog(ctx.locale)
    entries = offered(known)
    if not entries:
        return Outbound(key=NONE_FIT), []
    line = cat.get(LINE, ctx.channel)
    separator = "\n" if ctx.channel != "sms" else ("；" if ctx.locale == "zh_CN" else "; ")
    items = separator.join(line.format(**(e.offers.get(ctx.locale) or e.offers["zh_CN"])) for e in entries)
    return Outbound(key=GENERAL if known is None else FITTING, params={"items": items}), [e.id for e in entries]


def which(listed: list[str], ctx: StepContext) -> Outbound:
    """After the list, a question that names none of its lines (咋领, 在哪领): which one, with an example."""
    entry = next(e for e in retrieval().entries if e.id == listed[0])
    return Outbound(key=WHICH, params={"example": (entry.offers.get(ctx.locale) or entry.offers["zh_CN"])["ask"]})


def tells_not_insured(text: str) -> bool:
    """俺没交过保险, "I never paid insurance": told after the list, it rules out the unemployment benefit."""
    return bool(_NOT_INSURED.search(text.lower()))


def not_insured(listed: list[str], ctx: StepContext) -> tuple[Outbound, list[str]]:
    """No unemployment benefit without the insurance; the other lines of the list do not ask for it (their names
    told). The lines left."""
    left = [entry_id for entry_id in listed if entry_id != INSURED_ENTRY]
    if not left:
        return Outbound(key=NOT_INSURED_ONLY), left
    names = [(e.offers.get(ctx.locale) or e.offers["zh_CN"])["name"] for e in retrieval().entries if e.id in left]
    separator = "、" if ctx.locale == "zh_CN" else ", "
    example = next(e for e in retrieval().entries if e.id == left[0])
    return Outbound(key=NOT_INSURED, params={"names": separator.join(names), "example": (
        example.offers.get(ctx.locale) or example.offers["zh_CN"])["ask"]}), left
