"""check18 (2026-12-07): check-ins, job loss and the registration as people type them (tests/survey/driver.py;
each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly


def _answers(chat: Chat) -> list[object]:
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]


@pytest.mark.parametrize(("found", "denied"), [
    ("找到了", "不是 我没找到活"), ("找到了", "不对 我还没上班"), ("找到了", "不是 我还没找到"),
    ("找到了 在县城工地扎钢筋", "不是 我没找到活"),
])
def test_a_job_misread_at_the_weekly_checkin_denied_at_its_questions_puts_the_answers_back(
        found: str, denied: str) -> None:
    """"找到了" read as a job found opened the new job's questions; "不对 我还没上班" at one of them set the form back
    to out of work but asked the whole unemployed branch again (您想出去工作吗? …), "不是 我没找到活" was "您的失业登记
    已经提交过了" (the job left in place), "不是 我还没找到" was "没找到这个地方"."""
    chat = _at_weekly()
    before = {k: chat.answers[k] for k in ("willing_to_work", "service_needs", "desired_jobs", "expected_income")}
    chat.say(found)
    assert chat.answers["employment_status"] == "employed" and chat.awaiting != "summary"
    replies = chat.say(denied)
    assert chat.answers["employment_status"] == "unemployed"
    assert {k: chat.answers.get(k) for k in before} == before
    assert "work_division" not in chat.answers and "job_type" not in chat.answers
    assert chat.awaiting == "summary" and "理解错了" in replies[0]
    last = chat.kinds("employment_status_changed")[-1].data
    assert (last["old"], last["new"], last["reason"]) == ("employed", "unemployed", "corrected")


@pytest.mark.parametrize("text", ["还在县城", "威宁"])
def test_answers_at_the_new_jobs_questions_are_no_denial(text: str) -> None:
    """A guard: the place of the job found is its answer, not a misreading put right."""
    chat = _at_weekly()
    chat.say("找到了")
    chat.say(text)
    assert chat.answers["employment_status"] == "employed" and "work_division" in chat.answers


def _at_spring_return() -> Chat:
    """Employed on the form, the last check-in answered weeks ago, the spring return check asked."""
    chat = _at_checkin()
    chat.say("在的")
    chat.say("1")
    chat.later(days=60)
    chat.jobs = []
    assert _fire(chat, "spring_return", 5, employer="锦江之星酒店", work_place="贵阳", due_date="2027-02-08")
    return chat


def test_going_tomorrow_at_the_spring_return_is_not_back_yet() -> None:
    """"开工了 我明天就过去" was back at work (the wages question next): he is not there yet; asked again in a week."""
    chat = _at_spring_return()
    replies = chat.say("开工了 我明天就过去")
    assert _answers(chat)[-1] == "not_back_yet" and "工资" not in replies[0]
    assert chat.kinds("checkin_recheck")[-1].data["days"] == 7


def test_back_at_work_at_the_spring_return_reads_as_before() -> None:
    """A guard."""
    chat = _at_spring_return()
    chat.say("开工了 回来了")
    assert _answers(chat)[-1] == "still_employed"


def test_a_pause_with_the_month_of_return_and_temporary_work_wished_meanwhile() -> None:
    """"酒店三月份开业 我到时候回去 这期间想找个零工" was a plain return still to come ("过几天再问问您", asked again
    in a week though the hotel opens in March), the wish for temporary work lost."""
    chat = _at_spring_return()
    replies = chat.say("酒店三月份开业 我到时候回去 这期间想找个零工")
    assert _answers(chat)[-1] == "not_back_yet"
    assert len(replies) == 1 and "3月" in replies[0] and "临时" in replies[0]
    # Asked again a week after the opening (1 March), and temporary work looked for meanwhile.
    assert chat.kinds("checkin_recheck")[-1].data["days"] == (21 + 7)
    assert chat.kinds("jobs.match")[-1].data["wishes"] == ["这期间想找个零工"]


def test_the_month_of_return_alone_plans_the_recheck_after_it() -> None:
    chat = _at_spring_return()
    replies = chat.say("酒店三月份开业 我到时候回去")
    assert _answers(chat)[-1] == "not_back_yet" and "3月" in replies[0]
    assert chat.kinds("checkin_recheck")[-1].data["days"] == 28 and not chat.kinds("jobs.match")


