"""The follow-up after an application answered with the employer asking for money ("没去 那个要交押金 不敢去"): no
employer may (劳动合同法 第九条), so it becomes a rights case with the person's words, and the answer still counts."""

from __future__ import annotations

import pytest

from tests.policy.test_follow_up import chat


@pytest.mark.parametrize("answer", ["没去 那个要交押金 不敢去", "去了 让先交三百块钱 没交", "没成 收了我两百体检费"])
def test_an_employer_asking_for_money_becomes_a_rights_case_with_the_words(answer: str) -> None:
    """"没去 那个要交押金 不敢去" got "没关系, 有合适的工作还会发给您": nobody heard that a published job asked for a
    deposit (no employer may: 劳动合同法 第九条)."""
    c = chat()
    c._run(c._inbound(kind="event", event="follow_up.applications.result", payload={"applications": [
        {"id": 5, "item": "vacancy", "title": "电子厂普工", "employer": "某电子厂", "job_type": "普工",
         "division": None}]}))
    replies = c.say(answer)
    assert replies[0].startswith("招工不能收押金") and "「电子厂普工」" in replies[0]
    assert [e.data["issue"] for e in c.kinds("rights_issue_reported")] == ["other"]
    assert [e.data["details"] for e in c.kinds("rights_details_told")] == [f"「电子厂普工」: {answer}"]
    assert len(c.kinds("application_outcome")) == 1  # the answer is still its answer


def test_a_plain_no_is_no_rights_case() -> None:
    c = chat()
    c._run(c._inbound(kind="event", event="follow_up.applications.result", payload={"applications": [
        {"id": 5, "item": "vacancy", "title": "电子厂普工", "employer": "某电子厂", "job_type": "普工",
         "division": None}]}))
    c.say("没去 工资太低")
    assert not c.kinds("rights_issue_reported") and c.kinds("application_outcome")
