"""How the jobs dialog words its items (dialogs/flows/jobs.py): catalog texts for pay, terms, reasons and details,
and the SMS page of a list, cut to fit."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from dialogs.flows.jobs_replies import MEALS
from dialogs.i18n import catalog
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import StepContext

# An item listed for reference (dialogs/flows/jobs.py): nothing on the list fits for a reason of its own.
FOR_REFERENCE = "for_reference"
# Set by bot/job_effects.py (shown_with) on an item in another province than the person's home: its province and
# city by their everyday names ("浙江宁波"), said wherever its place is (it was only "宁波市北仑区", however far).
FAR = "far"
# Set on a list whose head said that no item pays more than the person earns now (or hopes for): its lines do not
# say it again of each item.
PAY_SAID = "pay_said"
# SMS has room for three short lines (two parts at most): titles, terms and the first reason cut to these
# lengths there (tests/pushes/test_sms_push_length.py).
SMS_TITLE = 8
SMS_TERMS = 12
SMS_REASON = 8
# An SMS page names the place once when its items share it and cuts titles and the reason to these lengths.
SMS_PAGE_TITLE = 10
SMS_PAGE_REASON = 10
# By SMS, the details' lines left out in this order while the message takes more than two parts (the apply-by
# date and the places left matter least; the title, employer, place, pay and ages always stay).
SMS_DETAILS_DROPPED = ("expires", "places_left", "transport", "education", "requirements", "provider", "dates")
# What an item's own words say about a child along (or time to look after one), working hours, food and lodging.
CHILD_TOLD = re.compile(r"[^,，;；。 ]*(?:带孩子|带娃|带小孩|宝妈|接送孩子|照顾家|时间自由|时间灵活|弹性|半天|早班"
                        r"|\d{1,2}点到)[^,，;；。 ]*")
HOURS_TOLD = re.compile(r"[^,，;；。 ]*(?:几点|上班时间|工作时间|小时|加班|倒班|班倒|白班|夜班|休息|放假|单休|双休|月休"
                        r"|周休|早班|中班|晚班|半天|\d{1,2}点|[一二三四五六七八九十]{1,2}点)[^,，;；。 ]*")
# What a course's own words say of a job afterwards, of a certificate, and of what to bring.
PLACEMENT_TOLD = re.compile(r"[^,，;；。 ]*(?:分配|推荐就业|安排就业|安排工作|推荐工作|包就业|订单|定向|结业后上岗"
                            r"|学完上岗)[^,，;；。 ]*")
CERTIFICATE_TOLD = re.compile(r"[^,，;；。 ]*(?:证书|结业证|资格证|等级证|技能证|发证|取证|考证)[^,，;；。 ]*")
BRING_TOLD = re.compile(r"[^,，;；。 ]*(?:携带|带上|自带|请带|需带|要带)[^,，;；。 ]*")
PIECE_TOLD = re.compile(r"[^,，;；。 ]*(?:计件|按件|论件|件)[^,，;；。 ]*")
TIRING_TOLD = re.compile(r"[^,，;；。 ]*(?:体力|力气|站着|站立|重活|搬运|搬|扛|轻松|倒班|班倒|加班|夜班|高空|户外)"
                         r"[^,，;；。 ]*")
PAYDAY_TOLD = re.compile(r"[^,，;；。 ]*(?:日结|周结|月结|按月发|号发|押|压|底薪)[^,，;；。 ]*")
# Money the item's own words ask of the worker (需交押金300元, 体检费自理, 服装费): no employer may ask it (劳动合同法
# 第九条: no deposit, no money under any other name), so the details and an answer about money say so.
FEE_TOLD = re.compile(r"[^,，;；。 ]*(?:押金|保证金|体检费|服装费|工服费|工装费|中介费|介绍费|报名费|培训费|收费"
                      r"|交钱|交费|先交|扣押|押身份证)[^,，;；。 ]*")
# What an item's own words say of a health check, pay in advance, family along, men or women, how long the work
# lasts, and a contract or social insurance (要不要体检, 能先预支吗, 我老婆也能去吗, 要女的不, 长期的吗, 有社保吗).
CHECKUP_TOLD = re.compile(r"[^,，;；。 ]*(?:体检|健康证|身体健康)[^,，;；。 ]*")
ADVANCE_TOLD = re.compile(r"[^,，;；。 ]*(?:预支|借支|日结|周结)[^,，;；。 ]*")
FAMILY_TOLD = re.compile(r"[^,，;；。 ]*(?:夫妻|两口子|家属|家庭房)[^,，;；。 ]*")
GENDER_TOLD = re.compile(r"[^,，;；。 ]*(?:男|女|宝妈)[^,，;；。 ]*")
TERM_TOLD = re.compile(r"[^,，;；。 ]*(?:长期|短期|临时|季节|寒假|暑假|合同期|\d+个?月|[一二三四五六七八九十两半]个月)"
                       r"[^,，;；。 ]*")
INSURANCE_TOLD = re.compile(r"[^,，;；。 ]*(?:社保|五险|保险|合同)[^,，;；。 ]*")
# What an item's own words say of the Spring Festival break, of leave, of an interview, and of heat or cold where the
# work is.
HOLIDAY_TOLD = re.compile(r"[^,，;；。 ]*(?:过年|春节|年假|探亲|节假日|法定假)[^,，;；。 ]*")
LEAVE_TOLD = re.compile(r"[^,，;；。 ]*(?:请假|事假|病假|探亲假)[^,，;；。 ]*")
INTERVIEW_TOLD = re.compile(r"[^,，;；。 ]*(?:面试|试工|试岗|考核)[^,，;；。 ]*")
# An exam at the end of a course, washing where one lives, a probation, leaving before the term is up, and injuries at
# work (jobs17).
EXAM_TOLD = re.compile(r"[^,，;；。 ]*(?:考试|考核|鉴定|考证|结业考|理论|实操)[^,，;；。 ]*")
BATH_TOLD = re.compile(r"[^,，;；。 ]*(?:洗澡|热水|淋浴|澡堂|卫生间|独卫)[^,，;；。 ]*")
PROBATION_TOLD = re.compile(r"[^,，;；。 ]*(?:试用|转正)[^,，;；。 ]*")
QUIT_TOLD = re.compile(r"[^,，;；。 ]*(?:合同期|辞职|离职|辞工|干满|做满|满\d+个?月|试用)[^,，;；。 ]*")
INJURY_TOLD = re.compile(r"[^,，;；。 ]*(?:工伤|意外险|意外保险|五险|社保)[^,，;；。 ]*")
WEATHER_TOLD = re.compile(r"[^,，;；。 ]*(?:空调|暖气|高温|防暑|防寒|室内|户外|露天|冷库)[^,，;；。 ]*")
# What an item's own words say of the body the work needs (我腿不好 能干不), of living there or going home each
# day (能天天回家不), and of how hard a course is to learn (学电焊难不难) (jobs18).
HEALTH_TOLD = re.compile(r"[^,，;；。 ]*(?:身体|健康|体力|力气|站着|站立|久站|重活|轻活|搬运|搬|扛|弯腰|爬高|高空"
                         r"|坐着|残疾)[^,，;；。 ]*")
HOME_TOLD = re.compile(r"[^,，;；。 ]*(?:住校|寄宿|走读|封闭|包住|管住|住宿|宿舍|食宿|当天往返|回家)[^,，;；。 ]*")
HARD_TOLD = re.compile(r"[^,，;；。 ]*(?:零基础|基础|包教包会|手把手|好学|易学|入门|难度)[^,，;；。 ]*")
BOARD_TOLD = re.compile(rf"[^,，;；。 ]*(?:包吃|包住|管吃|管住|食宿|住宿|宿舍|管饭|包饭|{MEALS})[^,，;；。 ]*")


def catalog_text(ctx: StepContext, key: str, **params: Any) -> str:
    return catalog(ctx.locale).get(key, ctx.channel).format(**params)


def reasons_of(item: Mapping[str, Any], ctx: StepContext) -> tuple[str, str]:
    """All the reasons joined, and the first one (SMS has room for one)."""
    texts = [catalog_text(ctx, str(reason["key"]), **reason.get("params", {})) for reason in item.get("reasons") or []]
    if not texts:
        texts = [catalog_text(ctx, "jobs.no_reason")]
    return catalog_text(ctx, "jobs.reason_sep").join(texts), texts[0]


def page_of(js: Mapping[str, Any]) -> tuple[int, int]:
    """[first, end) of the SMS page on screen (a list shown on WeChat is one page of everything)."""
    page = js.get("page")
    if isinstance(page, list) and len(page) == 2 and all(isinstance(i, int) for i in page):
        return page[0], page[1]
    return 0, len(js.get("items") or ())


# How an SMS page is cut to one message (70 Chinese characters), in the order tried (reasons, footer, a short head):
# the reasons and the footer's word on 报名 go first (each item's details say how to apply), then the head's words
# (威宁县的工作:), then items (fewer on the page, 回0 for the rest).
PAGE_CUTS = ((True, "jobs.footer", False), (True, "jobs.page_footer_short", False), (False, "jobs.footer", False),
             (False, "jobs.page_footer_short", False), (False, "jobs.page_footer_short", True))


def page_params(js: Mapping[str, Any], first: int, end: int, ctx: StepContext, *, reasons: bool = True,
                footer: str = "jobs.footer", short_head: bool = False) -> dict[str, str]:
    """The head, item lines and footer of an SMS page of items[first:end], numbered by their place in the list;
    the place is said once in the head when every item on the page shares it (`reasons`: each line's reason;
    `short_head`: 威宁县的工作, not 为您找到这些工作, 都在威宁县)."""
    shown = list(enumerate(js["items"], 1))[first:end]
    places = {place_listed(item, ctx) for _, item in shown}
    reference = all(item.get(FOR_REFERENCE) for _, item in shown)
    head = catalog_text(ctx, "jobs.list_reference" if reference else f"jobs.list_{list_kind(js)}")
    if any(item.get(FAR) for _, item in shown):
        places.add("")  # each line says how far its item is: no place shared in the head
    lines = []
    for n, item in shown:
        place = place_listed(item, ctx)
        title = clip(str(item["title"]), SMS_PAGE_TITLE)
        terms = terms_of(item, ctx, compared=not js.get(PAY_SAID))
        reason = "" if reference or not reasons else clip_phrase(reasons_of(item, ctx)[1], SMS_PAGE_REASON)
        if len(places) == 1:
            line = catalog_text(ctx, "jobs.page_item", n=n, title=title, terms=terms, reason=reason)
        else:
            line = catalog_text(ctx, "jobs.item", n=n, title=title, who="", place=place, terms=terms,
                                reasons=reason, reason=reason)
        lines.append(line.rstrip())
    if len(places) == 1 and short_head and not reference:
        head = catalog_text(ctx, "jobs.page_head_short", place=places.pop(),
                            what=catalog_text(ctx, f"jobs.push.what.{list_kind(js)}"))
    else:
        head = (catalog_text(ctx, "jobs.page_head_at", head=head, place=places.pop()) if len(places) == 1
                else catalog_text(ctx, "jobs.page_head", head=head))
    return {"head": head, "items": "\n".join(lines), "footer": catalog_text(ctx, footer)}


def list_kind(js: Mapping[str, Any]) -> str:
    """What a list's head calls its items: what was asked for, or, asked for both, what the items are (jobs
    alone were "为您找到这些工作和培训")."""
    if js.get("item"):
        return str(js["item"])
    kinds = {item.get("item") for item in js["items"]}
    return str(kinds.pop()) if len(kinds) == 1 and kinds <= {"vacancy", "training"} else "any"


def place_of(item: Mapping[str, Any]) -> str:
    """The county's everyday name (威宁县) where the item has one, for a line of a list."""
    return str(item.get("place_short") or item["place"])


