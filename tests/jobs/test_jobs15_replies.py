"""The laborer's replies to a list of jobs or trainings as people type them (jobs15, 2026-12-07): each test failed on
the code before its fix unless called a guard (tests/survey/driver.py; look-ups fed back as the effects would)."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs.flows.jobs_replies import reply_of
from tests.jobs.test_dialog import GUARD, RANGER, WELDING, registered_chat

FACTORY = {
    "ref": "v2", "item": "vacancy", "kind": "cross_province", "title": "电子厂普工", "employer": "深圳宝安某电子厂",
    "place": "广东省深圳市宝安区", "place_short": "深圳宝安区", "address": None, "salary_min": 4500,
    "salary_max": 6000, "age_min": 18, "age_max": 35, "places_left": 200, "requirements": "两班倒",
    "transport_subsidy": "500元", "expires": "2027-01-31",
    "reasons": [{"key": "match.reason.transport_subsidy", "params": {}}],
}
# The same job whose own words say it all.
TOLD = FACTORY | {"requirements": "长期工, 入职体检, 限男性, 可预支, 夫妻房, 五险一金"}


def _on_details(item: dict[str, Any], n: int = 2, **kwargs: Any) -> Any:
    chat = registered_chat(jobs=[GUARD, item, RANGER], **kwargs)
    chat.say("有啥活干")
    chat.say(str(n))
    return chat


@pytest.mark.parametrize("said", ["2号那个", "第二个那个", "那个电子厂的", "电子厂那个"])
def test_an_item_pointed_at_by_its_number_or_its_name_shows_its_details(said: str) -> None:
    """"2号那个" / "那个保安的" got 没太明白 and the menu."""
    chat = registered_chat(jobs=[GUARD, FACTORY, RANGER])
    chat.say("有啥活干")
    replies = chat.say(said)
    assert replies[0].startswith("电子厂普工 (劳务协作"), replies
    assert chat.state["jobs"]["open"] == 2


def test_the_words_that_name_an_item_do_not_take_a_search_or_an_application() -> None:
    """A guard: 报名电子厂的 applies, 有没有保安的活 is no item's details."""
    assert reply_of("有没有保安的活") is None
    chat = registered_chat(jobs=[GUARD, FACTORY, RANGER])
    chat.applications = {"v2": {"status": "applied", "ref": "v2", "application_id": 3, "item": "vacancy",
                                "kind": "cross_province", "title": "电子厂普工", "contact": None}}
    chat.say("有啥活干")
    chat.say("报名电子厂的")
    assert [e.data["ref"] for e in chat.kinds("jobs.apply")] == ["v2"]


@pytest.mark.parametrize(("said", "age"), [("我52了能去不", 52), ("俺五十岁了还收不", 50), ("50岁要不要", 50),
                                           ("我今年四十五了还能去不", 45)])
def test_the_age_said_with_the_question_is_read(said: str, age: int) -> None:
    from dialogs.flows.jobs_replies import age_said

    assert age_said(said) == age
    assert reply_of(said) == ("needs", None)


def test_how_old_asked_is_answered_with_the_items_ages_and_the_age_said_is_compared() -> None:
    """"多大年纪要" got 没太明白; "我52了能去不" was referred to the caseworker."""
    chat = _on_details(FACTORY)
    assert chat.say("多大年纪要") == ["「电子厂普工」的要求: 两班倒; 年龄: 18-35岁。"]
    [out] = chat.say("我52了能去不")
    assert "18-35岁" in out and "您52岁" in out and "报不上" in out, out
    [fits] = chat.say("我30了能去不")
    assert "可以报" in fits and "报名 2" in fits, fits
    assert not chat.kinds("question_referred")


def test_a_man_of_fifty_asking_whether_he_may_still_learn_is_told_from_the_course_not_shown_a_new_list() -> None:
    """"我50了还能学吗" at a course's details started a new search for trainings (the list again)."""
    chat = registered_chat(jobs=[WELDING])
    chat.say("想学个手艺")
    chat.say("1")
    [told] = chat.say("我50了还能学吗")
    assert "18-55岁" in told and "您50岁" in told and "可以报" in told, told
    assert len(chat.kinds("jobs.match")) == 1
    [over] = chat.say("我56了还能学吗")
    assert "报不上" in over, over


