"""Answers to the survey's questions, read as people type them: the order in which a message is taken
(follow-up, correction, don't-know, status news, question, the answer itself) and what is done with it.

SurveyFlow (flow.py) inherits this; the summary and corrections are in changing.py (inherited here), which
declares the steps of the flow relied on.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from dialogs import forms, nlu, policy
from dialogs.caseworker_reply import asks_about_own_push
from dialogs.flows.survey import fields, replies
from dialogs.flows.survey.asked_back import IDENTITY_FIELDS, asked_back
from dialogs.flows.survey.beside import facts_beside
from dialogs.flows.survey.changing import SURE_WISH, Changing
from dialogs.flows.survey.corrections import Correction, find_correction
from dialogs.flows.survey.fields import (
    ABOUT_JOBS,
    ASK_DAYS,
    ASK_MONTH,
    ASK_SIDE_JOB,
    CHANGED_MIND,
    CONFIRM,
    FIELD_KEYS,
    FREE_TEXT_FIELDS,
    HOUSEHOLD_NUMBER_UNKNOWN,
    ID_PROBLEMS,
    ID_SHAPED,
    INCOME_FIELDS,
    JOB_FIELDS,
    MAX_INCOME,
    MIN_INCOME,
    MONTH_FIELDS,
    NOT_ASKED_AGAIN,
    SIBLING_NAME,
    SURVEY_FORM,
    YES_NO_FIELDS,
    address_unknown_said,
    any_work_wished,
    bare_site,
    boss_beside,
    boss_named,
    day_rate_high,
    described_employer,
    employer_unnamed,
    english_work,
    only_places,
    parse_name,
    partial_insurance,
    place_value,
    said_already,
    with_boss,
    works_away,
    year_alone,
)
from dialogs.flows.survey.late import clean_skills, earlier_answer, later_answer, only_skills, skills_in
from dialogs.flows.survey.news import LOOKING, news_for_form
from dialogs.flows.survey.prefill import (
    hold_wish,
    place_wished,
    prefill,
    status_from,
    village_alone,
    wants_work,
    wished_jobs,
)
from dialogs.flows.survey.scopes import scope_of_areas, scope_of_numbers
from dialogs.flows.survey.several import about_another, answers_in_a_row
from dialogs.flows.survey.towns import (
    TownNotFound,
    after_home_township,
    counties_of_former,
    town_not_found,
    township_by_stem,
    township_said,
)
from dialogs.flows.survey.vocabulary import (
    PARTS,
    asks_for_jobs,
    asks_to_fix_record,
    caring_work,
    correction_cue,
    declines,
    english_month,
    english_year_alone,
    field_name_pattern,
    field_of_name,
    health_limit,
    id_card_not_at_hand,
    id_card_not_with_me,
    id_put_off,
    job_subjects,
    synonyms,
    value_of,
    words_of,
    work_conditions,
    work_itself,
)
from dialogs.forms import FormField, Invalid
from dialogs.i18n import catalog
from dialogs.nlu.insurance import self_paid_insurance, self_paid_only
from dialogs.types import JsonDict, Outbound, StepContext, StepResult

log = logging.getLogger(__name__)

# The days of a day rate not known (不一定, 看活多活少): the month counted at this many days, said back to correct.
USUAL_DAYS = 20
DAYS_AGAIN = "survey.income.ask_days_again"
NAME_AS_CALLED = "survey.name.as_called"
DAYS_ESTIMATED = "survey.income.days_estimated"
_DAYS_UNSURE = re.compile(r"不一定|说不准|说不好|不固定|看活|看情况|有活就干|没准|不好说|不好讲|看天气|时多时少"
                          r"|有时候多")
# After this many wrong answers in a row, mention the way out (a caseworker; 不知道 where the field allows it).
STUCK_AFTER = 3
# Questions about an employer's side of the job, moot for someone working on their own account.
_OWN_ACCOUNT_FIELDS = frozenset({"wages_on_time", "contract_signed"})
# Free-text questions not about the work itself (made once here: it was a set difference at every answer).
_FREE_NOT_ABOUT_JOBS = FREE_TEXT_FIELDS - ABOUT_JOBS
# Work found, told while the questions about the work wanted are asked (找到活就去 is a plan).
_FOUND_WORK = re.compile(
    r"(?<!没)(?:找到|找着)[^\s,，。]{0,10}?(?:活|工作|事做|班)(?!\s*(?:就|再|才|的话))|上班了|上岗了"
)
LOOKING_FIELDS = frozenset({"willing_to_work", "service_needs", "preferred_scope", "desired_jobs", "skills",
                            "expected_income", "available_from"})
# At a question picked from the summary to change: keep the answer as it is (the summary's 0 and its words).
def with_conditions(wished: Any, conditions: list[str]) -> str:
    """The work wished for with what it must allow: 保洁 (只能干半天、要能接送娃), or the conditions alone."""
    said = "、".join(conditions)
    return f"{wished} ({said})" if wished else said


def _without_conditions(wished: Any) -> str | None:
    return re.sub(r"\s*\([^()]*\)$", "", str(wished)) or None if wished else None


# Whom one works for, with no firm's name (跟着老乡干, 没单位, 给私人老板干): an employer answer, not an address.
_WHOM_FOR = re.compile(
    r"跟着?[^\s，,。]{1,4}?(?:干|做|跑)|没有?(?:单位|公司|厂)|(?:私人|个人)老板|给[^\s，,。]{1,4}?老板(?:干|做)"
)
# Questions before the pay at which a day's pay told ahead (一天一百二) makes the pay question ask the days.
_PAY_AHEAD = frozenset({"employment_status", "work_division", "work_place", "employer", "employer_contact", "job_type",
                        "started"})
# 0, 00, 000: no household number (no number is all zeros).
_ZEROS = re.compile(r"[0〇零]+")
_UNCHANGED = "survey.unchanged"
_CONFIRM_ONLY = "survey.change_confirm"
_SUMMARY_SHOWN = frozenset({SURVEY_FORM.summary, SURVEY_FORM.summary_changed})
_KEEP_WORDS = frozenset({"0", "零", "不改", "不用改", "没变", "不变", "对的", "没错", "确认", "算了"})
# Agreement (中, 行) at such a question keeps the answer too, where it is not itself an option (yes/no).
_AGREE_WORDS = frozenset({"中", "行", "好", "好的", "可以", "没问题", "嗯", "嗯嗯", "ok", "OK"})
# Questions a yes answers (a thumbs-up face included).
_YES_NO_QUESTIONS = YES_NO_FIELDS | {"willing_to_work"}
# 啥意思, 这是啥意思啊: a plea to have the question explained, never an answer (a name, a village).
_SHORT_HELP = 8


def _picks_a_choice(f: FormField, text: str, ctx: StepContext) -> bool:
    """在上班 at the status question is the answer 在工作, not "busy at work, later"."""
    if not f.choices:
        return False
    value = forms.parse_answer(f, text, ctx)
    return value is not None and not isinstance(value, Invalid)


_WISH_AFTER_NEWS = re.compile(r"了((?:想|要|打算|准备)\S+)$")


def _own_parts(text: str) -> str | None:
    """娃他爹在广东打工 俺在家种地: the parts about the speaker, when other parts are someone else's news; None when
    no part is, or every part is."""
    parts = nlu.as_typed(text).split()
    own = []
    for part in parts:
        if not nlu.about_someone_else(part):
            own.append(part)
        elif wish := _WISH_AFTER_NEWS.search(part):
            own.append(wish.group(1))  # 娃上学了想找点活: the child's news, then the speaker's own wish
    return " ".join(own) if own and len(own) < len(parts) else None


# What a complaint part of a long message is about: the contract, the insurance, the wages.
_COMPLAINT = re.compile(r"合同|社保|保险|五险|工资|工钱|欠|拖")


def _beside_the_complaint(understanding: nlu.Understanding, ctx: StepContext) -> nlu.Understanding | None:
    """What a long message says besides its complaints (合同没签, 社保没有, 工资年底结), read on its own; None
    when every part is a complaint or none is."""
    parts = [p for p in nlu.as_typed(understanding.text).split() if p]
    rest = [p for p in parts if not _COMPLAINT.search(p) and nlu.understand(p, ctx.today).intent != "rights_issue"]
    if not rest or len(rest) == len(parts):
        return None
    return nlu.understand(" ".join(rest), ctx.today)


def _part_says_none(text: str) -> bool:
    """户号没有 麻阳县…, 没有 俺是…: one part of the message says there is none (the field named or not)."""
    for part in nlu.as_typed(text).split():
        bare = field_name_pattern().sub("", part)
        if bare and (nlu.is_none(bare) or nlu.is_dont_know(bare)):
            return True
    return False


# Words that say one's own name is being given (我叫, 名字, 身份证上叫, 大名): 我是包工头 and 公司 叫盛安保安 name
# nobody.
_NAMING = re.compile(r"(?:我|俺|咱|本人)(?:的)?(?:名字|姓名)?叫|名字|姓名|大名|真名|学名|身份证上(?:的名字)?(?:叫|是)")
# Signing said (签了, 没签, 都签了, 签过的), group 1 the no; a particle may end it.
_SIGNING = r"(?:都)?(没有?|还没有?|未)?签(?:了|过|好了|的)?"
_PARTICLE = r"(?:的|啊|呀|嘞|哦|呢)?"
# Signing said and nothing else: which paper is not said.
_SIGNED_ONLY = re.compile(_SIGNING + _PARTICLE)
# The job's questions before the contract's, where a signing said alone can mean no other paper (not the way of working:
# a deal with an agency is signed too).
# 年底一起结, 过年才给, 压着: pay held back, not a first pay day still to come.
_HELD_TO_YEAR_END = re.compile(r"年底|年终|过年|年前|拖|欠|压")
# 电话没有, 不知道他电话: said beside whom they work for, at the question of his phone.
_NO_PHONE_BESIDE = re.compile(r"(?:电话|号码|手机)(?:号码?)?(?:也)?(?:没有|没得|不知道|不晓得|忘了|记不得|记不住)"
                              r"|(?:没有|没得|不知道|不晓得|忘了)(?:他|她|老板|包工头)?的?(?:电话|号码|手机)")
_BEFORE_CONTRACT = frozenset({"work_division", "work_place", "employer", "employer_contact", "job_type", "started",
                              "monthly_income"})
# The questions of the job asked before the contract, insurance and wages questions, and those questions' subjects
# (合同, 社保, 工钱 …), each part of a message naming one of them answering it ahead (_job_terms_ahead).
_BEFORE_TERMS = _BEFORE_CONTRACT | {"employment_form"}
_TERM_SUBJECTS = job_subjects()
_TERM_PARTS = re.compile(r"[\s,，、;；。!！]+")
# 没签, 合同没签, 没签合同 where no other paper can be meant (the pay question): the contract's answer.
_CONTRACT_ALONE = re.compile(r"(?:劳动)?(?:合同)?\s*" + _SIGNING + r"(?:劳动)?(?:合同)?" + _PARTICLE)

# 没有户号, 户号不知道: the household number (建档立卡户编号) said to be none or not known beside another answer.
_NO_HOUSEHOLD = re.compile(
    r"(?P<none>没有|没得|没)(?:建档立卡)?(?:户编号|户号|户口编号)|(?:户编号|户号)(?:(?P<none_after>没有|没得|也没有)|不知道|不晓得|忘了|记不得)"
)
# 想学电工, 要去学开挖机: a trade to learn (training), said at the work-wanted question.
_TO_LEARN = re.compile(r"(?:想|要|打算|准备)(?:去|再)?学")
# 不会, 都不会, 我啥也不会 alone at the skills question: no skill (不会 was stored as one).
# 不会啥, 不会啥技术, 没啥手艺: the same, the nothing said after the verb.
_NO_SKILL = re.compile(r"(?:我|俺)?(?:啥|什么|么子|啥子)?(?:都|也)?(?:不会|没)(?:啥|什么|么子|啥子)?"
                       r"(?:技术|手艺|技能|本事)?(?:啊|呀|的|哦|嘞)?")


def _beside_no_skill(text: str) -> str | None:
    """就会做饭 of 不会啥 就会做饭 / 没啥技术 会开车: the parts left when some say "no skill" and the others name
    trades (没啥手艺 就是力气大 names none: no skill, as before)."""
    parts = [p for p in PARTS.split(nlu.as_typed(text)) if p]
    rest = " ".join(p for p in parts if _NO_SKILL.fullmatch(forms.squash(p)) is None)
    return rest if rest and len(rest) < len(" ".join(parts)) and clean_skills(rest) is not None else None


# A township's code has nine digits; what may stand beside a township said alone (在长安镇, 长安镇那边).
_TOWNSHIP = 9
# 电子厂, 一个厂, 工地: a kind of workplace with no name (the name may come with the address: 吴中区 名硕).
_BARE_WORKPLACE = re.compile(r"(?:一个|一家|个|家)?(?P<kind>(?:电子|服装|制衣|鞋|玩具|家具|食品|塑料|五金|纺织"
                             r"|印刷|包装|机械|汽配)?(?:厂|工厂|公司))")
_SHORT_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_NAME_FILLER = re.compile(r"^(?:那边|这边|那里|的)|(?:那个|那家|的)$")
_NOT_A_NAME = re.compile(r"[不没忘记啥么哪吗呢吧啊嘛]")  # (吴中区 不知道, 吴中区 记不得了)
_ADDRESS_WORD = re.compile(r"[路街号村镇乡区县市楼栋园旁边附近里面对面]|那边|这边|工业")
_PLACE_ONLY = re.compile(r"(?:在|就在|是)?(?:镇|乡|街道)?(?:那边|这边|那块|这块|那一块|那一带|一带|那里|这里|上|里)?"
                         r"(?:的|啊|呀|吧)?")


# 马场那边, 在马场这块: a township said short and placed, nothing else (the stem in group 1).
_SHORT_TOWN = re.compile(r"(?:在|就在|是)?([\u4e00-\u9fff]{2,4}?)(?:那边|这边|那块|这块|那一块|那一带|一带)"
                         r"(?:的|啊|吧)?")
_TOWNS_NAMED = 4
WHICH_TOWN = "survey.place.which_town"


def _town_stem(name: str) -> str:
    """长安镇 -> 长安, 赤城街道 -> 赤城: a township as said without its suffix."""
    return re.sub(r"(?<=..)(?:街道|镇|乡|区|县)$", "", name)


_UNKNOWN_EMPLOYER = "survey.employer.dont_know"
# 就用这个号, 本机: the number a message came from, said in a message about more (SMS).
_THIS_NUMBER = re.compile(r"(?:这个|本|现在这个|发短信的这?个?)(?:手机)?(?:号码?|电话)|本机")
# 二十来天吧, 一个月干二十五天左右: the days worked a month, said alone.
_DAYS_ONLY = re.compile(
    r"(?:一个?月|每个?月)?(?:干|做|上|有)?(?:个|了)?[\d一二两三四五六七八九十]{1,3}(?:来|多|几)?天(?:左右|上下|的样子)?"
    r"(?:吧|啊|呀|嘛|的|哦)?"
)
# A run of digits longer than a phone's: an ID number typed wrong, not a phone.
_LONG_DIGITS = re.compile(r"[0-9Xx]{12,}")


def _digits_only(text: str) -> str:
    return re.sub(r"[\s-]", "", nlu.normalize(text))


# 签了 / 没签合同 beside the way of working (签了 在外面打工): the contract's answer, group 1 the no.
_SIGNED_PART = re.compile(r"(?:^|\s)" + _SIGNING + "(?:合同)?" + _PARTICLE + r"(?:\s|$)")


def _signed_beside(text: str) -> str | None:
    """Whether a part of the message says a contract was signed (yes / no), none when no part does."""
    found = _SIGNED_PART.search(nlu.normalize(text).strip(" 。.!！~"))
    if found is None:
        return None
    return "no" if found.group(1) else "yes"



# A no beside words of paying one's own insurance (自己没交, 老家的也没交).
_NOT_PAID = re.compile(r"没|不|未|停")
# What may stand around words of working for oneself and leave them the whole message (自己干的 没有老板).
_AROUND_OWN = re.compile(r"[\s,，。.!！~的了啊呀吧嘛呢就是我俺都也]*")


# Working under a gang boss or a team leader (包工头带着干, 跟着工头干, 跟老乡干): hired, paid by the day or the job.
_UNDER_A_GANG_BOSS = re.compile(r"包工头|工头|包头|带班|班组|跟着?(?:老乡|亲戚|师傅|老板|别人)(?:一起)?(?:干|做|打工)")
# Answers said back with what the same message told beside them (the home's village, the skill beside the work wanted).
# (and the name: 刘浩 商城的 在郑州跑外卖 said back the rest alone, a name misread among more words unseen)
# (and the village: 高村镇 石羊村 at the village question said back the township alone)
# A run of digits as long as an ID number give or take two (a phone has 11): an ID number typed short or long.
_ID_LENGTH_WRONG = re.compile(r"(?<![\dXx])(?:\d{15,17}|\d{19,20}|\d{14,16}[Xx]|\d{18,19}[Xx])(?![\dXx])")


# 还要填多久, 还有几个问题, 还有多少, 啥时候填完, 快完了没: how long the form still takes.
_HOW_LONG = re.compile(
    r"(?:还要|要)(?:填|问|弄|搞)?多久|还有(?:几|多少)(?:个|项|道)?(?:问题|题|项)?(?:啊|呀|呢|要填|没)?$|"
    r"(?:啥|什么)时候(?:填|问|弄)?(?:完|好)|快(?:完|好)了(?:没|吗|么)|还有多少要填|多少个问题")
_HOW_LONG_MOST = 20
WHICH_TO_CORRECT = "survey.which_to_correct"


def _questions_left(answers: Mapping[str, Any]) -> tuple[int, int]:
    """The questions still to ask, fewest and most: with the status not yet told, those of someone working and of
    someone looking for work, the status question with them (it counted the longest branch alone: 16 at the ID
    question, where it can be 12). (Those who cannot work now have fewer still; that is a pleasant surprise.)"""
    if "employment_status" in answers:
        left = sum(1 for g in SURVEY_FORM.fields if g.key not in answers and g.applies(answers))
        return left, left
    counts = [1 + sum(1 for g in SURVEY_FORM.fields if g.key not in case and g.applies(case)) for case in (
        {**answers, "employment_status": status, "willing_to_work": "yes"} for status in ("employed", "unemployed"))]
    return min(counts), max(counts)


def _how_long(answers: Mapping[str, Any]) -> Outbound:
    """还要填多久: the questions left as a number, 十几个 when it depends on the status and is between 10 and 19, or
    from-to."""
    fewest, most = _questions_left(answers)
    if fewest == most:
        return Outbound(key="survey.how_long", params={"left": max(most, 1)})
    if 10 <= fewest and most < 20:
        return Outbound(key="survey.how_long_teens")
    return Outbound(key="survey.how_long_range", params={"fewest": fewest, "most": most})


def _looking_not_working(f: FormField, text: str, understanding: nlu.Understanding) -> bool:
    """现在没活 想出去打工 at the status question: no work now and a wish for it, though its words (打工) read as the
    choice 在工作."""
    no_work_now = status_from(understanding) == "unemployed" or understanding.intent == "job_lost" or (
        nlu.says_no_job(text)) or _wish_alone(text, understanding)
    return no_work_now and forms.parse_choice(f, text) == "employed" and wants_work(understanding) and (
        not nlu.is_question(text))


# 想去 / 我想 / 俺想 at the start: the message opens with a wish (想去钢筋工地干活), not with work being done.
_OPENS_WITH_A_WISH = re.compile(r"(?:我|俺|咱)?(?:就|还|是)?(?:想|要|打算|准备)(?:去|到|找|干|做|出去|学)")


def _wish_alone(text: str, understanding: nlu.Understanding) -> bool:
    """想去钢筋工地干活 at the status question: only a wish for work, no work told (it was read as 在工作 and
    asked where they work)."""
    return understanding.intent == "seek_job" and understanding.confidence >= SURE_WISH and (
        understanding.status is None) and _OPENS_WITH_A_WISH.match(forms.squash(text)) is not None


def _town_missed(missed: TownNotFound, asking: bool) -> Outbound:
    """The township said that the county does not have: not found, and the nearest names when the village is asked
    next (else it is changed at the summary); one abolished (隆回桃洪镇) is said to be now the divisions that
    replaced it (it began "没找到隆回县的「桃洪镇」")."""
    params = {"county": missed.county, "town": missed.town, "nearest": "、".join(missed.nearest)}
    if missed.former:
        return Outbound(key="survey.place.town_renamed" if asking else "survey.place.town_renamed_later",
                        params=params)
    key = ("survey.place.town_not_found" if missed.nearest else "survey.place.town_not_found_plain") if asking else (
        "survey.place.town_not_found_later")
    return Outbound(key=key, params=params)


def _township_in_id_county(text: str, answers: Mapping[str, Any]) -> str | None:
    """The text with a township that several counties have (草海镇) named by its full name, when exactly one of
    them lies in the county of the ID number's first six digits; None when the place is found as said, or not so."""
    id_number = answers.get("id_number")
    township = "镇" in text or "乡" in text or "街道" in text
    if not isinstance(id_number, str) or len(id_number) != 18 or not township or nlu.resolve_place(text) is not None:
        return None
    inside = {place.code: place for place in nlu.places_within(text, id_number[:6])}
    if len(inside) != 1:
        return None
    place = next(iter(inside.values()))
    short = place.name if place.name in text else None
    return text.replace(short, place_value(place)["name"], 1) if short else None


