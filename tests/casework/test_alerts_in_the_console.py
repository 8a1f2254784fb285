"""An alert's chat instructions (回复 联系 C12, 电话 A4) are for a caseworker on their phone: the console's inbox
shows the same alert without them, naming the case or task it is about, in every template that has them."""

from __future__ import annotations

import re

import pytest

from bot.casework.alerts import CHAT_HINTS, for_console
from dialogs.i18n import catalog, template_fields
from storage.models import Alert
from tests.casework.test_alert_lengths import _worst

zh = catalog("zh_CN")
# Every alert template (a kind's, or a kind worded by why: human_checkin_*).
TEMPLATES = sorted(key.removeprefix("alert.") for key, template in zh.messages.items()
                   if key.count(".") == 1 and key.startswith("alert.") and "{name}" in template)


def _alert(template: str) -> Alert:
    fields = template_fields(zh.get(f"alert.{template}"))
    return Alert(id=1234567 if "alert" in fields else 7, case_id=123456 if "case" in fields else None,
                 task_id=123456 if "task" in fields else None)


@pytest.mark.parametrize("template", TEMPLATES)
def test_no_alert_tells_the_console_to_reply(template: str) -> None:
    text = _worst(template)
    shown = for_console(_alert(template), text)
    # No command to type, and no request number (A1234567) that only the chat's commands take.
    assert not re.search(r"回复 ?(联系|电话|走访|发消息)|在工作台回复|A1234567", shown), (template, shown)
    fields = template_fields(zh.get(f"alert.{template}"))
    if "case" in fields:
        assert "案件 C123456" in shown
    if "task" in fields:
        assert "T123456" in shown
    # Only the instructions go: who, how to reach them, what happened are word for word what was sent.
    assert "欧**红" in shown and "138****8000" in shown


def test_every_hint_is_in_some_template() -> None:
    """A hint reworded in the catalog but not in the alerts (or the other way round) shows in the console again."""
    for hint in CHAT_HINTS:
        said = zh.get(f"alert.chat.{hint}").format(case=123456, task=123456, alert=1234567)
        assert any(said in _worst(t) for t in TEMPLATES), hint
    assert len(TEMPLATES) > 10 and "human_checkin_on_hold" in TEMPLATES
