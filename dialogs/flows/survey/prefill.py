"""What a message says beyond the question asked: fill still-empty fields from understand() and the facts
it holds ("俺叫张有才 湖南隆回的 在宁波工地上干活 一个月六千来块": the name, the home and the work place told
apart, the status, the pay).

Pure: the caller applies the proposals and records them like any other answer.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from datetime import date
from typing import Any

from dialogs import nlu
from dialogs.flows.survey.beside import BOSS, cooks, facts_beside
from dialogs.flows.survey.fields import (
    BARE_WORKPLACE,
    DOING_JOB,
    FREE_TEXT_FIELDS,
    INCOME_FIELDS,
    JOB_FIELDS,
    MONTH_FIELDS,
    PHONE_FIELDS,
    PLACE_FIELDS,
    SURVEY_FORM,
    any_work_wished,
    boss_beside,
    jobs_wanted,
    lasted_since,
    place_from_code,
    place_value,
    with_boss,
)
from dialogs.flows.survey.scopes import scope_of_areas
from dialogs.flows.survey.vocabulary import passing, value_of, words_of
from dialogs.forms import Form, squash
from dialogs.nlu import Understanding
from dialogs.nlu.memo import copied_memo, form_text_key, may_keep, short_memo
from dialogs.nlu.places import PlaceMention

# Questions where "anything" answers the question itself (啥都行 at the scope is anywhere), not the work wanted.
_OWN_ANSWERS_FOR_ANYTHING = frozenset({"skills", "desired_jobs", "preferred_scope", "service_needs", "expected_income",
                                       "available_from"})
# News of the speaker's status (Understanding.status) and the form's employment_status it means.
INTENT_STATUS = {
    "employed": "employed", "changed_job": "employed", "job_lost": "unemployed", "unable": "unable",
    "looking": "unemployed",
}
# How many digits of the home division "here" keeps (镇上: the township; 县城: the county).
LOCAL_DIGITS = {"township": 9, "county": 6, "city": 4, "home": 9}
# Beijing, Tianjin, Shanghai and Chongqing: the city is the province-level division itself.
MUNICIPALITIES = ("11", "12", "31", "50")
# Answers that are text of their own: a place inside them (坡头村, 宁波路) is no statement of where.
_TEXT_ANSWERS = FREE_TEXT_FIELDS | {"home_village"}


# (想找个保洁的活, 想找个半天的活: the work or its hours said before 的活)
_WANTS_WORK = re.compile(r"找(?:个|份|点)?(?:[\u4e00-\u9fff]{1,4}?的)?(?:工作|活|事)|出去(?:干活|打工|挣|找)|挣点?钱"
                         r"|上班")


# 现在能出来干活了: able to work again says the wish too (the intents read it as a search for work).
_WISH = re.compile(r"想|要|打算|准备|愿意|希望|还是|(?<![不没])(?:能|可以|能够)(?:出来|出去|出门)?"
                   r"(?:干活|上班|打工|工作|做事|干点活|挣钱)了")
# The wish bears on the learning itself: 想学个电焊, 要去学开挖机; not 想找工作 学的数控 (learnt already).
_WISH_TO_LEARN = re.compile(r"(?:想|要|打算|准备|愿意|希望)(?:去|再|先|也)?(?:学|培训|参加培训)")


# 等娃大点, 等孩子上学了, 等我病好了: what the wish waits for.
_WAITS_FOR = re.compile(
    r"等[^，。,\s]{0,6}?(?:娃|孩子|小孩|伢|崽|儿子|女儿|病|身体|腿|腰|老人)[^，。,\s]{0,4}?"
    r"(?:大点|大些|大了|长大|上学|上幼儿园|读书|好了|好点|好些|走了|以后|之后)"
)


def waits_for(normalized: str) -> bool:
    """等娃大点 (想出去): a wish that waits for a child to grow or an illness to pass."""
    return _WAITS_FOR.search(normalized) is not None


def wants_work(understanding: Understanding) -> bool:
    """The speaker says they want work (想出去找活, 想找工作 学的数控); 找不到活 says no wish."""
    if nlu.plans_once_found(understanding.text) and not nlu.is_question(understanding.text):
        return True  # 找到活就去: will go once there is work
    if _WISH.search(understanding.normalized) is None or nlu.is_question(understanding.text):
        return False
    if _WAITS_FOR.search(understanding.normalized):
        return False  # 等娃大点想出去: a wish for later, when the child is older (not work wanted now)
    if understanding.intent == "seek_job":
        return True
    # 俺没有工作 想找活干 reads as idle first; the wish is still said.
    wishful = ("seek_training", "job_lost", "changed_job")  # (婆子年前走了 现在能出去干活了 想在县城找个活)
    return understanding.intent in wishful and _WANTS_WORK.search(understanding.normalized) is not None


# 想去深圳, 打算到浙江去: a place to go to (the place itself is read by the gazetteer).
_GOING_TO = re.compile(r"(?:想|要|打算|准备)(?:去|到|上)")


def going_to(understanding: Understanding, work: Mapping[str, Any] | None) -> bool:
    """没有活干 想去深圳: out of work, the place they want to go to is where they want to work (no word of work
    needed; it was lost). A question (想去深圳 有活吗) is the jobs list's."""
    return work is not None and _GOING_TO.search(understanding.normalized) is not None and (
        not nlu.is_question(understanding.text))


