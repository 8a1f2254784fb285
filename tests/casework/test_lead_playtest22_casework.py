"""The lead's play-test of 2026-12-08 as the caseworker 李芳 of 隆回县 by SMS: "C1 联系了 她说就是偶尔晚几天 不算拖欠
结案" recorded the contact and left the case open, the caseworker believing it closed (each test failed on the code
before its fix unless called a guard)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dialogs.flows import caseworker
from dialogs.types import Inbound, StepContext

NOW = datetime(2027, 1, 10, 6, 0, tzinfo=UTC)


def _commands(text: str) -> list[dict[str, object]]:
    inbound = Inbound(channel="sms", address="+8613800138011", dedup_key="k1", received_at=NOW, kind="text", text=text)
    result = caseworker.step(None, inbound, StepContext(now=NOW, today=date(2027, 1, 10), channel="sms",
                                                         locale="zh_CN"))
    return [{k: e.data[k] for k in ("action", "id", "reason")} for e in result.events if e.kind == caseworker.COMMAND]


@pytest.mark.parametrize("text", ["C1 联系了 她说就是偶尔晚几天 不算拖欠 结案",
                                  "联系 C1 她说就是偶尔晚几天 不算拖欠，可以结案了"])
def test_closing_said_after_a_contacts_note_closes_the_case_with_the_note(text: str) -> None:
    assert _commands(text) == [
        {"action": "contact", "id": 1, "reason": "她说就是偶尔晚几天 不算拖欠"},
        {"action": "close", "id": 1, "reason": "她说就是偶尔晚几天 不算拖欠"},
    ]


@pytest.mark.parametrize("text, note", [("C1 联系了 她说下周去面试", "她说下周去面试"), ("C1 联系了", "")])
def test_a_contact_without_closing_words_is_only_a_contact(text: str, note: str) -> None:
    """Guard: a note with no closing word records the contact only."""
    assert _commands(text) == [{"action": "contact", "id": 1, "reason": note}]


def test_closing_alone_still_asks_for_a_reason() -> None:
    """Guard: 结案 C1 alone is no contact; the reason is asked for (no command)."""
    assert _commands("结案 C1") == []