WHICH_COUNTY = "survey.place.which_county"
# 城关镇, 我家是城关镇的, 老家在石门镇: a township named alone, with its suffix (group 1).
_TOWN_ALONE = re.compile(r"(?:我|俺)?(?:家|老家)?(?:在|是)?([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))(?:的|人|的人|那边)?")


def _home_towns(text: str, answers: Mapping[str, Any]) -> tuple[str, list[nlu.Place]] | None:
    """A township named alone that several counties have: its name and the ones in the ID number's county, else
    city, else province, else all of them; None when it is said with more, or one county or none has it."""
    said = _TOWN_ALONE.fullmatch(forms.squash(nlu.normalize(text)))
    if said is None:
        return None
    towns = nlu.townships_named(said.group(1))
    if not towns and len(former := counties_of_former(said.group(1))) == 1 and (
            county := nlu.place_by_code(former[0])) is not None:
        return said.group(1), [county]  # 桃洪镇 (abolished, 隆回县's): its county, the township said with it
    if len(towns) < 2:
        return None
    id_number = answers.get("id_number")
    if isinstance(id_number, str) and len(id_number) == 18:
        for size in (6, 4, 2):
            if inside := [t for t in towns if t.code.startswith(id_number[:size])]:
                return said.group(1), inside
    return said.group(1), towns


def _home_town_in(name: str, text: str) -> str | None:
    """The full name of the township `name` in the county (or city) the answer names, when it has exactly one."""
    place = nlu.resolve_place(text)
    if place is None or len(place.code) not in (4, 6):
        return None
    inside = [t for t in nlu.townships_named(name) if t.code.startswith(place.code)]
    return str(place_value(inside[0])["name"]) if len(inside) == 1 else None


def _county_and_town(town: nlu.Place) -> str:
    """麻阳苗族自治县高村镇: a township with its county, as the question lists them."""
    path = nlu.place_path(town.code)
    return f"{path[-2].name if len(path) > 1 else ''}{town.name}"


_SAID_WITH_MORE = frozenset({"name", "home_division", "home_village", "desired_jobs"})


def _without_township(village: str, answers: dict[str, Any]) -> str:
    """The village as said with its township in front (赤城街道 李湾): the township is the home's, not the village's."""
    home = str((answers.get("home_division") or {}).get("code") or "")
    if len(home) < 6:
        return village
    rest = village
    for place in nlu.places_within(village, home[:6]):
        rest = rest.replace(place.name, " ")
    rest = rest.strip(" ,，、")
    if rest == village.strip(" ,，、") and (short := after_home_township(village, answers.get("home_division"))):
        return short  # 石门 年丰村, 石门乡 on record: 年丰村 (it was kept whole)
    return rest if rest else village


def works_for_self_only(text: str) -> bool:
    """自己干的 没有老板, 没老板 自己干: nobody employs them, and the message says nothing else (自己家的 没老板
    names the family's own business: the employer as said)."""
    said = nlu.normalize(text)
    words = sorted(words_of("works_for_self"), key=len, reverse=True)
    if not any(word in said for word in words):
        return False
    for word in words:
        said = said.replace(word, " ")
    return _AROUND_OWN.fullmatch(said) is not None


# "What I said before" (就是刚才说的那些, 同上, 跟上面一样): the answer just given, meant again.
# Questions about the job held, whose free-text answer a wish for other work is not (想回家附近做 at the address).
_OF_THE_JOB_HELD = frozenset({"work_place", "employer", "employer_contact"})
_SAID_BEFORE = re.compile(
    r"(?:就是|就|都是|也是)?(?:刚才|刚刚|上面|前面|之前)(?:说|讲|写|发)(?:的|过的|了的)(?:那些|那几样|那几个|那个|这些)?"
    r"(?:都会|都行|都能干)?(?:啊|吧|呀|嘛)?|同上|(?:跟|和|同)(?:上面|刚才|前面)(?:的|说的)?一样(?:的)?"
)


