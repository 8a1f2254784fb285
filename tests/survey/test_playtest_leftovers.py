"""The leftovers of the lead's play-testing (issue: people type the way they talk): several answers in one
message, field-level misreads, corrections on SMS. Each through the pure dialog step."""

from __future__ import annotations

import pytest

from dialogs import nlu
from dialogs.flows.registration.fields import reason_in
from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented, employed_at

RIGHTS = ("contract_signed", "social_insurance", "wages_on_time")


@pytest.mark.parametrize(("text", "want"), [
    ("是 有 没有", ("yes", "yes", "no")),
    ("1 2 1", ("yes", "no", "yes")),
    ("签了，交了，按时", ("yes", "yes", "yes")),
])
def test_several_yes_no_answers_in_one_message_fill_the_questions_in_order(
    text: str, want: tuple[str, str, str]
) -> None:
    chat = consented()
    employed_at(chat, "contract_signed")
    replies = chat.say(text)
    assert tuple(chat.answers.get(key) for key in RIGHTS) == want
    assert chat.awaiting == "summary"
    assert "签订劳动合同" in replies[0] and "工资按时足额发放" in replies[0]  # what was noted, said back


def test_only_the_answers_that_fit_are_taken_and_the_unclear_one_is_asked() -> None:
    chat = consented()
    employed_at(chat, "contract_signed")
    replies = chat.say("1 2 不晓得咋说")
    assert chat.answers["contract_signed"] == "yes" and chat.answers["social_insurance"] == "no"
    assert "wages_on_time" not in chat.answers and chat.awaiting == "wages_on_time"
    assert replies[-1].startswith("工资")


def test_the_run_starts_at_the_choice_before_the_yes_no_questions() -> None:
    chat = consented()
    employed_at(chat, "employment_form")
    chat.say("1 1 2")
    assert chat.answers["employment_form"] == "migrant"
    assert chat.answers["contract_signed"] == "yes" and chat.answers["social_insurance"] == "no"
    assert chat.awaiting == "wages_on_time"


@pytest.mark.parametrize("text", ["对 对", "是 是的", "是 去年签的"])
def test_one_answer_said_twice_or_explained_answers_only_the_open_question(text: str) -> None:
    chat = consented()
    employed_at(chat, "contract_signed")
    chat.say(text)
    assert chat.answers["contract_signed"] == "yes"
    assert "social_insurance" not in chat.answers and chat.awaiting == "social_insurance"


def test_a_multi_choice_question_ends_the_run() -> None:
    """"1 1 4" at willing-to-work: 1 4 could be two services or a service and a scope; only the first is sure."""
    chat = Chat()
    chat.event("subscribe")
    chat.say("同意")
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村", "2"):
        chat.say(text)
    assert chat.awaiting == "willing_to_work"
    chat.say("1 1 4")
    assert chat.answers["willing_to_work"] == "yes"
    assert "service_needs" not in chat.answers and chat.awaiting == "service_needs"


# (talk15: the employer is 9 since the SMS summary's numbers run without a gap: the household number is left out)
@pytest.mark.parametrize("text", ["9 宏达电子厂", "9、宏达电子厂", "第9条 宏达电子厂"])
def test_an_sms_summary_correction_is_the_field_number_then_the_new_value(text: str) -> None:
    chat = consented("sms")
    employed_at(chat, "summary")
    replies = chat.say(text)
    assert chat.answers["employer"] == "宏达电子厂"
    assert replies[0] == "好的, 已改为 工作单位: 宏达电子厂。" and chat.awaiting == "summary"


def test_a_number_with_a_value_that_does_not_fit_its_field_changes_nothing() -> None:
    chat = consented("sms")
    employed_at(chat, "summary")
    before = chat.answers
    chat.say("14 好多")  # 14 is the monthly income: 好多 is no amount
    assert chat.answers == before and chat.awaiting == "summary"


def test_a_bare_menu_digit_right_after_the_form_is_saved_is_the_menu_choice() -> None:
    chat = consented("sms")
    employed_at(chat, "summary")
    chat.say("0")
    assert chat.kinds("form_submitted") and chat.awaiting is None
    replies = chat.say("1")  # the menu's first entry: the form, to look at or update
    assert not any("没太明白" in reply for reply in replies)
    assert chat.awaiting == "summary" and replies[-1].startswith("请核对")
    chat.say("0")
    assert len(chat.kinds("form_submitted")) == 2


# -- field-level misreads ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "place"), [("东莞宏达电子厂", "东莞"), ("宏达电子厂", None),
                                             ("在长安镇宏达电子厂上班", "长安镇")])
