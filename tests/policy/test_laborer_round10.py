"""Tenth round of a laborer's own words (2026-12-06, care10): a disability said with a body part, a family member
to care for, a husband's job loss asked about, dibao and work, medical and pension insurance, where the number came
from, a cancel with nothing applied for, and the disabled and work elsewhere in the list of money. Each test failed
on the code before its fix."""

from __future__ import annotations

import pytest

from dialogs.i18n import render
from dialogs.policy import subsidies
from dialogs.sms_text import parts
from dialogs.types import Outbound
from tests.policy.test_follow_up import chat
from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import consented


def sms_chat() -> Chat:
    c = chat("sms")
    c.address = "13985001234"
    return c


@pytest.mark.parametrize("asked", ["腿有残疾 有补助不", "手有残疾 能领啥", "耳朵聋了有补贴不"])
def test_a_disability_said_with_a_body_part_is_answered_as_the_question_about_the_disabled(asked: str) -> None:
    """"腿有残疾 有补助不" recorded the person as unable to work and opened the survey (腿 lowered the match)."""
    c = chat()
    [answer] = c.say(asked)
    assert answer.startswith("【残疾人的补贴和帮扶】") and "残联" in answer
    assert not c.kinds("employment_status_changed") and not c.kinds("question_referred")


def test_caring_for_a_bedridden_mother_is_recorded_and_the_question_answered() -> None:
    """"俺娘瘫在床上 俺出不去打工 有啥补助不" recorded unable, then asked the name: the question went unanswered."""
    c = chat()
    replies = c.say("俺娘瘫在床上 俺出不去打工 有啥补助不")
    assert [e.data["new"] for e in c.kinds("employment_status_changed")] == ["unable"]
    assert len(replies) == 3, replies
    acknowledged, answer, question = replies
    assert acknowledged.startswith("知道了, 您现在暂时不能工作")
    assert answer.startswith("【要照顾卧床的家人】")
    assert "扶贫车间" in answer and "低保" in answer and "村委会" in answer and "元" not in answer
    assert question == "请问您的姓名?"
    assert not c.kinds("question_referred")


def test_caring_for_family_by_sms_is_short() -> None:
    c = sms_chat()
    replies = c.say("要照顾老人出不去打工 有啥补助不")
    answer = next(r for r in replies if "扶贫车间" in r)
    assert parts(answer) <= 2 and "村委会" in answer


@pytest.mark.parametrize("asked", ["我老公被辞了 失业金咋领", "我儿子被厂里辞退了 能领失业金不"])
def test_a_family_members_job_loss_asked_about_gets_the_benefit_and_that_they_register_themselves(
        asked: str) -> None:
    """"我老公被辞了 失业金咋领" went to the caseworker (这个问题我们转给了…)."""
    c = chat()
    answer, themselves = c.say(asked)
    assert answer.startswith("【失业保险金 (失业金)】")
    assert themselves.startswith("失业登记和失业金都要本人办") and "我失业了" in themselves
    assert not c.kinds("question_referred") and not c.kinds("employment_status_changed")


@pytest.mark.parametrize(("asked", "title", "where"), [
    ("低保和打工冲突不", "【低保和务工收入】", "乡镇"),
    ("吃低保能出去打工不", "【低保和务工收入】", "村委会"),
    ("医保怎么交", "【城乡居民医保 (合作医疗)】", "12393"),
    ("新农合在哪交", "【城乡居民医保 (合作医疗)】", "村委会"),
    ("养老保险断了咋办", "【养老保险断交、续交】", "12333"),
    ("社保断了咋办", "【养老保险断交、续交】", "社保局"),
    # Years told with it (spans no entry knows) are the asker's facts, not an uncovered topic.
    ("我交了十年养老保险 断了两年 咋办", "【养老保险断交、续交】", "15年"),
])
def test_dibao_and_work_medical_and_pension_insurance_are_answered_not_referred(
        asked: str, title: str, where: str) -> None:
    """Each went to the caseworker; the answer says where to ask and never an amount."""
    for c in (chat(), sms_chat()):
        [answer] = c.say(asked)
        assert not c.kinds("question_referred")
        if c.channel == "wechat":
            assert answer.startswith(title) and where in answer
        else:
            assert parts(answer) <= 2
        assert "元" not in answer and "待本县填写" not in answer


