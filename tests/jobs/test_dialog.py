"""The jobs dialog on its own (dialogs/flows/jobs.py): the list with reasons, details by number, applying,
more, the hand-overs from the survey and to it. Look-up results are fed back as the effects would."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from dialogs.flows.jobs_replies import reply_of
from dialogs.sms_text import parts
from tests.survey.driver import Chat

GUARD = {
    "ref": "v1", "item": "vacancy", "kind": "factory", "title": "小区保安", "employer": "威宁鑫安物业公司",
    "place": "毕节市威宁彝族回族苗族自治县", "address": "草海镇建设路8号", "salary_min": 2500, "salary_max": 3200,
    "age_min": 18, "age_max": 60, "places_left": 3, "requirements": "身体健康", "transport_subsidy": None,
    "expires": "2026-12-31",
    "reasons": [{"key": "match.reason.job_type", "params": {"job": "保安"}},
                {"key": "match.reason.same_county", "params": {}}],
}
RANGER = {
    "ref": "v3", "item": "vacancy", "kind": "public_welfare", "title": "生态护林员", "employer": "威宁县林业局",
    "place": "毕节市威宁彝族回族苗族自治县", "address": None, "salary_min": 1500, "salary_max": 1500, "age_min": 40,
    "age_max": 60, "places_left": 5, "requirements": None, "transport_subsidy": None, "expires": "2026-12-31",
    "reasons": [{"key": "match.reason.public_welfare_older", "params": {}},
                {"key": "match.reason.same_county", "params": {}}],
}
WELDING = {
    "ref": "t2", "item": "training", "kind": "upgrade", "title": "电焊工培训班", "provider": "威宁职业培训中心",
    "place": "毕节市威宁彝族回族苗族自治县", "starts": "2026-12-10", "ends": "2026-12-30", "education_min": "none",
    "subsidy": "每人1500元", "places_left": 1, "age_min": 18, "age_max": 55, "expires": "2026-12-09",
    "reasons": [{"key": "match.reason.training_subsidy", "params": {}}],
}
EXTRA = [GUARD | {"ref": f"v{n}", "title": f"岗位{n}", "reasons": []} for n in range(10, 14)]


def registered_chat(**kwargs: Any) -> Chat:
    chat = Chat(**kwargs)
    chat.state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
                  "consent": {"given": True}}
    return chat


def test_asking_for_work_shows_the_best_three_with_their_reasons() -> None:
    chat = registered_chat(jobs=[GUARD, RANGER, WELDING])
    replies = chat.say("有没有保安的活")
    [match] = chat.kinds("jobs.match")
    assert match.data["item"] == "vacancy" and match.data["wishes"] == ["有没有保安的活"]
    # Both in one county: said once, not on every line.
    assert replies[0] == "根据您的情况, 为您找到这些工作, 都在毕节市威宁彝族回族苗族自治县:"
    assert replies[1] == "1. 小区保安 (威宁鑫安物业公司)\n   2500-3200元/月\n   推荐理由: 岗位对口: 保安; 离家近 (同县)"
    assert replies[2].startswith("2. 生态护林员 (威宁县林业局)") and "1500元/月" in replies[2]
    assert replies[2].endswith("推荐理由: 公益性岗位, 适合年纪大一些的; 离家近 (同县)")
    assert replies[-1].startswith("回复序号看详情") and len(replies) == 4  # the training is not a job
    assert chat.awaiting == "jobs"


def test_a_number_shows_the_details_and_i_want_this_one_applies_for_it() -> None:
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.applications = {"v1": {"status": "applied", "ref": "v1", "application_id": 7, "item": "vacancy",
                                "kind": "factory", "title": "小区保安", "contact": "+8613800000001"}}
    chat.say("有啥活干")
    [details] = chat.say("1")
    assert details.splitlines() == [
        "小区保安 (企业招工)", "单位: 威宁鑫安物业公司", "地点: 毕节市威宁彝族回族苗族自治县 草海镇建设路8号",
        "工资: 2500-3200元/月", "年龄: 18-60岁", "还剩名额: 3", "要求: 身体健康", "报名截止: 2026-12-31",
        "推荐理由: 岗位对口: 保安; 离家近 (同县)", "回复 报名 1 就可以报名。",
    ]
    assert "13800000001" not in details  # the phone only after applying
    replies = chat.say("我想去这个")
    assert [e.data["ref"] for e in chat.kinds("jobs.apply")] == ["v1"]
    assert replies == ["已帮您报名「小区保安」。您也可以直接打电话联系: 13800000001。"
        "接下来负责您的工作人员也会联系您, 帮您跟单位约面试或上岗的时间; 7天后我们会问问您进展。"]
    [made] = chat.kinds("application_made")
    assert made.data["application_id"] == 7 and made.data["ref"] == "v1" and made.data["item_kind"] == "factory"


@pytest.mark.parametrize(("status", "expected"), [
    ("applied", "已帮您报名「生态护林员」。"
        "接下来负责您的工作人员会联系您, 帮您跟单位约面试或上岗的时间; 7天后我们会问问您进展, 等不及可以回复 人工。"),
    ("already", "「生态护林员」您已经报过名了, 工作人员会联系您。"),
    ("full", "「生态护林员」已经招满了, 看看其它的吧。"),
    ("closed", "「生态护林员」已经停止招了, 看看其它的吧。"),
    ("unknown", "抱歉, 暂时查不到工作信息, 请稍后再问一次。"),
])
def test_applying_by_number_and_every_outcome(status: str, expected: str) -> None:
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.applications = {"v3": {"status": status, "ref": "v3", "application_id": 8 if status == "applied" else None,
                                "item": "vacancy", "kind": "public_welfare", "title": "生态护林员", "contact": None}}
    chat.say("有啥活干")
    assert chat.say("报名 2") == [expected]
    assert bool(chat.kinds("application_made")) == (status == "applied")
    assert chat.awaiting == "jobs"


def test_which_one_when_it_is_not_clear_and_numbers_out_of_range() -> None:
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    assert chat.say("我想去这个") == ["您想报名哪一个? 请回复 报名+序号, 比如: 报名 1。"]
    assert chat.say("5") == ["请回复序号 1 到 2。"]
    assert chat.say("报名 9") == ["请回复序号 1 到 2。"]
    assert not chat.kinds("jobs.apply")


def test_more_shows_others_and_then_says_there_are_no_more() -> None:
    chat = registered_chat(jobs=[GUARD, *EXTRA])
    first = chat.say("有啥活干")
    assert [r.split(" ")[1] for r in first[1:4]] == ["小区保安", "岗位10", "岗位11"]
    more = chat.say("更多")
    assert chat.kinds("jobs.match")[-1].data["exclude"] == ["v1", "v10", "v11"]
    assert [r.split(" ")[1] for r in more[1:3]] == ["岗位12", "岗位13"]
    assert chat.say("还有吗") == ["没有更多了。回复序号看详情, 或回复 报名+序号 报名。"]
    assert chat.say("2")[0].startswith("岗位13")  # the last list shown is still the one numbers refer to


def test_learning_a_trade_shows_trainings() -> None:
    chat = registered_chat(jobs=[GUARD, WELDING])
    replies = chat.say("想学个手艺")
    assert chat.kinds("jobs.match")[0].data["item"] == "training"
    assert replies[0] == "根据您的情况, 为您找到这些培训, 都在毕节市威宁彝族回族苗族自治县:"
    assert replies[1] == "1. 电焊工培训班 (威宁职业培训中心)\n   补贴: 每人1500元\n   推荐理由: 有培训补贴"
    details = chat.say("1")[0].splitlines()
    assert "时间: 2026-12-10 到 2026-12-30" in details and "学历: 不限" in details


def test_nothing_suits_and_the_menu_entries() -> None:
    chat = registered_chat(jobs=[])
    assert chat.say("有啥活干") == ["暂时没有适合您的工作。有新的会发给您, 也可以回复 人工 问工作人员。"]
    assert chat.state is not None and chat.state["flow"] is None
    chat.jobs = [WELDING]
    assert chat.event("click") == []  # a click without a key does nothing
    chat.say("菜单")
    replies = chat.say("3")  # 学技术 (培训)
    assert replies[0].startswith("根据您的情况, 为您找到这些培训")


def test_someone_unknown_is_registered_first() -> None:
    chat = Chat(jobs=None)
    chat.event("subscribe")
    chat.say("1")  # consent
    chat.say("王小明")
    chat.state["flow"] = None  # type: ignore[index]  # they left the survey to ask for work
    replies = chat.say("有啥活干")
    assert replies[0].startswith("要推荐适合您的工作, 需要先知道您家在哪")
    assert chat.state is not None and chat.state["flow"] == "survey"
    assert chat.awaiting == "id_number"  # the survey goes on where it was


def test_the_end_of_the_survey_shows_work_to_someone_looking_for_it() -> None:
    from tests.survey.test_dialog import consented, identity

    chat = consented()
    chat.jobs = [GUARD, RANGER, WELDING]
    identity(chat)
    chat.say("2")  # unemployed
    chat.say("1")  # wants work
    chat.say("1 2")  # job referral and training
    chat.say("4")  # anywhere
    for _ in range(4):
        chat.say("不知道")
    replies = chat.say("0")
    assert replies[0] == "谢谢! 您的信息已保存, 工作人员审核后生效。"
    assert replies[1].startswith("根据您的情况, 为您找到这些工作和培训")
    assert chat.kinds("jobs.match")[0].data["item"] is None
    assert chat.kinds("jobs.match")[0].data["answers"]["employment_status"] == "unemployed"
    assert chat.awaiting == "jobs"


def test_a_list_from_yesterday_no_longer_takes_numbers() -> None:
    chat = registered_chat(jobs=[GUARD])
    chat.say("有啥活干")
    chat.now += timedelta(days=2)
    replies = chat.say("1")
    assert replies[0] == "抱歉, 没太明白您的意思。" and chat.awaiting == "menu"
    assert not chat.kinds("jobs.apply")


def test_on_sms_the_list_is_short() -> None:
    chat = registered_chat(jobs=[GUARD, RANGER], channel="sms")
    [page] = chat.say("有啥活干")  # one message (tests/jobs/test_sms_list.py)
    # (jobs21: one part; the reasons and the footer's 报名 are left to the details)
    assert page.splitlines()[1] == "1.小区保安 2500-3200元/月" and parts(page) == 1
    assert page.splitlines()[-1] == "回序号看详情, 回0看更多"


@pytest.mark.parametrize(("text", "expected"), [
    ("2", ("detail", 2)), ("第2个", ("detail", 2)), ("看看3", ("detail", 3)), ("２", ("detail", 2)),
    ("二", ("detail", 2)), ("报名 2", ("apply", 2)), ("报名2", ("apply", 2)), ("我要报名第3个", ("apply", 3)),
    ("2号我想去", ("apply", 2)), ("报名二", ("apply", 2)), ("apply 1", ("apply", 1)),
    ("我想去这个", ("apply", None)), ("就这个吧", ("apply", None)), ("报名", ("apply", None)),
    ("我要参加这个培训", ("apply", None)), ("更多", ("more", None)), ("还有吗", ("more", None)),
    ("跨省打工有补助吗", None), ("你好", None), ("", None), ("2000", None),
])
def test_replies_to_the_list(text: str, expected: tuple[str, int | None] | None) -> None:
    assert reply_of(text) == expected


def test_the_phone_asked_again_after_applying_is_given_again_and_before_applying_is_explained() -> None:
    """"那个电话多少" right after applying was "not understood" and the menu."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.applications = {"v1": {"status": "already", "ref": "v1", "application_id": None, "item": "vacancy",
                                "kind": "factory", "title": "小区保安", "contact": "+8613800000001"}}
    chat.say("有啥活干")
    chat.say("2")
    assert chat.say("电话多少") == [
        "报了名就告诉您联系电话 (单位愿意公开的话), 工作人员也会联系您。回复 报名 2 就可以报名。"]
    assert not chat.kinds("jobs.apply")
    chat.applications["v1"]["status"] = "applied"
    chat.say("报名1")
    chat.applications["v1"]["status"] = "already"
    replies = chat.say("那个电话多少")
    assert [e.data["ref"] for e in chat.kinds("jobs.apply")] == ["v1", "v1"]
    # One message with the phone: not "already applied" followed by "applied" again.
    assert replies == ["「小区保安」您已经报过名了。联系电话: 13800000001, 工作人员也会联系您。"]
    assert chat.awaiting == "jobs"
    assert len(chat.kinds("application_made")) == 1  # asking again applies for nothing more


