"""Play-testing of 2026-12-08 (jobs23): last stop's leftovers of jobs and trainings as laborers ask about them (news
of work started at the item applied for, questions of a whole list, a second 要钱不, the pay compared with what they
earn now, the English SMS list), then what playing them showed (tests/survey/driver.py; each test failed on the code
before its fix unless called a guard)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from tests.jobs.test_dialog import registered_chat
from tests.jobs.test_jobs21 import THREE
from tests.survey.test_lead_playtest22 import _WIGS, WORKSHOP, _looking_after_applying

# -- 4. news of work started at the item applied for -----------------------------------------------------------------


@pytest.mark.parametrize("text", ["报名的那个去上班了", "报名的那个已经去上班了", "报名的那个厂我去上班了",
                                  "我报的那个活已经上班了"])
@pytest.mark.parametrize("listed", [False, True])
def test_work_started_at_the_item_applied_for_is_congratulated_and_recorded(text: str, listed: bool) -> None:
    """报名的那个去上班了 after applying for 「假发加工」: read as a search (报名: seek_job), a list of jobs sent and
    nothing recorded; 我报的那个活已经上班了 was recorded as in work, but without the item's employer and place."""
    chat = _looking_after_applying()
    assert chat.state is not None
    if listed:
        chat.state["jobs"] |= {"items": [dict(_WIGS)], "applied": ["v9"], "shown": ["v9"]}
    replies = chat.say(text)
    assert replies[0].startswith("恭喜您找到工作"), replies
    assert not any("为您找到这些工作" in r for r in replies), replies
    answers = chat.answers
    assert answers["employment_status"] == "employed" and answers["employer"] == WORKSHOP
    assert answers["job_type"] == "假发加工"


@pytest.mark.parametrize("text", ["我想报名", "报名", "我要报名去广东"])
def test_applying_is_still_asking_for_work(text: str) -> None:
    """(A guard: 报名 said as a wish stays a search.)"""
    assert nlu.understand(text, date(2026, 12, 8)).intent == "seek_job"


def test_a_wish_to_apply_with_the_list_open_still_applies() -> None:
    """(A guard: 报名 2 with a list open applies for item 2.)"""
    chat = registered_chat(jobs=THREE)
    chat.say("有啥活干")
    chat.say("报名 2")
    assert chat.kinds("jobs.apply")[-1].data["ref"] == "v3"
