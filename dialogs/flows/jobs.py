"""Jobs and trainings in the chat: the best three with their reasons, details by number, applying.

Opened by "有啥活干" / "想学个手艺" (intents seek_job / seek_training), the menu, or the end of the survey
for someone looking for work (dialogs/engine.py). The dialog stays pure: it emits `jobs.match` and
`jobs.apply`, whose effects (bot/job_effects.py) do the look-ups and answer with `<kind>.result`. The diagram
is jobs.mmd beside this file.

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

import logging
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from dialogs import policy
from dialogs.flow import end_flow
from dialogs.i18n import catalog
from dialogs.matching.engine import REASON_KEYS
from dialogs.matching.types import KINDS
from dialogs.policy.catalogue import retrieval
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import Inbound, JsonDict, StepContext, StepResult

log = logging.getLogger(__name__)

NAME = "jobs"
MATCH = "jobs.match"
MATCH_RESULT = MATCH + ".result"
APPLY = "jobs.apply"
APPLY_RESULT = APPLY + ".result"
PUSH = "jobs.push"
PUSH_ITEMS = "jobs.push_items"
PUSH_ITEMS_RESULT = PUSH_ITEMS + ".result"
PUSH_TRIGGERS = ("import", "job_loss", "checkin")
LISTED = 3
LIST_TTL = timedelta(days=1)
# People answer a push later than a list they asked for.
PUSH_LIST_HOURS = 72
# A person busy in another dialog (the survey, a check-in not yet answered) gets the push another day, at
# most this many times; then it is dropped (its items were not offered: a later push may carry them).
MAX_POSTPONED = 3
# SMS has room for three short lines (two parts at most): titles, terms and the first reason cut to these
# lengths there (tests/pushes/test_sms_push_length.py).
SMS_TITLE = 8
SMS_TERMS = 12
SMS_REASON = 8
# An SMS page names the place once when its items share it and cuts titles and the reason to these lengths.
SMS_PAGE_TITLE = 10
SMS_PAGE_REASON = 10
AWAITING_LIST = "jobs"
AWAITING_LOOKUP = "jobs_lookup"
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_N = r"(\d{1,2}|[一二两三四五六七八九十])"
# What people put before 报名 (中 俺报名, 那就报名吧, 好 就这个): agreement, then 我/俺.
_LEAD = r"(?:中|行|好的?|嗯|可以|那就?|就)*(?:我|俺)?就?"
_APPLY_N = re.compile(
    rf"(?:{_LEAD}(?:要|想)?(?:报名|申请|报|去|apply)(?:第)?{_N}(?:个|号)?(?:吧|了)?"
    rf"|(?:第)?{_N}(?:个|号)?(?:(?:我|俺)?(?:要|想)?(?:报名|申请|去)|apply))"
)
_APPLY_THIS = re.compile(
    rf"(?:{_LEAD}(?:要|想)?(?:报名|申请|报|去|干|做|参加)(?:这个|这份|这家|这|它)?(?:工作|活|培训|班)?(?:吧|了)?"
    rf"|{_LEAD}(?:要|选)?这个(?:吧|了)?|apply(?:this)?)"
)
_DETAIL_N = re.compile(rf"(?:看看?|详情|详细|查看|第)?{_N}(?:个|号)?(?:的)?(?:详情|详细)?"
                       r"(?:咋样|怎么样|如何|啥情况|什么情况|呢|的呢|看看)?")
# "那个电话多少": the phone of the item applied for, asked again (a short message naming a phone or contact).
_CONTACT = re.compile(r"(?:电话|号码|手机号|联系方式|怎么联系|咋联系|联系谁|找谁)")
CONTACT_CHARS = 12
# "都不合适 有没有近点的": none of these; others are shown, or they are told there are none for now.
_NONE_FIT = re.compile(r"(?:都|全|没一个)不?(?:合适|中|行|满意|喜欢|想去)|没(?:有)?(?:合适|中意|看上|满意)的?"
                       r"|有没有(?:近|别|其他|其它)|(?:近|好|多)(?:一?点|些)的")
NONE_FIT_CHARS = 16
# A question about the item on screen: its pay (一个月能拿多少, 工资咋算) or food and lodging (包吃住不).
_ASK_PAY = re.compile(r"(?:工资|工钱|薪水|薪资|待遇|拿|挣|赚|给|一个月|月薪).{0,4}"
                      r"(?:多少|几多|几千|咋算|怎么算|咋样|怎么样|高不高|高不|高吗|多不多)|(?:多少钱|几千块?)一个?月")
_ASK_WHEN = re.compile(r"(?:啥|什么|几)时候|几号|哪天|开班|开课|上课|多少天|几天")
_ASK_WHERE = re.compile(r"(?:在|去|到)?(?:哪里|哪儿|哪|啥地方|什么地方)(?:上课|上班|培训|干活|干|学|报到|集合)"
                        r"|地址|地点|在哪")
# What it asks of them: 要求啥, 有啥条件, 要啥学历.
_ASK_NEEDS = re.compile(r"要求|条件|门槛|学历|文化")
# Whether the item costs them anything: 要钱不, 学费多少, 收费吗.
_ASK_COST = re.compile(r"要钱|收钱|收费|学费|交钱|花钱|免费|费用|要不要钱|掏钱")
# The policy entry that says what a training costs, by the kind of training.
COST_ENTRY = {"technical_school": "technical_school"}
COST_ENTRY_DEFAULT = "training_subsidy"
_MEALS = r"(?:管|包)(?:午饭|中饭|早饭|晚饭|三餐|两餐)"
_ASK_BOARD = re.compile(rf"包吃|包住|管吃|管住|吃住|食宿|住宿|宿舍|管饭|包饭|住哪|吃啥|{_MEALS}")
# What an item's own words say about food and lodging.
_BOARD_TOLD = re.compile(rf"[^,，;；。 ]*(?:包吃|包住|管吃|管住|食宿|住宿|宿舍|管饭|包饭|{_MEALS})[^,，;；。 ]*")
ASK_CHARS = 16
_MORE = frozenset({"0", "零", "更多", "还有吗", "还有没有", "还有", "换一批", "换一换", "其它", "其他", "再看看",
                   "more", "next"})
# 还有别的没, 有没有别的, 还有其他的吗: others asked for in words.
_MORE_SAID = re.compile(r"(?:还有|有没有|还有没有|有)(?:别的|别个|其他|其它|另外的)(?:的)?(?:活|工作|培训)?"
                        r"(?:没有?|吗|不|么)?|还有没有?|还有吗|还有不")
# The same questions in English (the en locale), tried in this order on the words as typed.
_ASK_EN = (
    ("cost", re.compile(r"\b(?:cost|costs|fees?|free|charge|pay for|have to pay)\b")),
    ("board", re.compile(r"\b(?:food|meals?|lodging|room|dorm|accommodation|board)\b")),
    ("pay", re.compile(r"\b(?:pay|pays|wages?|salary|earn|how much)\b")),
    ("needs", re.compile(r"\b(?:requirements?|require|conditions?|qualifications?|education)\b")),
    ("where", re.compile(r"\b(?:where|address|location)\b")),
    ("when", re.compile(r"\b(?:when|start|starts|dates?)\b")),
)
ASK_WORDS_EN = 8
_ABOUT_TRAINING = frozenset({"#training", "#tuition", "#technical_school"})
_NOISE = re.compile(r"[\s,，.。!！?？~～、:：]+")
_WANTED = ("vacancy", "training", "any")
KINDS_WANTED = ("vacancy", "training")
# A bare yes (中, 行, 好的) while an item's details are open and it is not applied for: how to apply, not a guess.
_AGREE = frozenset({"中", "中嘞", "行", "行吧", "好", "好的", "好嘞", "可以", "嗯", "嗯嗯", "要得", "ok", "okay",
                    "yes"})
EDUCATION = ("none", "primary", "junior", "senior", "vocational", "college")
CATALOG_KEYS = frozenset({
    *(f"jobs.list_{w}" for w in _WANTED), *(f"jobs.none_{w}" for w in _WANTED),
    "jobs.item", "jobs.footer", "jobs.no_more", "jobs.need_profile", "jobs.need_profile_refused",
    "jobs.unavailable", "jobs.pick_number", "jobs.pick_only",
    "jobs.which", "jobs.detail", "jobs.applied", "jobs.applied_contact", "jobs.already", "jobs.full",
    "jobs.contact_after_apply", "jobs.already_contact", "jobs.none_fit", "jobs.ask_which", "jobs.ask_pay",
    "jobs.ask_pay_training", "jobs.ask_board_told", "jobs.ask_board_unknown", "jobs.ask_when_dates",
    "jobs.ask_when_vacancy", "jobs.ask_when_unknown", "jobs.ask_where", "jobs.apply_hint",
    "jobs.ask_cost_vacancy", "jobs.ask_cost_training",
    "jobs.ask_needs", "jobs.ask_needs_none",
    "jobs.closed", "jobs.reason_sep", "jobs.no_reason", "jobs.page", "jobs.page_head", "jobs.page_head_at",
    "jobs.page_item",
    *(f"jobs.push.intro.{t}" for t in PUSH_TRIGGERS), *(f"jobs.push.what.{w}" for w in _WANTED),
    "jobs.push.item", "jobs.push.footer",
    *(f"jobs.terms.{k}" for k in ("pay_range", "pay_from", "pay_fixed", "pay_unknown", "starts", "subsidy",
                                  "no_date")),
    *(f"jobs.field.{k}" for k in ("employer", "provider", "place", "pay", "ages", "age_from", "age_to",
                                  "places_left", "requirements", "transport", "dates", "education", "subsidy",
                                  "expires", "reasons")),
    *(f"jobs.education.{k}" for k in EDUCATION), *(f"jobs.kind.{k}" for k in KINDS), *REASON_KEYS,
})


def _squash(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMERALS[token]


def reply_of(text: str) -> tuple[str, int | None] | None:
    """What a reply to the list asks: ("detail", n), ("apply", n or None for "this one"), ("more", None),
    ("contact" | "pay" | "board" | "when" | "none_fit", None)."""
    s = _squash(text)
    if not s:
        return None
    if s in _MORE or _MORE_SAID.fullmatch(s):
        return ("more", None)
    if m := _APPLY_N.fullmatch(s):
        return ("apply", _number(m.group(1) or m.group(2)))
    if _APPLY_THIS.fullmatch(s):
        return ("apply", None)
    if m := _DETAIL_N.fullmatch(s):
        return ("detail", _number(m.group(1)))
    if len(s) <= CONTACT_CHARS and _CONTACT.search(s):
        return ("contact", None)
    if len(s) <= ASK_CHARS and _ASK_BOARD.search(s):
        return ("board", None)
    if len(s) <= ASK_CHARS and _ASK_PAY.search(s) and not retrieval().topics_in(s) - {"#wages"}:
        return ("pay", None)  # 失业金一个月能拿多少 is about the policy
    if len(s) <= ASK_CHARS and _ASK_NEEDS.search(s) and not retrieval().topics_in(s) - _ABOUT_TRAINING:
        return ("needs", None)  # 公益岗有啥条件 is about the policy
    if len(s) <= ASK_CHARS and _ASK_COST.search(s) and not retrieval().topics_in(s) - _ABOUT_TRAINING:
        return ("cost", None)  # 培训要交钱不 about the item on screen; 失业登记要钱不 is about the policy
    if len(s) <= ASK_CHARS and _ASK_WHERE.search(s) and not retrieval().topics_in(s) - {"#training"}:
        return ("where", None)  # 失业金在哪领 is about the policy
    if len(s) <= ASK_CHARS and _ASK_WHEN.search(s) and not retrieval().topics_in(s) - {"#training"}:
        return ("when", None)  # 失业金啥时候到账 is about the policy
    if len(s) <= NONE_FIT_CHARS and _NONE_FIT.search(s):
        return ("none_fit", None)
    said = unicodedata.normalize("NFKC", text).lower()
    if said.isascii() and len(said.split()) <= ASK_WORDS_EN and not retrieval().search(said).confident:
        # (English titles lend the catalogue everyday topic words: only a question it is sure of is the policy's)
        return next(((asked, None) for asked, pattern in _ASK_EN if pattern.search(said)), None)
    return None


def _reply(state: JsonDict, text: str) -> tuple[str, int | None] | None:
    """reply_of, and ("agree", None) for a bare yes to the details on screen of an item not applied for; a
    follow-up on the policy answer just given ("在哪领" after 失业金咋领) is no reply to the list."""
    if policy.asks(state, text):
        return None
    js = state.get(NAME) or {}
    reply = reply_of(text)
    if reply is not None:
        return reply
    number, items = js.get("open"), js.get("items") or []
    if _squash(text) in _AGREE and isinstance(number, int) and 1 <= number <= len(items):
        return None if items[number - 1]["ref"] in (js.get("applied") or ()) else ("agree", None)
    return None


def looking_for_work(answers: Mapping[str, Any]) -> bool:
    """Someone the end of the survey should show jobs to: unemployed and wanting work now."""
    return answers.get("employment_status") == "unemployed" and answers.get("willing_to_work") == "yes"


def wanted_after_survey(answers: Mapping[str, Any]) -> str | None:
    """Trainings only for someone who asked for training and no job; both for someone who asked for both."""
    needs = set(answers.get("service_needs") or ())
    if "training" in needs:
        return "training" if not needs & {"job_referral", "public_welfare", "labour_export"} else None
    return "vacancy"


class JobsFlow:
    name = NAME

    # -- entry points ----------------------------------------------------------------------------------

    def start(self, r: StepResult, ctx: StepContext) -> None:
        self.search(r, ctx, item="vacancy")

    def search(
        self, r: StepResult, ctx: StepContext, *, item: str | None, wishes: Sequence[str] = (),
        answers: Mapping[str, Any] | None = None,
    ) -> None:
        """Look up the person's best items (the effect answers with jobs.match.result)."""
        r.state["flow"] = NAME
        r.state["menu_open"] = False
        r.state[NAME] = {"item": item, "wishes": list(wishes), "items": [], "shown": [], "open": None,
                         "listed_at": None}
        if (r.state.get("consent") or {}).get("given") is not True:
            # Matching reads the person's registered data: nobody is matched before agreeing to register
            # (and without that agreement there is no form to match on: no look-up needed).
            self._no_profile(r)
            return
        r.state["awaiting"] = AWAITING_LOOKUP
        survey_answers = answers if answers is not None else (r.state.get("survey") or {}).get("answers") or {}
        r.emit(MATCH, item=item, wishes=list(wishes), exclude=[], answers=dict(survey_answers))

    def after_survey(self, r: StepResult, ctx: StepContext, answers: Mapping[str, Any]) -> None:
        self.search(r, ctx, item=wanted_after_survey(answers), answers=answers)

    def with_checkin(self, r: StepResult) -> None:
        """The unemployed's check-in answered "还在找": the best new matches, if any, as a pushed list."""
        r.emit(PUSH_ITEMS, fire=None, trigger="checkin", refs=[])

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
        return _reply(state, inbound.text) is not None

    def handle(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
        if inbound.kind == "event" and inbound.event == PUSH:
            self._push_due(r, dict(inbound.payload))
            return
        if inbound.kind == "event" and inbound.event == PUSH_ITEMS_RESULT:
            self._on_pushed(r, dict(inbound.payload), ctx)
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
        reply = _reply(r.state, inbound.text)
        if reply is None:
            return
        r.state.pop(policy.TOPIC, None)  # talk is back on the list: 要钱不 is now about the item, not the policy
        action, number = reply
        if action == "agree":
            n = int(js["open"])
            r.say("jobs.apply_hint", title=js["items"][n - 1]["title"], n=n)
            return
        if action == "more" and ctx.channel == "sms" and _page(js)[1] < len(js["items"]):
            self._show_page(r, js, ctx, _page(js)[1])
            return
        if action in ("more", "none_fit"):
            js["none_fit"] = action == "none_fit"
            r.state["awaiting"] = AWAITING_LOOKUP
            r.emit(MATCH, item=js["item"], wishes=js["wishes"], exclude=list(js["shown"]),
                   answers=dict((r.state.get("survey") or {}).get("answers") or {}))
        elif action == "detail":
            self._detail(r, js, number or 0, ctx)
        elif action == "contact":
            self._contact(r, js)
        elif action in ("pay", "board", "when", "where", "cost", "needs"):
            self._about_item(r, js, action, ctx, inbound.text)
        else:
            self._apply(r, js, number, ctx)

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
        none_fit = js.pop("none_fit", False)
        if not items:
            if js["shown"]:
                # 都不合适: nothing else for now is a different answer from 更多 at the end of the list.
                r.say("jobs.none_fit" if none_fit else "jobs.no_more")
                r.state["awaiting"] = AWAITING_LIST
            else:
                r.say(f"jobs.none_{js['item'] or 'any'}")
                end_flow(r)
            return
        js["items"] = items
        js.pop("page", None)
        js["shown"] = [*js["shown"], *(i["ref"] for i in items)]
        js["open"] = None
        js["listed_at"] = ctx.now.isoformat()
        self._show(r, js, ctx)

    # -- pushes ----------------------------------------------------------------------------------------

    def _push_due(self, r: StepResult, p: Mapping[str, Any]) -> None:
        fire, kind = p.get("fire"), str(p.get("kind") or "job_push")
        if r.state.get("flow") not in (None, NAME):
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
                        "pushed": trigger}
        r.state[NAME] = js
        what = _text(ctx, "jobs.push.what." + (single or "any"))
        r.say(f"jobs.push.intro.{trigger if trigger in PUSH_TRIGGERS else 'import'}", what=what)
        for n, item in enumerate(items, 1):
            reasons, first = _reasons(item, ctx)
            terms = _terms(item, ctx)
            r.say("jobs.push.item", n=n, title=item["title"], who=item.get("employer") or item.get("provider") or "",
                  place=item["place"], terms=terms, reasons=reasons, short=_clip(item["title"], SMS_TITLE),
                  terms_short=_clip(terms, SMS_TERMS), reason=_clip_phrase(first, SMS_REASON))
        r.say("jobs.push.footer")
        r.state["awaiting"] = AWAITING_LIST

    def _no_profile(self, r: StepResult) -> None:
        """Nothing to match on yet: register first (unless they said no to registering)."""
        end_flow(r)
        if (r.state.get("consent") or {}).get("given") is False:
            r.say("jobs.need_profile_refused")  # not asked again here: the menu says how, when they want to
        else:
            r.say("jobs.need_profile")
            r.state["hand_over"] = "survey"

    def _on_applied(self, r: StepResult, payload: dict[str, Any], ctx: StepContext) -> None:
        status = str(payload.get("status") or "unknown")
        title = str(payload.get("title") or "")
        r.state["awaiting"] = AWAITING_LIST
        js = r.state.get(NAME)
        if status in ("applied", "already") and isinstance(js, dict) and payload.get("ref"):
            js["applied"] = [*(ref for ref in js.get("applied") or () if ref != payload["ref"]), payload["ref"]]
        if status == "applied":
            r.emit("application_made", application_id=payload.get("application_id"), item=payload.get("item"),
                   item_kind=payload.get("kind"), ref=payload.get("ref"), title=title,
                   organisation=payload.get("organisation"), channel=ctx.channel)
            phone = payload.get("contact")
            if phone:
                r.say("jobs.applied_contact", title=title, phone=_phone(str(phone)))
            else:
                r.say("jobs.applied", title=title)
        elif status == "already":
            phone = payload.get("contact")
            if phone:
                r.say("jobs.already_contact", title=title, phone=_phone(str(phone)))  # the phone asked again
            else:
                r.say("jobs.already", title=title)
        elif status in ("full", "closed"):
            r.say(f"jobs.{status}", title=title)
        else:
            r.say("jobs.unavailable")

    # -- replies ---------------------------------------------------------------------------------------

    def _detail(self, r: StepResult, js: JsonDict, number: int, ctx: StepContext) -> None:
        items = js["items"]
        if not 1 <= number <= len(items):
            _pick_number(r, len(items))
            return
        js["open"] = number
        r.say("jobs.detail", lines=_detail_lines(items[number - 1], ctx), n=number)
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
            r.say("jobs.which")
            return
        if items[number - 1]["ref"] in applied:
            r.emit(APPLY, ref=items[number - 1]["ref"])
        else:
            r.say("jobs.contact_after_apply", n=number)

    def _about_item(self, r: StepResult, js: JsonDict, asked: str, ctx: StepContext, text: str) -> None:
        """The pay, food and lodging, dates, place or cost of the item whose details are open (or the one applied
        for last, or the only one); with several and none open: which one."""
        items, applied = js["items"], list(js.get("applied") or ())
        number = js.get("open")
        if number is None and applied:
            number = next((i for i, item in enumerate(items, 1) if item["ref"] == applied[-1]), None)
        if number is None and len(items) == 1:
            number = 1
        item = items[number - 1] if number is not None and 1 <= number <= len(items) else None
        no_training = item is None or item.get("item") == "vacancy"
        if asked in ("cost", "needs") and no_training and retrieval().topics_in(text):
            policy.answer_or_refer(r, text, ctx)  # 技校学费多少 with jobs on screen: the policy's answer
            return
        if item is None:
            r.say("jobs.ask_which", count=len(items))
            return
        if asked == "pay":
            key = "jobs.ask_pay" if item.get("item") == "vacancy" else "jobs.ask_pay_training"
            r.say(key, title=item["title"], terms=_terms(item, ctx))
            return
        if asked == "needs":
            told = [str(item["requirements"])] if item.get("requirements") else []
            told += _age_and_schooling(item, ctx)
            if told:
                r.say("jobs.ask_needs", title=item["title"], told=_text(ctx, "jobs.reason_sep").join(told))
            else:
                r.say("jobs.ask_needs_none", title=item["title"])
            return
        if asked == "cost":
            if item.get("item") == "vacancy":
                r.say("jobs.ask_cost_vacancy", title=item["title"])  # 招工收钱 is a warning sign
            else:
                r.say("jobs.ask_cost_training", title=item["title"], terms=_terms(item, ctx))
                policy.tell_part(r, COST_ENTRY.get(str(item.get("kind")), COST_ENTRY_DEFAULT), "amount", ctx)
            return
        if asked == "where":
            place = item.get("place_short") if ctx.channel == "sms" else None  # SMS: the everyday name
            where = " ".join(str(v) for v in (place or item["place"], item.get("address")) if v)
            r.say("jobs.ask_where", title=item["title"], place=where)
            return
        if asked == "when":
            if item.get("item") == "training" and item.get("starts") and item.get("ends"):
                r.say("jobs.ask_when_dates", title=item["title"], start=item["starts"], end=item["ends"])
            elif item.get("item") == "vacancy" and item.get("expires"):
                r.say("jobs.ask_when_vacancy", title=item["title"], expires=item["expires"])
            else:
                r.say("jobs.ask_when_unknown", title=item["title"])
            return
        told = [m.group(0) for field in ("title", "requirements", "address")
                for m in _BOARD_TOLD.finditer(str(item.get(field) or ""))]
        if told:
            r.say("jobs.ask_board_told", title=item["title"], told=_text(ctx, "jobs.reason_sep").join(told))
        else:
            r.say("jobs.ask_board_unknown", title=item["title"])

    def _show(self, r: StepResult, js: JsonDict, ctx: StepContext) -> None:
        if ctx.channel == "sms":
            self._show_page(r, js, ctx, _page(js)[0] if js.get("page") else 0)
            return
        r.say(f"jobs.list_{js['item'] or 'any'}")
        for n, item in enumerate(js["items"], 1):
            reasons = _reasons(item, ctx)
            r.say("jobs.item", n=n, title=item["title"], who=item.get("employer") or item.get("provider") or "",
                  place=item["place"], terms=_terms(item, ctx), reasons=reasons[0], reason=reasons[1])
        r.say("jobs.footer")
        r.state["awaiting"] = AWAITING_LIST

    def _show_page(self, r: StepResult, js: JsonDict, ctx: StepContext, first: int) -> None:
        """One SMS message of at most two parts: as many items from `first` on as fit (one at least)."""
        items = js["items"]
        first = min(max(first, 0), len(items) - 1)
        end, params = first + 1, _page_params(js, first, first + 1, ctx)
        for more in range(first + 2, len(items) + 1):
            candidate = _page_params(js, first, more, ctx)
            if parts(_text(ctx, "jobs.page", **candidate)) > MAX_PARTS:
                break
            end, params = more, candidate
        js["page"] = [first, end]
        r.say("jobs.page", head=params["head"], items=params["items"], footer=params["footer"])
        r.state["awaiting"] = AWAITING_LIST


