"""check16 (2026-12-07): check-ins, job loss and the registration, answered as people type (tests/survey/driver.py;
each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from dialogs.i18n import catalog
from tests.survey.driver import Chat
from tests.survey.test_check15 import _at_home_question, _rechecked, _spring_return
from tests.survey.test_lead_playtest8 import _at_checkin, _at_unable_checkin, _at_weekly

STAY_QUESTION = "好的, 知道了。您是想找份活干 (帮您办失业登记、找工作), 还是先在家不找? 1想找活干 2先不找"


def _answers(chat: Chat) -> list[str | None]:
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]


# -- 1. a job given up for home ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["回来了 不出去了 在家种地", "回老家了 不去了", "回家了 不干了", "在家种地 不出去了"])
def test_home_and_not_going_out_again_asks_whether_work_is_wanted(text: str) -> None:
    """"回来了 不出去了 在家种地" / "回老家了 不去了" / "回家了 不干了" went straight to the registration and "在家种地
    不出去了" to no registration at all, while "不干了 回家种地" asked first whether work is wanted (the registration
    is for those who want it); 先不找 is no registration."""
    chat = _at_checkin()
    assert chat.say(text) == [STAY_QUESTION]
    chat.say("2")
    assert _answers(chat) == ["left_home"]
    assert not chat.kinds("registration.submit") and chat.awaiting != "last_work_day"
    assert chat.answers["willing_to_work"] == "no"


def test_home_and_work_wanted_near_it_is_the_registration_with_the_wish_kept() -> None:
    """"回老家了 想在家附近找个活" was read as still in post (a search for a better job); it is the job given up and
    work wanted: the registration, and after it the work wished for is near home."""
    chat = _at_checkin()
    chat.jobs = []
    chat.say("回老家了 想在家附近找个活")
    assert _answers(chat) == ["job_lost"] and chat.awaiting == "last_work_day"
    for text in ["上个月底", "5", "4"]:
        chat.say(text)
    assert chat.answers["employment_status"] == "unemployed"
    assert chat.answers["preferred_scope"] == "home_county" and chat.answers["service_needs"] == ["job_referral"]


def test_work_wished_for_beside_the_news_is_kept_for_after_the_registration() -> None:
    """"不干了 想找个保安的活" at the check-in: the registration asked everything, then "想做什么工作?" as if nothing
    was said."""
    chat = _at_checkin()
    chat.jobs = []
    chat.say("不干了 想找个保安的活")
    for text in ["上个月底", "5", "4"]:
        chat.say(text)
    assert chat.answers["desired_jobs"] == "保安"


# -- 2. leaving next month -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["下个月就不干了", "下个月就走"])
def test_leaving_next_month_is_one_reading_in_post_and_asked_again_after(text: str) -> None:
    """"下个月就不干了" prepared the unemployment registration while "下个月就走" was in post, leaving then: both are
    in post now, the plan noted, asked again after it ("下个月就走" is a guard)."""
    chat = _at_checkin()
    chat.jobs = []
    replies = chat.say(text)
    assert _answers(chat) == ["leaving"], replies
    assert replies[0] == "好的, 记下了: 您还在岗, 打算下个月走。走了以后再问问您; 帮您看看有没有下一份活。"
    assert [e.data["ends"] for e in chat.kinds("checkin_recheck")] == ["2027-01-31"]
    assert not chat.kinds("employment_status_changed") and chat.awaiting != "last_work_day"


@pytest.mark.parametrize(("text", "ends"), [("干完这个月就不干了", "2026-12-31"), ("干到过年就不干了", "2027-02-05")])
def test_working_until_a_day_then_stopping_is_in_post_until_then(text: str, ends: str) -> None:
    """"干完这个月就不干了" / "干到过年就不干了" (the speaker's own plan, as 下个月就不干了) prepared the registration
    (the second asked "最后一天上班是哪天?" of a day still to come): in post, the day noted, asked again after it."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert _answers(chat) == ["ending"], replies
    assert [e.data["ends"] for e in chat.kinds("checkin_recheck")] == [ends]
    assert not chat.kinds("employment_status_changed")


def test_the_place_closing_on_a_day_is_still_the_job_lost_then() -> None:
    """A guard: "干到年底厂子就关了" is a job lost on that day (the registration prepared)."""
    chat = _at_checkin()
    chat.say("干到年底厂子就关了")
    assert _answers(chat) == ["job_lost"] and chat.kinds("employment_status_changed")


def test_leaving_when_this_months_work_is_done_is_read() -> None:
    """"这个月干完就走" was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.jobs = []
    replies = chat.say("这个月干完就走")
    assert _answers(chat) == ["leaving"] and "打算月底走" in replies[0], replies
    assert [e.data["ends"] for e in chat.kinds("checkin_recheck")] == ["2026-12-31"]


# -- 3. the wish at the last working day; a few days off ---------------------------------------------------------

def test_the_work_wished_for_told_with_the_last_day_is_kept() -> None:
    """"上个月底 想找个保安的活" at "最后一天上班是哪天?": the day was taken and the wish lost ("需要哪些帮助?", then
    "想做什么工作?" after the registration, as if nothing was said)."""
    chat = _at_checkin()
    chat.jobs = []
    chat.say("被开了")
    for text in ["上个月底 想找个保安的活", "4"]:
        chat.say(text)
    assert chat.answers["desired_jobs"] == "保安" and chat.answers["service_needs"] == ["job_referral"]


def test_the_work_wished_for_instead_of_the_last_day_is_kept_and_the_day_asked_again() -> None:
    """A guard: "想找个保安的活" alone at "最后一天上班是哪天?" is kept and the day asked again."""
    chat = _at_checkin()
    chat.say("被开了")
    replies = chat.say("想找个保安的活")
    assert replies[-1].startswith("最后一天上班是哪天?") and chat.awaiting == "last_work_day", replies


def test_the_work_wished_for_is_the_help_wanted_not_asked_again() -> None:
    """"想找个保安的活" at "最后一天上班是哪天?" was kept, and "需要哪些帮助?" asked all the same: a job found for
    them."""
    chat = _at_checkin()
    chat.jobs = []
    chat.say("被开了")
    chat.say("想找个保安的活")
    replies = chat.say("上个月底")
    replies += chat.say("4")
    assert not any("需要哪些帮助" in reply for reply in replies), replies
    assert chat.answers["service_needs"] == ["job_referral"] and chat.answers["desired_jobs"] == "保安"


def test_a_few_days_off_is_said_back() -> None:
    """"休息几天" at the check-in went on to the wages question without a word on what it heard."""
    chat = _at_checkin()
    replies = chat.say("休息几天")
    assert replies[0] == "好的, 知道了: 您还在岗, 先歇几天。", replies
    assert _answers(chat) == ["still_employed"] and not chat.kinds("employment_status_changed")


# -- 4. the registration's insurance question: English, and 社保 with years ------------------------------------

def _at_insured(locale: str) -> Chat:
    chat = _at_checkin()
    chat.jobs = []
    assert chat.state is not None
    chat.state["survey"]["answers"].pop("social_insurance")  # (the form says nothing of it: the question is asked)
    chat.state["locale"] = locale
    return chat


@pytest.mark.parametrize(("text", "years"), [("yes, paid 4 years", 4), ("four years", 4), ("4 yrs", 4),
                                             ("a year and a half", 1.5)])
def test_english_years_at_the_insured_question_are_insured_with_the_years(text: str, years: float) -> None:
    """"yes, paid 4 years" at the insured question was read as the 4th reason (Dismissed), "four years" and "4 yrs" not
    at all; "28 Nov", the prompt's own example of a last working day, was not read either."""
    chat = _at_insured("en")
    chat.say("lost my job")
    assert chat.awaiting == "last_work_day"
    chat.say("28 Nov")
    assert chat.awaiting == "job_loss_reason"
    chat.say("1")
    assert chat.awaiting == "insured"
    chat.say(text)
    assert chat.state is not None
    answers = chat.state["registration"]["answers"]
    assert answers["job_loss_reason"] == "contract_ended"
    assert (answers["insured"], answers["insured_years"]) == ("yes", years)
    assert chat.awaiting == "wants_services"


def test_english_years_at_the_years_question_are_read() -> None:
    chat = _at_insured("en")
    for text in ["lost my job", "end of last month", "1", "yes"]:
        chat.say(text)
    assert chat.awaiting == "insured_years"
    chat.say("four years")
    assert chat.state is not None and chat.state["registration"]["answers"]["insured_years"] == 4


@pytest.mark.parametrize("text", ["no", "None", "nothing, thanks"])
def test_no_in_english_at_the_help_question_is_none(text: str) -> None:
    """"no" at "What help do you need?" was "Reply with numbers, e.g. 1 3" (没有 / 不需要 were read)."""
    chat = _at_insured("en")
    for said in ["I quit", "yesterday", "1", "3"]:
        chat.say(said)
    assert chat.awaiting == "wants_services"
    chat.say(text)
    assert chat.state is not None and chat.state["registration"]["answers"]["wants_services"] == ["none"]


@pytest.mark.parametrize("text", ["交过社保的 交了两年多", "社保交了两年多"])
def test_social_insurance_paid_for_years_at_the_insured_question_is_insured(text: str) -> None:
    """"交过社保的 交了两年多" at "您在单位交过失业保险 (社保) 吗?" asked again what the 社保 held."""
    chat = _at_insured("zh_CN")
    chat.say("被开了")
    chat.say("上个月底")
    assert chat.awaiting == "insured"
    replies = chat.say(text)
    assert chat.state is not None
    answers = chat.state["registration"]["answers"]
    assert (answers["insured"], answers["insured_years"]) == ("yes", 2), replies
    assert chat.awaiting == "wants_services"


def test_social_insurance_without_years_still_asks_what_it_held() -> None:
    """A guard: 交了社保 alone may be the pension and medical cover only: what it held is asked."""
    chat = _at_insured("zh_CN")
    chat.say("被开了")
    chat.say("上个月底")
    assert chat.say("交了社保")[0].startswith("社保里有失业保险吗") and chat.awaiting == "insured"
    assert chat.state is not None and "insured" not in chat.state["registration"]["answers"]


# -- 5. a death in the family at the check-in of someone caring at home ------------------------------------------

@pytest.mark.parametrize("text", ["婆子走了", "老人走了"])
def test_a_death_at_the_unable_checkin_is_condoled_then_asked_whether_they_can_work(text: str) -> None:
    """"婆子走了" got "没太明白, 请回复数字" (no condolence); "老人走了" got "请节哀。" then "没太明白" and the
    check-in's "您好! 最近身体和家里情况怎么样" again."""
    chat = _at_unable_checkin()
    replies = chat.say(text)
    asked = "不急, 等家里安顿好了再说。您现在能出去工作吗? 1已经在工作 2想找工作 3暂时还不行"
    assert replies == ["请节哀。", asked], replies
    assert chat.state is not None and chat.state["checkin"]["misses"] == 0
    chat.say("2")
    assert _answers(chat) == ["want_work"]


def test_a_death_and_able_to_work_now_is_work_wanted_not_a_job_changed() -> None:
    """"婆子走了 现在能出去了" at the unable check-in: "请节哀。" then "知道了, 您换了工作。请说说新工作的情况" (its
    走了 read as a job changed)."""
    chat = _at_unable_checkin()
    replies = chat.say("婆子走了 现在能出去了")
    assert replies[0] == "请节哀。" and not any("换了工作" in reply for reply in replies), replies
    assert _answers(chat) == ["want_work"] and chat.answers["employment_status"] == "unemployed"


# -- 6. still at home a week after "going back" ----------------------------------------------------------------

def test_still_at_home_at_the_recheck_alerts_in_its_own_words() -> None:
    """Home a week after 还回去干 alerted the caseworker as work paused twice ("一周里两次回访都说停工或活少")."""
    chat = _at_home_question("回老家了")
    chat.say("1")
    _rechecked(chat)
    chat.say("还在家")
    assert [e.data["reason"] for e in chat.kinds("human_requested")] == ["checkin_still_home"]
    for locale in ("zh_CN", "en"):
        assert "{said}" in catalog(locale).get("alert.human_checkin_still_home")


# -- 7. a season played: the weekly check-in of someone looking ------------------------------------------------

@pytest.mark.parametrize(("text", "answer"), [
    ("老板说过完年再说", "still_looking"), ("人家说等通知", "still_looking"),
    ("工地上干了几天", "odd_jobs"), ("在家帮人盖房子 干一天算一天", "odd_jobs"),
])
def test_the_weekly_checkin_reads_a_lead_and_days_of_work(text: str, answer: str) -> None:
    """At "最近找工作有进展吗?", "老板说过完年再说" / "人家说等通知" (a lead, nothing settled) and "工地上干了几天" /
    "帮人盖房子 干一天算一天" (days of work here and there) were "没太明白, 请回复数字"."""
    chat = _at_weekly()
    chat.say(text)
    assert _answers(chat)[-1] == answer
    assert chat.answers["employment_status"] == "unemployed"


@pytest.mark.parametrize("text", ["说好了过完年去上班", "过完年去厂里", "有个老板说过完年让我去"])
def test_work_promised_after_the_festival_ahead_is_not_work_now(text: str) -> None:
    """"说好了过完年去上班" at the weekly check-in in December was a job found, its start read as the last festival's
    month (2026年3月), the form employed and the case on its way to close; "有个老板说过完年让我去" was "没太明白"."""
    chat = _at_weekly()
    replies = chat.say(text)
    assert _answers(chat)[-1] == "job_promised", replies
    assert replies == ["好的, 记下了: 说好了过完年去上班。去了以后告诉我们一声; 这之前工作人员还会帮您留意别的活。"]
    assert chat.answers["employment_status"] == "unemployed" and "started" not in chat.answers


def test_looking_again_after_the_festival_is_not_looking_for_now() -> None:
    """"过完年再去找" was "没太明白, 请回复数字" ("过完年再找" was not looking for now)."""
    chat = _at_weekly()
    chat.say("过完年再去找")
    assert _answers(chat)[-1] == "not_looking" and chat.answers["willing_to_work"] == "later"


@pytest.mark.parametrize("text", ["回来了 不出去了 在家种地", "不去了 回家带孩子"])
def test_a_job_given_up_for_home_after_the_festival_asks_whether_work_is_wanted_too(text: str) -> None:
    """At the spring return check, "回来了 不出去了 在家种地" went straight to the registration (its 不出去了 read as
    the job left) while the same words year-round now ask whether work is wanted: asked here too."""
    chat = _spring_return()
    assert chat.say(text) == [STAY_QUESTION]
    chat.say("2")
    assert _answers(chat)[-1] in ("left_home", "caring") and chat.awaiting != "last_work_day"
