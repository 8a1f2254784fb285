"""check23 (2026-12-08): check-ins, the weekly check-in and the registration, last stop's leftovers
(tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dialogs.flows.registration.dates import find_day
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest8 import _at_checkin


def _answers(chat: Chat) -> list[object]:
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]


def _registration(chat: Chat) -> dict[str, Any]:
    return dict((chat.state or {})["registration"]["answers"])


def _wage_reports(chat: Chat, since: int = 0) -> list[object]:
    return [e.data.get("issues") for e in chat.events[since:] if e.kind == "rights_issue_reported"]


# -- 1. 先养身体 after "身体要紧。先在家养身体, 还是想找活?" -----------------------------------------------------------

def test_resting_first_after_the_job_ended_for_health_is_a_kind_word_not_the_summary() -> None:
    """"没干了 腰不好" at "您还在贵阳的陈老板那里上班吗?", then "先养身体" (option 1): it said "知道了, 您现在暂时不能
    工作" and showed the whole form to confirm ("请核对: 1姓名…"). Now a kind word and what changes, no summary, no
    dialog left open, the status unable."""
    chat = _at_checkin()
    chat.say("没干了 腰不好")
    replies = chat.say("先养身体")
    assert len(replies) == 1 and "早日康复" in replies[0] and "三个月" in replies[0], replies
    assert "请核对" not in replies[0] and chat.awaiting is None
    assert chat.answers["employment_status"] == "unable"


# -- 2. 老板跑了: are the wages settled? ---------------------------------------------------------------

@pytest.mark.parametrize("owed", ["没有", "2", "还欠两个月的", "一分没给", "结了一半", "没结清"])
def test_the_boss_gone_at_the_reason_asks_whether_the_wages_were_settled(owed: str) -> None:
    """"老板跑了" at "是什么原因没了工作?": recorded as employer_closed, and the next question came; nobody asked about
    the wages, the likeliest harm. Now 工资结清了吗? once; still owed opens the wage-arrears case (told so), then
    the registration goes on."""
    chat = _at_checkin()
    chat.say("2")
    chat.say("上个月底")
    replies = chat.say("老板跑了")
    assert "工资结清了吗" in replies[-1] and chat.awaiting == "wages_settled", replies
    since = len(chat.events)
    replies = chat.say(owed)
    assert _wage_reports(chat, since) == [["wage_arrears"]] and "已转给" in replies[0], replies
    assert _registration(chat)["job_loss_reason"] == "employer_closed" and chat.awaiting == "insured_years"


def test_the_wages_settled_go_on_without_a_case() -> None:
    """"老板跑了" at the check-in: the day, then 工资结清了吗? (it was the insurance at once); 结清了 goes on."""
    chat = _at_checkin()
    chat.say("老板跑了")
    replies = chat.say("上个月底")
    assert "工资结清了吗" in replies[-1] and chat.awaiting == "wages_settled", replies
    replies = chat.say("结清了")
    assert "结清了就好" in replies[0] and chat.awaiting == "insured_years" and _wage_reports(chat) == [], replies


def test_the_wages_asked_once() -> None:
    """"不知道" at 工资结清了吗?: no case, not asked again; the registration goes on."""
    chat = _at_checkin()
    chat.say("老板跑了")
    chat.say("上个月底")
    chat.say("不知道")
    assert chat.awaiting == "insured_years" and _wage_reports(chat) == []


def test_the_boss_gone_with_the_wages_owed_is_not_asked() -> None:
    """A guard: 老板跑了 钱还没结 is one report, and the day asked (check22)."""
    chat = _at_checkin()
    chat.say("老板跑了 钱还没结")
    assert _wage_reports(chat) == [["wage_arrears"]] and chat.awaiting == "last_work_day"


# -- 3. a week without its day ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [("上个礼拜", "2026-12-02"), ("上周", "2026-12-02"),
                                           ("上上周", "2026-11-25"), ("上周末", "2026-12-05"),
                                           ("上个礼拜三", "2026-12-02")])
def test_a_week_is_a_day_in_it(text: str, day: str) -> None:
    found = find_day(text, date(2026, 12, 10))
    assert isinstance(found, date) and found.isoformat() == day


def test_dismissed_last_week_is_registered_without_the_day_asked_again() -> None:
    """"被老板炒了 上个礼拜的事" at a check-in: the registration asked "最后上班是12月几号?". Now the middle of
    that week is taken, as 二十几号 is (the benefit counts from the registration, not from the day)."""
    chat = _at_checkin()
    chat.say("被老板炒了 上个礼拜的事")
    answers = _registration(chat)
    assert answers["last_work_day"] == "2026-12-02" and answers["job_loss_reason"] == "dismissed"
    assert chat.awaiting != "last_work_day"


def test_last_week_at_the_day_question_is_said_back_as_about() -> None:
    chat = _at_checkin()
    chat.say("2")
    replies = chat.say("上个礼拜")
    assert "12月2日左右" in replies[0] and chat.awaiting == "job_loss_reason", replies


# -- 7. 拖了一个多月了 at the wages question --------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["拖了一个多月了", "都拖了两个月了", "拖了半个月"])
def test_held_back_for_a_time_at_the_wages_question_is_wage_arrears(channel: str, text: str) -> None:
    """"拖了一个多月了" at "工资按时足额发了吗? 签了合同、交了社保吗?": "请回复数字" (工资 unsaid). Now wage arrears,
    the case opened."""
    chat = Chat(channel=channel, address="u1" if channel == "wechat" else "13900001111")
    _fire(chat, "checkin", 1)
    chat.say("1")
    chat.say(text)
    assert _wage_reports(chat) == [["wage_arrears"]] and chat.awaiting is None


# -- 9. the new day rate alone ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "days", "pay"), [("现在一天200", "二十五天", 5000), ("一天两百了", "25天", 5000)])
def test_the_new_day_rate_alone_is_still_there_and_the_pay_kept(text: str, days: str, pay: int) -> None:
    """"现在一天200" at "您还在贵阳的陈老板那里上班吗?" (打零工, paid by the day): "没太明白, 请回复数字", the rate
    lost. Now in post, the rate said back and the days asked, as 还在 现在一天三百了 is; the month's pay on the form."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert "一天200元" in replies[0] and "多少天" in replies[0], replies
    chat.say(days)
    assert chat.answers["monthly_income"] == pay and _answers(chat)[0] == "still_employed"


