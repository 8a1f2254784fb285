"""The survey's own vocabulary (data/vocabulary.toml): field names people use, correction cues, accepting the
SMS sender's number."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from datetime import date
from importlib import resources
from typing import Any

from dialogs import forms, near_home, nlu
from dialogs.nlu.memo import short_memo


@functools.cache
def _data() -> Mapping[str, Any]:
    text = resources.files("dialogs.flows.survey").joinpath("data", "vocabulary.toml").read_text(encoding="utf-8")
    data: Mapping[str, Any] = _with_near_home(tomllib.loads(text))
    return data


def _with_near_home(data: Any) -> Any:
    """The file with each "@near_home:USE" value replaced by that use's words (dialogs/data/near_home.toml)."""
    if isinstance(data, dict):
        return {key: _with_near_home(value) for key, value in data.items()}
    if isinstance(data, str) and data.startswith("@near_home:"):
        return " ".join(near_home.words(data.removeprefix("@near_home:")))
    return data


@functools.cache
def field_name_pattern() -> re.Pattern[str]:
    """Any field name; the group name says which field (longest words first)."""
    pairs = [(word, key) for key, names in _data()["field_names"].items() for word in names.split()]
    pairs.sort(key=lambda pair: len(pair[0]), reverse=True)
    return re.compile("|".join(re.escape(word) for word, _ in pairs))


@functools.cache
def field_of_name() -> Mapping[str, str]:
    return {word: key for key, names in _data()["field_names"].items() for word in names.split()}


@functools.cache
def correction_cue() -> re.Pattern[str]:
    words = sorted(_data()["corrections"]["cues"].split(), key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in words))


@functools.cache
def _record_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    record = _data()["my_record"]
    return tuple(record["words"].split()), tuple(record["change"].split())


def asks_to_fix_record(text: str) -> bool:
    """我的信息填错了 怎么改, 资料写错了: one's registered details to be corrected, none named."""
    said = nlu.normalize(text)
    words, change = _record_words()
    return any(word in said for word in words) and (
        correction_cue().search(said) is not None or any(word in said for word in change))


@functools.cache
def sender_accept() -> frozenset[str]:
    return frozenset(_data()["sender_phone"]["accept"].split())


@functools.cache
def declines() -> re.Pattern[str]:
    """要填吗 / 不想给老板电话: whether this must be answered, or not wanting to."""
    words = sorted(_data()["declines"]["words"].split(), key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in words))


def synonyms(field: str, value: str) -> tuple[str, ...]:
    """The words that pick `value` at the choice question `field`."""
    return tuple(_data()["choices"][field][value].split())


def own_synonyms(field: str, value: str) -> tuple[str, ...]:
    """Words that pick `value` at `field` only, beside the words its kind of question shares (yes/no)."""
    return tuple((_data()["choices"].get(field) or {}).get(value, "").split())


@functools.cache  # (a tuple from the cached data: the same every time)
def words_of(section: str) -> tuple[str, ...]:
    """The `words` list of a section of data/vocabulary.toml."""
    return tuple(_data()[section]["words"].split())


@functools.cache  # (a str from the cached data: the same every time)
def value_of(section: str, key: str) -> str:
    """A value of a section of data/vocabulary.toml other than its words (a value the form records)."""
    return str(_data()[section][key])


def plain_work() -> Mapping[str, str]:
    """Work said in plain words (力气活) and the job types it means (普工、搬运工)."""
    return {str(words): str(jobs) for words, jobs in _data()["plain_work"].items()}


@functools.cache
def insurance_kinds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The insurances of social insurance: the name said back and the words that name it."""
    return tuple((str(name), tuple(str(words).split())) for name, words in _data()["insurance_kinds"].items())


def passing(field: str) -> dict[str, tuple[str, ...]]:
    """Words that pick a choice even when said at another question, by value."""
    return {value: tuple(words.split()) for value, words in _data()["passing"].get(field, {}).items()}


@functools.cache
def scope_areas(scope: str) -> tuple[str, ...]:
    """The words naming an area one would work in, by the form's scope (县里: home_county)."""
    return tuple(_data()["scope_areas"][scope].split())


