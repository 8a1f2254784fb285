"""check22 (2026-12-07): check-ins, the weekly check-in and the registration, last stop's leftovers
(tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs.flows.registration.fields import reason_in
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly


def _answers(chat: Chat) -> list[object]:
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]


def _registration(chat: Chat) -> dict[str, Any]:
    return dict((chat.state or {})["registration"]["answers"])


def _status_changes(chat: Chat, since: int) -> list[object]:
    return [e.data["new"] for e in chat.events[since:] if e.kind == "employment_status_changed"]


# -- 1. unable to work now, said at the weekly check-in -----------------------------------------------------------

@pytest.mark.parametrize(("text", "word"), [
    ("我病了 住院了", "早日康复"), ("腿摔断了 干不了活", "早日康复"), ("怀孕了 干不了", "注意身体"),
    ("要照顾老人 出不去", "照顾家人辛苦了"), ("在家带娃", "照顾家人辛苦了"),
])
def test_unable_now_at_the_weekly_checkin_is_a_kind_word_and_what_changes(text: str, word: str) -> None:
    """"我病了 住院了" at "最近找工作有进展吗?" showed the whole form to confirm ("请核对: 1姓名…"), no word for the
    illness; "要照顾老人 出不去" was "not looking", the status unchanged. Now: a kind word, the status unable (asked
    every three months), no summary, no dialog left open."""
    chat = _at_weekly()
    since = len(chat.events)
    replies = chat.say(text)
    assert len(replies) == 1 and word in replies[0] and "三个月" in replies[0], replies
    assert "请核对" not in replies[0] and chat.awaiting is None
    assert _status_changes(chat, since) == ["unable"] and _answers(chat)[-1] == "unable_now"


def test_left_for_age_at_a_checkin_is_not_the_summary() -> None:
    """"年纪大了 干不动了 回家了" at an employed person's check-in: the status unable, said with a kind word (it was the
    whole form to confirm)."""
    chat = _at_checkin()
    replies = chat.say("年纪大了 干不动了 回家了")
    assert len(replies) == 1 and "保重" in replies[0] and chat.awaiting is None, replies


@pytest.mark.parametrize("text", ["在家带孩子 想找个附近的活", "照顾老人 想在家附近找点活"])
def test_caring_while_looking_for_work_nearby_is_still_looking(text: str) -> None:
    """"在家带孩子 想找个附近的活" at "最近找工作有进展吗?" was "not looking" ("以后想找工作了, 随时回复 找工作"):
    work near home is wished for. Now still looking, the status unchanged."""
    chat = _at_weekly()
    since = len(chat.events)
    chat.say(text)
    assert _status_changes(chat, since) == [] and _answers(chat)[-1] == "still_looking"


# -- 2. the day of the month alone with the news ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [("10号走的", "2026-12-10"), ("10号就走了", "2026-12-10"),
                                           ("28号走的", "2026-11-28"), ("上个月10号走的", "2026-11-10")])
def test_a_day_of_the_month_with_leaving_is_the_job_lost_that_day(text: str, day: str) -> None:
    """"10号走的" at "您还在贵阳的陈老板那里上班吗?" (on the 10th of December) was "没太明白, 请回复数字". Now the job
    lost that day (a day still ahead this month is last month's), into the registration with the day known."""
    chat = _at_checkin()
    chat.say(text)
    assert _answers(chat) == ["job_lost"] and _registration(chat)["last_work_day"] == day
    assert chat.awaiting == "job_loss_reason"


# -- 3. an option's number, and words saying the contrary ----------------------------------------------------------

def test_a_number_against_the_words_at_the_weekly_checkin_is_asked_once() -> None:
    """"2找到了" at "最近找工作有进展吗? 1找到工作了 2还在找": recorded as still looking (the number stood against
    the words). Now asked once; 1 is the job found."""
    chat = _at_weekly()
    replies = chat.say("2找到了")
    assert "对不上" in replies[0] and "1找到工作了" in replies[-1] and _answers(chat) == ["job_lost"], replies
    chat.say("1")
    assert _answers(chat)[-1] == "found_job"


def test_the_number_and_the_words_said_again_are_the_words() -> None:
    chat = _at_weekly()
    chat.say("2找到了")
    chat.say("2找到了")
    assert _answers(chat)[-1] == "found_job"


@pytest.mark.parametrize(("text", "answer"), [("2 还在找", "still_looking"), ("1 找到了 在县城", "found_job")])
def test_a_number_with_words_saying_the_same_is_not_asked(text: str, answer: str) -> None:
    """A guard."""
    chat = _at_weekly()
    chat.say(text)
    assert _answers(chat)[-1] == answer


# -- 4. 耍起的 (Sichuan: idle) at an employed person's check-in --------------------------------------------------------

@pytest.mark.parametrize(("text", "then", "answer"), [
    ("耍起的", "1", "still_employed"), ("在耍", "没活干了", "job_lost"), ("这几天在耍", "歇两天", "still_employed"),
    ("耍起的", "2", "job_lost"),
])
def test_idle_in_sichuan_words_is_asked_a_day_off_or_out_of_work(text: str, then: str, answer: str) -> None:
    """"耍起的", "在耍" at "您还在贵阳的陈老板那里上班吗?" went straight to the registration: it is as often a day
    off. Asked once."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert "歇几天" in replies[-1] and _answers(chat) == [], replies
    chat.say(then)
    assert _answers(chat) == [answer]


def test_idle_with_the_boss_gone_is_the_job_lost() -> None:
    """A guard: 老板跑了 在耍 ends the job, not asked."""
    chat = _at_checkin()
    chat.say("老板跑了 在耍")
    assert _answers(chat) == ["job_lost"]


# -- 5. the site finished ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["工地做完了", "工地上的活做完了", "工程做完了", "项目结束了", "活做完了"])
def test_the_site_finished_is_a_reason_for_the_job_loss(text: str) -> None:
    """"工地做完了" at the reason question was "请回复数字选择原因" (工地完工 was a reason, 做完了 not); at a check-in
    it was "没太明白". Read as 工地完工 is (employer_closed: see the report)."""
    assert reason_in(text) == "employer_closed"


def test_the_site_finished_at_a_checkin_is_the_job_lost() -> None:
    chat = _at_checkin()
    chat.say("工地做完了")
    assert _answers(chat) == ["job_lost"] and _registration(chat)["job_loss_reason"] == "employer_closed"


# -- 6. the contract not known -------------------------------------------------------------------------------------

def test_the_contract_not_known_is_no_rights_case() -> None:
    """"合同签没签不晓得" at "签劳动合同了吗?" was recorded as no contract and a rights case opened. Now: how to find
    out, no case, nothing recorded."""
    chat = _at_checkin()
    chat.say("在的")
    chat.say("工资按时发 社保交了")
    since = len(chat.events)
    replies = chat.say("合同签没签不晓得")
    assert "要合同看看" in replies[0] and chat.awaiting is None, replies
    assert not [e for e in chat.events[since:] if e.kind in ("rights_issue_reported", "field_changed")]


def test_the_contract_not_known_at_the_whole_question_asks_the_rest() -> None:
    chat = _at_checkin()
    chat.say("在的")
    replies = chat.say("合同签没签不晓得")
    assert "要合同看看" in replies[0] and "工资" in replies[-1] and "社保" in replies[-1], replies
    assert not chat.kinds("rights_issue_reported")


# -- 8. the boss ran off, the money not settled ----------------------------------------------------------------------

def test_the_boss_gone_with_the_money_unsettled_is_a_wages_report() -> None:
    """"老板跑了 钱还没结" at a check-in: the job loss alone (employer_closed), no word of the wages owed. Now the
    wages reported beside it."""
    chat = _at_checkin()
    chat.say("老板跑了 钱还没结")
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["wage_arrears"]
    assert _registration(chat)["job_loss_reason"] == "employer_closed"


def test_the_boss_gone_alone_is_the_employer_closed() -> None:
    """A guard: 老板跑了 is employer_closed (单位倒闭、老板跑路), no wages report unless said."""
    chat = _at_checkin()
    chat.say("老板跑了")
    assert _registration(chat)["job_loss_reason"] == "employer_closed" and not chat.kinds("rights_issue_reported")


# -- 9. older, nobody hires them -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["60多了 人家不要", "五十好几了 厂里不收"])
def test_older_and_turned_away_at_the_weekly_checkin_hears_of_public_welfare_posts(text: str) -> None:
    """"60多了 人家不要" at "最近找工作有进展吗?" was "没太明白". Now still looking, and the public-welfare posts."""
    chat = _at_weekly()
    replies = chat.say(text)
    assert _answers(chat)[-1] == "still_looking" and any("公益性岗位" in r for r in replies), replies


def test_older_and_turned_away_at_a_checkin_is_the_job_lost_and_the_posts() -> None:
    """"60多了 人家不要" at "您还在贵阳的陈老板那里上班吗?" was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    replies = chat.say("60多了 人家不要")
    assert _answers(chat) == ["job_lost"] and "公益性岗位" in replies[0], replies


# -- 10. casual work is work ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["做一天算一天", "干一天算一天"])
def test_day_by_day_work_is_still_working(text: str) -> None:
    """"做一天算一天" at an employed person's check-in was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.say(text)
    assert _answers(chat) == ["still_employed"]


@pytest.mark.parametrize("text", ["打零工", "有活就干 没活就歇着", "打零工 有活就干 没活就歇着"])
def test_casual_work_is_still_working(text: str) -> None:
    """A guard."""
    chat = _at_checkin()
    chat.say(text)
    assert _answers(chat) == ["still_employed"]


# -- played as people type -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [("3号就没去了", "2026-12-03"), ("2号走的", "2026-12-02")])
def test_a_day_said_with_a_small_number_is_not_an_option(text: str, day: str) -> None:
    """"3号就没去了" at "您还在贵阳的陈老板那里上班吗? 1在岗 2已离职 3换了工作" was option 3, a new job (its questions
    asked). Now the job lost on the 3rd."""
    chat = _at_checkin()
    chat.say(text)
    assert _answers(chat) == ["job_lost"] and _registration(chat)["last_work_day"] == day


@pytest.mark.parametrize("text", ["腰闪了 歇着", "老婆生娃 要在家带"])
def test_more_ways_of_being_unable_at_the_weekly_checkin(text: str) -> None:
    """"腰闪了 歇着", "老婆生娃 要在家带" at "最近找工作有进展吗?" were "没太明白"."""
    chat = _at_weekly()
    chat.say(text)
    assert _answers(chat)[-1] == "unable_now" and chat.awaiting is None
