"""What a laborer met playing journeys 5-8 on the simulator (2026-12-05, fourth round), on WeChat and SMS, each
through the pure dialog step: the way people point at an item, ask for others, ask where, and say yes."""

from __future__ import annotations

import pytest

from dialogs import engine
from dialogs.flows.jobs_replies import reply_of
from dialogs.i18n import render
from dialogs.matching.profile import seeker_from_record
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import Inbound
from tests.jobs.test_dialog import GUARD, RANGER, WELDING, registered_chat
from tests.jobs.test_sms_list import WEINING
from tests.survey.driver import START

WORKSHOP = GUARD | {"ref": "v7", "title": "假发加工普工", "employer": "威宁县草海镇扶贫车间",
                    "requirements": "计件 管午饭", "address": "草海镇易地扶贫搬迁安置点"}
HOUSEKEEPING = WELDING | {"ref": "t3", "title": "家政服务员培训", "subsidy": "每人1200元"}


@pytest.mark.parametrize(("text", "expected"), [
    ("二号咋样", ("detail", 2)), ("2号怎么样", ("detail", 2)), ("第三个呢", ("detail", 3)),
    ("还有别的没", ("more", None)), ("有没有别的", ("more", None)), ("还有其他的吗", ("more", None)),
    ("在哪上课", ("where", None)), ("地址在哪", ("where", None)), ("在哪上班", ("where", None)),
    ("管午饭不", ("board", None)), ("失业金在哪领", None), ("还有别的政策吗", None),
])
def test_how_people_point_at_an_item_ask_for_others_and_ask_where(
    text: str, expected: tuple[str, int | None] | None
) -> None:
    """"二号咋样" was passed to the caseworker as a policy question, "还有别的没" was "not understood", "在哪上课"
    got the dates."""
    assert reply_of(text) == expected


def test_where_it_is_and_the_midday_meal_the_item_tells_of() -> None:
    chat = registered_chat(jobs=[GUARD, WORKSHOP])
    chat.say("有啥活干")
    chat.say("2号咋样")
    assert chat.say("管饭不") == ["「假发加工普工」的介绍写着: 管午饭。"]
    assert chat.say("在哪上班") == ["「假发加工普工」在: 毕节市威宁彝族回族苗族自治县 草海镇易地扶贫搬迁安置点。"]


def test_a_bare_yes_to_details_on_screen_says_how_to_apply_and_applies_for_nothing() -> None:
    """"中" after the details was "好的, 知道了" (as if nothing was on screen)."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("2")
    assert chat.say("中") == ["想报名「生态护林员」就回复 报名 2。"]
    assert not chat.kinds("jobs.apply")
    chat.applications = {"v3": {"status": "applied", "ref": "v3", "application_id": 5, "item": "vacancy",
                                "kind": "public_welfare", "title": "生态护林员", "contact": None}}
    chat.say("报名 2")
    assert "报名" not in " ".join(chat.say("好的"))  # applied: a yes is just a yes


def test_none_fits_after_a_push_of_jobs_looks_for_other_jobs_not_trainings() -> None:
    """A pushed list of jobs answered "都不中" showed trainings the person never asked for."""
    chat = registered_chat(jobs=[GUARD, WELDING, HOUSEKEEPING, RANGER])
    assert chat.state is not None
    pushed = Inbound(channel="wechat", address="u1", kind="event", dedup_key="push", received_at=START,
                     event="jobs.push_items.result", transport="internal",
                     payload={"status": "ok", "trigger": "import", "items": [GUARD]})
    chat.state = engine.step(chat.state, pushed, chat.ctx).state
    chat.say("都不中")
    assert chat.kinds("jobs.match")[-1].data["item"] == "vacancy"


def test_the_details_by_sms_are_one_message_of_two_parts_at_most() -> None:
    chat = registered_chat(jobs=[WORKSHOP | WEINING, GUARD | WEINING], channel="sms")
    chat.say("有啥活干")
    [details] = chat.say("1")
    assert "地点: 威宁县 草海镇易地扶贫搬迁安置点" in details and "推荐理由" not in details
    assert parts(details) <= MAX_PARTS


def test_someone_in_work_is_matched_for_more_than_they_earn_now() -> None:
    """"想换个活 工资高点的" from a man earning 3000 put jobs paying 2000-3000 among the best."""
    record = {"employment_status": "employed", "monthly_income": 3000, "home_division": "520526",
              "job_type": "小工"}
    assert seeker_from_record(1, record).expected_income == 3001
    assert seeker_from_record(1, record | {"expected_income": 2800}).expected_income == 2800
    assert seeker_from_record(1, record | {"employment_status": "unemployed"}).expected_income is None


def test_a_reason_too_long_for_an_sms_line_is_cut_where_its_phrase_ends() -> None:
    """"1.乡村保洁员 1200元/月 公益性岗位, …" read as a sentence cut off."""
    chat = registered_chat(jobs=[], channel="sms")
    assert chat.state is not None
    pushed = Inbound(channel="sms", address="u1", kind="event", dedup_key="push", received_at=START,
                     event="jobs.push_items.result", transport="internal",
                     payload={"status": "ok", "trigger": "import", "items": [RANGER, GUARD]})
    result = engine.step(chat.state, pushed, chat.ctx)
    sms = "\n".join(render(m, "zh_CN", "sms") for m in result.outbound)
    assert "1.生态护林员 1500元/月 公益性岗位\n" in sms and "…" not in sms


@pytest.mark.parametrize(("text", "expected"), [
    ("学费要钱不", ("cost", None)), ("培训收费吗", ("cost", None)), ("报名要交钱吗", ("cost", None)),
    ("失业登记要钱不", None), ("多少钱一个月", ("pay", None)),
])
def test_what_an_item_costs_is_asked_in_few_words(text: str, expected: tuple[str, int | None] | None) -> None:
    assert reply_of(text) == expected


def test_what_the_training_on_screen_costs_is_the_training_policy_not_the_technical_school() -> None:
    """"学费要钱不" after enrolling in a welding course got the technical schools' tuition answer."""
    chat = registered_chat(jobs=[WELDING, HOUSEKEEPING])
    chat.say("想学个手艺")
    chat.say("1")
    replies = chat.say("学费要钱不")
    assert replies[0] == "「电焊工培训班」的介绍里没写收学费, 还有补贴: 每人1500元。"  # (jobs18's wording)
    assert replies[1].startswith("【职业培训补贴】") and "一般不用交钱" in replies[1]
    assert (chat.state or {})["policy_topic"]["entry"] == "training_subsidy"


