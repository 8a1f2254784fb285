"""Eleventh round of a laborer's own words (2026-12-06, care11): social insurance paid, a leg that does not work, a
wish for factory work, an old person bedridden at home, a husband's job loss asked about at the consent question,
and what a person in work tells in passing after a check-in (wages paid, working until the year's end, a skill, the
job applied for). Each test failed on the code before its fix."""

from __future__ import annotations

import pytest

from dialogs.sms_text import MAX_PARTS, parts
from tests.jobs.test_dialog import GUARD, RANGER, WELDING, registered_chat
from tests.jobs.test_playtest7 import pushed
from tests.policy.test_follow_up import chat
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest8 import _at_checkin


def sms_chat() -> Chat:
    c = chat("sms")
    c.address = "13985001234"
    return c


@pytest.mark.parametrize("asked", ["社保咋交", "社保怎么交", "社保在哪交", "社保一年交多少"])
def test_how_social_insurance_is_paid_is_answered_not_referred(asked: str) -> None:
    """"社保咋交" went to the caseworker: who pays (the employer, else oneself where registered) and where."""
    for c in (chat(), sms_chat()):
        [answer] = c.say(asked)
        assert "单位" in answer and "村委会" in answer and "12333" in answer, answer
        assert not c.kinds("question_referred")
        if c.channel == "sms":
            assert parts(answer) <= MAX_PARTS


def test_social_insurance_stopped_keeps_its_own_answer() -> None:
    [answer] = chat().say("社保断了咋办")
    assert answer.startswith("【养老保险断交、续交】")


@pytest.mark.parametrize("asked", ["俺一条腿不好使 有啥补贴", "眼睛看不见 能领啥", "腿脚不利索 有补助不"])
def test_a_body_part_that_does_not_work_asks_about_help_for_the_disabled(asked: str) -> None:
    """"俺一条腿不好使 有啥补贴" went to the caseworker, though "残疾人有啥补助" is answered."""
    c = chat()
    [answer] = c.say(asked)
    assert answer.startswith("【残疾人的补贴和帮扶】") and "残联" in answer
    assert not c.kinds("question_referred") and not c.kinds("employment_status_changed")


def test_a_leg_broken_at_work_is_still_the_work_injury() -> None:
    answer = chat().say("腿断了 医药费谁出")[0]
    assert answer.startswith("【工伤: 医药费和赔偿】")


@pytest.mark.parametrize("asked", ["可以进厂吗", "能进厂不"])
def test_asking_whether_one_may_go_into_a_factory_is_a_wish_for_factory_work(asked: str) -> None:
    """"可以进厂吗" was referred to the caseworker: it is a wish for such work, the jobs that fit are looked up."""
    c = registered_chat(jobs=[GUARD, RANGER])
    c.say(asked)
    [match] = c.kinds("jobs.match")
    assert match.data["wishes"] == [asked]
    assert not c.kinds("question_referred") and not c.kinds("employment_status_changed")


def test_may_i_go_to_a_workshop_keeps_the_policy_answer() -> None:
    c = chat()
    [answer] = c.say("能去扶贫车间不")
    assert answer.startswith("【就地就近就业") and not c.kinds("jobs.match")


def test_an_old_person_bedridden_at_home_asked_about_records_nothing_of_the_asker() -> None:
    """"家里老人瘫痪了有补助吗" recorded the asker as unable to work and opened the survey at the name."""
    c = chat()
    [answer] = c.say("家里老人瘫痪了有补助吗")
    assert answer.startswith("【要照顾卧床的家人】") and "残联" in answer
    assert not c.kinds("employment_status_changed") and not c.kinds("field_changed")
    assert c.state is not None and c.state.get("flow") is None


def test_the_asker_kept_at_home_by_the_care_is_still_recorded() -> None:
    c = chat()
    c.say("俺娘瘫在床上 俺出不去打工 有啥补助不")
    assert [e.data["new"] for e in c.kinds("employment_status_changed")] == ["unable"]


@pytest.mark.parametrize(("channel", "address"), [("wechat", "u1"), ("sms", "13985001234")])
def test_a_husbands_job_loss_asked_about_at_the_consent_question_is_answered_then_consent_asked(
        channel: str, address: str) -> None:
    """"我老公被辞了 失业金咋领" at the consent question was referred (answered only after consent)."""
    c = Chat(channel=channel, address=address)
    if channel == "wechat":
        c.event("subscribe")
    else:
        c.say("我要登记")
    assert c.awaiting == "consent"
    replies = c.say("我老公被辞了 失业金咋领")
    assert replies[0].startswith("【失业保险金 (失业金)】") or replies[0].startswith("失业金:")
    assert replies[1].startswith("失业登记和失业金") and "我失业了" in replies[1]
    assert "同意" in replies[-1] and c.awaiting == "consent"
    assert not c.kinds("question_referred") and not c.kinds("employment_status_changed")


def _after_checkin() -> Chat:
    """Someone in work who answered a check-in (in post, wages, contract and insurance): nothing open."""
    c = _at_checkin()
    c.say("在的")
    if c.awaiting:
        c.say("1")
    assert c.state is not None and c.state.get("flow") is None
    return c