@pytest.mark.parametrize(("said", "then", "code"), [
    ("我被调到另一个工地了", "遵义", "5203"), ("调到别的厂区了 还是这个老板", "不知道", "5201"),
    ("公司把我调到遵义的工地了", None, "5203"),
])
def test_a_transfer_by_the_same_employer_is_the_same_job(said: str, then: str | None, code: str) -> None:
    """"我被调到另一个工地了" was a job changed: every answer about the job dropped, the new job's questions from the
    start. The place is recorded when said, else asked once."""
    chat = _at_checkin()
    chat.say(said)
    if then is not None:
        assert chat.awaiting == "checkin"
        chat.say(then)
    assert _answers(chat) == ["transferred"] and chat.awaiting is None
    assert chat.answers["employer"] == "陈老板" and chat.answers["employment_status"] == "employed"
    assert chat.answers["work_division"]["code"] == code


def test_a_new_boss_is_still_a_job_changed() -> None:
    """A guard."""
    chat = _at_checkin()
    chat.say("换了个老板 调到别的工地了")
    assert _answers(chat) == ["changed_job"]


def test_the_job_kept_and_who_said_so_at_the_sick_question_is_no_injury_detail() -> None:
    """"还留着 包工头说好了再回去" after an injury told at the check-in was passed on as the injury's details (包工头):
    "好的, 已补充给工作人员" before the answer."""
    chat = _at_checkin()
    chat.say("干活把腿摔伤了")
    replies = chat.say("还留着 包工头说好了再回去")
    assert _answers(chat) == ["sick_leave"] and not chat.kinds("rights_details_told")
    assert "补充" not in "".join(replies)


def test_costs_refused_at_the_sick_question_are_still_the_injurys_details() -> None:
    """A guard."""
    chat = _at_checkin()
    chat.say("干活把腿摔伤了")
    chat.say("医药费自己垫的 包工头不管")
    assert chat.kinds("rights_details_told")