def place_wished(understanding: Understanding, answers: Mapping[str, Any], current: str | None) -> str | None:
    """深圳市 in 没有活干 想去深圳: the one place someone out of work wants to go to, named below its province, to be
    kept with the work wished once that is told (the scope says only 外省). None when no such place is said."""
    _, work = _places(understanding, current, answers)
    if not going_to(understanding, work) or _PLACES_AS_CHOICE.search(understanding.normalized) is not None or len(
            {m.place.code for m in nlu.place_mentions(understanding.text)}) != 1:
        return None
    return _PROVINCE_HEAD.sub("", str((work or {}).get("name") or "")) or None


def wants_training(understanding: Understanding) -> bool:
    """想学电焊, 要去学个开挖机: a trade the speaker wishes to learn (不想学 is no wish)."""
    said = understanding.normalized
    return (understanding.intent == "seek_training" and _WISH_TO_LEARN.search(said) is not None
            and re.search(r"不(?:想|要|愿意|打算)", said) is None and not nlu.is_question(understanding.text))


# Caring for the family at home, said of oneself as a part of its own (在家带娃, 我在屋头带孩子, 照顾老人).
_CARING_AT_HOME = re.compile(
    r"(?:我|俺)?(?:现在|目前|一直)?(?:在家|在屋头|在屋里)?(?:带娃|带孩子|带小孩|带孙子|带孙女|照顾(?:老人|孩子|娃|家里|老的|小的))"
    r"(?:呢|的|了|嘞)?")


@short_memo
def cares_at_home(text: str) -> bool:
    """在家带娃 as a part of the message (the rest may be the husband's work): the speaker's status, unable to
    work for now, as the status question reads it."""
    return any(_CARING_AT_HOME.fullmatch(part) for part in re.split(r"[\s,，。;；!！]+", nlu.normalize(text)) if part)


# Work done for others at home or in one's village (在家给人放羊, 就在村里帮人种地, 在家放牛): the place is home
# (在家种当归 闲了给人帮工 is farming, and work elsewhere, asked).
_WORKS_AT_HOME = re.compile(r"在(?:家|屋头|屋里|村里|村上|寨子里)(?:里|附近)?"
                            r"(?:(?:给人|帮人|替人)(?:放|养|种|干|做|帮工|看)|放羊|放牛)")


@short_memo
def works_at_home(text: str) -> bool:
    return _WORKS_AT_HOME.search(nlu.normalize(text).replace(" ", "")) is not None


# 厂名叫宏达, 名字叫鑫源: the name of the place already told by its kind (电子厂), the name alone (2–4 characters,
# no word of a kind of place in it).
_NAMED_AS = re.compile(r"(?:厂|店|公司|单位|工厂)(?:名|名字|的名字)?叫|名字叫")
_BARE_NAME = re.compile(r"[^厂场店地司院馆部队]{2,4}")


def _kind_of_workplace(employer: str) -> bool:
    """电子厂, 工地, 砖厂: a kind of workplace, no firm's name (BARE_WORKPLACE characters at most)."""
    return len(employer) <= BARE_WORKPLACE and re.search(r"[厂场店地司]$", employer) is not None


def seeks_work_despite(understanding: Understanding) -> bool:
    """我是残疾人 想找点活干: what keeps them from work said, and work looked for in words (找点活, 出去打工);
    想出去也走不开 and 要人服侍 出不去 look for none."""
    return wants_work(understanding) and _WANTS_WORK.search(understanding.normalized) is not None and (
        not nlu.is_question(understanding.text))