class Answering(Changing):
    """Reading a message while a question is open."""

    def _answer(
        self, r: StepResult, text: str, understanding: nlu.Understanding, ctx: StepContext, came_back: bool
    ) -> None:
        """One message while a question is open, in this order: the answer to a follow-up question, a
        correction of an earlier answer, don't-know, news of a status change, a question back, then the
        answer to the question itself."""
        fs = r.state["survey"]
        if not fs.get("field"):
            self._next(r, ctx)
            return
        f = SURVEY_FORM.field(fs["field"])
        if f.key == "skills" and isinstance(wished := fs["answers"].get("desired_jobs"), str) and (
                _SAID_BEFORE.fullmatch(forms.squash(text))):
            # 就是刚才说的那些 at the skills question, right after 扎钢筋 砌砖 as the work wanted: those (it was stored
            # as the skill, word for word).
            text, understanding = wished, nlu.understand(wished, ctx.today)
        if f.key == "skills" and (said := _beside_no_skill(text)) is not None:
            # 不会啥 就会做饭: the nothing-much is modesty, the rest the skill (it was referred as a question)
            text, understanding = said, nlu.understand(said, ctx.today)
        if f.key == "employment_status" and (own := _own_parts(text)) is not None:
            text, understanding = own, nlu.understand(own, ctx.today)  # the husband's work is not the speaker's
        if f.key == "employment_status" and _looking_not_working(f, text, understanding):
            # 现在没活 想出去打工, 以前在东莞打工 现在没活 想找活: out of work and looking (打工 in the wish, or work
            # done before, was read as working: 您在哪里工作?)
            self._accept(r, f, "unemployed", understanding, ctx)
            return
        if asks_for_jobs(text, understanding) or (f.key in _OF_THE_JOB_HELD and understanding.intent == "seek_job" and (
                understanding.confidence >= SURE_WISH)):
            # 有啥活没有 at any question: the jobs come once the form is done (it was stored as the work address or
            # the skills, or read as a no at the contract question); said, and the question again. At the
            # willingness it is a yes too. 想回家附近做 at the work address is a wish, not the address (it was stored).
            self._jobs_first(r, understanding)
            if f.key == "willing_to_work":
                self._accept(r, f, "yes", None, ctx)
                return
            self.resume(r, ctx)
            return
        fs.pop("reported", None)
        if f.key != "name" and (name := self._name_on_card(fs, text, ctx)) is not None:
            # 杨德明 at the ID question after 杨老四: the name on the ID card, as we said it could be sent (it was
            # "这一问要的是身份证号码").
            self._record(r, forms.set_answer(SURVEY_FORM, fs, "name", name), ctx)
            r.say("survey.corrected", items=forms.noted(SURVEY_FORM, [("name", name)], ctx.locale))
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if f.key not in LOOKING_FIELDS and fs["answers"].get("employment_status") != "employed" and (
                conditions := work_conditions(text)) and wants_work(understanding):
            # 没活干 想找个半天的活 at the status question: what the work must allow, kept for the work wished for
            # (it was lost: only the looking questions kept it); the message is read on as usual.
            self._keep_conditions(r, conditions, ctx)
            if "desired_jobs" not in fs["answers"] and wished_jobs(understanding) is None and not any_work_wished(text):
                r.say("survey.conditions_noted", items="、".join(conditions))  # (else said with the work wished)
        if fs.get("id_later") and f.key != "id_number" and fs["answers"].get("id_number") is None and (
                found := nlu.parse_id_number(text)) is not None:
            # The ID number put off (身份证在我老婆那), sent at a later question once found: taken (it was "这不是
            # 有效的手机号"), the roster looked up, the open question again.
            fs.pop("id_later")
            self._record(r, forms.set_answer(SURVEY_FORM, fs, "id_number", found), ctx)
            r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [("id_number", found)], ctx.locale))
            self._next(r, ctx)
            return
        if f.key == "employment_status" and understanding.status is not None:
            self.rights_beside(r, understanding, ctx)  # 在上海工地干活 包工头欠了三个月工资没给: both taken
        if self._follow_up(r, f, text, ctx):
            return
        if f.key not in ("monthly_income", "expected_income") and (pay := english_pay(text)) is not None:
            # security guard, about 4000 a month: the pay kept for its question (it was lost, and the job
            # stored as "security guard about 4000 a month"); the rest read as the answer.
            amount, text = pay
            key = "expected_income" if fs["answers"].get("employment_status") == "unemployed" else "monthly_income"
            fs["held"] = {**(fs.get("held") or {}), key: amount}
            if not text:
                r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [(key, amount)], ctx.locale))
                r.outbound.append(forms.ask(SURVEY_FORM, fs, f))
                self._sync_awaiting(r)
                return
            understanding = nlu.understand(text, ctx.today)
        if f.key == "desired_jobs" and (caring := caring_work(text)) is not None:
            # 带孩子 at 想做什么工作?: a nanny's work wished (it was kept as a condition of the work, and the question
            # asked again).
            text, understanding = caring, nlu.understand(caring, ctx.today)
        elif f.key in LOOKING_FIELDS and (conditions := work_conditions(text)) and not (
                f.key == "willing_to_work" and health_limit(text) is not None):
            # (身体不行 干不了重活 at 您想出去工作吗 is the answer: unable to work now, as before)
            # 只能干半天, 要能接送娃: kept with the work wished for; the rest of the message read as the answer.
            self._keep_conditions(r, conditions, ctx)
            # (a health limit is kept whole: its parts are no answer either)
            limits = {part for c in conditions for part in re.split(r"[\s,，。;；!！]+", c)}
            rest = " ".join(part for part in re.split(r"[\s,，。;；!！]+", text) if part and part not in limits)
            willing = replies.read_answer(f, rest, fs, ctx) if rest else None
            if f.key == "willing_to_work" and (willing == "yes" or willing is None or isinstance(willing, Invalid)):
                # 能接送娃就行, 想干 要能接送娃: work wanted, on that condition (it was 请回复数字, the condition lost;
                # or the willingness taken, the condition not said back); both said back.
                r.say("survey.willing_to_work.with_conditions", items="、".join(fs["conditions"]))
                self._accept(r, f, "yes", None, ctx)
                return
            if not rest:
                r.say("survey.conditions_noted", items="、".join(conditions))
                r.outbound.append(forms.ask(SURVEY_FORM, fs, f))
                self._sync_awaiting(r)
                return
            text, understanding = rest, nlu.understand(rest, ctx.today)
        said = forms.squash(text)
        keeps = said in _KEEP_WORDS or (not f.choices and said in _AGREE_WORDS)
        if fs.get("editing") and f.key in fs["answers"] and keeps:
            fs["editing"] = False  # 0 at a question picked from the summary: nothing to change after all
            shown = len(r.outbound)
            self._next(r, ctx)
            if ctx.channel == "sms" and fs.get("phase") == "summary":
                # 1, then 0 at the SMS summary: nothing changed, said so with the confirm line (the whole summary,
                # three SMS, was sent again); 看 shows it.
                r.outbound[shown:] = [Outbound(key=_UNCHANGED, params={"label": catalog(ctx.locale).get(f.label)})] + [
                    Outbound(key=_CONFIRM_ONLY) if out.key in _SUMMARY_SHOWN else out for out in r.outbound[shown:]]
            return
        if nlu.only_faces(text) and not (f.key in _YES_NO_QUESTIONS and nlu.yes_no_reading(text)):
            r.say("survey.face_only")  # [微笑] answers nothing (a thumbs-up is yes where yes is an answer)
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        names_a_field = field_name_pattern().search(text) is not None  # (a correction names its field)
        short_help = understanding.intent == "help" and len(understanding.normalized) <= _SHORT_HELP
        if len(text) <= _HOW_LONG_MOST and _HOW_LONG.search(nlu.normalize(text)):
            # 还要填多久啊: how many questions are left (it was taken for a question about the ID number, or
            # "没太明白"), then the question again.
            r.outbound.append(_how_long(fs["answers"]))
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if not names_a_field and fs["answers"] and asks_to_fix_record(text):
            # 我的信息填错了 怎么改 in the middle of the form: which one, said how (it was referred to a caseworker,
            # or "这一问要的是身份证号码"), then the question again.
            r.say(WHICH_TO_CORRECT)
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if said_already(text) and not f.choices:
            r.say("survey.said_already")  # 不是说了吗 at the village: the question once more (it was referred)
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if f.key in ("work_division", "work_place") and isinstance(left := fs.get("left_job"), dict) and (
                kept := {k: v for k, v in replies.kept_by_new_job(nlu.normalize(text), left).items()
                         if k not in fs["answers"]}):
            # 3 (换了工作), then 去了隔壁那个鞋厂 at "您在哪里工作?": the place of the job left (it was "已记下:
            # 就业状态: 在工作" and the question again, then "没找到这个地方" at the pay).
            fs.pop("left_job", None)
            self._apply_fills(r, kept, ctx)
            self._apply_prefill(r, understanding, f.key, ctx)
            self._next(r, ctx)
            return
        if f.key == "home_division" and (asked := fs.pop("home_town_asked", None)) and (
                town := _home_town_in(str(asked), text)) is not None:
            # 麻阳的, after "「高村镇」有好几个: …。是哪个县的?": that county's township.
            text, understanding = town, nlu.understand(town, ctx.today)
        elif f.key == "home_division" and (towns := _home_towns(text, fs["answers"])) is not None:
            # 城关镇 alone (a 城关镇 in 88 counties): the one near the ID number's county taken, else which county asked
            # (it was "没找到这个地方", or the one in 东莞 for 长安镇 from someone of 湖南).
            town_name, same_name = towns
            if len(same_name) == 1:
                text = place_value(same_name[0])["name"] + ("" if same_name[0].name == town_name else town_name)
                understanding = nlu.understand(text, ctx.today)
            else:
                fs["home_town_asked"] = town_name
                if len(same_name) <= _TOWNS_NAMED:
                    r.say(WHICH_TOWN, town=town_name, places="、".join(_county_and_town(t) for t in same_name))
                else:
                    r.say(WHICH_COUNTY, town=town_name, example=_county_and_town(same_name[0]))
                self._sync_awaiting(r)
                return
        if f.key == "home_division" and (in_county := _township_in_id_county(text, fs["answers"])) is not None:
            # 草海镇 白马村 (a 草海镇 in 威宁 and another in 鹤庆): the one in the county the ID number was issued in
            # (it was "没找到这个地方").
            text, understanding = in_county, nlu.understand(in_county, ctx.today)
        if f.key == "home_village" and (town := township_by_stem(text, fs["answers"].get("home_division"))):
            # 哲觉 at the village question after 威宁: the township (哲觉镇) refines the home and the village is asked
            # (哲觉 was saved as the village, and the village said next lost).
            text, understanding = town, nlu.understand(town, ctx.today)
        if f.key not in FREE_TEXT_FIELDS and (village := _village_with_group(fs["answers"], text) or _village_restated(
                fs["answers"], text)) is not None:
            # (石门乡 年丰村 at the status question, 新华村 on record: the home said again, its village new)
            # 二组 at the status question, the village said before it without its group (新发村, then 不对 是哲觉镇):
            # the village's group, said back, and the question again (it was "请回复数字 1、2 或 3" and lost).
            changes = forms.set_answer(SURVEY_FORM, fs, "home_village", village)
            self._record(r, changes, ctx)
            r.say("survey.corrected", items=forms.noted(SURVEY_FORM, [("home_village", village)], ctx.locale))
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if f.key == "phone" and (sender := replies.sender_phone(fs)) is not None and (
                more := _sender_then_more(text)) is not None and (ahead := forms.next_field(
                    SURVEY_FORM, {**fs["answers"], "phone": sender})) is not None:
            # 1 没有户号 at "您的手机号就是发短信的这个号…吗? 是请回复 1": the number accepted, the rest read at the
            # next question (it was "这不是有效的手机号", again and again).
            self._record(r, forms.set_answer(SURVEY_FORM, fs, "phone", sender), ctx)
            fs["field"], fs["misses"] = ahead.key, 0
            self._answer(r, more, nlu.understand(more, ctx.today), ctx, False)
            return
        if f.key == "household_id" and _WHAT_HOUSEHOLD_NUMBER.search(nlu.normalize(text)) and nlu.is_question(text):
            # 这个户号是啥 at the household number: what the number is and where it is written (it was referred to a
            # caseworker), then the question again.
            r.say("survey.household_id.what")
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if f.key in IDENTITY_FIELDS and "employment_status" not in fs["answers"] and _yes_then_working(text):
            # 是的 在工作 at the phone question (the option's words after a yes): the status noted, the question again
            # plainly (it was "这不是有效的手机号", the status lost).
            self._change_status_keeping(r, "employed", understanding, ctx)
            return
        if f.key == "preferred_scope" and _WHEN_ANY_TIME.match(forms.squash(nlu.normalize(text))) and (
                "available_from" not in fs["answers"]) and isinstance(
                    when := replies.read_answer(SURVEY_FORM.field("available_from"), text, fs, ctx), str):
            # 随时都可以 at 您想在哪里工作: when they can start (it recorded 都可以, anywhere), said back, the
            # question again.
            self._answer_elsewhere(r, f, "available_from", when, ctx)
            return
        if f.key in IDENTITY_FIELDS and (back := asked_back(text)) is not None:
            # 电话还是要填吗, 要身份证干啥, what do you need my ID for: answered (it was "应该是18位", or referred to a
            # caseworker), then the question again; nothing missed.
            r.say(f"survey.asked_back.{back[0]}_{back[1]}")
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if nlu.asks_why_asked(text):
            r.say("survey.why_asked")  # 咋还要问这个: what it is for, then the question; nothing missed
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if short_help and asks_about_own_push(text):
            self._question(r, text, ctx)  # 受理了是啥意思: the push explained (it explained the open question)
            return
        if nlu.asks_meaning(text) or (short_help and not names_a_field):
            r.say("common.explain")  # 啥意思: what the question is about, then the question; nothing missed
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if f.key == "phone" and replies.not_this_number(text, fs):
            r.say("survey.phone.not_this_one")  # 不是这个号: their own number, asked for (nothing corrected)
            self._sync_awaiting(r)
            return
        if f.key in JOB_FIELDS and self._employer_unnamed(r, f, text, ctx):
            return  # 厂名叫不出来 台湾老板的: no correction of the employer's name (厂名) to "叫不出来 …"
        if names_a_field:
            answered = [x.key for x in SURVEY_FORM.applicable(fs["answers"]) if x.key in fs["answers"]]
            answered = [key for key in answered if key != f.key]
            correction = find_correction(text, answered, by_number=False)  # no numbered list on screen
            if correction is not None:
                self._correct(r, correction, ctx, understanding)
                return
        said_name = nlu.name_said(text) if f.key != "name" and _NAMING.search(text) else None
        if said_name and fs["answers"].get("name") not in (None, said_name):
            # 身份证上叫杨三贵 / 我叫杨三贵 just after 杨老三 was given: the name, corrected (大名 is no county here).
            self._correct(r, Correction("name", (said_name,)), ctx)
            return
        if not names_a_field and self._changed_mind(r, f, text, ctx):
            return  # 不对 是省内 at the next question: the answer before it, changed
        if f.key == "wages_on_time" and any(word in nlu.normalize(text) for word in words_of("not_paid_yet")) and (
                not _HELD_TO_YEAR_END.search(nlu.normalize(text))):
            # (这个月的还没发 说年底一起结: wages held back to the year's end are not paid on time; parse_wages says no)
            self._accept(r, f, None, None, ctx)  # 还没发过工资 才来一个礼拜: unknown until the first pay day
            return
        if f.key == "employment_form" and _SIGNED_ONLY.fullmatch(nlu.normalize(text).strip(" 。.!！~")):
            # 签了 / 没签 alone at the way of working: a contract, or a deal with an agency? The contract question
            # comes next (nothing is taken from this); the way of working is asked again, no miss counted.
            r.say("survey.employment_form.contract_next")
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if self._work_itself(r, f, text, ctx):
            return
        if f.key == "employer" and works_for_self_only(text):
            # 自己干的 没有老板: nobody employs them; the employer's phone is not asked (it was "单位联系电话?"), the
            # way of working still is (个体 or 灵活就业).
            own = value_of("works_for_self", "employer")
            self._record(r, forms.set_answer(SURVEY_FORM, fs, f.key, own), ctx)
            self._record(r, forms.set_answer(SURVEY_FORM, fs, "employer_contact", None), ctx)
            noted = [(f.key, own)]
            if any(word in nlu.normalize(text) for word in value_of("works_for_self", "self_employed").split()):
                self._record(r, forms.set_answer(SURVEY_FORM, fs, "employment_form", "self_employed"), ctx)
                noted.append(("employment_form", "self_employed"))  # 自己摆摊: a stall of one's own, 个体
            r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, noted, ctx.locale))
            self._next(r, ctx)
            return
        if f.key == "social_insurance" and fs["answers"].get("employment_form") == "self_employed" and (
                self_paid_insurance(text) and not _NOT_PAID.search(nlu.normalize(text))):
            self._accept(r, f, "yes", None, ctx)  # 社保是自己在老家交的, asked of the self-employed: paid (was 请回复)
            return
        if f.key == "social_insurance" and fs["answers"].get("employment_form") != "self_employed" and (
                self_paid_only(text)):
            # 自己交的城乡居民 at "单位给您交社保了吗?": the employer does not pay it (it was recorded 是, and a job
            # loss later promised unemployment benefits); recorded 否 and said why, as the check-in says it.
            r.say("survey.social_insurance.self_paid")
            self._accept(r, f, "no", None, ctx)
            return
        if f.key in _OWN_ACCOUNT_FIELDS and any(word in nlu.normalize(text) for word in words_of("own_account")):
            self._accept(r, f, None, None, ctx)  # 自己挣的 谈不上发不发: no employer to pay or sign
            return
        if self._boss_at_his_phone(r, f, text, ctx):
            return
        if f.key in JOB_FIELDS and f.key != "work_division" and (place := _work_place_again(fs["answers"], text)):
            # 嗯 还在东莞 at a question of the job, 东莞 on record: nothing new (it was saved as the work address
            # "还在东莞", and at the next question said back "已记下" again); the address is left unknown, any
            # other question asked again.
            r.say("survey.place_known", place=place)
            if f.key == "work_place":
                self._accept(r, f, None, None, ctx)
                return
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if f.key == "employment_form" and not fs.get("form_offered") and _UNDER_A_GANG_BOSS.search(
                nlu.normalize(text)) and not _picks_a_choice(f, text, ctx):
            # 包工头带着干: hired by a gang boss, wage work the form calls 外出务工 away from the home county and
            # 灵活就业 near home: offered to confirm by 1, once, as 包工头 alone is when away (was "请回复数字 1 到 5").
            fs["form_offered"] = True
            form = "migrant" if works_away(fs["answers"]) else "flexible"
            fs["pending"], question = replies.follow_up_prompt(f, Invalid(CONFIRM, {"value": form}), ctx)
            r.outbound.append(question)
            self._sync_awaiting(r)
            return
        if f.key == "social_insurance" and (partial := partial_insurance(text)) is not None:
            # 交了 好像只交了医保 养老没交: not paid in full, recorded "no" (the form holds yes or no) and said so
            # plainly (it asked "记为「是」, 对吗?").
            paid, unpaid = partial
            fs.pop("insurance_told", None)  # (交了 read as insured for a registration: not so, in part)
            names = catalog(ctx.locale)
            r.say("survey.social_insurance.partial" if unpaid else "survey.social_insurance.partial_only",
                  paid="、".join(names.get(f"survey.insurance_kind.{k}") for k in paid),
                  unpaid="、".join(names.get(f"survey.insurance_kind.{k}") for k in unpaid))
            self._accept(r, f, "no", None, ctx)
            return
        if f.key == "preferred_scope" and (scope := scope_of_numbers(text)) is not None:
            # 1 2 at the scope: both will do, the wider recorded and said back, as 县里市里都行 is (it took 1 and
            # left 2 unread; 12 was taken for the help wanted, asked before).
            told_at = len(r.outbound)
            self._accept(r, f, scope, None, ctx)
            r.outbound.insert(told_at, Outbound(key="survey.prefilled", params={
                "items": forms.noted(SURVEY_FORM, [(f.key, scope)], ctx.locale)}))
            return
        run = answers_in_a_row(SURVEY_FORM, fs, f, text, ctx)
        if run:
            self._accept_several(r, run, ctx)  # 是 有 没有 / 1 2 1: the questions that follow, answered too
            return
        if (other := about_another(f, text)) is not None and other in {
                x.key for x in SURVEY_FORM.applicable(fs["answers"])}:
            value = replies.read_answer(SURVEY_FORM.field(other), text, fs, ctx)
            if value is not None and not isinstance(value, Invalid):
                # 没签 工资也拖着 at the contract question: the part about no other question answers this one
                parts = [p for p in PARTS.split(nlu.as_typed(text)) if p]
                rest = " ".join(p for p in parts if about_another(f, p) is None)
                own = replies.read_answer(f, rest, fs, ctx) if rest and len(rest) < len(text.strip()) else None
                if own is not None and not isinstance(own, Invalid):
                    self._accept_several(r, [(f.key, own), (other, value)], ctx)
                    return
                self._answer_elsewhere(r, f, other, value, ctx)  # 社保没交 at the contract question: the insurance's
                return
        if f.key == "id_number" and nlu.parse_id_number(text) is None and (
                (without := id_card_not_with_me(text)) == "none" or id_put_off(text)):
            # 身份证在我老婆那, 回头再说, 等我找到再发, 没带, 没有 at the ID question: the number later and the form
            # goes on (the question stayed open, nothing else could be answered); asked once more before the summary.
            self._id_later(r, f, "none" if without == "none" else "later", ctx)
            return
        if id_card_not_at_hand(nlu.normalize(text)) and nlu.parse_id_number(text) is None:
            # 身份证没带在身上: the number later (it was "这一项要填"); no miss, the question open. Said at another
            # question, that one is asked again (the ID's turn comes, or it was given already).
            known = "id_number" in fs["answers"]
            r.say("survey.id_number." + ("not_at_hand" if f.key == "id_number" else "known" if known else "not_yet"))
            if f.key != "id_number":
                r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if f.key == "id_number" and self._phone_at_id_question(r, f, text, ctx):
            return
        if f.key == "name" and self._still_looking_at_name(r, f, text, ctx):
            return
        if f.key == "name" and "home_village" not in fs["answers"] and village_alone(text):
            # 石门坎, 石羊村 alone at the name question: the village, kept and said back (it was taken as the name,
            # or asked again and lost); the name asked again.
            self._answer_elsewhere(r, f, "home_village", nlu.normalize(text).strip(" 。.!！~"), ctx)
            return
        if f.key == "work_place" and "employer" not in fs["answers"] and _WHOM_FOR.search(nlu.normalize(text)) and (
            nlu.resolve_place(text) is None
        ):
            # 跟着老乡干 没单位 at the work address: whom they work for (it was saved as the address, and the employer
            # asked next all the same); the address asked again. Read as the employer question reads it (包工头姓王
            # 没有厂名: 王包工头; it was stored word for word).
            whom = fields.parse_employer(text, ctx)
            self._answer_elsewhere(r, f, "employer", whom if isinstance(whom, str) else nlu.normalize(text).strip(),
                                   ctx)
            return
        if f.key == "work_place" and (whom := boss_named(text)) is not None:
            # 老板姓刘 at the work address: whom they work for (it was saved as the address). A workplace named
            # without a name (砖厂) becomes 刘老板的砖厂.
            before = str(fs["answers"].get("employer") or "")
            employer = before if whom in before else with_boss(before, whom) if before else whom
            self._answer_elsewhere(r, f, "employer", employer, ctx)
            return
        if f.key == "employment_status" and (work := english_work(text, ctx)) is not None:
            # I'm a security guard in Dongguan (the en locale): working, the job and where, noted.
            fs["misses"] = 0
            self._apply_fills(r, work, ctx)
            self._next(r, ctx)
            return
        if f.key == "household_id" and _registered_number_unknown(text):
            # 有 但是不记得, 有的 记不清了: the household is registered (it counts for the technical school and the
            # policies), the number not known; it was left unknown as a bare 不知道 is.
            r.say("survey.household_id.number_unknown_noted")
            self._accept(r, f, HOUSEHOLD_NUMBER_UNKNOWN, None, ctx)
            return
        if f.key == "willing_to_work" and _undecided(text):
            # 不清楚, 说不好, 没想好 at 您想出去工作吗: not decided yet is the form's 以后再说 (it was "这一项要填" or
            # "请回复数字"), said back.
            r.say("survey.willing_to_work.undecided")
            self._accept(r, f, "later", None, ctx)
            return
        if f.key == "employment_form" and not fs.get("form_offered") and not _picks_a_choice(f, text, ctx) and (
                not nlu.is_dont_know(text)) and replies.shop_job_near_home(fs["answers"], text):
            # 都不是, 就在饭店打工 from someone working in a shop of the home county: no option names it, the nearest
            # (灵活就业) offered to confirm by 1, once (it was "请回复数字 1 到 5" without end). 不知道 is asked again,
            # as before (round 4).
            fs["form_offered"] = True
            fs["pending"], question = replies.follow_up_prompt(f, Invalid(CONFIRM, {"value": "flexible"}), ctx)
            r.outbound.append(question)
            self._sync_awaiting(r)
            return
        unsure = f.key in YES_NO_FIELDS and nlu.mentions_dont_know(text) and nlu.yes_no_reading(text) is None
        none = f.optional and (nlu.is_none(text) or replies.says_none(f, text) or (
            forms.squash(text).lower() in words_of("english_none")) or (
            f.key == "skills" and _NO_SKILL.fullmatch(forms.squash(text)) is not None))
        zero = f.optional and not f.choices and _ZEROS.fullmatch(forms.squash(nlu.normalize(text))) is not None
        if zero:
            # A bare 0 (typed on SMS as "none"): nothing to record, said back (it was "户编号好像不对", "电话好像不对").
            none = True
            r.say("survey.household_id.zero" if f.key == "household_id" else "survey.left_empty")
        unsure |= forms.squash(text).lower() in words_of("english_dont_know")  # not sure (no "no" in it)
        unsure |= replies.no_number_known(f, text)  # 没有他电话: the employer's number is not known
        if not f.optional and declines().search(text) and not (unsure or nlu.is_dont_know(text)):
            # 身份证号不想给: why it is asked and who sees it, and that it can come later (it was "这一项要填").
            r.say("survey.required_declined")
            self._sync_awaiting(r)
            return
        if unsure or nlu.is_dont_know(text) or declines().search(text) or none:
            if names_a_field and self._late_dont_know(r, f, text, ctx):
                return  # 不知道啥编号 just after the household number: that one's answer, not this one's
            said_none = set(fs.get("said_none") or ())
            if none and not (unsure or nlu.is_dont_know(text) or zero) and f.key not in _NEVER_NONE:
                said_none.add(f.key)  # shown 没有 at the summary (a 0 was said back as left empty: shown so)
            else:
                said_none.discard(f.key)  # 没有, then 不知道 from the summary: shown 不知道 now
            fs["said_none"] = sorted(said_none)
            self._dont_know(r, f, ctx)  # 不想给老板电话 on an optional question: left empty, as asked
            return
        if nlu.is_later(text) and not _picks_a_choice(f, text, ctx) and not (
                f.key == "name" and nlu.find_name(text)) and not _still_at_work(text, understanding):
            # (我叫龙建华 身份证等下发给你: the name is here; the later is the next question's)
            r.say("survey.later")  # 等下 有人叫我: the question stays open, nothing counted as a miss
            self._sync_awaiting(r)
            return
        if self._no_job_after_all(r, f, understanding, ctx):
            return
        # A new job told while the job is being described (厂子倒了 不过我又找了个新厂 叫宏发五金 at the employer
        # question) answers the question; anywhere else it changes the status.
        describing_job = understanding.status == "changed_job" and f.key in JOB_FIELDS and not fs.get("editing")
        status_may_change = f.key in _FREE_NOT_ABOUT_JOBS and not describing_job
        # 我在县城找到个开叉车的活 at a question about the work wanted: work found, before 县城 is read as the scope.
        status_may_change |= f.key in LOOKING_FIELDS and _FOUND_WORK.search(understanding.normalized) is not None
        if status_may_change and self._status_change_in(r, understanding, ctx):
            return
        if f.key in _FREE_NOT_ABOUT_JOBS and self.rights_reported(r, understanding, ctx):
            return  # 老板拖欠工资 at the work place: a report, never the answer
        if (f.key in FREE_TEXT_FIELDS or replies.asks_about_money(text) or (
                f.key in YES_NO_FIELDS and replies.asks_for_something(text, ctx))) and nlu.is_question(text):
            self._question(r, text, ctx)  # 找工作要交钱吗 is no choice of service; 有没有活 no 没有
            return
        if f.key == "skills" and understanding.intent == "seek_training" and not skills_in(text):
            # 还想参加培训 学电商 at the skills question was saved as a skill: training wanted, the question again
            if not self._training_wished(r, understanding, ctx):
                self._jobs_first(r, understanding)
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if f.key == "desired_jobs" and (learning := [p for p in PARTS.split(nlu.as_typed(text)) if p and (
                _TO_LEARN.search(p))]):
            # 会开叉车 想学电工: the trade to learn is training wanted, not work wanted (学电工 was saved as the work
            # wanted, and the question not asked again); the rest read as the answer.
            self._training_wished(r, nlu.understand(" ".join(learning), ctx.today), ctx)
            text = " ".join(p for p in PARTS.split(nlu.as_typed(text)) if p and p not in learning)
            if not text:
                r.outbound.append(self._open_question(fs, f, ctx))
                self._sync_awaiting(r)
                return
            understanding = nlu.understand(text, ctx.today)
        if f.key == "desired_jobs" and (skills := only_skills(text)):
            # 会开叉车 电焊也会点: what they can do, not what they want; the work wanted asked again.
            self._answer_elsewhere(r, f, "skills", "、".join(skills), ctx)
            return
        if names_a_field and not f.choices and fs.get("editing"):
            # 工种是普工 at the work address being changed: the job's new value (it was stored as the address).
            others = [x.key for x in SURVEY_FORM.applicable(fs["answers"]) if x.key != f.key]
            stated = find_correction(text, others, need_cue=False, by_number=False)
            if stated is not None and self._corrects_with_value(r, stated, ctx):
                return
        if f.key in FREE_TEXT_FIELDS and self._days_ahead(r, f, text, ctx):
            return  # 一个月 干个 二十五天吧 at the employer after 一天一百五: that pay's days (it was the employer)
        value = replies.read_answer(f, text, fs, ctx)
        if f.key == "skills" and isinstance(value, str) and (cleaned := clean_skills(text)) is not None:
            value = cleaned  # 水电都会 电焊也会一点: 水电、电焊 (it was kept as typed)
        if f.key == "service_needs" and value == ["job_referral"] and replies.WANTS_HELP.fullmatch(forms.squash(text)):
            r.say("survey.service_needs.yes_is_job")  # 想 alone: what was taken, said back (it was recorded silently)
        elif f.key == "service_needs" and value == ["job_referral"] and replies.yes_with_age_worry(text):
            r.say("survey.service_needs.age_worry")  # 想嘛 就是年纪大了 怕人家不要 (it was "请回复数字")
        elif f.key == "willing_to_work" and value == "yes" and replies.yes_with_age_worry(text):
            # 想嘛 就是年纪大了 怕人家不要 at 您想出去工作吗 (it was "请回复数字"): the yes said back, then the worry
            # answered, then the next question.
            start = len(r.outbound)
            self._accept(r, f, value, understanding, ctx)
            after = next((i + 1 for i in range(start, len(r.outbound)) if r.outbound[i].key == "survey.prefilled"),
                         start)
            r.outbound.insert(after, Outbound(key="survey.willing_to_work.age_worry"))
            return
        if isinstance(value, Invalid) and f.key in ("employer", "work_place") and "started" not in fs["answers"] and (
                year := year_alone(text, ctx.today) or english_year_alone(text, ctx.today)) is not None:
            fs["started_year"] = year  # 去年来的 at the employer: the year, for the start question (its month asked)
        if isinstance(value, Invalid) and value.reprompt in replies.FOLLOW_UPS:
            fs["pending"], question = replies.follow_up_prompt(f, value, ctx)
            r.outbound.append(question)
            self._sync_awaiting(r)
            return
        if isinstance(value, Invalid) and fields.TITLED in value.params:
            self._missed(r, f, value)  # 李书记 at the name question: their own name asked (it alerted the caseworker)
            return
        if isinstance(value, Invalid) and self._contract_ahead(r, f, text, ctx):
            return
        if isinstance(value, Invalid) and f.key == "household_id" and understanding.status is None and (
                self._place_at_household(r, f, text, ctx)):
            # (原来在温州鞋厂干了十来年 上个月厂子关门了: news of a job lost that names a place, not a place: it was
            # "温州市是地名")
            return
        if isinstance(value, Invalid) and f.key == "willing_to_work" and understanding.intent not in (
                "deny", "opt_out") and (scope := prefill(
                    SURVEY_FORM, {**fs["answers"], f.key: "yes"}, understanding, current=None, today=ctx.today,
                ).get("preferred_scope")) is not None:
            # 都行 离家近点好 at 您想出去工作吗: where they would work says they would (it was "请回复数字 1、2 或 3").
            self._accept_several(r, [(f.key, "yes"), ("preferred_scope", scope)], ctx)
            return
        if isinstance(value, Invalid) and f.key == "willing_to_work" and understanding.intent == "seek_job" and (
                wants_work(understanding)) and not nlu.is_question(text):
            # 想出去 年纪大了 怕人家不要 at 您想出去工作吗: a yes with a worry beside it (it got "登记好了, 就能推荐…"
            # and the question again), said back.
            r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [(f.key, "yes")], ctx.locale))
            self._accept(r, f, "yes", understanding, ctx)
            return
        if isinstance(value, Invalid):
            # 村是石门坎 at another question: a value for the field it names.
            others = [x.key for x in SURVEY_FORM.applicable(fs["answers"]) if x.key != f.key] if names_a_field else []
            stated = find_correction(text, others, need_cue=False, by_number=False) if others else None
            if stated is not None and self._corrects_with_value(r, stated, ctx):
                return
            if self._answer_and_more(r, f, text, ctx):
                return
            if self._days_ahead(r, f, text, ctx):
                return
            if self._work_place_narrowed(r, f, text, ctx):
                return
            if self._year_of_start(r, f, text, ctx):
                return
            if self._job_terms_ahead(r, f, text, ctx):
                return
            if self._pay_arrangement_ahead(r, f, text, ctx):
                return
            if (earlier := earlier_answer(SURVEY_FORM, fs, f, text, ctx)) is not None:
                # 会开拖拉机 at the pay wanted: the skills; 富士康 普工 4500 at the employer's phone: the employer,
                # with the job and pay told beside it.
                told = understanding if earlier[0] == "employer" else None
                self._answer_elsewhere(r, f, *earlier, ctx, understanding=told)
                return
            if self._not_an_answer(r, understanding, ctx, came_back):
                return
            wish = understanding.intent in ("seek_job", "seek_training") and understanding.confidence >= 0.7
            asked = understanding.status in ("employed", "unable") and policy.asked_not_told(text, understanding.intent)
            if wish and fs["answers"].get("employment_status") == "unable" and not nlu.is_question(text) and (
                    news_for_form(understanding, fs["answers"]) == LOOKING):
                # 想在家门口找点活干 from someone just recorded as unable (在家种地 带孙子 出不去): able and looking
                # now, as at the summary (it got "登记好了, 就能推荐" and stayed unable).
                self._change_status_keeping(r, LOOKING, understanding, ctx)
                return
            if wish and f.key == "employment_status" and not nlu.is_question(text) and wants_work(understanding) and (
                    understanding.status in (None, "job_lost")):
                # 没有 想找点活干, 在家呆着 想找活 at 您现在的就业情况?: the answer, out of work and looking (it got
                # "登记好了, 就能推荐…" and the status asked again).
                self._accept(r, f, "unemployed", understanding, ctx)
                return
            if wish and prefill(SURVEY_FORM, fs["answers"], understanding, current=f.key, today=ctx.today):
                wish = False  # 我是威宁县草海镇新发村的…想找点活干 离家近的: the facts are kept, the wish with them
            if nlu.is_question(text) or (wish and understanding.status is None) or asked:
                # 我想找个活干 at the village question: jobs once the form is done; 残疾人有啥补助 (no 吗; 残疾 is no
                # status told): the policy's (有社保 at the way of working is an answer for later, as before)
                if wish and not nlu.is_question(text):
                    self._hold_wish(fs, understanding, ctx)
                self._question(r, text, ctx)
                return
            # Facts for other questions (纳雍县 猪场乡 typed at the household number) are kept; an optional
            # question they passed over is left unknown for now and asked again before the summary (flow.py),
            # one they could not answer twice is left unknown.
            if f.key != "skills" and (skills := only_skills(text)) and "skills" not in fs["answers"] and (
                    "skills" in {x.key for x in SURVEY_FORM.applicable(fs["answers"])}):
                # 扎钢筋 开过挖机 at the scope question: the trades they have, for the skills question (it was taken
                # as the work wanted); the open question again.
                self._answer_elsewhere(r, f, "skills", "、".join(skills), ctx)
                return
            told_more = self._apply_prefill(r, understanding, f.key, ctx)
            # 18年就来了 几月忘了: part of it forgotten is not known either.
            forgotten = nlu.mentions_dont_know(text) or (f.optional and _part_says_none(text))
            later = None if told_more else later_answer(SURVEY_FORM, fs, f, text, ctx)
            if later is not None and later[0] == "home_division":
                # 织金县八步街道 新寨村 at the household number: the home and its village; the number asked again
                # unless the message says there is none (户号没有 …).
                # (a required question stays open: 不知道 麻阳县高村镇 at the SMS phone question left no phone)
                self._answer_elsewhere(r, f, *later, ctx, understanding=understanding, close=forgotten and f.optional)
                return
            if later is not None and f.optional and not (told_more or forgotten) and int(fs.get("misses", 0)) >= 1:
                # 前年八月份就跟着他干了 at the employer's phone asked again: the start, and the phone left unknown
                # (it was "这一项先空着", then the start asked as if never told).
                self._answer_elsewhere(r, f, *later, ctx, close=True)
                return
            if f.optional and (told_more or forgotten or int(fs.get("misses", 0)) >= 1):
                if not (told_more or forgotten):
                    r.say("survey.left_empty")
                elif told_more and not forgotten and f.key not in NOT_ASKED_AGAIN | set(fs.get("asked_again", [])):
                    fs["passed"] = [*fs.get("passed", []), f.key]
                self._accept(r, f, None, None, ctx)
                return
            if later is not None:
                self._answer_elsewhere(r, f, *later, ctx)  # 今年3月 at the employer's phone: the start month
                return
            if f.key == "id_number" and value.reprompt == "survey.id_number.no_number" and not told_more and int(
                    fs.get("misses", 0)) >= 1:
                # Words without a number at the ID question a second time (省内, 开挖机 电焊也会点: the person
                # answers what comes next): the number put off, the form goes on (it was "实在填不上" again and again).
                self._id_later(r, f, "later", ctx)
                return
            if f.key == "phone" and replies.sender_phone(fs) is not None and not any(c.isdigit() for c in text):
                # No number typed at "is it this number?": that question again, not "这不是有效的手机号".
                value = Invalid(f.prompt)
            if told_more and (value.reprompt == "survey.id_number.no_number" or (
                    f.key == "phone" and not any(c.isdigit() for c in text))):
                # (对 在家带娃 at the phone question: the status noted, the phone asked plainly; it was "这不是有效的
                # 手机号" though no number was typed)
                # 贵州 纳雍县 猪场乡 at the ID question (the card at home): noted, and the question again, plainly;
                # no miss (it was "应该是18位" and, the second time, "实在填不上").
                r.outbound.append(self._open_question(fs, f, ctx))
                self._sync_awaiting(r)
                return
            if self._days_missed(r, f, ctx):
                return
            self._missed(r, f, value)
            return
        if f.key == "preferred_scope" and scope_of_areas(text) == value:
            # 县里市里都行: two scopes said, one recorded; which one is said back.
            r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [(f.key, value)], ctx.locale))
        if f.key in MONTH_FIELDS and english_month(text, ctx.today, "past") is not None:
            understanding = nlu.understand("", ctx.today)  # March 2025: the 2025 is no pay to note beside it
        signed = _signed_beside(text) if f.key == "employment_form" else None
        if signed is not None and "contract_signed" not in fs["answers"] and (
            SURVEY_FORM.field("contract_signed").applies({**fs["answers"], f.key: value})
        ):
            # 签了 在外面打工: the way of working and the contract (it asked the contract next all the same).
            self._accept_several(r, [(f.key, value), ("contract_signed", signed)], ctx)
            return
        if f.key == "work_division" and isinstance(value, dict) and (where := _address_beside(fs, value, text, ctx)):
            # 县里 白果那边的工地: the place of work and, in a part of its own, the address (it was asked again).
            self._accept_several(r, [(f.key, value), ("work_place", where)], ctx)
            return
        if f.key == "work_place" and isinstance(value, str) and (named := self._employer_named_at(fs, text)):
            # 吴中区 名硕 after 在苏州一个电子厂上班: the place of work made exact and the factory's name (名硕电子厂;
            # "吴中区 名硕" was the address and the employer stayed 电子厂), both said back.
            district, employer = named
            self._accept_several(r, [("work_division", place_value(district)), (f.key, district.name),
                                     ("employer", employer)], ctx)
            return
        if f.key == "work_place" and isinstance(value, str) and (
            narrowed := self._township_of_work(fs, text)
            or (self._township_of_work(fs, value) if address_unknown_said(text) else None)
        ):  # (官渡区那边 具体地址记不住: the place said without "the address is not remembered")
            # 长安镇 at the address after 在广东打工: the address, and the place of work made exact (东莞长安镇).
            self._accept_several(r, [("work_division", narrowed), (f.key, value)], ctx)
            return
        town, said_before = fs.pop("town_asked", None), fs.pop("town_said_at_work", None)
        if f.key == "work_place" and town and (within := self._town_of_county_said(fs, town, text)) is not None:
            # 大方的, after "「马场」有好几个: 大方县马场镇、织金县马场镇": 大方县马场镇, and the address said before
            self._accept_several(r, [("work_division", within), (f.key, said_before or text)], ctx)
            return
        if f.key == "work_place" and isinstance(value, str) and (same := self._towns_of_one_name(fs, text)):
            # 马场那边 after 在毕节打工: two 马场镇 in 毕节 (大方县, 织金县); which one is asked, the address kept for
            # the answer (it was kept as the address, the place of work left at the city).
            fs["town_asked"], fs["town_said_at_work"] = same[0], value
            r.say(WHICH_TOWN, town=same[0], places="、".join(same[1]))
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return
        if f.key in INCOME_FIELDS and isinstance(value, int) and "天" in text and (
                day_pay := nlu.parse_daily_pay(text)) is not None and day_pay.days and value == day_pay.monthly and (
                high := day_rate_high(nlu.normalize(text), day_pay.per_day)):
            # 一天两三百 干二十天: the range as said, the month's low end recorded (it was kept silently).
            r.say(replies.RANGE_NOTED, rate=day_pay.per_day, high=high, days=day_pay.days, low=value,
                  top=high * day_pay.days)
        if f.key == "employer" and isinstance(value, str) and (narrowed := self._township_beside(fs, text, value)):
            # 长安镇那边 宏达电子厂: the township before the employer makes the place of work exact (东莞长安镇; it
            # was lost), both said back, with the job told beside them (做普工 was lost).
            self._accept_in_place(r, f, value, narrowed, understanding, ctx)
            return
        if f.key == "work_place" and isinstance(value, str) and value != text and (
                narrowed := self._township_in_a_part(fs, text)) is not None:
            # 长安那边 宏达电子厂 做普工 after 在东莞打工: the township in a part of its own makes the place of work
            # exact (it stayed 东莞), said back with the employer and the job the message also told.
            self._accept_in_place(r, f, value, narrowed, understanding, ctx)
            return
        self._accept(r, f, value, understanding, ctx)

    def _accept_in_place(self, r: StepResult, f: FormField, value: Any, place: JsonDict,
                         understanding: nlu.Understanding | None, ctx: StepContext) -> None:
        """The answer with the place of work made exact by a township the message names; the place said back first
        with whatever else the message told (the employer, the job)."""
        self._record(r, forms.set_answer(SURVEY_FORM, r.state["survey"], "work_division", place), ctx)
        said = len(r.outbound)
        self._accept(r, f, value, understanding, ctx)
        where = forms.noted(SURVEY_FORM, [("work_division", place)], ctx.locale)
        # (长安 as the address, the place now 东莞长安镇: nothing more to say of it)
        told = forms.noted(SURVEY_FORM, [(f.key, value)], ctx.locale) if value is not None and not (
            isinstance(value, str) and value in str(place.get("name") or "")) else ""
        for i, out in enumerate(r.outbound[said:], said):
            if out.key == "survey.prefilled":
                items = str(out.params["items"])
                items = items if told and told in items else "; ".join(x for x in (told, items) if x)
                r.outbound[i] = Outbound(key=out.key, params={"items": f"{where}; {items}"})
                return
        r.outbound.insert(said, Outbound(key="survey.prefilled", params={
            "items": "; ".join(x for x in (where, told) if x)}))

    @staticmethod
    def _township_beside(fs: JsonDict, text: str, employer: str) -> JsonDict | None:
        """The one township a message names beside the employer, inside the coarser place of work on record."""
        work = fs["answers"].get("work_division")
        if not isinstance(work, dict) or len(str(work.get("code") or "")) >= _TOWNSHIP:
            return None
        code = str(work["code"])
        inside = nlu.places_within(text, code, at_work=True)
        if not inside and (place := nlu.resolve_place(text)) is not None and place.code.startswith(code) and (
                place.code != code):
            inside = [place]  # 花溪那边 宏达电子厂 after 贵阳: a district
        if len(inside) != 1 or inside[0].name[:2] in employer:
            return None
        return place_value(inside[0])

    @staticmethod
    def _employer_named_at(fs: JsonDict, text: str) -> tuple[nlu.Place, str] | None:
        """A place inside the place of work and a short name, nothing else, when the employer on record is only a
        kind of workplace (电子厂, 工地): the place, and the employer named (名硕 + 电子厂)."""
        answers = fs["answers"]
        work, kind = answers.get("work_division"), answers.get("employer")
        if not isinstance(work, dict) or not isinstance(kind, str) or not (bare := _BARE_WORKPLACE.fullmatch(kind)):
            return None
        inside = nlu.places_within(text, str(work.get("code") or ""), at_work=True)
        if len(inside) != 1 or inside[0].code == work.get("code"):
            return None
        name = _NAME_FILLER.sub("", forms.squash(text).replace(inside[0].name, "", 1))
        if not _SHORT_NAME.fullmatch(name) or _ADDRESS_WORD.search(name) or _NOT_A_NAME.search(name) or (
                nlu.resolve_place(name) is not None):
            return None
        return inside[0], name + bare.group("kind")

    @staticmethod
    def _towns_of_one_name(fs: JsonDict, text: str) -> tuple[str, list[str]] | None:
        """马场那边 with 毕节 the place of work: the stem and the townships of that name in it, when more than one."""
        work = fs["answers"].get("work_division")
        code = str(work.get("code") or "") if isinstance(work, dict) else ""
        said = _SHORT_TOWN.fullmatch(forms.squash(nlu.normalize(text))) if len(code) in (4, 6) else None
        if said is None:
            return None  # (cheap: a short place word and "那边" only, with a city or county on record)
        stem = said.group(1)
        found = [t for t in nlu.townships_of(code) if _town_stem(t.name) == stem]
        if len(found) < 2:
            return None
        named = []
        for town in found[:_TOWNS_NAMED]:
            path = nlu.place_path(town.code)
            named.append(f"{path[-2].name if len(path) > 1 else ''}{town.name}")
        return stem, named

    @staticmethod
    def _town_of_county_said(fs: JsonDict, stem: str, text: str) -> JsonDict | None:
        """The township of that name in the county the answer names (大方的, 大方县), inside the place of work."""
        work = fs["answers"].get("work_division")
        place = nlu.resolve_place(text)
        if place is None or not isinstance(work, dict) or not place.code.startswith(str(work.get("code") or "-")):
            return None
        found = [t for t in nlu.townships_of(place.code[:6]) if _town_stem(t.name) == stem]
        return place_value(found[0]) if len(found) == 1 else None

    @classmethod
    def _township_in_a_part(cls, fs: JsonDict, text: str) -> JsonDict | None:
        """The township a part of the message names on its own (长安那边 in 长安那边 宏达电子厂 做普工)."""
        for part in re.split(r"[\s,，、。]+", text):
            if part and (found := cls._township_of_work(fs, part)) is not None:
                return found
        return None

    @staticmethod
    def _township_of_work(fs: JsonDict, text: str) -> JsonDict | None:
        """The one township the text names, and nothing else, inside the coarser place of work on record."""
        work = fs["answers"].get("work_division")
        if not isinstance(work, dict) or len(str(work.get("code") or "")) >= _TOWNSHIP:
            return None
        inside = nlu.places_within(text, str(work["code"]), at_work=True)
        if len(inside) != 1:
            return None
        said, name = forms.squash(text), inside[0].name
        rest = said.replace(name, "", 1) if name in said else said.replace(_town_stem(name), "", 1)  # (长安那边)
        if not _PLACE_ONLY.fullmatch(rest):
            return None  # (在长安镇宏达电子厂上班: the employer's too, taken by the prefill as before)
        return place_value(inside[0])

    @staticmethod
    def _hold_wish(fs: JsonDict, understanding: nlu.Understanding, ctx: StepContext) -> None:
        """娃上幼儿园了 想在附近找点活 before the status question: no work now, willing, and where (near home),
        held for their questions (the wish was answered "登记好了 …" and then all of it asked again)."""
        answers = fs["answers"]
        if "employment_status" in answers or nlu.about_someone_else(understanding.text) or not wants_work(
                understanding):
            return
        looking = {**answers, "employment_status": "unemployed"}
        fills = prefill(SURVEY_FORM, looking, understanding, current=None, today=ctx.today)
        kept = {"employment_status": "unemployed", "willing_to_work": "yes"} | {
            k: v for k, v in fills.items() if k in ("preferred_scope", "desired_jobs", "available_from")}
        fs["held"] = {**(fs.get("held") or {}), **kept}

    def _employer_unnamed(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """厂名叫不出来 (台湾老板的): the employer's name is not known. At the employer question, what describes it
        is the answer (台湾老板的厂), or it is not known; at a later question the workplace on record is described
        (台湾老板的电子厂), and that question asked again."""
        fs = r.state["survey"]
        described = employer_unnamed(text)
        if described is None or "employer" not in {x.key for x in SURVEY_FORM.applicable(fs["answers"])}:
            return False
        if f.key == "work_place" and bare_site(described):
            return False  # 一个工地 名字忘了 at the work address: the site is the place (it was kept as the employer)
        if f.key == "employer":
            if described:
                self._accept(r, f, described, None, ctx)
            else:
                self._dont_know(r, f, ctx)
            return True
        if not described:
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return True
        self._answer_elsewhere(r, f, "employer", described_employer(fs["answers"].get("employer"), described), ctx)
        return True

    def _work_itself(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """给人放羊 at the work address or the employer: the work itself (it was stored as the address or employer);
        recorded as the job and the question asked again. Done at home (手工活在家做): the address, no employer and
        the way of working recorded, and the employer's contract, insurance and wages not asked (fields.employee;
        a no there opened a rights case)."""
        if f.key == "employment_status":
            # 手工活在家做, 在家带孙子 手工活在家做 at the status question: work at home (it was 请回复数字, or 暂时不能
            # 工作 for the grandchild cared for beside it).
            said = next((w for part in PARTS.split(text) if part and (w := work_itself(part)) and w[1]), None)
        elif f.key in ("work_place", "employer"):
            said = work_itself(text)
        else:
            return False
        if said is None:
            return False
        fs = r.state["survey"]
        answers = fs["answers"]
        job, home = said
        fills: dict[str, Any] = {"employment_status": "employed"} if f.key == "employment_status" else {}
        if "job_type" not in answers and not isinstance(job_type := replies.read_answer(
                SURVEY_FORM.field("job_type"), job, fs, ctx), Invalid | None):
            fills["job_type"] = job_type
        if home:
            fills |= {key: value for key, value in (
                ("work_place", value_of("work_itself", "place")), ("employer", value_of("work_itself", "employer")),
                ("employer_contact", None), ("employment_form", "flexible"),
                ("work_division", answers.get("home_division")),  # (at home: the home's place)
            ) if key not in answers and (key != "work_division" or value is not None)}
        if not fills and (home or not answers.get("job_type")):
            return False
        fs["misses"] = 0
        for key in sorted(fills, key=FIELD_KEYS.index):
            self._record(r, forms.set_answer(SURVEY_FORM, fs, key, fills[key]), ctx)
        told = [(k, fills[k]) for k in sorted(fills, key=FIELD_KEYS.index) if fills[k] is not None]
        # (the job known already, 给人放羊 again at the employer: said back as known, and the question again)
        r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, told or [("job_type", answers["job_type"])],
                                                     ctx.locale))
        if home or f.key in fs["answers"]:
            self._next(r, ctx)
        else:
            r.outbound.append(forms.ask(SURVEY_FORM, fs, f))  # 给人放羊: where, or for whom, is still the question
            self._sync_awaiting(r)
        return True

    def _phone_at_id_question(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """手机号13677778899 at the ID question: the phone (noted, or changed when it differs), and the ID asked
        again as it was (it said "身份证号码应该是18位": no ID number was typed wrong)."""
        fs = r.state["survey"]
        phone = nlu.parse_phone(text)
        if phone is None or nlu.parse_id_number(text) is not None or _LONG_DIGITS.search(_digits_only(text)):
            return False
        before = fs["answers"].get("phone")
        self._record(r, forms.set_answer(SURVEY_FORM, fs, "phone", phone), ctx)
        said = forms.noted(SURVEY_FORM, [("phone", phone)], ctx.locale)
        r.say("survey.corrected" if before not in (None, phone) else "survey.prefilled", items=said)
        r.outbound.append(self._open_question(fs, f, ctx))
        self._sync_awaiting(r)
        return True

    def _still_looking_at_name(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """还在找 / 还没找到 / 在找活 at the name question: no name (还在找 was saved as one), but no work and a
        wish for it, kept and said back; the name asked again."""
        said = forms.squash(nlu.normalize(text)).strip("了呢啊呀哦嘛吧的。.!！~")
        if said not in words_of("still_looking"):
            return False
        answers = r.state["survey"]["answers"]
        fills = {"employment_status": "unemployed", "willing_to_work": "yes"}
        if answers.get("employment_status") not in (None, "unemployed"):
            fills = {}  # a status said before stands; the words are no name all the same
        self._apply_fills(r, {k: v for k, v in fills.items() if k not in answers}, ctx)
        r.outbound.append(forms.ask(SURVEY_FORM, r.state["survey"], f))
        self._sync_awaiting(r)
        return True

    def _answer_and_more(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """"1 离家近点" at the help wanted: the answer first, then what the rest tells another question (the
        scope); both taken. Only when the rest does tell something."""
        if not f.choices:
            return False  # (before the words are read: no options at this question)
        fs = r.state["survey"]
        numbers = forms.choices_then_words(nlu.as_typed(text))
        if numbers is None:
            return False
        head, rest = numbers
        value = replies.read_answer(f, head, fs, ctx)
        if value is None or isinstance(value, Invalid):
            return False
        more = nlu.understand(rest, ctx.today)
        if not prefill(SURVEY_FORM, {**fs["answers"], f.key: value}, more, current=f.key, today=ctx.today):
            return False
        self._accept(r, f, value, more, ctx)
        return True

    def _work_place_narrowed(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """长安镇 alone at the employer's phone, after 广东 or 东莞 was the place of work: the township inside it,
        the place made exact and said back (it was "电话好像不对"); the question open asked again."""
        fs = r.state["survey"]
        work = fs["answers"].get("work_division")
        if f.key == "work_division" or not isinstance(work, dict) or len(str(work.get("code") or "")) >= _TOWNSHIP:
            return False
        inside = nlu.places_within(text, str(work["code"]), at_work=True)
        if len(inside) != 1 or not _PLACE_ONLY.fullmatch(forms.squash(text).replace(inside[0].name, "", 1)):
            return False
        self._apply_fills(r, {"work_division": place_value(inside[0])}, ctx)
        r.outbound.append(self._open_question(fs, f, ctx))
        self._sync_awaiting(r)
        return True

    def _contract_ahead(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """没签 / 合同签了 at the pay question or the days of a day rate (the contract question comes two questions
        on), or at another question of the job that reads no such answer (the place of work): the contract's
        answer, kept (held until its question applies) and said back, and this question again (the days still), no
        miss counted (it was "没看懂金额", then the pay left unknown and the contract asked all the same)."""
        fs = r.state["survey"]
        if f.key not in _BEFORE_CONTRACT or "contract_signed" in fs["answers"]:
            return False  # (before the words are read: most questions are not before the contract's)
        said = _CONTRACT_ALONE.fullmatch(nlu.normalize(text).strip(" 。.!！~"))
        if said is None:
            return False
        signed = "no" if said.group(1) else "yes"
        if SURVEY_FORM.field("contract_signed").applies(fs["answers"]):
            self._record(r, forms.set_answer(SURVEY_FORM, fs, "contract_signed", signed), ctx)
        else:
            fs["held"] = {**(fs.get("held") or {}), "contract_signed": signed}
        r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [("contract_signed", signed)], ctx.locale))
        r.outbound.append(self._open_question(fs, f, ctx))
        self._sync_awaiting(r)
        return True

    def _days_ahead(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """二十来天吧 at the employer's phone, after 一天一百五 was told: the days worked a month, for the pay (it
        was "电话好像不对"); the pay said back, the question open asked again."""
        fs = r.state["survey"]
        rate = fs.get("day_rate")
        if rate is None:
            return False  # (no day's pay told: the days are not read, at most questions most of the time)
        days = nlu.parse_days_worked(text)
        if days is None or "monthly_income" in fs["answers"] or f.key == "monthly_income":
            return False
        if not (MIN_INCOME <= int(rate) * days <= MAX_INCOME) or not _DAYS_ONLY.fullmatch(forms.squash(text)):
            return False
        fs.pop("day_rate", None)
        self._apply_fills(r, {"monthly_income": int(rate) * days}, ctx)
        r.outbound.append(self._open_question(fs, f, ctx))
        self._sync_awaiting(r)
        return True

    def _boss_at_his_phone(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """"跟着老乡干的 包工头姓王" at the employer's phone question (it was "电话好像不对"): whom they work for, kept
        with the employer on record (中建 王包工头); his phone asked again, or left empty when they said they have
        none (老板姓李 电话没有)."""
        fs = r.state["survey"]
        if f.key != "employer_contact" or nlu.parse_phone(text) is not None:
            return False
        boss = boss_named(text) or boss_beside(text)
        if boss is None:
            return False
        employer = fs["answers"].get("employer")
        named = boss if not isinstance(employer, str) or boss in employer else f"{employer} {boss}"
        self._record(r, forms.set_answer(SURVEY_FORM, fs, "employer", named), ctx)
        r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [("employer", named)], ctx.locale))
        if _NO_PHONE_BESIDE.search(nlu.normalize(text)):
            self._accept(r, f, None, None, ctx)
            return True
        r.outbound.append(self._open_question(fs, f, ctx))
        self._sync_awaiting(r)
        return True

    def _no_job_after_all(
        self, r: StepResult, f: FormField, understanding: nlu.Understanding, ctx: StepContext
    ) -> bool:
        """At a question about the job, "不对 俺没有工作 在家种地不算 想找活干": the status answer was wrong, not a
        job lost (nothing to register). The job's answers go, the unemployed branch is asked."""
        fs = r.state["survey"]
        if f.key not in JOB_FIELDS or fs["answers"].get("employment_status") != "employed":
            return False
        text = understanding.text
        corrects = correction_cue().search(nlu.normalize(text)) is not None or wants_work(understanding)
        if not corrects or not (nlu.says_no_job(text) or nlu.farms_only(text)):
            return False
        # 不对 我没上班 腿脚不行了: no work, and unable to work now (it was recorded as looking for work).
        status = "unable" if understanding.status == "unable" else "unemployed"
        changes = forms.clear_answers(SURVEY_FORM, fs, JOB_FIELDS)
        changes |= forms.set_answer(SURVEY_FORM, fs, "employment_status", status)
        self._record(r, changes, ctx)
        r.emit("employment_status_changed", old="employed", new=status, reason="corrected", channel=ctx.channel)
        f_status = SURVEY_FORM.field("employment_status")
        shown = forms.display_value(f_status, status, ctx.locale)
        r.say("survey.corrected", items=f"{catalog(ctx.locale).get(f_status.label)}: {shown}")
        fs["detour"] = None
        fs["editing"] = False
        self._apply_prefill(r, understanding, None, ctx)
        self._next(r, ctx)
        return True

    def _keep_conditions(self, r: StepResult, conditions: list[str], ctx: StepContext) -> None:
        """What the work must allow, kept for the work wished for (added to it when it is already answered)."""
        fs = r.state["survey"]
        kept = [*fs.get("conditions", []), *(c for c in conditions if c not in fs.get("conditions", []))]
        if "desired_jobs" in fs["answers"]:
            # (进厂 (深圳市): a place wished, in the brackets too, stays before the conditions; it was replaced)
            said = re.search(r"\(([^()]*)\)$", str(fs["answers"]["desired_jobs"] or ""))
            before = [x for x in (said.group(1).split("、") if said else ()) if x not in kept]
            wished = with_conditions(_without_conditions(fs["answers"]["desired_jobs"]), [*before, *kept])
            self._record(r, forms.set_answer(SURVEY_FORM, fs, "desired_jobs", wished), ctx)
        fs["conditions"] = kept

    def _accept(
        self, r: StepResult, f: FormField, value: Any, understanding: nlu.Understanding | None, ctx: StepContext
    ) -> None:
        fs = r.state["survey"]
        fs["misses"] = 0
        fs.pop("pending", None)
        if f.key == "desired_jobs" and (fs.get("conditions") or fs.get("place_wished")):
            # 保洁 (只能干半天); 普工 (深圳市) after 想去深圳
            value = with_conditions(value, [*filter(None, [fs.pop("place_wished", None)]), *fs.get("conditions", [])])
        if f.key == "work_place":
            fs.pop("town_asked", None)  # (which 马场 was asked: the address answered another way, 不知道 among them)
            said_before = fs.pop("town_said_at_work", None)
            if value is None and said_before:
                # 马场那边, then 不知道 which county: the address as said, with the city (it was left empty), said back
                value = said_before
                r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [(f.key, value)], ctx.locale))
        if f.key == "name" and isinstance(value, str) and SIBLING_NAME.fullmatch(value):
            r.say(NAME_AS_CALLED, name=value)  # 杨老四: recorded, and how to give the ID card's name if it differs
        if f.key == "home_village" and isinstance(value, str):
            value = _without_township(value, fs["answers"])  # 赤城街道 李湾: 李湾 (the township refines the home)
        if f.key == "home_division" and (town := fs.pop("town_said", None)) and isinstance(value, dict) and len(
                code := str(value.get("code") or "")) == 6:
            # 城关镇 said beside the ID number, its county unknown then: the county said now is read with it (the
            # township found there, or said not found).
            within = {place.code: place for place in nlu.places_within(town, code)}
            if len(within) == 1:
                value = place_value(next(iter(within.values())))
            elif understanding is not None and township_said(understanding.text) is None:
                understanding = nlu.understand(f"{understanding.text} {town}", ctx.today)
        changes = forms.set_answer(SURVEY_FORM, fs, f.key, value)
        self._record(r, changes, ctx)
        said = len(r.outbound)
        if understanding is not None:
            before = dict(fs["answers"])
            self._apply_prefill(r, understanding, f.key, ctx)
            if f.key in _SAID_WITH_MORE:
                self._said_whole(r, f.key, before, said, ctx)
            if f.key in IDENTITY_FIELDS and "employment_status" not in fs["answers"]:
                hold_wish(fs, understanding, ctx.today)  # 彭小军 想找个活干: the wish kept (it was asked again)
        # (城关镇 李集村 at the village question, with 商城县 on record: the township not found is said too; it was
        # dropped without a word)
        missed = town_not_found(understanding.text, fs["answers"].get("home_division")) if (
            f.key in ("home_division", "home_village") and understanding is not None) else None
        if fs.get("editing") and forms.next_field(SURVEY_FORM, fs["answers"]) is None:
            fs["editing"] = False
        if understanding is not None and f.key != "id_number" and "id_number" not in fs["answers"] and (
                (problem := nlu.id_number_problem(understanding.text)) in ID_SHAPED or (
                    problem == "length" and _ID_LENGTH_WRONG.search(nlu.normalize(understanding.text)))):
            # (身份证5205261975081200, two digits short, with the rest of the form: it was asked again with no word)
            r.say(ID_PROBLEMS[str(problem)])  # 我叫刘兰 身份证4115…(a digit wrong): why the number is asked again
        if f.key == "willing_to_work" and understanding is not None and not understanding.text.strip().isdigit():
            self._next(r, ctx)
            if not any(m.key == "survey.prefilled" for m in r.outbound[said:]):
                # 想干, 过段时间再说: what was recorded, said back (a word read as a choice; a number needs none;
                # what else the words told, said back, says it: 过完年再说 -> 可上岗时间)
                r.outbound.insert(said, Outbound(key="survey.prefilled", params={
                    "items": forms.noted(SURVEY_FORM, [(f.key, value)], ctx.locale)}))
            return
        if missed is not None:
            # 商城县城关镇: the county kept, the township said not found (it was dropped without a word), the
            # nearest named; asked again with the village (a township told there refines the home: prefill).
            asking = "home_village" not in fs["answers"]  # (told with the village: changed at the summary)
            r.outbound.append(_town_missed(missed, asking))
        said = len(r.outbound)
        self._next(r, ctx)
        if f.key == "name" and understanding is not None and "身份证" in understanding.normalized and (
                nlu.is_later(understanding.text.replace(str(value), " ")) or id_card_not_at_hand(
                    understanding.normalized)):
            # 我叫龙建华 身份证等下发给你: the ID question comes with "不着急" (it came as if nothing had been said).
            r.outbound[said:] = [Outbound(key="survey.id_number.not_at_hand") if m.key == "survey.id_number.prompt"
                                 else m for m in r.outbound[said:]]
        if missed is not None:
            r.outbound[said:] = [
                Outbound(key="survey.home_village.with_town",
                         params={"town": missed.nearest[0] if missed.nearest else ""})
                if m.key == "survey.home_village.prompt" else m for m in r.outbound[said:]
            ]

    def _place_at_household(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """萧山那边 at the household number, the home known (湖南麻阳) and work in 杭州: a place, not the number (it was
        "户编号好像不对"): within the place of work it narrows it; elsewhere the number is explained. The home not
        known yet, a place there is the home (later_answer), as before."""
        place = nlu.resolve_place(text)
        answers = r.state["survey"]["answers"]
        home = str((answers.get("home_division") or {}).get("code") or "")
        if place is None or not home or place.code.startswith(home):
            return False
        work = str((answers.get("work_division") or {}).get("code") or "")
        if work and place.code.startswith(work) and place.code != work:
            self._answer_elsewhere(r, f, "work_division", place_value(place), ctx)
            return True
        r.say("survey.household_id.place_said", place=place.name)
        self._sync_awaiting(r)
        return True

    def _id_later(self, r: StepResult, f: FormField, kind: str, ctx: StepContext) -> None:
        """The ID number put off: left empty and the form goes on; asked once more before the summary (flow.py,
        `id_later` "open" then "asked"), and put off again there, the rest is saved without it."""
        fs = r.state["survey"]
        again = fs.get("id_later") == "asked"
        fs["id_later"] = "left" if again else "open"
        r.say("survey.id_number." + ("still_later" if again else kind))
        self._accept(r, f, None, None, ctx)

    def _accept_several(self, r: StepResult, run: list[tuple[str, Any]], ctx: StepContext) -> None:
        """Answers to the open question and the ones after it, in order; then the first still open."""
        fs = r.state["survey"]
        fs["misses"] = 0
        fs.pop("pending", None)
        for key, value in run:
            self._record(r, forms.set_answer(SURVEY_FORM, fs, key, value), ctx)
        if len(run) > 1:
            r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, run, ctx.locale))
        self._next(r, ctx)

    def _missed(self, r: StepResult, f: FormField, value: Invalid) -> None:
        fs = r.state["survey"]
        fs["misses"] = int(fs.get("misses", 0)) + 1
        log.info("survey: answer to %s not accepted (%s)", f.key, value.reprompt)
        r.say(value.reprompt, options=tuple(c.label for c in f.choices), **value.params)
        if fs["misses"] >= STUCK_AFTER:
            # The way out never tells the person to skip a question that must be answered.
            r.say("survey.stuck_optional" if f.optional else "survey.stuck")
        self._sync_awaiting(r)

    def _open_question(self, fs: JsonDict, f: FormField, ctx: StepContext) -> Outbound:
        """The question open on this field: its follow-up when one is open (the days of a day rate), else itself."""
        pending = fs.get("pending")
        if pending and pending.get("field") == f.key:
            return replies.follow_up_question(f, pending, ctx)
        return forms.ask(SURVEY_FORM, fs, f)

    def _job_terms_ahead(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """合同没签 社保也没有 工钱年底才结 at the way of working (or another question of the job before the
        contract's): each part names one of the contract, insurance and wages questions and answers it; all are
        taken (held until their questions apply) and said back, and the question open asked again (only the wages
        were kept, and the contract and the insurance asked again)."""
        fs = r.state["survey"]
        if f.key not in _BEFORE_TERMS:
            return False
        answers = fs["answers"]
        found: dict[str, Any] = {}
        for part in _TERM_PARTS.split(nlu.normalize(text).strip()):
            if not part:
                continue
            named = [key for key, words in _TERM_SUBJECTS.items() if any(word in part for word in words)]
            if len(named) != 1 or named[0] in answers or named[0] in found:
                return False
            value = replies.read_answer(SURVEY_FORM.field(named[0]), part, fs, ctx)
            if value not in ("yes", "no"):
                return False
            found[named[0]] = value
        if len(found) < 2:
            return False
        held = {key: value for key, value in found.items() if not SURVEY_FORM.field(key).applies(answers)}
        if held:
            fs["held"] = {**(fs.get("held") or {}), **held}
        for key, value in found.items():
            if key not in held:
                self._record(r, forms.set_answer(SURVEY_FORM, fs, key, value), ctx)
        r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, list(found.items()), ctx.locale))
        r.outbound.append(self._open_question(fs, f, ctx))
        self._sync_awaiting(r)
        return True

    def _pay_arrangement_ahead(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """年底结 at the way of working: how the pay comes (at year end: not on time), the wages question's answer,
        said back, and the way of working asked again (it was "请回复数字 1 到 5")."""
        fs = r.state["survey"]
        if f.key != "employment_form" or "wages_on_time" in fs["answers"] or not _PAY_WHEN.search(
                nlu.normalize(text)):
            return False
        value = replies.read_answer(SURVEY_FORM.field("wages_on_time"), text, fs, ctx)
        if value not in ("yes", "no"):
            return False
        # (recorded now: it applies to every way of working but 自主创业, whose choice drops it again)
        self._record(r, forms.set_answer(SURVEY_FORM, fs, "wages_on_time", value), ctx)
        r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [("wages_on_time", value)], ctx.locale))
        r.outbound.append(self._open_question(fs, f, ctx))
        self._sync_awaiting(r)
        return True

    def _year_of_start(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """前年 at the pay question after 不知道 at the start: the year the job started, its month asked as at the
        start question (it was "没看懂金额"); the pay is asked after it."""
        fs = r.state["survey"]
        answers = fs["answers"]
        if f.key != "monthly_income" or "started" not in answers or answers["started"] is not None:
            return False
        started = SURVEY_FORM.field("started")
        value = replies.read_answer(started, text, fs, ctx)
        if not (isinstance(value, Invalid) and value.reprompt == ASK_MONTH):
            return False
        fs["field"] = started.key
        fs["pending"], question = replies.follow_up_prompt(started, value, ctx)
        r.outbound.append(question)
        self._sync_awaiting(r)
        return True

    def _follow_up(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """The answer to a follow-up question on this field (confirm a hedged answer; days after a rate)."""
        fs = r.state["survey"]
        pending = fs.pop("pending", None)
        if not pending or pending.get("field") != f.key:
            return False
        if pending.get("kind") == ASK_MONTH and (taken_back := CHANGED_MIND.match(nlu.normalize(text))) and (
                year := year_alone(taken_back.group(1), ctx.today)) is not None and year != pending.get("year"):
            # 不对 是2019年 at "是2018年的几月?": the year corrected, its month asked (it was saved as the job).
            pending["year"] = year
            fs["pending"] = pending
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return True
        verdict = replies.follow_up(f, pending, text, ctx)
        if verdict is None and pending.get("kind") == ASK_DAYS and (
                _DAYS_UNSURE.search(nlu.normalize(text)) or nlu.is_dont_know(text)):
            # 不一定, 看活多活少, 说不准 at the days of a day rate: the month counted at the usual days, said so (the
            # pay was left empty and the day rate lost).
            self._days_estimated(r, f, pending, ctx)
            return True
        if verdict is None:
            # Not an answer to the follow-up: read as an answer to the field itself, the follow-up still open
            # (没签 也没买保险 at the days of a day rate: reported, then the days asked again, not the whole pay).
            fs["pending"] = pending
            return False
        if verdict is False:
            if pending.get("kind") == ASK_DAYS:
                fs["pending"] = pending  # a bare 1 at the days: the days asked again, not the whole pay
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return True
        # 想 去浙江那边进厂 at the side-job question: no other work, and the wish (and where) kept for later.
        wished = pending.get("kind") == ASK_SIDE_JOB and verdict == "unemployed"
        said = nlu.understand(text, ctx.today) if wished else None
        if pending.get("kind") == ASK_MONTH and isinstance(verdict, str) and verdict.isdigit():
            r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [(f.key, verdict)], ctx.locale))  # the year
        if pending.get("kind") == ASK_DAYS and pending.get("high") and isinstance(verdict, int):
            # 一天两三百, then 二十来天: the range as said, the month's low end recorded (it said nothing and kept 200).
            rate, high = int(pending["rate"]), int(pending["high"])
            days = verdict // rate
            r.say(replies.RANGE_NOTED, rate=rate, high=high, days=days, low=verdict, top=high * days)
        self._accept(r, f, verdict, said, ctx)
        return True

    @staticmethod
    def _name_on_card(fs: JsonDict, text: str, ctx: StepContext) -> str | None:
        """The name on the ID card sent after a name as called (杨老四, then 杨德明 or 身份证上叫杨德明): the same
        surname, a name and nothing else; None otherwise."""
        called = str(fs["answers"].get("name") or "")
        if not SIBLING_NAME.fullmatch(called) or called[0] not in text or called in text:
            return None  # (cheap: only after such a name, and only a message with its surname)
        said = forms.squash(nlu.normalize(text))
        name = nlu.name_said(text) or (said if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", said) else None)
        if name is None or not name.startswith(called[0]) or SIBLING_NAME.fullmatch(name):
            return None
        parsed = parse_name(name, ctx)
        return parsed if isinstance(parsed, str) and parsed == name else None

    def _days_missed(self, r: StepResult, f: FormField, ctx: StepContext) -> bool:
        """An answer that is neither the days nor a month's pay at the days of a day rate: the days asked again
        once, with a way to say it roughly; the second time the month is counted at the usual days (after two
        such answers the pay was left empty and the day rate lost)."""
        fs = r.state["survey"]
        pending = fs.get("pending")
        if f.key not in INCOME_FIELDS or not pending or pending.get("kind") != ASK_DAYS or pending.get("field") != (
                f.key):
            return False
        if not pending.get("missed"):
            pending["missed"] = True
            r.say(DAYS_AGAIN, rate=int(pending["rate"]))
            self._sync_awaiting(r)
            return True
        fs.pop("pending", None)
        self._days_estimated(r, f, pending, ctx)
        return True

    def _days_estimated(self, r: StepResult, f: FormField, pending: JsonDict, ctx: StepContext) -> None:
        rate = int(pending["rate"])
        monthly = rate * USUAL_DAYS
        if not MIN_INCOME <= monthly <= MAX_INCOME:
            self._accept(r, f, None, None, ctx)
            return
        r.say(DAYS_ESTIMATED, rate=rate, days=USUAL_DAYS, monthly=monthly)
        self._accept(r, f, monthly, None, ctx)

    def _dont_know(self, r: StepResult, f: FormField, ctx: StepContext) -> None:
        """不记得了 / 本本没带: an optional field is left unknown; a required one is asked again, with a
        way to get help and never an offer to skip it."""
        if f.optional:
            self._accept(r, f, None, None, ctx)
            return
        if f.key == "social_insurance" or (f.key == "wages_on_time" and _new_job(r.state["survey"]["answers"], ctx)):
            # 不晓得 交没交: a laborer often cannot know whether the employer pays it; recorded unknown (as wages
            # not paid yet are), said so kindly, and the survey goes on (it was "这一项要填 … 问问家里人"). The
            # wages of a job begun this month (or not yet) are as little known.
            r.say(f"survey.{f.key}.unknown")
            self._accept(r, f, None, None, ctx)
            return
        fs = r.state["survey"]
        if f.key == "employment_form" and works_away(fs["answers"]) and not fs.get("form_offered"):
            # Working outside the home county, 不知道 which way of working that is: 外出务工, to confirm by 1.
            fs["form_offered"] = True
            fs["pending"], question = replies.follow_up_prompt(f, Invalid(CONFIRM, {"value": "migrant"}), ctx)
            r.outbound.append(question)
            self._sync_awaiting(r)
            return
        if f.key == "employer" and int(fs.get("misses", 0)) >= 1:
            # 不知道 again after the hint (给人放羊, 跟着亲戚干: no firm, no boss's name they can give): left blank,
            # the survey goes on (it asked the same, without end).
            r.say("survey.employer.unknown")
            if "employer_contact" not in fs["answers"]:  # (nor its phone: not asked)
                self._record(r, forms.set_answer(SURVEY_FORM, fs, "employer_contact", None), ctx)
            self._accept(r, f, None, None, ctx)
            return
        fs["misses"] = int(fs.get("misses", 0)) + 1
        # 不知道 at the employer: whom they work for said another way (老板姓什么, 哪个工地); family cannot know it.
        r.say(_UNKNOWN_EMPLOYER if f.key == "employer" else "survey.required")
        r.outbound.append(self._open_question(fs, f, ctx))
        self._sync_awaiting(r)

    def _late_dont_know(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """Don't-know said of an optional question already passed (不知道啥编号 at the village question), or of one
        still to come (户号不晓得 at the ID question): it answers that one, which is said back, and the open question
        is asked again; nothing is missed."""
        fs = r.state["survey"]
        before = [x.key for x in SURVEY_FORM.applicable(fs["answers"])]
        if f.key not in before:
            return False
        at = before.index(f.key)
        # (still to come, or already unknown: 不知道户号 said again is said back the same)
        ahead = [key for key in before[at + 1 :] if fs["answers"].get(key) is None]
        for named in field_name_pattern().finditer(text):
            key = field_of_name()[named.group(0)]
            if key == f.key or key not in before[:at] + ahead or not SURVEY_FORM.field(key).optional:
                continue
            self._record(r, forms.set_answer(SURVEY_FORM, fs, key, None), ctx)
            r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [(key, None)], ctx.locale))
            r.outbound.append(self._open_question(fs, f, ctx))
            self._sync_awaiting(r)
            return True
        return False

    def _answer_elsewhere(
        self, r: StepResult, f: FormField, key: str, value: Any, ctx: StepContext,
        understanding: nlu.Understanding | None = None, close: bool = False,
    ) -> None:
        """An answer that belongs to another question of the branch: recorded there, with what else the message
        tells beside it (the village with the home), said back, and the open question asked again (or, with
        `close`, left unknown as the message said); no miss counted."""
        fs = r.state["survey"]
        fs.pop("pending", None)
        self._record(r, forms.set_answer(SURVEY_FORM, fs, key, value), ctx)
        told = [key]
        if understanding is not None:
            fills = prefill(SURVEY_FORM, fs["answers"], understanding, current=key, today=ctx.today)
            for other in sorted(fills, key=FIELD_KEYS.index):
                self._record(r, forms.set_answer(SURVEY_FORM, fs, other, fills[other]), ctx)
            told += [other for other in FIELD_KEYS if other in fills and other != f.key]
        shown = [(k, fs["answers"].get(k)) for k in FIELD_KEYS if k in told]
        r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, shown, ctx.locale))
        if close:
            self._accept(r, f, None, None, ctx)
            return
        r.outbound.append(self._open_question(fs, f, ctx))
        self._sync_awaiting(r)

    def _question(self, r: StepResult, text: str, ctx: StepContext) -> None:
        """A question in the middle of the survey: answered (or passed to the caseworker), then the
        question that was open is asked again. A job or a course asked for (有没有活 离家近点的) is no policy
        question for the caseworker: the jobs come once the form is done."""
        understanding = nlu.understand(text, ctx.today)
        if understanding.intent == "seek_training" and any(w in understanding.normalized for w in words_of(
                "no_skills")):
            pass  # 没啥手艺 at the ID question: no trade, and no wish to learn one (it was "您想学的记下了")
        elif self._training_wished(r, understanding, ctx):
            pass  # 想学个电商 with the help wanted on the form: training added to it
        elif understanding.intent in ("seek_job", "seek_training") and not replies.asks_about_money(text):
            self._jobs_first(r, understanding)  # (你们介绍工作收费吗 asks what it costs: the catalogue's answer)
        elif nlu.asks_how_to_register(text):
            r.say("survey.register_here")  # 咋登记 in the middle of the form: this is it
        else:
            policy.answer_or_refer(r, text, ctx)
        self.resume(r, ctx)

    def _apply_prefill(
        self, r: StepResult, understanding: nlu.Understanding, current: str | None, ctx: StepContext
    ) -> bool:
        """Fill empty fields from what the message also says; whether it said anything. Work wished for
        before the questions about it apply (想找个看大门的活 at the name question) is kept for them."""
        fs = r.state["survey"]
        fills = prefill(SURVEY_FORM, fs["answers"], understanding, current=current, today=ctx.today)
        if understanding.intent == "rights_issue" and understanding.status is None and (
                facts := _beside_the_complaint(understanding, ctx)) is not None:
            # 在昆明工地上干钢筋 一天三百 … 合同没签 社保没有: the complaints made the whole a rights report and the
            # work told before them was dropped; read without them, then the complaints answer their questions.
            more = prefill(SURVEY_FORM, fs["answers"], facts, current=current, today=ctx.today)
            fills |= {k: v for k, v in more.items() if k not in fills}
            after = prefill(SURVEY_FORM, {**fs["answers"], **fills}, understanding, current=current, today=ctx.today)
            fills |= {k: v for k, v in after.items() if k not in fills}
        sender = replies.sender_phone(fs)
        if current != "phone" and "phone" not in fs["answers"] and "phone" not in fills and sender is not None and (
                _THIS_NUMBER.search(nlu.normalize(understanding.text))):
            fills["phone"] = sender  # 我是刘大山 身份证… 就用这个号 (by SMS): the number the message came from
        told = self._apply_fills(r, fills, ctx)
        if fills.get("preferred_scope") and "desired_jobs" not in fs["answers"] and (
                place := place_wished(understanding, fs["answers"], current)):
            fs["place_wished"] = place  # 没有活干 想去深圳: 深圳市 kept for the work wished (the scope says only 外省)
        if "home_division" not in fs["answers"] and (id_number := understanding.entities.id_number) is not None and (
                town := township_said(understanding.text.replace(id_number, " "))) is not None:
            fs["town_said"] = town  # 520526… 我是城关镇李家村的: the township kept for the home question
        elif "home_division" in fills:
            fs.pop("town_said", None)
        if current != "home_division" and "home_division" in fills and (
                missed := town_not_found(understanding.text, fs["answers"].get("home_division"))) is not None:
            # 商城县城关镇 told ahead (at the ID question): the township not found is said; it is changed at the summary
            r.outbound.append(_town_missed(missed, asking=False))
        if current != "household_id" and "household_id" not in fs["answers"] and (
                no_household := _NO_HOUSEHOLD.search(nlu.normalize(understanding.text))):
            # 手机号18798761234 没有户号 at the phone question: the household number is not asked next.
            self._record(r, forms.set_answer(SURVEY_FORM, fs, "household_id", None), ctx)
            if no_household.group("none") or no_household.group("none_after"):
                fs["said_none"] = sorted({*(fs.get("said_none") or ()), "household_id"})
            told = True
        # (None: news of a job, 找到活了 在贵阳 还是扎钢筋 一天三百二, before its questions: the day rate was lost)
        if (current in _PAY_AHEAD or (current is None and fs["answers"].get("employment_status") == "employed")) and (
                "monthly_income" not in fs["answers"]):
            beside = facts_beside(understanding.text)
            alone = nlu.parse_daily_pay(understanding.text) if not beside.taken else None  # 一天一百二 alone
            if alone is not None and alone.days is None:
                fs["day_rate"] = alone.per_day
                told = True  # (its question asks the days; the question open is passed over for now)
            if beside.per_day is not None and beside.monthly is None:
                fs["day_rate"] = beside.per_day  # 一天两百: the days are asked at the pay question (flow.py)
                # 一天三百五 干一天算一天: the pay and how it is counted, nothing else (it was read as a phone)
                told = told or (not beside.rest and beside.job is None)
        wished = wished_jobs(understanding)
        if wished and "desired_jobs" not in fs["answers"] and current != "desired_jobs":
            fs["held"] = {**(fs.get("held") or {}), "desired_jobs": wished}
            return True
        return told

    @staticmethod
    def _said_whole(r: StepResult, key: str, before: JsonDict, said: int, ctx: StepContext) -> None:
        """威宁盐仓镇海边村 at the home question, 工地上的活都行 会开挖机 at the work wanted: what was noted beside the
        answer (the village, the skill) is said back with the answer itself (it said back the village or the skill
        alone)."""
        answers = r.state["survey"]["answers"]
        told = [(k, answers[k]) for k in FIELD_KEYS
                if k != key and answers.get(k) not in (None, []) and answers.get(k) != before.get(k)]
        own = answers.get(key)
        for i, m in enumerate(r.outbound[said:], start=said):
            if m.key == "survey.prefilled" and told and own is not None:
                said_back = [(key, own), *told]
                if key == "home_village":
                    said_back.sort(key=lambda item: FIELD_KEYS.index(item[0]))  # (the township before its village)
                items = forms.noted(SURVEY_FORM, said_back, ctx.locale)
                r.outbound[i] = Outbound(key="survey.prefilled", params={"items": items})
                return

    def _apply_fills(self, r: StepResult, fills: dict[str, Any], ctx: StepContext) -> bool:
        """Set these answers, record them, and say what was noted."""
        fs = r.state["survey"]
        if not fills:
            return False
        for key in sorted(fills, key=FIELD_KEYS.index):  # the status first: the fields of its branch apply
            value = fills[key]
            if key == "desired_jobs" and fs.get("conditions") and value:
                value = with_conditions(_without_conditions(value), fs["conditions"])  # 保洁 (只能干半天)
            self._record(r, forms.set_answer(SURVEY_FORM, fs, key, value), ctx)
        # A question answered with nothing to name (啥也不会: no skills; no help wanted) is not worth telling back.
        told = [(k, fs["answers"][k]) for k in FIELD_KEYS if k in fills and fs["answers"].get(k) not in (None, [])]
        items = forms.noted(SURVEY_FORM, told, ctx.locale)
        if items:
            r.say("survey.prefilled", items=items)
        return True


