"""How a reply to one of the survey's questions is read, beyond the field's own parser: the SMS sender's
number accepted, "here at home" as a place of work, the follow-up questions (a hedged yes/no confirmed once,
the days worked after a day rate), and what to do with don't-know and questions back. Pure functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from dialogs import forms, near_home, nlu
from dialogs.flows.survey.beside import UNNAMED_WORKPLACE, facts_beside, job_said
from dialogs.flows.survey.corrections import Correction
from dialogs.flows.survey.fields import (
    ASK_DAYS,
    ASK_MONTH,
    ASK_SIDE_JOB,
    BARE_WORKPLACE,
    CONFIRM,
    FREE_TEXT_FIELDS,
    LIFE_NEWS,
    MAX_INCOME,
    MIN_INCOME,
    SURVEY_FORM,
    YES_NO_FIELDS,
    back_home,
    boss_named,
    jobs_wanted,
    name_unknown_of_place,
    not_now,
    parse_status,
    place_value,
    started_only,
    works_away,
)
from dialogs.flows.survey.prefill import local_place, seeks_work_despite, waits_for, wants_work
from dialogs.flows.survey.scopes import scope_of_areas
from dialogs.flows.survey.vocabulary import (
    english_month_number,
    field_name_pattern,
    field_of_name,
    passing,
    sender_accept,
    value_of,
    words_of,
)
from dialogs.forms import FormField, Invalid
from dialogs.i18n import catalog
from dialogs.nlu.insurance import self_paid_only
from dialogs.nlu.lexicon import alternation, words
from dialogs.nlu.numerals import parse_numeral
from dialogs.nlu.salary import amounts
from dialogs.types import JsonDict, Outbound, StepContext

FOLLOW_UPS = frozenset({CONFIRM, ASK_DAYS, ASK_SIDE_JOB, ASK_MONTH})
# 就在县城上班 不算外出吧 from a shop's employee: not migrant work; the other ways.
LOCAL_NOT_MIGRANT = "survey.employment_form.local_not_migrant"
# The days asked after a day's pay said as a range, and what is recorded of it said back.
ASK_DAYS_RANGE = "survey.income.ask_days_range"
RANGE_NOTED = "survey.income.range_noted"
# Questions no one else's news answers (made once here: it was a union at every answer read).
_OWN_WORDS_FIELDS = FREE_TEXT_FIELDS | {"name", "home_village"}
_YES = frozenset({"1", "对", "对的", "是", "是的", "嗯", "好", "行", "可以", "没错", "中", "对头", "嗯嗯", "是滴"})
_NO = frozenset({"2", "不对", "不是", "错了", "不行", "不", "否", "没有", "不是的"})


def _squash(text: str) -> str:
    return re.sub(r"[\s。.!！,，、~～]+", "", unicodedata.normalize("NFKC", text)).lower()


def sender_phone(fs: Mapping[str, Any]) -> str | None:
    sender = fs.get("sender")
    return str(sender["phone"]) if isinstance(sender, Mapping) and sender.get("phone") else None


def accepts_sender(text: str) -> bool:
    """就这个号, 是这个, 1, 对: the number the SMS came from is the person's mobile (不是这个 … is not)."""
    said = _squash(text)
    if said in _YES or nlu.parse_yes_no(text) is True:
        return True
    if nlu.parse_phone(text) is not None or re.search(r"不是|不对|不用|换了", said):
        return False
    return any(phrase in said for phrase in sender_accept())


# "跟原来差不多就行", "和以前一样": the pay wished for is what the last job paid.
_AS_BEFORE = re.compile(r"(?:跟|和|同|像|按)?(?:原来|以前|之前|上一?个|那个厂|原先|过去)(?:的|那样|那个)?"
                        r"(?:差不多|一样|那样|那么多|就行|就好|就可以)")


# "The number of this WeChat / this phone" said on WeChat, where no number comes with a message.
_THIS_NUMBER = re.compile(
    r"微信(?:的|绑定的|上的)?(?:号|手机|电话)|(?:就是|用的)?(?:这个|本)(?:号|手机|电话|微信)|this (?:number|phone)"
)


# 想, 要的, 当然需要: yes to "您需要哪些帮助?", no help named (the survey's question and the registration's).
WANTS_HELP = re.compile(r"(?:当然|肯定|很|特别)?(?:想|要|需要|想要)(?:的|啊|呀|哦|嘞|了|嘛)?|嗯+|好的?|是的?|行|可以")
# 就是年纪大了 怕人家不要: a worry about age beside the yes (想嘛 就是年纪大了 怕人家不要).
_AGE_WORRY = re.compile(
    r"(?:就是|只是|不过|但是|可)?(?:我|俺)?(?:年纪|岁数|年龄)(?:有点|有些|太|偏)?大(?:了|啦)?|(?:人|我|俺)?老了"
    r"|(?:就)?怕(?:人家|别人|老板|厂里|单位)?(?:不要|嫌弃?)(?:我|俺)?(?:了|啊)?")


def yes_with_age_worry(text: str) -> bool:
    """想嘛 就是年纪大了 怕人家不要: help wanted, and a worry about age (said to, not only recorded)."""
    said = forms.squash(text)
    rest = _AGE_WORRY.sub("", said)
    return rest != said and (WANTS_HELP.fullmatch(rest) or _WANTS_OUT.fullmatch(rest)) is not None


_WANTS_OUT = re.compile(r"(?:想|要|愿意)(?:出去|出去干|干|干活|工作|找活|找工作)(?:的|嘛|啊|呀)?")


