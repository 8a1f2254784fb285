"""The employment information form of PRODUCT.md: its fields in order, their parsers and branch conditions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

from dialogs import forms, near_home, nlu
from dialogs.flows import english
from dialogs.flows.survey.beside import UNNAMED_WORKPLACE, facts_beside, job_said
from dialogs.flows.survey.vocabulary import (
    english_job,
    english_month,
    english_year_alone,
    insurance_kinds,
    job_subjects,
    own_synonyms,
    plain_work,
    synonyms,
    value_of,
    words_of,
)
from dialogs.forms import Choice, Form, FormField, Invalid, is_refusal, is_skip, squash
from dialogs.nlu import digit_runs
from dialogs.nlu.lexicon import alternation, word_set
from dialogs.nlu.memo import short_memo
from dialogs.nlu.numerals import parse_numeral
from dialogs.types import JsonDict, StepContext
from storage.crypto import mask_id_number, mask_phone

# Fields whose value is an administrative division, stored as {"code": ..., "name": ...}.
PLACE_FIELDS = frozenset({"home_division", "work_division"})
MONTH_FIELDS = frozenset({"started", "available_from"})
INCOME_FIELDS = frozenset({"monthly_income", "expected_income"})
PHONE_FIELDS = frozenset({"phone", "employer_contact"})
YES_NO_FIELDS = frozenset({"contract_signed", "social_insurance", "wages_on_time"})
# What a new job replaces: everything about the old one.
JOB_FIELDS = (
    "work_division", "work_place", "employer", "employer_contact", "job_type", "started", "monthly_income",
    "employment_form", "contract_signed", "social_insurance", "wages_on_time",
)
MIN_INCOME, MAX_INCOME = 100, 200_000


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def place_value(place: nlu.Place) -> JsonDict:
    """A division as stored in the answers: its code, and the full name from the province down."""
    path = nlu.place_path(place.code)
    return {"code": place.code, "name": "".join(p.name for p in path) or place.name}


def place_from_code(code: str) -> JsonDict:
    place = nlu.place_by_code(code)
    return place_value(place) if place is not None else {"code": code, "name": code}


# -- parsers: value, Invalid (what was wrong), or None (not understood: the field's re-prompt) -------------

_NAME_PREFIX = re.compile(
    r"^(?:(?:我|俺|咱|本人)?(?:的)?(?:名字|姓名|大名|真名|学名)(?:叫|是)?|(?:我|俺|咱|本人)(?:叫|是|系)|叫"
    r"|身份证上(?:的名字)?(?:叫|是)?"
    r"|(?i:(?:wo|an)\s*(?:jiao|shi)\s)"  # wo jiao wang da shan, typed in pinyin
    # my name is Li Ming, I'm Li Ming (the en locale)
    r"|(?i:(?:my\s+(?:full\s+)?name\s+is|my\s+name'?s|i\s+am|i'?m|this\s+is|name)(?=[\s:：])))[:：\s]*"
)
# A name as on the ID card: 2–8 characters, or longer parts joined by a middle dot (阿卜杜热合曼·买买提依明, as Uyghur
# and other names are written; the roster import takes them), or Latin letters.
_NAME = re.compile(
    r"[\u4e00-\u9fff·]{2,8}|[\u4e00-\u9fff]{1,12}(?:[·•・][\u4e00-\u9fff]{1,12}){1,3}|[A-Za-z][A-Za-z .'-]{1,40}"
)


NICKNAME = "survey.name.nickname"
FULL_NAME = "survey.name.full_name"
# 叫我小王就行, 大家都叫我老李, 喊我阿强吧: what they are called, not the name on the ID card.
_CALLED_ME = re.compile(
    r"(?:叫|喊|称呼)(?:我|俺)\s*([\u4e00-\u9fff]{1,4}?)\s*(?:就行|就好|就可以|就成|就得|吧|好了|呗|也行)?[了啊呀嘛]*$"
)
# 小王, 老李, 阿强: a surname or a given name with 小/老/阿, how people are called, not who they are on paper.
# 龙大爷, 王师傅, 李大姐: a surname and how people address one (it saved 龙大爷 as the name).
# 二妹, 三娃, 幺妹: a place among siblings said alone, no surname (二妹 was saved as the name).
_NICK = re.compile(r"[小老阿][\u4e00-\u9fff]|[\u4e00-\u9fff](?:大爷|大妈|大叔|大娘|大哥|大姐|大嫂|师傅|"
                   r"婆婆|爷爷|奶奶|阿姨|老师|嬢嬢|孃孃)|[大二三四五六七八九十幺][妹娃哥姐弟儿毛]")
# 杨老四, 王老三: a surname and a place among siblings. Some ID cards carry such names, so it is recorded as said, and
# the person told that the name on the ID card, if different, can simply be sent.
SIBLING_NAME = re.compile(r"[\u4e00-\u9fff]老[大二三四五六七八九十幺]")
# 老李家的媳妇, 张三他老婆: someone's relation, not a name.
_RELATION = re.compile(r"家的|家里的|媳妇|老婆|男人|老公|他爸|他妈|她妈|她爸|娃他")
# 李书记, 王主任, 刘医生: a surname and someone's post, not the name on an ID card (李书记 was saved as the name; the
# person's own full name is asked).
_TITLED = re.compile(r"[\u4e00-\u9fff]{1,2}(?:书记|支书|主任|主管|村长|组长|队长|会计|医生|大夫|经理|干部|同志|领导)")
TITLED = "titled"  # (the Invalid's mark: answered at once, never read as a request for 李书记: survey/answering.py)
# 马上到, 好的 马上来, 这就过去: coming or going, a reply to someone (马上到 was saved as the name).
_ON_THE_WAY = re.compile(r"(?:马上|立马|这就|一会儿?|等会儿?|等下)就?(?:到|来|去|过来|过去|回)")


# Fillers voice input glues to the name (我叫那个张伟, 张伟嗯, 就是张伟啊, 那个我叫张伟): no part of it (那个张伟 was
# saved as the name, and the roster's 张伟 did not match).
_GLUED_FIRST = re.compile(r"^(?:嗯|呃|额|那个|这个)+(?=(?:我|俺|本人)(?:叫|是))")
_GLUED_BEFORE = re.compile(r"^(?:嗯|呃|额|那个|这个|就是)+")
_GLUED_AFTER = re.compile(r"(?:嗯|啊|呀|哈|呢|哦|噢|吧|啦)+$")


def _unglued(name: str) -> str:
    """The name without the fillers glued before and after it, when a name of two characters or more is left."""
    for glued in (_GLUED_BEFORE, _GLUED_AFTER):
        if len(rest := glued.sub("", name).strip()) >= 2 and not re.search(r"\s", rest):
            name = rest
    return name


def parse_name(text: str, _ctx: StepContext) -> Any:
    if nlu.is_bare_reply(text):
        return None  # 嗯嗯 同意 (the consent said again) is nobody's name
    said = nlu.normalize(_norm(text)).strip(" 。.!！,，~")
    if (called := _CALLED_ME.search(said)) is not None:
        return Invalid(NICKNAME, {"nick": called.group(1)})  # (it saved "大家都叫我老李" as the name)
    name = _NAME_PREFIX.sub("", _GLUED_FIRST.sub("", nlu.normalize(_norm(text)))).strip(" 。.!！,，~")
    name = _unglued(name)
    if _NICK.fullmatch(name):
        return Invalid(NICKNAME, {"nick": name})
    if _RELATION.search(name) and _NAME.fullmatch(name):
        return Invalid(FULL_NAME)  # 老李家的媳妇 said alone (a name said with family news is still found below)
    if _TITLED.fullmatch(name):
        return Invalid(FULL_NAME, {TITLED: name})
    if _ON_THE_WAY.search(said):
        return None
    parts = name.split()
    if len(parts) > 1 and all(re.fullmatch(r"[\u4e00-\u9fff]{1,2}", p) for p in parts) and (
        any(len(p) == 1 for p in parts) and 2 <= sum(map(len, parts)) <= 4
    ):
        name = "".join(parts)  # 陈 秀 英, 陈 秀英: typed with blanks between the characters
    if (surnamed := _SURNAME_FIRST.fullmatch(name)) is not None:
        # 俺姓吴 吴桂香, 姓吴 叫桂香: the surname said first, then the name (with it or without).
        surname, given = surnamed.group(1), surnamed.group(2)
        return given if given.startswith(surname) else surname + given
    if _NAME.fullmatch(name) and _not_a_name(name, _ctx):
        return None  # 过完年, 都行, 毕节, 明天 alone: a reply or a place, not a name (the name asked again)
    if name.isascii() and english.job_loss_in_chinese(name) is not None:
        # I lost my job, the factory closed: news, no name (it was saved as the name); my name is Li Wei, I lost my
        # job: the name before the news.
        latin = _LATIN_NAME_FIRST.match(name)
        return latin.group(1) if latin is not None and _NAME_PREFIX.match(nlu.normalize(_norm(text))) else None
    if _NAME.fullmatch(name):
        return re.sub("[•・]", "·", name)  # the middle dot as the ID card writes it
    if (latin := _LATIN_NAME_FIRST.match(name)) is not None and _NAME_PREFIX.match(nlu.normalize(_norm(text))):
        return latin.group(1)  # my name is Li Wei, I lost my job last week: the name, then the rest is read on
    return nlu.find_name(text)  # 俺叫张有才 湖南隆回的 …: the name, the rest goes to other fields


# A Latin-letter name said first and followed by more (Li Wei, I lost my job …; the commas may be gone by then):
# its capitalised words, up to the first punctuation or the first word that is not one (I, lost …).
_LATIN_NAME_FIRST = re.compile(
    r"([A-Z][a-z'-]+(?: [A-Z][a-z'-]+){0,3})(?:\s*[,，.。;；]|\s+(?=I\b|[a-z\u4e00-\u9fff]))")


# 俺姓吴 吴桂香, 我姓吴 叫吴桂香, 姓吴 桂香.
_SURNAME_FIRST = re.compile(
    r"(?:我|俺|咱|本人)?姓\s*([\u4e00-\u9fff]{1,2}?)[\s,，。的]*(?:叫|名字叫|名叫)?\s*([\u4e00-\u9fff]{1,3})"
)


# The last character of village names that no given name ends with in practice.
_VILLAGE_ENDS = frozenset("坎垭坳寨屯湾沟坝垸岔村")


def _not_a_name(name: str, ctx: StepContext) -> bool:
    """A word said alone that is a reply (都行), a time (过完年, 明天) or a place (毕节), not a person's name."""
    if name in word_set("names", "names.not_names") or nlu.is_place_word(name):
        return True
    if nlu.is_none(name) or nlu.is_dont_know(name):
        return True  # 都没得, 不知道 (the summary's 1 pressed to confirm, then "nothing"): it was saved as the name
    if len(name) == 3 and name[-1] in _VILLAGE_ENDS:
        return True  # 石门坎, 李家坳, 白岩寨: a village (it was taken as the name 石门坎)
    if nlu.parse_month(name, ctx.today) is not None and nlu.parse_month(name[1:], ctx.today) is None:
        return True  # the time needs the first character: no surname (过完年; 韦国庆's 国庆 is its given name)
    place = nlu.resolve_place(name)
    return place is not None and place.name.startswith(name)