@pytest.mark.parametrize("text", ["受伤了老板就不要我了", "腿摔伤了 老板不要我了"])
def test_let_go_while_hurt_is_a_rights_matter_and_a_job_lost(text: str) -> None:
    """"受伤了老板就不要我了" was "没太明白, 请回复数字"; "腿摔伤了 老板不要我了" was the registration alone, the
    dismissal of someone hurt never passed on."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert _answers(chat) == ["job_lost"] and chat.awaiting == "last_work_day"
    [report] = chat.kinds("rights_issue_reported")
    assert report.data["issues"] == ["other"] and report.data["said"] == text
    assert "辞退" in replies[0]


def test_let_go_told_at_the_sick_question_is_reported_with_the_job_lost() -> None:
    chat = _at_checkin()
    chat.say("干活把腿摔伤了")
    replies = chat.say("老板不要我了")
    assert _answers(chat) == ["job_lost"] and len(chat.kinds("rights_issue_reported")) == 2
    assert "辞退" in replies[0]


def test_the_job_lost_without_an_injury_reports_nothing() -> None:
    """A guard: 老板不要我了 alone is the registration, no rights case."""
    chat = _at_checkin()
    chat.say("老板不要我了")
    assert _answers(chat) == ["job_lost"] and not chat.kinds("rights_issue_reported")


def test_a_plan_for_after_the_festival_puts_the_weekly_series_off() -> None:
    """"过完年去广东" at the weekly check-in left the series weekly, asked through the holiday: four weeks on (before
    the festival's weeks), then after the Lantern Festival (2027-02-21) when four weeks would fall in them."""
    from tests.survey.test_lead_playtest7 import _weekly

    chat = _at_weekly()  # (today 2026-12-17)
    chat.say("过完年去广东")
    assert [e.data["until"] for e in chat.kinds("checkin_series_put_off")] == ["2027-01-14"]
    chat.later(days=28)
    _weekly(chat, 3, "2027-01-14")
    chat.say("过完年去")
    assert [e.data["until"] for e in chat.kinds("checkin_series_put_off")][-1] == "2027-02-21"
    assert chat.kinds("checkin_series_put_off")[-1].data["status"] == "unemployed"


@pytest.mark.parametrize(("text", "month"), [("预产期三月", 3), ("预产期是3月份", 3), ("下个月就要生了", 1)])
def test_the_due_month_at_the_maternity_question_is_at_work_until_then(text: str, month: int) -> None:
    """"预产期三月" at "您现在还在上班, 还是休产假了?" was "没太明白, 请回复数字"."""
    chat = _at_checkin()  # (in December)
    chat.say("我怀孕了")
    replies = chat.say(text)
    assert _answers(chat) == ["still_employed"] and f"预产期{month}月" in replies[0]
    assert chat.awaiting is None


def test_the_due_month_with_leave_said_is_maternity_leave() -> None:
    """A guard: what she says of the job wins over the month."""
    chat = _at_checkin()
    chat.say("我怀孕了")
    chat.say("预产期三月 已经休产假了")
    assert _answers(chat) == ["maternity_leave"]


def _saved_without_id() -> Chat:
    from tests.survey.test_talk16 import _REST, _id_put_off

    chat, _ = _id_put_off("回头再说")
    for text in (*_REST, "没找到", "0"):
        chat.say(text)
    assert chat.answers["id_number"] is None and chat.kinds("form_submitted")
    return chat


def _weekly_at(chat: Chat, fire: int, due: str) -> None:
    _fire(chat, "checkin", fire, status="unemployed", employer=None, work_place=None, due_date=due)


def test_an_id_number_missing_is_asked_once_after_a_checkins_answer() -> None:
    """A form saved without the ID number (身份证在我老婆那 … 没找到) was never asked for it again: the check-ins
    went on without it. One line after the answer, then not at the next week's check-in (once in 90 days); the
    number sent then is taken."""
    from tests.survey.test_talking_as_people_type import ID

    chat = _saved_without_id()
    chat.later(days=7)
    _weekly_at(chat, 1, "2026-12-03")
    replies = chat.say("还没找到")
    assert len(replies) == 2 and "身份证号还没补上" in replies[1]
    chat.later(days=7)
    _weekly_at(chat, 2, "2026-12-10")
    assert not any("身份证" in reply for reply in chat.say("还没"))
    chat.later(days=90)
    _weekly_at(chat, 3, "2027-03-10")
    assert any("身份证号还没补上" in reply for reply in chat.say("还没"))
    chat.say(f"找到了 {ID}")
    assert chat.answers["id_number"] == ID


def test_a_form_with_its_id_number_is_not_asked() -> None:
    """A guard."""
    chat = _at_weekly()
    assert not any("身份证" in reply for reply in chat.say("还在找"))


def test_a_job_found_then_left_days_later_at_its_questions_is_no_misreading() -> None:
    """"不干了 太累了" a week after 找到了 (the new job's questions left open) is news, not a misreading put right (the
    bound of the fix above); the form saying employed, it is a new registration (it was "您的失业登记已经提交过了", the
    form left saying employed)."""
    chat = _at_weekly()
    chat.say("找到了 在县城送外卖")
    chat.later(days=7)
    replies = chat.say("不干了 太累了")
    assert not any("理解错了" in reply for reply in replies)
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting == "last_work_day"


def test_a_job_found_saved_and_lost_within_a_month_of_the_registration_is_registered_again() -> None:
    """Registered, found work (the new job's answers saved), lost it two weeks later: "您的失业登记已经提交过了 (编号
    R7)" and nothing more — the form still said employed, no case, no registration."""
    chat = _at_weekly()
    for text in ("找到了 在县城工地扎钢筋", "县城东边的工地", "王老板", "不知道", "这个月", "6000", "5", "没签", "没有",
                 "按时", "0"):
        chat.say(text)
    assert chat.kinds("form_submitted")[-1].data["answers"]["employment_status"] == "employed"
    chat.later(days=14)
    _fire(chat, "checkin", 9, employer="王老板", work_place="威宁", due_date="2027-01-01")
    replies = chat.say("不干了 老板不给钱")
    assert not any("已经提交过了" in reply for reply in replies)
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting == "last_work_day"


def test_a_job_loss_told_again_soon_after_the_registration_is_the_same_one() -> None:
    """A guard: out of work since the registration, the loss told again is not registered twice."""
    chat = _at_weekly()
    replies = chat.say("厂子倒闭了")
    assert any("已经提交过了" in reply for reply in replies) or chat.awaiting != "last_work_day"


# -- 8. a season played (employed in the autumn, through the Spring Festival) ----------------------------------------


def test_a_little_work_said_with_still_there_is_work_held_at_risk() -> None:
    """"还在干 就是活有点少" was all well (the wages question next); "活少了" was already read as held (a guard)."""
    for text in ("还在干 就是活有点少", "活少了"):
        chat = _at_checkin()
        chat.say(text)
        assert _answers(chat) == ["on_hold"], text


def test_the_boss_taking_the_crew_to_the_next_site_is_the_same_job() -> None:
    """"工地干完了 老板说带我们去下一个工地" was a job lost: the registration begun ("最后一天上班是哪天?")."""
    chat = _at_checkin()
    replies = chat.say("工地干完了 老板说带我们去下一个工地")
    assert _answers(chat) == ["transferred"] and chat.answers["employment_status"] == "employed"
    assert chat.awaiting == "checkin" and "原来那份工作" in replies[0]


@pytest.mark.parametrize("text", ["生病了 在家休息一个礼拜", "感冒了 请了两天假"])
def test_a_short_illness_with_its_days_off_is_in_post(text: str) -> None:
    """It asked "您安心休养。这份工作还给您留着吗?" (or was "没太明白") for a week off with a cold."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert _answers(chat) == ["still_employed"] and "歇几天" in replies[0]


def test_an_illness_without_days_off_said_still_asks_whether_the_job_is_kept() -> None:
    """A guard."""
    chat = _at_checkin()
    chat.say("生病住院了")
    assert chat.state is not None and chat.state["checkin"]["phase"] == "sick"


@pytest.mark.parametrize(("text", "day"), [("就前几天", "2026-12-07"), ("前两天", "2026-12-08"), ("前天", "2026-12-08"),
                                          ("元旦前几天", "2025-12-29")])
def test_a_few_days_ago_at_the_last_day_question_is_a_day(text: str, day: str) -> None:
    """"就前几天" at "最后一天上班是哪天?" was asked "12月几号?" (前天 and a holiday's 前几天 are guards)."""
    from datetime import date

    from dialogs.flows.registration.dates import find_day

    assert str(find_day(text, date(2026, 12, 10))) == day


@pytest.mark.parametrize("text", ["还没", "还没 在等老板电话", "还没呢 过几天"])
def test_not_yet_at_the_spring_return_is_a_return_to_come(text: str) -> None:
    """"还没 在等老板电话" at "春节过后, 您回到…上班了吗?" was "没太明白, 请回复数字"."""
    chat = _at_spring_return()
    chat.say(text)
    assert _answers(chat)[-1] == "not_back_yet" and chat.awaiting is None


def test_a_lead_still_being_considered_at_the_weekly_checkin_is_still_looking() -> None:
    """"有个老乡喊我去浙江 还在考虑" at "最近找工作有进展吗?" was "没太明白, 请回复数字"."""
    chat = _at_weekly()
    chat.say("有个老乡喊我去浙江 还在考虑")
    assert _answers(chat)[-1] == "still_looking"


def test_going_elsewhere_next_week_at_the_weekly_checkin_is_no_job_yet() -> None:
    """"下礼拜去浙江了" was "没太明白, 请回复数字": still out of work until then, said back as it was said."""
    chat = _at_weekly()
    replies = chat.say("下礼拜去浙江了")
    assert _answers(chat)[-1] == "job_promised_later" and "下礼拜去浙江" in replies[0]
    assert chat.answers["employment_status"] == "unemployed"


@pytest.mark.parametrize(("text", "answer"), [
    ("工地停了 老板说等几天", "on_hold"),  # it was a job lost: the registration begun
    ("厂里在裁人 我还没被裁", "at_risk"),  # it was all well, the wages question next
    ("我回老家开了个小卖部", "changed_job"),  # it was "没太明白, 请回复数字"
    ("自己做点小生意", "changed_job"),  # it was a job found again, straight to the old job's summary
    ("厂里裁人 把我裁了", "job_lost"),  # (a guard)
])
def test_more_answers_of_a_season_at_the_checkin(text: str, answer: str) -> None:
    chat = _at_checkin()
    chat.say(text)
    assert _answers(chat) == [answer]
    if answer == "changed_job":
        assert chat.awaiting != "summary" and "employer" not in chat.answers
