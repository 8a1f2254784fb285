"""Seventh round on policy answers and rights as laborers meet them (2026-12-06): a work-injury question is answered
(and the case offered), "医药费谁出" after an injury report is answered and the report stays open, hardship said
in passing reaches the caseworker, the subsidy list fits someone unable to work, "俺没交过保险" after the list is
understood, and the follow-up takes "去面试要带啥", piece rates and "not yet"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from dialogs.policy.subsidies import RESULT, Known, offered
from dialogs.sms_text import MAX_PARTS, parts
from tests.jobs.test_dialog import registered_chat
from tests.policy.test_follow_up_talk import ASKED, asked
from tests.survey.driver import Chat
from tests.survey.helpers import say


def listed(chat: Chat, facts: dict[str, Any]) -> list[str]:
    return chat._run(chat._inbound(kind="event", event=RESULT, payload={"status": "ok", "facts": facts}))


# -- work injury ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("question", ["工伤能赔多少", "工伤医药费谁出"])
def test_a_question_about_a_work_injury_is_answered_and_the_case_offered(question: str, channel: str) -> None:
    """"工伤能赔多少" opened a rights case ("您受伤的事已转给…"): it asks what the policy says."""
    chat = registered_chat(channel=channel)
    replies = chat.say(question)
    assert not chat.kinds("rights_issue_reported")
    assert "工伤保险" in replies[0] and "单位出" in replies[0] and "工伤认定" in replies[0]
    assert replies[-1] == "如果是您自己受了伤, 回复 报工伤, 我们转给负责您的工作人员帮您办。"
    assert channel == "wechat" or all(parts(reply) <= MAX_PARTS for reply in replies)
    chat.say("报工伤")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["other"]


def test_who_pays_the_doctor_after_an_injury_report_is_answered_and_the_report_keeps_its_details() -> None:
    """"医药费谁出" right after "干活把手弄伤了" was taken as the report's details ("已补充给工作人员")."""
    chat = registered_chat()
    chat.say("干活把手弄伤了")
    [answer] = chat.say("医药费谁出")
    assert "不该您自己出" in answer and "由单位出" in answer
    assert not chat.kinds("rights_details_told") and len(chat.kinds("rights_issue_reported")) == 1
    assert chat.say("在威宁万家超市仓库 搬货砸的") == ["好的, 已补充给工作人员。"]
    [details] = chat.kinds("rights_details_told")
    assert details.data["issue"] == "other"


def test_what_to_do_about_an_injury_is_still_a_report() -> None:
    """(工伤怎么办 alone is a question since jobs18: answered, the report offered; see
    tests/jobs/test_jobs18_replies.py.)"""
    chat = registered_chat()
    [reply] = chat.say("我工伤了怎么办")
    assert reply.startswith("您受伤的事已转给") and chat.kinds("rights_issue_reported")


# -- hardship ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("said", "school"),
                         [("家里等着用钱", False), ("孩子上学要钱", True), ("实在揭不开锅了", False)])
@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_hardship_said_alone_goes_to_the_caseworker_and_is_answered_kindly(
    said: str, school: bool, channel: str
) -> None:
    """"实在揭不开锅了" changed the form to employed (在…开), "家里等着用钱" was "没太明白" and the menu, "孩子上学要钱"
    a question referred."""
    chat = registered_chat(channel=channel)
    [reply] = chat.say(said)
    [told] = chat.kinds("human_requested")
    assert told.data["reason"] == "hardship" and told.data["said"] == said
    assert [e.kind for e in chat.events] == ["human_requested"]  # no status change, no referred question
    assert reply.startswith("孩子上学的难处" if school else "家里的难处") and "有啥活干" in reply
    assert ("技校" in reply) == school


def test_hardship_said_with_a_request_is_noted_and_the_request_answered() -> None:
    chat = registered_chat(jobs=[])
    replies = chat.say("实在揭不开锅了 有活吗")
    assert replies[0] == "家里的难处我们记下了, 已告诉负责您的工作人员。"
    assert replies[1].startswith("暂时没有适合您的工作")
    assert [e.kind for e in chat.events] == ["human_requested", "jobs.match"]