# An 18-character ID number with a wrong check digit or birth date (not any run of digits: a phone, a sum).
ID_SHAPED = frozenset({"check_digit", "birth_date"})
ID_PROBLEMS = {
    "length": "survey.id_number.bad_length",
    "check_digit": "survey.id_number.bad_check",
    "birth_date": "survey.id_number.bad_birth_date",
}


def parse_id(text: str, _ctx: StepContext) -> Any:
    value = nlu.parse_id_number(text)
    if value is not None:
        return value
    if not re.search(r"\d", digit_runs.spelled_digits(nlu.normalize(text))):
        # 河南 固始县 陈淋子镇 while the card is not at hand: no number typed, so none of it is "18位" (the place is
        # taken by prefill); what is asked, and that it can come later.
        return Invalid("survey.id_number.no_number")
    problem = nlu.id_number_problem(text) or "length"
    if problem == "length" and (run := _longest_run(text)) is not None:
        # 43122619830914 (14 digits): what was sent, masked, and how long it is (it was "应该是18位" alone, and
        # people did not see what was wrong).
        return Invalid(BAD_LENGTH_SAID, {"said": _masked_run(run), "count": len(run)})
    return Invalid(ID_PROBLEMS.get(problem, "survey.id_number.reprompt"))


BAD_LENGTH_SAID = "survey.id_number.bad_length_said"
_DIGIT_RUN = re.compile(r"[0-9Xx]+")
_SHOWN_ENDS = 4  # digits shown at each end of a masked number (as the summary shows an ID number)


def _longest_run(text: str) -> str | None:
    """The longest run of digits (and X) in the message, when it holds at least six: an ID number typed short or
    long (a run shorter is a day, a sum, a count)."""
    runs = _DIGIT_RUN.findall(re.sub(r"[\s-]", "", digit_runs.spelled_digits(nlu.normalize(text))))
    longest = max(runs, key=len, default="")
    return longest if len(longest) >= 6 and any(c.isdigit() for c in longest) else None


def _masked_run(run: str) -> str:
    """4312******0914: the ends shown, the middle masked (never the whole of an ID or phone number)."""
    if len(run) <= 2 * _SHOWN_ENDS:
        return "*" * (len(run) - 2) + run[-2:]
    return run[:_SHOWN_ENDS] + "*" * (len(run) - 2 * _SHOWN_ENDS) + run[-_SHOWN_ENDS:]


def parse_phone(text: str, _ctx: StepContext) -> Any:
    phone = nlu.parse_phone(text)
    if phone is None and (run := _longest_run(text)) is not None and run.isdigit() and len(run) in _PHONE_TYPED_WRONG:
        # 1371234 (7 digits): what was sent, masked, and how long it is (it was "这不是有效的手机号" alone).
        return Invalid(PHONE_LENGTH_SAID, {"said": _masked_run(run), "count": len(run)})
    return phone


PHONE_LENGTH_SAID = "survey.phone.bad_length_said"
# A mobile number typed short or long (an ID number, 15 to 18, is read as one elsewhere).
_PHONE_TYPED_WRONG = frozenset({7, 8, 9, 10, 12})


# Whole numbers only: the digits inside a longer number (an ID number typed here) are no landline.
_LANDLINE = re.compile(r"(?<![0-9])0\d{2,3}-?\d{7,8}(?![0-9])")


def parse_contact(text: str, _ctx: StepContext) -> Any:
    """The employer's contact: a mobile (E.164), or a landline as written (0769-12345678)."""
    mobile = nlu.parse_phone(text)
    if mobile is not None:
        return mobile
    if nlu.parse_id_number(text) is not None:
        return None  # an ID number typed at the wrong question: kept as the ID (prefill), never as a phone
    match = _LANDLINE.search(re.sub(r"\s", "", _norm(text)))
    return match.group(0) if match else None


def _holds_id_or_phone(text: str) -> bool:
    """An ID or phone number typed at the wrong question must not land in a field stored in clear."""
    return nlu.parse_id_number(text) is not None or nlu.parse_phone(text) is not None


_HOUSEHOLD = re.compile(r"(?<![0-9A-Za-z-])[0-9A-Za-z-]*\d[0-9A-Za-z-]{3,29}(?![0-9A-Za-z-])")


# An ID number, or one a digit short or with a digit wrong: 6 digits of region, a birth date from 19xx/20xx.
_LIKE_AN_ID = re.compile(
    r"(?<![0-9])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{2,3}[\dXx]?(?![0-9])"
)


def parse_household(text: str, _ctx: StepContext) -> Any:
    """The registered-household number, alone or in words (户编号 6204221040078, 有 511324102005). An ID number
    typed here (valid or mistyped) is said to be one and the number asked again; the ID answer stays."""
    value = re.sub(r"\s", "", _norm(text))
    if nlu.parse_id_number(value) is not None or any(
        len(found) >= 17 for found in _LIKE_AN_ID.findall(value)
    ):
        return Invalid("survey.household_id.looks_like_id")
    if _holds_id_or_phone(value):
        return None
    if re.fullmatch(r"(?=[^\d]*\d)[0-9A-Za-z-]{4,30}", value):  # (digits in it: Weining county is no number)
        return value
    found = _HOUSEHOLD.findall(_norm(text))
    return found[0] if len(found) == 1 else None


def _place(text: str) -> nlu.Place | Invalid | None:
    place = nlu.resolve_place(text)
    return place if place is not None else Invalid("survey.place.not_found")


def parse_home_division(text: str, _ctx: StepContext) -> Any:
    place = _place(text)
    if isinstance(place, Invalid) or place is None:
        return place
    if len(place.code) < 6:
        # A province or prefecture is not enough to find the person's caseworker.
        return Invalid("survey.place.too_broad", {"place": place.name})
    return place_value(place)


def parse_work_division(text: str, _ctx: StepContext) -> Any:
    if _pay_alone(text) or _AMOUNT_ONLY.fullmatch(re.sub(r"[\s,，。.!！~、]", "", _norm(text))):
        # 五千五: the pay (kept for its question), and the question again (it was "没找到这个地方")
        return Invalid("survey.work_division.prompt")
    place = _place(text)
    return place_value(place) if isinstance(place, nlu.Place) else place


# I'm a security guard in Dongguan: the job, then where (in / at / near a place).
_ENGLISH_WORK_AT = re.compile(r"^(.*?)\s+(?:in|at|near)\s+([a-z][a-z .'-]*?)[.!]?$", re.IGNORECASE)


def english_work(text: str, ctx: StepContext) -> dict[str, Any] | None:
    """Work said in English at the status question (I'm a security guard in Dongguan): employed, the job as the
    form writes it, and the place when it is one we know; None when no job is named."""
    said = text.strip()
    if re.search(r"[\u4e00-\u9fff]", said):
        return None
    at = _ENGLISH_WORK_AT.match(said)
    job = english_job(at.group(1) if at else said)
    if job is None:
        return None
    fills: dict[str, Any] = {"employment_status": "employed", "job_type": job}
    place = parse_work_division(at.group(2), ctx) if at else None
    if isinstance(place, dict):
        fills["work_division"] = place
    return fills


def parse_free_text(text: str, _ctx: StepContext) -> Any:
    if is_skip(text) or is_refusal(text):
        return None  # "不知道", "不需要" name nothing (optional fields take them before parsing)
    value = _norm(text).strip(" 。.!！~")
    if changed := CHANGED_MIND.match(value):
        value = changed.group(1)  # 不对 是新华村: the village is 新华村
    if _holds_id_or_phone(value) or re.fullmatch(r"[\d\s.,，、]+", value):
        return None  # 1 at the job question is a number typed from habit, not a job, place or name
    if _AMOUNT_ONLY.fullmatch(re.sub(r"[\s,，。.!！~、]", "", value)):
        return None  # 三千五以上吧 at the skills question is the pay wanted (kept for its question), not a skill
    return nlu.unslipped(value)[:100] or None  # 电汗 is stored as 电焊 (the message keeps what was typed)


_PARTS = re.compile(r"[\s,，。.、;；!！/]+|或者|还是|或")


# Words around the work wanted that are no part of it (都行, 也可以, 啥的); a part left that starts with a work
# verb (做饭, 带孩子) is work said as it is.
_AROUND_JOBS = re.compile(
    r"(?:都|也)(?:行|可以|成|中)|啥的|之类的?|什么的|(?:那|这)(?:种|样|类)的?$|[吧呗啊嘛]$|的?(?:活儿?|工作)$|"
    r"(?:就|最)(?:行|好|可以|成|中)$|(?:优先|为主)$"  # 手工活最好, 保安就行: how much it is wished, not the job
)
_WANT_LEAD = re.compile(r"^(?:我|俺)?(?:还|也|就)?(?:想|要|希望)?(?:找|当|做|干|搞)?(?:个|份|点)?")
# A job type said as one short word holding it (叉车工 for 叉车) is kept as said.
_ONE_WORD = 5
# Where the work is done, said around the job (钢筋工地, 在工地扎钢筋): no part of the job's word.
_AT_A_WORKPLACE = re.compile(r"^(?:去|到|在)|工地|厂|车间")
# 工地上别的, 厂里其他的活: other work at a kind of workplace (what is wished besides the job named).
_OTHER_WORK_AT = re.compile(r"([\u4e00-\u9fff]{1,3}?)(?:上|里|里面|里头)?(?:别的|其他的?|其它的?)(?:活儿?|工作|工种)?")
_OR = re.compile(r"^(?:或者|或是|要不|不然|再不)")
_STILL = re.compile(r"^(?:我|俺)?(?:还是|还|就|也)")
_CAN_DO = re.compile(r"^(?:我|俺)?(?:也|还|都)?会(?!不会|计|展|所|议)")  # (会计 is a job)
_DOING_WORK = re.compile(r"[做干当开修带看送跑搞][\u4e00-\u9fff]{1,4}$")


