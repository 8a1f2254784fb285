"""The job-loss dialog, pure: dates and reasons understood, known facts not asked again, the benefit answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dialogs.flows.registration import FIELD_KEYS, job_loss_facts, start_job_loss
from dialogs.flows.registration.benefits import benefit
from dialogs.flows.registration.dates import MonthOnly, find_day
from dialogs.i18n import render
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import StepContext, StepResult
from tests.survey.driver import Chat
from tests.survey.test_dialog import consented, employed_until
from tests.survey.test_playtest_round2 import insurance_not_on_form

TODAY = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("前天", date(2026, 12, 1)), ("昨天就不干了", date(2026, 12, 2)), ("上个月底", date(2026, 11, 30)),
        ("上月28号", date(2026, 11, 28)), ("11月28号", date(2026, 11, 28)), ("十一月二十八日", date(2026, 11, 28)),
        ("2026-11-20", date(2026, 11, 20)), ("上周五", date(2026, 11, 27)), ("星期一", date(2026, 11, 30)),
        ("三天前", date(2026, 11, 30)), ("一个星期前", date(2026, 11, 26)), ("半个月前", date(2026, 11, 18)),
        ("15号", date(2026, 11, 15)), ("3号走的", date(2026, 12, 3)), ("去年年底", date(2025, 12, 31)),
        ("上个月底厂子倒闭了", date(2026, 11, 30)), ("下周一", date(2026, 12, 7)),
    ],
)
def test_days_people_say(text: str, day: date) -> None:
    assert find_day(text, TODAY) == day


def test_a_month_alone_or_no_date() -> None:
    assert find_day("上个月", TODAY) == MonthOnly("2026-11")
    assert find_day("老板跑路了 我没活干了", TODAY) is None


@pytest.mark.parametrize(
    ("insured", "years", "reason", "verdict", "months"),
    [
        ("yes", 3, "employer_closed", "likely", 12), ("yes", 5, "laid_off", "likely", 18),
        ("yes", 12.5, "contract_ended", "likely", 24), ("yes", 1, "dismissed", "likely", 12),
        ("yes", 0.5, "laid_off", "too_short", None), ("no", None, "laid_off", "not_insured", None),
        ("yes", 8, "quit", "own_choice", None), ("unknown", None, "employer_closed", "unsure", None),
        ("yes", None, "employer_closed", "unsure", None), ("yes", 3, "other", "unsure", None),
    ],
)
def test_the_benefit_rules(insured: str, years: float | None, reason: str, verdict: str, months: int | None) -> None:
    assert benefit(insured, years, reason) == benefit(insured, years, reason)
    found = benefit(insured, years, reason)
    assert (found.verdict, found.months) == (verdict, months)


def test_the_facts_in_the_news_are_kept() -> None:
    ctx = StepContext(now=datetime(2026, 12, 3, 2, tzinfo=UTC), today=TODAY, channel="wechat", locale="zh_CN")
    assert job_loss_facts("上个月底厂子倒闭了", ctx) == {"last_work_day": "2026-11-30",
                                                    "job_loss_reason": "employer_closed"}
    # (the boss gone, the wages unsaid: whether they were settled is asked, check23)
    assert job_loss_facts("老板跑路了 我没活干了", ctx) == {"job_loss_reason": "employer_closed", "boss_gone": True}
    assert job_loss_facts("我失业了", ctx) == {}


def test_a_check_in_hands_over_what_it_heard_and_only_the_rest_is_asked() -> None:
    """As part B's check-in calls it: the day and the reason are known."""
    chat = consented()
    employed_until(chat, "summary")
    chat.say("0")
    insurance_not_on_form(chat)
    r = StepResult(dict(chat.state or {}))
    start_job_loss(r, chat.ctx, {"last_work_day": "2026-11-20", "job_loss_reason": "laid_off", "bogus": 1})
    assert r.state["awaiting"] == "insured"
    assert r.state["registration"]["answers"] == {"last_work_day": "2026-11-20", "job_loss_reason": "laid_off"}
    assert [e.kind for e in r.events if e.kind != "field_changed"] == ["employment_status_changed"]
    chat.state = r.state
    chat.say("不清楚")
    replies = chat.say("都不需要")
    assert any("交失业保险满1年" in reply for reply in replies)  # insurance unknown: the rule, and 12333
    submitted = chat.kinds("registration.submit")[-1].data
    assert submitted["wants_services"] == [] and submitted["benefit_likely"] is None


