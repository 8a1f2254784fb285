"""Jobs and trainings in the chat: the best three with their reasons, details by number, applying.

Opened by "有啥活干" / "想学个手艺" (intents seek_job / seek_training), the menu, or the end of the survey
for someone looking for work (dialogs/engine.py). The dialog stays pure: it emits `jobs.match` and
`jobs.apply`, whose effects (bot/job_effects.py) do the look-ups and answer with `<kind>.result`. The diagram
is jobs.mmd beside this file; what a reply to the list asks is read in jobs_replies.py, the items are worded (and
an SMS page cut to fit) in jobs_text.py.

A push (`jobs.push`, from the due-work sweep) opens the same list: its effect (`jobs.push_items`,
bot/push_effects.py) decides what it carries for this person (never an item twice, the weekly cap), and the
list it shows takes a number or 报名 N like one asked for, for three days. The unemployed's check-in answered
"还在找" shows the best new matches the same way (trigger `checkin`).

State (`state["jobs"]`, plain JSON):
    item       "vacancy" | "training" | None (both): what was asked for,
    wishes     words of the request that name work ("有没有保安的活"), used in matching,
    items      the list on screen: each item's details and reasons (never a contact phone),
    shown      refs of every item listed since the request (更多 shows others),
    page       on SMS, [first, end) of the items on screen: a list of three takes one or two pages of at most two
               SMS parts, numbered on from the page before (0 or 更多 shows the next page, then others),
    open       the number whose details were shown last ("我想去这个" applies for it),
    listed_at  when the list was shown: a day later its numbers are no longer taken,
    ttl_hours  for a pushed list: how long its numbers are taken (72),
    pushed     what brought a pushed list (import, job_loss, checkin).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dialogs import nlu, policy
from dialogs.flow import end_flow
from dialogs.flows.jobs_replies import (
    ITEM_QUESTIONS,
    NAMED_ASK_CHARS,
    SCAM_ENTRY,
    age_said,
    age_told,
    applies_by_name,
    applies_for_several,
    apply_with_remark,
    asked_as_question,
    asks_age,
    asks_own_term,
    changed_mind,
    detail_by_name,
    named_among,
    named_in,
    numbers_named,
    questions_in,
    reply_of,
    several_named,
    squash,
)
from dialogs.flows.jobs_text import (
    ADVANCE_TOLD,
    BATH_TOLD,
    BOARD_TOLD,
    BRING_TOLD,
    CERTIFICATE_TOLD,
    CHECKUP_TOLD,
    CHILD_TOLD,
    EXAM_TOLD,
    FAMILY_TOLD,
    FAR,
    FOR_REFERENCE,
    GENDER_TOLD,
    HARD_TOLD,
    HEALTH_TOLD,
    HOLIDAY_TOLD,
    HOME_TOLD,
    HOURS_TOLD,
    INJURY_TOLD,
    INSURANCE_TOLD,
    INTERVIEW_TOLD,
    LEAVE_TOLD,
    PAGE_CUTS,
    PAY_SAID,
    PAYDAY_TOLD,
    PIECE_TOLD,
    PLACEMENT_TOLD,
    PROBATION_TOLD,
    QUIT_TOLD,
    SMS_REASON,
    SMS_TITLE,
    TERM_TOLD,
    TIRING_TOLD,
    WEATHER_TOLD,
    age_and_schooling,
    catalog_text,
    clip,
    clip_phrase,
    detail_lines,
    dialled,
    far_told,
    fees_told,
    list_kind,
    page_of,
    page_params,
    place_listed,
    place_of,
    reasons_of,
    region_of,
    short_terms,
    terms_of,
    with_address,
)
from dialogs.flows.jobs_towns import townships_apart
from dialogs.flows.rights import DETAILS as RIGHTS_DETAILS
from dialogs.flows.rights import may_tell_details
from dialogs.matching.engine import REASON_KEYS
from dialogs.matching.job_types import job_types
from dialogs.matching.profile import (
    CHANGE_WISH,
    FAMILY_FIRST,
    FAMILY_SAID,
    SHORT_TERM_WISH,
    leaving_trade,
    refused_in,
    without_refused,
)
from dialogs.matching.types import KINDS, NEED_KINDS
from dialogs.nlu.lunar import spring_festival_ahead
from dialogs.nlu.month import says_after_new_year
from dialogs.place_names import short_place_name
from dialogs.policy.catalogue import retrieval
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import Inbound, JsonDict, StepContext, StepResult, told_so_far

log = logging.getLogger(__name__)

NAME = "jobs"
MATCH = "jobs.match"
MATCH_RESULT = MATCH + ".result"
APPLY = "jobs.apply"
APPLY_RESULT = APPLY + ".result"
PUSH = "jobs.push"
PUSH_ITEMS = "jobs.push_items"
PUSH_ITEMS_RESULT = PUSH_ITEMS + ".result"
PUSH_TRIGGERS = ("import", "job_loss", "checkin", "referral")
# By SMS a pushed item far from home says so (离家远) in the room of its one reason.
PUSH_FAR = "jobs.push.far"
# 取消报名 said at idle (dialogs/flows/idle.py): whether an application is still open, looked up (bot/job_effects.py).
WITHDRAW = "jobs.withdraw"
WITHDRAW_RESULT = WITHDRAW + ".result"
CANCEL_APPLICATION, CANCEL_NONE = "idle.cancel_application", "idle.cancel_none"
LISTED = 3
# An SMS page of the list is cut to one part only when it still holds this many items (or all that are left).
ONE_PART_ITEMS = 2
LIST_TTL = timedelta(days=1)
# People answer a push later than a list they asked for.
PUSH_LIST_HOURS = 72
# A person busy in another dialog (the survey, a check-in not yet answered) gets the push another day, at
# most this many times; then it is dropped (its items were not offered: a later push may carry them).
MAX_POSTPONED = 3
# A dialog nobody wrote to for this long was left, not one they are in: a push (or a follow-up) is not held back
# by it. Someone answering the survey writes within minutes; a day of silence spans the postponement itself (a
# day), and it is the check-in's threshold (dialogs/flows/checkin/flow.py IDLE_AFTER), so the scheduled
# messages of one person wait for the same thing.
LEFT_AFTER = timedelta(hours=24)
# An unanswered check-in's ladder (scheduler/schedules.py: reminder after 48 hours, the visit task after 7 days).
CHECKIN_LADDER = timedelta(days=8)
# The policy entry that says what a training costs, by the kind of training.
COST_ENTRY = {"technical_school": "technical_school"}
COST_ENTRY_DEFAULT = "training_subsidy"
AWAITING_LIST = "jobs"
AWAITING_LOOKUP = "jobs_lookup"
_WANTED = ("vacancy", "training", "any")
# Nothing found for someone who stopped our messages (退订): no promise of the new ones.
NONE_STOPPED = "jobs.none_stopped"
# 过完年才能去 about a course that is over before the Spring Festival: the person is told so (the caseworker too).
COURSE_OVER = "jobs.course_over"
# 过完年才能去 while the details of an item not applied for are open: kept for its application, and the person told.
START_LATER, START_LATER_OVER, START_LATER_REFERRED = (
    "jobs.start_later", "jobs.start_later_over", "jobs.start_later_referred")
# The words kept until the item is applied for: {"ref", "said"}.
START_SAID = "start_said"


# Asking us to find out (帮我问问, 帮忙打听一下, 能不能帮我找找): with nothing listed, the caseworker is asked.
FIND_OUT = re.compile(r"帮(?:我|俺|忙)?(?:们)?(?:问问|问一下|问下|打听|找找|找一下|看看有没有|联系一下)")
NONE_PASSED_ON = "jobs.none_passed_on"


def _say_none(r: StepResult, key: str) -> None:
    """Nothing found: `key` (which promises the new ones), or NONE_STOPPED to someone who stopped our messages."""
    r.say(NONE_STOPPED if r.state.get("opted_out") else key)


KINDS_WANTED = ("vacancy", "training")
FOLLOWS = (FOLLOWS_APPLY, FOLLOWS_APPLIED, FOLLOWS_NAMED) = (
    "jobs.follows_apply", "jobs.follows_applied", "jobs.follows_applied_named")
# Replies that ask about the item on screen (dialogs/flows/jobs_replies.py).
ABOUT_ITEM = ITEM_QUESTIONS
COURSE_QUESTIONS = frozenset({"placement", "certificate"})
# A bare yes (中, 行, 好的) while an item's details are open and it is not applied for: how to apply, not a guess.
_AGREE = frozenset({"中", "中嘞", "行", "行吧", "好", "好的", "好嘞", "可以", "嗯", "嗯嗯", "要得", "ok", "okay",
                    "yes"})
EDUCATION = ("none", "primary", "junior", "senior", "vocational", "college")
CATALOG_KEYS = frozenset({
    *(f"jobs.list_{w}" for w in _WANTED), *(f"jobs.list_{w}_at" for w in _WANTED),
    *(f"jobs.none_{w}" for w in _WANTED), "jobs.family_none", "jobs.short_term_kept", "jobs.short_term_none",
    "jobs.short_term_family_none", "jobs.closed_lately", "jobs.closed_lately_only", "jobs.own_trade_refused",
    "jobs.trade_refused", "jobs.pay_line",
    "jobs.age_excluded", "jobs.title_sep", "jobs.title_quoted", "jobs.ask_far_towns", "jobs.ask_far_same_town",
    "jobs.list_kept", "jobs.ask_visit", "jobs.kind_dropped", "survey.consent.course_kept",
    "survey.consent.courses_kept",
    NONE_PASSED_ON, "jobs.pay_none_more",
    "jobs.pay_none_expected",
    NONE_STOPPED,
    "jobs.item", "jobs.item_here", "jobs.item_plain", "jobs.item_here_plain", "jobs.list_reference",
    "jobs.list_reference_at", "jobs.footer", "jobs.no_more", "jobs.need_profile", "jobs.need_home",
    "jobs.need_age", "jobs.need_form", "jobs.need_profile_refused",
    "jobs.unavailable", "jobs.pick_number", "jobs.pick_only",
    "jobs.which", "jobs.which_named", "jobs.ask_trust_list", "jobs.detail", "jobs.applied", "jobs.applied_training",
    "jobs.applied_training_contact", "jobs.caseworker_named", "jobs.caseworker_any", *FOLLOWS, "jobs.listed_far",
    "jobs.place_far", "jobs.none_close_training", "jobs.none_close_any", "jobs.none_looking_told",
    "jobs.none_close_looking_told", "jobs.ask_places_left", "jobs.ask_travel", "jobs.think", "jobs.noted",
    "jobs.ask_when_applied", "jobs.applied_contact", "jobs.note_passed",
    "jobs.already", COURSE_OVER, START_LATER, START_LATER_OVER, START_LATER_REFERRED,
    "jobs.full", "jobs.contact_after_apply", "jobs.contact_which", "jobs.contact_not_shared",
    "jobs.applied_fee_warning",
    "jobs.already_contact", "jobs.none_fit", "jobs.ask_which", "jobs.ask_pay",
    "jobs.ask_pay_training", "jobs.ask_board_told", "jobs.ask_board_unknown",
    "jobs.ask_child_told", "jobs.ask_child_unknown", "jobs.ask_hours_told", "jobs.ask_hours_unknown",
    "jobs.ask_placement_told", "jobs.ask_placement_unknown", "jobs.ask_certificate_told",
    "jobs.ask_certificate_unknown", "jobs.ask_bring_told", "jobs.ask_bring_unknown", "jobs.ask_placement_vacancy",
    "jobs.training_placement", "jobs.training_certificate",
    "jobs.ask_when_dates",
    "jobs.ask_when_vacancy", "jobs.ask_when_unknown", "jobs.ask_hiring", "jobs.ask_hiring_until", "jobs.ask_where",
    "jobs.ask_far",
    "jobs.ask_where_training_unknown",
    "jobs.apply_hint",
    "jobs.ask_cost_vacancy", "jobs.ask_cost_vacancy_told", "jobs.ask_cost_training", "jobs.ask_cost_training_plain",
    "jobs.ask_needs", "jobs.ask_needs_none", "jobs.ask_age_open", "jobs.ask_age_fits", "jobs.ask_age_out",
    "jobs.ask_age_open_applied", "jobs.ask_age_fits_applied", "jobs.ask_chase_applied", "jobs.ask_chase_unapplied",
    "jobs.ask_each", "jobs.each_told", "jobs.each_unknown", "jobs.compare", "jobs.compare_line",
    "jobs.ask_each_plain", "jobs.each_line", "jobs.where_all", "jobs.title_between",
    "jobs.ask_term_dates", "jobs.ask_fit", "jobs.ask_fit_plain", "jobs.ask_age_each", "jobs.age_line_fits",
    "jobs.age_line_out", "jobs.age_line_open",
    *(f"jobs.ask_{k}_{t}" for k in ("checkup", "advance", "family", "gender", "term", "insurance", "holiday", "leave",
                                     "weather", "interview", "exam", "bath", "probation", "quit", "injury",
                                     "health", "home", "hard")
      for t in ("told", "unknown")),
    "jobs.closed", "jobs.done", "jobs.none_away", "jobs.ask_fare_told", "jobs.ask_fare_unknown",
    "jobs.ask_piece_told", "jobs.ask_piece_unknown", "jobs.ask_trust_vacancy", "jobs.ask_trust_training",
    "jobs.ask_tiring_told", "jobs.ask_tiring_unknown", "jobs.ask_payday_told", "jobs.ask_payday_unknown",
    "jobs.reason_sep", "jobs.no_reason", "jobs.none_close", "jobs.referred_reason", "jobs.page", "jobs.page_head",
    "jobs.page_head_at", "jobs.page_item", "jobs.page_footer_short", "jobs.page_head_short",
    "jobs.change_work", "jobs.change_work_any",
    "jobs.cost_line", "jobs.cost_line_plain", "jobs.ask_cost_again", "jobs.ask_cost_again_plain",
    *(f"jobs.push.intro.{t}" for t in PUSH_TRIGGERS), *(f"jobs.push.what.{w}" for w in _WANTED),
    "jobs.push.item", "jobs.push.footer", "jobs.push.far",
    *(f"jobs.terms.{k}" for k in ("pay_range", "pay_from", "pay_fixed", "pay_unknown", "pay_below", "pay_not_more",
                                  "pay_same_now", "starts", "subsidy", "no_date")),
    *(f"jobs.field.{k}" for k in ("employer", "provider", "place", "pay", "ages", "age_from", "age_to",
                                  "places_left", "requirements", "transport", "dates", "education", "subsidy",
                                  "expires", "reasons", "fee_warning")),
    *(f"jobs.education.{k}" for k in EDUCATION), *(f"jobs.kind.{k}" for k in KINDS), *REASON_KEYS,
})


# After applying, this many messages within this many hours may tell the caseworker more about it (过完年才能去).
NOTE_MESSAGES = 2
NOTE_HOURS = 24


def over_by_new_year(item: Mapping[str, Any] | None, said: str, today: date) -> date | None:
    """The last day of a training that "过完年才能去" would miss (it ends before the Spring Festival), else None."""
    if not isinstance(item, Mapping) or item.get("item") != "training" or not item.get("ends"):
        return None
    if not says_after_new_year(nlu.normalize(said)):
        return None
    try:
        ends = date.fromisoformat(str(item["ends"]))
    except ValueError:
        return None
    return ends if ends < spring_festival_ahead(today) else None


def _tell_course_over(r: StepResult, title: str, ends: date) -> None:
    r.say(COURSE_OVER, title=title, month=ends.month, day=ends.day)


def _reply(state: JsonDict, text: str, today: date) -> tuple[str, int | None] | None:
    """reply_of, and ("agree", None) for a bare yes to the details on screen of an item not applied for. A
    question that could be about the item or a follow-up on the policy answer just given ("在哪领" after
    失业金咋领) is the policy's; 报名 1, a number or 更多 are the list's whatever was asked before."""
    js = state.get(NAME) or {}
    if applies_for_several(text) is not None:
        return ("apply_many", None)  # 报名1和2, 1号2号都想去 (it was a new search, or "none of these")
    if several_named(text, len(js.get("items") or ())) is not None:
        return ("several", None)  # 2 3, 2和3: the details of each (2 3 was item 23, "请回复序号 1 到 3")
    reply = reply_of(text)
    if reply is not None and reply[0] in ABOUT_ITEM and reply[1] is None and _tells_own_work(text, today):
        return None  # 过年放假了 厂里不干了: news of their own work for the status reading, not the hours question
    if reply is not None:
        if reply[0] in ABOUT_ITEM and reply[0] not in COURSE_QUESTIONS and policy.asks(state, text) and not (
                reply[0] == "term" and asks_own_term(text)) and not _cost_asked_again(js, reply):
            return None  # (a course's certificate or placement, 学多久 after 学电焊要钱吗: its own words first)
        if reply[0] in ABOUT_ITEM and reply[1] is None:
            # 那个电焊培训要钱不: the item named by its title; 深圳那个包吃住不: by its place (none there: which one).
            items = list(js.get("items") or ())
            named = named_in(titles_of(items), text)
            named = named if named is not None else _named_by_place(items, text)
            if named is None and items and _TRAINING_NAMED.search(text) and all(
                    i.get("item") == "vacancy" for i in items):
                return None  # 电焊培训啥时候开始 with jobs on screen: about a training, not one of them ("哪一个?")
            return (reply[0], named) if named is not None else reply
        return reply
    number, items = js.get("open"), js.get("items") or []
    names = names_of(items)
    if (named := named_in(names, text)) is not None and (rest := _unnamed(text, names[named - 1])):
        # 护林员要啥条件: the question once the item's name is taken out (its name is a policy topic's word: it was
        # referred to the caseworker as a question without its item).
        asked = reply_of(rest, NAMED_ASK_CHARS)
        if asked is not None and asked[0] in ABOUT_ITEM and asked[1] is None and not policy.asks(state, rest):
            return (asked[0], named)
    if (title := applies_by_name(text)) is not None and (
            found := named_in(titles_of(items), title)) is not None:
        return ("apply", found)  # 报名电焊的, 我想去保安那个: the item of that title
    if title is not None and (found := named_in(names, title)) is not None:
        # 报宁波的: by its place or employer (it was 没太明白); 我想去宁波 (no 报) its details, nothing applied for on
        # a guess (去宁波 may be a wish for work there).
        return ("apply", found) if _APPLY_WORD.search(text) else ("detail", found)
    if (name := detail_by_name(text)) is not None and (found_all := named_among(names, name)):
        # 那个保安的, 宁波那个: its details (it was 没太明白); two 保安 on screen: which of them
        return ("detail", found_all[0]) if len(found_all) == 1 else ("which_named", None)
    if squash(text) in _AGREE and isinstance(number, int) and 1 <= number <= len(items):
        return None if items[number - 1]["ref"] in (js.get("applied") or ()) else ("agree", None)
    if (remarked := apply_with_remark(text)) is not None:
        return ("apply", remarked[0])  # 报名1 过完年才能去哈: the words beside it go to the caseworker with it
    return None


# The course whose fee was told last (要钱不): asked again, it is said in a line, not handed to the policy's rule.
COST_TOLD = "cost_told"
COST_AGAIN = "jobs.ask_cost_again"


def _cost_asked_again(js: Mapping[str, Any], reply: tuple[str, int | None]) -> bool:
    """要钱不 again of the course whose fee was just told (named, open, or the only one listed)."""
    items = list(js.get("items") or ())
    number = reply[1] if reply[1] is not None else js.get("open") or (1 if len(items) == 1 else None)
    return reply[0] == "cost" and isinstance(number, int) and 1 <= number <= len(items) and (
        js.get(COST_TOLD) is not None and items[number - 1].get("ref") == js.get(COST_TOLD))


# The speaker's own news of work (nlu statuses): what the idle handler reads, as the check-ins do.
_OWN_NEWS = frozenset({"job_lost", "changed_job", "unable"})
# Work started, told (去假发车间上班了): news of the person's own, not a question about an item.
_AT_WORK = frozenset({"employed"})


def _tells_own_work(text: str, today: date, news: frozenset[str] = _OWN_NEWS) -> bool:
    """过年放假了 厂里不干了 with a list open: the speaker's own work stopped (or changed), told, not asked (在哪上班
    asks where the item is); `news`: the statuses that count."""
    return not (asked_as_question(text) or nlu.is_question(text)) and (
        nlu.understand(text, today).status in news)


# The bare question of money (多少钱, 要多少钱): of a course, what it costs.
_MONEY_ALONE = re.compile(r"(?:要|得|收|交)?(?:多少钱|几个钱|钱多少)(?:呀|啊|呢)?")


# Asked of the whole list (有没有包吃住的, 哪个管住): each item's own words on it, in one reply.
_WHICH_HAS = re.compile(r"有没有|有没|哪个|哪些|哪家|哪一个")
_ANY_WITH = re.compile(r"有没有|有没")  # 有没有能带娃的: a search for such items, not a question of each one
# The topics answered so, each item's words found by `_TOLD_OF`'s pattern.
_EACH_TOPICS = frozenset({"board", "child", "hours", "insurance", "home", "health", "tiring"})


# What an application by name must say (applies_by_name reads it: 报, 申请, 去, 参加).
_APPLY_GATE = re.compile(r"[报去]|申请|参加")


# Applying said in so many words (报宁波的, 宁波那个我报): what 去 alone does not say of a place.
_APPLY_WORD = re.compile(r"报|申请|apply", re.IGNORECASE)


def names_of(items: Sequence[Mapping[str, Any]]) -> list[str]:
    """What an item is pointed at by: its title (and the other words of its trade), its place (宁波北仑区; 浙江宁波
    when far) and its employer or provider (鑫安那个)."""
    return [" ".join([title, *(str(item.get(key) or "") for key in ("place_short", FAR, "employer", "provider"))])
            for title, item in zip(titles_of(items), items, strict=True)]


def titles_of(items: Sequence[Mapping[str, Any]]) -> list[str]:
    """Each item's title with the other words of the trade it names (焊工培训: 电焊 电焊工 …; 驾驶员培训: 开车 司机 …),
    so that 电焊那个 / 学开车的多久 find the course a title words differently (dialogs/matching/data/job_types.toml)."""
    return [" ".join(filter(None, (str(item.get("title") or ""),
                                   _trade_words(f"{item.get('title') or ''} {item.get('job_type') or ''}"))))
            for item in items]


@functools.lru_cache(maxsize=512)
def _trade_words(text: str) -> str:
    """The words of every job-type group the text names, blank-separated ("" when it names none)."""
    types = job_types()
    groups = set(types.groups([text]))
    return " ".join(word for word, group in types.group_of.items() if group in groups)


def _unnamed(text: str, name: str) -> str:
    """The message without the longest run of the item's name in it (护林员要啥条件 -> 要啥条件), and without the
    words that point at it (那个)."""
    said = squash(text)
    for size in range(len(name), 1, -1):
        for start in range(len(name) - size + 1):
            run = name[start:start + size]
            if " " not in run and run in said:
                return _POINTING.sub("", said.replace(run, "", 1))
    return ""


_POINTING = re.compile(r"^(?:的|那个|这个|那家|这家|那份|这份)+")


def _is_note(state: Mapping[str, Any], js: Mapping[str, Any], text: str, ctx: StepContext) -> bool:
    """过完年才能去哈 just after applying: something for the caseworker about the application (when they can go,
    who comes along), not a question (the policy answers or refers those) nor anything else understood; nor the
    details of a rights report made since (是宏达建筑队 欠了半年了 after 老板欠我工资: they were the application's)."""
    last = js.get("applied_last")
    if not isinstance(last, Mapping) or int(last.get("left") or 0) <= 0 or changed_mind(text):
        return False  # (俺不想去了 just after applying withdraws it: dialogs/flows/idle.py)
    if ctx.now - datetime.fromisoformat(str(last["at"])) > timedelta(hours=NOTE_HOURS):
        return False
    report = state.get(RIGHTS_DETAILS)
    if isinstance(report, Mapping) and report.get("at") and (
            datetime.fromisoformat(str(report["at"])) >= datetime.fromisoformat(str(last["at"]))):
        return False
    understanding = nlu.understand(text, ctx.today)
    return understanding.intent == "unknown" and not nlu.is_question(text) and len(squash(text)) >= 3


# What else 过完年才能去 may be: news, a stop, a request for a person (those go their own ways).
_NOT_A_START = frozenset({"job_lost", "changed_job", "employed", "opt_out", "human", "rights_issue", "ask_policy"})


def _starts_later(js: Mapping[str, Any], text: str, ctx: StepContext) -> Mapping[str, Any] | None:
    """过完年 / 过完年才能去 / 年后再去 while the details of an item not applied for are open (no offer question asked):
    when the person can start, about that item (it was 没太明白 and the menu). The item, else None."""
    number, items = js.get("open"), list(js.get("items") or ())
    if not isinstance(number, int) or not 1 <= number <= len(items):
        return None
    item = items[number - 1]
    if item.get("ref") in (js.get("applied") or ()) or not says_after_new_year(nlu.normalize(text)):
        return None
    return None if nlu.understand(text, ctx.today).intent in _NOT_A_START else item


# The person's own age as they said it (我62了 有啥活干, 五十多了: 50), kept for matching until the ID number gives it
# (bot/job_effects.py: the items whose ages it is beyond are left out, and said to be).
AGE_TOLD = "age_told"


def age_in(said: Sequence[str]) -> int | None:
    """The first age the person told of themselves in these messages."""
    return next((a for text in said if (a := age_told(text)) is not None), None)


def remember_age(state: JsonDict, said: Sequence[str]) -> None:
    age = age_in(said)
    if age is not None:
        state[AGE_TOLD] = age


def age_kept(state: Mapping[str, Any]) -> dict[str, int]:
    age = state.get(AGE_TOLD)
    return {"age": age} if isinstance(age, int) else {}


def looking_for_work(answers: Mapping[str, Any]) -> bool:
    """Someone the end of the survey should show jobs to: unemployed and wanting work now."""
    return answers.get("employment_status") == "unemployed" and answers.get("willing_to_work") == "yes"


def wanted_after_survey(answers: Mapping[str, Any]) -> str | None:
    """Trainings only for someone who asked for training and no job; both for someone who asked for both."""
    needs = set(answers.get("service_needs") or ())
    if "training" in needs:
        return "training" if not needs & {"job_referral", "public_welfare", "labour_export"} else None
    return "vacancy"


# Catalogue entries that say what the list itself does (看附近的岗位, 这是骗人的吧: asks_trust answers it): a question
# they answer is the search's own.
_LIST_ENTRIES = frozenset({"local_jobs", "job_scam"})


def _answer_asked_beside(r: StepResult, wishes: Sequence[str], ctx: StepContext) -> None:
    """过完年想去浙江打工 有没有统一组织的车 before registering: the question the catalogue is sure of is answered
    before what registering needs (it went straight to the notice, the question unanswered)."""
    for wish in wishes:
        if not nlu.is_question(wish):
            continue
        found = retrieval().search(wish)
        if found.confident and found.entry is not None and found.entry.id not in _LIST_ENTRIES:
            r.outbound.extend(policy.answer(wish, ctx) or ())
            return


class JobsFlow:
    name = NAME

    # -- entry points ----------------------------------------------------------------------------------

    def start(self, r: StepResult, ctx: StepContext) -> None:
        self.search(r, ctx, item="vacancy")

    def search(
        self, r: StepResult, ctx: StepContext, *, item: str | None, wishes: Sequence[str] = (),
        answers: Mapping[str, Any] | None = None, quiet: bool = False, looking_told: bool = False,
    ) -> None:
        """Look up the person's best items (the effect answers with jobs.match.result). A question about someone
        else's schooling or work that the policy answers ("俺娃十六了 初中毕业 能上技校不") is the policy's: the
        asker is not who it is for ("孩子小 离不开 有在家干的活吗" is a search: the asker's). `looking_told`: the
        person was just told the caseworker keeps looking (the check-in's 还在找): nothing found is said in a word,
        with no second promise nor 回复 人工."""
        asked = next((w for w in wishes if nlu.about_someone_else(w) and nlu.is_question(w)
                      and retrieval().search(w).confident), None)
        if asked is not None:
            policy.answer_or_refer(r, asked, ctx)  # answered: the catalogue is sure what it is about
            return
        r.state["flow"] = NAME
        r.state["menu_open"] = False
        r.state[NAME] = {"item": item, "wishes": list(wishes), "items": [], "shown": [], "open": None,
                         "listed_at": None, **_kept_applied(r.state.get(NAME)), **({QUIET: True} if quiet else {}),
                         **({LOOKING_TOLD: True} if looking_told else {})}
        if (r.state.get("consent") or {}).get("given") is not True:
            # Matching reads the person's registered data: nobody is matched before agreeing to register
            # (and without that agreement there is no form to match on: no look-up needed).
            _answer_asked_beside(r, wishes, ctx)
            self._no_profile(r)
            return
        r.state["awaiting"] = AWAITING_LOOKUP
        survey_answers = answers if answers is not None else (r.state.get("survey") or {}).get("answers") or {}
        if any(CHANGE_WISH.search(w) for w in wishes) and not job_types().groups(list(wishes)):
            # 想换个活 (from a cleaner, whose cleaning jobs came first): other work first, and what they would like
            # asked (bot/job_effects.py lists their trade after the others).
            leaving = leaving_trade(wishes, survey_answers.get("job_type"))
            if leaving:
                r.say(CHANGE_WORK, what=next(iter(leaving.values())))
            else:
                r.say(CHANGE_WORK + "_any")
        remember_age(r.state, wishes)
        r.emit(MATCH, item=item, wishes=list(wishes), exclude=[], answers=dict(survey_answers), **age_kept(r.state))

    def after_survey(self, r: StepResult, ctx: StepContext, answers: Mapping[str, Any],
                     wishes: Sequence[str] = ()) -> None:
        self.search(r, ctx, item=wanted_after_survey(answers), answers=answers, wishes=wishes)

    def with_checkin(self, r: StepResult) -> None:
        """The unemployed's check-in answered "还在找": the best new matches, if any, as a pushed list."""
        r.emit(PUSH_ITEMS, fire=None, trigger="checkin", refs=[])

    @staticmethod
    def asks_trust(text: str) -> bool:
        """这是骗人的吧, 靠谱吗: whether what is listed can be trusted."""
        reply = reply_of(text)
        return reply is not None and reply[0] == "trust"

    def holds(self, state: JsonDict, now: datetime) -> bool:
        """A list whose numbers are still taken (scheduled questions would take them over)."""
        js = state.get(NAME) or {}
        return state.get("flow") == NAME and bool(js.get("items")) and _fresh(js, now)

    # -- Flow protocol ---------------------------------------------------------------------------------

    def claims(self, state: JsonDict, inbound: Inbound, ctx: StepContext) -> bool:
        """A reply about the list on screen; anything else goes to the idle handler (the list stays)."""
        js = state.get(NAME) or {}
        if state.get("awaiting") == AWAITING_LOOKUP:
            return True
        if not js.get("items") or not _fresh(js, ctx.now):
            return False
        reply = _reply(state, inbound.text, ctx.today)
        if (reply is None or (reply[1] is None and reply[0] in (*ABOUT_ITEM, "contact"))) and may_tell_details(
                state, inbound.text, ctx.today, ctx.now):
            # 姓刘 叫刘老三 电话不知道 right after 包工头还欠我八千块钱 (a push's list on screen): who owes, the
            # report's details for the caseworker (it was "您问哪一个的电话?"); 报名 1, a number, 更多 stay the list's.
            return False
        return (reply is not None or _is_note(state, js, inbound.text, ctx)
                or _starts_later(js, inbound.text, ctx) is not None or _asks_short_term(inbound.text)
                or kind_dropped(js, inbound.text) is not None)

    def handle(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
        if inbound.kind == "event" and inbound.event == PUSH:
            self._push_due(r, dict(inbound.payload), ctx)
            return
        if inbound.kind == "event" and inbound.event == PUSH_ITEMS_RESULT:
            self._on_pushed(r, dict(inbound.payload), ctx)
            return
        if inbound.kind == "event" and inbound.event == WITHDRAW_RESULT:
            _withdrawal_looked_up(r, inbound.payload, ctx)
            return
        js = r.state.get(NAME)
        if js is None:
            end_flow(r)
            return
        if inbound.kind == "event":
            if inbound.event == MATCH_RESULT:
                self._on_matches(r, dict(inbound.payload), ctx)
            elif inbound.event == APPLY_RESULT:
                self._on_applied(r, dict(inbound.payload), ctx)
            return
        if r.state.get("awaiting") == AWAITING_LOOKUP:
            # The look-up result never came back (it normally arrives in the same unit of work).
            log.warning("jobs: match result missing")
            r.say("jobs.unavailable")
            end_flow(r)
            return
        if (dropped := kind_dropped(js, inbound.text)) is not None:
            # 我不想干保洁了 with 保洁 listed: those dropped, the others ranked again without them (it was 没太明白).
            word, of_it = dropped
            if job_types().groups([without_refused(inbound.text)]):
                # 焊工我学不了 没有家政的吗: another trade asked for with it: a search of its own, the refused trade
                # left out by the look-up (it said "想干什么活, 直接说就行" to someone who had just said).
                self._search_with(r, js, inbound.text)
                return
            refs = {str(js["items"][n - 1]["ref"]) for n in of_it}
            kept = {str(item["ref"]) for item in js["items"]} - refs
            js["shown"] = [ref for ref in js["shown"] if ref not in kept]
            js["wishes"] = [*js["wishes"], inbound.text]  # (the trade refused stays out of 更多 too)
            js["none_fit"] = False
            # (their own work of that trade: it is not changed by the words, nor the list asked for again)
            r.say(OWN_TRADE_REFUSED if own_trade(r.state, inbound.text) else "jobs.kind_dropped", what=word)
            r.state["awaiting"] = AWAITING_LOOKUP
            r.emit(MATCH, item=js["item"], wishes=js["wishes"], exclude=list(js["shown"]),
                   answers=dict((r.state.get("survey") or {}).get("answers") or {}), **age_kept(r.state))
            return
        if _asks_short_term(inbound.text):
            # 厂里放假了 有啥短期的活不 with a list open: a search for short-term work near home (it asked "哪一个?").
            self._search_with(r, js, inbound.text)
            return
        reply = _reply(r.state, inbound.text, ctx.today)
        if reply is None:
            if _is_note(r.state, js, inbound.text, ctx):
                self._note(r, js, inbound.text, ctx)
            elif (item := _starts_later(js, inbound.text, ctx)) is not None:
                self._start_later(r, js, item, inbound.text, ctx)
            return
        r.state.pop(policy.TOPIC, None)  # talk is back on the list: 要钱不 is now about the item, not the policy
        action, number = reply
        if action == "done":
            r.say("jobs.done")
            end_flow(r)
            return
        if action == "think":
            # 我考虑一下: the list stays for its time, and how to apply; 知道了 after applying: noted.
            open_ref = js["items"][js["open"] - 1].get("ref") if isinstance(js.get("open"), int) and (
                1 <= js["open"] <= len(js["items"])) else None
            r.say("jobs.noted" if open_ref is not None and open_ref in (js.get("applied") or ()) else "jobs.think")
            r.state["awaiting"] = AWAITING_LIST
            return
        if action == "again":
            self._show(r, js, ctx)  # 发个列表, 再发一遍: the list (by SMS the page) on screen, again
            return
        if action == "apply_many":
            numbers = applies_for_several(inbound.text) or tuple(range(1, len(js["items"]) + 1))
            if not all(1 <= n <= len(js["items"]) for n in numbers):
                _pick_number(r, len(js["items"]))
                return
            for n in numbers:
                self._apply(r, js, n, ctx)  # each answered as it is applied for
            return
        if action == "several":
            numbers = several_named(inbound.text, len(js["items"])) or ()
            if not all(1 <= n <= len(js["items"]) for n in numbers):
                _pick_number(r, len(js["items"]))
                return
            for n in numbers:
                self._detail(r, js, n, ctx)
            js["open"] = None  # 报名 or 要钱不 after two details: which of them, asked
            return
        if action == "how_apply":
            # 咋报名: 报名 and the number of the item open (or the only one), else which (it was referred).
            shown = js.get("open") or (1 if len(js["items"]) == 1 else None)
            if isinstance(shown, int) and 1 <= shown <= len(js["items"]):
                r.say("jobs.apply_hint", title=js["items"][shown - 1]["title"], n=shown)
            else:
                r.say("jobs.which")
            return
        if action == "agree":
            n = int(js["open"])
            r.say("jobs.apply_hint", title=js["items"][n - 1]["title"], n=n)
            return
        if action == "more" and ctx.channel == "sms" and page_of(js)[1] < len(js["items"]):
            self._show_page(r, js, ctx, page_of(js)[1])
            return
        if action == "away":
            # 有没有外省的: others in other provinces; the wish stays for 更多 (dialogs/matching/profile.py).
            js["wishes"] = [*js["wishes"], inbound.text]
            js["away"] = True
        if action in ("more", "none_fit", "away"):
            js["none_fit"] = action == "none_fit"
            r.state["awaiting"] = AWAITING_LOOKUP
            r.emit(MATCH, item=js["item"], wishes=js["wishes"], exclude=list(js["shown"]),
                   answers=dict((r.state.get("survey") or {}).get("answers") or {}), **age_kept(r.state))
        elif action == "detail":
            self._detail(r, js, number or 0, ctx)
        elif action == "compare":
            # 1号和2号哪个好: the ones named (else all) side by side; the choice is theirs, the caseworker advises.
            items = js["items"]
            picked = [n for n in numbers_named(inbound.text) if 1 <= n <= len(items)]
            lines = [catalog_text(ctx, "jobs.compare_line", n=n, title=items[n - 1]["title"],
                                  place=place_listed(items[n - 1], ctx), terms=terms_of(items[n - 1], ctx))
                     for n in (dict.fromkeys(picked) if len(set(picked)) > 1 else range(1, len(items) + 1))]
            r.say("jobs.compare", lines="\n".join(lines))
        elif action == "which_named":
            # 那个保安的 with two 保安 on screen: the ones it may be, by number.
            name = detail_by_name(inbound.text) or ""
            titles = [str(i.get("title") or "") for i in js["items"]]
            sep = catalog_text(ctx, "jobs.reason_sep")
            r.say("jobs.which_named", items=sep.join(f"{n}. {titles[n - 1]}"
                                                     for n in named_among(names_of(js["items"]), name)))
        elif action == "contact":
            self._contact(r, js)
        elif action in ABOUT_ITEM and len(both := questions_in(inbound.text)) > 1:
            # 啥时候能去上班 包住不: each question answered, about the same item (only the lodging was).
            for asked, named, words in both:
                self._about_item(r, js, asked, ctx, words, number if number is not None else named)
                if r.outbound and r.outbound[-1].key == "jobs.ask_which":
                    break  # none open and several listed: which one, asked once
        elif action in ABOUT_ITEM:
            self._about_item(r, js, action, ctx, inbound.text, number)
        else:
            remarked = apply_with_remark(inbound.text)
            if remarked is not None:
                js["remark"] = remarked[1]  # told to the caseworker once the application is in (_on_applied)
            self._apply(r, js, number, ctx)
            start = js.get(START_SAID)
            if "remark" not in js and isinstance(start, Mapping) and js.get("open") and (
                    js["items"][int(js["open"]) - 1].get("ref") == start.get("ref")):
                js["remark"] = start.get("said")  # 过完年才能去 said at its details: with the application

    def resume(self, r: StepResult, ctx: StepContext) -> None:
        js = r.state.get(NAME) or {}
        if js.get("items") and _fresh(js, ctx.now):
            self._show(r, js, ctx)
        else:
            end_flow(r)

    def catalog_keys(self) -> set[str]:
        return set(CATALOG_KEYS)

    # -- results ---------------------------------------------------------------------------------------

    def _on_matches(self, r: StepResult, payload: dict[str, Any], ctx: StepContext) -> None:
        js = r.state[NAME]
        status = payload.get("status")
        if status == "no_profile":
            self._no_profile(r)
            return
        items = [dict(i) for i in payload.get("items") or []]
        none_fit, away = js.pop("none_fit", False), js.pop("away", False)
        looking_told = js.pop(LOOKING_TOLD, False) and not js["shown"]
        if js.pop(QUIET, False) and not js["shown"] and not any(item.get("reasons") for item in items):
            # A search the weekly check-in ran on "还没找到 …" after saying the caseworker keeps looking: nothing
            # that fits is nothing more to say (it told "暂时没有…" and listed the same far-off jobs every week).
            end_flow(r)
            return
        if not js["shown"] and (excluded := [str(t) for t in payload.get("age_excluded") or ()]):
            # 我62了 有啥活干: the items their age is beyond are left out, and said to be (with the age as said)
            r.say("jobs.age_excluded", age=payload.get("age"), titles=catalog_text(ctx, "jobs.title_sep").join(
                catalog_text(ctx, "jobs.title_quoted", title=t) for t in excluded))
        if not js["shown"] and (closed := payload.get("closed")):
            # 没有家政的吗 and the 家政 course closed its sign-up last week: said (it was never mentioned).
            ends = date.fromisoformat(str(closed[0]["expires"]))
            r.say(CLOSED_LATELY if items else CLOSED_LATELY + "_only", title=str(closed[0]["title"]),
                  month=ends.month, day=ends.day)
        if not items:
            if away:
                js["wishes"] = js["wishes"][:-1]  # 更多 then looks as before
                # None in other provinces for now: the list on screen stays (no promise of new ones when stopped).
                _say_none(r, "jobs.none_away")
                r.state["awaiting"] = AWAITING_LIST
            elif js["shown"]:
                # 都不合适: nothing else for now is a different answer from 更多 at the end of the list.
                if none_fit:
                    _say_none(r, "jobs.none_fit")  # (none_fit promises the new ones at once)
                else:
                    r.say("jobs.no_more")
                r.state["awaiting"] = AWAITING_LIST
            elif (asked := next((w for w in js["wishes"] if FIND_OUT.search(w)), None)) and (
                    not r.state.get("opted_out")):
                # 你们能不能帮我问问县里有没有美发培训: they asked us to find out; nothing listed, so a person does.
                r.emit("question_referred", channel=ctx.channel, question=asked, **told_so_far(r.state))
                r.say(NONE_PASSED_ON)
                end_flow(r)
            elif looking_told and not r.state.get("opted_out"):
                # 还没找着 有没有工地的活? at a check-in, just told the caseworker keeps looking: "none yet", once
                # (it said 有新的会发给您 and 回复 人工 under 工作人员会继续帮您找).
                r.say(NONE_LOOKING_TOLD, what=catalog_text(ctx, "jobs.push.what." + (js["item"] or "any")))
                end_flow(r)
            else:
                # Stopped (退订): "有新的会发给您" would promise what will not come.
                _say_none(r, f"jobs.none_{js['item'] or 'any'}")
                end_flow(r)
            return
        short_wish = not js["shown"] and any(SHORT_TERM_WISH.search(w) for w in js["wishes"])
        family_wish = not js["shown"] and any(FAMILY_SAID.search(w) for w in js["wishes"])
        if short_wish:
            # 过年厂里放假一个月 我想回老家找点零活干: their job stays as it is (news of no job lost), short-term work
            # near home looked for; none known to be short-term is said (it was a full-time list without a word).
            answers = (r.state.get("survey") or {}).get("answers") or {}
            if any(_OWN_WORK_BREAK.search(w) or (answers.get("employment_status") == "employed" and _BREAK.search(w))
                   for w in js["wishes"]):
                r.say("jobs.short_term_kept")
        # 有能带娃的活不: none says it allows that; told, not passed off as such work. Both wishes unmet are one note
        # (by SMS they were two messages before the list).
        none_short = short_wish and not any(map(_short_term, items))
        none_family = family_wish and not any(map(_suits_a_parent, items))
        if none_short or none_family:
            r.say(SHORT_TERM_FAMILY_NONE if none_short and none_family else
                  "jobs.short_term_none" if none_short else FAMILY_NONE)
        if family_wish:
            items.sort(key=lambda item: not _suits_a_parent(item))  # those that do first (the rank kept otherwise)
        if short_wish:
            items.sort(key=lambda item: not _short_term(item))
        js.pop(PAY_SAID, None)
        if not js["shown"] and any(PAY_WISH.search(w) for w in js["wishes"]) and _tell_none_pays_more(r, items):
            js[PAY_SAID] = True  # 有没有工资高点的活: none does; said once before the list, not again on each line
        elif not js["shown"] and items and not any(item.get("reasons") for item in items):
            # Nothing near home, in the work wanted or at the pay hoped for (a rebar worker from 威宁 shown a
            # supermarket job in Henan under "根据您的情况, 为您找到这些工作"): said so, the list for reference; of
            # trainings as trainings (it said 工作 of a list of courses), after 工作人员会继续帮您找 without 回复 人工.
            kind = {"vacancy": "", "training": "_training"}.get(str(js["item"]), "_any")
            r.say(NONE_CLOSE_LOOKING_TOLD if looking_told else NONE_CLOSE + kind)
        if not any(item.get("reasons") for item in items):
            # None of them fits for a reason of its own: listed as open to them, not as found for them ("根据您的情况
            # 为您找到" and "推荐理由: 符合您的条件" under "nothing fits" said the opposite of the line above).
            for item in items:
                item[FOR_REFERENCE] = True
        js["items"] = items
        js.pop("page", None)
        js["shown"] = [*js["shown"], *(i["ref"] for i in items)]
        js["open"] = None
        js["listed_at"] = ctx.now.isoformat()
        self._show(r, js, ctx)

    # -- pushes ----------------------------------------------------------------------------------------

    def _push_due(self, r: StepResult, p: Mapping[str, Any], ctx: StepContext) -> None:
        fire, kind = p.get("fire"), str(p.get("kind") or "job_push")
        if r.state.get("flow") not in (None, NAME) and not left_long_ago(r.state, p, ctx.now):
            # In the middle of another dialog: a list now would take the answers it waits for.
            if int(p.get("postponed") or 0) < MAX_POSTPONED:
                r.emit("due_work_postponed", fire=fire, work=kind)
            else:
                r.emit("due_work_done", fire=fire, outcome="busy")
            return
        trigger = str(p.get("trigger") or "import")
        r.emit(PUSH_ITEMS, fire=fire, trigger=trigger, refs=[str(ref) for ref in p.get("refs") or ()])

    def _on_pushed(self, r: StepResult, payload: dict[str, Any], ctx: StepContext) -> None:
        """Show what the push carries (nothing at all when the effect found nothing to push)."""
        items = [dict(i) for i in payload.get("items") or []]
        if payload.get("status") != "ok" or not items:
            return
        trigger = str(payload.get("trigger") or "import")
        r.state["flow"] = NAME
        r.state["menu_open"] = False
        kinds = {i.get("item") for i in items}
        # 更多 / 都不中 after a push of jobs looks for other jobs (not trainings nobody asked for).
        single = str(kinds.pop()) if len(kinds) == 1 else None
        single = single if single in KINDS_WANTED else None
        js: JsonDict = {"item": single, "wishes": [], "items": items, "shown": [i["ref"] for i in items],
                        "open": None, "listed_at": ctx.now.isoformat(), "ttl_hours": PUSH_LIST_HOURS,
                        "pushed": trigger, **_kept_applied(r.state.get(NAME))}
        r.state[NAME] = js
        what = catalog_text(ctx, "jobs.push.what." + (single or "any"))
        r.say(f"jobs.push.intro.{trigger if trigger in PUSH_TRIGGERS else 'import'}", what=what)
        for n, item in enumerate(items, 1):
            reasons, first = reasons_of(item, ctx)
            terms = terms_of(item, ctx)
            r.say("jobs.push.item", n=n, title=item["title"], who=item.get("employer") or item.get("provider") or "",
                  place=place_listed(item, ctx), terms=terms, reasons=reasons, short=clip(item["title"], SMS_TITLE),
                  terms_short=short_terms(item, ctx),
                  # By SMS a far item's one short note is that it is far (离家远), not why it fits.
                  reason=catalog_text(ctx, PUSH_FAR) if item.get(FAR) else clip_phrase(first, SMS_REASON))
        r.say("jobs.push.footer")
        r.state["awaiting"] = AWAITING_LIST

    def _no_profile(self, r: StepResult) -> None:
        """Nothing to match on yet: register first (unless they said no to registering)."""
        end_flow(r)
        if (r.state.get("consent") or {}).get("given") is False:
            r.say("jobs.need_profile_refused")  # not asked again here: the menu says how, when they want to
        else:
            js = r.state.get(NAME) or {}
            if js.get("item") == "training" and (r.state.get("consent") or {}).get("given") is None:
                # 有没有月嫂培训 as a first message: the course asked about in a line, kept for the list after the
                # form (dialogs/flows/survey/flow.py), as at the notice (it said 推荐工作要先…).
                trade = next(iter(job_types().groups([str(w) for w in js.get("wishes") or ()]).values()), None)
                r.say("survey.consent.course_kept", trade=trade) if trade else r.say("survey.consent.courses_kept")
            else:
                # 我今年48 … 想找工作 / 我是贵州威宁的 … 想回家附近找活: what they told is heard, and what is still
                # needed said (it was "推荐工作要先知道您家在哪、多大年纪" to people who had just said so).
                wishes = [str(w) for w in js.get("wishes") or ()]
                if any(self.asks_trust(w) for w in wishes):
                    r.say("common.who_we_are")  # 听说你们能找工作 真的假的: who we are first (it was unanswered)
                age = age_in(wishes)
                home = next((m.place for w in wishes for m in nlu.place_mentions(w)
                             if m.role == "home" and len(m.place.code) >= 6), None)
                if age and home:
                    r.say("jobs.need_form", age=age, home=short_place_name(home.code))
                elif age:
                    r.say("jobs.need_home", age=age)
                elif home:
                    r.say("jobs.need_age", home=short_place_name(home.code))
                else:
                    r.say("jobs.need_profile")
            r.state["hand_over"] = "survey"

    def _on_applied(self, r: StepResult, payload: dict[str, Any], ctx: StepContext) -> None:
        status = str(payload.get("status") or "unknown")
        title = str(payload.get("title") or "")
        r.state["awaiting"] = AWAITING_LIST
        js = r.state.get(NAME)
        asked_phone = isinstance(js, dict) and js.pop("phone_asked", False)
        if status in ("applied", "already") and isinstance(js, dict) and payload.get("ref"):
            js["applied"] = [*(ref for ref in js.get("applied") or () if ref != payload["ref"]), payload["ref"]]
            # What it is, kept past this list: 报了名的那个活在哪 after another list still names it.
            if (item := next((i for i in js.get("items") or () if i.get("ref") == payload["ref"]), None)):
                js[APPLIED_ITEM] = item
            if payload.get("caseworker"):
                js[CASEWORKER] = str(payload["caseworker"])  # named again when a question about it is not answered
        remark = js.pop("remark", None) if isinstance(js, dict) else None
        if status in ("applied", "already") and isinstance(js, dict):
            # What they say next about it (过完年才能去) goes to the caseworker with it: _is_note, _note.
            js["applied_last"] = {"application_id": payload.get("application_id"), "title": title,
                                  "at": ctx.now.isoformat(), "left": NOTE_MESSAGES}
        applied_item = next((i for i in (js or {}).get("items") or () if i.get("ref") == payload.get("ref")), None)
        if status == "applied":
            # Words said with the application (报名1 过完年才能去) go in its one alert (a second one followed it).
            said: dict[str, Any] = {"note": str(remark)} if remark else {}
            over = over_by_new_year(applied_item, str(remark), ctx.today) if remark else None
            if over is not None:
                said["course_ends"] = over.isoformat()  # the caseworker is told the course is over by then
            r.emit("application_made", application_id=payload.get("application_id"), item=payload.get("item"),
                   item_kind=payload.get("kind"), ref=payload.get("ref"), title=title,
                   organisation=payload.get("organisation"), channel=ctx.channel, **said)
            phone = payload.get("contact")
            # What happens next (who contacts them, about what; a job's follow-up in 7 days): it said only 会联系您.
            applied = "jobs.applied_training" if payload.get("item") == "training" else "jobs.applied"
            # Their caseworker by name when one covers them (it said only 负责您的工作人员: who is that?).
            named = payload.get("caseworker")
            who = catalog_text(ctx, "jobs.caseworker_named", name=named) if named else catalog_text(
                ctx, "jobs.caseworker_any")
            if phone:
                r.say(f"{applied}_contact", title=title, phone=dialled(str(phone)), who=who)
            else:
                r.say(applied, title=title, who=who)
            item = applied_item
            if item is not None and item.get("item") == "vacancy" and (fees := fees_told(item)):
                # 需交押金300元: applied for, and told before anyone asks them to pay.
                r.say("jobs.applied_fee_warning", told=catalog_text(ctx, "jobs.reason_sep").join(fees))
            if remark and isinstance(js, dict):
                js["applied_last"]["left"] = int(js["applied_last"]["left"]) - 1
                r.say("jobs.note_passed", title=title)
            if over is not None:
                _tell_course_over(r, title, over)
        elif status == "already":
            phone = payload.get("contact")
            if phone:
                r.say("jobs.already_contact", title=title, phone=dialled(str(phone)))  # the phone asked again
            elif asked_phone:
                r.say("jobs.contact_not_shared", title=title)  # 电话多少: the employer keeps it to itself
            else:
                r.say("jobs.already", title=title)
        elif status in ("full", "closed"):
            r.say(f"jobs.{status}", title=title)
        else:
            r.say("jobs.unavailable")

    def _start_later(self, r: StepResult, js: JsonDict, item: Mapping[str, Any], text: str,
                     ctx: StepContext) -> None:
        """过完年才能去 at an item's details: kept, to go with its application to the caseworker (who settles it with
        the employer); a course over by then is said to be; an item the caseworker referred, they are told now."""
        n, title = int(js["open"]), str(item.get("title") or "")
        js[START_SAID] = {"ref": item.get("ref"), "said": text[:100]}
        r.state["awaiting"] = AWAITING_LIST
        over = over_by_new_year(item, text, ctx.today)
        if over is not None:
            r.say(START_LATER_OVER, title=title, month=over.month, day=over.day, n=n)
        elif js.get("pushed") == "referral":
            # Picked for them by their caseworker: the answer is the caseworker's to have, applied for or not.
            r.emit("human_requested", reason="referral_later", said=f"「{title}」: {text}", channel=ctx.channel)
            r.say(START_LATER_REFERRED, title=title, n=n)
        else:
            r.say(START_LATER, title=title, n=n)

    def _note(self, r: StepResult, js: JsonDict, text: str, ctx: StepContext) -> None:
        """Said about the application just made (过完年才能去哈): to the caseworker, and the person told so."""
        last = js["applied_last"]
        last["left"] = int(last.get("left") or 0) - 1
        over = over_by_new_year(js.get(APPLIED_ITEM), text, ctx.today)
        ends = {"course_ends": over.isoformat()} if over is not None else {}
        r.emit("application_note", application_id=last.get("application_id"), title=last.get("title"), note=text,
               channel=ctx.channel, **ends)
        r.say("jobs.note_passed", title=str(last.get("title") or ""))
        if over is not None:
            _tell_course_over(r, str(last.get("title") or ""), over)
        r.state["awaiting"] = AWAITING_LIST

    # -- replies ---------------------------------------------------------------------------------------

    def _detail(self, r: StepResult, js: JsonDict, number: int, ctx: StepContext) -> None:
        items = js["items"]
        if not 1 <= number <= len(items):
            _pick_number(r, len(items))
            return
        js["open"] = number
        r.say("jobs.detail", lines=detail_lines(items[number - 1], ctx, number), n=number)
        r.state["awaiting"] = AWAITING_LIST

    def _apply(self, r: StepResult, js: JsonDict, number: int | None, ctx: StepContext) -> None:
        items = js["items"]
        if number is None:
            number = js.get("open") or (1 if len(items) == 1 else None)
        if number is None:
            r.say("jobs.which")
            return
        if not 1 <= number <= len(items):
            _pick_number(r, len(items))
            return
        js["open"] = number
        r.emit(APPLY, ref=items[number - 1]["ref"])

    def _contact(self, r: StepResult, js: JsonDict) -> None:
        """The phone asked for again: the item applied for is looked up again (its answer carries the phone
        when the employer shares it); one not applied for gives its phone only once applied for."""
        items, applied = js["items"], list(js.get("applied") or ())
        number = js.get("open")
        if number is None and applied:
            number = next((i for i, item in enumerate(items, 1) if item["ref"] == applied[-1]), None)
        if number is None:
            r.say("jobs.contact_which")  # 电话多少 with none open: whose phone (报名 gives it)
            return
        if items[number - 1]["ref"] in applied:
            js["phone_asked"] = True  # the answer (jobs.apply.result) is about the phone, not applying again
            r.emit(APPLY, ref=items[number - 1]["ref"])
        else:
            r.say("jobs.contact_after_apply", n=number)

    def apply_earlier_item(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """扫地那个 我想报名 a day after the list (its numbers no longer taken): the item it names by its title, the
        words of its trade or the work it was matched for is applied for, and the list is open again; True when it was
        (it was a new search)."""
        js = r.state.get(NAME)
        if not isinstance(js, dict) or not js.get("items") or not _APPLY_GATE.search(text):
            return False  # (asked of idle messages: most name no application)
        name = applies_by_name(text)
        if name is None:
            return False
        items = list(js["items"])
        found = _item_named(items, name)
        if found is None:
            return False
        r.state["flow"] = NAME
        r.state["menu_open"] = False
        js["listed_at"] = ctx.now.isoformat()  # its numbers are taken again, for a day
        js.pop("ttl_hours", None)
        self._apply(r, js, found, ctx)
        return True

    def refuses_trade(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """我不想干保洁了 with no list open (it was 没太明白 and the menu): about their own work of that trade (the form
        unchanged: they may still be in it) or a wish: other work looked up, that trade left out (bot/job_effects.py);
        True when it was."""
        said = refused_in(squash(text)) if (r.state.get("consent") or {}).get("given") is True else {}
        if not said:
            return False
        what = next(iter(said.values()))
        r.say(OWN_TRADE_REFUSED if own_trade(r.state, text) else TRADE_REFUSED, what=what)
        self.search(r, ctx, item="vacancy", wishes=[text])
        return True

    def others_after_list(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """有没有别的 / 还有别的活没 days after a list or a push (its numbers no longer taken): a new look-up of the
        same kind, with the same wishes; True when it was (it was the policy's answer on working elsewhere)."""
        js = r.state.get(NAME)
        if not isinstance(js, dict) or not js.get("items") or squash(text).isdigit():
            return False
        reply = reply_of(text)
        if reply is None or reply[0] != "more":
            return False
        self.search(r, ctx, item=js.get("item"), wishes=[str(w) for w in js.get("wishes") or ()])
        return True

    def about_earlier_item(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """那个门卫的活啥时候能去 days after a list (its numbers no longer taken): a question about the item it names
        (by its title or the work it was matched for), else about the one applied for last, answered from what we know
        of it; True when answered (it was referred to the caseworker)."""
        js = r.state.get(NAME)
        # Named (by its title or as the one applied for), a longer question is still about the item.
        reply = reply_of(text) or reply_of(text, NAMED_ASK_CHARS)
        if not isinstance(js, dict) or not (js.get("items") or js.get(APPLIED_ITEM)) or reply is None or (
                reply[1] is not None or reply[0] not in ABOUT_ITEM - _LIST_ONLY):
            return False
        if _tells_own_work(text, ctx.today, _AT_WORK):
            # 去假发车间上班了 计件的 一个月两千多: news of their own work there, told (it was answered as a question
            # about the item's piece rates, and the work never recorded)
            return False
        items = list(js.get("items") or ())
        kept = js.get(APPLIED_ITEM)
        if isinstance(kept, dict) and _POINTED_APPLIED.search(text) and all(i["ref"] != kept["ref"] for i in items):
            # 俺前几天报了名的那个活 在哪个地方上班 after another list: the one applied for, no longer on screen
            # (it was news of the person's own work).
            self._about_item(r, {**js, "items": [kept], "open": None, "applied": [kept["ref"]]}, reply[0], ctx,
                             text, 1)
            return True
        if not items:
            return False
        named = _item_named(items, text)
        applied = list(js.get("applied") or ())
        if named is None and applied and (_POINTED.search(text) or reply[0] == "chase"):
            named = next((n for n, i in enumerate(items, 1) if i["ref"] == applied[-1]), None)
        if named is None:
            return False
        self._about_item(r, js, reply[0], ctx, text, named)
        return True

    def hiring_earlier_item(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """电焊那个培训还能报不 days after the list or a push (its numbers no longer taken): the item named, still open
        by its date, its list open again for a day (报名 N is taken) and whether it still takes people; one whose date
        has passed is said to be closed (it was referred to the caseworker); True when answered."""
        js = r.state.get(NAME)
        reply = reply_of(text) or reply_of(text, NAMED_ASK_CHARS)
        if not isinstance(js, dict) or not js.get("items") or reply is None or reply[1] is not None or (
                reply[0] not in _LIST_ONLY):
            return False
        items = list(js["items"])
        named = _item_named(items, text)
        if named is None:
            return False
        item = items[named - 1]
        if str(item.get("expires") or "9999-12-31") < ctx.today.isoformat():
            r.say("jobs.closed", title=item["title"])
            return True
        r.state["flow"] = NAME
        r.state["menu_open"] = False
        js["listed_at"] = ctx.now.isoformat()  # its numbers are taken again, for a day
        js.pop("ttl_hours", None)
        r.state["awaiting"] = AWAITING_LIST
        self._about_item(r, js, reply[0], ctx, text, named)
        return True

    def _search_with(self, r: StepResult, js: JsonDict, text: str) -> None:
        """A search of its own asked with a list open (有没有能带娃的, 有啥短期的活不): ranked anew with that wish, the
        items that fit it first (the notes before the list say when none is known to)."""
        js["wishes"] = [*js["wishes"], text]
        js["shown"], js["none_fit"] = [], False
        r.state["awaiting"] = AWAITING_LOOKUP
        r.emit(MATCH, item=js["item"], wishes=js["wishes"], exclude=[],
               answers=dict((r.state.get("survey") or {}).get("answers") or {}), **age_kept(r.state))

    def _about_item(
        self, r: StepResult, js: JsonDict, asked: str, ctx: StepContext, text: str, named: int | None = None
    ) -> None:
        """The pay, food and lodging, dates, place or cost of the item named (1号在哪上班), else the one whose
        details are open (or the one applied for last, or the only one); with several and none open: which one."""
        items, applied = js["items"], list(js.get("applied") or ())
        number = named if named is not None else js.get("open")
        if number is None and applied:
            number = next((i for i, item in enumerate(items, 1) if item["ref"] == applied[-1]), None)
        if number is None and len(items) == 1:
            number = 1
        item = items[number - 1] if number is not None and 1 <= number <= len(items) else None
        if named is not None and item is not None:
            js["open"] = named  # 1号包住不, then 上夜班不 / 报名: about the same one
        # (学费多少 with courses listed and none open is about them: which one, not the technical schools' answer)
        no_training = item.get("item") == "vacancy" if item is not None else all(
            i.get("item") == "vacancy" for i in items)
        # (护林员要啥条件: the item's own name is no policy topic; 技校学费多少 with jobs on screen is one)
        said = (_unnamed(text, names_of(items)[named - 1]) or text) if item is not None and named else text
        if asked in ("cost", "needs") and no_training and not asks_age(text) and (
                retrieval().topics_in(said) - retrieval().topics_only_of(SCAM_ENTRY)):
            policy.answer_or_refer(r, text, ctx)  # 技校学费多少 with jobs on screen: the policy's answer
            return
        if item is None and asked == "trust":
            r.say("jobs.ask_trust_list")  # 这些靠谱吗: every item listed was published by the county
            return
        remember_age(r.state, [text])
        if item is None and asked in ("needs", "fit") and (age := age_said(text)) is not None:
            # 我六十了能去不 with several listed and none open: each one's ages against theirs, in one reply (it asked
            # which one).
            self._ages_fit(r, items, age, ctx)
            return
        if asked == "child" and named is None and _ANY_WITH.search(text) and FAMILY_FIRST.search(text):
            # 有没有能带娃的 with a list open: a search with that need (workshops, home-based and flexible work first),
            # saying when none is known to allow it (it was one line an item: 没写, 没写).
            self._search_with(r, js, text)
            return
        if item is None and asked in _EACH_TOPICS and _WHICH_HAS.search(text) and any(
                _told_of(listed, asked) for listed in items):
            # 有没有包吃住的 / 哪个管住 with several listed and none open: what each one says (it asked "哪一个?"); none
            # says: one answer naming them all (below; it was "没写" on every line).
            sep = catalog_text(ctx, "jobs.reason_sep")
            lines = []
            for n, listed in enumerate(items, 1):
                told = [m.group(0) for field in ("title", "requirements", "address")
                        for m in _TOLD_OF[asked].finditer(str(listed.get(field) or ""))]
                lines.append(catalog_text(ctx, "jobs.each_told" if told else "jobs.each_unknown", n=n,
                                          title=listed["title"], told=sep.join(told)))
            r.say("jobs.ask_each", lines="\n".join(lines))
            return
        if item is None and asked == "cost" and all(i.get("item") == "training" for i in items):
            # 那个培训要钱不 with several courses listed and none open: what each one says of a fee and its subsidy,
            # then the policy's rule, once (it asked "哪一个?").
            r.say("jobs.ask_each", lines="\n".join(
                catalog_text(ctx, "jobs.cost_line", n=n, title=listed["title"], subsidy=listed["subsidy"])
                if listed.get("subsidy") else catalog_text(ctx, "jobs.cost_line_plain", n=n, title=listed["title"])
                for n, listed in enumerate(items, 1)))
            for entry in dict.fromkeys(COST_ENTRY.get(str(i.get("kind")), COST_ENTRY_DEFAULT) for i in items):
                policy.tell_part(r, entry, "amount", ctx)
            return
        if item is None and asked == "pay" and all(i.get("item") == "vacancy" for i in items):
            # 工资多少 with several jobs listed and none open: each one's pay, in one reply (it asked "哪一个?").
            r.say("jobs.ask_each", lines="\n".join(
                catalog_text(ctx, "jobs.pay_line", n=n, title=listed["title"], terms=terms_of(listed, ctx))
                for n, listed in enumerate(items, 1)))
            return
        every = "needs" if asked == "certificate" and all(i.get("item") == "vacancy" for i in items) else asked
        if item is None and not _POINTS_AT_ONE.search(text) and _answered_for_all(r, items, every, ctx):
            return  # 包吃住吗 / 女的要不要 / 在哪 with several listed and none open (it asked "哪一个?")
        if item is None:
            r.say("jobs.ask_which", count=len(items))
            return
        # What the item does not say is found out by the caseworker: once it is applied for, the one following the
        # application up, by name (it said 报了名工作人员会帮您问清楚 to someone who had applied).
        say = functools.partial(r.say, follows=_follows(js, item, ctx))
        if asked == "certificate" and item.get("item") == "vacancy":
            asked = "needs"  # 要证不 of a job: what it asks for
        if asked == "exam" and item.get("item") == "vacancy":
            asked = "interview"  # 要考试吗 of a job: an interview or a trial
        if asked == "where_pay":  # 那个缝纫工的活在哪 多少钱一个月: the place, then the pay
            for part in ("where", "pay"):
                self._about_item(r, js, part, ctx, text, items.index(item) + 1)
            return
        if asked == "pay" and item.get("item") == "training" and _MONEY_ALONE.fullmatch(squash(text)):
            asked = "cost"  # 多少钱 of a course: what it costs (it was told the course pays no wage)
        if asked == "pay":
            key = "jobs.ask_pay" if item.get("item") == "vacancy" else "jobs.ask_pay_training"
            say(key, title=item["title"], terms=terms_of(item, ctx))
            return
        if asked == "term" and item.get("item") == "training":
            # 学多久: the course's dates and how many days they span (it was a new search for trainings).
            if item.get("starts") and item.get("ends"):
                try:
                    days = (date.fromisoformat(str(item["ends"])) - date.fromisoformat(str(item["starts"]))).days + 1
                except ValueError:
                    days = 0
                if days > 0:
                    say("jobs.ask_term_dates", title=item["title"], start=item["starts"], end=item["ends"], days=days)
                    return
            asked = "when"
        if asked == "chase":
            # 报名了咋没人联系我: the caseworker told they wait (as 啥时候能去 is), and who will call; not applied for:
            # how to apply.
            if item["ref"] not in applied:
                say("jobs.ask_chase_unapplied", title=item["title"], n=items.index(item) + 1)
                return
            chased = f"{item['ref']} {ctx.today.isoformat()}"  # (the caseworker told once a day, not at each ask)
            if (application_id := _application_id(js, item["ref"])) is not None and js.get("chased") != chased:
                r.emit("application_note", application_id=application_id, title=item["title"], note=text,
                       channel=ctx.channel, asked=True)
                js["chased"] = chased
            say("jobs.ask_chase_applied", title=item["title"])
            return
        if asked in ("fit", "hiring") and item["ref"] in applied and age_said(text) is None:
            say("jobs.already", title=item["title"])  # 还招人不 / 俺能干不 after applying (it said 想去就回复 报名 1)
            return
        if asked == "fit" and age_said(text) is None:
            # 护林员那个俺能干不: listed for what they registered (age, home); its ages and requirements, how to apply.
            told = age_and_schooling(item, ctx)
            if item.get("requirements"):
                told.append(catalog_text(ctx, "jobs.field.requirements", value=item["requirements"]))
            n = items.index(item) + 1
            if told:
                say("jobs.ask_fit", title=item["title"], told=catalog_text(ctx, "jobs.reason_sep").join(told), n=n)
            else:
                say("jobs.ask_fit_plain", title=item["title"], n=n)
            return
        if asked in ("needs", "fit") and (age := age_said(text)) is not None:
            # 我52了能去不: the item's ages against theirs (after applying, no 想去就回复 报名 1)
            self._age_fits(r, item, age, items.index(item) + 1, ctx, applied=item["ref"] in applied)
            return
        if asked == "needs":
            told = [str(item["requirements"])] if item.get("requirements") else []
            told += age_and_schooling(item, ctx)
            if told:
                say("jobs.ask_needs", title=item["title"], told=catalog_text(ctx, "jobs.reason_sep").join(told))
            else:
                say("jobs.ask_needs_none", title=item["title"])
            return
        fees = fees_told(item) if item.get("item") == "vacancy" else []
        if asked in ("cost", "trust") and fees:
            # 需交押金300元 in the item's own words, asked 要交钱吗 / 靠谱吗: no employer may ask it; who checks.
            said = catalog_text(ctx, "jobs.reason_sep").join(fees)
            say("jobs.ask_cost_vacancy_told", title=item["title"], told=said)
            return
        if asked == "cost":
            if item.get("item") == "vacancy":
                say("jobs.ask_cost_vacancy", title=item["title"])  # 招工收钱 is a warning sign
            else:
                # 要钱不 of a course: what its own words say of a fee (none) and its subsidy, before the policy's rule
                # (it was "「电焊工培训班」: 补贴: 每人1500元。", or its start date when it had no subsidy); asked
                # again of the same course, in a line (it was all of it again).
                if js.get(COST_TOLD) == item["ref"]:
                    say(COST_AGAIN if item.get("subsidy") else COST_AGAIN + "_plain", title=item["title"],
                        subsidy=item.get("subsidy") or "")
                    return
                js[COST_TOLD] = item["ref"]
                if item.get("subsidy"):
                    say("jobs.ask_cost_training", title=item["title"], subsidy=item["subsidy"])
                else:
                    say("jobs.ask_cost_training_plain", title=item["title"])
                policy.tell_part(r, COST_ENTRY.get(str(item.get("kind")), COST_ENTRY_DEFAULT), "amount", ctx)
            return
        if asked == "where":
            place = item.get("place_short") if ctx.channel == "sms" else None  # SMS: the everyday name
            if item.get("item") == "training" and not item.get("address"):
                # 在哪培训 of a course whose file gave no address: where it is known to be, and who will say more.
                say("jobs.ask_where_training_unknown", title=item["title"], place=str(place or item["place"]),
                      provider=str(item.get("provider") or ""))
                return
            where = far_told(with_address(str(place or item["place"]), item.get("address"), item.get("place_short")),
                             item, ctx)  # far away: where that is, and that it is far (it was only 宁波市北仑区)
            near = next((catalog_text(ctx, str(reason["key"])) for reason in item.get("reasons") or ()
                         if isinstance(reason, Mapping) and reason.get("key") in _NEAR_REASONS), None)
            if near is not None and _ASKS_HOW_FAR.search(text):
                home = ((r.state.get("survey") or {}).get("answers") or {}).get("home_division")
                apart = townships_apart(item, text, home) if any(
                    isinstance(reason, Mapping) and reason.get("key") == "match.reason.same_county"
                    for reason in item.get("reasons") or ()) else None
                if apart is not None and apart[0]:
                    # 草海离哲觉远不远: the same county, another township (it said 离家近 (同县) of a large county); how
                    # far is not known, so not said.
                    say("jobs.ask_far_towns", title=item["title"], place=where, town=apart[0], other=apart[1],
                        county=apart[2])
                    return
                if apart is not None:
                    say("jobs.ask_far_same_town", title=item["title"], place=where, town=apart[1])
                    return
                say("jobs.ask_far", title=item["title"], place=where, near=near)  # 离家多远: and how near
                return
            say("jobs.ask_where", title=item["title"], place=where)
            return
        if asked == "when":
            if item.get("item") == "vacancy" and item["ref"] in applied:
                # 啥时候能去 about a job applied for: the employer decides, the caseworker is told they asked and calls
                # (it was "报了名工作人员会帮您问清楚", to someone who had applied).
                if (application_id := _application_id(js, item["ref"])) is not None:
                    r.emit("application_note", application_id=application_id, title=item["title"], note=text,
                           channel=ctx.channel, asked=True)
                say("jobs.ask_when_applied", title=item["title"])
            elif item.get("item") == "training" and item.get("starts") and item.get("ends"):
                say("jobs.ask_when_dates", title=item["title"], start=item["starts"], end=item["ends"])
            elif item.get("item") == "vacancy" and item.get("expires"):
                say("jobs.ask_when_vacancy", title=item["title"], expires=item["expires"])
            else:
                say("jobs.ask_when_unknown", title=item["title"])
            return
        if asked == "places" and item.get("places_left") is not None:
            # 招多少人 / 还剩几个名额: the places left (without a headcount: still hiring, as 还招人不 is told).
            say("jobs.ask_places_left", title=item["title"], left=item["places_left"], n=items.index(item) + 1)
            return
        if asked == "places":
            asked = "hiring"
        if asked == "hiring":
            # 还招人不: listed means open (a full one is told so when applied for), with its closing date if any.
            n = items.index(item) + 1
            if item.get("expires"):
                say("jobs.ask_hiring_until", title=item["title"], expires=item["expires"], n=n)
            else:
                say("jobs.ask_hiring", title=item["title"], n=n)
            return
        if asked == "trust":
            # 靠谱吗: the county published it; paying first or handing over an ID card are the warning signs.
            say("jobs.ask_trust_vacancy" if item.get("item") == "vacancy" else "jobs.ask_trust_training",
                  title=item["title"], who=item.get("employer") or item.get("provider") or "")
            return
        if asked == "piece":
            # 是计件的吗: the pay as listed, and the item's own words on piece rates when it has any.
            told = [m.group(0) for field in ("title", "requirements") for m in PIECE_TOLD.finditer(
                str(item.get(field) or ""))]
            if told:
                say("jobs.ask_piece_told", title=item["title"], terms=terms_of(item, ctx),
                      told=catalog_text(ctx, "jobs.reason_sep").join(told))
            else:
                say("jobs.ask_piece_unknown", title=item["title"], terms=terms_of(item, ctx))
            return
        if asked == "fare":
            # 路费咋弄: the item's own transport subsidy (the vacancy file's column), else who to ask.
            fare = item.get("transport_subsidy")
            if fare:
                say("jobs.ask_fare_told", title=item["title"], told=fare)
            else:
                say("jobs.ask_fare_unknown", title=item["title"])
            return
        if asked == "placement" and item.get("item") == "vacancy":
            say("jobs.ask_placement_vacancy", title=item["title"])  # it is the job itself
            return
        if asked == "visit":
            # 能不能先去看看: where it is, and that the caseworker arranges a visit with the employer (or provider).
            place = place_of(item) if ctx.channel == "sms" else str(item["place"])
            where = far_told(with_address(place, item.get("address"), item.get("place_short")), item, ctx)
            say("jobs.ask_visit", title=item["title"], place=where)
            return
        if asked == "travel":
            # 坐车要多久, 怎么去: where it is (and how far), and who tells them how to get there.
            place = place_of(item) if ctx.channel == "sms" else str(item["place"])  # SMS: the everyday name
            where = far_told(with_address(place, item.get("address"), item.get("place_short")), item, ctx)
            say("jobs.ask_travel", title=item["title"], place=where)
            return
        if asked == "weather":
            # 那边冷不冷: no item says; where it is (how far), what its own words say of heat or cold, and who asks.
            told = [m.group(0) for field in ("title", "requirements", "address")
                    for m in WEATHER_TOLD.finditer(str(item.get(field) or ""))]
            where = region_of(item)
            if told:
                say("jobs.ask_weather_told", title=item["title"], place=where,
                      told=catalog_text(ctx, "jobs.reason_sep").join(told))
            else:
                say("jobs.ask_weather_unknown", title=item["title"], place=where)
            return
        if asked == "hard" and item.get("item") == "vacancy":
            asked = "tiring"  # 这活难不难 of a job: how hard the work is
        about = asked if asked in _TOLD_OF else "board"
        told = _told_of(item, about)
        if told:
            say(f"jobs.ask_{about}_told", title=item["title"], told=catalog_text(ctx, "jobs.reason_sep").join(told))
        else:
            say(f"jobs.ask_{about}_unknown", title=item["title"])

    def _ages_fit(self, r: StepResult, items: Sequence[Mapping[str, Any]], age: int, ctx: StepContext) -> None:
        """我六十了能去不 with several listed: a line for each, whether they can apply at that age."""
        lines = []
        for n, item in enumerate(items, 1):
            low, high = item.get("age_min"), item.get("age_max")
            if low is None and high is None:
                lines.append(catalog_text(ctx, "jobs.age_line_open", n=n, title=item["title"]))
                continue
            fits = (low is None or age >= int(low)) and (high is None or age <= int(high))
            lines.append(catalog_text(ctx, "jobs.age_line_fits" if fits else "jobs.age_line_out", n=n,
                                      title=item["title"], ages=age_and_schooling(item, ctx, education=False)[0]))
        r.say("jobs.ask_age_each", age=age, lines="\n".join(lines))

    def _age_fits(self, r: StepResult, item: Mapping[str, Any], age: int, n: int, ctx: StepContext, *,
                  applied: bool = False) -> None:
        """我52了能去不 / 我50了还能学吗: the item's ages against the age said (it was 没太明白, a referral or a new
        search); no ages given: none are asked."""
        low, high = item.get("age_min"), item.get("age_max")
        done = "_applied" if applied else ""  # applied for already: that they have, not how to
        if low is None and high is None:
            r.say(f"jobs.ask_age_open{done}", title=item["title"], age=age, n=n)
        elif (low is None or age >= int(low)) and (high is None or age <= int(high)):
            r.say(f"jobs.ask_age_fits{done}", title=item["title"], age=age, n=n,
                  ages=age_and_schooling(item, ctx, education=False)[0])
        else:
            r.say("jobs.ask_age_out", title=item["title"], age=age,
                  ages=age_and_schooling(item, ctx, education=False)[0])

    def _show(self, r: StepResult, js: JsonDict, ctx: StepContext) -> None:
        if ctx.channel == "sms":
            self._show_page(r, js, ctx, page_of(js)[0] if js.get("page") else 0)
            return
        # The county said once when every item is in it, else its everyday name on each line (威宁县, not
        # 毕节市威宁彝族回族苗族自治县): the details give the full name.
        places = {place_listed(item, ctx) for item in js["items"]}
        shared = places.pop() if len(places) == 1 and not any(item.get(FAR) for item in js["items"]) else None
        reference = all(item.get(FOR_REFERENCE) for item in js["items"])
        head = "jobs.list_reference" if reference else f"jobs.list_{list_kind(js)}"
        if shared is not None:
            r.say(f"{head}_at", place=shared)
        else:
            r.say(head)
        for n, item in enumerate(js["items"], 1):
            reasons = reasons_of(item, ctx)
            line = "jobs.item_here" if shared is not None else "jobs.item"
            r.say(f"{line}_plain" if reference else line, n=n, title=item["title"],
                  who=item.get("employer") or item.get("provider") or "", place=place_listed(item, ctx),
                  terms=terms_of(item, ctx, compared=not js.get(PAY_SAID)), reasons=reasons[0], reason=reasons[1])
        r.say("jobs.footer")
        r.state["awaiting"] = AWAITING_LIST

    def _show_page(self, r: StepResult, js: JsonDict, ctx: StepContext, first: int) -> None:
        """One SMS: as many items from `first` on as fit in one part, their lines cut short first (PAGE_CUTS) and 回0
        for the rest, if two fit so at least (or all that are left); else as many as fit in two parts, one at least
        (two items took two parts: a page of one item a message would have them send 0 for each)."""
        items = js["items"]
        first = min(max(first, 0), len(items) - 1)
        end, params = first, page_params(js, first, first + 1, ctx)
        for reasons, footer, short_head in PAGE_CUTS:
            for more in range(first + 1, len(items) + 1):
                candidate = page_params(js, first, more, ctx, reasons=reasons, footer=footer, short_head=short_head)
                if parts(catalog_text(ctx, "jobs.page", **candidate)) > 1:
                    break
                if more > end:
                    end, params = more, candidate
        if end - first < min(ONE_PART_ITEMS, len(items) - first):
            end, params = first + 1, page_params(js, first, first + 1, ctx)
            for more in range(first + 2, len(items) + 1):
                candidate = page_params(js, first, more, ctx)
                if parts(catalog_text(ctx, "jobs.page", **candidate)) > MAX_PARTS:
                    break
                end, params = more, candidate
        js["page"] = [first, end]
        r.say("jobs.page", head=params["head"], items=params["items"], footer=params["footer"])
        r.state["awaiting"] = AWAITING_LIST


# Words of an item that say it suits a parent who looks after a child (可带孩子, 时间灵活, 计件, 在家做).
_SUITS_A_PARENT = re.compile(r"带(?:孩子|娃|小孩)|时间(?:灵活|自由|可调)|弹性|计件|在家|居家|半天|钟点|接送")
# The note before a list for a wish for work that leaves time for a child, when no item says it does.
FAMILY_NONE = "jobs.family_none"
SHORT_TERM_FAMILY_NONE = "jobs.short_term_family_none"
# An item of the trade asked for whose sign-up closed lately (bot/job_effects.py closed_of_trade).
CLOSED_LATELY = "jobs.closed_lately"


# Words of a request for better pay than now or than hoped for (工资高点的, 挣钱多点的, 钱多一点的活).
PAY_WISH = re.compile(r"(?:(?:工资|钱|待遇|收入)更?[高多好]|[挣赚]钱?得?更?多)(?![少不])|多[挣赚]")
PAY_NONE_MORE, PAY_NONE_EXPECTED = "jobs.pay_none_more", "jobs.pay_none_expected"
NONE_CLOSE = "jobs.none_close"
# A search right after the check-in told them the caseworker keeps looking (dialogs/flows/checkin/flow.py).
LOOKING_TOLD = "looking_told"
NONE_LOOKING_TOLD, NONE_CLOSE_LOOKING_TOLD = "jobs.none_looking_told", "jobs.none_close_looking_told"
# A search that says nothing when nothing fits (the check-in's, after its own word on the search going on).
QUIET = "quiet"


# What an item's own words say of each topic a question may ask (包吃住吗: BOARD_TOLD, the topic of any other).
_TOLD_OF = {"board": BOARD_TOLD, "child": CHILD_TOLD, "hours": HOURS_TOLD, "placement": PLACEMENT_TOLD,
            "certificate": CERTIFICATE_TOLD, "bring": BRING_TOLD, "tiring": TIRING_TOLD, "payday": PAYDAY_TOLD,
            "checkup": CHECKUP_TOLD, "advance": ADVANCE_TOLD, "family": FAMILY_TOLD, "gender": GENDER_TOLD,
            "term": TERM_TOLD, "insurance": INSURANCE_TOLD, "holiday": HOLIDAY_TOLD, "leave": LEAVE_TOLD,
            "interview": INTERVIEW_TOLD, "exam": EXAM_TOLD, "bath": BATH_TOLD, "probation": PROBATION_TOLD,
            "quit": QUIT_TOLD, "injury": INJURY_TOLD, "health": HEALTH_TOLD, "home": HOME_TOLD, "hard": HARD_TOLD}
# One item pointed at and not found (深圳那个包吃住不 with none in 深圳): which one, asked, not each one's answer.
_POINTS_AT_ONE = re.compile(r"那个|这个|那家|这家|那份|这份")
# Topics a job's question turns into another (要证不 of a job: what it asks for): asked of a list with jobs on it,
# which one is still asked.
_TURNED_FOR_JOBS = frozenset({"certificate", "exam", "hard", "placement"})


def _told_of(item: Mapping[str, Any], about: str) -> list[str]:
    """The item's own words on the topic (包吃住 in its requirements), in the order they come."""
    return [m.group(0) for field in ("title", "requirements", "address", "subsidy")
            for m in _TOLD_OF[about].finditer(str(item.get(field) or ""))]


def _answered_for_all(r: StepResult, items: Sequence[Mapping[str, Any]], asked: str, ctx: StepContext) -> bool:
    """包吃住吗 / 女的要不要 / 在哪 / 要啥条件 with several listed and none open: when no item says anything of it, one
    answer naming them all; else what each one says, in one reply. False: a question each item answers its own
    way (啥时候开始, 还招人不): which one, asked."""
    if asked in ("where", "needs"):
        lines = [_where_of(item, ctx) if asked == "where" else _needs_of(item, ctx) for item in items]
        if asked == "where" and len(set(lines)) == 1:
            r.say("jobs.where_all", count=len(items), place=lines[0])  # 都在威宁县
            return True
        r.say("jobs.ask_each_plain" if asked == "where" else "jobs.ask_each", lines="\n".join(
            catalog_text(ctx, "jobs.each_line", n=n, title=item["title"], told=told) if told else
            catalog_text(ctx, "jobs.each_unknown", n=n, title=item["title"])
            for n, (item, told) in enumerate(zip(items, lines, strict=True), 1)))
        return True
    about = asked
    if about not in _TOLD_OF or (about in _TURNED_FOR_JOBS and any(i.get("item") == "vacancy" for i in items)):
        return False
    told = [_told_of(item, about) for item in items]
    if not any(told):
        titles = catalog_text(ctx, "jobs.title_between").join(str(item["title"]) for item in items)
        r.say(f"jobs.ask_{about}_unknown", title=titles, follows=catalog_text(ctx, FOLLOWS_APPLY))
        return True
    sep = catalog_text(ctx, "jobs.reason_sep")
    r.say("jobs.ask_each", lines="\n".join(
        catalog_text(ctx, "jobs.each_told" if said else "jobs.each_unknown", n=n, title=item["title"],
                     told=sep.join(said)) for n, (item, said) in enumerate(zip(items, told, strict=True), 1)))
    return True


def _where_of(item: Mapping[str, Any], ctx: StepContext) -> str:
    """Where the item is, as 在哪 of it alone says (SMS: the everyday name; far away: that it is far)."""
    place = item.get("place_short") if ctx.channel == "sms" else None
    return far_told(with_address(str(place or item["place"]), item.get("address"), item.get("place_short")), item,
                    ctx)


def _needs_of(item: Mapping[str, Any], ctx: StepContext) -> str:
    """What the item asks of whoever applies (its requirements, ages and schooling), as 要啥条件 of it alone says."""
    told = [str(item["requirements"])] if item.get("requirements") else []
    return catalog_text(ctx, "jobs.reason_sep").join([*told, *age_and_schooling(item, ctx)])


def _tell_none_pays_more(r: StepResult, items: Sequence[Mapping[str, Any]]) -> bool:
    """Every item marked as paying no more than the person earns now (`pay_now`) or hopes for (`pay_expected`):
    said (True), else nothing."""
    if items and all(item.get("pay_now") for item in items):
        r.say(PAY_NONE_MORE, now=items[0]["pay_now"])
        return True
    if items and all(item.get("pay_expected") for item in items):
        r.say(PAY_NONE_EXPECTED, expected=items[0]["pay_expected"])
        return True
    return False


# A break of their own work, said with a wish for short-term work (过年厂里放假一个月, 工地停工了); a break alone
# (放假这段时间, 过年) is theirs when the form says they are in work.
_OWN_WORK_BREAK = re.compile(r"(?:厂|单位|公司|工地|车间|老板|店)(?:里|上|子)?[^,，。]{0,6}(?:放假|停工|歇工|放寒假)")
_BREAK = re.compile(r"放假|放寒假|停工|歇工|过年|春节")
# Words of an item that say it can be taken up for a while (短期, 临时工, 日结, 计件, 钟点工).
_SHORT_TERM_TOLD = re.compile(r"短期|临时|日结|零工|计件|小时工|钟点|寒假工|兼职")
# A request for short-term work (有啥短期的活不, 想找点零活干), not the question of an item's term (长期的还是短期的).
_ASKS_WORK = re.compile(r"有啥|有什么|有没有|有没|找点|找个|找些|想干|干点|想找|能干点")


def _asks_short_term(text: str) -> bool:
    said = squash(text) if "短" in text or "临" in text or "零" in text or "散" in text or "日结" in text or (
        "放假" in text) or "干几天" in text or "干一阵" in text else ""
    return bool(said) and SHORT_TERM_WISH.search(said) is not None and _ASKS_WORK.search(said) is not None and (
        "长期" not in said)


# Work that can be taken up for a while by its kind: home-based and flexible work (taken and left by the piece or the
# day). A workshop (扶贫车间, 就业帮扶车间) ranks first for such a wish, near home and often with flexible hours, but
# it hires local laborers for steady work: whether a few weeks will do is the workshop's to say, so it is not told
# to be short-term unless its own words say so (临时, 日结, 寒假工).
_SHORT_TERM_KINDS = NEED_KINDS["short_term"] - {"workshop"}


def _short_term(item: Mapping[str, Any]) -> bool:
    """A home-based or flexible job, or one whose own words say it is for a while (临时, 日结)."""
    if item.get("kind") in _SHORT_TERM_KINDS:
        return True
    said = " ".join(str(item.get(key) or "") for key in ("title", "requirements", "hours", "description"))
    return _SHORT_TERM_TOLD.search(said) is not None


def _suits_a_parent(item: Mapping[str, Any]) -> bool:
    """A workshop, home-based or flexible job, or one whose own words say it allows for a child."""
    if item.get("kind") in NEED_KINDS["near_home"]:
        return True
    said = " ".join(str(item.get(key) or "") for key in ("title", "requirements", "hours", "description"))
    return _SUITS_A_PARENT.search(said) is not None


def _withdrawal_looked_up(r: StepResult, payload: Mapping[str, Any], ctx: StepContext) -> None:
    """取消报名, the person's applications looked up: one still open goes to the caseworker in the person's words
    (the chat cannot withdraw it); none open is said so, and nobody is alerted."""
    if payload.get("status") != "open":
        r.say(CANCEL_NONE)
        return
    r.emit("human_requested", channel=ctx.channel, reason="cancel_application", said=str(payload.get("said") or ""),
           **told_so_far(r.state))
    r.say(CANCEL_APPLICATION)


def _named_by_place(items: Sequence[Mapping[str, Any]], text: str) -> int | None:
    """The one item at the place a question names (草海镇那个包吃住不); 0 when the place is none of theirs (深圳那个
    with nothing in 深圳 on screen: the question is not about the item open); None when no place is named."""
    said = nlu.normalize(text)
    # Their own places as the list says them (草海镇: a township named alone is no place to the gazetteer).
    own = [n for n, item in enumerate(items, 1)
           if any(len(str(item.get(field) or "")) >= 2 and str(item.get(field)) in said
                  for field in ("place_short", "place", "address"))]
    if len(own) == 1:
        return own[0]
    spoken = [said[m.start:m.end] for m in nlu.place_mentions(text)]
    if not spoken:
        return None
    fields = ("title", "place", "place_short", "address", "employer", "provider")
    at = [n for n, item in enumerate(items, 1)
          if any(word in str(item.get(field) or "") for word in spoken for field in fields)]
    return at[0] if len(at) == 1 else (0 if not at else None)


def left_long_ago(state: Mapping[str, Any], payload: Mapping[str, Any], now: datetime) -> bool:
    """The open dialog was left: nothing written for LEFT_AFTER (the sweep's `last_wrote_at`, else the survey's own
    stamp of its last answer); without either nothing says they left it. A check-in not answered is left only
    once its own ladder for silence (reminder, then a caseworker's visit) is over: a list now would end it."""
    wrote = _when(payload.get("last_wrote_at"))
    if wrote is None and state.get("flow") == "survey":
        wrote = _when((state.get("survey") or {}).get("last_at"))
    if wrote is None or now - wrote < LEFT_AFTER:
        return False
    if state.get("flow") == "checkin":
        asked = _when((state.get("checkin") or {}).get("asked_at"))
        return asked is not None and now - asked >= CHECKIN_LADDER
    return True


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _pick_number(r: StepResult, count: int) -> None:
    """A number out of range: which numbers there are ("1 到 1" reads oddly: the only one is named)."""
    if count == 1:
        r.say("jobs.pick_only")
    else:
        r.say("jobs.pick_number", count=count)


# 离家多远, 远不远: the place, and how near home it is when matching said so (its reason: 离家近 (同县) …).
_ASKS_HOW_FAR = re.compile(r"远|近")
_NEAR_REASONS = frozenset({"match.reason.same_county", "match.reason.same_prefecture", "match.reason.same_province",
                           "match.reason.training_near_home"})
# A training named (电焊培训, 学电焊, 技校): a question about one is not about a job on screen.
_TRAINING_NAMED = re.compile(r"培训|学技术|学手艺|技校|学习班|\b(?:training|course)\b", re.IGNORECASE)
# Questions whose answer holds only while the list is on screen (还招人不: 回复 报名 N).
_LIST_ONLY = frozenset({"hiring", "places"})
# 那个活, 报的那个, 这份工作: the item talked of before, pointed at without its name.
_POINTED = re.compile(r"那个|这个|那份|这份|报的|报了名的|报名的|那活|这活")
# The item applied for, said so (报了名的那个活, 俺报的那个): it, even when another list is on screen.
_POINTED_APPLIED = re.compile(r"报的|报了名的|报名的|报过名的|报上名的")
# The last item applied for (its details as listed), kept in the jobs state across lists.
APPLIED_ITEM = "applied_item"
# The name of the caseworker who follows the person's applications up (from the last application's result).
CASEWORKER = "caseworker"


def _kept_applied(previous: Any) -> dict[str, Any]:
    """What a new list keeps of the one before: the item applied for last (报了名的那个活在哪), and who follows it
    up."""
    if not isinstance(previous, Mapping):
        return {}
    kept, name = previous.get(APPLIED_ITEM), previous.get(CASEWORKER)
    return {**({APPLIED_ITEM: kept} if isinstance(kept, Mapping) else {}), **({CASEWORKER: name} if name else {})}


def _follows(js: Mapping[str, Any], item: Mapping[str, Any], ctx: StepContext) -> str:
    """Who finds out what the item does not say: 报了名工作人员 before applying; after, the caseworker following the
    application up (named when one covers them)."""
    if item.get("ref") not in (js.get("applied") or ()):
        return catalog_text(ctx, FOLLOWS_APPLY)
    name = js.get(CASEWORKER)
    return catalog_text(ctx, FOLLOWS_NAMED, name=name) if name else catalog_text(ctx, FOLLOWS_APPLIED)


def _item_named(items: list[JsonDict], said: str) -> int | None:
    """The listed item (1-based) a text names by its title or the work it was matched for, or None."""
    described = [" ".join([title, *_matched_for(item)]) for title, item in zip(titles_of(items), items, strict=True)]
    return named_in(described, said)


def _matched_for(item: Mapping[str, Any]) -> list[str]:
    """The work an item was matched for (its reasons' job words: 门卫 for 小区保安 listed to someone wanting 门卫)."""
    reasons = [reason.get("params") for reason in item.get("reasons") or () if isinstance(reason, Mapping)]
    return [str(params["job"]) for params in reasons if isinstance(params, Mapping) and params.get("job")]


OWN_TRADE_REFUSED, TRADE_REFUSED = "jobs.own_trade_refused", "jobs.trade_refused"
CHANGE_WORK = "jobs.change_work"


def own_trade(state: Mapping[str, Any], text: str) -> bool:
    """我不想干保洁了 from someone the form has in work of that trade (its job type, or the employer's words)."""
    answers = (state.get("survey") or {}).get("answers") or {}
    if answers.get("employment_status") != "employed":
        return False
    own = job_types().groups([str(answers.get(key) or "") for key in ("job_type", "employer")])
    return not set(own).isdisjoint(refused_in(squash(text)))


def kind_dropped(js: Mapping[str, Any], text: str) -> tuple[str, list[int]] | None:
    """我不想干保洁了 with 保洁 items listed (work they do not want, said of what is listed): the trade as said and the
    numbers of the listed items of it; None when no listed item is of a trade the message refuses."""
    if "不" not in text or not js.get("items"):
        return None
    said = refused_in(squash(text))
    if not said:
        return None
    numbers = [n for n, item in enumerate(js["items"], 1)
               if set(said) & set(job_types().groups([str(item.get("title") or ""), *_matched_for(item)]))]
    return (next(iter(said.values())), numbers) if numbers else None


def _application_id(js: Mapping[str, Any], ref: str) -> Any:
    last = js.get("applied_last")
    return last.get("application_id") if isinstance(last, Mapping) and js.get("applied", [None])[-1] == ref else None


def list_open(state: Mapping[str, Any], now: datetime) -> bool:
    """A list of jobs or trainings still on screen (its numbers still mean its items)."""
    js = state.get(NAME) or {}
    return bool(js.get("items")) and _fresh(js, now)


def _fresh(js: Mapping[str, Any], now: datetime) -> bool:
    listed = js.get("listed_at")
    if not listed:
        return False
    hours = js.get("ttl_hours")
    ttl = timedelta(hours=hours) if isinstance(hours, int) and hours > 0 else LIST_TTL
    try:
        return now - datetime.fromisoformat(listed) <= ttl
    except (TypeError, ValueError):
        return False


JOBS = JobsFlow()
