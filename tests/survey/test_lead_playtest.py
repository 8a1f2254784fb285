"""What the lead met playing a laborer on the simulator (2026-12-05): agreeing or sending an ID number at the
menu before any survey, refusing a question, and "没有" at the summary. Each through the pure dialog step."""

from __future__ import annotations

import pytest

from dialogs.flows.registration.fields import REGISTRATION_FORM
from dialogs.forms import parse_choice
from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented


def at_menu() -> Chat:
    chat = Chat()
    chat.say("你好")
    assert chat.awaiting == "menu"
    return chat


@pytest.mark.parametrize("text", ["同意", "我同意", ID, f"王海红 {ID}"])
def test_agreeing_or_an_id_number_at_the_menu_starts_the_registration_with_consent(text: str) -> None:
    chat = at_menu()
    replies = chat.say(text)
    assert chat.awaiting == "consent" and "同意吗" in replies[-1]
    assert chat.answers == {}  # nothing kept before consent, the ID number least of all
    assert all("没太明白" not in reply for reply in replies)


def test_an_id_number_after_a_saved_survey_does_not_start_it_again() -> None:
    chat = consented()
    chat.say("王海红")
    chat.say(ID)
    assert chat.awaiting == "phone"
    chat.state = {**(chat.state or {}), "flow": None, "awaiting": None}  # as after the form is saved
    chat.say(ID)
    assert chat.awaiting != "consent"


def test_refusing_a_required_question_records_nothing_and_asks_again() -> None:
    chat = consented()
    for text in ("王海红", ID, "13912345678", "不知道", "威宁 金钟镇"):
        chat.say(text)
    assert chat.awaiting == "home_village"
    replies = chat.say("不需要")
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"
    assert replies


def test_refusing_an_optional_question_passes_over_it() -> None:
    chat = consented()
    for text in ("王海红", ID, "13912345678"):
        chat.say(text)
    assert chat.awaiting == "household_id"
    replies = chat.say("不需要")
    assert chat.answers.get("household_id") is None and chat.awaiting == "home_division"
    assert all("好像不对" not in reply for reply in replies)


@pytest.mark.parametrize("text", ["没有", "没问题", "都对", "没错"])
def test_nothing_wrong_at_the_summary_saves_the_form(text: str) -> None:
    chat = consented()
    chat.jobs = []  # the jobs look-up after saving finds nothing yet
    for answer in ("王海红", ID, "13912345678", "不知道", "威宁 金钟镇", "石门村", "2", "1", "1", "4", "不知道",
                   "不知道", "三千", "随时"):
        if chat.awaiting == "summary":
            break
        chat.say(answer)
    assert chat.awaiting == "summary", chat.awaiting
    replies = chat.say(text)
    assert "已保存" in replies[0] and chat.awaiting != "summary"


@pytest.mark.parametrize(("employer", "place", "want"), [
    ("包工头带的 没单位", "上海", "您好! 您还在上海干活吗?"),
    ("打零工 不固定", None, "您好! 您现在还在原来的单位上班吗?"),
    ("张老板的砖厂", "潢川", "您好! 您还在潢川的张老板的砖厂上班吗?"),
])
def test_the_check_in_names_the_employer_only_when_there_is_one(employer: str, place: str | None, want: str) -> None:
    """"您还在上海市的包工头带的 没单位上班吗?" was what a construction worker without an employer was asked."""
    chat = Chat()
    payload = {"fire": 1, "status": "employed", "employer": employer, "work_place": place}
    replies = chat._run(chat._inbound(kind="event", event="checkin.due", payload=payload))
    assert replies[0].startswith(want), replies


@pytest.mark.parametrize("text", ["想找个工作 最好学个技术", "找份工作 再学点技术"])
def test_a_job_and_training_wished_in_one_breath_are_both_service_needs(text: str) -> None:
    assert parse_choice(REGISTRATION_FORM.field("wants_services"), text) == ["job_referral", "training"]


