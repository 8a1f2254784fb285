"""Play-testing of 2026-12-07 (jobs18): questions about work with no list open, news told with a list open, a
person's health, going home from a course, two questions typed without a blank, the reason a course was matched, and
an item named by its trade a day after its list."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dialogs.matching import engine
from dialogs.matching.profile import opening, seeker_from_record
from tests.jobs.test_dialog import GUARD, RANGER, WELDING, registered_chat

APPLIED = {"status": "applied", "application_id": 9, "item": "vacancy", "kind": "factory", "contact": None,
           "caseworker": "李书记"}
CLEANER = GUARD | {"ref": "v5", "title": "保洁员", "employer": "威宁万家超市", "age_min": None, "age_max": None,
                   "requirements": None, "reasons": []}


def _no_news(chat) -> bool:  # type: ignore[no-untyped-def]
    return not (chat.kinds("employment_status_changed") or chat.kinds("rights_issue_reported")
                or chat.kinds("question_referred"))


# -- 1. quitting and a work injury asked about with no list open ---------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("asked", ["能不能辞职", "干不满一个月能走吗", "可以辞职吗"])
def test_a_question_about_quitting_with_no_list_is_answered_not_news_of_a_job_lost(asked: str, channel: str) -> None:
    """能不能辞职 with no list open changed the form to unemployed and asked the survey's questions."""
    chat = registered_chat(channel=channel)
    [reply] = chat.say(asked)
    assert "30天" in reply and "试用期" in reply
    assert _no_news(chat)


@pytest.mark.parametrize("asked", ["工伤咋办", "工伤怎么办", "受伤咋办"])
def test_a_question_about_a_work_injury_is_answered_and_the_report_offered(asked: str) -> None:
    """工伤咋办 with no list open was an injury reported to the caseworker ("您受伤的事已转给…")."""
    chat = registered_chat()
    answer, offer = chat.say(asked)
    assert answer.startswith("【工伤: 医药费和赔偿】") and offer.startswith("如果是您自己受了伤, 回复 报工伤")
    assert _no_news(chat)
    chat.say("报工伤")
    assert [event.data["issue"] for event in chat.kinds("rights_issue_reported")] == ["other"]


@pytest.mark.parametrize("told", ["辞职了", "我工伤了怎么办", "我腿摔伤了 咋办"])
def test_quitting_or_an_injury_told_is_still_news(told: str) -> None:
    """(A guard: told, not asked.)"""
    chat = registered_chat()
    chat.say(told)
    assert chat.kinds("employment_status_changed") or chat.kinds("rights_issue_reported")


def test_a_benefit_question_naming_quitting_is_still_the_policys() -> None:
    """(A guard: 自己辞职能领失业金吗 is the unemployment benefit's question.)"""
    chat = registered_chat()
    assert "失业" in chat.say("自己辞职能领失业金吗")[0]


# -- 2. a break told, and "is this a scam" with a list open ---------------------------------------------------------


@pytest.mark.parametrize("opened", [False, True])
def test_a_break_of_their_own_work_told_with_a_list_open_is_noted(opened: bool) -> None:
    """厂里放假了 with a list open asked "您问的是哪一个?" (the hours question); with an item open it said that
    item's hours."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    if opened:
        chat.say("1")
    assert chat.say("厂里放假了") == ["好的, 知道了。放假这段时间想找点活干, 回复 有啥活干; "
                                     "要是厂里不干了, 也告诉我们。"]
    assert _no_news(chat) and chat.awaiting == "jobs"
    assert chat.say("2")[0].startswith("生态护林员")  # the list is still open


def test_the_days_off_asked_are_still_the_items_question() -> None:
    """(A guard.)"""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say("放假了吗")[0].startswith("「小区保安」的介绍里没写上班时间和休息")


def test_is_this_a_scam_with_a_list_open_is_who_we_are_and_the_lists_answer_not_the_list_again() -> None:
    """这是骗人的吧 with a list open got who-we-are and then the whole list again (five messages)."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    who, lists = chat.say("这是骗人的吧")
    assert who.startswith("我们是就业帮扶服务") and lists.startswith("这些都是县人社部门核过后发布的")
    chat.say("1")
    assert chat.say("这是骗人的吧")[1].startswith("「小区保安」(威宁鑫安物业公司) 是县人社部门核过后发布的")


# -- 3. their health, asked about a job --------------------------------------------------------------------------------


