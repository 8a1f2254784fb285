"""A caseworker's record number sent alone (the lead's play-test, 2026-12-07): "A6" from the list got the whole
command list; now what can be done with that record (each failed on the code before, the last is a guard)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dialogs.flows.caseworker import step
from dialogs.i18n import render
from dialogs.types import Inbound, StepContext

_NOW = datetime(2026, 12, 21, 6, 0, tzinfo=UTC)


def _say(text: str) -> tuple[list[str], list[str]]:
    ctx = StepContext(now=_NOW, today=date(2026, 12, 21), channel="sms", locale="zh_CN")
    r = step({}, Inbound(channel="sms", address="+8613900000001", dedup_key="k1", received_at=_NOW, kind="text",
                         text=text), ctx)
    return [render(m, "zh_CN", "sms") for m in r.outbound], [e.kind for e in r.events]


@pytest.mark.parametrize(("text", "ref", "verb"), [("A6", "A6", "发消息 A6"), ("T 5", "T5", "走访 T5"),
                                                  ("R3。", "R3", "退回 R3")])
def test_a_record_alone_gets_what_can_be_done_with_it(text: str, ref: str, verb: str) -> None:
    replies, events = _say(text)
    assert events == []
    [reply] = replies
    assert reply.startswith(f"{ref} 可以") and verb in reply, reply


def test_a_case_alone_asks_for_its_summary() -> None:
    """(care17) A case's number alone is looked up: its summary, then what can be done with it
    (tests/casework/test_case_summary_care17.py)."""
    assert _say("c1") == ([], ["caseworker.command"])


def test_two_records_alone_still_get_the_commands() -> None:
    [reply], _ = _say("C1 C2")
    assert reply.startswith("指令")
