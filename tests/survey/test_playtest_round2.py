"""The lead's second round of play-testing (people type the way they talk): colloquial job-loss reasons, a plan
at the last-working-day question, a negation between two options, late answers, wishes typed at yes/no
questions, optional questions passed over. Each through the pure dialog step."""

from __future__ import annotations

import pytest

from dialogs.flows.registration.fields import reason_in
from tests.survey.driver import Chat
from tests.survey.test_dialog import consented as subscribed
from tests.survey.test_dialog import employed_until
from tests.survey.test_talking_as_people_type import ID, consented, employed_at


def insurance_not_on_form(chat: Chat) -> None:
    """The saved form says nothing of social insurance (a roster record, a form from before the question): the
    registration asks whether the person was insured (a form that says so answers it)."""
    assert chat.state is not None
    chat.state["survey"]["answers"].pop("social_insurance", None)


def registering(channel: str = "wechat") -> Chat:
    """Employed on record (social insurance not on the form), then "我没活干了": the registration asks the last
    working day."""
    chat = subscribed(channel=channel)
    employed_until(chat, "summary")
    chat.say("0")
    insurance_not_on_form(chat)
    chat.say("我没活干了")
    assert chat.awaiting == "last_work_day"
    return chat


@pytest.mark.parametrize(("text", "reason"), [
    ("厂里裁人", "laid_off"), ("厂里裁员了 把我裁了", "laid_off"), ("厂里不要人了", "laid_off"),
    ("厂里放假了", "laid_off"), ("合同到期了", "contract_ended"), ("干不下去自己走的", "quit"),
    ("我自己辞的工", "quit"), ("老板把我开了", "dismissed"), ("老板把俺开了", "dismissed"), ("被老板开了", "dismissed"),
    ("老板不让干了", "dismissed"), ("厂子搬走了", "employer_closed"), ("厂子搬到越南去了", "employer_closed"),
    ("工程完了 工地散了", "employer_closed"), ("开了个小店", None), ("我没活干了", None),
    ("活干完了 回老家了", "employer_closed"),  # the work (a site, a project) finished: as 工程完了, not a choice
])
def test_job_loss_reasons_as_people_say_them(text: str, reason: str | None) -> None:
    assert reason_in(text) == reason


@pytest.mark.parametrize("text", ["厂里裁人", "老板把我开了", "老板把俺开了"])
def test_a_colloquial_reason_answers_the_reason_question(text: str) -> None:
    chat = registering()
    chat.say("上个月底")
    assert chat.awaiting == "job_loss_reason"
    chat.say(text)
    assert chat.state is not None and chat.state["registration"]["answers"]["job_loss_reason"] == reason_in(text)
    assert chat.awaiting == "insured"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_when_they_mean_to_go_out_again_is_no_last_working_day(channel: str) -> None:
    chat = registering(channel)
    replies = chat.say("想找 过完年再出来")
    assert chat.state is not None and "last_work_day" not in chat.state["registration"]["answers"]
    assert chat.awaiting == "last_work_day" and "2月的哪一天" not in " ".join(replies)
    assert "打算" in replies[-1] and "最后一天上班" in replies[-1]  # the date asked again, saying why
    # The wish goes where the survey takes it, and is said back.
    assert (chat.answers["willing_to_work"], chat.answers["available_from"]) == ("later", "2027-02")
    assert "2027年2月" in replies[0]
    chat.say("上个月底")
    assert chat.state["registration"]["answers"]["last_work_day"] == "2026-10-31"


def test_a_past_month_still_asks_which_day() -> None:
    chat = registering()
    assert chat.say("上个月")[0].startswith("最后一天上班是10月的哪一天")


# -- the employment form ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "form"), [
    ("个体的吧 也不是 就是打工", "migrant"), ("不是个体 是打工", "migrant"), ("打工 不对 是自己干", "self_employed"),
    ("在县城打零工", "flexible"),
])
def test_the_option_settled_on_after_one_taken_back(text: str, form: str) -> None:
    chat = consented()
    employed_at(chat, "employment_form")
    chat.say(text)
    # Working for oneself has no contract to ask about (the insurance comes next).
    following = "social_insurance" if form == "self_employed" else "contract_signed"
    assert chat.answers["employment_form"] == form and chat.awaiting == following