def test_how_long_a_course_lasts_is_its_dates_and_days_not_a_new_list() -> None:
    """"学多久" started a new search for trainings."""
    chat = registered_chat(jobs=[WELDING])
    chat.say("想学个手艺")
    assert chat.say("学多久") == ["「电焊工培训班」从 2026-12-10 到 2026-12-30, 一共21天。"]
    assert len(chat.kinds("jobs.match")) == 1


def test_how_long_a_course_lasts_right_after_what_it_costs_is_still_the_course() -> None:
    """"学电焊要钱吗" then "学多久" (the simulator): the cost's policy answer took 学多久 as its follow-up, and the list
    of trainings was shown again."""
    chat = registered_chat(jobs=[WELDING])
    chat.say("想学个手艺")
    chat.say("学电焊要钱吗")
    assert chat.say("学多久") == ["「电焊工培训班」从 2026-12-10 到 2026-12-30, 一共21天。"]


def test_not_wanting_to_go_that_far_asks_for_others() -> None:
    """"不想去那么远" got 没太明白."""
    chat = registered_chat(jobs=[FACTORY, GUARD])
    chat.say("有啥活干")
    chat.say("不想去那么远")
    assert len(chat.kinds("jobs.match")) == 2 and chat.kinds("jobs.match")[-1].data["exclude"] == ["v2", "v1"]


@pytest.mark.parametrize(("said", "unknown"), [
    ("要不要体检", "没写要不要体检"),
    ("要健康证吗", "没写要不要体检"),
    ("能先预支吗", "没写能不能预支工资"),
    ("可以借支不", "没写能不能预支工资"),
    ("我老婆也能去吗", "没写能不能一家人一起去"),
    ("两口子能一起去不", "没写能不能一家人一起去"),
    ("要女的不", "没写只招男的还是女的"),
    ("长期的还是短期的", "没写是长期还是短期"),
    ("能干多久", "没写是长期还是短期"),
    ("有社保吗", "没写签不签合同、交不交社保"),
    ("签合同不", "没写签不签合同、交不交社保"),
])
def test_questions_the_item_does_not_answer_are_said_to_be_not_stated(said: str, unknown: str) -> None:
    """They were passed to the caseworker as questions without the item ("这个问题我们转给了…"), or got the policy's
    general answer on social insurance: now what the item says, or that it does not say, and who finds out."""
    chat = _on_details(FACTORY)
    [reply] = chat.say(said)
    assert reply.startswith("「电子厂普工」") and unknown in reply, reply
    assert not chat.kinds("question_referred")
    assert chat.awaiting == "jobs"


@pytest.mark.parametrize(("said", "told"), [
    ("要不要体检", "入职体检"), ("能先预支吗", "可预支"), ("我老婆也能去吗", "夫妻房"), ("要女的不", "限男性"),
    ("长期的还是短期的", "长期工"), ("交五险吗", "五险一金"),
])
def test_questions_the_item_answers_get_its_own_words(said: str, told: str) -> None:
    chat = _on_details(TOLD)
    [reply] = chat.say(said)
    assert reply.startswith("「电子厂普工」的介绍写着: ") and told in reply, reply


def test_meals_at_work_and_the_id_card_are_the_items_board_and_what_to_bring() -> None:
    """"有工作餐吗" and "要身份证吗" were referred to the caseworker."""
    chat = _on_details(FACTORY | {"requirements": "两班倒 包吃住"})
    assert chat.say("有工作餐吗") == ["「电子厂普工」的介绍写着: 包吃住。"]
    [bring] = chat.say("要身份证吗")
    assert "身份证" in bring and bring.startswith("「电子厂普工」"), bring
    assert not chat.kinds("question_referred")


@pytest.mark.parametrize("said", ["失业金能领多久", "社保咋交", "体检要钱吗"])
def test_policy_and_cost_questions_are_not_taken_by_the_new_ones(said: str) -> None:
    """A guard: the policy's questions stay the policy's, and a cost stays a cost."""
    assert reply_of(said) in (None, ("cost", None))


def test_after_applying_what_happens_next_is_said_and_applying_again_is_no_second_application() -> None:
    """"已帮您报名「…」, 负责您的工作人员会联系您" said nothing of what for or when: now who calls about what, and
    that we ask in 7 days. (Applying again: a guard — the effect answers already, nothing is emitted again.)"""
    chat = _on_details(FACTORY)
    chat.applications = {"v2": {"status": "applied", "ref": "v2", "application_id": 3, "item": "vacancy",
                                "kind": "cross_province", "title": "电子厂普工", "contact": None}}
    [applied] = chat.say("报名")
    assert "约面试或上岗的时间" in applied and "7天后" in applied, applied
    chat.applications["v2"] = chat.applications["v2"] | {"status": "already", "application_id": None}
    assert chat.say("报名") == ["「电子厂普工」您已经报过名了, 工作人员会联系您。"]
    assert len(chat.kinds("application_made")) == 1