def test_wages_paid_this_month_told_after_a_checkin_is_recorded_and_thanked() -> None:
    """"工资这个月按时发了" was "没太明白" and the menu."""
    c = _after_checkin()
    assert c.state is not None
    c.state["survey"]["answers"]["wages_on_time"] = "no"  # late, as reported before
    assert c.say("工资这个月按时发了") == ["好的, 记下了: 工资按时发了。以后要是拖欠了, 随时告诉我们。"]
    assert c.answers["wages_on_time"] == "yes"
    changed = [e for e in c.kinds("field_changed") if e.data["field"] == "wages_on_time"][-1]
    assert (changed.data["old"], changed.data["new"]) == ("no", "yes")
    assert c.kinds("form_fields_updated")[-1].data["fields"] == {"wages_on_time": True}


@pytest.mark.parametrize("text", ["工资还没发", "工资发了吗", "工资发了一半 还欠两千"])
def test_wages_not_paid_or_asked_about_are_not_recorded_as_paid(text: str) -> None:
    c = _after_checkin()
    told = len(c.events)
    c.say(text)
    assert not [e for e in c.events[told:] if e.kind == "field_changed" and e.data["field"] == "wages_on_time"]


def test_working_until_the_years_end_told_after_a_checkin_is_the_end_expected() -> None:
    """"先做到年底再说" was "没太明白"; read as the check-in reads it (talk11): the end noted, asked again after."""
    c = _after_checkin()
    assert c.say("先做到年底再说") == [
        "好的, 记下了: 这份活干到12月31日。到时候再问问您; 要是提前没活了或想找下一份, 随时回复告诉我们。"]
    [recheck] = c.kinds("checkin_recheck")
    assert recheck.data["ends"] == "2026-12-31" and recheck.data["status"] == "employed"
    assert not c.kinds("employment_status_changed")


def test_a_skill_told_after_a_checkin_is_added_and_said_back() -> None:
    """"我会开挖机" was "好的, 知道了" with nothing recorded."""
    c = _after_checkin()
    assert c.say("我会开挖机") == ["好的, 记下了: 您会开挖机。有用得上的活, 我们优先推荐给您。"]
    assert c.answers["skills"] == "开挖机"
    c.say("俺还会电焊")
    assert c.answers["skills"] == "开挖机、电焊"
    assert not c.kinds("employment_status_changed")


GATE = GUARD | {"reasons": [{"key": "match.reason.job_type", "params": {"job": "门卫"}}]}


@pytest.mark.parametrize("asked", ["那个门卫的活啥时候能去", "报的那个活啥时候能去上班"])
def test_when_to_start_a_job_applied_for_days_ago_is_answered_from_the_application(asked: str) -> None:
    """"那个门卫的活啥时候能去" five days after applying was referred (and "…能去上班" recorded them in work)."""
    c = registered_chat()
    c.applications = {"v1": {"status": "applied", "title": "小区保安", "ref": "v1", "application_id": 5}}
    pushed(c, [GATE, RANGER])
    c.say("报名 1")
    c.later(days=5)
    assert c.say(asked) == [
        "「小区保安」您已经报了名。哪天能去上班由单位定, 负责您的工作人员会联系您、告诉您; 着急的话回复 人工。"]
    [note] = c.kinds("application_note")
    assert note.data["application_id"] == 5 and note.data["note"] == asked
    assert not c.kinds("question_referred") and not c.kinds("employment_status_changed")


def test_when_to_start_asked_on_the_list_after_applying_does_not_say_apply_first() -> None:
    """On the list, "啥时候能去" about the job applied for said "报了名工作人员会帮您问清楚"."""
    c = registered_chat()
    c.applications = {"v1": {"status": "applied", "title": "小区保安", "ref": "v1", "application_id": 5}}
    pushed(c, [GATE, RANGER])
    c.say("报名 1")
    [answer] = c.say("啥时候能去")
    assert answer.startswith("「小区保安」您已经报了名") and "报了名工作人员" not in answer


@pytest.mark.parametrize(("asked", "title", "word"), [
    ("俺是个老汉 68了 还能干点啥活不", "【公益性岗位和以工代赈】", "公益性岗位"),
    ("家里老伴瘫了 要人伺候 有啥补助", "【要照顾卧床的家人】", "扶贫车间"),
    ("生孩子有补助吗", "【怀孕、生孩子的补助】", "生育"),
    ("我老婆生娃了 能领啥", "【怀孕、生孩子的补助】", "生育"),
])
def test_an_old_man_a_bedridden_wife_and_a_birth_are_answered_not_referred(asked: str, title: str, word: str) -> None:
    """Played on the simulator: each went to the caseworker (or, before consent, got only the notice)."""
    c = chat()
    assert any(r.startswith(title) for r in c.say(asked))
    s = sms_chat()
    assert any(word in r and parts(r) <= MAX_PARTS for r in s.say(asked))
    assert not c.kinds("question_referred") and not s.kinds("question_referred")
    fresh = Chat()
    fresh.event("subscribe")
    assert fresh.say(asked)[0].startswith(title)  # before consent too, then the notice