def test_two_options_neither_taken_back_are_asked_again() -> None:
    chat = consented()
    employed_at(chat, "employment_form")
    assert chat.say("个体 打工")[0].startswith("请回复数字 1 到 5")
    assert "employment_form" not in chat.answers


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_wage_job_near_home_is_offered_as_a_workshop_and_asked_when_not(channel: str) -> None:
    chat = consented(channel)
    employed_at(chat, "employment_form")
    assert "扶贫车间" in chat.say("就在镇上厂里上班")[0]  # not recorded as migrant work: asked
    assert "employment_form" not in chat.answers
    chat.say("1")
    assert chat.answers["employment_form"] == "workshop"
    other = consented(channel)
    employed_at(other, "employment_form")
    other.say("在村里的厂子打工")
    assert other.say("不是")[0].startswith("您是哪种就业方式")  # the list, to pick from
    other.say("5")
    assert other.answers["employment_form"] == "flexible"


# -- late answers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_late_dont_know_answers_the_question_it_names_and_the_reply_says_so(channel: str) -> None:
    chat = consented(channel)
    for text in ("彭小军", ID, "13712345678"):
        chat.say(text)
    assert chat.awaiting == "household_id"
    chat.say("麻阳县高村镇")  # the next question answered instead: the household number passed over
    assert chat.awaiting == "home_village"
    replies = chat.say("不知道啥编号")
    assert "这一项要填" not in " ".join(replies)
    assert replies[0] == "好的, 已记下: 户编号: 不知道。" and chat.answers["household_id"] is None
    assert chat.awaiting == "home_village" and "村" in replies[-1]
    chat.say("石羊村")
    assert chat.answers["home_village"] == "石羊村"


def test_a_dont_know_about_the_open_question_still_says_it_must_be_answered() -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇"):
        chat.say(text)
    assert chat.say("不知道")[0].startswith("这一项要填") and chat.awaiting == "home_village"


# -- where they want to work --------------------------------------------------------------------------------

def looking_at(field: str, channel: str = "wechat") -> Chat:
    """Unemployed, wanting work and a job found for them, up to `field`."""
    chat = subscribed(channel=channel)
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村", "2", "想", "1"):
        if chat.awaiting == field:
            break
        chat.say(text)
    assert chat.awaiting == field
    return chat


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["离家近点", "在家附近就行", "离家近点就行 能照顾老人", "家跟前", "就在本地",
                                  "不想出去 就在附近"])
def test_near_home_is_the_home_county(text: str, channel: str) -> None:
    chat = looking_at("preferred_scope", channel)
    chat.say(text)
    assert chat.answers["preferred_scope"] == "home_county" and chat.awaiting == "desired_jobs"


@pytest.mark.parametrize("text", ["就近", "家跟前", "离家近点"])
def test_near_home_said_at_the_help_question_is_kept_for_the_scope(text: str) -> None:
    chat = looking_at("service_needs")
    replies = chat.say(text)
    assert chat.answers["preferred_scope"] == "home_county" and "本县" in replies[0]
    assert chat.awaiting == "service_needs"


# -- a trade to learn, typed at a yes/no question -----------------------------------------------------------

@pytest.mark.parametrize("text", ["想学电焊", "想学个电焊", "想出去 也想学个电焊"])
def test_a_trade_to_learn_at_wanting_work_is_yes_and_training(text: str) -> None:
    chat = looking_at("willing_to_work")
    replies = chat.say(text)
    assert chat.answers["willing_to_work"] == "yes" and chat.answers["service_needs"] == ["training"]
    assert "技能培训" in replies[0] and chat.awaiting == "preferred_scope"


def test_a_question_about_learning_is_no_wish() -> None:
    chat = looking_at("willing_to_work")
    chat.say("学电焊要钱吗")
    assert "willing_to_work" not in chat.answers and chat.awaiting == "willing_to_work"


@pytest.mark.parametrize(("status", "answer"), [("unemployed", "need_help"), ("unable", "want_work")])
def test_a_trade_to_learn_at_a_check_in_asks_for_help_and_keeps_the_wish(status: str, answer: str) -> None:
    chat = looking_at("willing_to_work")
    for text in ("想", "1", "1", "电工", "不知道", "不知道", "不知道"):
        chat.say(text)
    chat.jobs = []
    chat.say("0")
    chat._run(chat._inbound(kind="event", event="checkin.due", payload={"fire": 1, "status": status}))
    assert chat.awaiting == "checkin"
    replies = chat.say("想学个电焊")
    assert [e.data["answer"] for e in chat.kinds("checkin_answered")] == [answer]
    assert replies[0].startswith("好的, 已通知负责您的工作人员") and chat.kinds("human_requested")
    assert chat.answers["service_needs"] == ["job_referral", "training"]


# -- optional questions passed over -------------------------------------------------------------------------