def test_the_whole_dialog_with_the_benefit_answer() -> None:
    chat = consented()
    employed_until(chat, "summary")
    chat.say("0")
    insurance_not_on_form(chat)
    chat.say("我没活干了")
    assert chat.awaiting == "last_work_day"
    assert chat.say("上个月")[0] == (  # today: 11-26
        "最后一天上班是10月的哪一天? 比如: 10月底、10月15号。不记得可回复 不知道。")
    assert chat.say("下周一")[0].startswith("这一天还没到")
    chat.say("上个月底")
    assert chat.awaiting == "job_loss_reason"
    assert chat.say("嗯")[0].startswith("请回复数字选择原因")
    chat.say("被裁员了")
    chat.say("交了")
    chat.say("十年多")
    replies = chat.say("1 3")
    assert replies[0] == "已为您提交失业登记 (编号 R7), 由工作人员帮您办理。"
    assert replies[1] == "按您说的 (交了10年, 不是自己辞职), 您很可能能领失业保险金, 最长24个月, 从登记那天起算。"
    assert "12333" in replies[2] and replies[3].startswith("负责您的工作人员是李书记, 2天内会联系您")
    submitted = chat.kinds("registration.submit")[-1].data
    assert {k: submitted[k] for k in FIELD_KEYS} == {
        "last_work_day": "2026-10-31", "job_loss_reason": "laid_off", "insured": "yes", "insured_years": 10,
        "wants_services": ["job_referral", "business"],
    }
    assert (submitted["benefit_likely"], submitted["benefit_months"]) == (True, 24)
    assert chat.kinds("job_search_started")[-1].data["case_id"] == 3


def test_a_job_loss_told_again_soon_is_the_same_registration() -> None:
    chat = consented()
    employed_until(chat, "summary")
    chat.say("0")
    for text in ("厂子倒闭了", "前天", "没交", "1"):
        chat.say(text)
    for text in ("4", "不知道", "不知道", "不知道", "不知道", "0"):  # the survey's new branch, confirmed
        chat.say(text)
    chat.later(days=3)
    chat.say("厂子倒闭了我没工作了")  # the form already says so: noted (dialogs/flows/idle.py)
    assert len(chat.kinds("registration.submit")) == 1
    # A check-in hearing it again hands it over: the registration says it is already in.
    r = StepResult(dict(chat.state or {}))
    start_job_loss(r, chat.ctx, {"job_loss_reason": "laid_off"})
    assert [m.key for m in r.outbound] == ["registration.already"] and not r.events


def test_unpaid_wages_told_during_the_registration() -> None:
    chat = consented()
    employed_until(chat, "summary")
    chat.say("0")
    chat.say("厂子倒闭了")
    replies = chat.say("老板还欠我三个月工资没给")
    assert replies[0].startswith("您反映的问题已转给") and chat.awaiting == "last_work_day"
    assert chat.kinds("rights_issue_reported")[-1].data["issue"] == "wage_arrears"


def test_a_job_loss_is_registered_only_when_work_was_on_record() -> None:
    """Said before consent by someone we know nothing of, "我没活干了" is their status for the survey; once they
    are on record as working, the same news opens the registration."""
    chat = Chat()
    chat.event("subscribe")
    chat.say("不同意")
    chat.say("老板跑路了 我没活干了")
    assert chat.awaiting == "consent"
    chat.say("同意")
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting != "last_work_day"
    assert not chat.kinds("registration.submit")
    employed = consented()
    employed_until(employed, "started")
    assert employed.say("老板跑路了 我没活干了")[0].startswith("很遗憾您没了工作")
    assert employed.awaiting == "last_work_day"


def test_every_message_fits_two_sms_parts() -> None:
    chat = Chat(channel="sms")
    chat.event("subscribe")
    chat.say("同意")
    chat.later(days=1)
    for text in ("王小明", "520526199003151239", "13812345678", "不知道", "威宁县", "新发村", "1"):
        chat.say(text)
    replies = chat.say("厂子倒闭了")
    for text in ("前天", "交了", "6年", "1 2"):
        replies += chat.say(text)
    assert replies and all(parts(reply) <= MAX_PARTS for reply in replies)
    assert any("最长18个月" in reply for reply in replies)


def test_the_diagram_names_every_question() -> None:
    diagram = (Path(__file__).parents[2] / "dialogs/flows/registration/registration.mmd").read_text(encoding="utf-8")
    assert all(f"awaiting: {key}" in diagram for key in FIELD_KEYS)
    assert "awaiting: registration_submit" in diagram


def test_prompts_render_in_both_locales() -> None:
    from dialogs.flows.registration.fields import REGISTRATION_FORM
    from dialogs.types import Outbound

    for f in REGISTRATION_FORM.fields:
        for locale in ("zh_CN", "en"):
            for channel in ("wechat", "sms"):
                text = render(Outbound(key=f.prompt, options=tuple(c.label for c in f.choices)), locale, channel)
                assert text and "{" not in text
    assert timedelta(days=30)  # the "same job loss" window is a month (dialogs/flows/registration/flow.py)