def _pick_number(r: StepResult, count: int) -> None:
    """A number out of range: which numbers there are ("1 到 1" reads oddly: the only one is named)."""
    if count == 1:
        r.say("jobs.pick_only")
    else:
        r.say("jobs.pick_number", count=count)


# -- rendering pieces (catalog texts; the dialog joins them) -------------------------------------------------

def _text(ctx: StepContext, key: str, **params: Any) -> str:
    return catalog(ctx.locale).get(key, ctx.channel).format(**params)


def _reasons(item: Mapping[str, Any], ctx: StepContext) -> tuple[str, str]:
    """All the reasons joined, and the first one (SMS has room for one)."""
    texts = [_text(ctx, str(reason["key"]), **reason.get("params", {})) for reason in item.get("reasons") or []]
    if not texts:
        texts = [_text(ctx, "jobs.no_reason")]
    return _text(ctx, "jobs.reason_sep").join(texts), texts[0]


def _page(js: Mapping[str, Any]) -> tuple[int, int]:
    """[first, end) of the SMS page on screen (a list shown on WeChat is one page of everything)."""
    page = js.get("page")
    if isinstance(page, list) and len(page) == 2 and all(isinstance(i, int) for i in page):
        return page[0], page[1]
    return 0, len(js.get("items") or ())