def status_from(understanding: Understanding) -> str | None:
    """The employment status the speaker's own news implies (someone else's news implies none); no work
    now (在家种地, 俺没有工作) said with a wish for it (想找个看大门的活) is unemployed."""
    status = INTENT_STATUS.get(understanding.status or "")
    if status == "unable" and seeks_work_despite(understanding):
        return "unemployed"  # 我是残疾人 想找点活干: looking for work (it was 暂时不能工作, and no job ever offered)
    if status is None and wants_work(understanding):
        if nlu.farms_only(understanding.text) or nlu.says_no_job(understanding.text):
            return "unemployed"
    return status


# 找个活, 找份工作, 找点事做: a job looked for (beside a course to learn).
_FIND_WORK = re.compile(r"找(?:个|份|点|些)?(?:活|工作|事做|事情做|班上|工作做)")


def wanted_jobs(text: str) -> str | None:
    """The jobs a message names as wanted; a service asked for (公益岗有没有) is a service need, and a trade to
    learn (还想学个开挖机) a training, not a job."""
    services = {word for words in passing("service_needs").values() for word in words}
    said = nlu.normalize(text)
    named = [
        job for job in (nlu.find_named_jobs(text) or "").split("、")
        if job and job not in services and not re.search(rf"学[^\s，,。]{{0,2}}{re.escape(job)}", said)
    ]
    # as the form writes them (想干钢筋: 钢筋工; it was kept as 干钢筋)
    return "、".join(dict.fromkeys(job_title(job) for job in named)) or None


def wished_jobs(understanding: Understanding) -> str | None:
    """想找个看大门的活: the work wished for, kept for the desired-jobs question."""
    return wanted_jobs(understanding.text) if wants_work(understanding) else None


def local_place(text: str, answers: Mapping[str, Any]) -> dict[str, Any] | None:
    """"就在俺们镇上", "县城" said of work, as a division: the part of the home division it names."""
    level = nlu.local_level(text)
    home = answers.get("home_division")
    if level is None or not isinstance(home, Mapping) or not home.get("code"):
        return None
    code = str(home["code"])
    digits = 2 if level == "city" and code.startswith(MUNICIPALITIES) else LOCAL_DIGITS[level]
    return place_from_code(code[:digits])


def _places(understanding: Understanding, current: str | None, answers: Mapping[str, Any]) -> tuple[Any, Any]:
    """(home, work) places the message names, each as stored, or None."""
    if understanding.entities.location is None:
        return None, None  # understand() found no place at all: nothing to tell apart
    home_code = str((answers.get("home_division") or {}).get("code") or "~")
    # A place inside the home county said without a cue (猪场乡) is about home, not work.
    text = understanding.text
    employer = understanding.entities.employer
    if employer and employer in text and not _inside_a_place(employer, text):
        text = text.replace(employer, "_" * len(employer))  # 深川龙华富士康: 华富 across the brand is no place
    mentions = [m for m in nlu.place_mentions(text) if m.role or not m.place.code.startswith(home_code)]
    home = next((m.place for m in mentions if m.role == "home" and len(m.place.code) >= 6), None)
    work = next((m.place for m in mentions if m.role == "work"), None)
    if work is not None and (deeper := [m.place for m in mentions if m.role is None and len(m.place.code) > len(
            work.code) and m.place.code.startswith(work.code)]):
        work = deeper[-1]  # 在广东打工 东莞 厂里: 东莞, inside the province named with the work
    if work is None and home is None and len(mentions) == 1 and current == "name" and (
            "home_division" not in answers) and len(mentions[0].place.code) >= 6 and understanding.status in (
            None, "unemployed") and _name_beside(understanding, mentions[0]):
        home = mentions[0].place  # 张桂兰 威宁县哲觉镇 at the name question: her name and her home (the home was lost)
    if work is None and home is None and len(mentions) == 1 and current not in PLACE_FIELDS | _TEXT_ANSWERS:
        only = mentions[0].place
        if _bare_place(understanding, mentions[0]) and "home_division" not in answers and len(only.code) >= 6:
            home = only  # 威宁县 哲觉镇 typed at the household number: the home place, asked next
        else:
            work = only  # one place said with a job (在东莞上班 without 在: 东莞 电子厂) is the work place
    return (place_value(home) if home else None), (place_value(work) if work else None)