# about 4000 a month, 4,500 yuan per month, earning around 5000 a month: a month's pay said in English.
_ENGLISH_PAY = re.compile(
    r"[,;]?\s*(?:(?:i\s+)?(?:earn|earning|make|making|get|getting|paid|salary\s+is|pay\s+is)\s+)?"
    r"(?:about|around|roughly|nearly|almost|over|approximately|maybe)?\s*(?:rmb|yuan|¥)?\s*"
    r"(\d{1,3}(?:,\d{3})+|\d{3,6})\s*(?:yuan|rmb|kuai)?\s*(?:a|per|each|every|/)\s*month\b",
    re.IGNORECASE,
)


def english_pay(text: str) -> tuple[int, str] | None:
    """The month's pay said in English in a message about more (security guard, about 4000 a month) and the
    rest of the message; None when there is none (or the message is not English)."""
    if not text.isascii():
        return None
    found = _ENGLISH_PAY.search(text)
    if found is None:
        return None
    rest = (text[: found.start()] + " " + text[found.end() :]).strip(" ,.;")
    return int(found.group(1).replace(",", "")), re.sub(r"\s+", " ", rest)


def _address_beside(fs: JsonDict, place: JsonDict, text: str, ctx: StepContext) -> str | None:
    """The address told in parts of their own beside the place of work said as "here" (县里 白果那边的工地:
    白果那边的工地), or None (东莞 厚街: 厚街 is the township, part of the place)."""
    parts = nlu.normalize(text).split()
    if nlu.local_level(text) is None or "work_place" in fs["answers"]:
        return None
    rest = [p for p in parts if nlu.local_level(p) is None and nlu.resolve_place(p) is None and (
        p not in str(place.get("name") or ""))]
    if not rest or len(rest) == len(parts):
        return None
    where = replies.read_answer(SURVEY_FORM.field("work_place"), " ".join(rest), fs, ctx)
    return where if isinstance(where, str) and where else None