def test_facts_for_the_next_questions_told_with_an_answer_are_not_asked_again() -> None:
    """"交过 交了三年多" answers whether and how long; "上礼拜三 厂子倒了" the day and the reason."""
    chat = consented()
    employed_until(chat, "summary")
    chat.say("0")
    insurance_not_on_form(chat)
    r = StepResult(dict(chat.state or {}))
    start_job_loss(r, chat.ctx, {})
    chat.state = r.state
    assert r.state["awaiting"] == "last_work_day"
    chat.say("上个月底 厂子倒闭了")
    assert chat.state is not None and chat.state["awaiting"] == "insured"
    chat.say("交过 交了三年多")
    assert chat.state["awaiting"] == "wants_services"
    month_end = chat.ctx.today.replace(day=1) - timedelta(days=1)  # 上个月底
    assert chat.state["registration"]["answers"] == {"last_work_day": month_end.isoformat(),
                                                     "job_loss_reason": "employer_closed", "insured": "yes",
                                                     "insured_years": 3}
    chat.say("1")  # a bare number at the insurance question is no number of years
    assert chat.state["registration"]["answers"]["insured_years"] == 3


def test_at_the_insurance_question_dont_know_and_a_question_are_understood() -> None:
    """不晓得交没交 is a don't-know (not the 没交 inside it); 失业金咋领 is answered, then asked again."""
    chat = consented()
    employed_until(chat, "summary")
    chat.say("0")
    insurance_not_on_form(chat)
    r = StepResult(dict(chat.state or {}))
    start_job_loss(r, chat.ctx, {"last_work_day": "2026-11-20", "job_loss_reason": "laid_off"})
    chat.state = r.state
    replies = chat.say("失业金咋领")
    assert chat.state is not None and chat.state["awaiting"] == "insured"
    assert len(replies) >= 2 and "交过失业保险" in replies[-1]
    assert "registration.stuck" not in replies
    chat.say("不晓得交没交")
    assert chat.state["registration"]["answers"]["insured"] == "unknown"
    assert chat.state["awaiting"] == "wants_services"


def test_answers_to_later_questions_told_instead_of_this_one_are_kept_and_said_back() -> None:
    """"交了两年多吧" when asked the last working day: insured for 2 years, noted, and the day asked again;
    "老板跑了" at the insurance question gives the reason, not an answer about insurance."""
    chat = consented()
    employed_until(chat, "summary")
    chat.say("0")
    insurance_not_on_form(chat)
    r = StepResult(dict(chat.state or {}))
    start_job_loss(r, chat.ctx, {})
    chat.state = r.state
    assert r.state["awaiting"] == "last_work_day"
    replies = chat.say("交了两年多吧")
    assert chat.state is not None and chat.state["awaiting"] == "last_work_day"
    assert chat.state["registration"]["answers"] == {"insured": "yes", "insured_years": 2}
    assert "已记下" in replies[0] and "参加失业保险" in replies[0] and "缴费年限" in replies[0]
    assert "最后一天上班" in replies[-1]
    chat.say("前天")
    assert chat.state["awaiting"] == "job_loss_reason"
    chat.say("3")  # the reasons are a numbered list: a bare number is the choice, not anything ahead
    assert chat.state["awaiting"] == "wants_services"  # insured and the years are not asked again
    assert chat.state["registration"]["answers"]["job_loss_reason"] == "employer_closed"


def test_insurance_told_at_the_reason_question_is_kept_and_the_reason_asked_again() -> None:
    chat = consented()
    employed_until(chat, "summary")
    chat.say("0")
    insurance_not_on_form(chat)
    r = StepResult(dict(chat.state or {}))
    start_job_loss(r, chat.ctx, {"last_work_day": "2026-11-20"})
    chat.state = r.state
    assert r.state["awaiting"] == "job_loss_reason"
    replies = chat.say("社保交了三年")
    assert chat.state is not None and chat.state["awaiting"] == "job_loss_reason"
    assert "记下了" in replies[0]
    # 社保 may be only the pension and medical cover (talk8): whether unemployment insurance was in it is asked.
    replies = chat.say("合同到期了")
    assert chat.state["awaiting"] == "insured" and replies[0].startswith("您交的社保里有失业保险吗?")
    chat.say("有")
    assert chat.state["registration"]["answers"]["insured_years"] == 3
    assert chat.state["awaiting"] == "wants_services"