def test_their_health_asked_about_a_job_is_answered_from_its_words_with_the_item_named() -> None:
    """我腿不好 能干不 was referred to the caseworker without its job; 护林员那个 我腿脚不好 能干不 recorded them as
    unable to work."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say("我腿不好 能干不") == ["「小区保安」的介绍写着: 身体健康。您身体的情况能不能干, "
                                         "报了名工作人员会帮您问清楚, 也可以回复 人工 问。"]
    assert chat.say("护林员那个 我腿脚不好 能干不") == [
        "「生态护林员」的介绍里没写要不要干重活、站得久不久。您身体的情况能不能干, 报了名工作人员会帮您问清楚, "
        "也可以回复 人工 问。"]
    assert _no_news(chat)


# -- 4 and 7. two questions in one message, with or without a blank; a course's difficulty and cost --------------


@pytest.mark.parametrize("asked", ["在哪上课 能天天回家不", "在哪上课能天天回家不"])
def test_where_and_whether_they_can_go_home_each_day_get_both_answers(asked: str) -> None:
    """在哪上课 能天天回家不 answered only the place (能天天回家不 alone was referred)."""
    chat = registered_chat(jobs=[WELDING])
    chat.say("想学个手艺")
    where, home = chat.say(asked)
    assert where.startswith("「电焊工培训班」在毕节市威宁彝族回族苗族自治县上课")
    assert home == ("「电焊工培训班」的介绍里没写要不要住在那、能不能天天回家。"
                    "报了名工作人员会帮您问清楚, 也可以回复 人工 问。")
    assert _no_news(chat)


def test_a_course_that_says_it_is_residential_is_told() -> None:
    chat = registered_chat(jobs=[WELDING | {"requirements": "全封闭住校, 管吃住"}])
    chat.say("想学个手艺")
    assert chat.say("能天天回家不") == ["「电焊工培训班」的介绍写着: 全封闭住校。"]


def test_how_much_and_where_typed_together_get_both_and_a_course_costs_what_it_says() -> None:
    """多少钱在哪 answered only the place; 要钱不 of a course said "「电焊工培训班」: 补贴: 每人1500元。"."""
    chat = registered_chat(jobs=[WELDING])
    chat.say("想学个手艺")
    replies = chat.say("多少钱在哪")
    assert replies[0] == "「电焊工培训班」的介绍里没写收学费, 还有补贴: 每人1500元。"
    assert replies[1].startswith("【职业培训补贴】") and replies[2].startswith("「电焊工培训班」在毕节市")


def test_one_question_with_the_age_is_not_cut_in_two() -> None:
    """(A guard: 我52了能去不 is one question.)"""
    chat = registered_chat(jobs=[GUARD])
    chat.say("有啥活干")
    assert len(chat.say("我52了能去不")) == 1


def test_how_hard_a_course_is_with_it_on_screen_is_about_it_not_a_new_search() -> None:
    """学电焊难不难 with the welding course listed looked the courses up again."""
    chat = registered_chat(jobs=[WELDING])
    chat.say("想学个手艺")
    assert chat.say("学电焊难不难") == ["「电焊工培训班」的介绍里没写学起来难不难。"
                                       "报了名工作人员会帮您问清楚, 也可以回复 人工 问。"]
    assert len(chat.kinds("jobs.match")) == 1


def test_their_age_asked_after_applying_says_they_have_applied() -> None:
    """我52了能去不 after applying said 想去就回复 报名 1."""
    chat = registered_chat(jobs=[CLEANER, RANGER])
    chat.applications = {"v5": APPLIED | {"ref": "v5", "title": "保洁员"}}
    chat.say("有啥活干")
    chat.say("报名1")
    assert chat.say("我52了能去不") == ["「保洁员」的介绍里没写年龄限制, 您52岁可以去。"
                                       "您已经报过名了, 工作人员会联系您。"]


# -- 5. the reason a course was matched ----------------------------------------------------------------------------


def test_the_reason_names_the_work_asked_for_not_another_the_course_also_names() -> None:
    """A 月嫂 course for someone who once cleaned said 岗位对口: 保洁 (the lower group number, not their wish)."""
    seeker = seeker_from_record(1, {"home_division": "520526", "job_type": "保洁"}, wishes=["有没有月嫂培训"])
    course = opening(id=1, item="training", external_id="T1", kind="pre_employment", division="520526",
                     title="家政服务培训", job_type="月嫂 保洁")
    scored = engine.score(seeker, course, date(2026, 12, 7))
    assert scored is not None
    assert [reason.params for reason in scored.reasons if reason.key.endswith("job_type")] == [{"job": "月嫂"}]


# -- 6. an item named by its trade a day after the list ------------------------------------------------------------


@pytest.mark.parametrize("said", ["扫地那个 我想报名", "报扫地的"])
def test_an_item_named_by_its_trade_a_day_later_is_applied_for(said: str) -> None:
    """扫地那个 我想报名 a day after the list looked jobs up again."""
    chat = registered_chat(jobs=[GUARD, CLEANER, RANGER])
    chat.applications = {"v5": APPLIED | {"ref": "v5", "title": "保洁员"}}
    chat.say("有啥活干")
    chat.later(hours=26)
    [reply] = chat.say(said)
    assert reply.startswith("已帮您报名「保洁员」")
    assert [event.data["ref"] for event in chat.kinds("jobs.apply")] == ["v5"]
    assert len(chat.kinds("jobs.match")) == 1


def test_a_wish_naming_no_listed_item_a_day_later_is_still_a_search() -> None:
    """(A guard.)"""
    chat: Any = registered_chat(jobs=[GUARD, CLEANER])
    chat.say("有啥活干")
    chat.later(hours=26)
    chat.say("我想报名 电焊的活有没有")
    assert not chat.kinds("jobs.apply")


# -- 8. a push answered as people type, days later too ----------------------------------------------------------------


def _pushed(chat, items: list[dict[str, Any]]) -> list[str]:  # type: ignore[no-untyped-def]
    return chat._run(chat._inbound(kind="event", event="jobs.push_items.result",  # as tests/jobs/test_jobs17_replies.py
                                   payload={"status": "ok", "trigger": "import", "items": items}))


STANDING = CLEANER | {"requirements": "要站着干活, 白班"}


@pytest.mark.parametrize(("said", "title"), [("第三个是干啥的", "电焊工培训班"), ("2是做什么的", "小区保安"),
                                             ("保安那个是干啥的", "小区保安")])
def test_what_an_item_pushed_is_asked_with_its_number_or_name_gives_its_details(said: str, title: str) -> None:
    """第三个是干啥的 on a push got the service's greeting, its help and the menu (你们是干啥的)."""
    chat = registered_chat(jobs=[STANDING, GUARD, WELDING])
    _pushed(chat, [STANDING, GUARD, WELDING])
    assert chat.say(said)[0].startswith(f"{title} (")