def place_listed(item: Mapping[str, Any], ctx: StepContext) -> str:
    """The place on a line of a list or a push: the everyday name, or where it is and that it is far from home."""
    if item.get(FAR):
        return catalog_text(ctx, "jobs.listed_far", where=item[FAR])
    return place_of(item)


def far_told(place: str, item: Mapping[str, Any], ctx: StepContext) -> str:
    """The place of the details or of 在哪 / 离家多远, with where that is and that it is far from home when it is."""
    return catalog_text(ctx, "jobs.place_far", place=place, where=item[FAR]) if item.get(FAR) else place


def region_of(item: Mapping[str, Any]) -> str:
    """The province and city of an item far away ("浙江宁波"), else its everyday name (那边冷不冷: where it is)."""
    return str(item.get(FAR) or place_of(item))


def pay_of(item: Mapping[str, Any], ctx: StepContext) -> str:
    low, high = item.get("salary_min"), item.get("salary_max")
    if low is not None and high is not None:
        return catalog_text(ctx, "jobs.terms.pay_fixed", amount=low) if low == high else catalog_text(
            ctx, "jobs.terms.pay_range", low=low, high=high)
    if low is not None or high is not None:
        return catalog_text(ctx, "jobs.terms.pay_from" if low is not None else "jobs.terms.pay_fixed",
                     low=low, amount=high)
    return catalog_text(ctx, "jobs.terms.pay_unknown")


