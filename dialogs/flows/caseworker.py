"""Caseworkers working from the chat until the console exists: a message from a caseworker's own WeChat or
phone comes here instead of the laborer dialogs (the unit of work knows the address), so laborers never see
these commands, and a laborer typing them gets nothing special.

Pure, like every dialog: it reads the command and emits `caseworker.command`; the effect (bot/casework/chat.py)
checks that the record is the caseworker's (out of scope is "not found") and acts; its answer comes back as
`caseworker.command.result` and is rendered here.

    stateDiagram-v2
        [*] --> command: a message
        command --> help: 帮助 / anything not a command
        command --> effect: 列表 | 联系 C12 | 走访 T5 | 完成 T5 | 结案 C12 原因 | 受理 R3 | 退回 R3 原因 | 电话 C12
        effect --> [*]: caseworker.command.result (listed / done / not_found / needs_reason / wrong_state)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from dialogs.i18n import catalog
from dialogs.types import Inbound, JsonDict, StepContext, StepResult

COMMAND = "caseworker.command"
COMMAND_RESULT = COMMAND + ".result"
AWAITING = "caseworker_command"
# Verb -> (action, the kind of record it names: C case, T task, R registration; None: no record).
VERBS: dict[str, tuple[str, str | None]] = {
    **{w: ("list", None) for w in ("列表", "我的", "案件", "任务", "待办", "list", "ls", "cases", "tasks")},
    **{w: ("contact", "C") for w in ("联系", "已联系", "contact", "contacted")},
    **{w: ("task_done", "T") for w in ("走访", "已走访", "完成", "visit", "visited", "done")},
    **{w: ("close", "C") for w in ("结案", "关闭", "close")},
    **{w: ("accept", "R") for w in ("受理", "通过", "accept")},
    **{w: ("reject", "R") for w in ("退回", "不受理", "reject")},
    **{w: ("phone", "C") for w in ("电话", "号码", "phone")},
}
NEEDS_REASON = frozenset({"close", "reject"})
_COMMAND = re.compile(
    r"^(?P<verb>[\u4e00-\u9fff]+|[A-Za-z]+)\s*(?:(?P<kind>[CTRctr])\s*(?P<id>\d{1,9})(?!\d))?\s*(?P<rest>.*)$", re.S
)
OUTCOMES = ("listed", "done", "not_found", "needs_reason", "wrong_state", "phone")
ACTIONS = ("contact", "task_done", "close", "accept", "reject", "phone")


def parse(text: str) -> dict[str, Any] | None:
    """{"action", "record" (C, T or R), "id", "reason"} for a command, else None."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    m = _COMMAND.match(cleaned)
    if m is None:
        return None
    found = VERBS.get(m.group("verb").strip().lower())
    if found is None:
        return None
    action, kind = found
    named = m.group("kind")
    if kind is None:
        return {"action": action, "record": None, "id": None, "reason": ""} if not named else None
    if not named or named.upper() != kind:
        return None
    return {"action": action, "record": kind, "id": int(m.group("id")), "reason": m.group("rest").strip()[:200]}


def step(state: JsonDict | None, inbound: Inbound, ctx: StepContext) -> StepResult:
    """One caseworker message (or the effect's answer) in, the reply out. Never raises for user input."""
    r = StepResult(dict(state or {}))
    r.state["awaiting"] = AWAITING
    if inbound.kind == "event":
        if inbound.event == COMMAND_RESULT:
            _result(r, inbound.payload, ctx.locale)
        elif inbound.event == "subscribe":
            r.say("caseworker.help")
        return r
    command = parse(inbound.text)
    if command is None:
        r.say("caseworker.help")
        return r
    if command["action"] in NEEDS_REASON and not command["reason"]:
        r.say(f"caseworker.needs_reason.{command['action']}", ref=f"{command['record']}{command['id']}")
        return r
    r.emit(COMMAND, **command)
    return r


def _result(r: StepResult, payload: Mapping[str, Any], locale: str) -> None:
    outcome = str(payload.get("outcome") or "")
    ref = str(payload.get("ref") or "")
    if outcome == "listed":
        _listing(r, payload, locale)
    elif outcome == "done":
        r.say(f"caseworker.done.{payload.get('action')}", ref=ref)
    elif outcome == "phone":
        r.say("caseworker.phone", ref=ref, name=str(payload.get("name") or ""), phone=str(payload.get("phone") or ""))
    elif outcome in ("not_found", "wrong_state"):
        r.say(f"caseworker.{outcome}", ref=ref)
    else:
        r.say("caseworker.help")


def _listing(r: StepResult, payload: Mapping[str, Any], locale: str) -> None:
    items: Sequence[Mapping[str, Any]] = payload.get("items") or []
    if not items:
        r.say("caseworker.list.empty")
        return
    lines = [_line(item, locale) for item in items]
    r.say("caseworker.list.title", count=len(items), lines="\n".join(lines))
    if payload.get("more"):
        r.say("caseworker.list.more", more=payload["more"])


def _line(item: Mapping[str, Any], locale: str) -> str:
    template = catalog(locale).get(f"caseworker.list.{item['type']}")
    return template.format(**{k: v for k, v in item.items() if k != "type"})


def catalog_keys() -> set[str]:
    return {
        "caseworker.help", "caseworker.list.empty", "caseworker.list.title", "caseworker.list.more",
        "caseworker.list.case", "caseworker.list.task", "caseworker.list.registration", "caseworker.phone",
        "caseworker.not_found", "caseworker.wrong_state", "caseworker.what.assistance", "caseworker.contacted",
        "caseworker.contact_by", "caseworker.overdue",
        *(f"caseworker.done.{a}" for a in ACTIONS if a != "phone"),
        *(f"caseworker.needs_reason.{a}" for a in NEEDS_REASON),
    }