def test_who_we_are_is_still_asked_with_a_push_on_screen() -> None:
    """(A guard.)"""
    chat = registered_chat(jobs=[STANDING, GUARD])
    _pushed(chat, [STANDING, GUARD])
    assert chat.say("你们是干啥的")[0].startswith("我们是就业帮扶服务")


def test_standing_or_sitting_asked_is_what_the_job_says() -> None:
    """这个活站着干还是坐着干 was 没太明白 and the menu."""
    chat = registered_chat(jobs=[STANDING, GUARD], channel="sms")
    _pushed(chat, [STANDING, GUARD])
    chat.say("1")
    assert chat.say("这个活站着干还是坐着干") == ["「保洁员」的介绍写着: 要站着干活。"]


def test_a_change_of_mind_days_after_applying_goes_to_the_caseworker() -> None:
    """俺不想去了 a day after applying was 没太明白 and the menu."""
    chat = registered_chat(jobs=[STANDING, GUARD])
    chat.applications = {"v5": APPLIED | {"ref": "v5", "title": "保洁员"}}
    _pushed(chat, [STANDING, GUARD])
    chat.say("报名1")
    chat.later(hours=30)
    assert chat.say("俺不想去了") == ["好的, 您要取消报名, 已转告负责您的工作人员, 他们会帮您撤下报名、告诉单位。"]
    assert [event.data["reason"] for event in chat.kinds("human_requested")] == ["cancel_application"]


def test_not_going_said_by_someone_who_never_applied_cancels_nothing() -> None:
    """(A guard: no application, no withdrawal asked.)"""
    chat = registered_chat(jobs=[STANDING, GUARD])
    chat.say("俺不想去了")
    assert not chat.kinds("jobs.withdraw")


def test_others_asked_for_days_after_a_push_are_looked_up() -> None:
    """有没有别的 four days after a push got the policy's answer on working elsewhere (可以, 去哪干活您自己定)."""
    chat = registered_chat(jobs=[STANDING, GUARD])
    _pushed(chat, [STANDING, GUARD])
    chat.later(hours=80)
    replies = chat.say("有没有别的")
    assert chat.kinds("jobs.match") and not any("自己定" in reply for reply in replies)


