"""Play-testing of 2026-12-07 (jobs17): the laborer's replies to a list or a push as people type them. What an item
does not say is found out by the caseworker who follows the application up once it is made (it said 报了名工作人员会帮您
问清楚 to someone who had applied)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.jobs.test_dialog import GUARD, RANGER, WELDING, registered_chat

LI = "您已报了名, 负责您的工作人员李书记会帮您问清楚, 也可以回复 人工 问。"
ONCE_APPLIED = "报了名工作人员会帮您问清楚, 也可以回复 人工 问。"
APPLIED = {"status": "applied", "ref": "v1", "application_id": 7, "item": "vacancy", "kind": "factory",
           "title": "小区保安", "contact": None}


def _applied_chat(caseworker: str | None, **kwargs: Any):  # type: ignore[no-untyped-def]
    chat = registered_chat(jobs=[GUARD, RANGER], **kwargs)
    chat.applications = {"v1": APPLIED | {"caseworker": caseworker}}
    chat.say("有啥活干")
    chat.say("报名1")
    return chat


# -- who finds out what an item does not say ---------------------------------------------------------------------


@pytest.mark.parametrize(("question", "expected"), [
    ("包住不", "「小区保安」的介绍里没写包不包吃住。" + LI),
    ("能带娃不", "「小区保安」的介绍里没写能不能带孩子。" + LI),
    ("过年放假吗", "「小区保安」的介绍里没写过年放不放假、放几天。" + LI),
    ("要面试吗", "「小区保安」的介绍里没写要不要面试。您已报了名, 负责您的工作人员李书记"
                 "会帮您跟单位约面试或上岗的时间, 也可以回复 人工 问。"),
])
def test_after_applying_what_the_job_does_not_say_is_their_named_caseworkers_to_find_out(
        question: str, expected: str) -> None:
    """"报了名工作人员会帮您问清楚" was said to someone who had just applied."""
    chat = _applied_chat("李书记")
    assert chat.say(question) == [expected]


def test_before_applying_and_for_another_item_it_still_says_once_you_apply() -> None:
    """(A guard.)"""
    chat = _applied_chat("李书记")
    chat.say("2")
    assert chat.say("包住不") == ["「生态护林员」的介绍里没写包不包吃住。" + ONCE_APPLIED]


def test_nobody_named_yet_the_caseworker_unnamed_and_by_sms_and_in_english() -> None:
    assert _applied_chat(None).say("包住不") == [
        "「小区保安」的介绍里没写包不包吃住。您已报了名, 负责您的工作人员会帮您问清楚, 也可以回复 人工 问。"]
    sms = _applied_chat("李书记", channel="sms")
    assert sms.say("过年放假吗") == ["「小区保安」没写过年放不放假。已报名, 工作人员李书记帮您问, 也可回复 人工。"]
    english = registered_chat(jobs=[GUARD])
    assert english.state is not None
    english.state["locale"] = "en"
    english.applications = {"v1": APPLIED | {"caseworker": "李书记"}}
    english.say("find work")
    english.say("apply 1")
    [reply] = english.say("is food provided?")
    assert reply.endswith("You have applied: your caseworker, 李书记, will find out; or reply human to ask."), reply


# -- two questions in one message -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "expected"), [
    ("啥时候能去上班 包住不", ["「小区保安」2026-12-31截止报名。什么时候上班, 报了名工作人员会帮您问清楚。",
                               "「小区保安」的介绍写着: 包吃住。"]),
    ("一个月多少钱 包吃住不", ["「小区保安」的工资: 2500-3200元/月。", "「小区保安」的介绍写着: 包吃住。"]),
    ("几点上班，管饭不", ["「小区保安」的介绍写着: 两班倒。", "「小区保安」的介绍写着: 包吃住。"]),
])
def test_two_questions_in_one_message_get_both_answers(question: str, expected: list[str]) -> None:
    """啥时候能去上班 包住不 was told only about the lodging."""
    chat = registered_chat(jobs=[GUARD | {"requirements": "包吃住, 两班倒"}, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say(question) == expected


def test_two_questions_about_an_item_named_by_its_number_and_with_none_open() -> None:
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    assert chat.say("啥时候能去上班 包住不") == ["您问的是哪一个? 请先回复序号 (1 到 2) 看详情。"]  # asked once
    replies = chat.say("2号几点上班 包住不")
    assert [reply[:14] for reply in replies] == ["「生态护林员」的介绍里没写上", "「生态护林员」的介绍里没写包"]


# -- work and training asked for together -----------------------------------------------------------------------------


@pytest.mark.parametrize("asked", ["有啥工作或者培训没有", "有没有活或者培训", "有培训和工作吗", "有没有活干 培训也行"])
def test_work_or_training_asked_for_together_looks_up_both(asked: str) -> None:
    """有啥工作或者培训没有 looked up trainings only."""
    chat = registered_chat(jobs=[GUARD, WELDING])
    replies = chat.say(asked)
    assert [event.data["item"] for event in chat.kinds("jobs.match")] == [None]
    assert replies[0].startswith("根据您的情况, 为您找到这些工作和培训") and len(replies) == 4


@pytest.mark.parametrize(("asked", "item"), [("想学个手艺 以后好找工作", "training"), ("有啥活干", "vacancy"),
                                             ("想学电焊", "training")])
def test_one_of_them_asked_for_is_still_that_one(asked: str, item: str) -> None:
    """(A guard: these looked up what they ask for before.)"""
    chat = registered_chat(jobs=[GUARD, WELDING])
    chat.say(asked)
    assert [event.data["item"] for event in chat.kinds("jobs.match")] == [item]


# -- news of their own work with a list open --------------------------------------------------------------------------


@pytest.mark.parametrize("opened", [False, True])
def test_news_of_their_own_work_stopping_with_a_list_open_is_news_not_the_hours_question(opened: bool) -> None:
    """过年放假了 厂里不干了 with a list open was the hours question (放假) of the item open, or "哪一个?"."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    if opened:
        chat.say("1")
    replies = chat.say("过年放假了 厂里不干了")
    assert not any("上班时间" in reply or "哪一个" in reply for reply in replies)
    [changed] = chat.kinds("employment_status_changed")
    assert changed.data["new"] == "unemployed"


