"""A laborer's reply to a caseworker's message reaches the caseworker. Before, a caseworker sent `发消息 C5 明天上午来
镇上人社所一趟` and the laborer's "好的 明天几点到" went into whatever dialog was open (at the privacy notice: "请回复
1 同意…" again), seen only on the console's message list. Now, within the window after the message (72 h,
policy.toml), it is passed on to the caseworker as a 【本人回复】 alert (numbers in it masked), the person told so in
one line naming the caseworker, and the open question is still open (a bare number answers it; 继续 asks it again).
The marker is in the conversation state the lane loads anyway (dialogs/caseworker_reply.py)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case
from dialogs import caseworker_reply, engine
from dialogs.i18n import render
from dialogs.sms_text import parts
from dialogs.types import Inbound, StepContext
from storage import repositories as repo
from storage.models import Alert, ChannelAccount, Conversation
from tests.casework.files import NOW
from tests.casework.people import import_rows
from tests.fakes.identity import make_id
from tests.survey.helpers import say

CASEWORKER = "13985001801"
TODAY = (NOW + timedelta(hours=8)).date()


def _mark(hours: float = 72) -> dict[str, Any]:
    return {"by": 1, "name": "李书记", "role": "caseworker", "case": 5,
            "until": (NOW + timedelta(hours=hours)).isoformat()}


def _step(state: dict[str, Any] | None, text: str, channel: str = "wechat", hours_later: float = 1) -> Any:
    now = NOW + timedelta(hours=hours_later)
    inbound = Inbound(channel=channel, address="u1", kind="text", dedup_key=text, received_at=now,  # type: ignore[arg-type]
                      text=text)
    result = engine.step(state, inbound, StepContext(now=now, today=TODAY, channel=channel, locale="zh_CN"))  # type: ignore[arg-type]
    replies = [render(m, "zh_CN", channel) for m in result.outbound]
    return json.loads(json.dumps(result.state)), replies, [e.kind for e in result.events], result.events


def _at_the_notice() -> dict[str, Any]:
    """Someone who followed the account: the privacy notice waits for 1 (a question open)."""
    subscribe = Inbound(channel="wechat", address="u1", kind="event", event="subscribe", dedup_key="s",  # type: ignore[arg-type]
                        received_at=NOW)
    state = engine.step(None, subscribe, StepContext(now=NOW, today=TODAY, channel="wechat", locale="zh_CN")).state  # type: ignore[arg-type]
    assert state["awaiting"] == "consent"
    return json.loads(json.dumps(state))


def test_a_reply_goes_to_the_caseworker_and_the_open_question_stays() -> None:
    state = _at_the_notice() | {caseworker_reply.MARK: _mark()}
    after, replies, kinds, events = _step(state, "好的 明天几点到")
    assert replies == ["您的话已转给帮扶责任人李书记。要接着回答刚才的问题, 请回复 继续。"]
    assert kinds == [caseworker_reply.EVENT]
    assert events[0].data == {"caseworker": 1, "case": 5, "said": "好的 明天几点到"}
    assert after["awaiting"] == "consent" and caseworker_reply.MARK in after
    # A second message is a reply too; a bare number answers the open question (the notice), the marker gone.
    assert _step(after, "几点到啊")[2] == [caseworker_reply.EVENT]
    answered, replies, kinds, _ = _step(after, "1")
    assert caseworker_reply.EVENT not in kinds and "consent_given" in kinds
    assert caseworker_reply.MARK not in answered


def test_by_sms_the_line_is_one_part_and_names_the_writer() -> None:
    state = {**engine.new_state(), caseworker_reply.MARK: _mark() | {"role": "supervisor", "name": "赵主任"}}
    after, replies, kinds, _ = _step(state, "好的 下午都在", channel="sms")
    assert replies == ["您的话已转给就业帮扶主管赵主任。"] and kinds == [caseworker_reply.EVENT]
    assert caseworker_reply.MARK in after


def test_a_number_typed_alone_at_an_open_question_is_its_answer() -> None:
    """Played: at the survey's ID question, the number typed after a caseworker's message went to the caseworker."""
    state = _at_the_notice()
    for said in ("1", "王小红"):
        state = _step(state, said)[0]
    assert state["awaiting"] == "id_number"
    marked = state | {caseworker_reply.MARK: _mark()}
    answered, _, kinds, _ = _step(marked, make_id("520526", date(1980, 3, 4), 7))
    assert caseworker_reply.EVENT not in kinds and answered["awaiting"] != "id_number"
    assert caseworker_reply.MARK not in answered


def test_continue_asks_the_open_question_again() -> None:
    state = _at_the_notice() | {caseworker_reply.MARK: _mark()}
    after, replies, kinds, _ = _step(state, "继续")
    assert caseworker_reply.MARK not in after and after["awaiting"] == "consent"
    assert kinds == [] and replies and "同意" in replies[-1]


def test_news_the_bot_acts_on_goes_to_the_dialog_and_to_the_caseworker() -> None:
    state = {**engine.new_state(), "consent": {"given": True}, caseworker_reply.MARK: _mark()}
    after, replies, kinds, _ = _step(state, "老板拖欠工资两个月了")
    assert "rights_issue_reported" in kinds and caseworker_reply.EVENT in kinds
    assert replies[0] == "您的话已转给帮扶责任人李书记。" and len(replies) > 1
    assert caseworker_reply.MARK not in after


def test_commands_and_a_late_reply_are_the_dialogs() -> None:
    state = _at_the_notice() | {caseworker_reply.MARK: _mark()}
    stopped, _, kinds, _ = _step(state, "TD")
    assert kinds == ["opted_out"] and caseworker_reply.MARK not in stopped
    late, replies, kinds, _ = _step(state, "好的 明天几点到", hours_later=73)
    assert caseworker_reply.EVENT not in kinds and caseworker_reply.MARK not in late
    assert not any("已转给" in reply for reply in replies)


def test_the_line_fits_one_sms_in_every_locale() -> None:
    from dialogs.i18n import LOCALES, catalog

    for locale in LOCALES:
        cat = catalog(locale)
        for key in (caseworker_reply.PASSED_ON, caseworker_reply.PASSED_ON_QUESTION):
            line = cat.get(key).format(who=max((cat.get(f"reply.role.{role}") for role in caseworker_reply.ROLES),
                                               key=len), name="欧阳李书记")
            assert parts(line) == 1, (locale, key, line)


async def test_on_the_simulator_the_reply_reaches_the_caseworker(client: Any, tmp_path: Path) -> None:
    app = client.server.app
    await import_rows(app[keys.SESSIONS], app[keys.CIPHER], tmp_path, [
        ["李书记", CASEWORKER, "520526100", "caseworker", "", "", "", ""]], NOW)
    await say(client, "sim-reply18-1", event="subscribe")  # at the privacy notice: a question open
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        person_id = await session.scalar(select(ChannelAccount.person_id).where(
            ChannelAccount.address_hash == repo.address_hash(cipher, "wechat", "sim-reply18-1", simulated=True)))
        assert person_id is not None
        case_id = (await open_assistance_case(session, cipher, person_id=person_id, now=NOW)).case_id

    sent = await say(client, CASEWORKER, f"发消息 C{case_id} 明天上午来镇上人社所一趟", channel="sms")
    assert "本人72小时内的回复会转给您。" in "\n".join(sent["replies"]), sent  # (the writer knows it comes back)
    replied = await say(client, "sim-reply18-1", "好的 明天几点到 我新号13800138017")
    assert replied["replies"] == ["您的话已转给帮扶责任人李书记。要接着回答刚才的问题, 请回复 继续。"]
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.kind == "person_replied")))
        text = cipher.decrypt(alert.body_enc)
    assert alert.case_id == case_id and alert.person_id == person_id
    assert text.startswith("【本人回复】") and f"(案件 C{case_id})" in text and "好的 明天几点到" in text
    assert "138****8017" in text and "13800138017" not in text
    shown = await (await client.get("/simulator/alerts")).json()
    assert any(a["kind"] == "person_replied" for a in shown["alerts"])
    # The notice is still open: 1 answers it.
    agreed = await say(client, "sim-reply18-1", "1")
    assert not any("已转给" in reply for reply in agreed["replies"])
    async with app[keys.SESSIONS]() as session:
        state = await session.scalar(select(Conversation.state).where(Conversation.person_id == person_id))
    assert caseworker_reply.MARK not in (state or {}) and (state or {}).get("awaiting") != "consent"


async def test_someone_halfway_through_the_survey_is_named_as_the_other_alerts_name_them(
        client: Any, tmp_path: Path) -> None:
    """Played on the simulator: the rights alert named 王*红 (the survey had heard the name), the reply's alert
    said (未登记姓名)."""
    app = client.server.app
    await import_rows(app[keys.SESSIONS], app[keys.CIPHER], tmp_path, [
        ["李书记", CASEWORKER, "520526100", "caseworker", "", "", "", ""]], NOW)
    for said in ("subscribe", "1", "王小红"):
        await say(client, "sim-reply18-2", event=said) if said == "subscribe" else await say(
            client, "sim-reply18-2", said)
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        person_id = await session.scalar(select(ChannelAccount.person_id).where(
            ChannelAccount.address_hash == repo.address_hash(cipher, "wechat", "sim-reply18-2", simulated=True)))
        assert person_id is not None
        case_id = (await open_assistance_case(session, cipher, person_id=person_id, now=NOW)).case_id
    await say(client, CASEWORKER, f"发消息 C{case_id} 明天在家吗", channel="sms")
    await say(client, "sim-reply18-2", "在家")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.kind == "person_replied")))
    assert cipher.decrypt(alert.body_enc).startswith("【本人回复】王*红")


def _checked_in_chat() -> Any:
    from tests.jobs.test_dialog import registered_chat

    chat = registered_chat()
    chat._run(chat._inbound(kind="event", event="checkin.due", payload={
        "fire": 1, "kind": "checkin", "status": "unemployed", "due_date": "2026-11-26"}))
    assert chat.awaiting == "checkin"
    return chat


def test_at_a_check_in_a_reply_is_passed_on_and_a_digit_answers_the_check_in() -> None:
    chat = _checked_in_chat()
    chat.state = {**chat.state, caseworker_reply.MARK: _mark()}
    assert chat.say("好的 明天几点到") == ["您的话已转给帮扶责任人李书记。要接着回答刚才的问题, 请回复 继续。"]
    assert chat.awaiting == "checkin" and not chat.kinds("checkin_answered")
    chat.say("1")
    assert chat.kinds("checkin_answered") and caseworker_reply.MARK not in (chat.state or {})


def test_a_check_in_sent_after_the_message_is_answered_as_usual() -> None:
    from tests.jobs.test_dialog import registered_chat

    chat = registered_chat()
    chat.state = {**(chat.state or {}), caseworker_reply.MARK: _mark()}
    chat._run(chat._inbound(kind="event", event="checkin.due", payload={
        "fire": 1, "kind": "checkin", "status": "unemployed", "due_date": "2026-11-26"}))
    assert caseworker_reply.MARK not in (chat.state or {})  # the bot asked something new
    chat.say("还没找着")
    assert not chat.kinds(caseworker_reply.EVENT)
