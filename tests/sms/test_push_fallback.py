"""WeChat refusing a push with each error code that means "not this way": the push falls back to SMS and
reaches the phone on the person's form through a real Kannel, in one SMS, with every attempt recorded."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.settings import Settings
from storage.models import OutboxMessage, PushAttempt, WeChatSubscription
from tests.checkins.helpers import add_people
from tests.fakes.wechat_api import APP_ID, APP_SECRET, CUSTOM_SEND, SUBSCRIBE_SEND, TEMPLATE_SEND, FakeWeChatApi
from tests.sms.conftest import SmsWorld, eventually, sessions

SUBSCRIBE_TEMPLATE = "tmpl-subscribe-checkin-0001"
TEMPLATE = "tmpl-notice-0001"

# code, the call WeChat refuses, window open, subscribed, template configured, the attempts before SMS
CASES = [
    (45015, CUSTOM_SEND, True, False, False, [("custom", 45015)]),
    (45047, CUSTOM_SEND, True, False, False, [("custom", 45047)]),
    (43004, CUSTOM_SEND, True, False, True, [("custom", 43004)]),
    (43101, SUBSCRIBE_SEND, False, True, False, [("subscribe", 43101)]),
    (43117, TEMPLATE_SEND, False, False, True, [("template", 43117)]),
]


@pytest.fixture
def settings(settings: Settings, wechat_api: FakeWeChatApi, request: pytest.FixtureRequest) -> Settings:
    template = getattr(request, "param", True)
    return settings.replace(wechat_app_id=APP_ID, wechat_app_secret=APP_SECRET, wechat_api_base=wechat_api.url,
                            wechat_subscribe_template_id=SUBSCRIBE_TEMPLATE,
                            wechat_template_id=TEMPLATE if template else "", scheduler_interval=0)


@pytest.mark.kannel
@pytest.mark.parametrize(
    ("code", "path", "window", "subscribed", "settings", "tried"),
    [pytest.param(*case[:4], case[4], case[5], id=str(case[0])) for case in CASES],
    indirect=["settings"],
)
async def test_wechat_refuses_and_the_push_goes_by_sms(
    sms_world: SmsWorld, wechat_api: FakeWeChatApi, code: int, path: str, window: bool, subscribed: bool,
    tried: list[tuple[str, int]],
) -> None:
    world, app = sms_world, sms_world.app
    now = world.clock.now()
    [pid] = await add_people(app, 1, recorded_at=now - timedelta(days=14),
                             last_inbound_at=now - (timedelta(hours=3) if window else timedelta(days=4)))
    if subscribed:
        async with sessions(world)() as session, session.begin():
            session.add(WeChatSubscription(person_id=pid, template_id=SUBSCRIBE_TEMPLATE, status="accept"))
    wechat_api.fail(code, path=path)
    await app[keys.DUE_WORK].run_due(now)
    app[keys.OUTBOX].wake()
    phone = f"+86139{pid:08d}"
    [sms] = await world.phones.receive_for(phone)
    assert sms.text.startswith("您好! 您还在东莞的宏达电子厂上班吗?") and "1在岗 2已离职 3换了工作" in sms.text
    expected = [*((m, "refused", c) for m, c in tried), ("sms", "sent", None)]
    # The phone can have it before the worker records the send.
    attempts = await eventually(lambda: _attempts(world, codes=True), lambda a: len(a) >= len(expected))
    assert attempts == expected
    async with sessions(world)() as session:
        row = await session.scalar(select(OutboxMessage))
    assert row is not None and row.channel == "sms" and row.sent_via == "sms" and row.status == "sent"
    assert all(r.errcode != 0 for r in wechat_api.calls(path))


async def test_no_wechat_at_all_goes_straight_to_sms(sms_world: SmsWorld, wechat_api: FakeWeChatApi) -> None:
    world, app = sms_world, sms_world.app
    now = world.clock.now()
    [pid] = await add_people(app, 1, recorded_at=now - timedelta(days=14), channels=("sms",))
    await app[keys.DUE_WORK].run_due(now)
    app[keys.OUTBOX].wake()
    [sms] = await world.phones.receive_for(f"+86139{pid:08d}")
    assert "宏达电子厂" in sms.text
    assert wechat_api.requests == []
    rows: Any = await eventually(lambda: _attempts(world), lambda a: len(a) == 1)
    assert rows == [("sms", "sent")]


async def _attempts(world: SmsWorld, *, codes: bool = False) -> list[Any]:
    async with sessions(world)() as session:
        return [(a.method, a.outcome, a.errcode) if codes else (a.method, a.outcome)
                for a in await session.scalars(select(PushAttempt).order_by(PushAttempt.id))]
