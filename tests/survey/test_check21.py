"""check21 (2026-12-07): check-ins and the registration as people answer them (tests/survey/driver.py; each test
failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs.flows.registration.fields import reason_in
from tests.survey.driver import Chat
from tests.survey.test_check18 import _at_spring_return
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly


def _answers(chat: Chat) -> list[object]:
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]


def _registration(chat: Chat) -> dict[str, Any]:
    return dict((chat.state or {})["registration"]["answers"])


def _rights_changed(chat: Chat, since: int) -> dict[str, object]:
    """The form's wages, contract and insurance fields the check-in changed after event `since`."""
    fields = ("wages_on_time", "contract_signed", "social_insurance")
    return {e.data["field"]: e.data["new"] for e in chat.events[since:]
            if e.kind == "field_changed" and e.data["field"] in fields}


# -- 1. only the contract said at the wages question ------------------------------------------------------------------

def test_the_contract_alone_at_the_wages_question_asks_the_rest() -> None:
    """"合同签了一年的" at "工资按时足额发了吗? 签了合同、交了社保吗?" recorded all three fine (wages, contract and
    insurance), only the contract said: now the contract is recorded, the wages and the insurance asked."""
    chat = _at_checkin()
    chat.say("在的")
    since = len(chat.events)
    replies = chat.say("合同签了一年的")
    assert _rights_changed(chat, since) == {"contract_signed": "yes"}
    assert chat.awaiting == "checkin" and "工资" in replies[-1] and "社保" in replies[-1] and "合同" not in replies[-1]
    chat.say("社保没交 工资按时发的")
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["no_social_insurance"]
    assert chat.answers["social_insurance"] == "no" and chat.answers["wages_on_time"] == "yes"
    assert chat.awaiting is None


def test_a_no_to_the_one_thing_left_is_that_issue() -> None:
    """"没有" at "签劳动合同了吗?" (the wages and the insurance said fine): no contract."""
    chat = _at_checkin()
    chat.say("在的")
    chat.say("工资按时发 社保交了")
    chat.say("没有")
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["no_contract"]


@pytest.mark.parametrize("text", ["1", "都有", "2 3"])
def test_the_whole_wages_question_answered_is_not_asked_again(text: str) -> None:
    """A guard: a number or 都有 answers all three."""
    chat = _at_checkin()
    chat.say("在的")
    chat.say(text)
    assert chat.awaiting is None


def test_the_wages_alone_leave_the_contract_and_the_insurance_as_they_were() -> None:
    """"工资拖了一个月" at the wages question recorded the contract (not signed, on the form) and the insurance as
    fine, unsaid: only the wages now."""
    chat = _at_checkin()
    chat.say("在的")
    since = len(chat.events)
    chat.say("工资拖了一个月")
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["wage_arrears"]
    assert _rights_changed(chat, since) == {"wages_on_time": "no"} and chat.answers["contract_signed"] == "no"


@pytest.mark.parametrize("text", ["在 工资也还行 合同签了 社保也交了",
                                  "我在厂里呢 一切都好 就是活有点累 工资也还行 合同签了 社保也交了"])
def test_all_three_said_fine_with_the_answer_are_not_asked_again(text: str) -> None:
    """"在 工资也还行 合同签了 社保也交了" was asked the whole wages question after it; the voice-typed
    "我在厂里呢 一切都好 … 社保也交了" was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert _answers(chat) == ["still_employed"] and chat.awaiting is None
    assert not chat.kinds("rights_issue_reported") and "工资按时足额" not in " ".join(replies)
    assert chat.answers["contract_signed"] == "yes"


def test_some_said_fine_with_the_answer_asks_only_the_rest() -> None:
    """"在的 合同签了 社保也交了": the wages asked alone (it asked all three)."""
    chat = _at_checkin()
    replies = chat.say("在的 合同签了 社保也交了")
    assert chat.awaiting == "checkin" and "工资按时足额发了吗?" in replies[-1] and "合同" not in replies[-1]


# -- 2. a waiver of social insurance --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["在 但是老板要我们签自愿放弃社保的协议", "还在 老板让签个不交社保的承诺书"])
def test_a_waiver_of_insurance_told_with_the_answer_is_a_rights_report(text: str) -> None:
    """"在 但是老板要我们签自愿放弃社保的协议" was in post and the wages question: the waiver is void. Now a report
    (no insurance), said back as void, the caseworker told, no wages question."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert _answers(chat) == ["still_employed"] and chat.awaiting is None
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["no_social_insurance"]
    assert "不算数" in " ".join(replies) and "工作人员" in replies[-1]


def test_a_waiver_at_the_wages_question_is_said_to_be_void() -> None:
    chat = _at_checkin()
    chat.say("在的")
    replies = chat.say("老板要我们签自愿放弃社保的协议")
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["no_social_insurance"]
    assert "不算数" in replies[0]