BOARDED = GUARD | {"ref": "v5", "title": "物流分拣员", "requirements": "两班倒, 包吃住, 宿舍4人间"}


@pytest.mark.parametrize(("text", "expected"), [
    ("一个月能拿多少", ("pay", None)), ("工资咋算", ("pay", None)), ("能挣多少钱", ("pay", None)),
    ("多少钱一个月", ("pay", None)), ("包吃住不", ("board", None)), ("管吃住吗", ("board", None)),
    ("住宿咋弄", ("board", None)), ("都不合适 有没有近点的", ("none_fit", None)), ("都不中", ("none_fit", None)),
    ("没有合适的", ("none_fit", None)), ("啥时候开班", ("when", None)), ("培训几天", ("when", None)),
    ("中 俺报名", ("apply", None)), ("那就报名吧", ("apply", None)), ("俺报第2个", ("apply", 2)),
    ("好 就这个", ("apply", None)), ("不去", None), ("中", None), ("失业金啥时候到账", None),
    # About the policy or a rights report, not the item on screen.
    ("失业金一个月能拿多少", None), ("培训补贴给多少", None), ("老板拖了俩月工资", None), ("老板不发工资咋办", None),
])
def test_questions_about_the_item_on_screen(text: str, expected: tuple[str, int | None] | None) -> None:
    assert reply_of(text) == expected


