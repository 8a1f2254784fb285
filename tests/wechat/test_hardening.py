"""Issue 10 on the WeChat callback: de-duplication by sender, replayed URLs, safe mode, nesting, timestamps."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.settings import Settings
from dialogs.i18n import catalog
from tests.fakes.wechat_api import APP_ID
from tests.wechat import records
from tests.wechat.callback import ACCOUNT, TOKEN, decrypt_reply, encrypted, parse, post, sign, signed_query, text

HELP = catalog("zh_CN").get("common.help")
ENGLISH = catalog("en").get("common.language_set")


async def test_another_sender_reusing_a_msgid_gets_their_own_answer_not_the_first_senders(
    wechat_client: Any, sessions: Any
) -> None:
    """Defect 2: B reusing A's MsgId was answered with A's stored reply."""
    status, body = await post(wechat_client, text("u-alice", "帮助", 777))
    assert status == 200 and HELP in parse(body)["Content"]
    status, body = await post(wechat_client, text("u-bob", "english", 777))
    assert status == 200
    reply = parse(body)
    assert reply["ToUserName"] == "u-bob"
    assert HELP not in reply["Content"] and ENGLISH in reply["Content"]
    assert len(await records.inbound(sessions, "u-bob")) == 1  # B's message stored as B's
    # A's true retry is still answered from the store, and only once processed.
    status, body = await post(wechat_client, text("u-alice", "帮助", 777))
    assert HELP in parse(body)["Content"] and len(await records.inbound(sessions, "u-alice")) == 1


async def test_a_signed_url_is_accepted_again_only_with_the_same_body(wechat_client: Any, sessions: Any) -> None:
    """Defect 3: one signed URL was accepted again with another body within the window."""
    query = signed_query()
    first = text("u-replay-a", "帮助", 901)
    status, body = await post(wechat_client, first, query)
    assert status == 200 and HELP in parse(body)["Content"]
    # The same URL, another sender and text: someone replaying a captured URL with a body of their own.
    status, body = await post(wechat_client, text("u-replay-b", "english", 902), query)
    assert status == 403 and HELP not in body
    assert await records.inbound_count(sessions) == 1
    # The same URL with the same body is WeChat's retry: answered with the first reply.
    status, body = await post(wechat_client, first, query)
    assert status == 200 and HELP in parse(body)["Content"]


async def test_the_replay_check_holds_across_processes(
    make_client: Any, wechat_settings: Settings, sessions: Any
) -> None:
    """Two service processes share one database: the second refuses what the first already took."""
    one, two = await make_client(wechat_settings), await make_client(wechat_settings)
    query = signed_query()
    assert (await post(one, text("u-proc-a", "帮助", 911), query))[0] == 200
    status, _ = await post(two, text("u-proc-b", "english", 912), query)
    assert status == 403
    assert await records.inbound_count(sessions) == 1


async def test_a_replay_with_another_body_arriving_at_once_is_refused_not_merged(wechat_client: Any) -> None:
    """Same sender and MsgId, another text, the same URL, while the first is under way: not a retry."""
    import asyncio

    query = signed_query()
    genuine, forged = text("u-race", "帮助", 921), text("u-race", "english", 921)
    answers = await asyncio.gather(post(wechat_client, genuine, query), post(wechat_client, forged, query))
    assert sorted(status for status, _ in answers) == [200, 403]


async def test_signed_urls_past_their_window_are_pruned(wechat_client: Any, sessions: Any, clock: Any) -> None:
    from storage.models import WechatRequest

    async with sessions() as session, session.begin():
        session.add(WechatRequest(request_key=1, body_digest=7, expires_at=clock.now() - timedelta(seconds=1)))
        session.add(WechatRequest(request_key=2, body_digest=7, expires_at=clock.now() + timedelta(hours=1)))
    assert (await post(wechat_client, text("u-prune", "帮助", 931)))[0] == 200
    async with sessions() as session:
        keys = set(await session.scalars(select(WechatRequest.request_key)))
    assert 1 not in keys and 2 in keys and len(keys) == 2  # and this message's URL


async def test_safe_mode_refuses_plaintext_unless_compatible_mode_is_set(
    make_client: Any, wechat_settings: Settings, sessions: Any
) -> None:
    safe = await make_client(wechat_settings.replace(wechat_compatible_mode=False))
    status, body = await post(safe, text("u-plain-in-safe", "帮助", 941))
    assert status == 403 and HELP not in body
    assert await records.inbound_count(sessions) == 0
    env = encrypted(text("u-plain-in-safe", "帮助", 942), app_id=APP_ID)
    status, body = await post(safe, env.body, env.query)
    assert status == 200 and HELP in decrypt_reply(body, app_id=APP_ID)["Content"]
    compatible = await make_client(wechat_settings.replace(wechat_compatible_mode=True))
    status, body = await post(compatible, text("u-plain-in-safe", "帮助", 943))
    assert status == 200 and HELP in parse(body)["Content"]


def _nested(depth: int) -> str:
    return "<a>" * depth + "x" + "</a>" * depth


@pytest.mark.parametrize("where", ["plain", "decrypted", "envelope"])
async def test_deeply_nested_xml_is_a_400_wherever_it_is(
    wechat_client: Any, sessions: Any, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    """Defect 4: a thousand nested elements gave 500 (RecursionError) in each of the three places."""
    deep = _nested(1000)
    inner = (f"<xml><ToUserName>{ACCOUNT}</ToUserName><FromUserName>u-deep</FromUserName>"
             f"<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>{deep}</Content>"
             "<MsgId>951</MsgId></xml>").encode()
    if where == "plain":
        body, query = inner, signed_query()
    elif where == "decrypted":
        env = encrypted(inner, app_id=APP_ID)
        body, query = env.body, env.query
    else:
        # The envelope is parsed before msg_signature is checked: no valid signature is needed to reach it.
        body = f"<xml><ToUserName>{ACCOUNT}</ToUserName><Encrypt>{deep}</Encrypt></xml>".encode()
        query = signed_query(encrypt_type="aes", msg_signature="0" * 40)
    with caplog.at_level(logging.WARNING):
        status, _ = await post(wechat_client, body, query)
    assert status == 400
    assert any("too deep" in r.getMessage() for r in caplog.records)
    assert await records.inbound_count(sessions) == 0


@pytest.mark.parametrize("window", [300, 0])
async def test_a_signed_request_with_an_absurd_timestamp_is_refused(
    make_client: Any, wechat_settings: Settings, window: int
) -> None:
    """Defect 5: a 400-digit timestamp with a valid signature gave 500 (OverflowError)."""
    client = await make_client(wechat_settings.replace(wechat_replay_window=window))
    timestamp = "9" * 400
    query = {"signature": sign(TOKEN, timestamp, "n1"), "timestamp": timestamp, "nonce": "n1"}
    status, _ = await post(client, text("u-ts", "帮助", 961), query)
    assert status == 403
    # A well-formed one still goes through.
    assert (await post(client, text("u-ts", "帮助", 962), signed_query(timestamp=int(time.time()))))[0] == 200


async def test_replayed_url_is_not_remembered_forever(wechat_client: Any, sessions: Any) -> None:
    """Without a window, a URL is remembered a day; with one, until its window ends."""
    from storage.models import WechatRequest

    await post(wechat_client, text("u-mem", "帮助", 971))
    async with sessions() as session:
        expires = await session.scalar(select(func.max(WechatRequest.expires_at)))
    assert expires is not None
    assert timedelta(hours=23) < expires - datetime.now(UTC) <= timedelta(days=1)
