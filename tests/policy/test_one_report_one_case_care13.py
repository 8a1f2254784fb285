"""care13: "没签合同 也没交社保" told in one message reported the contract only (the first issue its words named); the
insurance was lost, or, said again, became a second case. One report now tells every issue it names, and the
rights case lists them all (bot/casework/cases.py open_rights_cases)."""

from __future__ import annotations

import pytest

from tests.policy.test_follow_up import chat


@pytest.mark.parametrize(("said", "issues"), [
    ("老板没跟我签合同 也没给交社保", ["no_contract", "no_social_insurance"]),
    ("厂里不交社保 合同也不签", ["no_contract", "no_social_insurance"]),
    ("没签合同 工资还欠了两个月", ["no_contract", "wage_arrears"]),
])
def test_one_report_of_several_issues_reports_them_all(said: str, issues: list[str]) -> None:
    c = chat()
    replies = c.say(said)
    [report] = c.kinds("rights_issue_reported")
    assert (report.data["issue"], report.data["issues"]) == (issues[0], issues)
    assert "工作人员" in replies[0]


@pytest.mark.parametrize("said", ["没签合同 工资三千", "老板不给签合同"])
def test_one_issue_named_is_one_issue_reported(said: str) -> None:
    """Guard: the pay named beside a missing contract is no wages owed."""
    c = chat()
    c.say(said)
    [report] = c.kinds("rights_issue_reported")
    assert report.data["issues"] == ["no_contract"]
