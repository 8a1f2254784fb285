"""talk11's round: the wrong answers left by the last stop, in the check-in, the registration and the survey
(tests/survey/driver.py; each test failed on the code before its fix)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dialogs.flows.registration.fields import ends_ahead
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly


def _answers(chat: object) -> list[str]:
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]  # type: ignore[attr-defined]


def test_work_until_the_festival_then_near_home_is_an_end_expected() -> None:
    """"过了年不去了 在家门口找点活" at an employed person's check-in ran a job search and left the check-in
    unanswered: it is the work's end at the Spring Festival, and work near home wished for then."""
    chat = _at_checkin()
    replies = chat.say("过了年不去了 在家门口找点活")
    assert _answers(chat) == ["ending"], replies
    assert "2月5日" in replies[0] and "家附近" in replies[0], replies
    assert chat.answers["employment_status"] == "employed" and chat.answers["preferred_scope"] == "home_county"
    assert not chat.kinds("jobs.match")
    [recheck] = chat.kinds("checkin_recheck")
    assert chat.ctx.today + timedelta(days=recheck.data["days"]) > date(2027, 2, 5)


def test_done_with_this_year_is_the_last_day_at_the_years_end() -> None:
    """"干完今年就不干了" went to the registration, which asked the last working day all the same."""
    assert ends_ahead("干完今年就不干了", date(2026, 12, 10)) == date(2026, 12, 31)
    chat = _at_checkin()
    replies = chat.say("干完今年就不干了")
    assert chat.awaiting == "job_loss_reason" and "12月31日" in " ".join(replies), replies


def test_too_old_to_work_and_home_is_not_sick_leave() -> None:
    """"年纪大了 干不动了 回家了" was "您安心休养。这份工作还给您留着吗?" (sick leave)."""
    chat = _at_checkin()
    replies = chat.say("年纪大了 干不动了 回家了")
    assert _answers(chat) == ["left_for_age"], replies
    assert chat.answers["employment_status"] == "unable" and "留着" not in " ".join(replies)
    assert not chat.kinds("registration.submit")


def test_a_site_stopped_until_after_the_festival_is_not_a_job_loss() -> None:
    """"工地停了 说过完年再开工" started the unemployment registration."""
    chat = _at_checkin()
    replies = chat.say("工地停了 说过完年再开工")
    assert _answers(chat) == ["paused_festival"] and chat.awaiting is None, replies
    assert chat.answers["employment_status"] == "employed" and "过完年" in replies[0]
    [recheck] = chat.kinds("checkin_recheck")
    assert recheck.data["days"] > 60  # after the Lantern Festival (2027-02-21), not in a week


@pytest.mark.parametrize("text", ["还在 不过厂里说年后可能要裁人", "老板说下个月可能要裁人"])
def test_a_layoff_talked_of_is_not_told_as_a_stop(text: str) -> None:
    """"还在 不过厂里说年后可能要裁人" was answered "停工、活少的时候不好过"; asked again in a week all the same."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert _answers(chat) == ["at_risk"], replies
    assert "停工" not in replies[0] and "还在" in replies[0]
    [recheck] = chat.kinds("checkin_recheck")
    assert recheck.data["days"] == 7 and not chat.kinds("employment_status_changed")


@pytest.mark.parametrize("text", ["不想找了 在家带娃", "不打算找了 在家照顾老人"])
def test_leaving_the_labour_market_to_care_changes_the_status(text: str) -> None:
    """"不想找了 在家带娃" from someone out of work with an open case kept them unemployed (willing: no). (没找
    在家带娃, busy for now, stays not looking, willing later: tests/survey/test_lead_playtest4.py.)"""
    chat = _at_weekly()
    replies = chat.say(text)
    assert _answers(chat)[-1] == "caring", replies
    [change] = [e for e in chat.kinds("employment_status_changed") if e.data["new"] == "unable"]
    assert change.data["old"] == "unemployed"
