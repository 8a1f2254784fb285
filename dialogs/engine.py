"""The dialog engine: one pure step from (state, inbound, context) to (state, outbound, events).

Order of handling, written down because it matters:
1. events (subscribe, unsubscribe, menu clicks, synthetic results),
2. non-text messages (image: ask to type; empty voice transcript: ask again),
3. commands that work anywhere (help, start over, a person, stop, resume, language), and the question how to
   stop messages (answered, nothing stopped),
4. an open menu takes a number or an entry's name (登记),
5. otherwise the active flow, or the idle handler when none is active (or when the active flow does not
   claim the message: the jobs list takes numbers and 报名, a question about the policy goes to idle),
6. hand-overs between flows: the end of the survey for someone looking for work, or a job loss registered
   (`job_search_started`), opens the jobs list; a flow that needs the survey first (`state["hand_over"]`)
   opens it.
"""

from __future__ import annotations

import logging
import marshal
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, NamedTuple

from dialogs import caseworker_reply, nlu, policy
from dialogs.commands import command_of
from dialogs.flow import Flow, end_flow
from dialogs.flows import caseworker, returned
from dialogs.flows.checkin import CHECKIN
from dialogs.flows.follow_up import FOLLOW_UP
from dialogs.flows.idle import IDLE_KEYS, handle_idle
from dialogs.flows.jobs import AWAITING_LOOKUP, JOBS, MATCH_RESULT, looking_for_work
from dialogs.flows.link import JOINED, LINK
from dialogs.flows.registration import (
    FINISH_FIRST,
    REGISTRATION,
    job_loss_facts,
    registering,
    start_job_loss,
    takes_job_loss,
)
from dialogs.flows.survey import LEARN_WISHES, MENU_BY_NUMBER, SURVEY, WORK_WISHES, village_alone
from dialogs.i18n import LOCALES
from dialogs.nlu.memo import short_memo
from dialogs.policy import CATALOG_KEYS as POLICY_KEYS
from dialogs.policy import hardship
from dialogs.types import Inbound, JsonDict, Outbound, StepContext, StepResult, told_so_far

log = logging.getLogger(__name__)

STATE_VERSION = 1
FLOWS: Mapping[str, Flow] = {flow.name: flow for flow in (SURVEY, LINK, REGISTRATION, JOBS, CHECKIN, FOLLOW_UP)}
# Menu entries: id -> catalog key of its label. The same ids are WeChat menu CLICK keys.
MENU: tuple[tuple[str, str], ...] = (
    ("survey", "menu.survey"),
    ("jobs", "menu.jobs"),
    ("training", "menu.training"),
    ("human", "menu.human"),
    ("language", "menu.language"),
)
MENU_ID = "menu"
_LANGUAGE_NUMBER = str([entry for entry, _ in MENU].index("language") + 1)
# WeChat events about subscription notices (unknown to wechatpy 1.8.18; bot/channels/wechat_protocol.py).
SUBSCRIPTION_EVENTS = frozenset({"subscribe_msg_popup_event", "subscribe_msg_change_event"})


def new_state(locale: str = "zh_CN") -> JsonDict:
    return {"v": STATE_VERSION, "locale": locale, "flow": None, "awaiting": None, "menu_open": False}


# Dialogs whose open question 在吗 / 你好 is answered before (the survey does it itself: a greeting after days
# is its "欢迎回来"); a caseworker's chat is not one.
_ASKING = frozenset({"registration", "checkin", "follow_up"})


def step(state: JsonDict | None, inbound: Inbound, ctx: StepContext) -> StepResult:
    """Apply one inbound to a copy of the state. Never raises for user input. Someone a caseworker just wrote to
    (their state holds the marker) may be replying to them: dialogs/caseworker_reply.py decides first."""
    if state and caseworker_reply.MARK in state:
        return caseworker_reply.step(state, inbound, ctx, _step,
                                     lambda s: bool(s.get("flow")) and s.get("awaiting") not in (None, MENU_ID))
    return _step(state, inbound, ctx)


