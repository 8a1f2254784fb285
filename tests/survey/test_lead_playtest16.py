"""The lead's play-test of 2026-12-07 (ninth stop): a woman of 35 from 商城县 stitching shoe uppers in 温州, on
WeChat, and others (tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from dialogs.flows.registration.flow import SUBMIT
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest15 import _at_work_place


@pytest.mark.parametrize("text", ["初中", "初中毕业", "高中文化", "小学"])
def test_a_schooling_level_at_the_work_address_is_not_the_address(text: str) -> None:
    """"初中" (her schooling, said at "具体的工作地址或工地?") was saved as the work address "初中"."""
    chat = _at_work_place()
    chat.say(text)
    assert "work_place" not in chat.answers, chat.answers
    assert chat.awaiting == "work_place"


def test_a_school_named_at_the_work_address_is_still_the_address() -> None:
    """A guard: a school where one works (a cook in its canteen) is still taken (as the employer, named)."""
    chat: Chat = _at_work_place()
    chat.say("县一中食堂")
    assert chat.answers["employer"] == "县一中食堂"


def _at_work_after_checkin() -> Chat:
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("在的")
    chat.say("1")
    assert chat.awaiting is None and chat.answers["employment_status"] == "employed"
    return chat


@pytest.mark.parametrize("text", ["怀孕了能领啥补贴不", "我怀孕了", "休产假了 产假工资谁发"])
def test_expecting_while_at_work_is_answered_and_the_job_kept(text: str) -> None:
    """"怀孕了能领啥补贴不" from a woman on record at her shoe factory was "知道了, 您现在暂时不能工作" and a form to
    confirm without her job; "休产假了 产假工资谁发" was "没太明白". What she may get is answered; the job is kept."""
    chat = _at_work_after_checkin()
    replies = chat.say(text)
    assert any("生育津贴" in reply for reply in replies), replies
    assert chat.answers["employment_status"] == "employed"
    assert chat.awaiting is None


def test_work_given_up_for_the_child_is_recorded_and_the_question_answered() -> None:
    """"怀孕了辞职了 能领啥补贴不": recorded unable to work (as before), and the question answered (it was not)."""
    chat = _at_work_after_checkin()
    replies = chat.say("怀孕了辞职了 能领啥补贴不")
    assert any("生育津贴" in reply for reply in replies), replies
    assert chat.awaiting == "summary"
    assert chat.state["survey"]["answers"]["employment_status"] == "unable"


def test_work_given_up_to_wait_for_the_birth_is_still_news() -> None:
    """A guard: 怀孕了 不干了 回家待产 tells that she stopped work."""
    chat = _at_work_after_checkin()
    chat.say("怀孕了 不干了 回家待产")
    assert chat.awaiting == "summary"
    assert chat.state["survey"]["answers"]["employment_status"] == "unable"


@pytest.mark.parametrize("text", ["不对 我还在上班的 只是问问", "我没说不干 还在原来厂里", "不对"])
def test_a_change_of_status_denied_right_after_puts_everything_back(text: str) -> None:
    """"不对 我还在上班的 只是问问" at the summary shown after a change of status we read ("怀孕了 不干了 回家待产"
    standing in for any misreading) asked the job's questions all over again: the job's answers were gone. Now the
    status and every answer the change took away come back, with their history, and the summary to confirm."""
    chat = _at_work_after_checkin()
    before = dict(chat.answers)
    chat.say("怀孕了 不干了 回家待产")
    assert chat.answers["employment_status"] == "unable" and "employer" not in chat.answers
    replies = chat.say(text)
    assert "是我理解错了" in replies[0], replies
    assert chat.awaiting == "summary"
    assert chat.answers == before
    restored = [e.data for e in chat.kinds("employment_status_changed")][-1]
    assert (restored["old"], restored["new"], restored["reason"]) == ("unable", "employed", "corrected")
    assert {e.data["field"] for e in chat.kinds("field_changed") if e.data["new"] == before.get(e.data["field"])} >= {
        "employer", "monthly_income"}


def test_the_undo_lasts_one_message_only() -> None:
    """A guard: once another answer came in, 不对 at the summary is what it was (which item to change)."""
    chat = _at_work_after_checkin()
    chat.say("怀孕了 不干了 回家待产")
    chat.say("你好")
    chat.say("不对")
    assert chat.answers["employment_status"] == "unable"


@pytest.mark.parametrize("text", ["跟着老乡干的 包工头姓王", "包工头姓王"])
def test_whom_one_works_for_at_the_employers_phone_is_kept_and_the_phone_asked_again(text: str) -> None:
    """"跟着老乡干的 包工头姓王" at "单位联系电话?" (a carpenter on a 万科 site in 萧山) was "电话好像不对": the gang
    boss is whom he works for, kept beside the employer on record, and his phone asked again."""
    from tests.survey.test_lead_playtest15 import _rebar

    chat = _rebar()
    assert chat.awaiting == "employer_contact"
    replies = chat.say(text)
    assert chat.answers["employer"] == "中建 王包工头"
    assert "已记下: 工作单位: 中建 王包工头" in replies[0]
    assert chat.awaiting == "employer_contact" and "employer_contact" not in chat.answers


def test_whom_one_works_for_and_no_phone_leaves_the_phone_empty() -> None:
    from tests.survey.test_lead_playtest15 import _rebar

    chat = _rebar()
    chat.say("老板姓李 电话没有")
    assert chat.answers["employer"] == "中建 李老板"
    assert chat.answers["employer_contact"] is None
    assert chat.awaiting == "started"


def test_wages_held_to_the_year_end_are_not_paid_on_time() -> None:
    """"这个月的还没发 说年底一起结" at "工资按时发吗?" (a site since March) was recorded 不知道, as if the first pay
    day were still to come: wages held to the year's end are not paid on time."""
    from tests.survey.test_lead_playtest15 import _rebar

    chat = _rebar("不知道", "今年三月", "一天三百 一个月干二十五天左右", "1", "没签", "没有")
    assert chat.awaiting == "wages_on_time", chat.awaiting
    chat.say("这个月的还没发 说年底一起结")
    assert chat.answers["wages_on_time"] == "no"