def _new_job(answers: JsonDict, ctx: StepContext) -> bool:
    """A job started this month or to start (下礼拜一去): no pay day has come yet."""
    started = answers.get("started")
    return isinstance(started, str) and started >= f"{ctx.today:%Y-%m}"


_UNDECIDED_AROUND = re.compile(r"^(?:我|俺|现在|暂时|目前|还|也|都)+|(?:吧|呢|啊|哦|了|呀|嘛|哈|的|啦|\.|!|~)+$")


# A yes or a 还 before being at work (是的还在上班, 还在上班): an answer about work, not "busy at work now" (我在上班).
_STILL = re.compile(r"^(?:是的?|对的?|嗯+|没错)|还在")


def _still_at_work(text: str, understanding: nlu.Understanding) -> bool:
    return understanding.status == "employed" and _STILL.search(forms.squash(nlu.normalize(text))) is not None


# Answers "没有" cannot give as none: a month (开始时间: 没有 read at the summary as if the job had no start) or
# a sum; such a 没有 leaves them unknown, shown as the others not known are (不知道; left out on SMS).
_NEVER_NONE = MONTH_FIELDS | {"monthly_income", "expected_income"}


# How the pay comes (年底结, 过年才给钱, 一年一结, 月底发): said at the way of working, it answers the wages question.
_PAY_WHEN = re.compile(
    r"(?:年底|年终|年末|过年|月底|月初|每个月|按月|按天|日结|月结|年结|一年一|半年一)\S{0,4}?(?:结|发|给|算)")