def test_an_employer_named_at_the_work_address_goes_to_the_employer(text: str, place: str | None) -> None:
    chat = consented()
    for answer in ("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村", "在东莞打工"):
        chat.say(answer)
    assert chat.awaiting == "work_place"
    replies = chat.say(text)
    assert chat.answers["employer"] == "宏达电子厂"
    assert chat.answers["work_place"] == place  # the address is what is left, or unknown
    assert "工作单位: 宏达电子厂" in replies[0] and chat.awaiting == "employer_contact"


def test_a_factory_at_the_address_of_a_known_employer_stays_the_address() -> None:
    """A decorating crew working in a factory: the crew's boss is the employer, the factory where they work."""
    chat = consented()
    for answer in ("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村", "在东莞张老板的装修队干"):
        chat.say(answer)
    assert chat.awaiting == "work_place" and chat.answers["employer"] == "张老板的装修队"
    chat.say("宏达电子厂")
    assert chat.answers["work_place"] == "宏达电子厂" and chat.answers["employer"] == "张老板的装修队"


@pytest.mark.parametrize(("text", "field", "value"), [("打磨", "job_type", "打磨"),
                                                      ("去年过完年来的", "started", "2025-02")])
def test_a_job_or_start_told_at_the_contact_question_goes_to_its_field(text: str, field: str, value: str) -> None:
    chat = consented()
    employed_at(chat, "employer_contact")
    replies = chat.say(text)
    assert chat.answers[field] == value
    assert chat.answers["employer_contact"] is None  # not a contact: unknown for now (asked again before the summary)
    assert not any("电话好像不对" in reply for reply in replies)


def test_a_bare_number_at_the_job_question_is_no_job() -> None:
    chat = consented()
    employed_at(chat, "job_type")
    replies = chat.say("1")
    assert "job_type" not in chat.answers and chat.awaiting == "job_type"
    assert replies == ["请说您的工种, 或回复 不知道。"]


def test_a_place_at_the_employer_question_is_no_employer() -> None:
    chat = consented()
    employed_at(chat, "employer")
    chat.say("河南潢川 桃林铺镇")
    assert "employer" not in chat.answers and chat.awaiting == "employer"


def unemployed_at_skills() -> Chat:
    chat = Chat()
    chat.event("subscribe")
    chat.say("同意")
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村", "2", "1", "1", "3", "保安"):
        chat.say(text)
    assert chat.awaiting == "skills"
    return chat


def test_no_trade_but_a_strong_back_is_no_skill() -> None:
    chat = unemployed_at_skills()
    chat.say("没啥手艺 就是力气大")
    assert chat.answers["skills"] is None and chat.awaiting == "expected_income"


def test_no_trade_but_a_licence_is_a_skill() -> None:
    chat = unemployed_at_skills()
    chat.say("没啥手艺 会开叉车")
    assert chat.answers["skills"] == "开叉车"  # (kept as typed until the lead's play-test of 2026-12-06)


def test_a_policy_question_during_the_application_follow_up_is_answered_then_the_follow_up_asked_again() -> None:
    chat = consented()
    employed_at(chat, "summary")
    chat.say("0")
    application = {"id": 5, "item": "vacancy", "title": "宏达电子厂 普工", "employer": "宏达电子厂",
                   "job_type": "普工", "division": None}
    chat._run(chat._inbound(kind="event", event="follow_up.due", payload={"fire": 1}))
    chat._run(chat._inbound(kind="event", event="follow_up.applications.result",
                            payload={"applications": [application]}))
    replies = chat.say("外出务工有交通补贴吗")
    assert not any("没太明白" in reply or "请回复" in reply.split("\n")[0] for reply in replies)
    assert "交通" in replies[0] and replies[-1].startswith("您报名的「宏达电子厂 普工」")
    assert chat.awaiting == "follow_up" and chat.state["follow_up"]["misses"] == 0
    chat.say("2")
    assert [e.data["outcome"] for e in chat.kinds("application_outcome")] == ["hired"]


@pytest.mark.parametrize("text", ["俺媳妇也想登记 她咋弄", "我老婆被厂里辞了 她没登记过"])
def test_words_right_after_the_form_is_saved_are_read_as_usual_not_as_a_menu_entry(text: str) -> None:
    chat = consented("sms")
    employed_at(chat, "summary")
    chat.say("0")
    chat.say(text)
    assert chat.awaiting != "summary" and chat.state["flow"] != "jobs"


@pytest.mark.parametrize(("text", "reason"), [("厂里活少 我也被辞了", "dismissed"), ("被辞退了", "dismissed"),
                                              ("我自己辞职了", "quit")])
def test_the_job_loss_reason_said_with_the_news_is_not_asked_again(text: str, reason: str) -> None:
    assert reason_in(text) == reason


# -- real misses of dialog_eval.jsonl, by cause --------------------------------------------------------------

