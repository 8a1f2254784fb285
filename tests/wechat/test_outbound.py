"""The outbound side against the loopback WeChat API: one shared token, the error codes, timeouts, logs."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.wechat_sender import WeChatSender
from bot.clock import FrozenClock
from bot.delivery import BACKOFF, OutboxWorker, OutgoingMessage, SendStatus
from bot.settings import Settings
from bot.wechat_api import ErrorCode, Failure, WeChatApi, WeChatApiError
from storage import repositories as repo
from storage.crypto import FieldCipher
from storage.models import ApiToken
from tests.fakes.blackhole import blackhole
from tests.fakes.wechat_api import APP_ID, APP_SECRET, CUSTOM_SEND, STABLE_TOKEN, TEMPLATE_SEND, FakeWeChatApi
from tests.wechat import records

TIMEOUT = 0.3


@dataclass
class Outbound:
    """A process's outbound side, built as the app builds it, with a short timeout and its own worker."""

    sessions: async_sessionmaker[AsyncSession]
    clock: FrozenClock
    fake: FakeWeChatApi
    settings: Settings
    apis: list[WeChatApi] = field(default_factory=list)

    def api(self, secret: str = APP_SECRET, base_url: str | None = None) -> WeChatApi:
        api = WeChatApi(self.sessions, records.CIPHER, self.clock, base_url=base_url or self.fake.url,
                        app_id=APP_ID, app_secret=secret, holder="test", timeout=TIMEOUT, wait_for_refresh=5)
        self.apis.append(api)
        return api

    def worker(self, api: WeChatApi) -> OutboxWorker:
        sender = WeChatSender(api, self.sessions, self.clock)
        return OutboxWorker(self.sessions, records.CIPHER, self.clock, {"wechat": sender},
                            quiet_hours=self.settings.quiet_hours)

    async def person(self, openid: str) -> None:
        async with self.sessions() as session, session.begin():
            await repo.create_person_with_account(session, "wechat", records.CIPHER.blind_index("wechat", openid),
                                                  records.CIPHER.encrypt(openid), "zh_CN", self.clock.now())


@pytest.fixture
async def out(sessions: Any, clock: FrozenClock, wechat_api: FakeWeChatApi,
              settings: Settings) -> AsyncIterator[Outbound]:
    out = Outbound(sessions, clock, wechat_api, settings)
    yield out
    for api in out.apis:
        await api.close()


def message(openid: str, text: str = "您好") -> OutgoingMessage:
    return OutgoingMessage(id=1, person_id=1, channel="wechat", address=openid, text=text, kind="text")


# -- the access token ---------------------------------------------------------------------------------

async def test_token_is_fetched_once_and_reused_by_concurrent_sends(out: Outbound) -> None:
    api = out.api()
    await asyncio.gather(*(api.send_text(f"u-{i}", "通知") for i in range(10)))
    assert out.fake.token_fetches == 1
    sends = out.fake.calls(CUSTOM_SEND)
    assert len(sends) == 10 and all(r.errcode == 0 for r in sends)
    assert {r.token for r in sends} == {out.fake.issued_tokens[0]}
    # The stored copy is encrypted, and another process's instance uses it without fetching.
    async with out.sessions() as session:
        [stored] = await session.scalars(select(ApiToken))
    assert out.fake.issued_tokens[0] not in stored.token_enc
    await out.api().send_text("u-other", "通知")
    assert out.fake.token_fetches == 1


async def test_sends_waiting_for_the_first_token_do_not_each_read_the_stored_one(out: Outbound) -> None:
    """A start-up's first batch (hundreds of sends at once) waits behind one refresh; once it is done the
    waiting sends use the token in memory instead of each reading the stored copy again."""
    api = out.api()
    loads = 0
    load = api._load

    async def counted() -> Any:
        nonlocal loads
        loads += 1
        return await load()

    api._load = counted  # type: ignore[method-assign]
    await asyncio.gather(*(api.send_text(f"u-{i}", "通知") for i in range(20)))
    assert out.fake.token_fetches == 1
    assert len(out.fake.calls(CUSTOM_SEND)) == 20
    # Before the refresh, and again under the lease: two reads, not one per waiting send.
    assert loads == 2