# A reply that opens with when (随时都可以, 马上就能去): about the start, whatever choice word follows.
_WHEN_ANY_TIME = re.compile(r"(?:随时|马上|立刻|立马|啥时候都|什么时候都|哪天都)")


# A village group typed alone (二组, 3组, 五社, 二组的).
_GROUP_ALONE = re.compile(r"(?:我们?|俺们?|我家|俺家|是)?([一二三四五六七八九十\d]{1,3}(?:组|社|队))(?:的|嘛|哦|啊)?")
_HAS_GROUP = re.compile(r"[一二三四五六七八九十\d](?:组|社|队)$")


def _village_with_group(answers: JsonDict, text: str) -> str | None:
    """The village said before with the group typed alone now (新发村 + 二组 -> 新发村二组); None when the message
    is no group alone or the village already has one."""
    village = answers.get("home_village")
    found = _GROUP_ALONE.fullmatch(forms.squash(nlu.normalize(text)))
    if found is None or not isinstance(village, str) or not village or _HAS_GROUP.search(village):
        return None
    return village + found.group(1)


def _village_restated(answers: JsonDict, text: str) -> str | None:
    """年丰村 from 石门乡 年丰村 (or 年丰村 alone) typed at a choice question after another village was recorded, the
    home's township on record: the village it now says (it was "请回复数字 1、2 或 3"); None otherwise."""
    village = answers.get("home_village")
    if not isinstance(village, str) or "村" not in text or len(str(
            (answers.get("home_division") or {}).get("code") or "")) < 6:
        return None
    said = _without_township(nlu.normalize(text).strip(" 。.!！~"), answers)
    return said if said != village and said.endswith("村") and village_alone(said) else None