@short_memo
def id_card_not_at_hand(text: str) -> bool:
    """身份证没带在身上, 身份证在家里: the ID number will come later (not a refusal, not a don't-know)."""
    said = text.replace(" ", "")
    if not any(word in said for word in _data()["id_not_at_hand"]["card"].split()):
        return False
    return any(word in said for word in words_of("id_not_at_hand"))


@functools.cache
def job_subjects() -> dict[str, tuple[str, ...]]:
    """The words naming what the contract, insurance and wages questions are about, by field, in file order."""
    return {key: tuple(words.split()) for key, words in _data()["job_subjects"].items()}


def id_card_not_with_me(text: str) -> str | None:
    """At the ID question, said alone: 没带, 不在身边 ("not_at_hand": the number later) or 没有, 没办过 ("none": later,
    or a caseworker); None otherwise."""
    said = forms.squash(text).rstrip("了呢啊呀哦嘛")
    if said in _id_card_words("alone"):
        return "not_at_hand"
    if said in _id_card_words("none") or forms.squash(text) in _id_card_words("none"):
        return "none"
    return None


_HELD_BY = re.compile(
    r"在(?:我|俺|我们|俺们|我家|俺家)?(?P<who>[\u4e00-\u9fff]{1,3}?)(?:那|那里|那儿|那边|手里|手上|身上|手头)")


@short_memo
def id_put_off(text: str) -> bool:
    """At the ID question, no number and the card not to be had now: put off (回头再说, 等我找到再发), held by someone
    else (身份证在我老婆那) or not at hand (没带, 身份证在家里); fetching it now (我去拿一下, 等会发) is not."""
    said = forms.squash(nlu.normalize(text))
    if not said or any(c.isdigit() for c in said):
        return False
    section = _data()["id_put_off"]
    if any(word in said for word in section["soon"].split()):
        return False
    if any(word in said for word in section["words"].split()):
        return True
    held = _HELD_BY.search(said)
    if held is not None and held["who"] in section["holders"].split():
        return True
    return id_card_not_at_hand(said) or id_card_not_with_me(text) == "not_at_hand"


@functools.cache  # (made once from the cached data: it split two lists of ~20 words at every message there)
def _id_card_words(kind: str) -> frozenset[str]:
    """The words of data/vocabulary.toml's `id_not_at_hand` section, `alone` or `none`, as a set."""
    return frozenset(_data()["id_not_at_hand"][kind].split())


# (新老板是个好人 says what the boss is like, not who)
_NAMES_THE_NEW_ONE = re.compile(r"叫|是(?!一?个|人|很|挺|蛮|还|真|太|对|不|好|坏|凶)|名字")


def new_boss_only(text: str) -> bool:
    """厂里换了个老板 我还在这干: the same job under a new boss, the new employer's name not said (叫/是 would)."""
    said = text.replace(" ", "")
    return any(word in said for word in words_of("new_boss")) and _NAMES_THE_NEW_ONE.search(said) is None


_ENGLISH_LEAD = re.compile(
    r"^(?:i\s*(?:am|'m)|i\s+work(?:ed)?\s+as|im|working\s+as|work\s+as|as|my\s+job\s+is)?\s*(?:an?\s+)?"
)