def test_pay_and_food_and_lodging_of_the_item_whose_details_are_open() -> None:
    """"包吃住不" was passed to the caseworker and "一个月能拿多少" got "not understood" and the menu."""
    chat = registered_chat(jobs=[GUARD, BOARDED, WELDING])
    chat.say("有啥活干")
    # (each one's pay since jobs20, tests/jobs/test_jobs20.py: it asked "哪一个?")
    assert chat.say("一个月能拿多少")[0].startswith("1. 小区保安: 2500-3200元/月\n2. 物流分拣员: 2500-3200元/月")
    chat.say("1")
    assert chat.say("一个月能拿多少") == ["「小区保安」的工资: 2500-3200元/月。"]
    assert chat.say("包吃住不") == [
        "「小区保安」的介绍里没写包不包吃住。报了名工作人员会帮您问清楚, 也可以回复 人工 问。"]
    chat.say("2")
    assert chat.say("管吃住吗") == ["「物流分拣员」的介绍写着: 包吃住; 宿舍4人间。"]
    chat.say("想学个手艺")
    assert chat.say("工资咋算") == ["「电焊工培训班」是培训, 不发工资。补贴: 每人1500元。"]
    assert chat.say("啥时候开班") == ["「电焊工培训班」的时间: 2026-12-10 到 2026-12-30。"]  # not a new search
    chat.applications = {"t2": {"status": "applied", "ref": "t2", "application_id": 4, "item": "training",
                                "kind": "upgrade", "title": "电焊工培训班", "contact": None}}
    assert chat.say("中 俺报名") == ["已帮您报名「电焊工培训班」。"
        "接下来负责您的工作人员会联系您, 开班的时间和地点会提前告诉您; 等不及可以回复 人工。"]
    assert not chat.kinds("question_referred") and chat.awaiting == "jobs"


def test_none_fits_shows_others_or_says_there_are_none_for_now() -> None:
    chat = registered_chat(jobs=[GUARD, RANGER, BOARDED, *EXTRA])
    chat.say("有啥活干")
    replies = chat.say("都不合适 有没有近点的")
    [_, again] = chat.kinds("jobs.match")
    assert again.data["exclude"] == ["v1", "v3", "v5"] and replies[1].startswith("1. 岗位10")
    chat.jobs = []
    assert chat.say("都不中") == ["暂时没有更合适的了。有新的会马上发给您; 想让工作人员帮您找, 回复 人工。"]
    assert chat.say("更多") == ["没有更多了。回复序号看详情, 或回复 报名+序号 报名。"]
    assert not chat.kinds("question_referred")