def pay_told(item: Mapping[str, Any], ctx: StepContext, *, compared: bool = True) -> str:
    """The pay, and that it is less than the person wants when it is (bot/job_effects.py `pay_expected`), or less
    than (at best as much as) someone in work earns now (`pay_now`: it said "不比您现在挣的 5000 多"); `compared`:
    False when the list's head said it of every item."""
    pay = pay_of(item, ctx)
    if not compared:
        return pay
    if item.get("pay_now"):
        top = item.get("salary_max") if item.get("salary_max") is not None else item.get("salary_min")
        key = "jobs.terms.pay_same_now" if top == item["pay_now"] else "jobs.terms.pay_not_more"
        return catalog_text(ctx, key, pay=pay, now=item["pay_now"])
    expected = item.get("pay_expected")
    return catalog_text(ctx, "jobs.terms.pay_below", pay=pay, expected=expected) if expected else pay


def terms_of(item: Mapping[str, Any], ctx: StepContext, *, compared: bool = True) -> str:
    """What a list line says after the title: a job's pay (`compared`: with what they earn or hope for), a course's
    subsidy or start."""
    if item.get("item") == "vacancy":
        return pay_told(item, ctx, compared=compared)
    if item.get("subsidy"):
        return catalog_text(ctx, "jobs.terms.subsidy", subsidy=item["subsidy"])
    if item.get("starts"):
        return catalog_text(ctx, "jobs.terms.starts", date=item["starts"])
    return catalog_text(ctx, "jobs.terms.no_date")


