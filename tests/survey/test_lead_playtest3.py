"""What the lead met playing an SMS-only laborer through a season (2026-12-05, third round): job-loss reasons
told as the factory having no work, and said in the check-in's answer. Each through the pure dialog step."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.checkin.answers import parse_rights
from dialogs.flows.registration.fields import reason_in
from tests.survey.driver import Chat
from tests.survey.test_playtest_round2 import registering
from tests.survey.test_talking_as_people_type import ID, consented, employed_at


@pytest.mark.parametrize(("text", "reason"), [
    ("早不干了 上个月厂里没活 把我们都辞了", "laid_off"), ("厂里没活了 老板让走的", "laid_off"),
    ("厂子没活干 都放回家了", "laid_off"), ("厂里活少 把我们都辞了", "laid_off"), ("老板叫我走人", "dismissed"),
    ("我没活干了", None),  # no work any more is the loss itself, not its reason
])
def test_the_factory_having_no_work_is_a_lay_off(text: str, reason: str | None) -> None:
    assert reason_in(text) == reason


def test_a_lay_off_told_with_the_last_day_is_not_asked_again() -> None:
    chat = registering()
    chat.say("上个月25号 厂里没活了 老板让走的")
    assert chat.state["registration"]["answers"]["job_loss_reason"] == "laid_off"
    assert chat.awaiting == "insured"


@pytest.mark.parametrize("text", ["都挺好的", "挺好", "还行吧", "都没问题啊", "都正常", "都有的", "好的", "有"])
def test_all_fine_at_the_rights_question_as_people_say_it(text: str) -> None:
    assert parse_rights(text, nlu.understand(text, date(2026, 12, 30))) == set()


@pytest.mark.parametrize("text", ["不好", "没有", "工资没发", "还没发"])
def test_a_problem_at_the_rights_question_is_never_all_fine(text: str) -> None:
    assert parse_rights(text, nlu.understand(text, date(2026, 12, 30))) != set()


def _due(chat: Chat, kind: str, fire: int) -> list[str]:
    payload = {"fire": fire, "kind": kind, "status": "employed", "employer": "电子厂", "work_place": "东莞",
               "due_date": "2027-02-24"}
    return chat._run(chat._inbound(kind="event", event="checkin.due", payload=payload))


def test_a_check_in_due_while_the_last_is_open_and_fresh_is_not_asked_twice() -> None:
    """A series' check-in held over the Spring Festival and the spring return were both sent on the first
    morning after it: two near-identical questions at once. The second is answered by the first."""
    chat = Chat()
    assert _due(chat, "checkin", 1)[0].startswith("您好! 您还在东莞的电子厂上班吗?")
    chat.later(minutes=1)
    assert _due(chat, "spring_return", 2) == []
    [first, second] = chat.kinds("checkin_sent")
    assert not first.data.get("merged") and second.data["merged"] and second.data["fire"] == 2
    chat.later(hours=49)  # two days on, unanswered: a new check-in is a question again
    assert _due(chat, "checkin", 3)[0].startswith("您好! 您还在东莞的电子厂上班吗?")


def test_an_answered_check_in_never_swallows_the_next() -> None:
    chat = Chat()
    _due(chat, "checkin", 1)
    chat.say("1")
    chat.say("1")  # in post, and wages, contract and insurance all fine
    assert _due(chat, "spring_return", 2)[0].startswith("春节过后")


@pytest.mark.parametrize("text", ["别发了 烦死了", "不要再给我发短信了", "以后别发了 俺不需要", "别打扰我了"])
def test_asking_not_to_be_sent_messages_inside_a_dialog_stops_them(text: str) -> None:
    """"别发了 烦死了" at a check-in's question was "没太明白, 请回复数字": at the menu it stopped messages."""
    chat = Chat()
    _due(chat, "checkin", 1)
    replies = chat.say(text)
    assert "已退订" in replies[0] and chat.state.get("opted_out")


@pytest.mark.parametrize("text", ["取消", "退出", "别发愁", "工资发了", "发了工资就回去", "不要", "不用了", "咋退订"])
def test_other_words_are_no_request_to_stop(text: str) -> None:
    assert not nlu.asks_to_stop(text)


def _saved_unable() -> Chat:
    chat = consented()
    for text in ("赵大勇", ID, "15837771234", "不晓得", "潢川县 踅孜镇", "赵湾村", "腿摔断了 在家养着 干不了活", "对"):
        chat.say(text)
    assert chat.answers["employment_status"] == "unable" and chat.awaiting is None
    return chat


def test_wages_owed_for_past_work_are_a_rights_issue_not_news_of_work() -> None:
    """"俺以前在工地干 老板还欠俺八千块钱没给 咋办" from someone unable to work started the employed branch."""
    chat = _saved_unable()
    replies = chat.say("俺以前在工地干 老板还欠俺八千块钱没给 咋办")
    assert chat.answers["employment_status"] == "unable" and chat.awaiting is None
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert "转给负责您的工作人员" in replies[0]


@pytest.mark.parametrize("text", ["以前在东莞打工", "前几年在工地干过"])
def test_work_told_only_in_the_past_is_noted_as_the_speakers_own(text: str) -> None:
    chat = _saved_unable()
    replies = chat.say(text)
    assert chat.answers["employment_status"] == "unable"
    assert not any("家里人" in reply for reply in replies)