async def test_two_refreshers_racing_fetch_the_token_once(out: Outbound) -> None:
    out.fake.stall(0.2, path=STABLE_TOKEN)  # the fetch is in flight while the other one asks
    first, second = out.api(), out.api()
    tokens = await asyncio.gather(first.access_token(), second.access_token(), first.access_token())
    assert len(set(tokens)) == 1
    assert out.fake.token_fetches == 1


async def test_token_is_refreshed_ahead_of_expiry(out: Outbound) -> None:
    api = out.api()
    await api.send_text("u-1", "一")
    out.clock.advance(timedelta(seconds=7200 - 299))  # inside the last five minutes
    await api.send_text("u-1", "二")
    assert out.fake.token_fetches == 2
    assert out.fake.forced_fetches == 0


async def test_rejected_token_is_refreshed_once_and_the_call_retried_once(out: Outbound) -> None:
    api = out.api()
    await api.send_text("u-1", "一")
    out.fake.fail(ErrorCode.INVALID_CREDENTIAL, path=CUSTOM_SEND)
    await api.send_text("u-1", "二")
    assert out.fake.token_fetches == 2 and out.fake.forced_fetches == 1
    first, rejected, retried = out.fake.calls(CUSTOM_SEND)
    assert rejected.errcode == ErrorCode.INVALID_CREDENTIAL and retried.errcode == 0
    assert rejected.token == first.token != retried.token


async def test_every_send_carries_the_token_current_at_its_time(out: Outbound) -> None:
    """The address with the token in its query is built once per token (bot/wechat_api.py): after each of many
    replaced tokens, the sends carry the new one, never one of the past."""
    api = out.api()
    for day in range(20):
        await api.send_text("u-1", f"第{day}天")
        await api.send_template("u-1", "TPL-1", {"first": "通知"})
        out.fake.expire_tokens()  # the next send is refused once, and retried with a new token
    tokens = out.fake.issued_tokens
    assert len(set(tokens)) == 20
    for path in (CUSTOM_SEND, TEMPLATE_SEND):
        assert [r.token for r in out.fake.calls(path) if r.errcode == 0] == tokens
    assert [r.body["text"]["content"] for r in out.fake.calls(CUSTOM_SEND) if r.errcode == 0] == [
        f"第{day}天" for day in range(20)]


async def test_expired_token_is_replaced(out: Outbound) -> None:
    api = out.api()
    await api.send_text("u-1", "一")
    out.fake.expire_tokens()
    await api.send_text("u-1", "二")
    assert [r.errcode for r in out.fake.calls(CUSTOM_SEND)] == [0, ErrorCode.ACCESS_TOKEN_EXPIRED, 0]
    assert out.fake.token_fetches == 2


async def test_a_token_rejected_twice_is_not_retried_forever(out: Outbound) -> None:
    api = out.api()
    out.fake.fail(ErrorCode.ACCESS_TOKEN_EXPIRED, times=10, path=CUSTOM_SEND)
    with pytest.raises(WeChatApiError) as caught:
        await api.send_text("u-1", "一")
    assert caught.value.failure is Failure.TOKEN
    assert len(out.fake.calls(CUSTOM_SEND)) == 2
    assert out.fake.token_fetches == 2
    result = await WeChatSender(api, out.sessions, out.clock).send(message("u-1"))
    assert result.status is SendStatus.RETRY


async def test_refused_credentials_make_messages_wait_not_fail(out: Outbound) -> None:
    result = await WeChatSender(out.api(secret="wrong"), out.sessions, out.clock).send(message("u-1"))
    assert result.status is SendStatus.RETRY
    assert "40125" in (result.error or "")
    assert out.fake.calls(CUSTOM_SEND) == []


async def test_a_token_answer_without_a_token_is_a_transient_failure(out: Outbound) -> None:
    out.fake.answer_raw(200, '{"expires_in": 7200}', path=STABLE_TOKEN)
    with pytest.raises(WeChatApiError) as caught:
        await out.api().access_token()
    assert caught.value.failure is Failure.TRANSIENT
    assert await out.api().access_token() == out.fake.issued_tokens[0]  # the next fetch works


