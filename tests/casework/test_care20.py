"""Care20 (2026-12-07, evening): caseworkers, their replies and the console, played as a caseworker and the people
they write to. Each test failed on 11b23f3 unless its docstring calls it a guard."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import effects, keys
from bot.casework import cases
from bot.settings import Settings
from dialogs import caseworker_reply
from dialogs.types import DialogEvent
from storage.models import Alert
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.jobs.test_dialog import registered_chat
from tests.people import say
from tests.survey.driver import Chat
from tests.survey.helpers import cipher, database
from tests.survey.test_talking_as_people_type import consented


def _mark(chat: Chat, hours: float = 72) -> dict[str, Any]:
    return {"by": 1, "name": "李书记", "role": "caseworker", "case": 5,
            "until": (chat.now + timedelta(hours=hours)).isoformat()}


def _after_registration(channel: str = "wechat") -> Chat:
    """Someone whose registration was submitted (the survey done, no dialog open), written to by their caseworker."""
    chat = registered_chat(channel=channel)
    assert chat.state is not None
    chat.state["survey"] = {"phase": "done", "answers": {"employment_status": "unemployed"}}
    chat.state[caseworker_reply.MARK] = _mark(chat)
    return chat


def test_what_accepted_means_is_answered_by_the_bot_in_the_reply_window() -> None:
    """"受理了是啥意思 钱什么时候能拿到" right after the push "您的失业登记 (R7) 已受理…" went to the caseworker as a
    reply to their message (a window was open), and with no window it got the greeting and the commands."""
    chat = _after_registration()
    replies = chat.say("受理了是啥意思 钱什么时候能拿到")
    assert not chat.kinds(caseworker_reply.EVENT), replies
    assert len(replies) == 1 and "受理就是工作人员" in replies[0] and "12333" in replies[0] and "按月" in replies[0]
    # The window stays open for what answers the caseworker's own message.
    assert caseworker_reply.MARK in (chat.state or {})
    assert chat.say("好的 明天几点到") == ["您的话已转给帮扶责任人李书记。"]
    assert len(chat.kinds(caseworker_reply.EVENT)) == 1


def test_what_accepted_means_with_no_window_open() -> None:
    """"受理是什么意思" with no dialog open was "您好, 这里是就业帮扶服务。" and the commands."""
    chat = registered_chat()
    assert chat.state is not None
    chat.state["survey"] = {"phase": "done", "answers": {"employment_status": "unemployed"}}
    for text in ("受理是什么意思", "已受理 啥意思"):
        replies = chat.say(text)
        assert len(replies) == 1 and replies[0].startswith("【失业登记已受理】"), replies


def test_by_sms_the_answer_is_its_short_form() -> None:
    chat = _after_registration("sms")
    replies = chat.say("受理了是啥意思")
    assert replies == ["受理就是工作人员收下了您的失业登记。失业金要本人到人社窗口或12333申领, 一般10天内答复, "
                       "批了按月发到社保卡。"]


async def _apply(settings: Settings, person: int, event: DialogEvent) -> None:
    async with database(settings) as sessions, sessions() as session, session.begin():
        ctx = effects.EffectContext(session, cipher(settings), person, 0, "wechat", NOW)
        await effects.apply(ctx, event)
        await ctx.updates.flush(session)


async def _rights_alerts(settings: Settings) -> list[str]:
    async with database(settings) as sessions, sessions() as session:
        return [cipher(settings).decrypt(alert.body_enc) for alert in await session.scalars(
            select(Alert).where(Alert.kind == "rights_case").order_by(Alert.id))]


async def test_a_rights_alert_quotes_what_the_person_said(settings: Settings) -> None:
    """"老板欠我两个月工资 一共八千多 他电话13912345678" from someone surveyed reached the caseworker as "王*红 (…)
    反映拖欠工资, 请尽快核实 (案件 C1)。": how long, how much and who were only in the chat; now quoted (numbers
    masked, as in every alert)."""
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, cipher(settings), divisions=("520526",))
        person = await laborer(session, cipher(settings), NOW)
    chat = registered_chat()
    chat.say("老板欠我两个月工资 一共八千多 他电话13912345678")
    [reported] = chat.kinds("rights_issue_reported")
    await _apply(settings, person, reported)
    [text] = await _rights_alerts(settings)
    assert text.startswith("【权益维护】王*红 (138****8000, 威宁彝族回族苗族自治县草海镇) 反映拖欠工资, 请尽快核实")
    assert text.endswith("原话: 老板欠我两个月工资 一共八千多 他电话139****5678"), text
    assert "13912345678" not in text
    # A problem added to the open case quotes its words too.
    chat.say("也没给我交社保 一年多了")
    [added] = chat.kinds("rights_issue_reported")[1:]
    await _apply(settings, person, added)
    assert (await _rights_alerts(settings))[1].endswith("原话: 也没给我交社保 一年多了")


async def test_a_form_saved_with_no_contract_is_worded_as_before(settings: Settings) -> None:
    """A guard: a saved form's issues have no words of the person's (nothing is quoted)."""
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, cipher(settings), divisions=("520526",))
        person = await laborer(session, cipher(settings), NOW)
    await _apply(settings, person, DialogEvent("form_submitted", {"answers": {
        "name": "王小红", "employment_status": "employed", "contract_signed": "no", "wages_on_time": "yes",
        "home_division": "520526100"}}))
    [text] = await _rights_alerts(settings)
    assert "原话" not in text and text.endswith("反映没签劳动合同, 请尽快核实 (案件 C1)。"), text


@pytest.mark.parametrize("text", ["李书记", "我是李书记", "王主任", "刘医生"])
def test_a_surname_and_a_post_at_the_name_question_asks_for_their_own_name(text: str) -> None:
    """"李书记" at "请问您的姓名?" (outside any reply window) was saved as the person's name (王主任 and 刘医生 too): it
    is someone's post. Their own full name is asked, and nobody alerted (李书记 alone is a request for a person
    elsewhere)."""
    chat = consented()
    replies = chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name"
    assert replies == ["登记要用您自己身份证上的名字, 请问您的全名叫什么? 比如: 王小明。"]
    assert not chat.kinds("human_requested")


@pytest.mark.parametrize("text", ["马上到", "好的 马上到", "马上来", "我这就过去"])
def test_on_my_way_at_the_name_question_is_no_name(text: str) -> None:
    """"马上到" at the name question was saved as the name 马上到."""
    chat = consented()
    chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name"


@pytest.mark.parametrize("text", ["马云", "王小红", "我叫马小到"])
def test_names_like_these_are_still_names(text: str) -> None:
    """A guard: a surname 马 or a given name with 到 is still a name."""
    chat = consented()
    chat.say(text)
    assert chat.answers.get("name") == text.removeprefix("我叫")


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["好的 我等电话", "好 等你们电话", "好 你们打电话给我吧"])
def test_waiting_for_a_call_at_the_notice_is_no_agreement(text: str, channel: str) -> None:
    """"好的 我等电话" at the privacy notice was taken as consent ("谢谢您的同意。请问您的姓名?"): they want a call. The
    caseworker is told (as 人工 there does), the person told so, and the notice stays open; 1 then agrees."""
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    chat.event("subscribe") if channel == "wechat" else chat.say("我要登记")
    assert chat.awaiting == "consent"
    replies = chat.say(text)
    assert not chat.kinds("consent_given") and chat.awaiting == "consent"
    assert len(chat.kinds("human_requested")) == 1
    assert "已告诉工作人员, 他们会尽快联系您" in replies[0] and "1 同意" in replies[-1], replies
    chat.say("1")
    assert chat.kinds("consent_given") and chat.awaiting == "name"


@pytest.mark.parametrize("text", ["好的", "同意 我等电话", "1"])
def test_agreement_at_the_notice_still_agrees(text: str) -> None:
    """A guard: 好的 alone, and 同意 said in so many words beside the wait for a call, agree."""
    chat = Chat()
    chat.event("subscribe")
    chat.say(text)
    assert chat.kinds("consent_given") and chat.awaiting == "name"


def test_a_question_about_the_caseworkers_own_message_still_goes_to_them() -> None:
    """A guard (played after the fix above): "合同要带什么材料" in reply to 发消息 C1 明天上午我到你家看看合同的事
    is the caseworker's to answer, though the catalogue has an entry on contracts."""
    chat = _after_registration()
    assert chat.say("合同要带什么材料") == ["您的话已转给帮扶责任人李书记。"]
    assert len(chat.kinds(caseworker_reply.EVENT)) == 1