# A kind of factory wished for (服装厂, 电子厂, 鞋厂), named beside a job type.
_KIND_OF_FACTORY = re.compile(r"(?:进|去|在)?(?:一个|个|家)?([\u4e00-\u9fff]{1,3}厂)")


def jobs_wanted(text: str) -> str | None:
    """The job types a message names, as a caseworker writes them (普工 保安都行 -> 普工、保安; 就会干点力气活 ->
    普工、搬运工; 保洁 做饭也行 -> 保洁、做饭); a part saying no skill (啥也不会) names none. None when no part
    names a job type."""
    found: list[str] = []
    typed = False  # whether any part names a job type (else the words said are kept whole by the caller)
    plain = plain_work()
    for part in _PARTS.split(nlu.unslipped(nlu.normalize(text))):
        if not part or any(word in part for word in words_of("no_skills")) or _CAN_DO.match(part):
            continue  # (也会缝纫 with the work wanted: what they can do, for the skills question)
        named = nlu.find_named_jobs(part) or next((jobs for words, jobs in plain.items() if words in part), None)
        if named is None and (held := job_said(_STILL.sub("", part))) in nlu.job_titles().values():
            named = held  # 还是干钢筋: the held job's reader, 钢筋工
        typed |= named is not None
        rest = _AROUND_JOBS.sub("", part)
        if named is None and _DOING_WORK.match(rest):
            named = rest  # 做饭也行: 做饭
        elif named is not None and "、" not in named and named in (word := _WANT_LEAD.sub("", rest)):
            # 叉车工都行: 叉车工; 钢筋工地, 在工地扎钢筋: the job (钢筋工), the workplace no part of it
            at_a_workplace = (_AT_A_WORKPLACE.search(word) is not None and _AT_A_WORKPLACE.search(named) is None) or (
                _AT_A_WORKPLACE.search(word.replace(named, " ", 1)) is not None)
            named = word if len(word) <= _ONE_WORD and not at_a_workplace else named
        elif named is None and (other := _OTHER_WORK_AT.fullmatch(_OR.sub("", rest))) and (
                other.group(1) in words_of("wished_workplaces")):
            named = f"{other.group(1)}其他活"  # 或者工地上别的也行: open to other work on a site (it was kept raw)
        elif named is None and any(place in rest for place in words_of("wished_workplaces")):
            word = re.sub(r"(?<=.)(?:里面|里头|里|上)$", "", _WANT_LEAD.sub("", rest))  # 超市里也行: 超市
            named = word if len(word) <= _ONE_WORD else None  # 开挖机 或者工地都行: 工地 is wished too
        elif named is None and (factory := _KIND_OF_FACTORY.fullmatch(_WANT_LEAD.sub("", rest))):
            named = factory.group(1)  # 服装厂 或者超市收银都行: the factory is kept beside the job (it was dropped)
        titles = nlu.job_titles()  # 干钢筋 -> 钢筋工, as the held job's question writes it
        found += [title for job in (named or "").split("、") if job and (title := titles.get(job, job)) not in found]
    return "、".join(found) if typed else None


def only_workplaces(text: str) -> bool:
    """超市 饭店都行: workplaces wished for and nothing else."""
    parts = [_AROUND_JOBS.sub("", p) for p in _PARTS.split(nlu.normalize(text)) if p]
    return bool(parts) and all(p in words_of("wished_workplaces") for p in parts)


def _only_a_scope(text: str) -> bool:
    """县城, 县里就行, 省内: where to work (the question before), not the work wanted."""
    said = re.sub(r"(?:就行|都行|也行|就可以|吧|的)$", "", re.sub(r"[\s。.!！~,，]", "", nlu.normalize(text)))
    return said in near_home.words("scope_choice") or said in ("省内", "本省", "省外", "外省", "市里")


# 啥都干得, 啥活都行, 干什么都可以, 么子都干得: any work at all (never 啥都不会, which is no skill).
_ANY_WORK = re.compile(
    r"(?:我|俺)?(?:干|做)?(?:啥|什么|么子|啥子|哪样|嘛)(?:活儿?|工作|工)?(?:我|俺)?(?:都|也)(?:能|可以|肯|愿意)?"
    r"(?:干|做)?(?:得|的|了)?(?:行|可以|成|中|干|做)?(?:的|得|啊|呀|嘛|哦)?"
)


def any_work(part: str) -> bool:
    """Whether a part of a message says any work will do (啥都干得, 干啥都行, 有活就干)."""
    said = squash(nlu.normalize(part))
    if not said or ("啥" not in said and "么" not in said and "哪样" not in said and "活" not in said
                    and "挑" not in said):
        return False  # (cheap: most parts name no "anything")
    return _ANY_WORK.fullmatch(said) is not None or said in words_of("any_work")


def any_work_wished(text: str) -> bool:
    """Any work said as the wish, beside what one can do or not (啥都干得 会砌砖); no job named elsewhere."""
    parts = [p for p in _PARTS.split(nlu.normalize(text)) if p]
    wished = [p for p in parts if not _CAN_DO.match(p) and not any(w in p for w in words_of("no_skills"))]
    # (啥都干得, 什么活都行 name work; 啥都行 alone, said at another question, may be about anything)
    names_work = any(any_work(p) and re.search(r"[干做活]|工作", p) is not None for p in wished)
    return names_work and jobs_wanted(" ".join(p for p in wished if not any_work(p))) is None


def parse_desired_jobs(text: str, ctx: StepContext) -> Any:
    """The work wanted: the job types named, or where none is, the words said (离家近的 轻松点的); where to work
    alone (县城, answered late) is none."""
    if _only_a_scope(text):
        return Invalid("survey.desired_jobs.reprompt")
    said = parse_free_text(text, ctx)
    if said is None:
        return None
    parts = [p for p in _PARTS.split(said) if p]
    kept = [p for p in parts if not any(word in p for word in words_of("no_skills")) and not _CAN_DO.match(p)]
    if kept and any(map(any_work, kept)) and jobs_wanted(" ".join(p for p in kept if not any_work(p))) is None:
        # 啥都干得 (会砌砖: the skill, for the prefill), 什么都能做 就是不会电脑: any work
        return value_of("any_work", "recorded")
    if kept and len(kept) < len(parts):
        said = " ".join(kept)  # 啥都行 我没文化, 想开车 也会电焊: the skills (prefill), not the work wanted
        if (sites := _skills_on_sites(parts, kept)) is not None:
            return sites
    return jobs_wanted(said) or said


def _skills_on_sites(parts: list[str], kept: list[str]) -> str | None:
    """工地上的活都行 会开挖机: a workplace wished for with no job named, beside a trade one can do: the trade is the
    wish that matters, then the workplace (开挖机、工地; it was 工地上的活都行 alone)."""
    if jobs_wanted(" ".join(kept)) is not None:
        return None  # (想开车 也会电焊: the work wanted is named; the trade goes to the skills only)
    places = [w for w in words_of("wished_workplaces") if any(w in p for p in kept)]
    trades = [t for p in parts if _CAN_DO.match(p) and (t := jobs_wanted(_CAN_DO.sub("", p)) or "")]
    if not places or not trades:
        return None
    return "、".join([*trades, *[p for p in places if not any(p in q for q in places if q != p)][:1]])


NOT_A_VILLAGE = "survey.home_village.not_a_village"
# 工业园那边, 厂里: a place of work, not a home village (unless a village is named with it).
_WORKPLACE_WORDS = re.compile(r"工业园|产业园|园区|开发区|工业区|厂|公司|工地|车间|超市|商场|写字楼|门面")
_VILLAGE_WORDS = re.compile(r"村|组|屯|寨|庄|社区|居委")
# A day or a time said alone (前天, 上个月, 昨天下午): never a village.
_TIME_ONLY = re.compile(r"(?:大?前天|昨天|今天|明天|大?后天|前几天|这几天|上个?月|下个?月|这个?月|去年|今年|明年|前年|"
                        r"月底|年底|刚才|早上|晚上|上午|下午|中午)+(?:的|吧|啊|呀)?")
# News of one's life, not a place (在家带娃, 老公在广东打工, 在家种地): said at the village question beside it or
# instead of it.
LIFE_NEWS = re.compile(r"在(?:家|屋头|屋里)(?:带|照顾|种|待|呆|歇|闲|看)|带娃|带孩子|带小孩|带孙|"
                       r"照顾(?:老人|孩子|娃|家|老的|小的)|种地|打工|上班|干活|没活|没工作|老公|老婆|男人在|媳妇")


# A county and a township said before the village (威宁县草海镇, 纳雍县 猪场乡, 河镇乡: 镇 in a township's own name):
# all up to the last of them.
_ABOVE_VILLAGE = re.compile(
    r"(?:[\u4e00-\u9fff]{1,10}?(?:省|市|州|盟|县|区|旗)\s*)?(?:[\u4e00-\u9fff]{1,8}?(?:镇|乡|街道)(?![镇乡])\s*)?"
)
_VILLAGE_REPROMPT = "survey.home_village.reprompt"


# 刚说了, 不是说过了吗: the person has said it already (said beside the answer given again).
_SAID_ALREADY = re.compile(
    r"(?:我|俺)?(?:刚|刚才|刚刚|上面|前面|不是)?(?:都|已经)?(?:说|讲|写|发)(?:过)?了(?:吗|嘛|啊|呀|的)?"
)


@short_memo
def said_already(text: str) -> bool:
    """刚说了 / 不是说了吗 / 说过了: the answer is taken to have been given already, and nothing else is said."""
    return _SAID_ALREADY.fullmatch(re.sub(r"[\s,，。.!！?？~]", "", _norm(text))) is not None


# A particle after a village's word (新街社区啊, 石羊村嘛).
_AFTER_VILLAGE = re.compile(r"(?<=[村组社区队屯寨])(?:啊|呀|嘛|哈|哦|呢|噻)(?=\s|$)")