def short_terms(item: Mapping[str, Any], ctx: StepContext) -> str:
    """The terms on a pushed item's SMS line: a job's pay whole, without the note that it is less than wanted
    (cut to fit, that note took the pay with it: "2500-3200元…"); the details tell the note."""
    return pay_of(item, ctx) if item.get("item") == "vacancy" else clip(terms_of(item, ctx), SMS_TERMS)


def detail_lines(item: Mapping[str, Any], ctx: StepContext, n: int) -> str:
    """The details of an item; by SMS, lines that matter least are left out until the message with its footer
    (`jobs.detail`) takes two parts at most (an English text naming Chinese places is UCS-2: 67 a part)."""
    lines = _details(item, ctx)
    if ctx.channel == "sms":
        for field in SMS_DETAILS_DROPPED:
            if parts(catalog_text(ctx, "jobs.detail", lines="\n".join(t for _, t in lines), n=n)) <= MAX_PARTS:
                break
            lines = [(f, t) for f, t in lines if f != field]
    return "\n".join(text for _, text in lines)


def _details(item: Mapping[str, Any], ctx: StepContext) -> list[tuple[str, str]]:
    """(field, line) of an item's details, the title first."""
    lines = [("title", f"{item['title']} ({catalog_text(ctx, 'jobs.kind.' + str(item['kind']))})")]

    def field(key: str, **params: Any) -> None:
        lines.append((key, catalog_text(ctx, "jobs.field." + key, **params)))

    # On SMS the county's everyday name (the list gave it), and no reasons (the list gave one).
    sms = ctx.channel == "sms"
    place = far_told(with_address(place_of(item) if sms else item["place"], item.get("address"),
                                  item.get("place_short")), item, ctx)
    if item.get("item") == "vacancy":
        field("employer", value=item.get("employer"))
        field("place", value=place)
        field("pay", value=pay_told(item, ctx))
    else:
        field("provider", value=item.get("provider"))
        field("place", value=place)
        if item.get("starts") and item.get("ends"):
            field("dates", start=item["starts"], end=item["ends"])
        if item.get("education_min"):
            field("education", value=catalog_text(ctx, "jobs.education." + str(item["education_min"])))
        if item.get("subsidy"):
            field("subsidy", value=item["subsidy"])
    lines += [("ages", line) for line in age_and_schooling(item, ctx, education=False)]
    if item.get("places_left") is not None:
        field("places_left", value=item["places_left"])
    if item.get("requirements"):
        field("requirements", value=item["requirements"])
        if item.get("item") == "vacancy" and FEE_TOLD.search(str(item["requirements"])):
            field("fee_warning")  # 需交押金300元: that it must not be paid, next to it
    if item.get("transport_subsidy"):
        field("transport", value=item["transport_subsidy"])
    if item.get("expires"):
        field("expires", value=item["expires"])
    if not sms and not item.get(FOR_REFERENCE):
        field("reasons", value=reasons_of(item, ctx)[0])
    return lines