# -- 3. tired of being asked ------------------------------------------------------------------------------------------

def test_tired_of_being_asked_is_told_how_often_and_the_answer_kept() -> None:
    """"在呢 你们天天问烦不烦" got no word on how often we ask or how to stop: now both, kindly, and 在 is in post."""
    chat = _at_checkin()
    replies = chat.say("在呢 你们天天问烦不烦")
    assert _answers(chat) == ["still_employed"]
    assert "一个月问一次" in replies[0] and "退订" in replies[0]


def test_tired_of_being_asked_alone_is_told_and_asked_again_without_a_miss() -> None:
    chat = _at_checkin()
    replies = chat.say("你们天天问烦不烦")
    assert "退订" in replies[0] and "没太明白" not in " ".join(replies) and chat.awaiting == "checkin"
    chat.say("在的")
    assert _answers(chat) == ["still_employed"]


def test_tired_of_being_asked_while_looking_is_told_weekly() -> None:
    chat = _at_weekly()
    replies = chat.say("还没找到 你们天天问烦不烦")
    assert "一个礼拜问一次" in replies[0] and _answers(chat)[-1] == "still_looking"


def test_the_boss_asking_every_day_is_not_about_us() -> None:
    """A guard: 老板天天问 is the work."""
    chat = _at_checkin()
    replies = chat.say("在的 老板天天问我要不要加班")
    assert "退订" not in " ".join(replies)


# -- 4. the boss let people go -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["老板说不要人了 我不干了", "老板说不要人了我不干了", "厂头没活了 我不干了"])
def test_let_go_then_not_working_is_a_lay_off_not_asked(text: str) -> None:
    """"老板说不要人了 我不干了" asked the reason (我不干了 read as a choice of their own): the boss letting people go
    is a lay-off; 厂头 (Sichuan for 厂里) too."""
    assert reason_in(text) == "laid_off"
    chat = _at_checkin()
    chat.say(text)
    chat.say("上个月底")
    assert _registration(chat)["job_loss_reason"] == "laid_off" and chat.awaiting != "job_loss_reason"


@pytest.mark.parametrize(("text", "reason"), [("我不干了", "quit"), ("老板不给钱 我不干了", "quit"),
                                              ("不想干了 老板也不要人了", None)])
def test_not_working_alone_or_for_a_reason_of_ones_own_is_still_quitting(text: str, reason: str | None) -> None:
    """A guard."""
    assert reason_in(text) == reason


# -- 5. whether insured not known, at the reason --------------------------------------------------------------------

def test_not_knowing_whether_insured_at_the_reason_is_the_insurance() -> None:
    """"不知道交没交" at "是什么原因没了工作?" became reason 其他原因: it answers the insurance (not known), said back,
    and the reason asked again."""
    chat = _at_checkin()
    chat.say("不干了")
    chat.say("上个月底")
    assert chat.awaiting == "job_loss_reason"
    replies = chat.say("不知道交没交")
    assert "job_loss_reason" not in _registration(chat) and _registration(chat)["insured"] == "unknown"
    assert chat.awaiting == "job_loss_reason" and "不清楚" in replies[0]
    chat.say("2")
    assert _registration(chat)["job_loss_reason"] == "laid_off" and chat.awaiting == "wants_services"


def test_not_knowing_the_reason_is_still_other() -> None:
    """A guard: 不知道 at the reason."""
    chat = _at_checkin()
    chat.say("不干了")
    chat.say("上个月底")
    chat.say("不知道")
    assert _registration(chat)["job_loss_reason"] == "other"


# -- 6. paid short and late, said with 钱 ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["钱发了 就是少了五百 晚几天", "钱是发了 少给了三百"])
def test_money_paid_short_at_the_wages_question_is_a_wages_report(text: str) -> None:
    """"钱发了 就是少了五百 晚几天" (钱, not 工资) at the wages question was asked again: paid short and late."""
    chat = _at_checkin()
    chat.say("在的")
    replies = chat.say(text)
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["wage_arrears"]
    assert chat.answers["wages_on_time"] == "no" and "请回复数字" not in " ".join(replies)


# -- played: dialect, voice-typed, the weekly and spring return check-ins, the registration ---------------------------

@pytest.mark.parametrize("text", ["耍起的", "莫得活路 还在屋头耍起的"])
def test_idle_said_in_sichuan_at_the_weekly_checkin_is_still_looking(text: str) -> None:
    """"耍起的" (Sichuan: idle, no work) at "最近找工作有进展吗?" was "没太明白, 请回复数字" (莫得活路 … was read
    already: a guard)."""
    chat = _at_weekly()
    replies = chat.say(text)
    assert _answers(chat)[-1] == "still_looking" and "没太明白" not in " ".join(replies)