def parse_village(text: str, ctx: StepContext) -> Any:
    """The village (and group) as said, without the 的 of "from there" (新发村三组的 -> 新发村三组, 大刘庄的 ->
    大刘庄: a village's name need not end in 村)."""
    said = parse_free_text(text, ctx)
    if not isinstance(said, str):
        return said
    if _WORKPLACE_WORDS.search(said) and not _VILLAGE_WORDS.search(said):
        return Invalid(NOT_A_VILLAGE)  # 工业园那边 was saved as the home village
    if re.fullmatch(r"(?:是|就是)?\s*\d+\s*(?:块|元|块钱)?", said):
        return Invalid(_VILLAGE_REPROMPT)  # 6 不对 是6000 at the summary: a sum, no village (it was saved as "是6000")
    if re.fullmatch(r"[\u4e00-\u9fff]", said.strip(" 。.!！~,，")):
        return Invalid(_VILLAGE_REPROMPT)  # 想, 是 (typed for another question): one character names no village
    if _TIME_ONLY.fullmatch(said):
        return Invalid(_VILLAGE_REPROMPT)  # 前天 (by SMS, typed for another message): a day, not a village
    if not _VILLAGE_WORDS.search(said) and nlu.find_job_type(said) == said.strip():
        return Invalid(_VILLAGE_REPROMPT)  # 电焊 (a trade, typed for another question): no village (it was stored)
    if not _VILLAGE_WORDS.search(said) and _yes_no_about_the_job(re.sub(r"[\s。.!！~,，]", "", said)):
        return Invalid(_VILLAGE_REPROMPT)  # 有五险, 没签合同 (typed for another question): no village (it was stored)
    parts = [p for p in re.split(r"[\s,，。;；!！]+", said) if p]
    if (kept := [p for p in parts if not _SAID_ALREADY.fullmatch(p)]) and len(kept) < len(parts):
        parts, said = kept, " ".join(kept)  # 新街社区啊 刚说了: the village (it was kept with 刚说了)
    said = _AFTER_VILLAGE.sub("", said)
    villages = [p for p in parts if _VILLAGE_WORDS.search(p) and not LIFE_NEWS.search(p)]
    if villages and len(villages) < len(parts) and all(LIFE_NEWS.search(p) for p in parts if p not in villages):
        said = " ".join(villages)  # 新发村 在家带娃 老公在广东打工: the village; the rest is news (the prefill's)
    if nlu.mentions_dont_know(said) and not _VILLAGE_WORDS.search(said.replace("村名", "").replace("村子", "")):
        return None  # 不知道 忘了村名: no village (it was saved as one); the question again
    said = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:的|那里|那边|这边)$", "", said)
    # 威宁县草海镇新发村: the county and township before it are the home's (the prefill takes them), not the village's.
    above = _ABOVE_VILLAGE.match(said)
    if above is not None and len(said) - above.end() >= 2 and _VILLAGE_WORDS.search(said, above.end()) and (
        not _VILLAGE_WORDS.match(said, above.end())  # (新市村三组: 新市 is the village's own name)
    ):
        return said[above.end() :].strip()
    if _ABOVE_VILLAGE.fullmatch(said) and re.search(r"[镇乡]|街道", said):
        return Invalid(_VILLAGE_REPROMPT)  # 威宁县草海镇: the township (kept as the home); the village still to say
    return said


# "不对 是省内": an answer said again after a word that takes the one before back; group 1 is the answer.
CHANGED_MIND = re.compile(
    r"^\s*(?:不对|不是|错了|说错了|搞错了|弄错了|写错了)[\s,，。.!！]*(?:是|应该是|改成|改为)?\s*(\S.*)$"
)
_NUMERALS = r"\d一二两三四五六七八九十百千万"
_AMOUNT_ONLY = re.compile(
    rf"(?:一个月|每个?月|月薪|工资|大概|差不多|至少|最少)*[{_NUMERALS}]+(?:点[{_NUMERALS}])?(?:块钱?|元)?"
    r"(?:以上|左右|上下|多点?|出头|来块?)?[吧啊呗的呀]*"
)


# 劳务公司的 叫宏达劳务, 新厂 叫宏发五金: the name after 叫 is the employer (不晓得叫什么: none).
_CALLED = re.compile(r"(?:叫|名叫|名字叫|名字是)\s*(?!什么|啥|么|不出)([\u4e00-\u9fffA-Za-z0-9]{2,16})")


def _pay_alone(text: str) -> bool:
    """一天300, 一天两百五: a day's pay and nothing else (kept for the pay question)."""
    return nlu.parse_daily_pay(text) is not None and nlu.find_job_type(text) is None and not only_places(text) and (
        nlu.parse_employer(text) is None
    )


def parse_work_place(text: str, ctx: StepContext) -> Any:
    if _pay_alone(text):
        return Invalid("survey.work_place.reprompt")  # 一天300 alone: the pay (kept for its question), not where
    if (place := _without_the_name_forgotten(text)) is not None and place:
        text = place  # 就在长安镇上 厂名叫什么精密的 记不得了: the place (it kept the whole sentence)
    said = parse_free_text(text, ctx)
    if isinstance(said, str) and (known := _ADDRESS_UNKNOWN.sub(" ", said).strip(" ,，。")) != said:
        # 官渡区那边 具体地址记不住: the place said, without "the address is not remembered" (厚街镇那个 [华宝鞋业, the
        # employer's name, taken for that question] 具体门牌记不清: nor the 那个 left pointing at it)
        said = _POINTING_LEFT.sub("", known) or None
    if isinstance(said, str) and len(known := _UNKNOWN_BEFORE.sub("", said)) >= 2:
        said = known  # 不晓得 郫都区那边: not knowing the address, then the place known (it kept the 不晓得)
    if isinstance(said, str) and len(where := _JUST_AT.sub("", said)) >= 2:
        said = where  # 就县城边上 新城那个楼盘: the place, without the "just (at)" said before it
    if isinstance(said, str) and (around := _OVER_AROUND.fullmatch(said)) is not None:
        return around.group(1)  # 在厚街那边: the place (那边 was kept in the address)
    return said


# 具体地址记不住, 详细的说不上来: the exact address is not known (what is said beside it is the place).
_ADDRESS_UNKNOWN = re.compile(
    r"(?:具体|详细)的?(?:地址|地方|位置|门牌号?)?(?:我|俺)?(?:记不住|记不得|记不清楚?|不记得|忘了|说不清楚?|说不上来|不清楚|不知道|不晓得)了?"
)


# 不晓得 郫都区那边, 不知道, 就在郫都区: "I don't know" said first, the place after it (apart from it).
_UNKNOWN_BEFORE = re.compile(
    r"^(?:具体|详细)?的?(?:地址|地方|位置)?(?:我|俺)?(?:也|就|还)?(?:不知道|不晓得|晓不得|不清楚|记不得|记不清|说不清楚?)"
    r"(?:了|哦|啊|嘛|呢|撒)?[\s,，。.、]+"
)


def address_unknown_said(text: str) -> bool:
    """具体地址记不住 said (beside the place it is in, perhaps)."""
    return _ADDRESS_UNKNOWN.search(_norm(text)) is not None


# (and a filler left standing before the place: 就是在那个 义乌的 北苑那边, typed by voice: 那个 was kept in it)
_JUST_AT = re.compile(r"^(?:(?:就是|就)在?\s*)?(?:(?:那个|这个|嗯|呃)\s+)?")
# 在厚街那边, 河西那一块: a place said with "over around" (in 在, around 那边), nothing else beside it.
_OVER_AROUND = re.compile(r"(?:就在|在)?([\u4e00-\u9fff]{2,8}?)(?:那边|这边|那块|这块|那一块|那一带|一带|那里|这里)")
_POINTING_LEFT = re.compile(r"(?:那个|这个|那家|这家)$")


# 老板姓刘, 刘老板, 是刘老板, 包工头姓李: the boss named by surname alone (no address); the role is kept.
_BOSS_NAMED = re.compile(
    r"(老板|老闆|包工头|工头)(?:姓|是)([\u4e00-\u9fff])|(?:是|跟[着到]?)?([\u4e00-\u9fff])(老板|老闆|包工头|工头)"
)


# A workplace this short (砖厂, 工地) is a kind of place, not a firm's name: a boss named with it names it.
BARE_WORKPLACE = 3


def boss_named(text: str) -> str | None:
    """刘老板 for 老板姓刘, 李包工头 for 包工头姓李: the boss as the form writes them (the whole message; 老板姓吴
    吴老板, the same boss said twice, is one)."""
    # (包工头 姓刘: typed with a space, as the SMS keyboard leaves it; it was kept as typed)
    said = re.sub(r"\s*姓\s*", "姓", nlu.normalize(text).strip(" 。.!！"))
    named: dict[str, str] = {}
    for part in re.split(r"[\s,，、]+", said):
        boss = _BOSS_NAMED.fullmatch(part)
        if boss is None:
            return _boss_said_loosely(said)
        role = (boss.group(1) or boss.group(4)).replace("老闆", "老板")
        named.setdefault(boss.group(2) or boss.group(3), f"{boss.group(2) or boss.group(3)}{role}")
    # (包工头姓刘 刘老板: one man, named twice; the first way he was named is kept)
    return next(iter(named.values())) if len(named) == 1 else None


def boss_beside(text: str) -> str | None:
    """老板姓李 in a part of its own beside other words (在毕节一个砖厂干活 老板姓李): 李老板."""
    parts = nlu.normalize(text).split()
    return next((boss for part in parts if (boss := boss_named(part)) is not None), None) if len(parts) > 1 else None


# 跟着包工头 姓王, 跟着一个姓王的包工头, 给包工头干 姓王的: the boss and their surname with words around them that name
# no one (跟着, 给…干, 一个, 的).
_BOSS_ROLE = re.compile(r"包工头|工头|老板|老闆")
_SURNAME_SAID = re.compile(r"姓([\u4e00-\u9fff])")
# (跟着老乡干 包工头姓王: the fellow villagers one came with are no employer; the boss named is)
# (跟到包工头做的 姓王: 跟到 is Sichuan for 跟着)
_AROUND_A_BOSS = re.compile(r"[\s,，、。]|跟[着到]?|给|帮|在|干活|干|做|一个|个|的|是|那里|那儿|手下"
                            r"|老乡|同乡|亲戚|老表|村里人|一起|一块儿?|们")


# 姓李的, 姓李: the boss's surname alone, at the employer question.
_SURNAME_ALONE = re.compile(r"(?:老板|他|她)?姓([\u4e00-\u9fff])(?:的|哦|啊)?")


