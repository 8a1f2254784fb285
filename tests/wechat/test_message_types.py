"""Each kind of thing WeChat delivers, end to end through /wechat, the dispatcher and the database."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot import keys
from bot.clock import FrozenClock
from dialogs.i18n import catalog
from tests.fakes.wechat_api import CUSTOM_SEND, FakeWeChatApi
from tests.wechat import records
from tests.wechat.callback import event, image, location, parse, post, text, voice

ZH = catalog("zh_CN")


async def test_text_message(wechat_client: Any, sessions: Any) -> None:
    status, body = await post(wechat_client, text("u-text", "帮助", 2001))
    assert status == 200
    assert ZH.get("common.help") in parse(body)["Content"]
    assert [(k, d) for k, d, _ in await records.inbound(sessions, "u-text")] == [("text", "m:u-text:2001")]


async def test_voice_with_recognition_is_treated_as_text(wechat_client: Any, sessions: Any) -> None:
    status, body = await post(wechat_client, voice("u-voice", "帮助。", 2002))
    assert status == 200
    assert ZH.get("common.help") in parse(body)["Content"]
    [(kind, _, stored)] = await records.inbound(sessions, "u-voice")
    assert kind == "voice"
    assert json.loads(stored)["text"] == "帮助。"


async def test_voice_with_empty_recognition_asks_to_type_or_say_again(wechat_client: Any) -> None:
    status, body = await post(wechat_client, voice("u-voice0", "", 2003))
    assert status == 200
    assert parse(body)["Content"] == ZH.get("common.voice_empty")


async def test_location_message(wechat_client: Any, sessions: Any) -> None:
    status, body = await post(wechat_client, location("u-loc", 26.6470, 106.6302, "贵州省贵阳市云岩区", 2004))
    assert status == 200
    assert parse(body)["Content"].strip()
    [(kind, _, stored)] = await records.inbound(sessions, "u-loc")
    assert kind == "location"
    assert json.loads(stored)["location"] == [26.647, 106.6302, "贵州省贵阳市云岩区"]


async def test_image_gets_a_polite_request_to_type(wechat_client: Any) -> None:
    status, body = await post(wechat_client, image("u-img", 2005))
    assert status == 200
    assert parse(body)["Content"].startswith(ZH.get("common.please_type"))


async def test_subscribe_gets_the_greeting(wechat_client: Any, sessions: Any) -> None:
    status, body = await post(wechat_client, event("u-sub", "subscribe", 1_700_000_000, key="qrscene_village7"))
    assert status == 200
    assert parse(body)["Content"].startswith(ZH.get("common.greeting"))
    _, state = await records.conversation(sessions, "u-sub")
    assert state["flow"] == "survey"


async def test_click_survey_starts_the_survey(wechat_client: Any, sessions: Any) -> None:
    await post(wechat_client, text("u-click", "帮助", 2006))
    assert (await records.conversation(sessions, "u-click"))[1]["flow"] is None
    status, body = await post(wechat_client, event("u-click", "CLICK", 1_700_000_100, key="survey"))
    assert status == 200
    assert parse(body)["Content"].strip()
    _, state = await records.conversation(sessions, "u-click")
    assert state["flow"] == "survey"


@pytest.mark.parametrize(("key", "expected"), [
    ("help", "common.help"),
    ("human", "common.human_requested"),
    ("language", None),  # switches to English: answered in English
    ("no-longer-in-the-menu", "menu.title"),  # a key from an old menu still installed on phones: the menu
])
async def test_each_menu_key_does_what_its_button_says(
    wechat_client: Any, sessions: Any, key: str, expected: str | None
) -> None:
    user = f"u-key-{key}"
    await post(wechat_client, text(user, "帮助", 2100 + len(key)))
    status, body = await post(wechat_client, event(user, "CLICK", 1_700_000_300, key=key))
    assert status == 200
    content = parse(body)["Content"]
    _, state = await records.conversation(sessions, user)
    if expected is None:
        assert state["locale"] == "en" and content.startswith(catalog("en").get("common.language_set"))
    else:
        assert ZH.get(expected) in content and state["locale"] == "zh_CN"


async def test_unknown_event_is_acknowledged_without_a_reply(wechat_client: Any) -> None:
    status, body = await post(wechat_client, event("u-popup", "subscribe_msg_popup_event", 1_700_000_200))
    assert status == 200
    assert body == "success"


async def test_an_event_named_like_an_internal_result_is_ignored(wechat_client: Any, sessions: Any) -> None:
    """Dotted event names belong to the dispatcher's synthetic events; from outside they mean nothing."""
    await post(wechat_client, event("u-forge", "subscribe", 1_700_000_300))
    _, before = await records.conversation(sessions, "u-forge")
    status, body = await post(wechat_client, event("u-forge", "link.verify.result", 1_700_000_301))
    assert (status, body) == (200, "success")
    _, after = await records.conversation(sessions, "u-forge")
    assert after == before and after["awaiting"] == "consent"


async def test_unsubscribe_marks_the_account_and_later_wechat_messages_are_skipped(
    wechat_client: Any, sessions: Any, wechat_api: FakeWeChatApi, clock: FrozenClock
) -> None:
    worker = wechat_client.server.app[keys.OUTBOX]
    await post(wechat_client, event("u-unsub", "subscribe", 1_700_000_000))
    # Reachable while subscribed: a queued message goes out as a service message.
    before = await records.queue_message(sessions, "u-unsub", "第一条通知", clock.now())
    worker.wake()
    await records.wait_for(lambda: _status_is(sessions, before, "sent"))
    assert wechat_api.sent_texts("u-unsub") == ["第一条通知"]

    status, body = await post(wechat_client, event("u-unsub", "unsubscribe", 1_700_000_050))
    assert status == 200
    assert body == "success"  # nothing to say to someone who left
    account = await records.account(sessions, "u-unsub")
    assert account is not None and account.unsubscribed_at is not None

    after = await records.queue_message(sessions, "u-unsub", "第二条通知", clock.now())
    worker.wake()
    await records.wait_for(lambda: _status_is(sessions, after, "skipped"))
    assert wechat_api.sent_texts("u-unsub") == ["第一条通知"]
    assert len(wechat_api.calls(CUSTOM_SEND)) == 1


async def _status_is(sessions: Any, row_id: int, status: str) -> bool:
    return (await records.outbox_row(sessions, row_id)).status == status