# Handwork done at home when there is time (闲了做点手工活, 有空串串珠子): paid work beside caring for family.
_HANDWORK_BESIDE = re.compile(
    r"(?<![想要])(?:闲了|闲的时候|有空|空了|空闲|抽空|顺便|平时|在家)[^,，。]{0,4}(?:做|干|接|搞)(?:点|些|一点)?"
    r"(?:手工|手工活|来料加工|串珠|绣花|编织|缝)"
)
# 想在家做点手工: handwork wished for, not done (我有残疾证 腿不方便 想在家做点手工 was recorded as working at 手工).
_HANDWORK_WISHED = re.compile(
    r"(?:想|想要|希望)[^,，。]{0,4}(?:做|干|接|搞)(?:点|些|一点)?(?:手工|来料加工|串珠|绣花|编织)")


# 初中, 初中毕业, 高中文化, 小学没毕业: how far one went at school, said where an address or a name was asked.
_SCHOOLING = re.compile(r"(?:我|俺)?(?:是|就|只)?(?:读到|上到|念到|读了|上了|读过|上过)?"
                        r"(?:小学|初中|高中|中专|职高|大专|本科)(?:毕业|肄业|没毕业|没读完|文化|学历|水平|文凭)?(?:吧|的|啊|呀|了)?")
_AT_HOME = re.compile(r"(?:就|都)?(?:在)?(?:家|家里|家里头|屋里|屋头|自己家|自家)(?:做|干)?(?:的|呀|啊|嘛)?")


def not_this_number(text: str, fs: JsonDict) -> bool:
    """2, 不是, 不是这个号 at "is it the number you text from?": their own number is asked for (不是 repeated the
    question, 不是这个号 corrected the name to 这个号)."""
    if sender_phone(fs) is None or nlu.parse_phone(text) is not None:
        return False
    return _squash(text) == "2" or nlu.parse_yes_no(text) is False


# 都行 近点好, 哪里都可以 最好离家近点: anywhere, with a wish for near (a preference, not a limit).
_ANYWHERE_THEN_NEAR = re.compile(
    r"(?:哪里|哪儿|哪|去哪)?都(?:行|可以|中|成)(?:的|吧|啊)?[,，。、\s]*(?:最好|能|要是能)?(?:离家)?(?:近|近一?点|近些)"
    r"(?:的)?(?:好|更好|最好|就更好了?|就好|也行)?(?:吧|啊|呀)?")


def _township_in_city(text: str, work: Any) -> JsonDict | None:
    """A township or district said short (厚街, 厚街那边), the place of work on record being in a city or county that
    has one of that name: that one; None otherwise."""
    code = str((work or {}).get("code") or "") if isinstance(work, dict) else ""
    if len(code) < 4 or not 2 <= len(_squash(text)) <= 8:
        return None  # (cheap: a place of work on record and a short answer only)
    found = nlu.places_within(f"{_squash(text)}镇", code[:4], at_work=True) if len(_squash(text)) <= 4 else []
    found = found or nlu.places_within(text, code[:4], at_work=True)
    return place_value(found[0]) if len(found) == 1 and found[0].code != code else None