def _step(state: JsonDict | None, inbound: Inbound, ctx: StepContext) -> StepResult:
    r = StepResult(_copy_json(state) if state else new_state(ctx.locale))
    if inbound.kind == "event":
        _on_event(r, inbound, ctx)
    elif inbound.kind == "media":
        r.say("common.please_type")
        _repeat_question(r, ctx)
    elif inbound.kind == "voice" and not inbound.text.strip():
        r.say("common.voice_empty")
    elif _question_open(r) and r.state.get("flow") in _ASKING and nlu.checks_presence(inbound.text):
        # 在吗 / 你好 while a question waits: "您好, 在的!" and the question again (it was the question's re-prompt,
        # or "没太明白, 请回复数字").
        r.say("common.here")
        _repeat_question(r, ctx)
    elif not state and re.fullmatch(r"\d{1,3}", unicodedata.normalize("NFKC", inbound.text).strip()):
        # "1" as the very first SMS (no menu was ever shown, nothing asked): greeted as 你好 is, with the menu.
        r.say("common.greeting")
        _menu(r)
    else:
        policy.age_topic(r.state)  # the policy answer just given is forgotten after a few messages
        rest = _hardship(r, inbound, ctx)  # 家里等着用钱: the caseworker told, the person answered kindly
        if rest is not None:
            _on_text(r, rest, ctx)
        if nlu.tells_bereavement(inbound.text):
            r.outbound.insert(0, Outbound(key="common.condolence"))  # 老娘上个月走了: 请节哀, before anything else
    if r.events or "hand_over" in r.state:
        _hand_over(r, ctx)
    _menu_on_screen(r)
    _join_noted(r.outbound)
    return r


_NOTED = "survey.prefilled"


def _join_noted(outbound: list[Outbound]) -> None:
    """好的, 已记下: … said twice in a row (the status and the place read from one message) is said once, the
    items one after the other (it was one message each)."""
    i = 1
    while i < len(outbound):
        first, second = outbound[i - 1], outbound[i]
        if first.key == second.key == _NOTED and not first.options and not second.options:
            outbound[i - 1] = Outbound(key=_NOTED, params={
                "items": f"{first.params['items']}; {second.params['items']}"})
            del outbound[i]
        else:
            i += 1


def _hardship(r: StepResult, inbound: Inbound, ctx: StepContext) -> Inbound | None:
    """Hardship said in passing goes to the caseworker (dialogs/policy/hardship.py); said alone it is answered and
    the open question asked again (None: nothing else to read), else the rest of the message is read on."""
    said = hardship.told(inbound.text)
    if said is None:
        return inbound
    r.emit("human_requested", channel=ctx.channel, reason=hardship.REASON, said=inbound.text,
           **told_so_far(r.state))
    if not said.rest:
        r.say(said.reply_key)
        if _question_open(r) and r.state.get("flow") != JOBS.name:
            _repeat_question(r, ctx)  # (a list on screen is still there: not shown again)
        return None
    r.say(hardship.NOTED)
    return replace(inbound, text=said.rest)


def _hand_over(r: StepResult, ctx: StepContext) -> None:
    """Flows do not open each other: the engine does, after the step (see the order of handling above)."""
    submitted = next((e for e in r.events if e.kind == "form_submitted"), None)
    learn = r.state.pop(LEARN_WISHES, None) or ()  # 学电焊或者修车, told during the survey: the list looks for it
    work = r.state.pop(WORK_WISHES, None) or ()  # 想回家附近找点事做, the same
    if submitted is not None and r.state.get("flow") is None and looking_for_work(submitted.data["answers"]):
        JOBS.after_survey(r, _locale(r, ctx), submitted.data["answers"], wishes=[*learn, *work])
    elif submitted is not None and r.state.get("flow") is None and learn:
        # 有没有月嫂培训 我想学 from someone caring for a child at home (not looking for work now): the courses
        # they asked about (it was saved and nothing more said).
        JOBS.search(r, _locale(r, ctx), item="training", answers=submitted.data["answers"], wishes=learn)
    elif submitted is not None and r.state.get("flow") is None and work:
        # 想回家附近找点事做 during the survey from someone in work: the jobs it said would come once it was done
        # (none came, and the words were lost).
        JOBS.search(r, _locale(r, ctx), item="vacancy", answers=submitted.data["answers"], wishes=work)
    elif r.state.get("flow") is None and any(e.kind == "job_search_started" for e in r.events):
        # A job loss registered in the conversation: the matching vacancies in the same reply (the push the
        # case planned is then not needed; bot/push_effects.py).
        JOBS.search(r, _locale(r, ctx), item="vacancy")
    if r.state.pop("hand_over", None) == "survey":
        _start(r, "survey", _locale(r, ctx))