# 这个户号是啥, 啥是户编号, 建档立卡户编号是什么: what the household number is.
_WHAT_HOUSEHOLD_NUMBER = re.compile(
    r"(?:户号|户编号|编号)(?:是|指的是)?(?:啥|什么|哪个|哪个号)|(?:啥|什么)(?:是|叫)?(?:户号|户编号)")
_YES_FIRST = re.compile(r"^(?:是的?|对的?|嗯+|没错)")
_FIRST_PART = re.compile(r"^\s*(\S+?)[\s,，、。]+(.+)$")


def _sender_then_more(text: str) -> str | None:
    """1 没有户号, 就这个号 在贵阳: the SMS sender's number accepted by the first part, and the rest (None when the
    message is only that, or gives a number of its own)."""
    parts = _FIRST_PART.match(nlu.normalize(text))
    if parts is None or nlu.parse_phone(text) is not None:
        return None
    first, rest = parts.group(1), parts.group(2).strip()
    if not rest or not replies.accepts_sender(first) or replies.accepts_sender(rest):
        return None
    return rest


def _yes_then_working(text: str) -> bool:
    """是的 在工作, 对 在上班: a yes, then the words of the option "在工作" (read as the status question reads them)."""
    said = forms.squash(nlu.normalize(text))
    lead = _YES_FIRST.match(said)
    if lead is None or lead.end() == len(said):
        return False
    rest = said[lead.end():]
    return rest == "在工作" or rest in synonyms("employment_status", "employed")