def read_answer(f: FormField, text: str, fs: JsonDict, ctx: StepContext) -> Any:
    """The field's value (or an Invalid naming the re-prompt or follow-up), with what the survey knows."""
    answers = fs["answers"]
    if f.key == "phone" and (sender := sender_phone(fs)) is not None and accepts_sender(text):
        return sender
    if f.key == "phone" and not_this_number(text, fs):
        return Invalid("survey.phone.not_this_one")  # 2 to "是请回复 1": not this number (it was "不是有效的手机号")
    if f.key == "willing_to_work" and yes_with_age_worry(text):
        return "yes"  # 想嘛 就是年纪大了 怕人家不要 (it was "请回复数字 1、2 或 3")
    if f.key == "service_needs" and (WANTS_HELP.fullmatch(_squash(text)) or yes_with_age_worry(text)):
        return ["job_referral"]  # 想 / 要的: help wanted, none named (it said 就业意愿 again and asked the same)
    if f.key == "phone" and ctx.channel == "wechat" and nlu.parse_phone(text) is None and _THIS_NUMBER.search(text):
        return Invalid("survey.phone.wechat_hides_it")  # 就是这个微信的号: WeChat shows us no number
    if f.key == "social_insurance" and answers.get("employment_form") != "self_employed" and self_paid_only(text):
        return "no"  # 社保是自己交的城乡居民 (at the summary too): not the employer's insurance (it was changed to 是)
    if f.key == "employment_status" and (heard := nlu.understand(text, ctx.today)).status == "unable" and (
            seeks_work_despite(heard)):
        return "unemployed"  # 腿有残疾 在家 想找点轻松的活: looking for work (it was 暂时不能工作, and no jobs)
    if f.key == "employment_status" and nlu.is_question(text) and parse_status(text, ctx) is None:
        return Invalid(f.reprompt)  # 去广东打工有人带不: work asked about, none told (its 打工 recorded work in 广东)
    if f.key == "employment_status" and _HANDWORK_BESIDE.search(nlu.normalize(text)) and (
        forms.parse_answer(f, text, ctx) == "unable"
    ):
        # 在家照顾老人 闲了做点手工活: caring at home, and paid handwork beside it (it was lost, the status "cannot
        # work"): home-based work, the form's 灵活就业/居家就业; the questions about it follow.
        return "employed"
    if f.key == "employment_status" and _HANDWORK_WISHED.search(nlu.normalize(text)) and (
            forms.parse_answer(f, text, ctx) == "unable"):
        return "unemployed"  # 腿不方便 想在家做点手工: looking for home-based work (it was working at 手工)
    if f.key == "employment_status" and back_home(text, ctx):
        return "unemployed"  # 以前在广东打工 现在回家了 (its 打工 read as work held, 以前在浙江 not read at all)
    if f.key == "employment_status" and (farming := _farming_status(text, ctx)) is not None:
        return farming
    if f.key == "employment_status" and forms.parse_answer(f, text, ctx) == "unable" and (
        (said := nlu.understand(text, ctx.today)).status != "unable" and wants_work(said)
    ):
        return "unemployed"  # 在家带孙子 想在附近找点活: looking for work near home (it was "cannot work for now")
    if f.key == "employment_status" and waits_for(nlu.normalize(text)):
        # 在屋头带娃 等娃大点想出去打工: the wish waits for the child (its 打工 is no work now); the rest is the status.
        rest = " ".join(p for p in _PARTS.split(nlu.normalize(text)) if p and not waits_for(p))
        if rest and forms.parse_answer(f, rest, ctx) == "unable":
            return "unable"
    if f.key == "work_division" and _AT_HOME.fullmatch(_squash(text)) and answers.get("home_division"):
        return answers["home_division"]  # 在家 (handwork at home): the home is the place of work (没找到这个地方)
    if f.key == "work_division" and nlu.resolve_place(text) is None:
        local = local_place(text, answers)
        if local is not None:
            return local
        if (nearby := _township_in_city(text, answers.get("work_division"))) is not None:
            return nearby  # 厚街 (那边) when changing 东莞长安镇: 东莞's 厚街镇 (it was "没找到这个地方")
    if f.key == "name" and _tells_no_name(text, ctx):
        return Invalid(f.reprompt)  # 找工作 at the name question: a wish, not a name (told the jobs come after)
    if f.key == "home_village" and _township_only(text, answers):
        return Invalid(f.reprompt)  # 草海镇: the home's township (the prefill keeps it there); the village still to say
    if f.key == "home_village" and _tells_no_village(text, ctx):
        return Invalid(f.reprompt)  # 在家种地, 我想找个活干: news or a wish, no village (prefill takes the news)
    if f.key == "work_place" and any(word in nlu.normalize(text) for word in words_of("no_fixed_place")):
        # 没有固定地方 满城跑 (a driver): the city of the work is the place (it was stored as said).
        place = (answers.get("work_division") or {}).get("name")
        return value_of("no_fixed_place", "record").format(place=place) if place else value_of(
            "no_fixed_place", "unplaced")
    if f.key in ("employer", "work_place") and started_only(text, ctx):
        return Invalid(f.reprompt)  # 去年来的, since last year: when the job started (kept for its question)
    if f.key == "employer" and _tells_no_employer(text, ctx):
        return Invalid(f.reprompt)  # 干装配的 一个月五千多点: the job and the pay (prefill takes them), no employer
    if f.key in _OWN_WORDS_FIELDS and nlu.about_others_only(text):
        return Invalid(f.reprompt)  # 我老婆也想登记一下 at the employer question: no employer (it was stored)
    if f.key == "work_place" and (job_said(text) or (
            (pay := _pay_part(text)) and job_said(text.replace(pay, " ")))):
        # 流水线, 干保安: the job (its own question takes it), no address; 碎砖的 一天一百五: the job and the pay.
        return Invalid(f.reprompt)
    if f.key in FREE_TEXT_FIELDS:
        if _SCHOOLING.fullmatch(_squash(text)):
            return Invalid(f.reprompt)  # 初中, 高中文化: how far one went at school (the form does not ask), no address
        if nlu.is_bare_reply(text) or _only_pay(text) or _pay_part(text) == text.strip():
            return Invalid(f.reprompt)  # 好的 / 谢谢: no village or employer; 三千就行: no skill (prefill keeps it)
        if f.key == "work_place" and (place := name_unknown_of_place(text)) is not None:
            text = place  # 一个工地 具体叫啥记不得了: the place (the words that its name is forgotten were kept)
        if f.key in ("work_place", "home_village") and (pay := _pay_part(text)):
            text = text.replace(pay, " ").strip()  # 就在砖厂里 一天一百五: the pay (prefill keeps it) is no address
            # 一天150 一个月干二十五天: the days of that pay neither (一个月干二十五天 was kept as the address)
            text = " ".join(p for p in _PARTS.split(text) if p and not _days_of_pay(p))
            if not text:
                return Invalid(f.reprompt)
        text = _named_value(f, text)
        instead = _INSTEAD.search(unicodedata.normalize("NFKC", text))
        if instead:  # 是盛安物业 不是保安公司
            text = instead.group(1) or instead.group(4)
        employer = nlu.parse_employer(text) if f.key == "work_place" else None
        known = answers.get("employer", employer)
        if employer is not None and employer in text and (
                known == employer or (isinstance(known, str) and (
                    employer.endswith(known) or (len(known) <= BARE_WORKPLACE and (
                        re.search(r"[厂场店地司]$", known) is not None))))):
            # (超市 on record from 在镇上超市上班, 好又多超市 said now, or 电子厂 and 富士康: the same employer, named;
            # it was kept in the address)
            # 东莞宏达电子厂: the employer goes to its own question (the flow's prefill); what is left is the
            # address, if anything is.
            # (one space where the employer was: 萧山区 万科的工地 leaves 萧山区 工地, not 萧山区 的工地)
            rest = _AROUND_EMPLOYER.sub(" ", re.sub(r"\s+", " ", text.replace(employer, " "))).strip()
            # 饰品厂 做流水线, 园区三号门 在电子厂当质检: the job said with the employer is no address (the prefill
            # takes it); what else is left is.
            rest = " ".join(p for p in rest.split() if not (_JOB_ONLY.fullmatch(p) and nlu.find_job_type(p)) and (
                boss_named(p) is None))  # 老板姓李 beside it: whom for (the prefill's), no address
            rest = _NAMING.sub("", rest).strip()
            if rest and _DESCRIBED.fullmatch(rest) and nlu.resolve_place(rest) is None:
                return None  # 一个做汽车配件的厂 叫宁波华翔: the employer described and named, no address
            return forms.parse_answer(f, rest, ctx) if rest else None
    before = answers.get("monthly_income", fs.get("last_pay"))
    if f.key == "expected_income" and isinstance(before, int) and (
            _AS_BEFORE.search(_squash(text)) and nlu.parse_salary(text) is None):
        return before  # 跟原来差不多就行: the pay of the job they had
    if f.key == "willing_to_work" and not_now(text):
        return "later"  # 在家带孙子 不想出去: 不想 is not the whole answer
    if f.key == "preferred_scope" and (scope := scope_of_areas(text)) is not None:
        return scope  # 县里市里都行: the wider of the two (the province)
    if f.key == "preferred_scope" and (scope := _scope_of_places(text, answers)) is not None:
        return scope  # 深圳东莞都行 from Guizhou: other provinces
    if f.key == "preferred_scope" and _ANYWHERE_THEN_NEAR.fullmatch(_squash(text)):
        return "anywhere"  # 都行 近点好: anywhere, nearer preferred (it was "请回复数字 1 到 4")
    if f.key == "preferred_scope" and jobs_wanted(text):
        # 饭店洗碗 保洁都行: 都行 is said of the jobs (kept for their question), not of where.
        where = " ".join(part for part in nlu.as_typed(text).split() if not jobs_wanted(part))
        return forms.parse_answer(f, where, ctx) if where else Invalid(f.reprompt)
    if f.key == "service_needs" and _NO_HELP.fullmatch(_squash(text)):
        return []  # 不需要: no help wanted for now (asked of someone who will look for work later, too)
    if f.key == "employment_form" and _NEAR_HOME.search(_squash(text)) and _shop_on_record(answers) and (
            forms.parse_answer(f, text, ctx) in ("migrant", "workshop") or isinstance(
                forms.parse_answer(f, text, ctx), Invalid)):
        # 就在县城上班 不算外出吧 with 华联超市 on record: not migrant work (its 外出 was read as 外出务工), and no
        # workshop guessed for a shop: the other ways named.
        return Invalid(LOCAL_NOT_MIGRANT)
    if f.key == "employment_form" and _local_wage_job(text):
        value = forms.parse_answer(f, text, ctx)
        if isinstance(value, Invalid) or value == "migrant":
            return Invalid(CONFIRM, {"value": "workshop"})  # 就在镇上厂里上班: not gone out; a workshop?
    if f.key == "employment_form" and _PLATFORM_WORK.search(f"{answers.get('job_type') or ''} {_squash(text)}") and (
            isinstance(forms.parse_answer(f, text, ctx), Invalid)):
        # 跑外卖算哪个 from a delivery rider: orders taken on an app are flexible work, offered to confirm by 1 (it
        # got "请回复数字 1 到 5", working away or not).
        return Invalid(CONFIRM, {"value": "flexible"})
    if f.key == "employment_form" and works_away(answers) and _WHOM_OR_WHERE.fullmatch(_squash(text)):
        value = forms.parse_answer(f, text, ctx)
        if isinstance(value, Invalid):
            # 包工头, 跟老乡在工地上 from someone working outside the home county: whom for, not an option; 外出务工
            # offered to confirm by 1 (it got "请回复数字 1 到 5").
            return Invalid(CONFIRM, {"value": "migrant"})
    if f.key == "social_insurance" and _resident_insurance_only(text):
        return "no"  # 交了个新农合: the family's own rural insurance, not social insurance from work
    if f.key in YES_NO_FIELDS and f.parse is not None and not _squash(text).isdigit():
        # The whole sentence, not a word in it: 大部分按时 偶尔拖几天 holds 按时 and is no.
        value = f.parse(text, ctx)
        if value is not None:
            return value
    value = forms.parse_answer(f, text, ctx)
    if f.key == "service_needs" and isinstance(value, Invalid) and (named := [
            c.value for c in f.choices if any(w in _squash(text) for w in passing(f.key).get(c.value, ()))]):
        return named  # 有没有公益岗 村里扫地的那种: the help named, asked for as a question (it was 介绍工作)
    if f.key == "service_needs" and isinstance(value, Invalid) and (
        nlu.find_named_jobs(text) or nlu.plans_once_found(text)
    ):
        return ["job_referral"]  # 看大门 保安都行, 有活就干: a job is the help wanted (the job itself is kept too)
    return value


