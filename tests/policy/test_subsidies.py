"""A question about money that names none ("有没有啥补贴能领") is answered from the policy text with the subsidies that
fit what the person's record says, one line each with the question that gets the details; it was referred."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dialogs import engine, policy
from dialogs.i18n import LOCALES, render
from dialogs.policy.catalogue import retrieval
from dialogs.policy.subsidies import RESULT, Known, asks_what_money, offered
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import Inbound, StepResult
from tests.jobs.test_dialog import registered_chat
from tests.jobs.test_e2e import GUARD_SURVEY, survey
from tests.policy.test_policy import ctx
from tests.survey.driver import START, Chat
from tests.survey.helpers import say

ASKED = ["有没有啥补贴能领", "俺能领点啥钱不", "政府有啥补助没", "有补贴吗", "能领啥补贴", "俺这情况有啥补助",
         "国家给啥钱", "有啥福利没", "我能领多少钱", "补贴咋领", "what subsidies can I get"]
# A topic the catalogue does not know, a topic it does, no money, or money paid: never this list.
NOT_ASKED = ["问一下 这个要钱不", "要花钱不", "收费不", "报名咋报",
             "考驾照有补贴吗", "低保怎么申请", "养老保险能补缴吗", "怎么办", "在哪领", "培训有补贴吗", "失业金咋领",
             "俺交了一年多社保 能领不"]
# Unemployed, paid insurance, 48, wants training, work in the home county.
AT_HOME = {"status": "ok", "facts": {"status": "unemployed", "age": 48, "insured": True, "needs": ["training"],
                                     "scope": "home_county", "away": False}}
# Working in another province, 30, not insured.
AWAY = {"status": "ok", "facts": {"status": "employed", "age": 30, "insured": False, "needs": [], "scope": None,
                                  "away": True}}


@pytest.mark.parametrize("question", ASKED)
def test_a_question_about_money_that_names_none_is_recognised(question: str) -> None:
    assert asks_what_money(question)


@pytest.mark.parametrize("question", NOT_ASKED)
def test_a_question_that_names_a_topic_or_no_money_is_not_the_list(question: str) -> None:
    assert not asks_what_money(question)


def names(payload: dict[str, Any] | None) -> list[str]:
    return [e.id for e in offered(Known.of(payload) if payload else None)]


def test_the_subsidies_that_fit_follow_status_age_insurance_needs_and_where_one_works() -> None:
    assert names(AT_HOME) == ["unemployment_benefit", "training_subsidy", "public_welfare_job"]
    assert names(AWAY) == ["transport_subsidy", "training_subsidy", "work_elsewhere"]
    young_founder = {"status": "ok", "facts": {"status": "unemployed", "age": 20, "insured": False,
                                               "needs": ["business"], "scope": "anywhere"}}
    assert names(young_founder) == ["transport_subsidy", "training_subsidy", "technical_school", "startup"]
    assert names(None) == names({"status": "no_profile"}) == [
        "unemployment_benefit", "transport_subsidy", "training_subsidy", "technical_school", "public_welfare_job",
        "startup", "disability", "work_elsewhere"]  # the last two had no line before (care10)
    old_at_work = {"status": "ok", "facts": {"status": "employed", "age": 63, "scope": "home_county"}}
    assert names(old_at_work) == []


def step_result(chat: Chat, payload: dict[str, Any]) -> list[str]:
    inbound = Inbound(channel=chat.channel, address="u1", kind="event", dedup_key="r", received_at=START,  # type: ignore[arg-type]
                      event=RESULT, transport="internal", payload=payload)
    result = engine.step(chat.state, inbound, chat.ctx)
    return [render(m, str(result.state["locale"]), chat.channel) for m in result.outbound]


def test_with_no_dialog_open_the_record_is_read_and_the_fitting_subsidies_told_one_line_each() -> None:
    chat = registered_chat()
    assert chat.say("有没有啥补贴能领") == []
    assert [e.kind for e in chat.events] == ["policy.subsidies"]  # never question_referred
    [told] = step_result(chat, AT_HOME)
    assert told.splitlines() == [
        "按您登记的情况, 这些钱您可能能领:",
        "• 失业金: 交失业保险满1年、不是自己要走的, 失业后按月领。问详情回复: 失业金咋领",
        "• 培训补贴: 参加技能培训有补贴, 一般不用交钱。问详情回复: 培训有补贴吗",
        "• 公益岗: 年纪大、难找活的, 可以安排护林员、保洁员等岗位。问详情回复: 公益岗怎么申请",
        "低保、医保这些直接问就行, 比如 低保怎么申请、医保怎么交; 别的回复 人工, 工作人员帮您问。",
    ]
    [nothing] = step_result(chat, {"status": "ok", "facts": {"status": "employed", "age": 63}})
    assert nothing.startswith("按您登记的情况, 政策里暂时没有您能领的补贴") and "人工" in nothing


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("payload", [AT_HOME, AWAY, {"status": "no_profile"}])
def test_by_sms_the_list_is_one_message_for_a_person_and_two_parts_at_most_for_everybody(
    locale: str, payload: dict[str, Any]
) -> None:
    chat = registered_chat(channel="sms")
    assert chat.state is not None
    chat.state["locale"] = locale
    [told] = step_result(chat, payload)
    assert parts(told) <= (1 if payload.get("facts") else MAX_PARTS), told
    if locale == "zh_CN" and payload is AT_HOME:
        assert told == "按您的情况可能能领这些钱, 回复一句看详情: 失业金咋领；培训有补贴吗；公益岗怎么申请"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_question_each_line_offers_gets_that_entrys_answer(locale: str, channel: str) -> None:
    for entry in retrieval().entries:
        if not entry.offers:
            continue
        chat = registered_chat(channel=channel)
        assert chat.state is not None
        chat.state["locale"] = locale
        chat.say(entry.offers[locale]["ask"])
        assert policy.TOPIC in chat.state and chat.state[policy.TOPIC]["entry"] == entry.id, entry.offers[locale]
        assert not chat.events


def test_inside_a_dialog_with_its_question_open_the_list_is_told_at_once_for_everybody() -> None:
    r = StepResult({"flow": "registration"})
    assert policy.answer_or_refer(r, "俺能领点啥钱不", ctx()) is True
    assert r.events == [] and r.outbound[0].key == "policy.subsidies.general"
    assert "创业扶持" in render(r.outbound[0], "zh_CN", "wechat")


async def test_on_the_simulator_the_list_follows_the_survey_record(client: Any, tmp_path: Path) -> None:
    """The 50-year-old from 威宁 out of work, ready to go anywhere: benefit, travel, training, public-welfare post."""
    await survey(client, "wx-money", GUARD_SURVEY)
    reply = await say(client, "wx-money", "俺能领点啥钱不")
    [told] = reply["replies"]
    assert [line.split(":")[0] for line in told.splitlines()[1:-1]] == [
        "• 失业金", "• 路费补助", "• 培训补贴", "• 公益岗"]


def test_which_money_there_is_asked_right_after_an_answer_is_the_list_not_a_follow_up_on_it() -> None:
    """"政府有啥补助没" after "社保咋交" was answered with the rights entry again; "能领多少钱" after 失业金 stays its
    follow-up."""
    chat = registered_chat()
    chat.say("医保怎么交")  # (社保咋交 before care10: it answers two entries now, 养老 and 权益, and is referred)
    assert chat.say("政府有啥补助没") == [] and [e.kind for e in chat.events] == ["policy.subsidies"]
    chat = registered_chat()
    chat.say("失业金咋领")
    [amount] = chat.say("那能领多少钱")
    assert amount.startswith("【失业保险金 (失业金)】\n标准:")


def test_an_item_number_is_never_a_follow_up_on_the_policy_answer_just_given() -> None:
    """"2号咋样" in the middle of the survey, after 失业金咋领, was answered with where to claim the benefit."""
    from dialogs.policy.catalogue import retrieval as search

    assert search().follows_up("在哪领", "unemployment_benefit")
    assert not search().follows_up("2号咋样", "unemployment_benefit")
    assert not search().follows_up("第三个呢", "unemployment_benefit")


def test_a_certificate_asked_about_is_answered_from_the_training_entry() -> None:
    found = retrieval().search("有证书不")
    assert found.confident and found.entry is not None and found.entry.id == "training_subsidy"


@pytest.mark.parametrize(("question", "entry"), [
    ("培训补贴咋领", "training_subsidy"), ("交通补助咋领", "transport_subsidy"), ("创业补贴咋领", "startup"),
    ("技校补助咋领", "technical_school"), ("路费咋报", "transport_subsidy"), ("失业金咋领", "unemployment_benefit"),
])
def test_question_words_run_together_are_never_a_topic_of_their_own(question: str, entry: str) -> None:
    """"培训补贴咋领" was referred: 咋领, a word of the catalogue question 失业金咋领, counted as its topic."""
    found = retrieval().search(question)
    assert found.confident and found.entry is not None and found.entry.id == entry


@pytest.mark.parametrize("question", ["what subsidies can I get", "is there any money for me"])
def test_an_english_question_about_money_that_names_none_gets_the_list(question: str) -> None:
    """They were "Sorry, I didn't quite understand." and the menu."""
    chat = registered_chat()
    assert chat.state is not None
    chat.state["locale"] = "en"
    assert chat.say(question) == [] and [e.kind for e in chat.events] == ["policy.subsidies"]
    [told] = step_result(chat, AT_HOME)
    assert told.startswith("From what you told us, you may get:\n- Unemployment benefit:")


def test_a_bare_question_right_after_the_list_asks_which_line_or_answers_the_only_one() -> None:
    """"咋领" right after the list was referred to the caseworker."""
    chat = registered_chat()
    chat.say("有没有啥补贴能领")
    step = step_result(chat, AT_HOME)
    assert len(step) == 1
    result = engine.step(chat.state, Inbound(channel="wechat", address="u1", kind="event", dedup_key="r2",
                                             received_at=START, event=RESULT, transport="internal",
                                             payload=AT_HOME), chat.ctx)
    chat.state = result.state
    assert chat.say("咋领") == ["您想问哪一项? 回复那一项后面的话就行, 比如: 失业金咋领"]
    assert not chat.kinds("question_referred")
    assert chat.say("失业金咋领")[0].startswith("【失业保险金 (失业金)】")
    alone = {"status": "ok", "facts": {"status": "employed", "age": 30, "scope": "home_county"}}
    chat = registered_chat()
    chat.say("有补贴吗")
    chat.state = engine.step(chat.state, Inbound(channel="wechat", address="u1", kind="event", dedup_key="r3",
                                                 received_at=START, event=RESULT, transport="internal",
                                                 payload=alone), chat.ctx).state
    [where] = chat.say("在哪领")
    assert where.startswith("【职业培训补贴】\n怎么办:")


def test_an_age_in_words_told_with_the_question_is_no_topic() -> None:
    """"公益岗俺能干不 俺都五十八了" was referred (五十八 counted as a topic word nobody knows)."""
    found = retrieval().search("公益岗俺能干不 俺都五十八了")
    assert found.confident and found.entry is not None and found.entry.id == "public_welfare_job"