@pytest.mark.parametrize(("field", "text", "value"), [
    ("social_insurance", "交了个新农合", "no"),  # the family's rural insurance, bought by themselves
    ("social_insurance", "交了新农合 厂里也交了社保", "yes"),
    ("wages_on_time", "月底结", "yes"),
    ("wages_on_time", "年底结", "no"),
    ("wages_on_time", "平台每周提现 不存在拖", "yes"),
    ("monthly_income", "一年下来也就两万来块", 1666),  # a year's pay: by the month
    ("monthly_income", "一年干十个月 一个月五千", 5000),
    ("monthly_income", "年收入三万", 2500),
])
def test_answers_as_people_put_them(field: str, text: str, value: object) -> None:
    chat = consented()
    employed_at(chat, field)
    chat.say(text)
    assert chat.answers[field] == value


def test_no_employer_to_pay_on_time_is_left_unknown_not_asked_again() -> None:
    chat = consented()
    employed_at(chat, "wages_on_time")
    chat.say("自己挣的 谈不上发不发")
    assert chat.answers["wages_on_time"] is None and chat.awaiting == "summary"


def test_agreement_with_a_closing_particle_confirms_the_summary() -> None:
    chat = consented()
    employed_at(chat, "summary")
    chat.say("没毛病了")
    assert chat.kinds("form_submitted") and chat.awaiting is None


def test_a_kind_of_post_is_no_job_type_when_the_job_is_named() -> None:
    assert nlu.find_job_type("在家 有公益岗 护林员") == "护林员"
    assert nlu.find_job_type("做公益岗") == "公益岗"


@pytest.mark.parametrize(("text", "employer"), [("河南潢川 桃林铺镇", None), ("潢川桃林铺", None),
                                                ("在东莞长安五金厂", "五金厂"), ("桃林铺镇宏达电子厂", "宏达电子厂")])
def test_a_division_named_like_a_shop_is_no_employer(text: str, employer: str | None) -> None:
    assert nlu.parse_employer(text) == employer


@pytest.mark.parametrize(("text", "code"), [("chongqing fengjie", "500236"), ("Guizhou Weining", "520526"),
                                            ("fengjie", "500236"), ("hello", None), ("xianzai", None)])
def test_counties_typed_in_pinyin_are_places(text: str, code: str | None) -> None:
    place = nlu.resolve_place(text)
    assert (place.code if place else None) == code


def test_a_home_county_in_pinyin_answers_the_home_question() -> None:
    chat = consented()
    for answer in ("彭小军", ID, "13712345678", "不知道"):
        chat.say(answer)
    assert chat.awaiting == "home_division"
    chat.say("chongqing fengjie")
    assert chat.answers["home_division"]["code"] == "500236" and chat.awaiting == "home_village"


def test_how_long_one_has_worked_is_no_yearly_pay() -> None:
    chat = consented()
    employed_at(chat, "monthly_income")
    chat.say("干了一年 三千五")
    assert "monthly_income" not in chat.answers and chat.awaiting == "monthly_income"


def test_a_month_at_the_summary_is_no_field_number() -> None:
    chat = consented("sms")
    employed_at(chat, "summary")
    before = chat.answers
    chat.say("3月开始干的")  # 3 is the phone's line: 月开始干的 is no phone, and 3月 no line number
    assert chat.answers["phone"] == before["phone"] and chat.awaiting == "summary"


def checked_in() -> Chat:
    chat = consented()
    employed_at(chat, "summary")
    chat.say("0")
    chat._run(chat._inbound(kind="event", event="checkin.due",
                            payload={"fire": 1, "status": "employed", "employer": "宏达电子厂"}))
    assert chat.awaiting == "checkin"
    return chat


def test_a_policy_question_at_the_check_in_is_answered_then_the_check_in_asked_again() -> None:
    chat = checked_in()
    replies = chat.say("外出务工有交通补贴吗")
    assert replies[0].startswith("【跨省务工交通补助】") and replies[-1].startswith("您好! 您还在宏达电子厂上班吗?")
    assert chat.state["checkin"]["misses"] == 0 and not chat.kinds("checkin_answered")
    chat.say("1")
    assert [e.data["answer"] for e in chat.kinds("checkin_answered")] == ["still_employed"]


def test_a_policy_question_at_the_check_in_s_rights_follow_up_is_answered_too() -> None:
    chat = checked_in()
    chat.say("1")
    replies = chat.say("外出务工有交通补贴吗")
    assert replies[0].startswith("【跨省务工交通补助】") and replies[-1].startswith("再问一下")
    assert chat.state["checkin"]["misses"] == 0 and chat.awaiting == "checkin"
    chat.say("工资拖欠怎么办?")  # an answer put as a question is still the answer
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