# What may surround a sum that is all a message says: 有三千就行, 一个月四千左右吧, 给个五千块.
_PAY_FILLER = re.compile(r"[\s,，。.!！~]|有|就行|就好|就可以|都行|吧|左右|上下|大概|差不多|起码|至少|以上|"
                         r"一个月|每个?月|月薪|工资|块钱?|元|给个?|能|要|的|呗|啊|嘛")


_LEAST_PAY = 100


def _only_pay(text: str) -> bool:
    """三千就行, 4000左右: a sum and nothing a free-text answer is made of."""
    said = nlu.normalize(text)
    found = amounts(said)
    if not found or min(a.value for a in found) < _LEAST_PAY:
        return False  # 3, 五组: a building or a group, not money
    rest = "".join(ch for i, ch in enumerate(said) if not any(a.start <= i < a.end for a in found))
    return not _PAY_FILLER.sub("", rest)


def _pay_part(text: str) -> str | None:
    """The part of a message that says only the pay (一天一百五, 五千), when there is one."""
    for part in _PARTS.split(text.strip()):
        if part and (_only_pay(part) or (nlu.parse_daily_pay(part) is not None and _DAY_RATE.fullmatch(part))):
            return part
    return None


# 一个月, 干个: the words a day rate's days are told with, in parts of their own (voice input parts them).
_DAYS_WORDS = frozenset({"一个月", "每个月", "每月", "一月", "一个月的话", "干个", "做个", "上个", "能干", "能做"})


def _days_of_pay(part: str) -> bool:
    """一个月干二十五天, 干个二十来天, 一个月: a part telling the days worked in a month, no place or employer."""
    return part in _DAYS_WORDS or (nlu.parse_days_worked(part) is not None and not nlu.place_mentions(part) and (
        nlu.parse_employer(part) is None))


