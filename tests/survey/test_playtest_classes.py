"""Classes found by playing the survey as laborers type (issue 13 follow-up), each with examples of our own:
farming alone is no wage work, a wrong status corrected at a job question, work wished for kept as the
wish, a bare home place typed at another question, and one-character choice words read only as answers."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import forms, nlu
from dialogs.flows.registration.fields import REGISTRATION_FORM
from dialogs.flows.survey.fields import SURVEY_FORM
from tests.fakes.identity import make_id
from tests.survey.driver import Chat

ID = make_id("522426", date(1979, 11, 3), 218)


def consented() -> Chat:
    chat = Chat(channel="wechat", address="u-play")
    chat.event("subscribe")
    chat.say("要得")
    return chat


def up_to_status(chat: Chat) -> None:
    for text in ("罗会芬", ID, "15285671234", "不晓得", "纳雍县 阳长镇", "坪寨村"):
        chat.say(text)
    assert chat.awaiting == "employment_status"


@pytest.mark.parametrize("text", ["在屋里种点洋芋", "种几亩地 没出去", "今年没出去打工 在家种点包谷"])
def test_farming_alone_is_no_job_and_the_side_job_is_asked_once(text: str) -> None:
    assert nlu.farms_only(text)
    assert nlu.understand(text, date(2026, 12, 4)).status is None  # neither work nor a job lost
    chat = consented()
    up_to_status(chat)
    replies = chat.say(text)
    assert "employment_status" not in chat.answers
    assert replies == ["除了种地, 您现在有没有在外面打工或者做别的活? 有请回复 1, 没有请回复 2。"]
    chat.say("没得")
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting == "willing_to_work"


def test_a_side_job_beside_the_farming_is_work() -> None:
    assert not nlu.farms_only("在家种地 也在附近打点零工")
    assert not nlu.farms_only("我爸在家种地 我在东莞打工")  # someone else's farming
    chat = consented()
    up_to_status(chat)
    chat.say("种点洋芋")
    chat.say("农闲的时候在镇上帮人砌墙")
    assert chat.answers["employment_status"] == "employed" and chat.awaiting == "work_division"


def test_farming_with_a_wish_for_work_is_unemployed_and_willing() -> None:
    chat = consented()
    up_to_status(chat)
    chat.say("屋头种地 想找个保洁的活")
    answers = chat.answers
    assert answers["employment_status"] == "unemployed" and answers["willing_to_work"] == "yes"
    assert answers["desired_jobs"] == "保洁"


def test_no_job_said_with_a_correction_at_a_job_question_reopens_the_status() -> None:
    chat = consented()
    up_to_status(chat)
    chat.say("1")
    chat.say("毕节")
    assert chat.answers["work_division"]["code"] == "5205"
    replies = chat.say("搞错了 我没工作 种点洋芋不算 想出去找点活")
    answers = chat.answers
    assert answers["employment_status"] == "unemployed" and answers["willing_to_work"] == "yes"
    assert "work_division" not in answers  # the job answers given in this survey are gone
    assert replies[0] == "好的, 已改为 就业状态: 没有工作。"
    assert not chat.kinds("registration.submit")  # nothing was lost: no unemployment registration
    assert chat.state["flow"] == "survey" and chat.awaiting == "service_needs"
    [change] = chat.kinds("employment_status_changed")[-1:]
    assert change.data["new"] == "unemployed" and change.data["reason"] == "corrected"


def test_work_wished_for_is_the_desired_job_never_the_job_held() -> None:
    chat = consented()
    up_to_status(chat)
    chat.say("没工作")
    chat.say("想")
    chat.say("门卫 看仓库都行 近点")
    answers = chat.answers
    assert answers["desired_jobs"] == "门卫、看仓库" and "job_type" not in answers
    assert answers["service_needs"] == ["job_referral"] and answers["preferred_scope"] == "home_county"


def test_a_wish_told_before_the_status_is_kept_for_its_question() -> None:
    chat = consented()
    chat.say("我叫罗会芬 想找个保洁的活")
    assert chat.answers["name"] == "罗会芬" and "desired_jobs" not in chat.answers
    for text in (ID, "15285671234", "不晓得", "纳雍县 阳长镇", "坪寨村"):
        chat.say(text)
    replies = chat.say("2")
    assert chat.answers["desired_jobs"] == "保洁"
    # (talk16: the wish is a yes to 您想出去工作吗 too, not asked again; it was asked, then 保洁 said back)
    assert replies[0] == "好的, 已记下: 就业意愿: 想工作; 意向工作: 保洁。"
    assert chat.awaiting == "service_needs"


@pytest.mark.parametrize("place", ["纳雍县 阳长镇", "贵州纳雍阳长镇的"])
def test_a_bare_home_place_typed_at_another_question_is_the_home(place: str) -> None:
    chat = consented()
    for text in ("罗会芬", ID, "15285671234"):
        chat.say(text)
    replies = chat.say(place)  # at the household number
    assert chat.answers["home_division"]["code"] == "520525102"
    assert chat.answers["household_id"] is None and chat.awaiting == "home_village"
    assert replies[0].startswith("好的, 已记下: 户籍地: 贵州省毕节市纳雍县阳长镇")


def test_a_place_with_a_job_at_another_question_is_still_the_work_place() -> None:
    chat = consented()
    for text in ("罗会芬", ID, "15285671234"):
        chat.say(text)
    chat.say("在东莞电子厂上班")
    assert chat.answers["work_division"]["code"] == "4419" and "home_division" not in chat.answers


def test_one_character_choice_words_answer_only_at_the_start() -> None:
    insured = REGISTRATION_FORM.field("insured")
    assert forms.parse_choice(insured, "有啥活干 离家近点的") is None
    assert forms.parse_choice(insured, "有") == "yes" and forms.parse_choice(insured, "有交的") == "yes"
    social = SURVEY_FORM.field("social_insurance")
    assert forms.parse_choice(social, "有时候拖几天") is None
    assert forms.parse_choice(social, "有社保的") == "yes"


def test_the_option_as_shown_picks_it() -> None:
    status = SURVEY_FORM.field("employment_status")
    assert forms.parse_choice(status, "在工作") == "employed"
    assert forms.parse_choice(status, "暂时不能工作") == "unable"
    willing = SURVEY_FORM.field("willing_to_work")
    assert forms.parse_choice(willing, "不想工作") == "no"