def test_a_question_passed_over_is_asked_again_before_the_summary() -> None:
    chat = consented()
    employed_at(chat, "employer_contact")
    replies = chat.say("我是做普工的 去年三月来的")  # the job and its start, at the employer's phone
    assert (chat.answers["job_type"], chat.answers["started"]) == ("普工", "2025-03")
    assert chat.awaiting == "monthly_income" and replies[-1].startswith("每月大概挣多少钱")
    for text in ("五千", "1", "没签", "没交"):
        chat.say(text)
    replies = chat.say("按时")
    assert chat.awaiting == "employer_contact" and replies[0] == "刚才有一项跳过了, 再问一下:"
    chat.say("0731-84567890")
    assert chat.answers["employer_contact"] == "0731-84567890" and chat.awaiting == "summary"


def test_a_question_asked_again_and_still_not_answered_is_left_unknown() -> None:
    chat = consented()
    employed_at(chat, "employer_contact")
    chat.say("做小工")
    for text in ("去年三月", "五千", "1", "没签", "没交", "按时"):
        chat.say(text)
    assert chat.awaiting == "employer_contact"
    assert chat.say("一个月五千")[0].startswith("电话好像不对")
    chat.say("就那样")
    assert chat.answers["employer_contact"] is None and chat.awaiting == "summary"


@pytest.mark.parametrize("text", ["不知道", "不想给老板电话"])
def test_a_question_declined_is_not_asked_again(text: str) -> None:
    chat = consented()
    employed_at(chat, "employer_contact")
    chat.say(text)
    for answer in ("小工", "去年三月", "五千", "1", "没签", "没交", "按时"):
        chat.say(answer)
    assert chat.answers["employer_contact"] is None and chat.awaiting == "summary"


def test_the_household_number_passed_over_is_not_asked_again() -> None:
    """It is on the roster; people who skip it mostly do not know it (the played conversations)."""
    chat = subscribed()
    for text in ("罗会芬", ID, "15285671234", "纳雍县 阳长镇", "新发村", "2", "不想"):
        chat.say(text)
    assert chat.answers["household_id"] is None and chat.awaiting == "summary"


# -- found playing a laborer (item 7) -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "insured"), [("木有交", "no"), ("冇交过", "no"), ("木有交过", "no"), ("没有交", "no"),
                                              ("有交", "yes"), ("交过", "yes")])
def test_a_dialect_no_before_a_yes_word_is_no(text: str, insured: str) -> None:
    """木有交 held 有交 (yes): a choice word right after a negation picks nothing."""
    chat = registering()
    chat.say("上个月底")
    chat.say("厂里裁人")
    assert chat.awaiting == "insured"
    chat.say(text)
    assert chat.state is not None and chat.state["registration"]["answers"]["insured"] == insured


def test_no_one_told_they_get_no_benefit_is_sent_to_claim_it() -> None:
    chat = registering()
    for text in ("上个月底", "厂里裁人", "没交"):
        chat.say(text)
    replies = chat.say("1 2")
    assert any("领不了失业保险金" in reply for reply in replies)
    assert not any("申领" in reply for reply in replies)


def test_a_counting_word_before_the_employer_is_no_address() -> None:
    chat = consented()
    employed_at(chat, "work_place")
    chat.say("北仑那边 一个模具厂")
    assert chat.answers["employer"] == "模具厂" and chat.answers["work_place"] == "北仑"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_change_of_mind_at_the_next_question_changes_the_answer_before(channel: str) -> None:
    chat = looking_at("preferred_scope", channel)
    chat.say("外省都中")
    assert chat.answers["preferred_scope"] == "other_provinces" and chat.awaiting == "desired_jobs"
    replies = chat.say("不对 是省内")
    assert chat.answers["preferred_scope"] == "home_province" and "desired_jobs" not in chat.answers
    assert "本省" in replies[0] and chat.awaiting == "desired_jobs"


@pytest.mark.parametrize(("field", "text"), [("social_insurance", "不对 工资经常拖"), ("skills", "不是 我会电焊")])
def test_no_change_of_mind_read_into_a_yes_no_or_free_text_answer(field: str, text: str) -> None:
    chat = consented() if field == "social_insurance" else looking_at("willing_to_work")
    if field == "social_insurance":
        employed_at(chat, field)
        chat.say("交了")
    else:
        for answer in ("想", "1", "本县", "保安"):
            chat.say(answer)
    before = dict(chat.answers)
    chat.say(text)
    changed = {k for k in before if chat.answers.get(k) != before[k]}
    assert not changed


def test_a_name_typed_in_pinyin_loses_its_wo_jiao() -> None:
    chat = subscribed()
    chat.say("wo jiao wang da shan")
    assert chat.answers["name"] == "wang da shan"