# 一天一百五, 一百五一天, 一天150块: a day rate said alone.
_DAY_RATE = re.compile(r"(?:一天|每天|日薪)?[\d一二两三四五六七八九十百千]+(?:块钱?|元)?(?:一天|每天)?(?:吧|左右)?")


_ASKING = frozenset({"seek_job", "seek_training", "human"})


def asks_for_something(text: str, ctx: StepContext) -> bool:
    """有没有送快递的活, 能找人工不: a request (work, training, a person), not an answer (社保? 没听说过 is one)."""
    understanding = nlu.understand(text, ctx.today)
    return understanding.intent in _ASKING and understanding.confidence >= 0.7


# No help wanted (不需要, 暂时都不用, 啥也不要): an answer to the help question, not a miss.
_NO_HELP = re.compile(
    r"(?:我|俺)?(?:暂时|暂|现在|目前|先)?(?:都|啥都|什么都|啥也|什么也)?(?:不需要|不用|不要|没啥需要的?)(?:了|吧|的|呢)*"
)


_SURNAMES = frozenset("".join(words("names", "surnames.single")) + "".join(words("names", "surnames.minority")))
_NOT_NAMES = frozenset({"seek_job", "seek_training", "human", "ask_policy", "help", "opt_out", "job_lost",
                        "employed", "rights_issue"})


def _tells_no_name(text: str, ctx: StepContext) -> bool:
    """找工作 / 要人工 at the name question: what the message asks for, not a name (a name starts with a surname;
    one that does not is still taken when nothing else is understood: 阿育伍呷)."""
    said = nlu.normalize(text).strip()
    if not said or said[0] in _SURNAMES or nlu.find_name(text) is not None:
        return False  # 我叫彭小军 在长沙工地上干活: a name, with news that other questions take
    if nlu.yes_no_reading(text) is not None:
        return True  # 没交, 签了: an answer to a question still to come, nobody's name
    understanding = nlu.understand(text, ctx.today)
    return understanding.confidence >= 0.7 and understanding.intent in _NOT_NAMES


# Words a village or a place in it is named by (石羊村三组, 营河社区, 老寨, 坝子头): an answer with one is a village.
_VILLAGE_WORDS = re.compile(r"[村组社队寨屯庄坝湾沟坪堡岭冲街路巷号区镇乡场口头山河溪坡垭塘]")


# Words of where one would work rather than where one lives (a scope read alone: 县城 may be the home).
_WHERE_TO_WORK = re.compile(near_home.alternation("where_to_work") + r"|哪里都|哪都|都行|都可以|就行|外地|外省|外面")


def _tells_no_village(text: str, ctx: StepContext) -> bool:
    """在家种地 / 我想找个活干 / 孙子上学了 现在能出来干活了 / 只要离家近就行 at the village question: news about
    work, a wish or where they would work, no village (it was stored as the village)."""
    if LIFE_NEWS.search(text) and not re.search(r"村|组|屯|寨|庄|社区", text):
        return True  # 在家带娃 老公在广东打工: her life and her husband's work (在家带娃 was stored as the village)
    if _VILLAGE_WORDS.search(text):
        return False
    understanding = nlu.understand(text, ctx.today)
    if understanding.status is not None or nlu.farms_only(text) or nlu.says_no_job(text):
        return True
    if _WHERE_TO_WORK.search(text) and not isinstance(
            forms.parse_answer(SURVEY_FORM.field("preferred_scope"), text, ctx), Invalid):
        return True  # 想 只要离家近: where they would work, no village (住在县城 is where they live)
    return understanding.confidence >= 0.7 and understanding.intent in _NOT_PLACES


# Who pays, said without a workplace noun the employer parser knows (张老板, 包工头, 老李家).
_OWNER_WORDS = re.compile(r"老板|包工头|工头|老总|厂|公司|店|家|单位|集团|队|场|部")


# Not knowing, then where (不晓得 在工业园那边): no name of the employer.
_DONT_KNOW_LEAD = re.compile(
    r"^(?:我|俺)?(?:不知道|不晓得|不清楚|不记得|记不得|记不清|忘了|搞不清)(?:叫啥|叫什么|名字)?[\s,，。.!！]+"
    r"(?:(?:就|是)?在\S*|\S*(?:那边|这边|附近|旁边|那块|那里|这里))$"
)


# 不晓得叫什么, 不知道叫啥名字: the name not known, and nothing else said.
_NAME_NOT_KNOWN = re.compile(
    r"(?:我|俺)?(?:不知道|不晓得|不清楚|记不得|记不清|忘了)(?:它|他们)?(?:叫|是)?(?:啥|什么|哪个|哪家)(?:名字|厂|单位|公司)?"
    r"(?:啊|呀|嘞|哦)?"
)


def _tells_no_employer(text: str, ctx: StepContext) -> bool:
    """干装配的 一个月五千多点 / 就在县城附近 找个活 at the employer question: the job and its pay, or a wish, and
    nobody who pays (they were stored as the employer)."""
    if nlu.parse_employer(text) is not None or _OWNER_WORDS.search(text):
        return False
    if _DONT_KNOW_LEAD.match(nlu.normalize(text)) or _NAME_NOT_KNOWN.fullmatch(nlu.normalize(text).strip(" 。.!！~")):
        return True  # 不晓得 在工业园那边: the name not known, and where it is (no employer named)
    beside = facts_beside(text)
    if beside.taken and beside.rest and not UNNAMED_WORKPLACE.fullmatch(beside.rest):
        return False  # 宏发五金 开叉车 五千二: a name beside the job and the pay
    understanding = nlu.understand(text, ctx.today)
    if understanding.confidence >= 0.7 and understanding.intent in ("seek_job", "seek_training"):
        return True
    return nlu.find_job_type(text) is not None and nlu.parse_salary(text) is not None