def test_a_job_that_costs_money_is_a_warning_and_a_school_fee_question_is_the_policy() -> None:
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    assert chat.say("技校学费多少")[0].startswith("【读技工院校")  # no item asked about: the policy
    chat.say("1")
    assert chat.say("要钱不") == [
        "「小区保安」是招工, 报名不用交钱。招工要您先交钱的要当心, 可以回复 人工 问工作人员。"]


def test_a_number_beyond_a_list_of_one_names_the_only_one() -> None:
    """"2号咋样" at a list of one was answered "请回复序号 1 到 1"."""
    chat = registered_chat(jobs=[GUARD])
    chat.say("有啥活干")
    assert chat.say("2号咋样") == ["只有 1 个, 回复 1 看详情, 回复 报名 1 报名。"]
    assert chat.say("报名2") == ["只有 1 个, 回复 1 看详情, 回复 报名 1 报名。"] and not chat.kinds("jobs.apply")


def test_where_by_sms_is_the_everyday_place_name() -> None:
    chat = registered_chat(jobs=[GUARD | WEINING], channel="sms")
    chat.say("有啥活干")
    assert chat.say("在哪") == ["「小区保安」在: 威宁县 草海镇建设路8号。"]


def test_what_the_item_on_screen_asks_of_them() -> None:
    """"要求啥" after the details was passed to the caseworker as a policy question."""
    chat = registered_chat(jobs=[GUARD, RANGER, WELDING])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say("要求啥") == ["「小区保安」的要求: 身体健康; 年龄: 18-60岁。"]
    chat.say("想学个手艺")
    assert chat.say("要啥学历") == ["「电焊工培训班」的要求: 学历: 不限; 年龄: 18-55岁。"]
    assert reply_of("公益岗有啥条件") is None  # a policy question


@pytest.mark.parametrize(("text", "expected"), [
    ("how much does it pay", "「小区保安」的工资: 2500-3200元/月。"),
    ("where is it", "「小区保安」在: 毕节市威宁彝族回族苗族自治县 草海镇建设路8号。"),
    ("is food included", "「小区保安」的介绍里没写包不包吃住。报了名工作人员会帮您问清楚, 也可以回复 人工 问。"),
    ("what are the requirements", "「小区保安」的要求: 身体健康; 年龄: 18-60岁。"),
])
def test_questions_about_the_item_on_screen_in_english(text: str, expected: str) -> None:
    """"how much does it pay" after the details was "not understood" and the menu (the texts here are zh_CN's:
    the English words are understood whatever the locale)."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say(text) == [expected]


def test_a_policy_follow_up_with_a_list_open_is_the_policys_and_the_list_takes_over_again() -> None:
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("失业金咋领")
    assert chat.say("在哪领")[0].startswith("【失业保险金")  # not the place of an item
    chat.say("1")
    assert chat.say("在哪") == ["「小区保安」在: 毕节市威宁彝族回族苗族自治县 草海镇建设路8号。"]
    assert reply_of("how much is unemployment benefit") is None and reply_of("when does it start") == ("when", None)


def test_applying_or_a_number_right_after_a_policy_answer_is_the_lists() -> None:
    """报名 names the policy's "apply" question word: after 失业金咋领 it must still apply for the item."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("失业金咋领")
    chat.say("报名 1")
    assert [e.data["ref"] for e in chat.kinds("jobs.apply")] == ["v1"]
    chat.say("失业金咋领")
    assert chat.say("2")[0].startswith("生态护林员 (公益性岗位)")