def test_the_employers_name_told_at_the_contact_question_names_the_employer_recorded() -> None:
    chat = consented()
    for answer in ("王海红", ID, "13912345678", "不知道", "威宁 金钟镇", "石门村", "在东莞打工 电子厂", "长安镇"):
        chat.say(answer)
    assert chat.answers["employer"] == "电子厂" and chat.awaiting == "employer_contact"
    replies = chat.say("宏达电子厂")
    assert chat.answers["employer"] == "宏达电子厂"
    assert "工作单位: 宏达电子厂" in replies[0] and not any("电话好像不对" in reply for reply in replies)


@pytest.mark.parametrize("text", ["都要", "全部", "都需要"])
def test_all_of_them_to_the_help_wanted_is_every_kind_of_help(text: str) -> None:
    field = REGISTRATION_FORM.field("wants_services")
    assert parse_choice(field, text) == [c.value for c in field.choices if c.value != "none"]


@pytest.mark.parametrize("text", ["那行吧 登记", "那好吧", "登记吧"])
def test_a_grudging_yes_to_the_consent_question_is_consent(text: str) -> None:
    chat = Chat()
    chat.event("subscribe")
    assert chat.awaiting == "consent"
    chat.say(text)
    assert chat.awaiting == "name"


@pytest.mark.parametrize(("text", "reply"), [
    ("我去拿一下", "方便的时候再回复"), ("等我回家再发", "方便的时候再回复"), ("在家里 回去看看", "方便的时候再回复"),
    ("身份证在家里 没带", "先空着"), ("没带身份证", "先空着"),  # later, kindly (it was 这一项要填)
])
def test_the_id_card_not_at_hand_is_no_wrong_number(text: str, reply: str) -> None:
    chat = consented()
    chat.say("陈二娃")
    assert chat.awaiting == "id_number"
    replies = chat.say(text)
    assert reply in replies[0] and not any("应该是18位" in r for r in replies)
    # (talk16: not at hand, the form goes on without the number; fetching it now keeps the question open)
    assert chat.awaiting == ("phone" if reply == "先空着" else "id_number") and not chat.answers.get("id_number")


def _to(field: str) -> Chat:
    chat = consented()
    for answer in ("杨小芳", ID, "18712345678", "不知道", "纳雍县", "新华村", "2"):
        if chat.awaiting == field:
            break
        chat.say(answer)
    assert chat.awaiting == field
    return chat


def test_the_home_corrected_at_the_village_question_is_the_home_and_the_village_is_asked_again() -> None:
    chat = _to("home_village")
    replies = chat.say("不对 是织金县 八步街道")
    assert chat.answers["home_division"]["name"] == "贵州省毕节市织金县八步街道"
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"
    assert "已改为" in replies[0] and replies[-1].startswith("您家在哪个村")


def test_a_village_said_with_a_correction_word_is_the_village_alone() -> None:
    chat = _to("home_village")
    chat.say("不对 是新华村")
    assert chat.answers["home_village"] == "新华村"


@pytest.mark.parametrize("text", ["娃上幼儿园了 想出去找点活", "娃大了 想出去干活"])
def test_wanting_work_after_other_news_is_a_yes(text: str) -> None:
    chat = _to("willing_to_work")
    chat.say(text)
    assert chat.answers["willing_to_work"] == "yes"


def test_not_wanting_to_go_out_is_never_read_as_wanting_work() -> None:
    chat = _to("willing_to_work")
    chat.say("不想出去找活")
    assert chat.answers["willing_to_work"] == "no"


def test_what_registering_is_good_for_is_answered_before_the_consent_question() -> None:
    chat = at_menu()
    replies = chat.say("登记有啥好处")
    assert replies[0].startswith("登记以后, 我们按您的情况推荐工作和培训") and "同意吗" in replies[-1]
    assert chat.awaiting == "consent"