def fees_told(item: Mapping[str, Any]) -> list[str]:
    """The item's own words asking the worker for money (需交体检费和押金300元)."""
    return [m.group(0) for field in ("title", "requirements") for m in FEE_TOLD.finditer(str(item.get(field) or ""))]


def with_address(place: str, address: Any, short: Any = None) -> str:
    """The place and the address as one, the words they share said once: 深圳市宝安区 and 宝安区福永街道 are
    深圳市宝安区福永街道; 毕节市威宁彝族回族苗族自治县 and 威宁县草海镇建设路8号 (its short name, 威宁县) are
    毕节市威宁彝族回族苗族自治县草海镇建设路8号."""
    said = str(address or "")
    if not said:
        return place
    if said.startswith(place):
        return said
    for cut in range(len(place) - 1, 1, -1):  # the longest end of the place the address begins with
        if said.startswith(place[-cut:]):
            return place + said[cut:]
    if short and len(str(short)) >= 2 and said.startswith(str(short)):
        return place + said[len(str(short)):]  # 威宁县草海镇… after 毕节市威宁彝族回族苗族自治县
    return f"{place} {said}"


_PHRASE_END = re.compile(r"\s*[,，;；(（]")


def clip_phrase(text: str, limit: int) -> str:
    """A reason cut where a phrase ends when it is too long ("公益性岗位, 适合年纪大一些的" -> "公益性岗位"), else
    like _clip."""
    if len(text) <= limit:
        return text
    ends = [m.start() for m in _PHRASE_END.finditer(text[: limit + 1]) if m.start() > 0]
    return text[: ends[-1]] if ends else clip(text, limit)


def age_and_schooling(item: Mapping[str, Any], ctx: StepContext, *, education: bool = True) -> list[str]:
    """"年龄: 18-50岁" and, for a training, "学历: 初中" (the details' lines, and what 要求啥 is told)."""
    lines = []
    if education and item.get("item") == "training" and item.get("education_min"):
        lines.append(catalog_text(ctx, "jobs.field.education",
                           value=catalog_text(ctx, "jobs.education." + str(item["education_min"]))))
    low, high = item.get("age_min"), item.get("age_max")
    if low is not None and high is not None:
        lines.append(catalog_text(ctx, "jobs.field.ages", low=low, high=high))
    elif low is not None:
        lines.append(catalog_text(ctx, "jobs.field.age_from", low=low))
    elif high is not None:
        lines.append(catalog_text(ctx, "jobs.field.age_to", high=high))
    return lines


def clip(text: str, limit: int) -> str:
    """Cut to `limit` characters; ASCII text is cut with ASCII dots ("…" would make an English SMS UCS-2)."""
    if len(text) <= limit:
        return text
    return text[: limit - 2] + ".." if text.isascii() else text[: limit - 1] + "…"


def dialled(value: str) -> str:
    """A phone as people dial it (13800000001, not +8613800000001)."""
    return value[3:] if value.startswith("+86") else value