_NOT_PLACES = frozenset({"seek_job", "seek_training", "employed", "job_lost", "changed_job", "rights_issue",
                         "ask_policy", "human"})


# What is left of 在东莞宏达电子厂上班 once the employer is taken out: no address.
_AROUND_EMPLOYER = re.compile(
    r"(?:^|\s)(?:在|于|就在|的)|(?:上班|干活|打工|做事|里面|里头|里|那里|那边|这边|一个|一家|一间)(?:\s|$)"
    r"|[\s,，。.、!！~]+"
)


# The cue that named the employer (厂 叫宁波华翔), left over once the name is taken out.
# (厂名叫: 就在长安 厂名叫宏达 left 长安 厂 as the address)
_NAMING = re.compile(r"\s*(?:(?:厂|店|公司|单位|工厂)(?:的名字|名字|名)?|的名字|名字)?(?:叫做|名叫|叫)$")
# A workplace described rather than located (一个做汽车配件的厂): no address.
_DESCRIBED = re.compile(r"(?:一个|一家|一间|个|家)?[\u4e00-\u9fff]{0,10}?的?(?:厂|厂子|工厂|公司|店|车间|作坊)")


# What is left beside the employer when it is only a job (做流水线, 当保安): no address in it.
_JOB_ONLY = re.compile(r"(?:做|干|当|搞|是)?[\u4e00-\u9fff]{1,6}(?:的|工作|活)?")


# What still names a skill or a job after 没啥手艺 (… 会开车, … 有电工证, … 以前干过焊工).
_STILL_SKILLED = re.compile(r"会|学过|懂|证|干过|做过|当过|\d")
_PARTS = re.compile(r"[\s,，。.、;；!！~]+")


# 没有他电话, 不晓得老板的号码, 没存包工头电话: the employer's number is not known.
_NO_NUMBER = re.compile(
    r"(?:我|俺)?(?:也)?(?:没有?|没得|不晓得|不知道|不清楚|忘了|记不得|记不住)(?:存|留|记)?(?:过)?"
    r"(?:他|她|他们|老板|包工头|工头|厂里|单位|公司)?(?:的)?(?:电话|号码|手机号?|联系方式)(?:号码?)?(?:了|呢|啊|哦)?"
)


def no_number_known(f: FormField, text: str) -> bool:
    """没有他电话 at the employer's phone question: not known (it was "电话好像不对")."""
    return f.key == "employer_contact" and _NO_NUMBER.fullmatch(_squash(text).rstrip("。.!！~")) is not None


def says_none(f: FormField, text: str) -> bool:
    """没啥手艺 就是力气大 at an optional question: "none", and the rest only a remark (a strong back is no
    trade). Not when the rest names a job or a skill after all."""
    if f.key == "household_id" and _NO_HOUSEHOLD_NUMBER.fullmatch(forms.squash(text)):
        return True  # 没有这个号 (it was "户编号好像不对")
    if not f.optional or f.key not in FREE_TEXT_FIELDS:
        return False
    parts = [p for p in _PARTS.split(unicodedata.normalize("NFKC", text)) if p]
    if len(parts) < 2 or not nlu.is_none(parts[0]):
        return False
    rest = " ".join(parts[1:])
    return nlu.find_named_jobs(rest) is None and _STILL_SKILLED.search(rest) is None


# 没有这个号, 没这个编号, 没有户号: no household number (none was given to them, or they never had one).
_NO_HOUSEHOLD_NUMBER = re.compile(
    r"(?:我|俺|我家|俺家)?(?:没有|没得|没)(?:这个|这|啥|什么)?(?:户号|户编号|编号|号码|号)(?:啊|呀|的|吧)?")


# A wage job near home (就在镇上厂里上班, 在村里厂子打工): no migrant work, and most likely a workshop.
_NEAR_HOME = near_home.pattern("local_wage_job")
_WAGE_WORK = re.compile(r"厂|车间|上班|打工")


# Whom one works for or where (包工头, 跟着老乡, 工地上, 在厂里): said at the way-of-working question instead of a way.
_WHOM_OR_WHERE = re.compile(
    r"(?:就是|是)?(?:跟着?|给|在|帮)?(?:包工头|工头|老板|老乡|亲戚|班组|工地|厂里|厂子|公司|项目)(?:上|里|那边)?"
    r"(?:干|做|打工|干活|上班)?(?:的|呢|啊|嘛)?"
)


def _shop_on_record(answers: JsonDict) -> bool:
    employer = _squash(str(answers.get("employer") or ""))
    return _SHOP.search(employer) is not None and _FACTORY.search(employer) is None


def _local_wage_job(text: str) -> bool:
    """就在镇上厂里上班: wage work near home, perhaps in a workshop (asked). Not a shop or restaurant (就在本县店里上班,
    在县城超市上班): no 扶贫车间, and no guess: the options are shown."""
    said = _squash(text)
    if _SHOP.search(said) and not _FACTORY.search(said):
        return False
    return _NEAR_HOME.search(said) is not None and _WAGE_WORK.search(said) is not None


# Work taken order by order on a platform's app: delivery riders, ride-hailing and chauffeur drivers, errands.
_PLATFORM_WORK = re.compile(r"外卖|骑手|网约车|滴滴|代驾|跑腿|货拉拉|美团|饿了么")
_SHOP = re.compile(r"店|超市|商场|饭馆|餐馆|酒店|宾馆|门面|公司")
_FACTORY = re.compile(r"厂|车间|作坊")