async def test_a_note_about_someone_whose_rights_case_is_open_offers_to_add_to_it(client: Any) -> None:
    """Played: 李书记 contacted C1 (王*山's rights case: no contract, no insurance) and wrote "他说合同老板不给签 还欠了
    一个月工资"; the answer offered "要为本人开维权案件", though the case just contacted was one, and 确认 added it
    there ("C1 的本人已有维权案件 C1, 已把拖欠工资并入"). The offer now says it adds the problem to that case."""
    app = client.server.app
    c = app[keys.CIPHER]
    openid = "oLiShuji0000000000000care20"
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, c, phone="+8613900000120", divisions=("520526100",), openid=openid)
        person = await laborer(session, c, NOW)
        [opened] = await cases.open_rights_cases(session, c, person_id=person, issues=("no_contract",), now=NOW)
    ref = f"C{opened.case_id}"
    said = await say(app, "wechat", openid, f"联系了{ref} 他说合同老板不给签 还欠了一个月工资")
    assert said.replies[-1].endswith(
        f"您写到本人拖欠工资。要把它并入本人的维权案件 {ref} (负责人会收到提醒), 请回复 确认。"), said.replies
    joined = await say(app, "wechat", openid, "确认")
    assert joined.replies == (f"已把拖欠工资并入维权案件 {ref}。",)  # (not "C1 的本人已有维权案件 C1")


def test_what_accepted_means_at_a_survey_question_is_answered_and_the_question_kept() -> None:
    """Played: "受理了是啥意思" at a survey question (the registration's push came while the survey was asking what
    it still lacks) was "就是问您下面这一项…" (the open question explained), and inside a caseworker's reply window it
    went to the caseworker. Now the catalogue's answer, then the question again; the window stays open."""
    chat = consented()
    for said in ("王大山", "520526198003040032"):
        chat.say(said)
    assert chat.awaiting == "phone"
    chat.state = {**(chat.state or {}), caseworker_reply.MARK: _mark(chat)}
    replies = chat.say("受理了是啥意思")
    assert replies[0].startswith("【失业登记已受理】") and replies[-1] == "请输入您的手机号码。", replies
    assert not chat.kinds(caseworker_reply.EVENT) and chat.awaiting == "phone"
    assert caseworker_reply.MARK in (chat.state or {})
