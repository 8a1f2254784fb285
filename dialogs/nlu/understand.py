"""understand(): one message in, intent and entities out; plus the per-field parsers the survey uses."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping

from dialogs.nlu import answers, digit_runs, intents, jobs, lexicon, month, names, places, salary, status
from dialogs.nlu import employer as employer_rules
from dialogs.nlu import id_number as ids
from dialogs.nlu.gazetteer import find_mentions, path_of, resolve
from dialogs.nlu.memo import may_keep
from dialogs.nlu.memo import short_memo as _short_memo
from dialogs.nlu.model import Model, model
from dialogs.nlu.normalize import normalize_aligned, normalize_with
from dialogs.nlu.status import status_news
from dialogs.nlu.types import Entities, IdInfo, Place, Understanding

_CHAT = frozenset({"unknown", "greeting", "help", "affirm", "deny"})
# Digit runs this long that are not a valid phone or ID (a mistyped number, a landline) must not be
# read as an amount or a month either.
_LONG_RUN = 10


@_short_memo
def normalize(text: str) -> str:
    """NFKC -> strip pinyin annotations -> Traditional to Simplified."""
    # The survey reads one message several ways (an answer, a don't-know, a question …): short ones are
    # kept, under the same rule as the understanding memo below (no phone or ID number stays in memory).
    return normalize_with(text, model().to_simplified)


def _mask(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + " " * (span[1] - span[0]) + text[span[1] :]


def _quote(text: str, origin: list[int] | None, normalized: str, span: tuple[int, int]) -> str:
    """The span as the user wrote it (張老闆的磚廠, ＴＣＬ) when normalisation kept an alignment."""
    if origin is None:
        return normalized[span[0] : span[1]]
    return text[origin[span[0]] : origin[span[1] - 1] + 1]


def _entities(
    text: str, normalized: str, origin: list[int] | None, today: datetime.date, built: Model, intent: str
) -> Entities:
    rest = normalized
    runs = digit_runs.readings(rest)
    found_phone = next((found for reading in runs for found in reading.phones), None)
    found_id = next((found for reading in runs for found in reading.ids), None)
    for reading in runs:
        if len(reading.compact) >= _LONG_RUN or reading.phones or reading.ids:
            rest = _mask(rest, reading.span)
    employer_span = employer_rules.find_employer(rest, built.gazetteer)
    employer = None
    if employer_span:
        # A workplace named in a request for training (想学缝纫 以后好进服装厂) is a goal for later,
        # not an employer; every other intent labels the one it is about.
        # Nor is a hospital where the speaker is a patient (病了 在医院住着).
        if intent != "seek_training" and not status.patient_at_hospital(intents.canonical(normalized)):
            employer = _quote(text, origin, normalized, employer_span)
        # A place inside the employer's name (深圳华强电子有限公司) is not where the person is.
        rest = _mask(rest, employer_span)
    return Entities(
        location=resolve(built.gazetteer, rest),
        employer=employer,
        salary=salary.find_salary(rest, require_context=True),
        # A day said in chit-chat (今天好热) dates nothing; in news (今天刚被辞退) it dates the news.
        date=month.find_month(rest, today, days=intent not in _CHAT or month.only_days(rest)),
        phone=found_phone.value if found_phone else None,
        id_number=found_id.value if found_id else None,
    )


def understand(text: str, today: datetime.date) -> Understanding:
    """Intent, confidence and entities of one user message."""
    if may_keep(text):
        return _understand_memo(text, today)
    return _understand(text, today)


@functools.lru_cache(maxsize=4096)
def _understand_memo(text: str, today: datetime.date) -> Understanding:
    return _understand(text, today)  # Understanding is frozen: one instance can be shared


def _understand(text: str, today: datetime.date) -> Understanding:
    built = model()
    normalized, origin = normalize_aligned(text, built.to_simplified)
    said = intents.canonical(normalized)
    if status.patient_at_hospital(said):
        said = status.without_the_hospital(said)  # 病了 在医院住着: a patient there, no work held
    intent, confidence = intents.classify_canonical(said)
    news = status_news(said, (intent, confidence))
    if news in intents.STATUS_INTENTS and status.farms_only(said):
        # 在家种地 / 没出去打工 在家种点苞谷: no wage work, and nothing lost (the survey asks about side jobs).
        news = None
        if intent in intents.STATUS_INTENTS:
            intent, confidence = "unknown", intents.UNKNOWN
    if intent in ("employed", "changed_job", "unknown") and news is None and status.plans_once_found(said):
        intent, confidence = "seek_job", max(confidence, status.STRONG_ENOUGH)  # 找到活就去: work wanted, once found
    if intent in intents.STATUS_INTENTS and news != intent:
        # 我老婆被厂里辞了 我还在工地上干着: the intent is the speaker's, not the wife's.
        intent, confidence = status.speaker_intent(said) or (intent, confidence)
    return Understanding(
        text=text,
        normalized=normalized,
        intent=intent,
        confidence=confidence,
        entities=_entities(text, normalized, origin, today, built, intent),
        status=news,
    )


def parse_salary(text: str) -> int | None:
    """Monthly salary in yuan from a survey answer ("三千五", "5k", "4500元/月", "平均五千左右"; pay that swings
    at its low end)."""
    return salary.find_monthly_pay(normalize(text))


def parse_amount(text: str) -> int | None:
    """Any amount of money in yuan ("50元", "十五", "一天两百" -> 200), whatever its size or period.

    Where parse_salary() says None but this finds an amount, the answer was a number, just not a
    plausible monthly wage: too small, too large, or per day or hour.
    """
    rest = normalize(text)
    for reading in digit_runs.readings(rest):
        if len(reading.compact) >= _LONG_RUN:
            rest = _mask(rest, reading.span)  # a phone or ID number is no amount
    return salary.find_amount(rest)


def parse_month(text: str, today: datetime.date, sense: month.Sense | None = None) -> str | None:
    """YYYY-MM from a survey answer ("上个月", "3月份", "去年年底"); `sense` says whether the question is
    about the past (started: 前年腊月, 上礼拜) or the future (available: 过完年, 3月 is next March)."""
    return month.find_month(normalize(text), today, sense)


@_short_memo
def parse_phone(text: str) -> str | None:
    """A valid mainland mobile number as E.164."""
    found = digit_runs.find_phone(normalize(text))
    return found.value if found else None


@_short_memo
def parse_id_number(text: str) -> str | None:
    """An 18-character resident ID with a valid check digit and birth date, X uppercase."""
    found = digit_runs.find_id_number(normalize(text))
    return found.value if found else None


def id_number_info(id_number: str) -> IdInfo | None:
    """Birth date and gender; None when the check digit or birth date is invalid."""
    return ids.info(id_number)


@_short_memo
def id_number_problem(text: str) -> str | None:
    """None if the answer holds a valid ID, else "length", "birth_date" or "check_digit" (the date is
    checked first)."""
    return digit_runs.id_problem(normalize(text))


@_short_memo
def resolve_place(text: str) -> Place | None:
    """The most specific administrative division named in the text."""
    return resolve(model().gazetteer, normalize(text))


def places_named_apart(text: str) -> list[Place]:
    """Every division named, each resolved on its own words (毕节威宁都行: 毕节市 and 威宁县, where an address
    would read one place, the county in the city), in order, once each."""
    said = normalize(text)
    gazetteer = model().gazetteer
    found: list[Place] = []
    end = 0
    for mention in find_mentions(gazetteer, said):
        if mention.start < end:
            continue  # 威宁都行: 宁都 overlaps the county just read
        place = resolve(gazetteer, said[mention.start : mention.end])
        if place is not None:
            end = mention.end
            if place not in found:
                found.append(place)
    return found


def place_by_code(code: str) -> Place | None:
    return model().gazetteer.places.get(code.strip())


def townships_of(code: str) -> list[Place]:
    """The townships (乡, 镇, 街道) of a county, in code order."""
    county = code.strip()[:6]
    places = model().gazetteer.places
    return [places[c] for c in sorted(places) if len(c) > 6 and c.startswith(county)]


def townships_named(name: str) -> list[Place]:
    """Every township called exactly so, its suffix said (城关镇: one in each of many counties), in code order."""
    gazetteer = model().gazetteer
    codes = {c.code for c in gazetteer.keys.get(normalize(name).strip(), ()) if len(c.code) > 6 and not c.short}
    return [gazetteer.places[c] for c in sorted(codes)]


def place_path(code: str) -> list[Place]:
    """Province down to the division itself."""
    return path_of(model().gazetteer, code.strip())


def parse_employer(text: str) -> str | None:
    """The employer named in the answer, as the user wrote it."""
    built = model()
    normalized, origin = normalize_aligned(text, built.to_simplified)
    span = employer_rules.find_employer(normalized, built.gazetteer)
    return _quote(text, origin, normalized, span) if span else None


@_short_memo
def parse_yes_no(text: str) -> bool | None:
    """True for 是/对/嗯/好/可以 and 签了/交了/按时发, False for 不是/没有/不/否 and 没签/没交/拖着,
    None otherwise (digits are the dialog's job)."""
    return intents.yes_no(normalize(text))


@_short_memo
def find_name(text: str) -> str | None:
    """The speaker's own name in a longer message (俺叫张有才 湖南隆回的 …)."""
    return names.find_name(normalize(text), model().gazetteer)


@_short_memo
def name_said(text: str) -> str | None:
    """A name said to be the speaker's (我叫杨三贵, 身份证上叫杨三贵, 大名杨三贵), never a first word alone."""
    return names.find_name(normalize(text), model().gazetteer, said_as_name=True)


@_short_memo
def parse_daily_pay(text: str) -> salary.DailyPay | None:
    """A day rate, with the days worked per month when said (一天100 一个月干十来天)."""
    return salary.find_daily_pay(normalize(text))


def parse_days_worked(text: str) -> int | None:
    """Days worked in a month (二十来天 -> 20)."""
    return salary.find_days_worked(normalize(text))


@_short_memo
def yes_no_reading(text: str, *, late_means_no: bool = False) -> answers.YesNo | None:
    """A yes/no answer, honestly: not yet is no, a doubt is hedged (see dialogs/nlu/answers.py)."""
    return answers.yes_no_reading(normalize(text), late_means_no=late_means_no)


@_short_memo
def is_dont_know(text: str) -> bool:
    return answers.is_dont_know(normalize(text))


@_short_memo
def is_question(text: str) -> bool:
    return answers.is_question(normalize(text))


def place_mentions(text: str) -> list[places.PlaceMention]:
    """Every place named, with its role (home or work) where the words around it say."""
    if may_keep(text):
        return list(_place_mentions_memo(text))  # (a list of the caller's own: the mentions are frozen)
    return places.place_mentions(model().gazetteer, normalize(text))


@functools.lru_cache(maxsize=4096)
def _place_mentions_memo(text: str) -> tuple[places.PlaceMention, ...]:
    return tuple(places.place_mentions(model().gazetteer, normalize(text)))


def places_within(text: str, code: str, *, at_work: bool = False) -> list[Place]:
    """Townships named in the text that lie inside the division `code` (水车镇 inside 新化县, 猪场乡 inside
    纳雍县 although another 猪场乡 is in Guangxi), named as townships: 新发村 is a village, not 新发乡 said short.
    `at_work`: of several, the one in a city most migrants work in (长安镇 in 广东: 东莞's)."""
    if may_keep(text):
        return list(_places_within_memo(text, code, at_work))  # (a list of the caller's own: places are frozen)
    return _places_within(text, code, at_work)


@functools.lru_cache(maxsize=4096)
def _places_within_memo(text: str, code: str, at_work: bool) -> tuple[Place, ...]:
    return tuple(_places_within(text, code, at_work))


def _places_within(text: str, code: str, at_work: bool) -> list[Place]:
    gazetteer = model().gazetteer
    hubs = tuple(lexicon.words("places", "work.hubs")) if at_work else ()
    said = normalize(text)
    found: list[Place] = []
    for start in range(len(said) - 1):
        for end in range(min(len(said), start + gazetteer.longest_key), start + 1, -1):
            # (长安那边, 长安这块: a township said short but placed by the words after it, as 长安镇 is)
            named = said.endswith(_TOWNSHIP_SUFFIXES, start, end) or said.startswith(_NAMED_AFTER, end)
            inside = {
                c.code for c in gazetteer.keys.get(said[start:end], ())
                if c.code.startswith(code) and c.code != code and (named or not c.short)
            }
            if len(inside) > 1 and hubs:
                inside = {c for c in inside if c.startswith(hubs)}
            if len(inside) > 1 and (outer := min(inside, key=len)) and all(c.startswith(outer) for c in inside):
                inside = {outer}  # 官渡那边: 官渡区, which holds 官渡街道 (both said so short)
            if len(inside) == 1:
                found.append(gazetteer.places[inside.pop()])
                break
    return found


_TOWNSHIP_SUFFIXES = ("乡", "镇", "街道")
_NAMED_AFTER = (*_TOWNSHIP_SUFFIXES, "那边", "这边", "那块", "这块", "那一块", "那一带", "一带")


@_short_memo
def local_level(text: str) -> str | None:
    """How much of the home division "here" names (镇上, 县城, 村里), if the message says so."""
    return places.local_level(intents.canonical(normalize(text)))


@_short_memo
def find_job_type(text: str) -> str | None:
    return jobs.find_job_type(normalize(text))


def job_titles() -> Mapping[str, str]:
    """Work said by where it is done (流水线) and the job title the form writes (流水线工)."""
    return jobs.job_titles()


def find_named_jobs(text: str) -> str | None:
    """看大门 保安都行, 想找个看大门的活: the job types named, wished for or held."""
    return jobs.find_named_jobs(normalize(text))


@_short_memo
def farms_only(text: str) -> bool:
    """在家种地, 种点苞谷: the speaker's own farming and no other work (status.farms_only)."""
    return status.farms_only(intents.canonical(normalize(text)))


@_short_memo
def plans_once_found(text: str) -> bool:
    """找到活就去, 有活就干: the speaker will work once work is found (status.plans_once_found)."""
    return status.plans_once_found(intents.canonical(normalize(text)))


def tells_past_work(text: str) -> bool:
    """俺以前在工地干, 去年在东莞打工: the speaker's work, told only in the past."""
    return status.tells_past_work(intents.canonical(normalize(text)))


# Work going on until a time to come (干到年底, 先做到过年, 干到下个月底): the speaker's job, ending then.
# (不过 做到年底: "but", no 过 of a past before the verb)
_UNTIL_LATER = re.compile(r"(?:(?<![了过])|(?<=不过))(?:干|做|上班|干活|打工|搞)到(年底|月底|下个?月底?|过年|腊月底?)|"
                          r"(?:(?<![了过])|(?<=不过))(?:干|做)完(这个月|本月|今年)(?:就|再|了?就)|"
                          # 下个礼拜就完了, 下周就完工了, 这个月底就干完了: the work done then
                          r"(这个?(?:礼拜|星期|周)|下个?(?:礼拜|星期|周)|这个月底?|月底|下个?月底?|年底|过年|腊月底?)"
                          r"(?:工地|厂里|这边|活儿?)?(?:就|才)?(?:要)?(?:完工|干完|做完|完了|结束|收尾)")
# 干完这个月就回来: the month (the year) done, i.e. until its end; a week named: the week's end.
_DONE_WITH = {"这个月": "月底", "本月": "月底", "今年": "年底", "这个月底": "月底", "这月": "月底", "这月底": "月底"}
_WEEK_END = re.compile(r"(这|下)个?(?:礼拜|星期|周)")


def work_until(text: str) -> str | None:
    """年底, 月底, 下个月底, 过年, 腊月, 这周, 下周: when the speaker's work goes on until (then ends), or None."""
    found = _UNTIL_LATER.search(normalize(text).replace(" ", ""))
    if found is None:
        return None
    said = found.group(1) or found.group(2) or found.group(3)
    if (week := _WEEK_END.fullmatch(said)) is not None:
        return f"{week.group(1)}周"
    return _DONE_WITH.get(said, said)


@_short_memo
def says_no_job(text: str) -> bool:
    """俺没有工作, 在家种地不算, 没出去打工: the speaker has no work now (not news of a loss)."""
    return status.says_no_job(intents.canonical(normalize(text)))


# Words any stop request uses (发, 推, 打扰, 收消息, 退订, 拉黑...): a message with none is read no further.
_STOP_HINT = re.compile(r"[发發推扰擾收删刪退屏]|拉黑|取关|联系|通知|打电话|打来")


@_short_memo
def asks_to_stop(text: str) -> bool:
    """别发了 烦死了, 不要再给我发短信, 别打扰我: a request to stop messages, in any dialog (a stop verb with a
    sending one). 取消 / 退出 / 停 alone are not: inside a dialog they may cancel a step, so the dialog reads them."""
    said = intents.canonical(normalize(text))
    if not _STOP_HINT.search(said) or intents.whole_reply(said) is not None:
        return False
    return intents.classify_canonical(said)[0] == "opt_out"


# 把我的信息删了, 删除我的个人信息, 注销我的登记, 撤回同意, delete my data: personal data to be deleted or consent
# withdrawn (个人信息保护法). Only what names the person's data or consent: 删了重新填, 把那个工作删了 are not.
_DATA = r"(?:个人)?(?:所有的?|全部的?)?(?:信息|资料|数据|登记|记录|账号|账户|档案)"
_ERASURE = re.compile(
    rf"(?:删|删掉|删除|清除|清空|注销|销毁)(?:掉|了|除)?(?:我的?|俺的?|我们的?)?{_DATA}"
    rf"|(?:我的?|俺的?|个人){_DATA}(?:都|全|全部|统统|一起)?(?:给我|帮我)?(?:删|清除|清空|注销|销毁)"
    r"|(?:撤回|撤销|收回)(?:我的?|之前的?)?(?:同意|授权)"
    r"|^(?:把)?(?:信息|资料|数据|记录)(?:都|全|全部)?(?:给我|帮我)?(?:删|清)"
    r"|\b(?:delete|erase|remove)\s+(?:all\s+)?(?:of\s+)?(?:my\s+)?(?:personal\s+)?"
    r"(?:data|information|info|details|records?|account)\b"
    r"|\bwithdraw\s+(?:my\s+)?consent\b",
    re.IGNORECASE,
)


def asks_erasure(text: str) -> bool:
    """A request to delete the person's data or to withdraw their consent."""
    return _ERASURE.search(normalize(text)) is not None


@_short_memo
def asks_how_to_stop(text: str) -> bool:
    """咋退订, 怎么取消关注: a question about stopping messages (answered; nothing is stopped)."""
    return intents.asks_how_to_stop(intents.canonical(normalize(text)))


# Who is writing to them (你们是谁, 这是哪里发的短信, 你们是不是骗子, 咋有我的电话): people who get a check-in
# from an account they do not remember ask before they answer.
_WHO_WE_ARE = re.compile(
    r"(?:你们?|您们?)(?:这个|这)?(?:是|系)(?:哪个单位|哪个部门|什么单位|啥单位|什么人|啥人|干啥的|干什么的|做什么的|做啥的|"
    r"干嘛的|哪里的|哪儿的|哪的|谁|哪个|哪位|哪家)|这是(?:哪个单位|什么单位|啥单位|哪个部门|谁)|"
    r"(?:谁|哪(?:个|里|儿)的?)(?:给我)?发(?:的|来的)(?:短信|消息|信息)?$|"
    r"(?:你们?|这)(?:是不是|是|不会是|莫不是|该不会是)(?:骗子|诈骗|骗人的|传销)|"
    # 是不是骗子哦 with nobody named: the one writing (it was taken for a report of being cheated)
    r"^(?:是不是|莫不是|该不会是)骗子|"  # (不会是骗人的吧 with a job open is about the job)
    r"谁(?:让|叫|喊)(?:你们?|您们?)(?:给我|给俺)?(?:发|找|联系)(?:的|来的|我|俺)?|"
    # 国家的吗, 是政府的吗, 是不是人社局的: who runs it
    # (你们是政府的吗 不会是骗子吧: the question may come before another part)
    r"(?:(?:你们?|您们?|这个?))?(?:是不是|是)?(?:国家|政府|官方|公家|人社局?|劳动局)(?:的|办的|搞的)(?:吗|么|不|吧|嘛)?"
    r"(?=$|[\s,，。?？!！])|"
    r"(?:怎么|咋|从哪|哪里)(?:知道|有|弄到|搞到|来的)(?:我|俺)的?(?:号|电话|手机|微信)|"
    r"谁(?:把|给)(?:你们?|您们?)(?:我|俺)的?(?:号码?|电话|手机号?|微信)(?:的|给你们?)?|"
    r"(?i:\bwho\s+(?:are\s+you|is\s+this|sent\s+(?:this|me))\b|\bis\s+this\s+(?:a\s+)?scam\b)"
)
# Why they want one's ID or phone, said with who is asking (alone at a question, it is why the question is asked:
# spoken.asks_why_asked).
_WHY_MY_ID = re.compile(
    r"(?:要|问)(?:我|俺)的?(?:身份证|电话|手机号?)(?:号码?)?(?:干啥|干什么|干嘛|做什么|做啥|有啥用|有什么用)|"
    # 我凭什么给你身份证: why they should give it
    r"(?:我|俺)?凭(?:什么|啥)(?:要)?给(?:你们?|您)?(?:我|俺)?的?(?:身份证|电话|手机号?)(?:号码?)?|"
    # 你们是哪里的 骗子吧: and whether it is a scam, said after the question
    r"(?:是不是|是|不会是|怕是|莫不是)?(?:骗子|骗人的|诈骗的?)(?:吧|吗|么|啊|哦|呀)?"
)
# 你们是干啥的 要钱不: and whether it costs money (the answer says we never ask for money).
_COSTS = re.compile(
    r"(?:要|收|交|花|给)(?:不要)?钱(?:不|吗|么|没|啊|吧)?|要不要(?:交|给)?钱|收不收(?:钱|费)|收费(?:不|吗|么)?|"
    r"(?:是不是|是)?免费(?:的)?(?:不|吗|么)?"
)
# What may stand around a question about us (who is writing, whether it costs money: 免费的吧 别到时候收钱,
# 真的不要钱吗, 你好 请问这是哪里) and still leave it the whole message: greetings, particles, pronouns, hedges.
_AROUND = re.compile(
    r"(?i:hello|hi|sorry|excuse\s+me|please)?"
    r"(?:你好|您好|请问|问一下|这是|这个?|那个?|你们?|您们?|真的|全部?|都|是|的|喂|哎|唉|啊|呀|呢|吗|么|嘛|吧|哦|哈|额|呃|"
    r"别|不会|会不会|不|没|到时候?|以后|后面|又|还|再|我|俺|[?？!！,，。.~\s])*"
)


@_short_memo
def asks_who_we_are(text: str) -> bool:
    """你们是谁啊, 这是哪里发的短信, 你们是不是骗子: who is writing (the message says nothing else)."""
    said = normalize(text)
    if _WHO_WE_ARE.search(said) is None:
        return False
    rest = _WHO_WE_ARE.sub(" ", said)  # 你们是哪的 咋知道俺电话: two ways of asking, nothing else
    rest = _WHY_MY_ID.sub(" ", rest)  # 你们是骗子吧 要我身份证干啥: and why they want the ID
    rest = _COSTS.sub(" ", rest)  # 你们是干啥的 要钱不: and whether it costs money
    return _AROUND.fullmatch(rest) is not None


# 我儿子让我关注的, 村里叫我们加的, 书记让发的: who sent them here; 我不识字 让孙女帮我打的: who types for them.
_SENT_BY = re.compile(
    r"(?:儿子|女儿|闺女|孙子|孙女|娃|孩子|媳妇|老公|家里人|村里|村干部|村上|镇上|书记|主任|工作人员|干部|网格员|老师)"
    r"(?:让|叫|喊|要|帮)(?:我|俺|我们|俺们)?(?:来)?(?:关注|加|发|登记|扫|填)(?:了|的|一下)*"
)
_TYPES_FOR = re.compile(
    r"(?:不识字|不认字|认不得字|字认不全|不会打字|打字不方便|打不来字|眼睛不好|眼睛看不清|看不清字?|不会弄手机|不会用手机)"
    r"(?:的)?(?:[,，\s]*(?:让|叫|是|请)?(?:我)?(?:儿子|女儿|闺女|孙子|孙女|娃|孩子|媳妇|家里人|别人|邻居)?(?:帮|替|给)"
    r"(?:我|俺)?(?:打|发|回|弄|写)(?:的|了)*)?"
)
_INTRO_AROUND = re.compile(r"(?:你好|您好|我是|俺是|是|就是|所以|我|俺|的|了|啊|呀|哈|嘛|喔|哦|[?？!！,，。.~\s])*")


@_short_memo
def introduces_themselves(text: str) -> str | None:
    """"sent_by" (我儿子让我关注的) or "types_for" (我不识字 让孙女帮我打的) when the message says only how they came
    or who types for them, None otherwise (a request beside it is read as usual)."""
    said = normalize(text)
    if "让" not in said and "叫" not in said and "帮" not in said and "喊" not in said and "要" not in said and (
            "字" not in said and "眼睛" not in said and "手机" not in said and "看不清" not in said):
        return None
    for kind, pattern in (("types_for", _TYPES_FOR), ("sent_by", _SENT_BY)):
        if pattern.search(said) is not None:
            rest = _SENT_BY.sub(" ", _TYPES_FOR.sub(" ", said))
            return kind if _INTRO_AROUND.fullmatch(rest) is not None else None
    return None


@_short_memo
def asks_cost_only(text: str) -> bool:
    """免费的吧 别到时候收钱, 要钱不: whether the service costs money, and nothing else (培训要钱吗 names what)."""
    said = normalize(text)
    if _COSTS.search(said) is None:
        return False
    return _AROUND.fullmatch(_COSTS.sub(" ", said)) is not None


# 这个是干啥的, 你们这是做什么的: what the service is, asked beside other words (我在昆明扎钢筋 这个是干啥的).
_WHAT_THIS_IS = re.compile(
    r"(?:这个?|你们?(?:这个?)?)(?:是|系)?(?:干啥|干什么|干嘛|做什么|做啥|弄啥|搞啥|搞什么)(?:的|用的)(?!活|工作|工|事)"
    # what is this for, what's this, what is this service about, what do you do (the en notice: it got only the
    # consent prompt again, or went to a caseworker)
    r"|(?i:\bwhat(?:'s|’s|\s+is|\s+are)\s+(?:this|you)(?:\s+(?:service|account|app|thing))?(?:\s+(?:for|about))?"
    r"(?=\s*[?？.!]*\s*$|\s*[?？,，])|\bwhat\s+do\s+you\s+do\b)"
)


@_short_memo
def asks_what_this_is(text: str) -> bool:
    """这个是干啥的, 你们是做什么的: what this service is, wherever it is asked in the message."""
    return _WHAT_THIS_IS.search(normalize(text)) is not None


def without_what_this_is(text: str) -> str:
    """The message with its 这个是干啥的 taken out: what else it says is read as if said alone."""
    return _WHAT_THIS_IS.sub(" ", normalize(text)).strip()


_TOLD_TO_REGISTER = re.compile(r"(?:叫|让|喊|要|通知)(?:我|我们)(?:来|发短信|发信息|过来)?(?:登记|填表|填个表|填一下)")


@_short_memo
def asks_to_register(text: str, *, questions_too: bool = False) -> bool:
    """村里让俺发短信登记, 书记叫我登记, 我要登记: a wish to fill in the form (not 失业登记, a policy question).
    With `questions_too` (someone not registered yet), 登记要身份证？ counts: the privacy notice answers it."""
    said = intents.canonical(normalize(text))
    if _TOLD_TO_REGISTER.search(said):
        return True  # whoever sent them (书记, 村里) is no request for a person
    if answers.is_question(normalize(text)) and not questions_too:
        return False  # 要是回老家了还能登记不: a question about registering
    refused = {"human", "opt_out", "rights_issue"} | (set() if questions_too else {"ask_policy", "help"})
    if intents.classify_canonical(said)[0] in refused:
        return False
    return any(word in said for word in lexicon.words("replies", "register.words"))


# 咋登记 / 怎么登记啊 / 在哪登记: how to fill in the form, asked with nothing else (失业登记 is a policy question).
_HOW_TO_REGISTER = re.compile(
    r"(?:请问|问一下|那|我|俺)*(?:要|想|该)?(?:怎么|咋|如何|怎样|咋样|在哪里?|去哪里?|哪里)(?:样|个|才能|能)?"
    r"(?:登记|登记一下|填表|填个表|填一下)(?:啊|呢|呀|嘞|哦|嘛|撒)?"
    # 怎么登记啊 要去哪里: and where (it was the policy answer on 失业登记 for someone who had lost nothing)
    r"(?:[\s,，]*(?:要|得|该)?(?:去|到|在)?(?:哪里|哪儿|哪|什么地方)(?:登记|办|去)?(?:啊|呢|呀)?)?"
)


@_short_memo
def asks_how_to_register(text: str) -> bool:
    """咋登记 / 怎么登记 / 在哪登记: the way to register asked, nothing else (here: the form itself)."""
    said = intents.canonical(normalize(text)).strip(" ?？。.!！~")
    return _HOW_TO_REGISTER.fullmatch(said) is not None


@_short_memo
def picked_number(text: str) -> str | None:
    """The option number of 好嘛 1 / 1 好的 / 我选2 / 2吧 (a bare number as well), or None."""
    return answers.number_with_yes(normalize(text))


@_short_memo
def menu_entry(text: str, entries: tuple[str, ...]) -> str | None:
    """The menu entry a reply names in words (登记 -> survey), when exactly one matches."""
    said = intents.canonical(normalize(text)).strip()
    named = [
        entry for entry in entries
        if any(said == word or (len(word) > 1 and word in said) for word in lexicon.words("replies", f"menu.{entry}"))
    ]
    return named[0] if len(named) == 1 else None


@_short_memo
def mentions_dont_know(text: str) -> bool:
    """忘了, 不记得 anywhere in the message (18年就来了 几月忘了)."""
    return answers.mentions_dont_know(normalize(text))


@_short_memo
def is_none(text: str) -> bool:
    """没有 / 没有这个 / 不会啥: nothing to record (an optional question's "none")."""
    return answers.is_none(normalize(text))


@_short_memo
def is_later(text: str) -> bool:
    """等下 有人叫我: the person will answer later."""
    return answers.is_later(normalize(text))


@_short_memo
def is_bare_reply(text: str) -> bool:
    """好的 / 嗯 / 谢谢: nothing a text question could record."""
    return answers.is_bare_reply(normalize(text))


@_short_memo
def about_someone_else(text: str) -> bool:
    """俺媳妇也想登记 / 我儿子在东莞失业了: the message is about another person, not the speaker."""
    return status.about_someone_else(intents.canonical(normalize(text)))


@_short_memo
def about_others_only(text: str) -> bool:
    """我老婆也想登记一下: about another person, with nothing said of the speaker's own."""
    return status.about_others_only(intents.canonical(normalize(text)))


# A death in the family (老娘上个月走了, 俺爹去世了): parents, grandparents and a spouse by 去世 and its like; 走了 only
# of the old (媳妇走了 may be gone to work; 婆子, 老头子: an old couple's words for each other, in the north).
_BEREAVED = re.compile(
    r"(?:(?:老娘|俺娘|我娘|老妈|俺妈|我妈|母亲|老爹|俺爹|我爹|俺爸|我爸|父亲|老汉|老爷子|老人家|家里老人|家里的老人|老人|爷爷|奶奶|外婆|外公|姥姥|姥爷"
    r"|公公|婆婆|老伴|婆子|老婆子|老头子)[^\s,，。]{0,5}?(?:走了|去世|过世|不在了|没了|病逝|病故|死了)"
    r"|(?:媳妇|老婆|爱人|丈夫|男人|孩子|娃|儿子|女儿)[^\s,，。]{0,5}?(?:去世|过世|不在了|病逝|病故|死了))"
)


_DIED = ("走了", "去世", "过世", "不在", "没了", "病逝", "病故", "死了")


@_short_memo
def tells_bereavement(text: str) -> bool:
    """老娘上个月走了: someone of the speaker's family has died (the reply begins with condolences)."""
    if not any(word in text for word in _DIED):
        return False  # (most messages: no normalising, on the hot path)
    return _BEREAVED.search(normalize(text)) is not None


# Someone checking we are there, or greeting, and nothing more (在吗, 在不在, 有人吗, 你好).
_PRESENCE = re.compile(
    r"(?:喂|哈喽|嗨|hi|hello)?(?:在吗|在不在|在么|在嘛|有人吗|有人在吗|在没|你好|您好|hello|hi"
    r"|nihao|ninhao|zaima|zaime|zaibuzai|yourenma)(?:呀|啊|哈|呢|a|ya)?"
)


@_short_memo
def checks_presence(text: str) -> bool:
    """在吗, 你好, 有人吗: a greeting or a check that someone is there, and nothing else."""
    if len(text) > 12:
        return False  # (most messages: nothing normalised)
    return _PRESENCE.fullmatch(re.sub(r"[\s,，。.!！?？~～、]+", "", normalize(text)).lower()) is not None


@_short_memo
def about_family(text: str) -> bool:
    """我儿子也想找工作: about another person of the speaker's family."""
    return status.about_family(intents.canonical(normalize(text)))