async def test_a_stored_token_under_another_secret_key_is_refetched(
    out: Outbound, caplog: pytest.LogCaptureFixture
) -> None:
    """After JIUYE_SECRET_KEY changed, the stored token cannot be read: fetched again, not an error."""
    await out.api().access_token()
    other = WeChatApi(out.sessions, FieldCipher(secrets.token_bytes(32)), out.clock, base_url=out.fake.url,
                      app_id=APP_ID, app_secret=APP_SECRET, holder="rotated", timeout=TIMEOUT)
    with caplog.at_level(logging.WARNING):
        token = await other.access_token()
    assert "cannot be decrypted" in caplog.text
    assert out.fake.token_fetches == 2 and token == out.fake.issued_tokens[-1]


# -- results through the outbox worker ------------------------------------------------------------------

async def _send_one(out: Outbound, openid: str = "u-w") -> Any:
    await out.person(openid)
    row_id = await records.queue_message(out.sessions, openid, "您的信息已审核通过。", out.clock.now())
    assert await out.worker(out.api()).run_once()
    return await records.outbox_row(out.sessions, row_id)


async def test_sent(out: Outbound) -> None:
    row = await _send_one(out)
    assert (row.status, row.attempts) == ("sent", 1)
    assert out.fake.sent_texts("u-w") == ["您的信息已审核通过。"]


@pytest.mark.parametrize("code", [ErrorCode.OUTSIDE_WINDOW, ErrorCode.TOO_MANY_MESSAGES])
async def test_outside_the_48_hour_window_is_unreachable_and_not_retried(out: Outbound, code: int) -> None:
    out.fake.fail(code, path=CUSTOM_SEND)
    row = await _send_one(out)
    assert (row.status, row.attempts) == ("skipped", 1)
    assert str(code) in row.last_error
    assert not await out.worker(out.api()).run_once()  # nothing left to retry
    assert len(out.fake.calls(CUSTOM_SEND)) == 1


async def test_unsubscribed_user_is_unreachable_and_recorded(out: Outbound) -> None:
    out.fake.fail(ErrorCode.USER_UNSUBSCRIBED, path=CUSTOM_SEND)
    row = await _send_one(out)
    assert row.status == "skipped"
    account = await records.account(out.sessions, "u-w")
    assert account is not None and account.unsubscribed_at == out.clock.now()
    # Later messages are skipped without asking WeChat.
    later = await records.queue_message(out.sessions, "u-w", "再来一条", out.clock.now())
    await out.worker(out.api()).run_once()
    assert (await records.outbox_row(out.sessions, later)).status == "skipped"
    assert len(out.fake.calls(CUSTOM_SEND)) == 1


@pytest.mark.parametrize(("code", "wait"), [(ErrorCode.DAILY_QUOTA, 3600), (ErrorCode.FREQUENCY_LIMIT, 60)])
async def test_quota_errors_retry_later(out: Outbound, code: int, wait: int) -> None:
    out.fake.fail(code, path=CUSTOM_SEND)
    row = await _send_one(out)
    assert (row.status, row.attempts) == ("queued", 1)
    assert row.next_attempt_at == out.clock.now() + timedelta(seconds=wait)


async def test_a_stalled_send_is_not_repeated(out: Outbound) -> None:
    """The request may have reached WeChat: sending it again could deliver it twice."""
    out.fake.stall(TIMEOUT * 4, path=CUSTOM_SEND)
    row = await _send_one(out)
    assert (row.status, row.attempts) == ("failed", 1)
    assert "outcome unknown" in row.last_error and "timed out" in row.last_error
    out.clock.advance(timedelta(seconds=BACKOFF[-1]))
    assert not await out.worker(out.api()).run_once()  # nothing due: it is not tried again
    assert (await records.outbox_row(out.sessions, row.id)).status == "failed"
    assert len(out.fake.calls(CUSTOM_SEND)) <= 1  # the stalled request, recorded once it was answered


async def test_a_permanent_error_fails_the_message(out: Outbound) -> None:
    out.fake.fail(40003, path=CUSTOM_SEND)  # invalid openid
    row = await _send_one(out)
    assert (row.status, row.attempts) == ("failed", 1)