def test_hardship_at_a_survey_question_asks_the_question_again() -> None:
    from tests.survey.test_playtest_round2 import looking_at

    chat = looking_at("preferred_scope")
    replies = chat.say("家里等着用钱")
    assert replies[0].startswith("家里的难处") and chat.awaiting == "preferred_scope"
    assert len(replies) == 2


async def test_on_the_simulator_hardship_reaches_the_caseworker_in_its_own_words(
    client: Any, settings: Settings, tmp_path: Path
) -> None:
    from tests.jobs.test_e2e import GUARD_SURVEY, survey

    await survey(client, "wx-hard", GUARD_SURVEY)
    reply = await say(client, "wx-hard", "家里等着用钱")
    assert reply["replies"][0].startswith("家里的难处")
    alerts = await (await client.get("/simulator/alerts")).json()
    texts = [a["text"] for a in alerts["alerts"] if a["kind"] == "human_requested"]
    assert len(texts) == 1 and texts[0].startswith("【生活困难】") and texts[0].endswith("原话: 家里等着用钱")
    # A person asked for the same day is still an alert of its own (the hardship one is no request for one).
    await say(client, "wx-hard", "人工")
    alerts = await (await client.get("/simulator/alerts")).json()
    texts = [a["text"] for a in alerts["alerts"] if a["kind"] == "human_requested"]
    assert len(texts) == 2 and any(text.startswith("【找工作人员】") for text in texts)


# -- the subsidy list -------------------------------------------------------------------------------------


def test_someone_unable_to_work_is_not_offered_money_for_looking_for_work_or_travelling() -> None:
    unable = Known(status="unable", age=50, scope=None)
    assert [e.id for e in offered(unable)] == ["training_subsidy", "disability"]
    caring = Known(status="unable", age=20, needs=frozenset({"public_welfare"}))
    assert [e.id for e in offered(caring)] == ["training_subsidy", "technical_school", "public_welfare_job",
                                               "disability"]
    chat = registered_chat()
    chat.say("有没有啥补贴能领")
    [told] = listed(chat, {"status": "unable", "age": 50})
    assert "失业金" not in told and "路费" not in told and "公益岗" not in told and "培训补贴" in told


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_never_insured_after_the_list_rules_out_the_benefit_and_names_the_rest(channel: str) -> None:
    """"俺没交过保险" right after the list went to the caseworker."""
    chat = registered_chat(channel=channel)
    chat.say("有没有啥补贴能领")
    listed(chat, {"status": "unemployed", "age": 50, "scope": "anywhere"})
    [reply] = chat.say("俺没交过保险")
    assert reply == ("没交过失业保险的, 领不了失业金。路费补助、培训补贴、公益岗 不看交没交保险, 回复一句问详情, "
                     "比如: 跨省打工有补助吗")
    assert not chat.kinds("question_referred") and parts(reply) <= MAX_PARTS
    assert chat.say("咋领")[0].endswith("跨省打工有补助吗")  # which of the three left


def test_never_insured_when_the_benefit_was_all_there_was() -> None:
    chat = registered_chat()
    assert chat.state is not None
    chat.state["policy_topic"] = {"entry": "", "listed": ["unemployment_benefit"], "messages": 3}
    assert chat.say("俺没交过保险") == ["没交过失业保险的, 领不了失业金。想问别的补助, 回复 人工, 工作人员帮您问。"]


# -- the follow-up after an application -------------------------------------------------------------------


@pytest.mark.parametrize("question", ["去面试要带啥", "面试带啥"])
def test_what_to_bring_to_the_interview_is_answered_then_the_question_again(question: str) -> None:
    """"去面试要带啥" at the follow-up went to the caseworker."""
    c = asked()
    replies = c.say(question)
    assert replies[0].startswith("去的时候带上身份证") and replies[-1].startswith(ASKED)
    assert not c.kinds("question_referred") and not c.kinds("application_outcome")


@pytest.mark.parametrize("said", ["是计件的", "按件算的 一件五毛"])
def test_piece_rates_at_the_follow_up_say_what_to_ask_then_the_question_again(said: str) -> None:
    c = asked()
    replies = c.say(said)
    assert replies[0].startswith("是计件还是按月算") and replies[-1].startswith(ASKED)
    assert c.awaiting == "follow_up" and c.state is not None and c.state["follow_up"]["misses"] == 0