def _page_params(js: Mapping[str, Any], first: int, end: int, ctx: StepContext) -> dict[str, str]:
    """The head, item lines and footer of an SMS page of items[first:end], numbered by their place in the list;
    the place is said once in the head when every item on the page shares it."""
    shown = list(enumerate(js["items"], 1))[first:end]
    places = {str(item.get("place_short") or item["place"]) for _, item in shown}
    head = _text(ctx, f"jobs.list_{js['item'] or 'any'}")
    lines = []
    for n, item in shown:
        place = str(item.get("place_short") or item["place"])
        title, terms = _clip(str(item["title"]), SMS_PAGE_TITLE), _terms(item, ctx)
        reason = _clip_phrase(_reasons(item, ctx)[1], SMS_PAGE_REASON)
        if len(places) == 1:
            lines.append(_text(ctx, "jobs.page_item", n=n, title=title, terms=terms, reason=reason))
        else:
            lines.append(_text(ctx, "jobs.item", n=n, title=title, who="", place=place, terms=terms, reasons=reason,
                               reason=reason))
    head = (_text(ctx, "jobs.page_head_at", head=head, place=places.pop()) if len(places) == 1
            else _text(ctx, "jobs.page_head", head=head))
    return {"head": head, "items": "\n".join(lines), "footer": _text(ctx, "jobs.footer")}