@pytest.mark.parametrize("asked", ["咋知道我号码的", "你们从哪弄到我电话的", "谁把我号码给你们的", "谁给你们我电话的"])
def test_where_the_number_came_from_is_said_plainly_with_how_to_stop(asked: str) -> None:
    """"咋知道我号码的" went to the caseworker as a policy question."""
    c = sms_chat()
    [told] = c.say(asked)
    assert "建档立卡" in told and "县人社部门" in told and "TD" in told and parts(told) == 1
    assert not c.kinds("question_referred") and not c.kinds("opted_out") and not c.kinds("rights_issue_reported")
    [told] = chat().say(asked)
    assert "建档立卡" in told and "退订" in told


def test_where_the_number_came_from_asked_in_the_survey_then_its_question_again() -> None:
    c = consented("sms")
    c.address = "13985001234"
    asked = c.awaiting
    told = c.say("你们咋知道我号码的")
    assert "建档立卡" in told[0] and c.awaiting == asked


def test_cancelling_with_no_application_open_says_so_and_alerts_nobody() -> None:
    """"取消报名" from someone who had applied for nothing alerted the caseworker to withdraw it."""
    c = chat()
    c.application_open = False
    [told] = c.say("取消报名")
    assert told.startswith("您现在没有报名的工作, 不用取消。") and "有啥活干" in told
    assert not c.kinds("human_requested")
    c = chat()
    [told] = c.say("取消报名")
    assert told.startswith("好的, 您要取消报名") and c.kinds("human_requested")


def test_the_disabled_and_work_elsewhere_are_in_the_list_of_money() -> None:
    """The entries had no name, offer or ask: 有啥补贴 never told them."""
    message, listed = subsidies.told(None, chat().ctx)
    assert "disability" in listed and "work_elsewhere" in listed
    text = render(message, "zh_CN", "wechat")
    assert "• 残疾人补贴:" in text and "残疾人有啥补助" in text and "• 换地方干活:" in text
    unable = subsidies.Known(status="unable", age=50)
    assert "disability" in [e.id for e in subsidies.offered(unable)]
    c = chat()
    c.say("有啥补贴")
    assert c.say("残疾人有啥补助")[0].startswith("【残疾人的补贴和帮扶】")
    assert isinstance(message, Outbound)


def test_caring_told_before_any_consent_gets_the_answer_before_the_consent_question() -> None:
    c = Chat()
    answer, notice = c.say("俺娘瘫在床上 俺出不去打工 有啥补助不")
    assert answer.startswith("【要照顾卧床的家人】")
    assert "您同意吗?" in notice and c.awaiting == "consent"


@pytest.mark.parametrize("asked", ["俺是残疾人 能去扶贫车间不", "可以进厂吗"])
def test_asking_whether_one_may_go_somewhere_records_no_job(asked: str) -> None:
    """"俺是残疾人 能去扶贫车间不" recorded the person as working, employer 扶贫车间, and asked where the work was.
    (Since care11 it is a wish for such work: the jobs that fit are looked up, which for someone with no form yet
    asks for it first, tests/policy/test_laborer_round11.py.)"""
    c = chat()
    c.say(asked)
    assert not c.kinds("employment_status_changed") and not c.kinds("field_changed")
    assert c.kinds("jobs.match") and c.awaiting != "work_division"


def test_going_to_the_workshop_told_is_still_news() -> None:
    c = chat()
    c.say("我去扶贫车间上班了")
    assert [e.data["new"] for e in c.kinds("employment_status_changed")] == ["employed"]