def shop_job_near_home(answers: Mapping[str, Any], text: str) -> bool:
    """A wage job in a shop or restaurant of the home county (在县城理发店上班, 就在本县店里上班): none of the
    form's ways of working names it; the nearest is 灵活就业 (not away from home, no workshop, not their own)."""
    home = str((answers.get("home_division") or {}).get("code") or "")
    work = str((answers.get("work_division") or {}).get("code") or "")
    if len(home) < 6 or not work.startswith(home[:6]):
        return False
    said = _squash(" ".join([text, *(str(answers.get(k) or "") for k in ("employer", "work_place", "job_type")),
                             str((answers.get("work_division") or {}).get("name") or "")]))
    return _SHOP.search(said) is not None and _FACTORY.search(said) is None


def _resident_insurance_only(text: str) -> bool:
    said = _squash(text)
    resident = any(word in said for word in words_of("resident_insurance"))
    return resident and not any(word in said for word in words_of("employer_insurance"))


def _farming_status(text: str, ctx: StepContext) -> Any:
    """在家种地: no wage work by itself. With a wish for work (想找个看大门的活) unemployed; else the side-job
    question (在家种地 也打点零工 is work, and never comes here)."""
    if not nlu.farms_only(text):
        return None
    understanding = nlu.understand(text, ctx.today)
    if understanding.status is not None:
        return None  # 在家种地 腰不好 干不动了: the reason decides
    return "unemployed" if wants_work(understanding) else Invalid(ASK_SIDE_JOB)


def _named_value(f: FormField, text: str) -> str:
    """村是石门坎 at the village question: the value after the field's own name."""
    named = field_name_pattern().search(text)
    if named is None or field_of_name()[named.group(0)] != f.key:
        return text
    if f.key == "home_village" and re.search(r"[\u4e00-\u9fff](?<![们的我俺咱家])$", text[: named.start()]):
        return text  # 新发村 在家带娃: 村 ends the village's own name (it kept "家带娃 …" as the village)
    rest = re.match(r"\s*(?:是|叫|在|:|：)\s*(.+)", text[named.end() :])
    return rest.group(1) if rest else text


def follow_up(f: FormField, pending: Mapping[str, Any], text: str, ctx: StepContext) -> Any:
    """The answer to a follow-up question: the value to save, False to ask the field again (the days of a day
    rate: the days again), None when the message is not an answer to it (then it is read as an answer to the field
    itself)."""
    said = _squash(text)
    if pending.get("kind") == CONFIRM:
        if said in _YES:
            return pending["value"]
        return False if said in _NO else None
    if pending.get("kind") == ASK_SIDE_JOB:
        return _side_job(text, said, ctx)
    if pending.get("kind") == ASK_MONTH:
        # 五月, 5月, 5: the month of the year said before (前年 -> 前年五月); anything else is read as usual.
        month = re.sub(r"(?:月份?|月底|月初|月中)$", "", said)
        number = int(month) if month.isdigit() else parse_numeral(month) if month else None
        if number is None:
            number = english_month_number(text)  # May, in March (the en locale)
        if number is None and len(named := _MONTH_NAMED.findall(said)) == 1:
            # 过完年就来了 二月底: the month said in a sentence (it was read alone, as 2026's spring)
            number = int(named[0]) if named[0].isdigit() else parse_numeral(named[0])
        if number is None and _AFTER_NEW_YEAR.search(said):
            # 过完年来的: the end of that year's New Year holiday (it was read alone, as the last one: 2026's)
            found = nlu.parse_month(f"{int(pending['year'])}年{said}", ctx.today, "past")
            return found if found is not None and found.startswith(str(pending["year"])) else None
        if number is None and (nlu.is_dont_know(text) or nlu.mentions_dont_know(text)):
            return str(int(pending["year"]))  # 前年, then 不知道 at "几月?": the year alone (it was lost)
        if number is None or not 1 <= number <= 12:
            return None
        found = f"{int(pending['year'])}-{number:02d}"
        if f.key == "available_from":  # (明年, then 3月: a month to come)
            return found if found >= f"{ctx.today:%Y-%m}" else None
        return found if found <= f"{ctx.today:%Y-%m}" else None
    if pending.get("kind") == ASK_DAYS:
        days = nlu.parse_days_worked(text)
        parts = _PARTS.split(unicodedata.normalize("NFKC", text))
        if days is None and len(parts) > 1:  # 有活就干 二十几天吧: the days in a part of their own
            days = next((n for n in map(nlu.parse_days_worked, parts) if n is not None), None)
        if days is None and said.isdigit() and _FEWEST_DAYS <= int(said) <= 31:
            days = int(said)  # (a bare 1 or 2 is a number typed from habit: the days asked again, not 150 a month)
        if days is not None and MIN_INCOME <= int(pending["rate"]) * days <= MAX_INCOME:
            return int(pending["rate"]) * days
        if days is None and said.isdigit() and int(said) < _FEWEST_DAYS:
            return False  # a bare 1 typed from habit: the days asked again (it asked the month's pay, 没看懂金额)
    return None


_FEWEST_DAYS = 3
# A month named inside a sentence (二月底, 3月份); not 正月/腊月 (lunar months straddle the year).
_AFTER_NEW_YEAR = re.compile(alternation("time", "festival.after_new_year"))  # 过完年, 开春 (as nlu.parse_month reads)
_MONTH_NAMED = re.compile(r"(?<![\d年])(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份|底|初|中)?")


def _side_job(text: str, said: str, ctx: StepContext) -> str | None:
    """有 / 农闲打点零工: working; 没有 / 就种地: not; anything else is read as an answer to the question itself."""
    if nlu.farms_only(text) or nlu.says_no_job(text):
        return "unemployed"
    if said in _YES or said in ("有", "有的", "有呢"):
        return "employed"
    if said in _NO or said in ("没", "没得", "冇", "没了"):
        return "unemployed"
    understanding = nlu.understand(text, ctx.today)
    if understanding.status in ("employed", "changed_job"):
        return "employed"
    if understanding.status is None and wants_work(understanding):
        return "unemployed"  # 想 去浙江那边进厂: no work besides the land, and a wish for some
    return None


