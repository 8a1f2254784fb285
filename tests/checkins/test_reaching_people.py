"""Pushes climb what WeChat allows outside a conversation: customer-service messages inside the 48-hour window
(at most five), a subscription notice to someone who accepted it, a template message; every try recorded
with its error code. (SMS fallback through a real Kannel: tests/sms/test_push_fallback.py.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.settings import Settings
from storage.models import OutboxMessage, PushAttempt, WeChatSubscription
from tests.checkins.helpers import add_people
from tests.fakes.wechat_api import APP_ID, APP_SECRET, CUSTOM_SEND, SUBSCRIBE_SEND, TEMPLATE_SEND, FakeWeChatApi
from tests.fakes.wechat_signing import signed_query

SUBSCRIBE_TEMPLATE = "tmpl-subscribe-checkin-0001"
TEMPLATE = "tmpl-notice-0001"
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # the clock fixture: 10:00 in Shanghai


@pytest.fixture
def settings(settings: Settings, wechat_api: FakeWeChatApi) -> Settings:
    return settings.replace(wechat_app_id=APP_ID, wechat_app_secret=APP_SECRET, wechat_api_base=wechat_api.url,
                            wechat_subscribe_template_id=SUBSCRIBE_TEMPLATE, wechat_template_id=TEMPLATE,
                            scheduler_interval=0)


async def _checkins(app: Any, n: int, *, last_inbound_at: datetime) -> list[int]:
    """People whose 14-day check-in is due now; their WeChat window as given."""
    ids = await add_people(app, n, recorded_at=NOW - timedelta(days=14), last_inbound_at=last_inbound_at)
    await app[keys.DUE_WORK].run_due(NOW)
    return ids


async def _deliver(app: Any) -> None:
    worker = app[keys.OUTBOX]
    while await worker.run_once():
        pass


async def _attempts(app: Any) -> list[tuple[int, str, str, int | None]]:
    async with app[keys.SESSIONS]() as session:
        rows = await session.execute(select(PushAttempt.person_id, PushAttempt.method, PushAttempt.outcome,
                                            PushAttempt.errcode).order_by(PushAttempt.id))
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def _via(app: Any) -> list[tuple[str, str | None]]:
    async with app[keys.SESSIONS]() as session:
        return [tuple(r) for r in await session.execute(  # type: ignore[misc]
            select(OutboxMessage.status, OutboxMessage.sent_via).order_by(OutboxMessage.id))]


async def test_inside_the_window_a_customer_service_message(make_client: Any, settings: Settings,
                                                            wechat_api: FakeWeChatApi) -> None:
    app = (await make_client(settings)).server.app
    await app[keys.OUTBOX].stop()
    [pid] = await _checkins(app, 1, last_inbound_at=NOW - timedelta(hours=3))
    await _deliver(app)
    [sent] = wechat_api.accepted(CUSTOM_SEND, f"o{pid}")
    assert sent.body["text"]["content"].startswith("您好! 您还在东莞的宏达电子厂上班吗?")
    assert await _attempts(app) == [(pid, "custom", "sent", None)]
    assert await _via(app) == [("sent", "custom")]


async def test_at_most_five_customer_service_messages_per_window_then_a_notice(
        make_client: Any, settings: Settings, wechat_api: FakeWeChatApi) -> None:
    app = (await make_client(settings)).server.app
    await app[keys.OUTBOX].stop()
    [pid] = await add_people(app, 1, recorded_at=NOW - timedelta(days=60), last_inbound_at=NOW - timedelta(hours=1))
    async with app[keys.SESSIONS]() as session, session.begin():
        earlier = OutboxMessage(person_id=pid, channel="wechat", body_enc=app[keys.CIPHER].encrypt("x"),
                                status="sent", solicited=True)
        session.add(earlier)
        await session.flush()
        for i in range(5):  # five service messages already went out since the person's last message
            session.add(PushAttempt(outbox_id=earlier.id, person_id=pid, method="custom", outcome="sent",
                                    attempted_at=NOW - timedelta(minutes=50 - i)))
    report = await app[keys.DUE_WORK].run_due(NOW)  # 60 days after the record: a check-in is due today
    assert report.counts["checkin submitted"] == 1
    await _deliver(app)
    assert wechat_api.accepted(CUSTOM_SEND, f"o{pid}") == []  # the sixth would be refused (45047): not tried
    [notice] = wechat_api.accepted(TEMPLATE_SEND, f"o{pid}")
    assert notice.body["data"]["thing1"]["value"] == "就业情况回访"
    assert (await _via(app))[-1] == ("sent", "template")


async def test_outside_the_window_a_subscription_notice_to_those_who_accepted_it(
        make_client: Any, settings: Settings, wechat_api: FakeWeChatApi) -> None:
    client = await make_client(settings)
    app = client.server.app
    await app[keys.OUTBOX].stop()
    [subscriber, other] = await add_people(app, 2, recorded_at=NOW - timedelta(days=14),
                                            last_inbound_at=NOW - timedelta(days=5))
    popup = (
        f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[o{subscriber}]]></FromUserName>"
        "<CreateTime>1764122400</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        "<Event><![CDATA[subscribe_msg_popup_event]]></Event><SubscribeMsgPopupEvent>"
        f"<List><TemplateId><![CDATA[{SUBSCRIBE_TEMPLATE}]]></TemplateId>"
        "<SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>2</PopupScene></List>"
        "<List><TemplateId><![CDATA[another-template]]></TemplateId>"
        "<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString><PopupScene>2</PopupScene></List>"
        "</SubscribeMsgPopupEvent></xml>"
    )
    resp = await client.post("/wechat", params=signed_query("test-token"), data=popup.encode())
    assert resp.status == 200
    async with app[keys.SESSIONS]() as session:
        subs = sorted((s.template_id, s.status) for s in await session.scalars(select(WeChatSubscription)))
    assert subs == [("another-template", "reject"), (SUBSCRIBE_TEMPLATE, "accept")]
    async with app[keys.SESSIONS]() as session, session.begin():
        # The popup was a message of theirs, but the test wants the window closed again.
        from storage.models import ChannelAccount
        for account in await session.scalars(select(ChannelAccount)):
            account.last_inbound_at = NOW - timedelta(days=5)
    await app[keys.DUE_WORK].run_due(NOW)
    await _deliver(app)
    [notice] = wechat_api.accepted(SUBSCRIBE_SEND)
    assert notice.body["touser"] == f"o{subscriber}" and notice.body["template_id"] == SUBSCRIBE_TEMPLATE
    assert notice.body["data"]["thing2"]["value"] == "请回复您现在的工作情况"
    [template] = wechat_api.accepted(TEMPLATE_SEND)
    assert template.body["touser"] == f"o{other}"  # not subscribed: the template message
    assert wechat_api.accepted(CUSTOM_SEND) == []  # the window was closed: never tried


async def test_a_lapsed_subscription_falls_to_the_template_and_is_remembered(
        make_client: Any, settings: Settings, wechat_api: FakeWeChatApi) -> None:
    app = (await make_client(settings)).server.app
    await app[keys.OUTBOX].stop()
    [pid] = await add_people(app, 1, recorded_at=NOW - timedelta(days=14), last_inbound_at=NOW - timedelta(days=5))
    async with app[keys.SESSIONS]() as session, session.begin():
        session.add(WeChatSubscription(person_id=pid, template_id=SUBSCRIBE_TEMPLATE, status="accept"))
    wechat_api.fail(43101, path=SUBSCRIBE_SEND)
    await app[keys.DUE_WORK].run_due(NOW)
    await _deliver(app)
    assert len(wechat_api.accepted(TEMPLATE_SEND, f"o{pid}")) == 1
    assert await _attempts(app) == [(pid, "subscribe", "refused", 43101), (pid, "template", "sent", None)]
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(WeChatSubscription.status)) == "reject"


async def test_a_window_error_moves_on_to_the_notices(make_client: Any, settings: Settings,
                                                      wechat_api: FakeWeChatApi) -> None:
    app = (await make_client(settings)).server.app
    await app[keys.OUTBOX].stop()
    [pid] = await _checkins(app, 1, last_inbound_at=NOW - timedelta(hours=47))
    wechat_api.fail(45015, path=CUSTOM_SEND)  # our clock and WeChat's disagree on the window
    await _deliver(app)
    assert await _attempts(app) == [(pid, "custom", "refused", 45015), (pid, "template", "sent", None)]


async def test_an_unfollowed_account_is_recorded_and_nothing_more_is_tried_on_wechat(
        make_client: Any, settings: Settings, wechat_api: FakeWeChatApi) -> None:
    app = (await make_client(settings)).server.app
    await app[keys.OUTBOX].stop()
    [pid] = await _checkins(app, 1, last_inbound_at=NOW - timedelta(hours=3))
    wechat_api.fail(43004, path=CUSTOM_SEND)
    await _deliver(app)
    assert await _attempts(app) == [(pid, "custom", "refused", 43004)]
    assert wechat_api.accepted(TEMPLATE_SEND) == []
    from storage.models import ChannelAccount
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(ChannelAccount.unsubscribed_at)) is not None
    assert (await _via(app))[-1][0] == "skipped"  # no SMS sender in this app: nothing else can carry it


def test_every_push_has_a_notice_title_and_line_that_fit_the_template_fields() -> None:
    from dialogs.i18n import LOCALES, catalog
    from scheduler.schedules import KINDS

    for locale in LOCALES:
        cat = catalog(locale)
        for topic in ("default", *(k for k in KINDS if k != "checkin_visit")):
            for part in ("title", "line"):
                text = cat.get(f"push.{part}.{topic}")
                assert 0 < len(text) <= 20, (locale, topic, part, text)  # `thing` fields: 20 characters