def _boss_said_loosely(said: str) -> str | None:
    roles = {m.group(0).replace("老闆", "老板") for m in _BOSS_ROLE.finditer(said)}
    surnames = {m.group(1) for m in _SURNAME_SAID.finditer(said)}
    if len(roles) != 1 or len(surnames) != 1:
        return None
    rest = _AROUND_A_BOSS.sub("", _SURNAME_SAID.sub("", _BOSS_ROLE.sub("", said)))
    return f"{surnames.pop()}{roles.pop()}" if not rest else None


def with_boss(employer: str, boss: str | None) -> str:
    """A workplace named without a name (砖厂) and the boss said beside it: 李老板的砖厂."""
    if boss is None or boss in employer or len(employer) > BARE_WORKPLACE:
        return employer
    return f"{boss}的{employer}"


# 厂名叫不出来, 名字记不得, 不晓得叫啥: the employer's name is not known (a description may follow).
_NAME_UNKNOWN = re.compile(
    r"(?P<what>厂|公司|单位|店)?(?:的?名字?|名称)?(?:我|俺)?(?:叫不出来?|叫不上来?|说不上来|说不出来?|记不得了?|不记得了?|"
    r"记不住了?|忘了|不晓得叫[啥什么]+|不知道叫[啥什么]+)"
)


_DESCRIBES_EMPLOYER = re.compile(r"的|厂|公司|老板|店|工地|车间|老乡")


def employer_unnamed(text: str) -> str | None:
    """厂名叫不出来 台湾老板的: the employer as described when its name is not known (台湾老板的厂), "" when
    nothing describes it, None when the message does not say the name is not known."""
    said = nlu.normalize(text).strip()
    unknown = _NAME_UNKNOWN.search(said)
    if unknown is None or not (unknown.group("what") or re.search(r"名|叫", unknown.group(0))):
        return None
    rest = " ".join(said[: unknown.start()].split() + said[unknown.end() :].split()).strip(" ,，。")
    rest = re.sub(r"^(?:就是|反正|是)?(?:一个|一家)?", "", rest)
    if not rest or re.search(r"\d", rest) or not _DESCRIBES_EMPLOYER.search(rest) or rest.startswith(("在", "就在")):
        return ""  # 不知道叫啥 就在镇上: where, not whose (the address is its own question)
    return rest + (unknown.group("what") or "") if rest.endswith("的") else rest


# 具体叫啥记不得了, 名字忘了, 叫什么不知道: the name of a place is not known.
_PLACE_NAME_UNKNOWN = re.compile(
    r"(?:具体|反正|但是?)?(?:(?:叫|是)(?:啥|什么|个啥)(?:名字?)?|的?名字?|名称)(?:我|俺)?(?:也)?"
    r"(?:记不得了?|不记得了?|记不住了?|记不清了?|忘了|忘记了|不知道|不晓得|说不上来|叫不上来|叫不出来)"
)
# A bare workplace (一个工地, 厂里): where one works, named by its kind only.
_BARE_SITE = re.compile(r"(?:就是|是|在)?(?:一个|一家|个)?(?:工地|工厂|厂子?|车间|店)(?:上|里)?")


def name_unknown_of_place(text: str) -> str | None:
    """一个工地 名字忘了, 呈贡那边一个工地 叫啥不记得了: at the work address, the place as said without the clause that
    its name is forgotten; None when no such clause is said, or when nothing but it is."""
    said = nlu.normalize(text).strip()
    unknown = _PLACE_NAME_UNKNOWN.search(said)
    if unknown is None:
        return None
    rest = " ".join(said[: unknown.start()].split() + said[unknown.end() :].split()).strip(" ,，。")
    return rest or None


def bare_site(text: str) -> bool:
    """一个工地, 厂里: a workplace named by its kind alone (the place, not whose it is)."""
    return _BARE_SITE.fullmatch(re.sub(r"\s", "", nlu.normalize(text))) is not None


def described_employer(known: str | None, described: str) -> str:
    """The workplace on record (电子厂) told of without its name (台湾老板的厂): 台湾老板的电子厂."""
    if not known or known in described:
        return described
    if len(known) > BARE_WORKPLACE:
        return known  # a name on record (宏达电子厂) stays
    return described[: described.rfind("的") + 1] + known if "的" in described else f"{described}的{known}"


# A yes or no this short (签了的, 交的, 按时发, 有的) answers a yes/no question, never names anyone or anything.
_SHORT_YES_NO = 4


def answers_other_question(text: str, ctx: StepContext) -> bool:
    """签了的, 交的 (the contract, the insurance) or 过完年 三月份 (when it started), said at a question for a name,
    a job or a place: an answer to another question (it was stored as the employer or the job)."""
    said = re.sub(r"[\s。.!！~,，]", "", nlu.normalize(_norm(text)))
    if not said or nlu.parse_employer(said) is not None or nlu.find_job_type(said) is not None:
        return False
    if len(said) <= _SHORT_YES_NO and nlu.yes_no_reading(said) is not None and not nlu.place_mentions(said):
        return True
    if _yes_no_about_the_job(said):
        return True  # 有社保, 没签合同 at the job question: the insurance or the contract (it was stored as the job)
    return _ONLY_WHEN.fullmatch(said) is not None and nlu.parse_month(said, ctx.today, "past") is not None


def _yes_no_about_the_job(said: str) -> bool:
    """有社保, 没签合同, 工资按时发: a yes or a no about the contract, the insurance or the wages, and nothing else
    (what those questions are about: the survey's vocabulary, `job_subjects`, shared with several.py)."""
    for term in (word for words in job_subjects().values() for word in words):
        if term in said:
            rest = said.replace(term, "", 1)
            return bool(rest) and len(rest) <= _SHORT_YES_NO and nlu.yes_no_reading(rest) is not None
    return False


# What people say of the firm's name they do not remember: 厂名叫什么精密的 (a guess at it), 记不得名字了 / 名字忘了
# (forgotten), and 刚说了 (`said_already`): none of it is a place or a firm. Matched clause by clause.
_NAME_GUESSED = re.compile(r"(?:厂|公司|单位|厂子)?的?(?:名字?|名称)(?:叫|是)?(?:什么|啥|个)\S*")
_NAME_FORGOTTEN = re.compile(
    r"(?:(?:厂|公司|单位)?的?(?:名字?|名称)|叫(?:什么|啥))?(?:我|俺)?(?:记不得|记不住|记不清|不记得|忘了|忘记了|想不起来?)"
    r"(?:叫)?(?:什么|啥)?(?:名字?|名称)?了?(?:啊|呀|哦)?"
    # 没有厂名, 没名字: a boss's crew or a workshop with no name at all
    r"|(?:没有|没得|没|无)(?:个)?(?:厂名|公司名|店名|名字|名称)(?:的|啊|呀)?|(?:厂名|名字)(?:也)?(?:没有|没得)"
)


def _without_the_name_forgotten(text: str) -> str | None:
    """The message without its clauses about a firm's name not remembered (None when it has none)."""
    parts = _norm(text).strip(" 。.!！~").split()
    kept = [p for p in parts if not (_NAME_GUESSED.fullmatch(p) or _NAME_FORGOTTEN.fullmatch(p))]
    if len(kept) == len(parts) or not any(_NAME_FORGOTTEN.fullmatch(p) for p in parts):
        return None
    return " ".join(p for p in kept if not said_already(p))


def parse_employer(text: str, _ctx: StepContext) -> Any:
    if (rest := _without_the_name_forgotten(text)) is not None:
        # 刚说了 记不得名字了 做手机壳的: what the firm does stands for its name (it stored the whole sentence);
        # the name forgotten and nothing else said is not knowing it (asked how else to say it).
        if rest and (boss := boss_named(rest)) is not None and boss != rest:
            return boss  # 包工头姓李 没有厂名: 李包工头 (it stored the whole sentence)
        return (parse_free_text(rest, _ctx) if rest and not nlu.is_dont_know(rest) else None) or Invalid(
            "survey.employer.reprompt")
    if answers_other_question(text, _ctx):
        return Invalid("survey.employer.reprompt")  # 签了的, 过完年 三月份: no employer (it was stored as one)
    if _WORKING_ALONE.fullmatch(squash(nlu.normalize(text))):
        return Invalid("survey.employer.reprompt")  # 打工, 在外面打工: working, for whom not said (it was the employer)
    called = _CALLED.search(_norm(text))
    if called:
        return called.group(1)
    if (boss := boss_named(text)) is not None and boss != text.strip():
        return boss  # 包工头姓张: 张包工头 (it was kept as typed)
    if surname := _SURNAME_ALONE.fullmatch(nlu.normalize(text).strip(" 。.!！")):
        return f"{surname.group(1)}老板"  # 姓李的 at "在哪个单位或老板那里干?": 李老板 (it was kept as typed)
    beside = facts_beside(text)
    if beside.taken:
        # 张老板 干装修的 一天两百: the job and the pay go to their questions (the prefill takes them).
        if UNNAMED_WORKPLACE.fullmatch(beside.rest):
            return Invalid("survey.employer.reprompt")  # 在厂里 流水线 三千八: which factory, still to say
        text = beside.rest
    employer = nlu.parse_employer(text)
    if employer is None and _pay_alone(text):
        return Invalid("survey.employer.reprompt")  # 一天300 alone: the pay (kept for its question), not whom for
    if employer is None and (english_month(text, _ctx.today, "past") or english_year_alone(text, _ctx.today)):
        return None  # since last year, June 2025 (the en locale): when it started, not whom for
    if employer is None and only_places(text):
        return None  # 河南潢川 桃林铺镇 is where, not whom (the place is kept for its own questions)
    if employer is None and len(parts := _norm(text).split()) > 1:
        # 宏发五金 开叉车: the job said beside the name is no part of it (the prefill takes the job).
        named = [p for p in parts if not (DOING_JOB.match(p) and nlu.find_job_type(p))]
        text = " ".join(named) if named else text
    return employer or parse_free_text(text, _ctx)


# Working said alone (打工, 上班, 在外头打工的): no one it is done for.
_WORKING_ALONE = re.compile(
    r"(?:我|俺)?(?:就是|就|是)?(?:在外(?:面|头|边)?|出去|外出|出来)?(?:打工|上班|干活|做工|打零工|务工)(?:的|呢|嘛|啊|呀)?")


# A message that says only when (去年三月, 前年腊月来的): no job.
_ONLY_WHEN = re.compile(r"[\d一二两三四五六七八九十年月份号日底初中旬前去今腊正冬春节过完的来进厂时候那会儿就是\s]+")