@pytest.mark.parametrize("asked", ["报名了咋没人联系我", "那个保洁的活还要我不", "有消息没"])
def test_waiting_for_word_days_after_applying_is_about_the_application(asked: str) -> None:
    """报名了咋没人联系我 three days after applying was a new search; 那个保洁的活还要我不 was 没太明白 and the menu."""
    chat = registered_chat(jobs=[STANDING, GUARD])
    chat.applications = {"v5": APPLIED | {"ref": "v5", "title": "保洁员"}}
    _pushed(chat, [STANDING, GUARD])
    chat.say("报名1")
    chat.later(hours=72)
    assert chat.say(asked) == ["「保洁员」您已报了名, 负责您的工作人员李书记会联系您; 您在等消息, 已告诉了他们。"
                               "等不及可以回复 人工。"]
    [note] = chat.kinds("application_note")
    assert note.data["application_id"] == 9 and note.data["asked"] is True
    assert len(chat.kinds("jobs.match")) == 0
    chat.say(asked)
    assert len(chat.kinds("application_note")) == 1  # the caseworker is told once a day


def test_waiting_for_word_on_an_item_not_applied_for_says_how_to_apply() -> None:
    chat = registered_chat(jobs=[STANDING, GUARD])
    _pushed(chat, [STANDING, GUARD])
    chat.say("2")
    assert chat.say("有消息没") == ["「小区保安」您还没报名。想去就回复 报名 2。"]


def test_a_change_of_mind_after_another_list_still_withdraws() -> None:
    """俺不想去了 after 有没有别的 brought a new list (the applications kept are the last one's) was 没太明白."""
    chat = registered_chat(jobs=[STANDING, GUARD])
    chat.applications = {"v5": APPLIED | {"ref": "v5", "title": "保洁员"}}
    chat.say("有啥活干")
    chat.say("报名1")
    chat.later(hours=30)
    chat.say("有没有别的")
    assert chat.say("俺不想去了")[0].startswith("好的, 您要取消报名")


@pytest.mark.parametrize("asked", ["有没有包吃住的", "哪个管住"])
def test_which_of_several_has_board_is_answered_for_each(asked: str) -> None:
    """有没有包吃住的 with several pushed and none open asked "您问的是哪一个?"."""
    chat = registered_chat(jobs=[STANDING, GUARD | {"requirements": "身体健康, 管住"}])
    _pushed(chat, [STANDING, GUARD | {"requirements": "身体健康, 管住"}])
    assert chat.say(asked) == ["1. 保洁员: 没写\n2. 小区保安: 写着 管住\n"
                               "想看详情回复序号; 没写的, 报了名工作人员会帮您问清楚。"]


def test_board_asked_with_several_and_none_open_is_answered_for_both() -> None:
    """包吃住不 with two listed and neither says: one answer naming both (jobs23; it asked which one)."""
    chat = registered_chat(jobs=[STANDING, GUARD])
    _pushed(chat, [STANDING, GUARD])
    assert chat.say("包吃住不") == [
        "「保洁员」、「小区保安」的介绍里没写包不包吃住。报了名工作人员会帮您问清楚, 也可以回复 人工 问。"]


def test_what_work_someone_with_a_disability_can_do_is_no_question_about_the_item() -> None:
    """(A guard: 我是听力残疾 能干点啥不 asks what work there is, not whether they can do the item open.)"""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert not any(reply.startswith("「小区保安」") for reply in chat.say("我是听力残疾 能干点啥不 想自己挣点"))


def test_which_is_better_shows_the_ones_named_side_by_side() -> None:
    """1号和2号哪个好 on a push was 没太明白 and the menu."""
    chat = registered_chat(jobs=[STANDING, GUARD, WELDING])
    _pushed(chat, [STANDING, GUARD, WELDING])
    [reply] = chat.say("1号和2号哪个好")
    lines = reply.splitlines()
    assert lines[0].startswith("看您更看重啥") and lines[-1].startswith("想去就回复 报名+序号")
    assert [line.split(":")[0] for line in lines[1:-1]] == ["1. 保洁员", "2. 小区保安"]
    assert len(chat.say("选哪个")[0].splitlines()) == 5  # none named: all three


def test_a_change_of_mind_right_after_applying_withdraws_it_not_a_note() -> None:
    """俺不想去了 just after applying was kept as a note (好的, 这个情况已转告工作人员, 对接「…」时会一起说)."""
    chat = registered_chat(jobs=[STANDING, GUARD])
    chat.applications = {"v5": APPLIED | {"ref": "v5", "title": "保洁员"}}
    chat.say("有啥活干")
    chat.say("报名1")
    assert chat.say("俺不想去了")[0].startswith("好的, 您要取消报名")
    assert not chat.kinds("application_note")