def _home_beside_id(understanding: Understanding, id_number: str) -> Any:
    """A township named beside an ID number with no county (城关镇, a name a hundred counties share), found in the
    county the number was issued in (its first six digits): the home, said back and confirmed at the summary."""
    said = understanding.normalized.replace(id_number, " ").replace(id_number.lower(), " ")
    within = {place.code: place for place in nlu.places_within(said, id_number[:6])}
    return place_value(next(iter(within.values()))) if len(within) == 1 else None


def _job_beside(understanding: Understanding) -> str | None:
    """The job a message names beside the employer or workplace (在一个饰品厂 做流水线), in a part of its own
    that says what one does; a job word inside the employer's name (中通快递) or a workplace before (原来在一个
    注塑厂) is none."""
    rest = understanding.normalized
    employer = understanding.entities.employer
    if employer:
        rest = rest.replace(employer, " ")
    for part in rest.split():
        if DOING_JOB.match(part) and (job := nlu.find_job_type(part)):
            return job
    return None


def job_title(job: str) -> str:
    """A job as the form writes it (流水线 -> 流水线工)."""
    return nlu.job_titles().get(job, job)


def _inside_a_place(employer: str, text: str) -> bool:
    """桃林铺 in 潢川 桃林铺镇: an "employer" that is part of a township's name is the place."""
    start = text.find(employer)
    return any(m.start <= start and start + len(employer) <= m.end for m in nlu.place_mentions(text))


def _name_beside(understanding: Understanding, mention: PlaceMention) -> bool:
    """A name said first, the place after it (张桂兰 威宁县哲觉镇, 张桂兰，身份证…，哲觉镇新发村，在家务农), and no
    workplace beside them."""
    employer = understanding.entities.employer
    if employer and not _inside_a_place(employer, understanding.text):
        return False
    said = understanding.normalized
    first = re.split(r"[\s,，。.、;；]+", said.strip(), maxsplit=1)[0]
    return bool(first) and said.find(first) + len(first) <= mention.start and nlu.find_name(first + " ") == first


def _bare_place(understanding: Understanding, mention: PlaceMention) -> bool:
    """The message is the place and little else (威宁县 哲觉镇, 贵州威宁哲觉镇的): no job, no news."""
    employer = understanding.entities.employer
    if understanding.status is not None or (employer and not _inside_a_place(employer, understanding.text)):
        return False
    said = understanding.normalized
    rest = said[: mention.start] + said[mention.end :]
    return re.fullmatch(r"[\s,，。.的人俺我是家住在]*", rest) is not None


# Work wanted at once, said with the wish (想 越快越好, 随时都能去): the start is now.
_AT_ONCE = re.compile(r"越快越好|越早越好|随时(?:都)?(?:可以|能|行|中)|马上就?(?:能|可以)(?:去|走|上班|干)")
# Words that say a village is coming (村是马营村, 我家在马营村, 俺是马营村的): no part of its name.
_VILLAGE_LABEL = re.compile(r"(?:村子?(?:里|名)?|(?:我|俺)家?)(?:是|叫|在|住)(?=[\u4e00-\u9fff]{1,4}(?:村|社区))")
# A village said as a name after the place (石羊村五组), not 我们村 / 村里.
_VILLAGE = re.compile(
    r"(?<![^\s,，。县镇乡市区道])(?![我你他她俺咱这那本哪])[\u4e00-\u9fff]{1,4}(?:村|社区)"  # 新街社区: a town's
    r"(?:[一二三四五六七八九十\d]{1,3}(?:组|社|队))?(?!(?!的)[\u4e00-\u9fff])"  # 石羊村的: from there
)
# A village typed right after a township named without 镇/乡 (六都寨石门村), to the end of the message.
_GLUED_VILLAGE = re.compile(r"(?![我你他她俺咱这那本哪])[\u4e00-\u9fff]{1,4}(?:村|社区)"
                            r"(?:[一二三四五六七八九十\d]{1,3}(?:组|社|队))?(?:的|人)?")
_TOWNSHIP_CODE = 9


def township_then_village(said: str) -> tuple[nlu.Place, str] | None:
    """(六都寨镇, 石门村) for 隆回六都寨石门村: a township named without 镇/乡 and the village typed right after it, to
    the end of the message."""
    if "村" not in said and "社区" not in said:
        return None
    for mention in nlu.place_mentions(said):
        rest = said[mention.end:].strip(" ,，。.!！")
        if len(mention.place.code) == _TOWNSHIP_CODE and _GLUED_VILLAGE.fullmatch(rest):
            return mention.place, rest.removesuffix("的").removesuffix("人")
    return None


def _village_after_township(said: str) -> str | None:
    found = township_then_village(said)
    return found[1] if found is not None else None