def test_expecting_told_with_a_question_is_recorded_and_answered() -> None:
    """"怀孕了能领啥补贴" recorded her as unable to work and asked the name: the question went unanswered."""
    c = chat()
    acknowledged, answer, question = c.say("怀孕了能领啥补贴")
    assert acknowledged.startswith("知道了, 您现在暂时不能工作")
    assert answer.startswith("【怀孕、生孩子的补助】") and "12393" in answer and "元" not in answer
    assert question == "请问您的姓名?"
    assert [e.data["new"] for e in c.kinds("employment_status_changed")] == ["unable"]
    asked_only = chat()
    asked_only.say("生孩子有补助吗")
    assert not asked_only.kinds("employment_status_changed")


@pytest.mark.parametrize(("asked", "title"), [
    ("工资被包工头拖了半年 咋办", "【劳动权益: 合同、社保、工资】"),
    ("新农合交了 还用交社保不", "【社保怎么交】"),
])
def test_wages_held_back_by_the_foreman_and_both_insurances_asked_before_consent_are_answered(
        asked: str, title: str) -> None:
    """Played by SMS at the consent question: both went to the caseworker (拖了 was no word for wages owed; 新农合 and
    社保 split the question between two answers)."""
    c = Chat()
    c.event("subscribe")
    replies = c.say(asked)
    assert replies[0].startswith(title) and c.awaiting == "consent"
    assert not c.kinds("question_referred")


def test_a_tractor_is_no_wages_owed() -> None:
    assert not any("劳动权益" in r for r in chat().say("拖拉机能补贴不"))


@pytest.mark.parametrize("text", ["工资发了 就是少了五百", "工资只发了一半"])
def test_wages_paid_short_told_after_a_checkin_are_a_rights_report(text: str) -> None:
    """"工资发了 就是少了五百" was "没太明白" and the menu."""
    c = _after_checkin()
    told = len(c.events)
    c.say(text)
    assert [e.data["issue"] for e in c.events[told:] if e.kind == "rights_issue_reported"] == ["wage_arrears"]
    assert not [e for e in c.events[told:] if e.kind == "field_changed" and e.data["new"] == "yes"]


def test_a_training_asked_about_with_jobs_on_screen_is_looked_up_not_which_one() -> None:
    """"电焊培训啥时候开始" with a list of jobs on screen was "您问的是哪一个? 请先回复序号"."""
    c = registered_chat(jobs=[GUARD, RANGER, WELDING])
    pushed(c, [GUARD, RANGER])
    replies = c.say("电焊培训啥时候开始")
    assert c.kinds("jobs.match")[-1].data["item"] == "training"
    assert any("电焊工培训班" in r for r in replies) and not any("哪一个" in r for r in replies)
    [answer] = c.say("学完包分配不")
    assert answer.startswith("「电焊工培训班」")


@pytest.mark.parametrize("text", ["老板说过年前一起结", "工钱年底统一结", "干完才给钱"])
def test_wages_held_back_to_the_years_end_told_after_a_checkin_are_a_rights_report(text: str) -> None:
    """"老板说过年前一起结" was "没太明白" and the menu: wages are due monthly."""
    c = _after_checkin()
    told = len(c.events)
    c.say(text)
    assert [e.data["issue"] for e in c.events[told:] if e.kind == "rights_issue_reported"] == ["wage_arrears"]


@pytest.mark.parametrize("text", ["年底结婚", "干到年底 结了工钱就回来"])
def test_the_years_end_said_otherwise_is_no_rights_report(text: str) -> None:
    c = _after_checkin()
    told = len(c.events)
    c.say(text)
    assert not [e for e in c.events[told:] if e.kind == "rights_issue_reported"]


@pytest.mark.parametrize(("asked", "title"), [("俺老伴腿不好使 有补贴不", "【残疾人的补贴和帮扶】"),
                                              ("我媳妇眼睛看不见 能领啥", "【残疾人的补贴和帮扶】")])
def test_a_spouse_named_in_a_question_is_who_it_is_about_not_its_topic(asked: str, title: str) -> None:
    """"俺老伴腿不好使 有补贴不" went to the caseworker (老伴 split it between the disabled and family care)."""
    c = chat()
    assert c.say(asked)[0].startswith(title)
    assert not c.kinds("question_referred") and not c.kinds("employment_status_changed")


@pytest.mark.parametrize("asked", ["娃初中毕业了能上技校不", "俺闺女想学个手艺 有补贴不"])
def test_a_childs_schooling_asked_about_gets_the_policy_answer(asked: str) -> None:
    """"娃初中毕业了能上技校不" got "您家里人要找工作或登记, 可以让他们关注我们" (a child's wish to train, told)."""
    c = chat()
    [answer] = c.say(asked)
    assert answer.startswith("【") and "关注我们" not in answer
    assert not c.kinds("question_referred")