def test_after_applying_for_a_course_what_happens_next_is_said() -> None:
    chat = registered_chat(jobs=[WELDING])
    chat.applications = {"t2": {"status": "applied", "ref": "t2", "application_id": 9, "item": "training",
                                "kind": "upgrade", "title": "电焊工培训班", "contact": None}}
    chat.say("想学个手艺")
    [applied] = chat.say("报名 1")
    assert "开班的时间和地点会提前告诉您" in applied, applied


SHELF = GUARD | {"ref": "v9", "title": "超市理货员", "employer": "商城县百货超市", "place": "信阳市商城县",
                 "place_short": "商城县", "reasons": []}
FAR = FACTORY | {"reasons": []}


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_list_of_which_nothing_fits_is_not_called_found_for_them_nor_given_reasons(channel: str) -> None:
    """Under "暂时没有…对得上的工作, 下面这些供您参考" the list said "根据您的情况, 为您找到这些工作" and every line
    "推荐理由: 符合您的条件": the opposite of the line above. Now: open to them, no reasons claimed."""
    chat = registered_chat(jobs=[FAR, SHELF], channel=channel)
    replies = "\n".join(chat.say("找工作"))
    assert "对得上" in replies and "人工" in replies, replies
    assert "为您找到" not in replies and "符合您的条件" not in replies and "推荐理由" not in replies, replies
    assert "您能报名的" in replies and "超市理货员" in replies and "4500-6000元/月" in replies, replies
    details = "\n".join(chat.say("1"))
    assert "推荐理由" not in details and "符合您的条件" not in details, details


def test_a_list_with_reasons_keeps_its_head_and_reasons() -> None:
    """A guard: a list that fits still says it was found for them, with its reasons."""
    chat = registered_chat(jobs=[GUARD, FAR])
    replies = chat.say("找工作")
    assert replies[0].startswith("根据您的情况, 为您找到这些工作")
    assert "推荐理由: 岗位对口: 保安" in replies[1] and "推荐理由: 符合您的条件" in replies[2], replies


NIGHT_GUARD = GUARD | {"ref": "v7", "title": "超市夜班保安", "employer": "威宁万家超市"}


def test_a_name_two_items_share_asks_which_of_them() -> None:
    """"那个保安的" with 小区保安 and 超市夜班保安 on screen got 没太明白 and the menu."""
    chat = registered_chat(jobs=[GUARD, NIGHT_GUARD, FACTORY])
    chat.say("有啥活干")
    assert chat.say("那个保安的") == ["您说的是哪一个? 1. 小区保安; 2. 超市夜班保安。请回复序号看详情。"]
    assert chat.say("2")[0].startswith("超市夜班保安")


def test_the_bosss_phone_asked_is_the_items_phone() -> None:
    """"老板电话多少" got 没太明白 (老板 is a word of the rights topic: 欠薪找谁 stays the policy's)."""
    assert reply_of("老板电话多少") == ("contact", None)
    assert reply_of("欠薪找谁") is None
    chat = registered_chat(jobs=[GUARD, FACTORY])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say("老板电话多少") == [
        "报了名就告诉您联系电话 (单位愿意公开的话), 工作人员也会联系您。回复 报名 1 就可以报名。"]


def test_whether_the_list_can_be_trusted_is_answered_for_all_of_it() -> None:
    """"这些靠谱吗" / "骗子吗" with none open got "您问的是哪一个?": what is true of every item is said."""
    chat = registered_chat(jobs=[GUARD, FACTORY])
    chat.say("有啥活干")
    [told] = chat.say("这些靠谱吗")
    assert told.startswith("这些都是县人社部门核过后发布的") and "人工" in told, told


def test_how_far_from_home_says_how_near_when_matching_said_so() -> None:
    """"离家多远" got only the address; the list's own reason (离家近 (同县)) says how near. (A guard: with no such
    reason, the place alone as before.)"""
    chat = _on_details(FACTORY, n=1)
    assert chat.say("离家多远") == ["「小区保安」在: 毕节市威宁彝族回族苗族自治县 草海镇建设路8号, 离家近 (同县)。"]
    chat.say("2")
    assert chat.say("离家多远") == ["「电子厂普工」在: 广东省深圳市宝安区。"]