def test_the_holiday_asked_about_is_still_the_items_question() -> None:
    """(A guard: 过年放假吗 asks about the item.)"""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say("过年放假吗")[0].startswith("「小区保安」的介绍里没写过年放不放假")
    assert not chat.kinds("employment_status_changed")


# -- questions no item has a field for -------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "start"), [
    ("能洗澡不", "「小区保安」的介绍里没写能不能洗澡、有没有热水。报了名工作人员会帮您问清楚"),
    ("有试用期吗", "「小区保安」的介绍里没写有没有试用期。按规定试用期最长6个月"),
    ("能不能辞职", "「小区保安」的介绍里没写干多久才能走。按规定辞职提前30天书面告诉单位 (试用期提前3天)"),
    ("干不满一个月能走吗", "「小区保安」的介绍里没写干多久才能走。"),
    ("工伤咋办", "「小区保安」的介绍里没写工伤保险。按规定单位要给您交工伤保险"),
    ("有工伤保险吗", "「小区保安」的介绍里没写工伤保险。"),
    ("要考试吗", "「小区保安」的介绍里没写要不要面试。"),
])
def test_questions_about_the_job_we_have_no_field_for_are_answered_honestly(question: str, start: str) -> None:
    """能洗澡不 / 有试用期吗 / 干不满一个月能走吗 were referred without their job, 能不能辞职 was news of a job
    lost (the form's unemployed branch), 工伤咋办 an injury reported."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    [reply] = chat.say(question)
    assert reply.startswith(start), reply
    assert not (chat.kinds("question_referred") or chat.kinds("rights_issue_reported")
                or chat.kinds("employment_status_changed"))


def test_the_jobs_own_words_answer_them() -> None:
    chat = registered_chat(jobs=[GUARD | {"requirements": "宿舍有热水, 试用期1个月, 合同期1年, 交五险"}])
    chat.say("有啥活干")
    assert chat.say("能洗澡不") == ["「小区保安」的介绍写着: 宿舍有热水。"]
    assert chat.say("有试用期吗") == ["「小区保安」的介绍写着: 试用期1个月。试用期最长6个月, 工资不能低于约定的八成。"]
    assert chat.say("能不能辞职")[0].startswith("「小区保安」的介绍写着: 试用期1个月; 合同期1年。按规定辞职提前30天")
    assert chat.say("工伤咋办")[0].startswith("「小区保安」的介绍写着: 交五险。")


def test_a_courses_exam_and_certificate_and_a_hurt_told_is_still_a_report() -> None:
    chat = registered_chat(jobs=[WELDING])
    chat.say("想学个手艺")
    assert chat.say("要考试吗") == ["「电焊工培训班」的介绍里没写要不要考试。" + ONCE_APPLIED]
    assert chat.say("有证书吗")[0].startswith("「电焊工培训班」的介绍里没写学完发不发证。")
    assert not chat.kinds("question_referred")
    chat.say("我腿摔伤了 咋办")
    assert chat.kinds("rights_issue_reported")  # (a guard: told, not asked of the item)
    sms = registered_chat(jobs=[WELDING], channel="sms")
    sms.say("想学个手艺")
    assert sms.say("考试难不难") == ["「电焊工培训班」没写要不要考试。报了名工作人员帮您问, 也可回复 人工。"]


# -- whether they can go: with several listed, and of an item named ------------------------------------------------


def test_their_age_asked_with_several_listed_is_answered_for_each_in_one_reply() -> None:
    """我六十了能去不 with three listed and none open asked "哪一个?"."""
    chat = registered_chat(jobs=[GUARD, RANGER, GUARD | {"ref": "v5", "title": "保洁员", "age_min": None,
                                                         "age_max": None}])
    chat.say("有啥活干")
    assert chat.say("我六十五了能去不") == ["您65岁:\n1. 小区保安 (年龄: 18-60岁): 报不上\n"
                                           "2. 生态护林员 (年龄: 40-60岁): 报不上\n"
                                           "3. 保洁员: 没写年龄限制, 可以报\n想去就回复 报名+序号。"]
    sms = registered_chat(jobs=[GUARD, RANGER], channel="sms")
    sms.say("有啥活干")
    assert sms.say("我60了能去不") == ["您60岁:\n1. 小区保安 (年龄: 18-60岁): 可以报\n"
                                       "2. 生态护林员 (年龄: 40-60岁): 可以报\n想去就回复 报名+序号。"]


def test_can_i_do_the_one_named_is_about_its_fit_not_the_policy() -> None:
    """护林员那个俺能干不 got the policy's answer on public-welfare posts."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    assert chat.say("护林员那个俺能干不") == ["「生态护林员」是按您登记的情况找的, 您可以报 (年龄: 40-60岁)。"
                                             "想去就回复 报名 2。"]
    chat.say("1")
    assert chat.say("俺能干不") == ["「小区保安」是按您登记的情况找的, 您可以报 (年龄: 18-60岁; 要求: 身体健康)。"
                                   "想去就回复 报名 1。"]
    assert not chat.kinds("question_referred")