def test_a_new_month_pay_alone_is_still_there() -> None:
    chat = _at_checkin()
    chat.say("现在一个月七千")
    assert chat.answers["monthly_income"] == 7000


# -- 8. less piecework, less pay ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["件少了 工资也少了", "订单少了 挣得少了", "件少了"])
def test_less_piecework_is_work_held_with_a_kind_word(text: str) -> None:
    """"件少了 工资也少了" at "您还在贵阳的陈老板那里上班吗?" was "没太明白, 请回复数字". It is still work, with less
    pay: read as 活少了 is (a kind word, another job offered if wanted, asked again in a week); no job loss."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert "不好过" in replies[0] and "想换个活" in replies[0], replies
    assert not chat.kinds("registration.submit") and chat.answers["employment_status"] == "employed"
    assert chat.kinds("checkin_recheck") and chat.awaiting is None


# -- 6. a question asked inside the check-in's answer -------------------------------------------------------------

@pytest.mark.parametrize(("text", "item"), [("还在干 你们那有叉车的活吗?", "vacancy"),
                                           ("在的 有啥培训没有?", "training")])
def test_a_jobs_question_beside_still_there_is_answered_once(text: str, item: str) -> None:
    """"还在干 你们那有叉车的活吗?" at "您还在贵阳的陈老板那里上班吗?": in post recorded, then the wages question;
    the question was dropped. Now in post said back, and the jobs looked up (here none: "有新的会发给您"), once."""
    chat = _at_checkin()
    chat.jobs = []
    replies = chat.say(text)
    assert "还在原来的单位" in replies[0] and "有新的会发给您" in replies[-1] and len(replies) == 2, replies
    assert _answers(chat) == ["still_employed"]
    assert [e.data.get("item") for e in chat.kinds("jobs.match")] == [item]


def test_never_late_by_a_month_is_no_wage_arrears() -> None:
    """A guard: 没拖一个月 names no arrears (拖 read after 没 is no complaint)."""
    from dialogs.flows.checkin.answers import _issues_named

    assert _issues_named("没拖一个月") == set() and _issues_named("拖了一个多月了") == {"wage_arrears"}
