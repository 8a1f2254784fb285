"""Eighth round of a laborer's own words on rights (2026-12-06): "欠薪找谁" was told its report went to the caseworker
and nothing about whom else to go to; a report said plainly is answered as before."""

from __future__ import annotations

import pytest

from tests.policy.test_follow_up import chat


@pytest.mark.parametrize("asked", ["欠薪找谁", "老板不发工资怎么办", "工资被拖欠找谁"])
def test_a_rights_report_asked_as_a_question_also_names_12333_and_labour_inspection(asked: str) -> None:
    c = chat()
    replies = c.say(asked)
    assert c.kinds("rights_issue_reported") and replies[0].startswith("您反映的问题已转给负责您的工作人员")
    assert "12333" in replies[1] and "劳动监察" in replies[1]


def test_a_report_said_plainly_is_acknowledged_only() -> None:
    c = chat()
    assert len(c.say("老板欠我三个月工资没给")) == 1


@pytest.mark.parametrize("asked", ["我55了还能干公益岗不", "公益岗俺能干不 俺都55了"])
def test_asking_whether_one_may_do_a_public_welfare_job_records_no_job(asked: str) -> None:
    """"我55了还能干公益岗不" changed the form to employed (好的, 您现在在工作了; 工种: 公益岗) and opened the
    survey."""
    c = chat()
    replies = c.say(asked)
    assert replies[0].startswith("【公益性岗位和以工代赈】")
    assert not c.kinds("employment_status_changed") and not c.kinds("field_changed")


def test_work_told_without_a_question_is_still_news() -> None:
    c = chat()
    c.say("我在东莞打工")
    assert c.kinds("employment_status_changed")