def parse_job_type(text: str, ctx: StepContext) -> Any:
    """The job as the form writes it when the message says only the job (工地上扎钢筋 -> 钢筋工, 开叉车 -> 叉车),
    the pay beside it left out (理货 一个月两千八 -> 理货); else the words as said (看鸡场)."""
    value = parse_free_text(text, ctx)
    if not isinstance(value, str):
        return value
    if (apprentice := _APPRENTICE.fullmatch(value)) is not None and (trade := nlu.find_job_type(apprentice.group(1))):
        return trade  # 理发店学徒: the trade learnt there is the job (工种 理发); an apprentice is how, not what
    if answers_other_question(value, ctx):
        return Invalid("survey.job_type.reprompt")  # 签了的 at the job question: the contract, not the job
    parts = value.split()
    if len(parts) > 1 and (kept := [p for p in parts if not answers_other_question(p, ctx)]) and len(kept) < len(
            parts):
        value = " ".join(kept)  # 保安 有社保: the job; the insurance is asked in its turn
    if _ONLY_WHEN.fullmatch(value) and nlu.parse_month(value, ctx.today, "past") is not None:
        return Invalid("survey.job_type.reprompt")  # 去年三月: when it started (taken there), not the job
    beside = facts_beside(value)  # 理货 一个月两千八: the pay goes to its question (the prefill takes it)
    if beside.job is not None and not beside.rest:
        return beside.job
    if (beside.job is None and beside.taken and not beside.rest) or (not beside.taken and _pay_alone(value)):
        return Invalid("survey.job_type.reprompt")  # 一天一百二 alone: the pay (kept for its question), not the job
    if beside.job is None and beside.taken and beside.rest:
        value = beside.rest
    return job_said(value, at_job_question=True) or value


# 理发店学徒, 在理发店当学徒: an apprentice of the shop's trade.
_APPRENTICE = re.compile(r"(?:在)?([\u4e00-\u9fff]{1,4}?)(?:店|馆|铺)(?:里|上)?\s*(?:当|做|干)?\s*学徒(?:工)?")


# A part of a message saying what one does (做流水线, 当保安, 上流水线, 在厂里开叉车).
DOING_JOB = re.compile(r"(?:在[^\s]{0,6}?)?(?:做|干|当|搞|开|上)")


_AROUND_PLACES = re.compile(r"[\s,，。.、!！~的在是那这边里嗯还就呢啊哦呀]+")


def only_places(text: str) -> bool:
    """The message names places and nothing else (河南潢川 桃林铺镇, 在东莞那边)."""
    said = nlu.normalize(text)
    mentions = nlu.place_mentions(text)
    if not mentions:
        return False
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        said = said[: mention.start] + " " + said[mention.end :]
    return not _AROUND_PLACES.sub("", said)


# A day rate without the days worked: the dialog asks for the days (flow.py keeps the rate meanwhile).
ASK_DAYS = "survey.income.ask_days"
# 前年, 2024年: the year the work started, its month asked (it was "没看懂时间").
ASK_MONTH = "survey.month.which_month"
# A hedged yes/no: the dialog asks once whether to record it so.
CONFIRM = "survey.confirm.prompt"
# Farming one's own land and nothing else said: whether there is other work beside it (asked once).
ASK_SIDE_JOB = "survey.employment_status.side_job"


# A year's pay (一年下来也就两万来块, 年收入三万, 每年挣个两万): the amount right after the year, no month said;
# divided by 12. Not 干了一年 三千五, where the year is how long.
_PER_YEAR = re.compile(
    r"(?<![了干做来])(?:一年|每年|全年|年收入|年薪)(?:下来|到头|也就|总共|一共|大概|差不多|能|就|才|挣|赚|收入|有|个|是|:|：|\s)*"
    r"(?=[\d一二两三四五六七八九十])"
)


def remember_pay(survey: JsonDict, changes: Mapping[str, tuple[Any, Any]]) -> None:
    """The pay of a job the form no longer holds (the person lost it) is kept beside the answers, for "跟原来差不多"
    at the pay wished for."""
    old, new = changes.get("monthly_income", (None, None))
    if isinstance(old, int) and new is None:
        survey["last_pay"] = old


# English pay (the en locale): 4,500 is four thousand five hundred; 200 a day is a day's rate.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_PER_DAY_EN = re.compile(r"^\s*(?:about\s+)?(\d+)\s*(?:yuan|rmb|kuai)?\s*(?:a|per|each|every)\s+day\b|\bdaily\b", re.I)


def _english_pay(text: str) -> str:
    if re.search(r"[\u4e00-\u9fff]", text):
        return text
    text = _THOUSANDS.sub("", text)
    day = _PER_DAY_EN.search(text)
    return f"一天{day.group(1)}" if day is not None and day.group(1) else text


# A day's pay said as a range (一天两三百, 一天二三十, 一天200到300): the rate read is its low end; the high end is
# said back with it.
_SPOKEN_RANGE = re.compile(r"(?<![一二两三四五六七八九十百千\d])([一二两三四五六七八九])([二三四五六七八九])([十百])")
_DIGIT_RANGE = re.compile(r"(?<!\d)(\d{2,4})\s*(?:-|~|到|至)\s*(\d{2,4})(?!\d)")
_DIGIT_OF = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_UNIT_OF = {"十": 10, "百": 100}


# Below this, a sum said with 天 is a day's pay, not a month's.
_LEAST_MONTH = 1000


def day_rate_high(said: str, rate: int) -> int | None:
    """The high end of a day's pay said as a range whose low end is `rate` (一天两三百 -> 300), or None."""
    if "天" not in said or not (spoken := _SPOKEN_RANGE.search(said) or _DIGIT_RANGE.search(said)):
        return None
    if spoken.re is _SPOKEN_RANGE:
        unit = _UNIT_OF[spoken.group(3)]
        low, high = _DIGIT_OF[spoken.group(1)] * unit, _DIGIT_OF[spoken.group(2)] * unit
    else:
        low, high = int(spoken.group(1)), int(spoken.group(2))
    return high if low == rate and high > low else None


# A clause that says an insurance was not paid (养老没交, 没有养老, 养老还没买).
_NOT_PAID = re.compile(r"没|未|不|木有|冇")
_ONLY = re.compile(r"只|就(?:交|缴|买)了?")


def partial_insurance(text: str) -> tuple[list[str], list[str]] | None:
    """交了 好像只交了医保 养老没交: part of social insurance paid, the rest not (医保; 养老保险); 只交了医保 alone:
    (医保; none named). None unless some insurance is said paid and either another said not or 只 says it is alone;
    a resident's insurance (新农合, 居民医保) is not the employer's and is read elsewhere."""
    said = nlu.normalize(text)
    if "保" not in said and "养老" not in said and "工伤" not in said:
        return None  # (cheap: most messages name no insurance)
    if any(word in said for word in words_of("resident_insurance")):
        return None
    paid: list[str] = []
    unpaid: list[str] = []
    alone = False
    for clause in re.split(r"[\s,，。;；!！、]+", said):
        named = [name for name, words in insurance_kinds() if any(w in clause for w in words)]
        if not named:
            continue
        (unpaid if _NOT_PAID.search(clause) else paid).extend(n for n in named if n not in paid + unpaid)
        alone = alone or bool(_ONLY.search(clause))
    if not paid or not (unpaid or alone) or len(paid) == len(insurance_kinds()):
        return None
    return paid, unpaid


def parse_income(text: str, _ctx: StepContext) -> Any:
    text = _english_pay(text)
    said = nlu.normalize(text)
    per_year = _PER_YEAR.search(said)
    if per_year and "月" not in said and (yearly := nlu.parse_amount(said[per_year.end() :])) is not None:
        return Invalid("survey.income.out_of_range") if yearly < 12 * MIN_INCOME else yearly // 12
    amount = nlu.parse_salary(text)
    if amount is None or (amount < _LEAST_MONTH and "天" in said):
        # (一天200到300: a day's pay, not 300 a month)
        pay = nlu.parse_daily_pay(text)  # 一天200 一个月干二十来天
        amount = None if pay is not None else amount
        if pay is not None and pay.monthly is not None:
            amount = pay.monthly
        elif pay is not None:
            high = day_rate_high(said, pay.per_day)
            return Invalid(ASK_DAYS, {"rate": pay.per_day, **({"high": high} if high else {})})
    if amount is None:
        return Invalid("survey.income.not_amount")
    if not MIN_INCOME <= amount <= MAX_INCOME:
        return Invalid("survey.income.out_of_range")
    return amount


_NOW_WORDS = words_of("available_now")
# When one can start, said alone (随时, 马上, 过完年): no skill. The words of "from now on" (available_now) and of the
# end of the New Year holiday (nlu's time vocabulary).
_WHEN = "|".join(
    sorted((re.escape(word) for word in _NOW_WORDS if not word.isascii()), key=len, reverse=True)
) + "|" + alternation("time", "festival.after_new_year")
_WHEN_ALONE = re.compile(
    rf"(?:我|俺)?(?:都|就|可以|能)?(?:{_WHEN})(?:都|就)?(?:行|可以|能来|能去|能干)?(?:的|啊|吧)?"
)


def parse_skills(text: str, ctx: StepContext) -> Any:
    """What they can do; 随时 (when they can start, answered ahead) is no skill (it was stored as one), nor are
    workplaces wished for (超市 饭店都行: the work wanted, answered late)."""
    if _WHEN_ALONE.fullmatch(re.sub(r"[\s。.!！~,，]", "", _norm(text))):
        return Invalid("survey.skills.reprompt")
    if only_workplaces(text):
        return Invalid("survey.skills.reprompt")
    return parse_free_text(text, ctx)


_YEARS_BACK = {"今年": 0, "去年": 1, "前年": 2, "大前年": 3}
_YEAR_ONLY = re.compile(
    r"^(?:就是|大概|差不多|应该是)?(今年|去年|前年|大前年|(?:19|20)?\d{2}年|([一二两三四五六七八九十\d]{1,2})年(?:以)?前)"
    r"(?:的时候|吧|来的|开始(?:做|干)?的?|就来了|进的厂|过来的)?$"
)


def year_alone(text: str, today: date) -> int | None:
    """The year a start is said by, without its month (前年, 2024年, 两年前); None when a month is said too."""
    said = re.sub(r"[\s。.!！~,，]", "", nlu.normalize(_norm(text)))
    found = _YEAR_ONLY.fullmatch(said)
    if found is None:
        return None
    word = found.group(1)
    if word in _YEARS_BACK:
        return today.year - _YEARS_BACK[word]
    if found.group(2):
        back = int(found.group(2)) if found.group(2).isdigit() else parse_numeral(found.group(2))
        return today.year - int(back) if back is not None else None
    digits = word[:-1]
    year = int(digits) if len(digits) == 4 else 2000 + int(digits)
    return year if 1970 <= year <= today.year else None