def test_a_first_pay_day_still_to_come_is_still_unknown() -> None:
    """A guard: 还没发过工资 才来一个礼拜 is unknown."""
    from tests.survey.test_lead_playtest15 import _rebar

    chat = _rebar("不知道", "今年三月", "一天三百 一个月干二十五天左右", "1", "没签", "没有")
    chat.say("还没发过工资 才来一个礼拜")
    assert chat.answers["wages_on_time"] is None


def test_the_employer_taken_out_of_the_address_leaves_no_stray_word() -> None:
    """"萧山区 万科的工地" left the address "萧山区 的工地" once 万科 went to the employer."""
    chat = _at_work_place()
    chat.say("萧山区 万科的工地")
    assert (chat.answers["work_place"], chat.answers["employer"]) == ("萧山区 工地", "万科")


def test_hurt_on_the_site_at_a_checkin_goes_to_the_caseworker_as_an_injury() -> None:
    """"前几天在工地上摔了 腿骨折了 回家养着了" at a check-in (a carpenter with no insurance) only asked whether the
    job was kept: a fall on the site is a work injury, passed on (a rights case) and what to keep told."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    replies = chat.say("前几天在工地上摔了 腿骨折了 回家养着了")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["other"]
    assert any("病历" in reply for reply in replies), replies
    assert "这份工作还给您留着吗" in replies[-1], replies
    assert chat.awaiting == "checkin"


def test_hurt_at_home_at_a_checkin_is_no_work_injury() -> None:
    """A guard: 在家摔了 腿骨折了 is no report (the job's question only)."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("在家摔了 腿骨折了")
    assert not chat.kinds("rights_issue_reported")


def test_not_knowing_whether_the_job_is_kept_and_the_costs_borne_alone_are_understood() -> None:
    """"不知道 包工头说让我自己回家养 医药费都是我自己出的" at "这份工作还给您留着吗?" was "没太明白, 请回复数字":
    the costs go to the injury's case, the job is left as it is on the form (not known), and the check-in ends."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("前几天在工地上摔了 腿骨折了 回家养着了")
    replies = chat.say("不知道 包工头说让我自己回家养 医药费都是我自己出的")
    assert not any("没太明白" in reply for reply in replies), replies
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["sick_leave"]
    assert len(chat.kinds("rights_details_told")) == 1
    assert chat.answers["employment_status"] == "employed"
    assert chat.awaiting is None


def test_who_pays_for_the_treatment_told_alone_after_the_injury_goes_to_its_case() -> None:
    """"医药费都是我自己出的" after the injury was passed on was "没太明白": the case's details, the question again."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("前几天在工地上摔了 腿骨折了 回家养着了")
    replies = chat.say("医药费都是我自己出的")
    assert len(chat.kinds("rights_details_told")) == 1
    assert "这份工作还给您留着吗" in replies[-1] and chat.awaiting == "checkin"


@pytest.mark.parametrize("text", ["腿还没好 还在家养着 包工头说年后再看", "伤还没好", "腿还没好 还在家养着"])
def test_still_healing_at_a_checkin_is_asked_about_the_job_kept(text: str) -> None:
    """"腿还没好 还在家养着 包工头说年后再看" (the carpenter, a month after his fall) was read as work paused ("停工、
    活少的时候不好过"), "伤还没好" was "没太明白": their health first, whether the job is kept asked."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    replies = chat.say(text)
    assert "这份工作还给您留着吗" in replies[-1], replies
    assert chat.state["checkin"]["phase"] == "sick"


def test_a_factory_stop_with_rest_at_home_is_still_work_paused() -> None:
    """A guard: 厂里放假了 在家歇着 is the factory's pause, not the person's health."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("厂里放假了 在家歇着")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["on_hold"]


def test_expecting_and_leaving_next_month_at_a_checkin_is_in_post_with_the_plan_kept() -> None:
    """"还在 不过我怀孕了 下个月可能就不干了" (the shoe-factory worker, two weeks after her form) got the wages
    question, the plan lost; "下个月可能就不干了" started the registration: congratulated, in post, leaving next
    month."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    replies = chat.say("还在 不过我怀孕了 下个月可能就不干了")
    assert replies[0].startswith("恭喜"), replies
    assert "打算下个月走" in replies[1], replies
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["leaving"]
    assert chat.answers["employment_status"] == "employed"


@pytest.mark.parametrize(("text", "congratulated"), [("在的 我怀孕了", True), ("还在上班 怀孕三个月了", True),
                                                      ("在的 老婆怀孕了", False)])
def test_a_child_on_the_way_at_a_checkin_is_no_illness(text: str, congratulated: bool) -> None:
    """"在的 我怀孕了" was "您安心休养。这份工作还给您留着吗?" (and so was her husband's "在的 老婆怀孕了"): in post,
    the wages question next; the mother-to-be congratulated and told of the maternity allowance."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    replies = chat.say(text)
    assert replies[0].startswith("恭喜") is congratulated, replies
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]
    assert "工资按时足额发了吗" in replies[-1]


def test_expecting_and_stopped_work_at_a_checkin_is_still_news() -> None:
    """A guard: 怀孕了 不干了 tells that she stopped (unable to work now)."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("怀孕了 不干了")
    assert chat.state["survey"]["answers"]["employment_status"] == "unable"


def test_still_there_and_leaving_next_month_in_a_long_message_is_in_post() -> None:
    """"腿好了 过完年回来了 还在这干 不过下个月干完就不干了 想回家那边找个活" (the carpenter at the spring return check)
    started the registration of a job lost: still there, leaving next month, and the work wished near home looked
    for."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.jobs = []
    replies = chat.say("腿好了 过完年回来了 还在这干 不过下个月干完就不干了 想回家那边找个活")
    assert "打算下个月走" in replies[0], replies
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["leaving"]
    assert [e.data["wishes"] for e in chat.kinds("jobs.match")] == [["想回家那边找个活"]]
    assert chat.answers["employment_status"] == "employed"


@pytest.mark.parametrize("text", ["不对 我还在干 下个月才不干", "搞错了 还在上班呢"])
def test_a_job_loss_denied_inside_the_registration_is_undone(text: str) -> None:
    """"不对 我还在干 下个月才不干" at "最后一天上班是哪天?" (a loss we had read in a long message) got
    "这是您以后的打算。现在要问的是: 您最后一天上班是哪天?" — with no way out of a registration of a job he still
    had. Now nothing is registered and the form is as it was (status and the job's answers, with their history)."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    before = dict(chat.answers)
    chat.say("厂子倒闭了")
    assert chat.awaiting == "last_work_day" and chat.answers["employment_status"] == "unemployed"
    replies = chat.say(text)
    assert "是我理解错了" in replies[0], replies
    assert chat.awaiting is None and "registration" not in chat.state
    assert chat.answers == before
    assert not chat.kinds(SUBMIT)
    restored = chat.kinds("employment_status_changed")[-1].data
    assert (restored["old"], restored["new"], restored["reason"]) == ("unemployed", "employed", "corrected")


def test_a_day_said_at_the_registration_is_still_the_last_day() -> None:
    """A guard: 上个月底 at the question is the day (no 还在 in it)."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("厂子倒闭了")
    chat.say("上个月底")
    assert chat.awaiting != "last_work_day" and chat.answers["employment_status"] == "unemployed"


def test_a_weekly_checkin_search_where_nothing_fits_says_nothing_more() -> None:
    """"还没找到 宁波那边的老乡说过完年厂里招人 到时候去看看" at the weekly check-in (a man laid off in 宁波 wanting
    factory work there) got "会继续帮您找", then "暂时没有…对得上的工作…回复 人工" and the same supermarket job in
    another province, week after week: with nothing that fits, the check-in's word is all."""
    from tests.jobs.test_dialog import GUARD
    from tests.survey.test_lead_playtest8 import _at_weekly

    chat = _at_weekly()
    chat.jobs = [{**GUARD, "reasons": []}]
    replies = chat.say("还没找到 宁波那边的老乡说过完年厂里招人 到时候去看看")
    assert replies == ["好的, 工作人员会继续帮您找, 有合适的工作马上告诉您。"], replies
    assert chat.awaiting is None


def test_a_weekly_checkin_search_with_a_fit_still_lists_it() -> None:
    """A guard: an item that fits for a reason of its own is shown."""
    from tests.jobs.test_dialog import GUARD
    from tests.survey.test_lead_playtest8 import _at_weekly

    chat = _at_weekly()
    chat.jobs = [GUARD]
    replies = chat.say("还没找到 有没有保安的活")
    assert any("小区保安" in reply for reply in replies), replies


def test_an_answer_to_a_new_branchs_question_is_no_denial_of_the_change() -> None:
    """A guard: after 我找到工作了, "还在县城 原来那个厂" answers where the work is (the undo is only for a change that
    went straight to the summary)."""
    from tests.survey.test_lead_playtest8 import _at_weekly

    chat = _at_weekly()
    chat.jobs = []
    chat.say("2")
    chat.say("我找到工作了")
    assert chat.awaiting == "work_division"
    chat.say("还在县城 原来那个厂")
    assert chat.answers["employment_status"] == "employed" and "work_division" in chat.answers


def test_a_reason_with_a_denial_in_it_at_the_registration_is_the_reason() -> None:
    """A guard: "没辞 是被开的" at the registration is why the job was lost, not "still there"."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("厂子没了")
    chat.say("上个月底")
    chat.say("没辞职 是被开的")
    assert chat.state.get("registration") is not None
    assert chat.answers["employment_status"] == "unemployed"