@pytest.mark.parametrize(("text", "status"), [
    ("去年开始在东莞打工", "employed"), ("以前在厂里干 后来厂子倒了", "job_lost"),
    ("原来在电子厂 现在换到家具厂了", "changed_job"), ("我在东莞打工", "employed"),
])
def test_work_going_on_or_lost_since_is_still_news(text: str, status: str) -> None:
    assert nlu.understand(text, date(2026, 12, 5)).status == status


def _reported() -> Chat:
    chat = _saved_unable()
    chat.say("老板拖了俩月工资")
    return chat


def test_details_after_a_rights_report_are_taken_twice_at_most() -> None:
    chat = _reported()
    assert chat.say("是万家超市") == ["好的, 已补充给工作人员。"]
    assert chat.say("欠了五千多") == ["好的, 已补充给工作人员。"]
    assert "已补充" not in " ".join(chat.say("三个月了"))
    assert [e.data["details"] for e in chat.kinds("rights_details_told")] == ["是万家超市", "欠了五千多"]


@pytest.mark.parametrize("text", ["社保也没给交", "失业金咋领", "谢谢", "人工"])
def test_a_new_issue_a_question_or_thanks_after_a_rights_report_are_not_its_details(text: str) -> None:
    chat = _reported()
    chat.say(text)
    assert chat.kinds("rights_details_told") == []


def test_details_a_day_later_are_read_as_usual() -> None:
    chat = _reported()
    chat.later(hours=25)
    chat.say("是万家超市")
    assert chat.kinds("rights_details_told") == []


@pytest.mark.parametrize("follow_up", ["那在哪领", "那我能领多久", "能领多少"])
def test_a_policy_follow_up_in_the_middle_of_the_survey_is_a_question_not_an_answer(follow_up: str) -> None:
    """"那在哪领" at the work-place question was stored as the work place."""
    chat = consented()
    employed_at(chat, "work_place")
    chat.say("失业金咋领")
    replies = chat.say(follow_up)
    assert "work_place" not in chat.answers and chat.awaiting == "work_place"
    assert replies[0].startswith("【失业保险金") and replies[-1].startswith("具体的工作地址")


def test_the_home_told_at_the_household_number_is_kept_and_the_number_asked_again() -> None:
    """"织金县八步街道 新寨村" at the household number was "户编号好像不对" and lost."""
    chat = consented()
    for text in ("王建军", ID, "13907771234"):
        chat.say(text)
    assert chat.awaiting == "household_id"
    replies = chat.say("织金县八步街道 新寨村")
    assert chat.answers["home_division"]["name"] == "贵州省毕节市织金县八步街道"
    assert chat.awaiting == "household_id" and "户籍地" in replies[0] and "好像不对" not in " ".join(replies)


def test_the_start_month_told_at_the_employers_phone_is_kept_and_the_phone_asked_again() -> None:
    """"今年3月" at the employer's phone was "电话好像不对"."""
    chat = consented()
    employed_at(chat, "employer_contact")
    replies = chat.say("今年3月")
    assert chat.answers["started"] == "2026-03" and chat.awaiting == "employer_contact"
    assert "好像不对" not in " ".join(replies)


def test_a_rights_complaint_at_a_survey_question_opens_a_case_and_the_question_is_asked_again() -> None:
    """"老板拖欠工资三个月了" at the registration's follow-up question was "请回复数字 1 到 4" and no case."""
    chat = registering()
    for text in ("上个月底", "厂里裁人", "没交", "1"):
        chat.say(text)
    assert chat.awaiting == "preferred_scope"
    replies = chat.say("老板拖欠工资三个月了")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert "已转给负责您的工作人员" in replies[0] and chat.awaiting == "preferred_scope"
    assert "请回复数字" not in " ".join(replies)


def test_another_rights_complaint_at_a_survey_question_is_said_back_plainly() -> None:
    chat = consented()
    employed_at(chat, "employment_form")
    replies = chat.say("老板打人 还扣押身份证")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["other"]
    assert replies[0] == "您反映的问题已转给负责您的工作人员, 他们会尽快联系您。"
    assert chat.awaiting == "employment_form"


@pytest.mark.parametrize("text", ["在一个饰品厂 做流水线", "饰品厂 做流水线"])
def test_the_job_said_with_the_employer_at_the_work_place_question_is_no_address(text: str) -> None:
    """"做流水线" was recorded as the work place."""
    chat = consented()
    employed_at(chat, "work_place")
    chat.say(text)
    assert chat.answers["employer"] == "饰品厂" and chat.answers.get("work_place") != "做流水线"


def test_an_address_said_with_the_employer_is_still_the_work_place() -> None:
    chat = consented()
    employed_at(chat, "work_place")
    chat.say("宏达电子厂 长安镇振安路")
    assert chat.answers["work_place"] == "长安镇振安路"


@pytest.mark.parametrize("text", ["有没有活 离家近点的", "有没有工地的活?"])
def test_a_job_asked_for_in_the_middle_of_the_survey_is_not_referred_as_a_question(text: str) -> None:
    """"有没有活 离家近点的" at the work-place question went to the caseworker as a policy question."""
    chat = consented()
    employed_at(chat, "work_place")
    replies = chat.say(text)
    assert chat.kinds("question_referred") == [] and chat.awaiting == "work_place"
    assert replies[0].startswith("登记好了, 就能按您的情况推荐") and "work_place" not in chat.answers