# The words between the yes and the don't-know at the household number (有 但是不记得, 有的 就是记不清了).
_BUT = re.compile(r"^(?:但是|但|不过|就是|可是|可|只是|只不过)")


# Longer than this, a message says more than a place again (checked before the place look-ups, every message).
_PLACE_AGAIN_LONGEST = 12


def _work_place_again(answers: JsonDict, text: str) -> str | None:
    """The place of work on record (or a wider one) said again and nothing else (嗯 还在东莞): its name."""
    work = str((answers.get("work_division") or {}).get("code") or "")
    if not work or len(text) > _PLACE_AGAIN_LONGEST or any(c.isdigit() for c in text) or not only_places(text) or (
            place := nlu.resolve_place(text)) is None:
        return None
    return place.name if work.startswith(place.code) else None


def _registered_number_unknown(text: str) -> bool:
    """有 但是不记得, 是建档立卡户 号记不清了: a yes (a word of `[household_registered]`) opening the reply, then
    only not knowing (the number)."""
    said = forms.squash(nlu.normalize(text))
    for word in sorted(words_of("household_registered"), key=len, reverse=True):
        if said.startswith(word) and len(said) > len(word):
            rest = _BUT.sub("", said[len(word):])
            rest = re.sub(r"^(?:编号|户号|号码|号)", "", rest)
            return bool(rest) and nlu.is_dont_know(rest)
    return False


def _undecided(text: str) -> bool:
    """不清楚, 还没想好呢, not sure: not decided yet (a word list of the survey's vocabulary, matched whole)."""
    said = _UNDECIDED_AROUND.sub("", forms.squash(nlu.normalize(text)).lower())
    return bool(said) and said in words_of("undecided")