def follow_up_prompt(f: FormField, invalid: Invalid, ctx: StepContext) -> tuple[JsonDict, Outbound]:
    """The pending state and the question of a follow-up (a hedged answer, a day rate, other work beside
    farming)."""
    if invalid.reprompt == ASK_SIDE_JOB:
        pending: JsonDict = {"kind": ASK_SIDE_JOB, "field": f.key}
    elif invalid.reprompt == ASK_MONTH:
        pending = {"kind": ASK_MONTH, "field": f.key, "year": int(invalid.params["year"])}
    elif invalid.reprompt == CONFIRM:
        pending = {"kind": CONFIRM, "field": f.key, "value": str(invalid.params["value"])}
    else:
        pending = {"kind": ASK_DAYS, "field": f.key, "rate": int(invalid.params["rate"])}
        if invalid.params.get("high"):
            pending["high"] = int(invalid.params["high"])  # 一天两三百: the range said back with the days
    return pending, follow_up_question(f, pending, ctx)


def follow_up_question(f: FormField, pending: JsonDict, ctx: StepContext) -> Outbound:
    """The question of an open follow-up, to ask it (again)."""
    if pending["kind"] == ASK_SIDE_JOB:
        return Outbound(key=ASK_SIDE_JOB)
    if pending["kind"] == ASK_MONTH:
        return Outbound(key=ASK_MONTH, params={"year": int(pending["year"])})
    if pending["kind"] == CONFIRM:
        shown = forms.display_value(f, str(pending["value"]), ctx.locale)
        return Outbound(key=CONFIRM, params={"field": catalog(ctx.locale).get(f.label), "answer": shown})
    if pending.get("high"):
        return Outbound(key=ASK_DAYS_RANGE, params={"rate": int(pending["rate"]), "high": int(pending["high"])})
    return Outbound(key=ASK_DAYS, params={"rate": int(pending["rate"])})



_MONEY_QUESTION = re.compile(r"要钱|交钱|收钱|收费|多少钱|花钱|免费|要不要钱|给钱")
# 最后一位是2 不是1, 最后两位是35: the last characters of a number already given.
_LAST_DIGITS = re.compile(
    r"(?:最后|末|后)(一|两|二|三|四|\d)?(?:位|个数字?|个)(?:数)?(?:是|应该是|改成|改为)\s*([0-9Xx]{1,4})"
)
_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}


def asks_about_money(text: str) -> bool:
    """找工作要交钱吗: a question about money, never an answer to a choice."""
    return _MONEY_QUESTION.search(text) is not None


def amend_digits(f: FormField, current: Any, text: str) -> str | None:
    """A phone or ID number with its last characters changed as the message says (最后一位是2)."""
    if f.key not in ("phone", "id_number") or not isinstance(current, str):
        return None
    match = _LAST_DIGITS.search(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    new = match.group(2).upper()
    count = _COUNT.get(match.group(1) or "", int(match.group(1)) if (match.group(1) or "").isdigit() else len(new))
    if count != len(new):
        return None
    digits = current.removeprefix("+86")
    return digits[: len(digits) - count] + new


# 隔壁村, 隔壁镇: next to home, not next to the old job (刚换了 现在在隔壁村修路 kept the old city and address).
_NEXT_VILLAGE = re.compile(r"隔壁(?:的)?(?:村|组|寨|屯|乡|镇|县)")


def kept_by_new_job(normalized: str, answers: Mapping[str, Any]) -> JsonDict:
    """What a new job keeps of the old one's answers: 隔壁厂 is the same place, 工资一样 the same pay."""
    kept: JsonDict = {}
    if any(word in normalized for word in words_of("same_place")) and not _NEXT_VILLAGE.search(normalized):
        kept |= {k: answers[k] for k in ("work_division", "work_place") if answers.get(k) is not None}
    if any(word in normalized for word in words_of("same_pay")) and answers.get("monthly_income") is not None:
        kept["monthly_income"] = answers["monthly_income"]
    return kept


_WORD = r"([^\s，。,]{2,16})"
_INSTEAD = re.compile(rf"(?:^|\s)是{_WORD}[\s，,]*不是{_WORD}|不是{_WORD}[\s，,]*是{_WORD}")


def correction_by_value(text: str, answers: Mapping[str, Any]) -> Correction | None:
    """是盛安物业 不是保安公司: the answer that holds what it is not, corrected to what it is."""
    match = _INSTEAD.search(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    right, wrong = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    for key, value in answers.items():
        if key in FREE_TEXT_FIELDS and isinstance(value, str) and wrong in value:
            return Correction(key, (right,))
    return None


def _township_only(text: str, answers: Mapping[str, Any]) -> bool:
    """The message names a township of the home county and nothing else (no village)."""
    home = str((answers.get("home_division") or {}).get("code") or "")
    if len(home) < 6:
        return False
    said = nlu.normalize(text)
    for place in nlu.places_within(said, home[:6]):
        said = said.replace(place.name, " ")
    return said != nlu.normalize(text) and not re.sub(r"[\s,，。.的是在那边这里乡镇街道]+", "", said)


def _scope_of_places(text: str, answers: Mapping[str, Any]) -> str | None:
    """Where the places someone names lie, seen from their home: county, province or beyond."""
    home = str((answers.get("home_division") or {}).get("code") or "")
    codes = [place.code for place in nlu.places_named_apart(text)]  # 贵阳 威宁都行: two places, not one address
    if not home or not codes:
        return None
    if all(code.startswith(home[:6]) for code in codes):
        return "home_county"
    if all(code.startswith(home[:2]) for code in codes):
        return "home_province"
    return "other_provinces" if not any(code.startswith(home[:2]) for code in codes) else "anywhere"