def english_job(text: str) -> str | None:
    """A job title said in English and nothing else (security guard, I'm a cook), as the form writes it (保安)."""
    said = re.sub(r"[^a-z' ]+", " ", text.lower()).strip()
    if not said or re.search(r"[\u4e00-\u9fff]", text):
        return None
    said = _ENGLISH_LEAD.sub("", " ".join(said.split())).strip()
    jobs: Mapping[str, str] = _data()["english_jobs"]
    return jobs.get(said) or (jobs.get(said[:-1]) if said.endswith("s") else None)


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}
_AGO = re.compile(r"\b(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(year|month)s?\s+ago\b")
_YEAR_MONTH = re.compile(r"\b((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\b|\b(\d{1,2})\s*[-/.]\s*((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_RELATIVE = {"last month": -1, "this month": 0, "next month": 1}
_RELATIVE_YEAR = {"last year": -1, "this year": 0, "next year": 1}


def _shift(today: date, months: int) -> str:
    index = today.year * 12 + today.month - 1 + months
    return f"{index // 12}-{index % 12 + 1:02d}"


def english_month(text: str, today: date, direction: str) -> str | None:
    """A month said in English (March 2025, last March, 2 years ago, next month, 2025-03), as YYYY-MM; None for
    Chinese text or no month. A month named alone is the nearest one in the past ("past") or ahead ("future")."""
    if re.search(r"[\u4e00-\u9fff]", text):
        return None
    said = " ".join(text.lower().split())
    if (numeric := _YEAR_MONTH.search(said)) is not None:
        said_year, said_month = numeric.group(1) or numeric.group(4), numeric.group(2) or numeric.group(3)
        return f"{said_year}-{int(said_month):02d}" if 1 <= int(said_month) <= 12 else None
    if (ago := _AGO.search(said)) is not None:
        count = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBER_WORDS[ago.group(1)]
        return _shift(today, -count * (12 if ago.group(2) == "year" else 1))
    for words, months in _RELATIVE.items():
        if words in said:
            return _shift(today, months)
    named = _MONTH_NAME.search(said)
    if named is None or (named.group(1) == "may" and not re.search(r"\bmay\b(?!\s+(?:be|i|have|not))", said)):
        return None
    month = _MONTH_NAMES.index(named.group(1)) + 1
    year: int | None = int(y.group(1)) if (y := _YEAR.search(said)) is not None else None
    for words, years in _RELATIVE_YEAR.items():
        if words in said:
            year = today.year + years
    if year is None:
        ahead = month >= today.month if direction == "future" else month > today.month
        later, earlier = direction == "future" and not ahead, direction != "future" and ahead
        year = today.year + (1 if later else 0) - (1 if earlier else 0)
    return f"{year}-{month:02d}"


# The parts of a message between its punctuation and spaces (shared by the survey's readers).
PARTS = re.compile(r"[\s,，。;；!！、]+")
# since last year, in 2024, from the year before last: a year said in English without its month.
_ENGLISH_YEAR_ALONE = re.compile(
    r"(?:(?:i\s+)?(?:started|began|came|have\s+been\s+there|been\s+there)\s+)?(?:since|from|in|around|about)?\s*"
    r"(?:the\s+)?(last\s+year|this\s+year|year\s+before\s+last|(?:19|20)\d{2})"
)
_YEARS_BACK = {"last year": 1, "this year": 0, "year before last": 2}


def english_year_alone(text: str, today: date) -> int | None:
    """The year a start is said by in English, without its month (since last year, in 2024); None otherwise."""
    said = " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split())
    found = _ENGLISH_YEAR_ALONE.fullmatch(said)
    if found is None:
        return None
    word = found.group(1)
    year = today.year - _YEARS_BACK[" ".join(word.split())] if not word.isdigit() else int(word)
    return year if 1970 <= year <= today.year else None


def health_limit(text: str) -> str | None:
    """腰椎间盘突出 干不了重活: a short message saying which work one's health rules out, as typed; None otherwise."""
    if len(text) > 30 or not any(word in text for word in words_of("health_limits")) or not any(
            word in text for word in value_of("health_limits", "not_able").split()):
        return None
    return text.strip(" 。.!！~,，")


# 我是她孙女 帮她填, 帮我奶奶登记: the message is typed for the person registered, who is told of as 她 / 他 or by
# the relation (group "kin").
_KIN = (r"奶奶|爷爷|外婆|外公|姥姥|姥爷|妈妈|爸爸|妈|爸|母亲|父亲|婆婆|公公|老公|老婆|媳妇|爱人|姐姐|哥哥|姐|哥|"
        r"叔叔|阿姨")
_TYPED_FOR = re.compile(
    r"(?:我是(?:她|他)的?(?:孙女|孙子|外孙女|外孙|女儿|儿子|闺女|儿媳妇|儿媳|媳妇|侄子|侄女|外甥女|外甥|邻居|老公|老婆)"
    r"[\s,，。]*)?(?:帮|替|给)(?:她|他|我(?P<kin>" + _KIN + r"))(?:填|登记|报名|弄|写|打字)(?:一下|的)?[\s,，。]*"
)
_THIRD_PERSON = re.compile(r"(?:她|他)(?!们)")
# 她叫王秀英 … at the name question, typed by whoever helps: her name (it was someone else's, the rest taken as hers).
_NAMED_AS_SHE = re.compile(r"\s*(?:她|他)(?:叫|的名字叫|名字叫|名字是)")


def as_the_person(text: str, *, at_name: bool = False) -> str | None:
    """我是她孙女 帮她填 她叫王秀英 在车间做手工: the message as the person registered would say it (我叫王秀英 在车间
    做手工), when it says it is typed for them, or (`at_name`, the name asked) begins 她叫 with no one else named; None
    otherwise. Only the one message is read so: what comes next is theirs or the typist's as it says."""
    said = nlu.normalize(text)
    found = _TYPED_FOR.search(said)
    if found is None:
        return " ".join(_THIRD_PERSON.sub("我", said).split()) if at_name and _NAMED_AS_SHE.match(said) else None
    rest = said[: found.start()] + " " + said[found.end() :]
    if kin := found.group("kin"):
        rest = rest.replace("我" + kin, "我")
    return " ".join(_THIRD_PERSON.sub("我", rest).split()) or None


def caring_work(text: str) -> str | None:
    """带孩子, 给人带娃 said alone at the work wished: that work as the form writes it (帮人带孩子); None otherwise."""
    said = re.sub(r"(?:的)?(?:活儿?|工作)?(?:也行|都行|就行|吧|啊|呀)?$", "", forms.squash(nlu.normalize(text)))
    said = re.sub(r"^(?:我|俺)?(?:想|要)?(?:做|干|找)?(?:个|份|点)?", "", said)
    found = _data()["caring_work"].get(said)
    return str(found) if found else None


def work_conditions(text: str) -> list[str]:
    """The parts of a message that say what the work must allow (只能干半天, 要能接送娃), as typed; a health limit
    whole (腰椎间盘突出 干不了重活: the reason with it)."""
    if (limit := health_limit(text)) is not None:
        return [limit]
    conditions = words_of("work_conditions")
    return [part for part in PARTS.split(text) if part and any(word in part for word in conditions)]


def english_month_number(text: str) -> int | None:
    """A month named alone in English (May, in March, around june): its number; None otherwise."""
    said = " ".join(re.sub(r"[^a-z ]+", " ", text.lower()).split())
    said = re.sub(r"^(?:in|around|about|it was|maybe)\s+", "", said)
    named = _MONTH_NAME.fullmatch(said)
    return _MONTH_NAMES.index(named.group(1)) + 1 if named else None


def work_itself(text: str) -> tuple[str, bool] | None:
    """给人放羊, 手工活在家做: the job, and whether it is done at home, when naming the work is all the message does
    (no place, no one's name); None otherwise (在小区当保安 names a place)."""
    said = nlu.normalize(text).strip(" 。.!！~")
    job = nlu.find_job_type(said)
    if job is None or job not in said:
        return None
    rest = said.replace(job, " ")
    for _ in range(2):  # 送外卖的 骑手, 送快递的 快递员: the work said twice, in two words
        if (again := nlu.find_job_type(rest)) is None or again not in rest:
            break
        rest = rest.replace(again, " ")
    for word in sorted(words_of("work_itself"), key=len, reverse=True):
        rest = rest.replace(word, " ")
    if re.sub(r"[\s,，、]+", "", rest):
        return None
    home = tuple(_data()["work_itself"]["home"].split())
    for_others = tuple(_data()["work_itself"]["for_others"].split())
    # (在家给人放羊: near home, for someone: an employer all the same)
    return job, any(word in said for word in home) and not any(word in said for word in for_others)


# 有啥活没有, 有没有活干, 现在有活吗: a question for jobs and nothing else.
_ASKS_FOR_JOBS = re.compile(
    r"(?:现在|你们|这里|这边|附近|县里|最近|那)*(?:有没有|有)(?:啥|什么|没有|些|点)?好?(?:活|工作|事|工)(?:干|做|儿)?"
    r"(?:没有|没|吗|不|嘛|呢|啊|么|撒)?"
)


def asks_for_jobs(text: str, understanding: nlu.Understanding) -> bool:
    if understanding.intent != "seek_job":
        return False  # (before the text is squeezed: asked of every answer, most are no wish for a job)
    said = re.sub(r"[\s,，。.!！?？~]+", "", nlu.normalize(text))
    return _ASKS_FOR_JOBS.fullmatch(said) is not None