@pytest.mark.parametrize(("locale", "said"), [("en", "not yet"), ("en", "Not yet."), ("zh_CN", "还没")])
def test_not_yet_at_the_follow_up_is_not_gone(locale: str, said: str) -> None:
    """"not yet" was "Sorry, I did not get that. Please reply 1, 2 or 3"."""
    c = asked(locale)
    c.say(said)
    assert [e.data["outcome"] for e in c.kinds("application_outcome")] == ["not_hired"]


def test_not_yet_heard_is_still_waiting() -> None:
    c = asked("en")
    c.say("not yet heard back")
    assert [e.data["outcome"] for e in c.kinds("application_outcome")] == ["interview"]


# -- simulator play, after the fixes above ----------------------------------------------------------------


def test_an_injury_told_with_the_question_who_pays_is_reported_and_answered() -> None:
    """"干活被机器轧了手 医药费谁出" after a social-insurance report was taken as that report's details."""
    chat = registered_chat()
    chat.say("老板不给交社保咋办")
    replies = chat.say("干活被机器轧了手 医药费谁出")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["no_social_insurance", "other"]
    assert replies[0].startswith("您受伤的事已转给") and "由单位出" in replies[1]
    assert not chat.kinds("rights_details_told")


def test_never_insured_right_after_the_unemployment_benefit_answer_is_understood() -> None:
    """"俺没交过保险" after "失业金咋领" went to the caseworker."""
    chat = registered_chat()
    chat.say("失业金咋领")
    assert chat.say("俺没交过保险") == [
        "没交过失业保险的, 领不了失业金。培训补贴、公益岗这些不看交没交保险, 回复 有啥补贴 看您能领的。"]
    assert not chat.kinds("question_referred")


def test_a_travel_subsidy_for_work_elsewhere_is_the_transport_entry() -> None:
    """"去外地打工有路费补贴不" went to the caseworker (外地 was no word of other provinces)."""
    chat = registered_chat()
    [answer] = chat.say("去外地打工有路费补贴不")
    assert answer.startswith("【跨省务工交通补助】") and not chat.kinds("question_referred")


NEW_KEYS = ("policy.hardship", "policy.hardship_school", "policy.hardship_noted", "policy.injury_offer",
            "policy.subsidies.not_insured", "policy.subsidies.not_insured_only", "policy.subsidies.not_insured_topic",
            "follow_up.bring", "follow_up.piece_rate", "jobs.ask_trust_vacancy", "jobs.ask_trust_training",
            "jobs.ask_fare_told", "jobs.ask_fare_unknown", "jobs.ask_payday_told", "jobs.ask_payday_unknown",
            "jobs.ask_tiring_told", "jobs.ask_tiring_unknown", "jobs.ask_piece_told", "jobs.ask_piece_unknown",
            "jobs.none_away")


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_the_new_answers_fit_two_sms_parts_with_a_chinese_title_and_the_hardship_ones_one(locale: str) -> None:
    from dialogs.i18n import catalog

    params = {"title": "扶贫车间缝纫工", "who": "威宁县草海扶贫车间", "told": "跨省务工交通补助500元",
              "terms": "1800-3000元/月", "names": "路费补助、培训补贴、公益岗", "example": "跨省打工有补助吗",
              "follows": "已报名, 工作人员欧阳书记"}  # (jobs.follows_applied_named, the longest of jobs.follows_*)
    for key in NEW_KEYS:
        text = catalog(locale).get(key, "sms").format(**params)
        assert parts(text) <= (1 if key.startswith("policy.hardship") else MAX_PARTS), (key, text)


def test_a_list_asked_for_after_a_rights_report_is_no_detail_of_it() -> None:
    """"发个列表" right after the details of a wage report was passed on as more details (SMS play)."""
    chat = registered_chat(jobs=[], channel="sms")
    chat.say("老板工资拖了两个月")
    chat.say("威宁万家超市 欠了六千")
    assert chat.say("发个列表") == ["暂时没有适合您的工作。有新的会发给您, 也可以回复 人工 问工作人员。"]
    assert len(chat.kinds("rights_details_told")) == 1 and chat.kinds("jobs.match")