# -- a course named by a word of its trade not in its title ----------------------------------------------------------

WELDER = WELDING | {"ref": "t4", "title": "焊工培训"}
DRIVING = WELDING | {"ref": "t5", "title": "驾驶员培训", "provider": "威宁驾校", "kind": "pre_employment"}


def test_a_course_is_found_by_the_everyday_word_for_its_trade() -> None:
    """电焊那个要钱不 with 焊工培训 listed asked which one; 开车那个咋样 with 驾驶员培训 was referred to the
    caseworker."""
    chat = registered_chat(jobs=[WELDER, DRIVING])
    chat.say("想学个手艺")
    # (jobs18's wording of a course's cost)
    assert chat.say("电焊那个要钱不")[0] == "「焊工培训」的介绍里没写收学费, 还有补贴: 每人1500元。"
    assert chat.say("开车那个咋样")[0].startswith("驾驶员培训 (劳动预备制培训)")
    assert chat.say("学开车的多久") == ["「驾驶员培训」从 2026-12-10 到 2026-12-30, 一共21天。"]
    chat.say("报电焊的")
    assert [event.data["ref"] for event in chat.kinds("jobs.apply")] == ["t4"]
    assert not chat.kinds("question_referred")


# -- a push answered as people type ----------------------------------------------------------------------------------


def _pushed(chat, items: list[dict[str, Any]]) -> list[str]:  # type: ignore[no-untyped-def]
    return chat._run(chat._inbound(kind="event", event="jobs.push_items.result",  # as tests/jobs/test_jobs16_replies.py
                                   payload={"status": "ok", "trigger": "import", "items": items}))


