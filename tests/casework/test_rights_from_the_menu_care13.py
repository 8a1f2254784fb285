"""care13: a rights report made with no dialog open (from the menu) by someone who has not agreed to the privacy
notice opened a case at once, where every other path asks consent first. Now it is held like the one told at the
notice: where to go themselves, the notice; yes opens the case, no drops it and says again where to go. While it
waits, the conversation keeps the issue only (never the person's words), and nothing once answered."""

from __future__ import annotations

import json

import pytest

from tests.survey.driver import Chat

REPORT = "老板欠我工资两个月了 还有八千没给 他电话13987654321"


def _at_the_menu() -> Chat:
    chat = Chat()
    chat.say("你好")
    assert chat.state.get("awaiting") == "menu"
    return chat


def test_a_report_from_the_menu_waits_for_consent_and_keeps_only_its_issue() -> None:
    chat = _at_the_menu()
    replies = chat.say(REPORT)
    assert not chat.kinds("rights_issue_reported")
    assert replies[0].startswith("您说的情况, 可以先自己打12333") and "您同意吗?" in replies[1], replies
    assert chat.state["rights_held"] == {"issue": "wage_arrears"}
    said = json.dumps(chat.state, ensure_ascii=False)
    assert "八千" not in said and "13987654321" not in said and "老板" not in said, said

    replies = chat.say("同意")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert "您之前说的情况已转给负责您的工作人员, 他们会尽快联系您。" in replies
    assert "rights_held" not in chat.state


@pytest.mark.parametrize("refusal", ["不同意", "2"])
def test_refused_the_report_is_dropped_and_where_to_go_told(refusal: str) -> None:
    chat = _at_the_menu()
    chat.say(REPORT)
    replies = chat.say(refusal)
    assert not chat.kinds("rights_issue_reported") and "rights_held" not in chat.state
    assert replies[-1] == "您也可以自己打12333 (人社服务热线), 或到县人社局劳动监察反映。", replies


def test_after_consent_a_report_opens_the_case_at_once_as_before() -> None:
    """Guard: someone who agreed gets the case and the question for its details, as before."""
    chat = Chat()
    chat.state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
                  "consent": {"given": True}}
    replies = chat.say(REPORT)
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert replies[0].startswith("您反映的问题已转给负责您的工作人员")