def _copy_json(node: Any) -> Any:
    """A deep copy of JSON data (dicts, lists, scalars): what states are. marshal does it in C, about twice as fast
    as the walk below; its format 2 writes no back-references, so a list found twice in the state is copied twice,
    as the walk does. Anything marshal does not take as it is (a str or int subclass, an object) is walked."""
    try:
        return marshal.loads(marshal.dumps(node, 2))  # noqa: S302 (our own bytes, made on this line)
    except ValueError:
        return _copy_walk(node)


def _copy_walk(node: Any) -> Any:
    """A deep copy of the dicts and lists; anything else is shared. Several times faster than deepcopy."""
    if isinstance(node, dict):
        return {k: _copy_walk(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy_walk(v) for v in node]
    return node


def _locale(r: StepResult, ctx: StepContext) -> StepContext:
    """The context with the locale the state now has (a language switch applies to the same reply)."""
    locale = r.state.get("locale", ctx.locale)
    if locale == ctx.locale or locale not in LOCALES:
        return ctx
    return StepContext(now=ctx.now, today=ctx.today, channel=ctx.channel, locale=locale)


def _on_event(r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
    event = inbound.event
    if event == "subscribe":
        r.state["unsubscribed"] = False
        r.emit("subscribed")  # following again after an unfollow: reachable on WeChat once more
        r.say("common.greeting")
        _start(r, "survey", ctx)
    elif event == "unsubscribe":
        # They can no longer be reached on WeChat: say nothing, record it.
        r.state["unsubscribed"] = True
        r.emit("unsubscribed")
    elif event == "click" and inbound.event_key:
        _menu_action(r, inbound.event_key, ctx)
    elif event in SUBSCRIPTION_EVENTS:
        # The person answered a subscription-notice popup (or changed it in settings): record it.
        r.emit("subscriptions_changed", changes=list(inbound.payload.get("subscriptions") or ()))
    elif event == policy.SUBSIDIES_RESULT:
        policy.tell_subsidies(r, inbound.payload, ctx)  # 有啥补贴能领: the money that fits, the record read
    elif event == returned.RESULT:
        returned.on_result(r, inbound.payload, ctx)  # 重新提交 after a registration was returned: its dialog again
    elif event is not None and "." in event:
        flow = FLOWS.get(event.split(".", 1)[0])
        if flow is not None:
            flow.handle(r, inbound, ctx)
        if event == MATCH_RESULT and r.state.get("flow") is None and not r.state.get("hand_over"):
            CHECKIN.ask_again(r)  # 有没有工地的活 at a check-in, nothing found: its question, at once
        if event == JOINED:
            # An SMS number was linked to this person: carry on with whatever they were doing.
            _repeat_question(r, _locale(r, ctx))
    # Other events (VIEW, LOCATION reports, popups) need no answer.


class _Opening(NamedTuple):
    """What `_on_text` asks of every message before anything else."""

    command: str | None
    to_stop: bool
    how_to_stop: bool
    where_number: bool
    who_we_are: bool
    erasure: bool
    introduced: str | None


@short_memo
def _opening(text: str) -> _Opening:
    """The first readings of a message, all at once: one memo look-up for a short message instead of five (each
    reading is pure, so reading those the chain below does not reach changes nothing)."""
    return _Opening(command_of(text), nlu.asks_to_stop(text), nlu.asks_how_to_stop(text),
                    policy.asks_where_number(text), nlu.asks_who_we_are(text), nlu.asks_erasure(text),
                    nlu.introduces_themselves(text))


def _on_text(r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
    opening = _opening(inbound.text)
    command = opening.command
    if command == "help" and nlu.asks_meaning(inbound.text) and _question_open(r):
        r.say("common.explain")  # a lone ？ at a question: that question explained and asked again, no menu
        _repeat_question(r, ctx)
        return
    if command is not None:
        _command(r, command, ctx)
        return
    if opening.erasure:
        _erasure(r, inbound.text, ctx)
        return
    if opening.to_stop:
        _command(r, "stop", ctx)  # 别发了 烦死了 at a check-in's question: stopped, as at the menu
        return
    if opening.how_to_stop:
        r.say("common.how_to_stop")
        _repeat_question(r, ctx)
        return
    if opening.where_number:
        r.say(policy.WHERE_NUMBER)  # 咋知道我号码的: where the number came from, who we are, how to stop
        _repeat_question(r, ctx)
        return
    if opening.who_we_are:
        r.say("common.who_we_are")  # 你们是谁啊 at a check-in from an account they do not remember
        if JOBS.holds(r.state, ctx.now) and JOBS.asks_trust(inbound.text):
            # 这是骗人的吧 with a list on screen: who we are, then what the list (or the item open) is, not the
            # whole list sent again (it was five messages).
            JOBS.handle(r, inbound, ctx)
            return
        if JOBS.holds(r.state, ctx.now) and r.state.get("awaiting") == "jobs":
            r.say("jobs.list_kept")  # 你们是谁 with a list on screen: it stays, in a line (it was sent again whole)
            return
        _repeat_question_or_notice(r, ctx)
        return
    if opening.introduced is not None:
        # 我儿子让我关注的, 我不识字 让孙女帮我打的: welcomed, or told that family typing for them is fine (it was
        # "抱歉, 没太明白"), then the question or the notice.
        r.say(f"common.introduced.{opening.introduced}")
        _repeat_question_or_notice(r, ctx)
        return
    if (r.state.get("flow") is None or r.state.get("awaiting") == "consent") and not r.state.get(policy.TOPIC) and (
        nlu.asks_cost_only(inbound.text)
    ):  # (免费不 after a policy answer asks about that topic)
        r.say("common.free")  # 免费的吧 别到时候收钱 before anything began (it was referred to a caseworker)
        _repeat_question_or_notice(r, ctx)
        return
    if r.state.get("awaiting") == "consent" and r.state.get("locale", ctx.locale) == "zh_CN" and (
        unicodedata.normalize("NFKC", inbound.text).strip() == _LANGUAGE_NUMBER
    ):  # 5 at the notice in Chinese: the menu's "5. English", from someone who did not pick it there
        _set_locale(r, "en", ctx)  # (it was 请回复 1 同意; the notice again, in English)
        return
    if menu := r.state.get("menu_open"):
        r.state["menu_open"] = False
        picked = inbound.text.strip()
        number = nlu.picked_number(picked)  # 3, or 好嘛 1
        if number is not None and 1 <= int(number) <= len(MENU):
            _menu_action(r, MENU[int(number) - 1][0], ctx)
            return
        named = nlu.menu_entry(picked, tuple(entry for entry, _ in MENU)) if menu != MENU_BY_NUMBER else None
        # A question naming an entry (登记有啥好处) is answered as a question (dialogs/flows/idle.py).
        if named is not None and not nlu.is_question(picked):
            # 想回老家找个活 at the menu: its words are the search's (it listed jobs far from home, the words dropped).
            _menu_action(r, named, ctx, said=picked)
            return
        if not (r.state.get("consent") or {}).get("given") and r.state.get("flow") is None and (
                _name_alone(picked) or village_alone(picked)):
            # 王小红, 李湾 at the menu (often by SMS): they came to register; the privacy notice, the name or village
            # held until they agree (it was 没太明白).
            _start(r, "survey", ctx)
            SURVEY.hold_before_consent(r, nlu.understand(picked, ctx.today))
            return
    flow = FLOWS.get(r.state.get("flow") or "")
    claims = getattr(flow, "claims", None)
    if flow is not None and (claims is None or claims(r.state, inbound, ctx)):
        flow.handle(r, inbound, ctx)
    else:
        handle_idle(
            r, inbound, ctx,
            start=lambda name: _start(r, name, ctx),
            show_menu=lambda: _menu(r),
            command=lambda name: _command(r, name, ctx, said=inbound.text),
            status_change=lambda understanding: SURVEY.start_with_status(r, understanding, ctx),
            job_loss=lambda understanding: _job_loss(r, understanding, ctx),
            correction=lambda: SURVEY.start_with_correction(r, inbound, ctx),
        )


def _job_loss(r: StepResult, understanding: Any, ctx: StepContext) -> None:
    """A job we knew of is lost: the registration dialog. Before consent, or from someone whose work we never
    recorded, it is news for the survey (which hands a lost job over itself once it knows of one)."""
    if (r.state.get("consent") or {}).get("given") and takes_job_loss(r.state, ctx):
        start_job_loss(r, ctx, job_loss_facts(understanding.text, ctx))
    else:
        SURVEY.start_with_status(r, understanding, ctx)


def _erasure(r: StepResult, said: str, ctx: StepContext) -> None:
    """把我的信息删了 / 撤回同意: messages stop at once (as 退订 does), and the responsible caseworker is asked to
    verify who asks and delete (the office holds what was sent to it too); the person is told exactly that. Before
    consent nothing of theirs was kept: they are told so, and the open question stands."""
    if not (r.state.get("consent") or {}).get("given"):
        r.say(ERASURE_NOTHING_KEPT)
        _repeat_question(r, ctx)
        return
    _stop(r, ctx)
    r.emit("human_requested", channel=ctx.channel, reason="erasure", said=said)
    r.say(ERASURE_REQUESTED)


def _stop(r: StepResult, ctx: StepContext) -> None:
    """Nothing is pending while stopped; 恢复 asks the open question again (the flow keeps its place)."""
    r.state["awaiting"] = None
    r.state["opted_out"] = True
    r.emit("opted_out", channel=ctx.channel)


ERASURE_REQUESTED, ERASURE_NOTHING_KEPT = "common.erasure_requested", "common.erasure_nothing_kept"


def _command(r: StepResult, command: str, ctx: StepContext, said: str = "") -> None:
    if command == "help":
        r.say("common.help")
        _menu(r)
    elif command == "restart":
        r.emit("restarted", flow=r.state.get("flow") or "survey")
        name = r.state.get("flow") or "survey"
        r.state.pop(name, None)
        r.say("common.restarted")
        _start(r, name, ctx)
    elif command == "human":
        # 找人工 我想问问公益岗位咋报名: what they want goes with the request (the alert said only 想找工作人员).
        words = {"said": said} if said and command_of(said) is None else {}
        r.emit("human_requested", channel=ctx.channel, **told_so_far(r.state), **words)
        r.say("common.human_requested")
    elif command == "stop":
        _stop(r, ctx)
        r.say("common.opted_out")
    elif command == "resume":
        r.state["opted_out"] = False
        r.emit("opted_in", channel=ctx.channel)
        r.say("common.opted_in")
        _repeat_question(r, ctx)
    elif command in ("english", "chinese"):
        _set_locale(r, "en" if command == "english" else "zh_CN", ctx)


def _set_locale(r: StepResult, locale: str, ctx: StepContext) -> None:
    r.state["locale"] = locale
    r.emit("locale_changed", locale=locale)
    r.say("common.language_set")
    if _question_open(r):
        _repeat_question(r, _locale(r, ctx))
    else:
        _menu(r)  # English picked from the menu: the menu again, in English (it said only "Language set")


def _menu(r: StepResult) -> None:
    r.state["menu_open"] = True
    r.state["menu_last"] = True
    r.state["awaiting"] = MENU_ID
    r.say("menu.title", options=tuple(label for _, label in MENU))


def _question_open(r: StepResult) -> bool:
    return bool(r.state.get("flow")) and r.state.get("awaiting") not in (None, MENU_ID)


def _menu_on_screen(r: StepResult) -> None:
    """The menu stays the list a bare number picks from until something else is asked: after 人工, English or a
    look-up that found nothing (菜单, 3, then 2 is 找工作). Words are read as usual."""
    if not r.state.get("menu_last"):
        return
    awaiting = r.state.get("awaiting")
    if awaiting not in (None, MENU_ID, AWAITING_LOOKUP):
        del r.state["menu_last"]  # a question or a list of its own since
    elif awaiting != AWAITING_LOOKUP and r.state.get("flow") is None and not r.state.get("menu_open"):
        r.state["menu_open"] = MENU_BY_NUMBER


def _menu_action(r: StepResult, action: str, ctx: StepContext, said: str = "") -> None:
    if action in ("survey", "jobs", "training") and registering(r.state):
        r.say(FINISH_FIRST)  # 菜单 then 2 mid-registration: the registration goes on, not left for the survey
        _repeat_question(r, ctx)
        return
    if action == "survey":
        _start(r, "survey", ctx)
    elif action in ("jobs", "training"):
        JOBS.search(r, ctx, item="vacancy" if action == "jobs" else "training", wishes=(said,) if said else ())
    elif action == "human":
        _command(r, "human", ctx)
        _repeat_question(r, ctx)  # the open question on screen again: a number next answers it, not the menu
    elif action == "language":
        _set_locale(r, "en" if r.state.get("locale") == "zh_CN" else "zh_CN", ctx)
    elif action == "help":
        _command(r, "help", ctx)
    else:
        log.info("unknown menu key", extra={"menu_key": action[:32]})
        _menu(r)


@short_memo
def _name_alone(text: str) -> bool:
    """王小红 typed alone: a person's name (not a village, 李湾; not a word, 都行)."""
    said = nlu.normalize(text).strip(" 。.!！~")
    return re.fullmatch(r"[\u4e00-\u9fff]{2,4}", said) is not None and nlu.find_name(f"{said} ") == said


def _start(r: StepResult, name: str, ctx: StepContext) -> None:
    r.state["flow"] = name
    r.state["menu_open"] = False
    FLOWS[name].start(r, ctx)


def _repeat_question_or_notice(r: StepResult, ctx: StepContext) -> None:
    """The question open again; at first contact (a first SMS: 你们是干啥的, 要钱不), the privacy notice, so that 中
    next is an answer (it was "好的, 知道了", and the name after it "没太明白")."""
    if r.state.get("flow") is None and "survey" not in r.state:
        _start(r, "survey", ctx)
        return
    _repeat_question(r, ctx)


def _repeat_question(r: StepResult, ctx: StepContext) -> None:
    flow = FLOWS.get(r.state.get("flow") or "")
    if flow is not None:
        flow.resume(r, ctx)


repeat_question = _repeat_question


def all_catalog_keys() -> set[str]:
    """Every key the engine and its flows can say: checked against the catalogs at start-up."""
    keys = {
        *caseworker_reply.CATALOG_KEYS,
        "common.greeting",
        "common.condolence",
        "common.here",
        "common.free",
        "common.please_type",
        "common.voice_empty",
        "common.help",
        "common.restarted",
        "common.human_requested",
        "common.opted_out",
        "common.opted_in",
        ERASURE_REQUESTED,
        ERASURE_NOTHING_KEPT,
        "common.language_set",
        "common.error",
        "common.not_understood",
        "common.how_to_stop",
        "common.who_we_are",
        "common.introduced.sent_by",
        "common.introduced.types_for",
        "common.explain",
        "menu.title",
        "form.value_unknown",
        "form.value_none",
        "form.month",
    }
    keys |= {label for _, label in MENU}
    keys |= IDLE_KEYS
    keys |= POLICY_KEYS | hardship.CATALOG_KEYS | returned.CATALOG_KEYS
    keys |= caseworker.catalog_keys()
    for flow in FLOWS.values():
        keys |= flow.catalog_keys()
    return keys


__all__ = ["FLOWS", "MENU", "all_catalog_keys", "end_flow", "new_state", "step"]


def check_wiring(catalog_keys_needed: set[str]) -> None:
    """Fail fast at start-up when a flow or form refers to a message key the catalogs lack."""
    from dialogs.forms import check_form
    from dialogs.i18n import DEFAULT_LOCALE, CatalogError, catalog

    have = set(catalog(DEFAULT_LOCALE).messages)
    problems = sorted(catalog_keys_needed - have)
    for flow in FLOWS.values():
        form = getattr(flow, "form", None)
        if form is not None:
            problems += check_form(form, have)
    if problems:
        raise CatalogError("dialog wiring: " + "; ".join(problems))