async def test_unreachable_api_is_retried(out: Outbound) -> None:
    await out.fake.close()  # nothing listens on the port any more
    row = await _send_one(out)
    assert (row.status, row.attempts) == ("queued", 1)


@pytest.mark.parametrize(("status", "body"), [
    (502, "<html>Bad Gateway</html>"),  # a proxy in front of the API
    (200, "<html>系统繁忙</html>"),  # not JSON
    (200, "[0]"),  # JSON, but not an object
    (200, '{"errcode": "busy"}'),  # an errcode that is not a number
], ids=["http-502", "not-json", "not-an-object", "malformed-errcode"])
async def test_a_garbled_answer_is_retried_and_then_delivered_once(out: Outbound, status: int, body: str) -> None:
    out.fake.answer_raw(status, body, path=CUSTOM_SEND)
    row = await _send_one(out)
    assert (row.status, row.attempts) == ("queued", 1)
    assert row.last_error and body not in row.last_error
    out.clock.advance(timedelta(seconds=BACKOFF[0]))
    assert await out.worker(out.api()).run_once()
    assert (await records.outbox_row(out.sessions, row.id)).status == "sent"
    assert out.fake.sent_texts("u-w") == ["您的信息已审核通过。"]


async def test_a_connection_dropped_mid_send_is_not_repeated(out: Outbound) -> None:
    """As with a stall: the request may have reached WeChat, so it is not sent again."""
    out.fake.reset(path=CUSTOM_SEND)
    row = await _send_one(out)
    assert (row.status, row.attempts) == ("failed", 1)
    assert "outcome unknown" in row.last_error
    out.clock.advance(timedelta(seconds=BACKOFF[-1]))
    assert not await out.worker(out.api()).run_once()
    assert len(out.fake.calls(CUSTOM_SEND)) == 1


async def test_a_send_that_cannot_connect_is_retried_not_failed(out: Outbound) -> None:
    """Unlike a stall or a dropped connection, a connect that times out sent nothing: safe to try again."""
    await out.api().access_token()  # stored, so the unreachable instance below needs no fetch
    with blackhole() as dead:
        api = WeChatApi(out.sessions, records.CIPHER, out.clock, base_url=dead, app_id=APP_ID,
                        app_secret=APP_SECRET, holder="test", timeout=TIMEOUT)
        result = await WeChatSender(api, out.sessions, out.clock).send(message("u-dead"))
    assert result.status is SendStatus.RETRY
    assert "connect timed out" in (result.error or "")


# -- other calls --------------------------------------------------------------------------------------

async def test_template_message(out: Outbound) -> None:
    result = await out.api().send_template("u-t", "TPL-1", {"first": "培训通知", "remark": "请准时参加"},
                                           url="https://example.org/x")
    assert result.msgid is not None
    [call] = out.fake.calls(TEMPLATE_SEND)
    assert call.body["data"] == {"first": {"value": "培训通知"}, "remark": {"value": "请准时参加"}}
    assert call.body["touser"] == "u-t"


# -- secrets stay out of the logs -----------------------------------------------------------------------

async def test_access_token_and_secret_never_appear_in_logs(out: Outbound, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        api = out.api()
        worker = out.worker(api)
        await out.person("u-log")
        out.fake.fail(ErrorCode.INVALID_CREDENTIAL, path=CUSTOM_SEND)
        for _ in range(3):
            await records.queue_message(out.sessions, "u-log", "通知", out.clock.now())
        await worker.run_once()
        out.fake.stall(TIMEOUT * 4, path=CUSTOM_SEND)
        await records.queue_message(out.sessions, "u-log", "通知", out.clock.now())
        await worker.run_once()
        out.clock.advance(timedelta(hours=2))  # the stored token lapsed: the next one must be fetched
        with pytest.raises(WeChatApiError) as caught:
            await out.api(secret="wrong").access_token()
    assert len(out.fake.issued_tokens) >= 2
    assert caplog.records, "the scenario should have logged something"
    for token in out.fake.issued_tokens:
        assert token not in caplog.text
        assert token not in str(caught.value)
    assert APP_SECRET not in caplog.text