# 石羊村, 新发村三组 typed alone: a village.
_VILLAGE_ALONE = re.compile(r"[\u4e00-\u9fff]{2,6}(?:村|[一二三四五六七八九十\d]+组)")
# 李湾, 王庄, 张家沟: a village named the way villages are (a surname or a word, then 湾, 庄, 沟 …), typed alone.
_VILLAGE_NAMED = re.compile(
    r"[\u4e00-\u9fff]{1,3}(?:湾|庄|沟|寨|屯|洼|坳|坡|塘|冲|坝|堡|岭|坪|峪|垸|圩|岔|坎|垭|湾子|庄子)")


def _the_home_itself(village: str, home: Any) -> bool:
    """麻阳高村 (我是麻阳高村的): the county and its township 高村镇, the home already, no village."""
    place = nlu.resolve_place(village)
    code = str((home or {}).get("code") or "") if isinstance(home, Mapping) else ""
    return place is not None and bool(code) and code.startswith(place.code) and len(place.code) >= 6


@short_memo
def village_alone(text: str) -> bool:
    """石羊村, 新发村三组, 李湾 typed alone: a village (held for the home question), not a township or county."""
    said = nlu.normalize(text).strip(" 。.!！~")
    if _VILLAGE_ALONE.fullmatch(said):
        return True
    return _VILLAGE_NAMED.fullmatch(said) is not None and nlu.resolve_place(said) is None and (
        nlu.find_name(f"{said} ") != said or said[-1] in "湾沟寨屯洼坳坡塘冲坝堡岭坪峪垸圩岔坎垭")


# Choice questions whose words are specific enough to be taken from a message about something else.
_CHOICES_IN_PASSING = ("employment_form", "service_needs", "preferred_scope")
# Arriving at the job (来的, 进的厂, 开始干的; not 回来了, which is coming home): a month said with it is when
# the job started.
_CAME = re.compile(r"(?<!回)来(?:的|了)|(?<![回出])去的|进(?:的|了|厂)|开始(?:干|做|上班)|干起")
# 学的数控, 会电焊, 学过厨师: a skill.
_SKILL = re.compile(r"(?:学的是?|学过|(?<![不没])会)([\u4e00-\u9fff]{2,6}?)(?:的|$|\s|,|，|。)")  # (不会电脑: none)