@pytest.mark.parametrize(("said", "refs"), [("报名1和2", ["v1", "v3"]), ("1号2号都想去", ["v1", "v3"]),
                                            ("两个都报", ["v1", "v3"]), ("报1 2", ["v1", "v3"])])
def test_applying_for_two_at_once_applies_for_each(said: str, refs: list[str]) -> None:
    """报名1和2 was a new search; 1号2号都想去 was "none of these" (都…想去 read as 都不想去)."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.applications = {"v1": APPLIED, "v3": APPLIED | {"ref": "v3", "title": "生态护林员"}}
    _pushed(chat, [GUARD, RANGER])
    replies = chat.say(said)
    assert [event.data["ref"] for event in chat.kinds("jobs.apply")] == refs
    assert [reply.split("。")[0] for reply in replies] == ["已帮您报名「小区保安」", "已帮您报名「生态护林员」"]
    assert not chat.kinds("jobs.match")


def test_item_twelve_and_none_of_these_stay_what_they_were() -> None:
    """(A guard: 报名12 is item 12, 都不想去 none of these.)"""
    chat = registered_chat(jobs=[GUARD, RANGER])
    _pushed(chat, [GUARD, RANGER])
    chat.say("报名12")
    assert not chat.kinds("jobs.apply")
    chat.say("都不想去")
    assert chat.kinds("jobs.match")


def test_how_much_with_an_item_open_is_its_pay_and_night_duty_its_hours() -> None:
    """多少钱 with a job's details open was the list of subsidies one may get; 保安晚上要值班不 was referred."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    _pushed(chat, [GUARD, RANGER])
    chat.say("1")
    assert chat.say("多少钱") == ["「小区保安」的工资: 2500-3200元/月。"]
    assert chat.say("保安晚上要值班不")[0].startswith("「小区保安」的介绍里没写上班时间和休息。")
    assert chat.say("老婆也想去")[0].startswith("「小区保安」的介绍里没写能不能一家人一起去。")
    assert not chat.kinds("question_referred") and not chat.kinds("policy.subsidies")


def test_how_to_apply_their_age_alone_and_days_off_asked_of_a_push() -> None:
    """咋报名 was referred to the caseworker, 我53了 was 没太明白, 1号保安一个月几天假 got the closing date (几天)."""
    chat = registered_chat(jobs=[GUARD, RANGER], channel="sms")
    _pushed(chat, [GUARD, RANGER])
    assert chat.say("咋报名") == ["您想报名哪一个? 请回复 报名+序号, 比如: 报名 1。"]
    chat.say("1")
    assert chat.say("咋报名") == ["想报名「小区保安」就回复 报名 1。"]
    assert chat.say("我53了") == ["「小区保安」年龄: 18-60岁, 您53岁, 可以报。想去就回复 报名 1。"]
    assert chat.say("1号保安一个月几天假")[0].startswith("「小区保安」的介绍里没写上班时间和休息。")
    assert not chat.kinds("question_referred")


def test_a_push_of_courses_asked_about_their_fee_a_licence_and_bringing_food() -> None:
    """学费多少 with two courses pushed and none open got the technical schools' answer; 开车那个要驾照不 and 能带饭不
    were referred without their item."""
    chat = registered_chat(jobs=[WELDING, DRIVING])
    _pushed(chat, [WELDING, DRIVING])
    # (jobs21: what each course says of a fee, then the rule; it was "您问的是哪一个?")
    fee = chat.say("学费多少")
    assert fee[0].startswith("1. 电焊工培训班: 没写收学费, 补贴: 每人1500元\n2. 驾驶员培训: 没写收学费"), fee
    assert not any("技工" in said for said in fee)
    assert chat.say("开车那个要驾照不") == ["「驾驶员培训」的要求: 学历: 不限; 年龄: 18-55岁。"]
    assert chat.say("能带饭不")[0].startswith("「驾驶员培训」的介绍里没写包不包吃住。")
    assert not chat.kinds("question_referred")


def test_still_hiring_or_can_i_do_it_asked_after_applying_says_they_have() -> None:
    """还招人不 / 俺能干不 after applying said 想去就回复 报名 1."""
    chat = _applied_chat("李书记")
    assert chat.say("还招人不") == ["「小区保安」您已经报过名了, 工作人员会联系您。"]
    assert chat.say("俺能干不") == ["「小区保安」您已经报过名了, 工作人员会联系您。"]