def _pay(item: Mapping[str, Any], ctx: StepContext) -> str:
    low, high = item.get("salary_min"), item.get("salary_max")
    if low is not None and high is not None:
        return _text(ctx, "jobs.terms.pay_fixed", amount=low) if low == high else _text(
            ctx, "jobs.terms.pay_range", low=low, high=high)
    if low is not None or high is not None:
        return _text(ctx, "jobs.terms.pay_from" if low is not None else "jobs.terms.pay_fixed",
                     low=low, amount=high)
    return _text(ctx, "jobs.terms.pay_unknown")


def _terms(item: Mapping[str, Any], ctx: StepContext) -> str:
    if item.get("item") == "vacancy":
        return _pay(item, ctx)
    if item.get("subsidy"):
        return _text(ctx, "jobs.terms.subsidy", subsidy=item["subsidy"])
    if item.get("starts"):
        return _text(ctx, "jobs.terms.starts", date=item["starts"])
    return _text(ctx, "jobs.terms.no_date")


def _detail_lines(item: Mapping[str, Any], ctx: StepContext) -> str:
    lines = [f"{item['title']} ({_text(ctx, 'jobs.kind.' + str(item['kind']))})"]

    def field(key: str, **params: Any) -> None:
        lines.append(_text(ctx, "jobs.field." + key, **params))

    # On SMS the county's everyday name (the list gave it), and no reasons (the list gave one).
    sms = ctx.channel == "sms"
    place = str(item.get("place_short") or item["place"]) if sms else item["place"]
    if item.get("item") == "vacancy":
        field("employer", value=item.get("employer"))
        field("place", value=" ".join(v for v in (place, item.get("address")) if v))
        field("pay", value=_pay(item, ctx))
    else:
        field("provider", value=item.get("provider"))
        field("place", value=place)
        if item.get("starts") and item.get("ends"):
            field("dates", start=item["starts"], end=item["ends"])
        if item.get("education_min"):
            field("education", value=_text(ctx, "jobs.education." + str(item["education_min"])))
        if item.get("subsidy"):
            field("subsidy", value=item["subsidy"])
    lines += _age_and_schooling(item, ctx, education=False)
    if item.get("places_left") is not None:
        field("places_left", value=item["places_left"])
    if item.get("requirements"):
        field("requirements", value=item["requirements"])
    if item.get("transport_subsidy"):
        field("transport", value=item["transport_subsidy"])
    if item.get("expires"):
        field("expires", value=item["expires"])
    if not sms:
        field("reasons", value=_reasons(item, ctx)[0])
    return "\n".join(lines)