def started_only(text: str, ctx: StepContext) -> bool:
    """去年来的, 2024年五月开始干的, since last year: a time a job started, and nothing else."""
    if year_alone(text, ctx.today) is not None or english_year_alone(text, ctx.today) is not None:
        return True
    said = re.sub(r"[\s。.!！~,，]", "", nlu.normalize(_norm(text)))
    bare = _STARTED_WORDS.sub("", said)
    if not bare or _MONTH_WORDS.fullmatch(bare) is None:
        return False
    return nlu.parse_month(bare, ctx.today, "past") is not None


# 来的, 开始干的, 进的厂: how a start is said around its time.
_STARTED_WORDS = re.compile(
    r"(?:就是|大概|差不多|应该是)|(?:的时候|吧|来的|去的|出去的|开始干?的?|就来了|就去了|进的厂|进厂的?|过来的|过去的|来这的?|干起的?)$"
)
_MONTH_WORDS = re.compile(
    r"(?:(?:19|20)?\d{2}年|今年|去年|前年|大前年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3}|正|腊|冬)月(?:份|底|初|中)?"
)


# 两年了, 干了一年多了, 来了三个多月了, 半年了: how long the job has lasted, which says when it started.
_LASTED = re.compile(
    r"(?:我|俺)?(?:在这|在这里|在那|在那边|这边)?(?:干|做|来|上班|待|呆|进厂)?了?(?:有|快|差不多|大概|都|也就)?"
    r"(?P<count>[一二两三四五六七八九十\d]{1,3}|半)(?:个)?(?P<more>多|半)?(?P<unit>年|个?月)(?P<half>半)?(?:多)?"
    r"(?:了|啦|吧|左右|的样子)*"
)
_MOST_YEARS = 40


def lasted_since(text: str, today: date) -> str | None:
    """两年了 (on 2026-11-26) -> 2024-11: the month a job started, from how long it has lasted (a year and more is
    the year, 一年半 eighteen months); None when the text says no such duration. The duration may be a part of
    its own in a longer message (在酒店做保洁 干了两年多了; 刚才说了嘛 两年多了), the last such part counting."""
    said = nlu.normalize(_norm(text))
    whole = _lasted(re.sub(r"[\s。.!！~,，]", "", said), today)
    if whole is not None:
        return whole
    for part in reversed(_CLAUSES.split(said)):
        # only a part that says it has lasted (了): 一年 in 一年回来一次, 一个月 四千 are no start
        if "了" in part and (found := _lasted(part, today)) is not None:
            return found
    return None


_CLAUSES = re.compile(r"[\s。.!！~,，、;；?？]+")


def _lasted(said: str, today: date) -> str | None:
    found = _LASTED.fullmatch(said)
    if found is None:
        return None
    count = found.group("count")
    number = 0.5 if count == "半" else int(count) if count.isdigit() else parse_numeral(count)
    if not number:
        return None
    months = number * 12 if found.group("unit") == "年" else number
    if "半" in (found.group("more") or "", found.group("half") or "") and count != "半":
        months += 6 if found.group("unit") == "年" else 0.5
    months = int(months)
    if not 0 < months <= _MOST_YEARS * 12:
        return None
    index = today.year * 12 + today.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def parse_started(text: str, ctx: StepContext) -> Any:
    month = nlu.parse_month(text, ctx.today, "past") or english_month(text, ctx.today, "past")
    if month is None:
        month = lasted_since(text, ctx.today)  # 两年了, 干了三个多月了: counted back from today
    year = year_alone(text, ctx.today) or english_year_alone(text, ctx.today)  # 前年, since last year
    if month is None and year is not None:
        return Invalid(ASK_MONTH, {"year": year})
    if month is None:
        return Invalid("survey.month.not_month")
    if month > f"{ctx.today:%Y-%m}":
        return Invalid("survey.month.in_future")
    return month


_YEAR_AHEAD = re.compile(r"(?:等到|到)?(今年|明年|后年|(\d{4})年)(?:吧|呢|啊|的|再说|以后|开始)?")
_YEARS_AHEAD = {"今年": 0, "明年": 1, "后年": 2}


def _year_ahead(text: str, today: date) -> int | None:
    """明年, 后年, 2027年 said alone of when one can start: the year, its month to ask."""
    found = _YEAR_AHEAD.fullmatch(re.sub(r"[\s。.!！~,，]", "", nlu.normalize(_norm(text))))
    if found is None:
        return None
    year = int(found.group(2)) if found.group(2) else today.year + _YEARS_AHEAD[found.group(1)]
    return year if today.year <= year <= today.year + 5 else None


def parse_available(text: str, ctx: StepContext) -> Any:
    if any(word in _norm(text).lower() for word in _NOW_WORDS):
        return f"{ctx.today:%Y-%m}"
    month = nlu.parse_month(text, ctx.today, "future") or english_month(text, ctx.today, "future")
    if month is None and (year := _year_ahead(text, ctx.today)) is not None:
        return Invalid(ASK_MONTH, {"year": year})  # 明年 alone: which month (it was "没看懂时间")
    # Not understood (1 typed from habit): the question's own reprompt, with 随时 (not_month's example is a
    # month past, 去年三月, for when a job started).
    return month if month is not None else Invalid("survey.available_from.reprompt")


def _yes_no_parser(*, late_means_no: bool = False) -> Any:
    def parse(text: str, _ctx: StepContext) -> Any:
        reading = nlu.yes_no_reading(text, late_means_no=late_means_no)
        if reading is None:
            return None
        value = "yes" if reading.value else "no"
        # 好像交了, 基本按时: never saved as a clean yes or no without asking once.
        return Invalid(CONFIRM, {"value": value}) if reading.hedged else value

    return parse


parse_yes_no = _yes_no_parser()


def parse_willing(text: str, ctx: StepContext) -> Any:
    """想找 过完年再出来: willing, from later; otherwise the yes/no reading."""
    if nlu.parse_month(text, ctx.today, "future") and re.search(r"想|要|愿意|出去|出来", _norm(text)):
        return "later"
    said = _norm(text)
    if not_now(text):
        return "later"
    if _NOT_LOOKED_YET.fullmatch(said):
        return Invalid("survey.willing_to_work.reprompt")  # 还没找: says nothing of wanting (it was 不想)
    answer = parse_yes_no(text, ctx)
    if answer is None and not _NOT_WANTING.search(said) and nlu.understand(text, ctx.today).intent == "seek_job":
        return "yes"  # 娃上幼儿园了 想出去找点活: the news before it does not make wanting work less of a yes
    if answer is None and _WONT_GO.search(said):
        return "no"  # 不出去 (will not; 出不去, cannot, is the status "unable")
    return answer


_NOT_WANTING = re.compile(r"不想|不要|不去|不出去|没想|不打算|不找")
_NOT_LOOKED_YET = re.compile(r"(?:我|俺)?(?:还|都|暂时)?没(?:有)?(?:开始|去)?找(?:过|呢|工作|活)?(?:呢|的)?")


def not_now(text: str) -> bool:
    """过两年再说; 娃还小 不出去: not wanting work now, for a reason that passes (the answer "later", whatever
    not-wanting word it holds)."""
    said = _norm(text)
    return bool(_NOT_NOW.search(said) or (_NOT_WANTING.search(said) and _CHILD_SMALL.search(said)))

_WONT_GO = re.compile(r"^(?:我|俺)?(?:暂时)?(?:不出去|不去|不出门)(?:了|啦)?$")
_NOT_NOW = re.compile(
    r"(?:过|等)(?:两|几|一两|三五|个把)(?:年|个月)再说|(?:以后|往后|明年|过段时间|过阵子)再说"
    # 娃大点再说, 等孩子上学了再看: when the child is older (it was read as news of the child's)
    r"|(?:大点|大些|大了|长大|上学了?|上幼儿园了?|好点|好些|好了)(?:以后|之后)?(?:再说|再看|再找|再出去)"
)
# 娃还小, 孩子还没上学, 在家带孙子: a child to look after, for now.
_CHILD_SMALL = re.compile(
    r"(?:娃|孩子|小孩|伢|崽|娃娃|娃儿|孙子|孙女)(?:子|儿)?还(?:小|没上学|没断奶)|带(?:娃|孩子|小孩|孙)"
)


# 没有, 没得, 木有: a bare no, at most this long.
_BARE_NO = 3


_AT_HOME = re.compile(r"(?:嗯|我|俺|现在|目前)?(?:在家|在家里|在屋里|在屋头|在屋|家里|在老家)(?:呢|哦|啊|嘞|咯|了|的)?")


def parse_status(text: str, ctx: StepContext) -> Any:
    """Beyond the numbers and the synonyms: what understand() reads from a sentence (在家带孙子 出不去 is
    unable to work; 厂子倒了 is unemployed)."""
    said = squash(text)
    if len(said) <= _BARE_NO and said[:1] in "没木莫冇" and (reading := nlu.yes_no_reading(said)) is not None and (
            reading.value is False and not reading.hedged):
        return "unemployed"  # 没有 / 没 at "您现在的就业情况?": no work (it was 请回复数字 1、2 或 3)
    if _AT_HOME.fullmatch(said):
        # 在家 alone: most likely no work, but it may be farming or caring at home: confirmed once (it was
        # "请回复数字 1、2 或 3").
        return Invalid(CONFIRM, {"value": "unemployed"})
    understanding = nlu.understand(text, ctx.today)
    if understanding.status is None and nlu.plans_once_found(text):
        return "unemployed"  # 找到活就去: no work yet (the wish is kept for the next question)
    if understanding.status is None and nlu.says_no_job(text):
        return "unemployed"  # 在家 没出去: no work now, said as a state
    news = understanding.status or understanding.intent
    if understanding.status is None and news in ("employed", "changed_job") and nlu.is_question(text):
        return None  # 去广东打工有人带不: work asked about (it recorded work in 广东)
    if news not in _STATUS_OF and re.match(r"\s*(?:在|到了|去了)", _norm(text)) and understanding.entities.location:
        news = "employed"  # 在苏州园区: where one works
    return _STATUS_OF.get(news)


# 现在回来了, 回老家了: back home (after work elsewhere, said before it).
_BACK_HOME = re.compile(r"(?:现在|已经|又)?(?:回来|回家|回老家|回屋|回村)(?:来)?了\s*$|(?:现在|已经)在家(?:了|里)?\s*$")