def test_a_few_days_work_unpaid_at_the_weekly_checkin_is_a_wages_report() -> None:
    """"找了个活 不过干了三天就不干了 老板不给钱" at the weekly check-in was casual work, the three days' pay owed lost:
    now a wages report, said back, and the help goes on."""
    chat = _at_weekly()
    replies = chat.say("找了个活 不过干了三天就不干了 老板不给钱")
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["wage_arrears"]
    assert "工作人员" in replies[0] and chat.answers["employment_status"] == "unemployed"


@pytest.mark.parametrize("text", ["去了", "到了", "早就到了"])
def test_gone_back_said_plainly_at_the_spring_return_is_back_at_work(text: str) -> None:
    """"去了", "到了" at "春节过后, 您回到…上班了吗?" were "没太明白, 请回复数字" (回去了 was back)."""
    chat = _at_spring_return()
    before = len(_answers(chat))
    replies = chat.say(text)
    assert _answers(chat)[before:] == ["still_employed"] and "没太明白" not in " ".join(replies)


def test_back_with_the_pay_put_off_for_months_is_a_wages_report() -> None:
    """"到了 就是老板说上个月工资要等到四月份才发" at the spring return was "没太明白": back, and the wages put off."""
    chat = _at_spring_return()
    chat.say("到了 就是老板说上个月工资要等到四月份才发")
    assert _answers(chat)[-1] == "still_employed"
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["wage_arrears"]


@pytest.mark.parametrize(("text", "reason"), [("老板跑球了", "employer_closed"),
                                              ("厂头莫得活路了 老板喊我们走", "laid_off"), ("老板喊我走", "dismissed")])
def test_reasons_said_in_sichuan_are_read(text: str, reason: str) -> None:
    """"老板跑球了", "厂头莫得活路了 老板喊我们走" at "是什么原因没了工作?" were "请回复数字选择原因"."""
    assert reason_in(text) == reason


@pytest.mark.parametrize("text", ["交了好几年了 具体记不到了", "好几年"])
def test_several_years_at_the_years_question_is_not_known_and_on(text: str) -> None:
    """"交了好几年了 具体记不到了" at "交了几年?" said "参加失业保险: 交过" back and asked the years again; 好几年 was
    asked again: several years, the number not known, is recorded so (the caseworker checks) and the questions go on."""
    chat = _at_checkin()
    for said in ["不干了", "上个月底", "2"]:
        chat.say(said)
    assert chat.awaiting == "insured_years"
    replies = chat.say(text)
    assert chat.awaiting == "wants_services" and "不清楚" in replies[0]
    assert _registration(chat)["insured"] == "yes" and _registration(chat).get("insured_years") is None


def test_overtime_unpaid_said_the_other_way_round_is_a_wages_report() -> None:
    """"还在整 就是最近老是加班 一天干十二个钟头 加班费也莫得" was in post and the wages question (没有加班费 was read,
    加班费也没有 was not)."""
    chat = _at_checkin()
    chat.say("还在整 就是最近老是加班 一天干十二个钟头 加班费也莫得")
    assert _answers(chat) == ["still_employed"] and chat.awaiting is None
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["wage_arrears"]


@pytest.mark.parametrize(("text", "waiting"), [("没问题的 放心", False), ("保险买了的", True)])
def test_fine_said_in_other_words_at_the_wages_question(text: str, waiting: bool) -> None:
    """"没问题的 放心" and "保险买了的" at the wages question were "请回复数字": all fine; the insurance fine (the rest
    asked)."""
    chat = _at_checkin()
    chat.say("在的")
    replies = chat.say(text)
    assert "请回复数字" not in " ".join(replies) and (chat.awaiting == "checkin") is waiting


def test_at_it_said_in_sichuan_is_in_post() -> None:
    """"在那儿整起的" (Sichuan: still at it there) was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.say("在那儿整起的")
    assert _answers(chat) == ["still_employed"]


@pytest.mark.parametrize("text", ["我今年不去贵阳了在我们县城里找了个活在做", "今年不去了 在县城找了个活"])
def test_another_job_found_at_the_spring_return_is_a_job_changed(text: str) -> None:
    """"我今年不去贵阳了在我们县城里找了个活在做" at the spring return was back at the old job (the wages question
    next); "今年不去了 在县城找了个活" was the job lost with the old job's summary: a job changed, the new place the
    county (not 贵阳, given up)."""
    chat = _at_spring_return()
    before = len(_answers(chat))
    replies = chat.say(text)
    assert _answers(chat)[before:] == ["changed_job"] and "贵阳" not in " ".join(replies)
    assert chat.answers["work_division"]["code"] == "520526"


@pytest.mark.parametrize("text", ["还在 没找到别的活", "还在原来厂里 想找个别的活"])
def test_no_other_job_found_is_still_in_post(text: str) -> None:
    """A guard."""
    chat = _at_checkin()
    chat.say(text)
    assert _answers(chat) == ["still_employed"]