@copied_memo(form_text_key)
def _choices_in_passing(form: Form, text: str, current: str | None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    squashed = squash(text)
    for key in _CHOICES_IN_PASSING:
        f = form.field(key)
        if key == current or any(char.isdigit() for char in text):
            continue
        if key == "preferred_scope" and (scope := scope_of_areas(text)) is not None:
            found[key] = scope  # 县里市里都行 at another question: the wider of the two
            continue
        values = [value for value, said in passing(key).items() if any(w in squashed for w in said)]
        if values and (f.multi or len(values) == 1):
            found[key] = values if f.multi else values[0]
    return found


def prefill(
    form: Form, answers: Mapping[str, Any], understanding: Understanding, *, current: str | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Values for applicable fields that are still empty, from one message.

    `current` is the field the message answered: its own kind of entity was already used for it (a place
    given for the home division is not also the place of work).
    """
    proposals: dict[str, Any] = {}
    refinements: set[str] = set()  # answers already given that this message says more precisely
    news = status_from(understanding)
    status = answers.get("employment_status") or news
    if "employment_status" not in answers and news is None and current not in ("employment_status", None) and (
            cares_at_home(understanding.text)):
        news = status = "unable"  # 在家带娃 老公在广东打工 at the village question: she cares for the child at home
        if wants_work(understanding):
            news = status = "unemployed"  # 在家带娃 想在附近找点活 (at the ID question): looking, as at the status one
    if "employment_status" not in answers and news is not None:
        proposals["employment_status"] = news
    found = understanding.entities
    if found.id_number is not None:
        proposals["id_number"] = found.id_number
    if found.phone is not None and current not in PHONE_FIELDS:
        proposals["phone"] = found.phone
    if current != "name" and "name" not in answers and (name := nlu.find_name(understanding.text)):
        proposals["name"] = name
    home, work = _places(understanding, current, answers)
    if home is None and "home_division" not in answers and found.id_number is not None and current not in (
            PLACE_FIELDS):
        home = _home_beside_id(understanding, found.id_number)  # 41032519… 我是城关镇李家村的: 嵩县's 城关镇
    if home is not None and current not in PLACE_FIELDS:
        proposals["home_division"] = home
    # 四川叙永 水潭村三社 at the home question: the village (and group) too.
    home_told = (current == "home_division" and "home_division" in answers) or "home_division" in proposals
    # 不知道 石羊村的 at the household number, the question before the home: the village is the home's too (a
    # message naming the home as well is taken with it, dialogs/flows/survey/answering.py).
    home_told |= current == "household_id" and "home_village" not in answers and home is None and (
        not nlu.place_mentions(understanding.text))
    # 32… 我是城关镇李家村的 at the ID question, the township not found: the village is the home's all the same.
    home_told |= found.id_number is not None and "home_village" not in answers and current not in PLACE_FIELDS
    # 刘寨村三组 typed alone at another question (the ID, the willingness) once the home is known: its village.
    home_told |= "home_division" in answers and "home_village" not in answers and current not in (
        _TEXT_ANSWERS | PLACE_FIELDS) and village_alone(understanding.normalized)
    # 15937612345 村是马营村 at the phone question (the home said just before): the village beside the number.
    home_told |= found.phone is not None and "home_division" in answers and "home_village" not in answers and (
        current not in PLACE_FIELDS)
    if home_told and (village := _VILLAGE.search(_VILLAGE_LABEL.sub(" ", understanding.normalized))) and (
            not _the_home_itself(village.group(0), proposals.get("home_division") or answers.get("home_division"))):
        proposals["home_village"] = village.group(0)
    elif home_told and len(parts := understanding.normalized.split()) > 1 and village_alone(parts[-1]):
        proposals["home_village"] = parts[-1]  # 商城县 双椿铺镇 李湾: the village (李湾 needs no 村)
    elif home_told and (glued := _village_after_township(understanding.normalized)) is not None:
        proposals["home_village"] = glued  # 隆回六都寨石门村: the village typed right after the township (it was lost)
    if status == "employed":
        if work is not None and current != "work_division":
            proposals["work_division"] = work
        elif current not in PLACE_FIELDS | _TEXT_ANSWERS:
            local = local_place(understanding.text, {**answers, **proposals})
            if local is None and works_at_home(understanding.text):
                # 在家给人放羊: work at home; the home's township is where (it asked "您在哪里工作?").
                local = local_place("本村", {**answers, **proposals})
                if local is not None and isinstance(village := answers.get("home_village"), str) and (
                        "work_place" not in answers):
                    proposals["work_place"] = village
            if local is not None:
                proposals["work_division"] = local
        if found.employer is not None:
            # 在毕节一个砖厂干活 老板姓李: 李老板的砖厂 (the boss was dropped).
            proposals["employer"] = with_boss(found.employer, boss_beside(understanding.text))
            known = answers.get("employer")
            if isinstance(known, str) and known != found.employer and found.employer.endswith(known):
                refinements.add("employer")  # 电子厂 recorded, 宏达电子厂 told: the same employer, named
            elif isinstance(known, str) and _kind_of_workplace(known) and _NAMED_AS.search(understanding.text) and (
                    _BARE_NAME.fullmatch(found.employer)):
                # 电子厂 recorded, 厂名叫宏达 told: 宏达电子厂 (it was 宏达 alone, the kind of place lost)
                proposals["employer"] = found.employer + known
                refinements.add("employer")
            elif isinstance(known, str) and current == "work_place" and _kind_of_workplace(known) and (
                    found.employer in understanding.text and not _kind_of_workplace(found.employer)):
                refinements.add("employer")  # 电子厂 recorded, 富士康 said at the address: its name
        if current not in INCOME_FIELDS:
            pay = nlu.parse_daily_pay(understanding.text)
            monthly = found.salary or (pay.monthly if pay else None)
            if monthly is not None:
                proposals["monthly_income"] = monthly
        if current not in _TEXT_ANSWERS and (job := nlu.find_job_type(understanding.text)):
            proposals["job_type"] = job_title(job)
        elif current in ("work_place", "employer") and (job := _job_beside(understanding)):
            proposals["job_type"] = job_title(job)  # 在一个饰品厂 做流水线: the job, said with the employer
        elif current in ("employment_status", "work_place", "employer") and cooks(understanding.text):
            proposals["job_type"] = "厨师"  # 在饭店做饭: a cook (only the restaurant was taken)
        if current in ("employment_status", "work_place", "employer", "employer_contact"):
            beside = facts_beside(understanding.text)  # 富士康 普工 4500: the job and the pay in parts of their own
            if beside.job is not None:
                proposals.setdefault("job_type", beside.job)
            if beside.monthly is not None:
                proposals.setdefault("monthly_income", beside.monthly)
            if beside.taken and current != "employer" and BOSS.fullmatch(beside.rest):
                proposals.setdefault("employer", beside.rest)  # 张老板 干装修的 一天两百: whom they work for
        # A month in "去年三月进的厂" is when the job started; in "三月份厂子倒闭了" it is not.
        came = _CAME.search(understanding.normalized) is not None  # 去年过完年来的: when this job began
        if current not in MONTH_FIELDS and (news in ("employed", "changed_job") or came):
            # 上礼拜刚换到隔壁模具厂: days count when a job's start is told.
            started = nlu.parse_month(understanding.text, today, "past") if today else found.date
            if started is None and today is not None and news in ("employed", "changed_job"):
                started = lasted_since(understanding.text, today)  # 在酒店做保洁 干了两年多了
            if started is not None:
                proposals["started"] = started
    elif status == "unemployed":
        # (read once: asked four times below; 啥都干得 says the wish as plainly as 想找活)
        # (not at the looking questions with answers of their own: 啥都行 at the scope is anywhere)
        anything = current not in _OWN_ANSWERS_FOR_ANYTHING and any_work_wished(understanding.text)
        wishes = wants_work(understanding) or anything or going_to(understanding, work)
        if found.salary is not None and current not in INCOME_FIELDS:
            proposals["expected_income"] = found.salary
        if wishes:  # 过完年想出去找活: willing
            proposals["willing_to_work"] = "yes"
        if wishes or current == "willing_to_work":  # … and from when (想 过完年再出去)
            month = nlu.parse_month(understanding.text, today, "future") if today else None
            if month is None and today is not None and _AT_ONCE.search(understanding.normalized):
                month = f"{today:%Y-%m}"  # 想 越快越好: from now
            if month is not None and current not in MONTH_FIELDS:
                proposals["available_from"] = month
        if current != "skills" and any(word in understanding.normalized for word in words_of("no_skills")):
            proposals["skills"] = None  # 啥也不会 就会干点力气活: no trade (the work wanted is 普工、搬运工)
        elif current != "skills" and (skill := _SKILL.search(understanding.normalized)):
            proposals["skills"] = skill.group(1)
        # 看大门 保安都行 from someone who wants work is the work wanted, never a job held.
        wanting = wishes or answers.get("willing_to_work") in ("yes", "later")
        if wanting and anything:
            proposals["desired_jobs"] = value_of("any_work", "recorded")  # 想 啥都干得 会砌砖 (it was 砌砖)
        elif wanting and current not in ("skills", "desired_jobs") and (jobs := wanted_jobs(understanding.text)):
            if current == "service_needs":  # 洗碗 打扫卫生都可以 超市也行 answers it: read as the work wanted
                jobs = jobs_wanted(understanding.text) or jobs  # (洗碗 alone was kept)
            proposals["desired_jobs"] = jobs
        wished_place = wishes and not nlu.tells_past_work(understanding.text)
        if wished_place and work is not None and current not in PLACE_FIELDS:
            scope = _scope_of(work, answers.get("home_division"))  # 想去浙江那边进厂, from 贵州: 外省
            if scope is not None:
                proposals["preferred_scope"] = scope
            # 想去深圳进厂: the place wished, kept with the work wished (the scope says only 外省; 深圳 was lost)
            wished = proposals.get("desired_jobs") or next(
                (word for word in words_of("wished_workplaces") if word in understanding.normalized), None)
            if wished and current not in ("desired_jobs", "skills") and "desired_jobs" not in answers and (
                    not anything) and _PLACES_AS_CHOICE.search(understanding.normalized) is None and len(
                    {m.place.code for m in nlu.place_mentions(understanding.text)}) == 1:
                # (one place: 昆明贵阳都行 is a scope, kept as such)
                proposals["desired_jobs"] = f"{wished} ({_PROVINCE_HEAD.sub('', str(work.get('name') or ''))})"
    if status is not None and current not in _TEXT_ANSWERS:
        proposals |= _choices_in_passing(form, understanding.text, current)
    elif status is not None and current in ("employer", "work_place") and (
            said := _choices_in_passing(form, understanding.text, current).get("employment_form")) is not None:
        proposals["employment_form"] = said  # 扶贫车间 as the employer: the way of working too (it was asked after)
    if status == "unemployed" and wants_training(understanding):  # 想学个电焊 at 您想出去工作吗: and training
        order = [c.value for c in form.field("service_needs").choices]
        wanted = {*proposals.get("service_needs", []), "training"}
        if _FIND_WORK.search(understanding.normalized):
            wanted.add("job_referral")  # 想学个家政 在县城找个活: a course and a job (the job was dropped)
        proposals["service_needs"] = sorted(wanted, key=order.index)
    # A township of the home county told about the job (金钟镇的 华联超市 at the work address) is where the work
    # is, said more precisely; told anywhere else it is the home.
    about_work = status == "employed" and (current in JOB_FIELDS or news in ("employed", "changed_job"))
    place_key = "work_division" if about_work else "home_division"
    refined = _refined(understanding, answers, place_key)
    if refined is not None:
        proposals[place_key] = refined
        refinements.add(place_key)
    merged = {**answers, **proposals}
    return {
        key: value for key, value in proposals.items()
        if key != current and (key not in answers or key in refinements) and form.field(key).applies(merged)
    }


# Places said as a choice (昆明贵阳都行, 深圳或者东莞): no one place wished.
_PLACES_AS_CHOICE = re.compile(r"都(?:行|可以|中|成|得)|或者|哪里|哪儿|随便")
# A province at the head of a place's name (广东省深圳市 -> 深圳市), when the rest names the place.
_PROVINCE_HEAD = re.compile(r"^.+?(?:省|自治区)(?=.)")


def _scope_of(place: Mapping[str, Any], home: Any) -> str | None:
    """The work scope a place wished for means, seen from the home division (None when the home is unknown)."""
    code = str(place.get("code") or "")
    home_code = str(home.get("code") or "") if isinstance(home, Mapping) else ""
    if len(home_code) < 6 or len(code) < 2:
        return None
    if code[:2] != home_code[:2]:
        return "other_provinces"
    return "home_county" if code.startswith(home_code[:6]) else "home_province"


def _refined(understanding: Understanding, answers: Mapping[str, Any], key: str) -> Any:
    """A township inside the recorded county (纳雍县猪场乡新华村): that division, said more precisely."""
    home = answers.get(key)
    if not isinstance(home, Mapping):
        return None
    if len(str(home.get("code") or "")) != 6:
        return None
    inside = nlu.places_within(understanding.text, str(home["code"]))
    deeper = [place for place in inside if len(place.code) > 6]
    return place_value(deeper[0]) if deeper else None


# Words without which no message wishes for work (想, 要, 找, 活, 工作, 干, 做): a cheap test before the reading.
_WISH_WORDS = re.compile(r"[想要找活干做]|工作|打工|上班|进厂|work|job", re.IGNORECASE)


def hold_wish(fs: dict[str, Any], understanding: Understanding, today: date) -> str | None:
    """我想找个保安的活 at the notice (or with the name): the work wished for (and where, and when), held for the
    questions of someone looking for work (it was asked again after consent as if never said); nothing if they turn
    out to be working. The work wished, if one was named."""
    if not _WISH_WORDS.search(understanding.normalized):
        return None  # (most messages at the notice wish for nothing: no look-ups for them)
    kept = _wish_of(understanding.text, today)
    if kept:
        fs["held"] = {**(fs.get("held") or {}), **kept}
    job = kept.get("desired_jobs")
    return job if isinstance(job, str) else None


def _wish_key(text: str, today: date) -> Hashable | None:
    return (text, today) if may_keep(text) else None


@copied_memo(_wish_key)
def _wish_of(text: str, today: date) -> dict[str, Any]:
    """What hold_wish holds for a message (the same wish said at every message of the notice is read once), kept
    under the memos' rule (a wish said with a phone or an ID number, before consent, is not kept in memory)."""
    understanding = nlu.understand(text, today)
    if nlu.about_someone_else(text):
        return {}
    if not wants_work(understanding):
        # 我想找个保安的活 介绍工作 要钱不 (a question beside it): the parts that wish for work.
        parts = text.split()
        wishes = [part for part in parts if _WISH_WORDS.search(part) and wants_work(nlu.understand(part, today))] if (
            len(parts) > 1) else []
        if not wishes:
            return {}
        understanding = nlu.understand(" ".join(wishes), today)
    fills = prefill(SURVEY_FORM, {"employment_status": "unemployed"}, understanding, current=None, today=today)
    return {key: fills[key] for key in ("willing_to_work", "desired_jobs", "preferred_scope", "available_from")
            if key in fills}