_PHRASE_END = re.compile(r"\s*[,，;；(（]")


def _clip_phrase(text: str, limit: int) -> str:
    """A reason cut where a phrase ends when it is too long ("公益性岗位, 适合年纪大一些的" -> "公益性岗位"), else
    like _clip."""
    if len(text) <= limit:
        return text
    ends = [m.start() for m in _PHRASE_END.finditer(text[: limit + 1]) if m.start() > 0]
    return text[: ends[-1]] if ends else _clip(text, limit)


def _age_and_schooling(item: Mapping[str, Any], ctx: StepContext, *, education: bool = True) -> list[str]:
    """"年龄: 18-50岁" and, for a training, "学历: 初中" (the details' lines, and what 要求啥 is told)."""
    lines = []
    if education and item.get("item") == "training" and item.get("education_min"):
        lines.append(_text(ctx, "jobs.field.education",
                           value=_text(ctx, "jobs.education." + str(item["education_min"]))))
    low, high = item.get("age_min"), item.get("age_max")
    if low is not None and high is not None:
        lines.append(_text(ctx, "jobs.field.ages", low=low, high=high))
    elif low is not None:
        lines.append(_text(ctx, "jobs.field.age_from", low=low))
    elif high is not None:
        lines.append(_text(ctx, "jobs.field.age_to", high=high))
    return lines


def _clip(text: str, limit: int) -> str:
    """Cut to `limit` characters; ASCII text is cut with ASCII dots ("…" would make an English SMS UCS-2)."""
    if len(text) <= limit:
        return text
    return text[: limit - 2] + ".." if text.isascii() else text[: limit - 1] + "…"


def _phone(value: str) -> str:
    """A phone as people dial it (13800000001, not +8613800000001)."""
    return value[3:] if value.startswith("+86") else value


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