def back_home(text: str, ctx: StepContext) -> bool:
    """以前在浙江 现在回来了, 以前在广东打工 现在回家了: work away is over, back home; no work now (whether they
    want work is the next question)."""
    if _BACK_HOME.search(_norm(text)) is None:
        return False
    understanding = nlu.understand(text, ctx.today)
    return understanding.status is None and (
        nlu.tells_past_work(text) or understanding.entities.location is not None)


_STATUS_OF = {"employed": "employed", "changed_job": "employed", "job_lost": "unemployed", "unable": "unable"}


def validate_birth(value: Any, ctx: StepContext) -> Invalid | None:
    info = nlu.id_number_info(str(value))
    if info is None or info.birth_date > ctx.today or info.birth_date < date(ctx.today.year - 100, 1, 1):
        return Invalid("survey.id_number.bad_birth_date")
    return None


def show_phone(value: Any) -> str:
    """A number shown back to the person: masked, in the form they know (138****5678)."""
    text = str(value)
    return mask_phone(text[3:] if text.startswith("+86") else text)


def show_willing(value: Any, answers: Mapping[str, Any], locale: str) -> tuple[str, dict[str, str]] | None:
    """想找 过完年再出来: "later" with the month they mean to start reads as that plan, not as 以后再说."""
    month = answers.get("available_from")
    if value != "later" or not isinstance(month, str):
        return None
    return "survey.willing_to_work.later_from", {"month": forms.show_month(month, locale)}


# "有 但是不记得" at the household number: a registered household whose number is not known. Kept as this value
# (matching reads any household number as registered: dialogs/matching/profile.py), shown in words, never as a number.
HOUSEHOLD_NUMBER_UNKNOWN = "number_unknown"


def show_household(value: Any, _answers: Mapping[str, Any], _locale: str) -> tuple[str, dict[str, str]] | None:
    """A registered household, its number not known, reads as that (not as the stored code)."""
    return ("survey.household_id.number_unknown", {}) if value == HOUSEHOLD_NUMBER_UNKNOWN else None


def show_services(value: Any, _answers: Mapping[str, Any], _locale: str) -> tuple[str, dict[str, str]] | None:
    """No help wanted ([], 不需要) reads as that, not as an empty line."""
    return ("survey.no_services", {}) if value == [] else None


def show_id(value: Any) -> str:
    return mask_id_number(str(value))


# -- branch conditions ----------------------------------------------------------------------------------

def employed(answers: Mapping[str, Any]) -> bool:
    return answers.get("employment_status") == "employed"


def employee(answers: Mapping[str, Any]) -> bool:
    """Working for someone: self-employment (自主创业/个体) and work done at home (手工活在家做) have no employer to
    sign with or pay wages."""
    return employed(answers) and answers.get("employment_form") != "self_employed" and not at_home(answers)


def works_away(answers: Mapping[str, Any]) -> bool:
    """The work is outside the home county (in another province or city): the way of working is likely 外出务工."""
    home = str((answers.get("home_division") or {}).get("code") or "")
    work = str((answers.get("work_division") or {}).get("code") or "")
    return len(home) >= 6 and len(work) >= 2 and not work.startswith(home[:6]) and not home.startswith(work)


def at_home(answers: Mapping[str, Any]) -> bool:
    """Work done at home, as the work address records it (answering._work_itself)."""
    return answers.get("work_place") == value_of("work_itself", "place")


def _pays_in(answers: Mapping[str, Any]) -> bool:
    """Social insurance is asked of whoever works for someone, and of the self-employed (who may pay in
    themselves); not of home-based work (no employer, and a no opened a rights case)."""
    return employed(answers) and not at_home(answers)


def _insurance_asked_as(answers: Mapping[str, Any]) -> str | None:
    """The self-employed are asked whether they pay in themselves (they were asked "单位给您交社保了吗?")."""
    return "survey.social_insurance.prompt_own" if answers.get("employment_form") == "self_employed" else None


def unemployed(answers: Mapping[str, Any]) -> bool:
    return answers.get("employment_status") == "unemployed"


def looking(answers: Mapping[str, Any]) -> bool:
    """Unemployed and not saying they do not want work: the service questions apply."""
    return unemployed(answers) and "willing_to_work" in answers and answers["willing_to_work"] != "no"


# -- the form -------------------------------------------------------------------------------------------

def _field(key: str, **kwargs: Any) -> FormField:
    return FormField(key, f"survey.{key}.prompt", f"survey.{key}.reprompt", f"survey.{key}.label", **kwargs)




def _choices(field: str, *values: str) -> tuple[Choice, ...]:
    """The choices of a field, their words from data/vocabulary.toml."""
    return tuple(Choice(value, f"survey.{field}.{value}", synonyms(field, value)) for value in values)


# 工资每个月10号发, 每月15号左右到账: a fixed pay day each month, wages on time (unless late or owed is said too).
_PAY_DAY = re.compile(r"(?:每个?月|每月|月月)的?(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:号|日)(?:左右|前后)?"
                      r"(?:就|都)?(?:发|结|打|到账|给)")
_LATE_OR_OWED = re.compile(r"拖|晚|欠|不按时|不准时|压")
_wages_reading = _yes_no_parser(late_means_no=True)


def parse_wages(text: str, ctx: StepContext) -> Any:
    """Wages paid late, held back or only at year end are not paid on time, however it is put; a fixed pay day each
    month (工资每个月10号发) is."""
    said = _norm(text)
    if _PAY_DAY.search(said) and not _LATE_OR_OWED.search(said):
        return "yes"
    return _wages_reading(text, ctx)


def _yes_no(key: str, when: Any, asked_as: Any = None) -> FormField:
    parse = parse_wages if key == "wages_on_time" else parse_yes_no
    return _field(
        key, parse=parse, when=when, asked_as=asked_as,
        choices=tuple(Choice(v, f"survey.choice.{v}", synonyms("yes_no", v) + own_synonyms(key, v))
                      for v in ("yes", "no")),
    )


SURVEY_FORM = Form(
    name="survey",
    summary="survey.summary",
    summary_reprompt="survey.summary_reprompt",
    summary_changed="survey.summary_changed",
    fields=(
        _field("name", parse=parse_name),
        _field("id_number", parse=parse_id, validate=validate_birth, display=show_id,
               unknown="survey.id_number.shown_later"),
        _field("phone", parse=parse_phone, display=show_phone),
        _field("household_id", parse=parse_household, optional=True, shown_with=show_household),
        _field("home_division", parse=parse_home_division),
        _field("home_village", parse=parse_village),
        _field(
            "employment_status",
            parse=parse_status,
            choices=_choices("employment_status", "employed", "unemployed", "unable"),
        ),
        # Employed.
        _field("work_division", parse=parse_work_division, when=employed),
        _field("work_place", parse=parse_work_place, when=employed, optional=True),
        _field("employer", parse=parse_employer, when=employed),
        _field("employer_contact", parse=parse_contact, when=employed, optional=True, display=show_phone),
        _field("job_type", parse=parse_job_type, when=employed, optional=True),
        _field("started", parse=parse_started, when=employed, optional=True, month=True),
        _field("monthly_income", parse=parse_income, when=employed, optional=True),
        _field(
            "employment_form", when=employed,
            choices=_choices("employment_form", "migrant", "workshop", "public_welfare", "self_employed", "flexible"),
        ),
        _yes_no("contract_signed", employee),
        _yes_no("social_insurance", _pays_in, _insurance_asked_as),
        _yes_no("wages_on_time", employee),
        # Unemployed.
        _field(
            "willing_to_work", when=unemployed, parse=parse_willing, shown_with=show_willing,
            choices=_choices("willing_to_work", "yes", "no", "later"),
        ),
        _field(
            "service_needs", when=looking, multi=True, shown_with=show_services,
            choices=_choices(
                "service_needs",
                "job_referral", "training", "business", "labour_export", "public_welfare", "policy_advice",
            ),
        ),
        _field(
            "preferred_scope", when=looking,
            choices=_choices("preferred_scope", "home_county", "home_province", "other_provinces", "anywhere"),
        ),
        _field("desired_jobs", parse=parse_desired_jobs, when=looking, optional=True),
        _field("skills", parse=parse_skills, when=looking, optional=True),
        _field("expected_income", parse=parse_income, when=looking, optional=True),
        _field("available_from", parse=parse_available, when=looking, optional=True, month=True),
    ),
)

FIELD_KEYS: tuple[str, ...] = tuple(f.key for f in SURVEY_FORM.fields)
# Fields that take any text: "厂子倒闭了" would be a valid work address, so a status change is checked
# before such an answer is taken (elsewhere only after the field's parser rejected the message).
FREE_TEXT_FIELDS = frozenset(
    f.key for f in SURVEY_FORM.fields
    if f.parse in (parse_free_text, parse_skills, parse_work_place, parse_employer, parse_desired_jobs, parse_village)
    and not f.choices
)
# Free-text answers about jobs wished for or known (开挖机 或者工地上都行): never news of a job held.
ABOUT_JOBS = frozenset({"desired_jobs", "skills", "job_type"})
# Optional questions not asked again when another answer passed them over: the household number is on the
# roster the caseworkers hold, and people who skip it mostly do not know it.
NOT_ASKED_AGAIN = frozenset({"household_id"})


def taken_away(old_status: Any, changes: Mapping[str, tuple[Any, Any]]) -> JsonDict:
    """What a change of status took from the form (its old status and the answers it dropped, 不知道 ones too), kept
    for a moment so that a denial ("不对 我还在上班的") can put it back (`put_back`)."""
    return {"status": old_status, "answers": {k: was for k, (was, now) in changes.items()
                                              if now is None and k in FIELD_KEYS}}


def put_back(survey: JsonDict, kept: Mapping[str, Any]) -> tuple[Any, dict[str, tuple[Any, Any]]]:
    """The status and the answers `taken_away` kept, back on the form; the status it had until now and the changes
    made (for the caller's history: its own `field_changed` and `employment_status_changed` events)."""
    now = survey["answers"].get("employment_status")
    changes = forms.set_answer(SURVEY_FORM, survey, "employment_status", kept["status"])
    for key, value in (kept.get("answers") or {}).items():
        if key not in survey["answers"]:
            survey["answers"][key] = value  # 不知道 (None) too: what was said
            if value is not None:
                changes[key] = (None, value)
    return now, changes
