"""Alerts reach caseworkers: the WeCom robot (masked, @-mentioning their phone), digests only past 20 a minute,
fallback to WeChat and SMS when the robot fails, every outcome recorded, the robot's URL never logged."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import keys
from bot.casework.alerts import queue_alert
from bot.casework.wecom import WeComRobot
from bot.casework.worker import AlertWorker
from bot.clock import FrozenClock
from bot.delivery import SendResult, SendStatus
from bot.settings import Settings
from bot.wechat_api import WeChatApi
from storage.crypto import FieldCipher
from storage.models import Alert
from tests.casework.people import caseworker, laborer
from tests.fakes.recording_sender import RecordingSender
from tests.fakes.wechat_api import APP_ID, APP_SECRET, CUSTOM_SEND, TEMPLATE_SEND, FakeWeChatApi
from tests.fakes.wecom import FakeWeCom
from tests.people import say
from tests.survey.helpers import cipher, database

OPENID = "oCaseworker0000000000000001"


@dataclass
class Rig:
    sessions: async_sessionmaker[AsyncSession]
    cipher: FieldCipher
    clock: FrozenClock
    http: aiohttp.ClientSession
    sms: RecordingSender

    def worker(self, wechat: WeChatApi | None = None, template_id: str = "") -> AlertWorker:
        return AlertWorker(self.sessions, self.cipher, self.clock, WeComRobot(self.http, timeout=2), wechat=wechat,
                           sms=self.sms, template_id=template_id)

    async def caseworker(self, **kwargs: object) -> int:
        async with self.sessions() as session, session.begin():
            return await caseworker(session, self.cipher, **kwargs)  # type: ignore[arg-type]

    async def alerts(self, caseworker_id: int, count: int = 1, kind: str = "human_requested") -> list[int]:
        ids = []
        async with self.sessions() as session, session.begin():
            person = await laborer(session, self.cipher, self.clock.now())
            for i in range(count):
                text = f"【找工作人员】王*红 (138****8000, 草海镇) 第{i + 1}条"
                alert = await queue_alert(session, self.cipher, caseworker_id=caseworker_id, kind=kind, text=text,
                                          now=self.clock.now(), person_id=person)
                assert alert is not None
                ids.append(alert)
        return ids

    async def rows(self) -> list[Alert]:
        async with self.sessions() as session:
            return list(await session.scalars(select(Alert).order_by(Alert.id)))


@pytest.fixture
async def rig(settings: Settings, clock: FrozenClock) -> AsyncIterator[Rig]:
    async with database(settings) as sessions, aiohttp.ClientSession() as http:
        yield Rig(sessions, cipher(settings), clock, http, RecordingSender(channel="sms"))


async def test_an_alert_goes_to_the_robot_masked_and_mentioning_the_caseworker(rig: Rig, wecom: FakeWeCom) -> None:
    owner = await rig.caseworker(webhook=wecom.robot("ROBOTKEY1"))
    await rig.alerts(owner)
    assert await rig.worker().run_once()
    [message] = wecom.to("ROBOTKEY1")
    assert message.mentioned == ("13900000002",)
    assert "王*红" in message.content and "138****8000" in message.content
    [row] = await rig.rows()
    assert (row.status, row.channel, row.route, row.sent_at, row.digest_id) == (
        "sent", "wecom", "wecom", rig.clock.now(), None)
    assert not await rig.worker().run_once()  # nothing left, nothing sent twice
    assert len(wecom.messages) == 1


async def test_digests_only_when_more_than_twenty_a_minute_would_go_to_one_robot(
    rig: Rig, wecom: FakeWeCom
) -> None:
    robot = wecom.robot("SHARED")
    # Two caseworkers share one group robot: its limit is theirs together.
    first = await rig.caseworker(webhook=robot)
    second = await rig.caseworker(name="赵干事", phone="+8613900000003", webhook=robot)
    worker = rig.worker()
    await rig.alerts(first, 15)
    await worker.run_once()
    assert len(wecom.messages) == 15  # under the limit: one message each, at once
    await rig.alerts(first, 5)
    await rig.alerts(second, 5)
    await worker.run_once()
    assert len(wecom.messages) == 16  # 15 + 10 would pass 20: the ten go as one digest
    digest = wecom.messages[-1]
    assert digest.content.startswith("【就业帮扶】10条新提醒") and set(digest.mentioned) == {
        "13900000002", "13900000003"}
    await rig.alerts(first, 30)  # a burst: several digests, still under the limit
    await worker.run_once()
    assert len(wecom.messages) <= 20 and wecom.refused == []
    rows = await rig.rows()
    assert all(r.status == "sent" for r in rows)
    carried = "\n".join(m.content for m in wecom.messages)
    assert all(f"第{n}条" in carried for n in range(1, 31))
    assert len({r.digest_id for r in rows[15:]}) == len(wecom.messages) - 15


async def test_a_robot_at_its_limit_is_tried_again_a_minute_later(rig: Rig, wecom: FakeWeCom) -> None:
    owner = await rig.caseworker(webhook=wecom.robot("BUSY"))
    await rig.alerts(owner)
    wecom.fail(45009)  # another bot shares the robot and used its minute
    worker = rig.worker()
    await worker.run_once()
    [row] = await rig.rows()
    assert (row.status, row.next_attempt_at, row.last_error) == (
        "queued", rig.clock.now() + timedelta(minutes=1), "wecom: errcode 45009")
    assert not await worker.run_once()  # not due yet
    rig.clock.advance(timedelta(minutes=1))
    await worker.run_once()
    [row] = await rig.rows()
    assert (row.status, row.channel, row.route, len(wecom.messages), rig.sms.sent) == ("sent", "wecom", "wecom",
                                                                                      1, [])


@pytest.mark.parametrize("failure", [93000, None], ids=["errcode", "http-502"])
async def test_a_failing_robot_falls_back_to_sms_and_it_is_recorded(
    rig: Rig, wecom: FakeWeCom, failure: int | None, caplog: pytest.LogCaptureFixture
) -> None:
    owner = await rig.caseworker(webhook=wecom.robot("SECRETROBOTKEY"))
    await rig.alerts(owner)
    wecom.fail(failure)
    caplog.set_level(logging.DEBUG)
    await rig.worker().run_once()
    [row] = await rig.rows()
    assert (row.status, row.channel, row.route) == ("sent", "sms", "wecom>sms")
    assert row.last_error == ("wecom: errcode 93000" if failure else "wecom: HTTP 502")
    [sms] = rig.sms.sent
    assert sms.address == "+8613900000002" and "138****8000" in sms.text
    assert "SECRETROBOTKEY" not in caplog.text and "webhook/send" not in caplog.text


async def test_an_unreachable_robot_falls_back_without_logging_its_url(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    owner = await rig.caseworker(webhook="http://127.0.0.1:9/cgi-bin/webhook/send?key=SECRETROBOTKEY")
    await rig.alerts(owner)
    caplog.set_level(logging.DEBUG)
    await rig.worker().run_once()
    [row] = await rig.rows()
    assert (row.status, row.route) == ("sent", "wecom>sms")
    assert "SECRETROBOTKEY" not in caplog.text and "SECRETROBOTKEY" not in (row.last_error or "")


async def test_wechat_inside_the_window_then_a_template_then_sms(rig: Rig, wechat_api: FakeWeChatApi) -> None:
    api = WeChatApi(rig.sessions, rig.cipher, rig.clock, base_url=wechat_api.url, app_id=APP_ID,
                    app_secret=APP_SECRET, holder="test", timeout=2)
    owner = await rig.caseworker(openid=OPENID)
    await rig.alerts(owner)
    await rig.worker(api).run_once()
    assert wechat_api.sent_texts(OPENID) and (await rig.rows())[0].channel == "wechat"

    await rig.alerts(owner)
    wechat_api.fail(45015, path=CUSTOM_SEND)  # outside the 48-hour window
    await rig.worker(api, template_id="TEMPLATE-ALERT").run_once()
    row = (await rig.rows())[-1]
    assert (row.status, row.channel, row.route) == ("sent", "wechat", "wechat")
    [template] = [r for r in wechat_api.calls(TEMPLATE_SEND) if r.errcode == 0]
    assert template.body["template_id"] == "TEMPLATE-ALERT" and "138****8000" in template.body["data"]["content"][
        "value"]

    await rig.alerts(owner)
    wechat_api.fail(45015, path=CUSTOM_SEND)
    await rig.worker(api).run_once()  # no template configured: SMS
    row = (await rig.rows())[-1]
    assert (row.status, row.channel, row.route) == ("sent", "sms", "wechat>sms")
    assert "45015" in (row.last_error or "")


async def test_sms_trouble_is_retried_and_no_channel_at_all_is_undeliverable(rig: Rig) -> None:
    owner = await rig.caseworker()
    await rig.alerts(owner)
    rig.sms.script.append(SendResult(SendStatus.RETRY, "kannel unreachable"))
    worker = rig.worker()
    await worker.run_once()
    [row] = await rig.rows()
    assert (row.status, row.next_attempt_at) == ("queued", rig.clock.now() + timedelta(seconds=10))
    rig.clock.advance(timedelta(seconds=10))
    await worker.run_once()
    assert (await rig.rows())[0].status == "sent"

    nobody = await rig.caseworker(name="无联系", phone="+8613900000007")
    await rig.alerts(nobody)
    lonely = AlertWorker(rig.sessions, rig.cipher, rig.clock, WeComRobot(rig.http))  # no SMS, no WeChat
    await lonely.run_once()
    assert (await rig.rows())[-1].status == "undeliverable"


async def test_a_claim_left_by_a_dead_worker_is_queued_again(rig: Rig, wecom: FakeWeCom) -> None:
    owner = await rig.caseworker(webhook=wecom.robot("R"))
    [alert] = await rig.alerts(owner)
    async with rig.sessions() as session, session.begin():
        row = await session.get(Alert, alert)
        assert row is not None
        row.status, row.claimed_until = "sending", rig.clock.now() - timedelta(seconds=1)
    worker = rig.worker()
    assert await worker.recover_abandoned() == 1
    await worker.run_once()
    assert (await rig.rows())[0].status == "sent" and len(wecom.messages) == 1


async def test_the_worker_is_woken_by_the_commit_that_queued_the_alert(
    make_client: Any, settings: Settings, wecom: FakeWeCom
) -> None:
    """A polling interval far longer than the wait: only the wake after the commit can deliver it in time."""
    client = await make_client(settings.replace(outbox_poll_interval=60.0))
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], divisions=("52",), webhook=wecom.robot("AWAKE"))
    await asyncio.wait_for(app[keys.ALERTS].idle.wait(), 30)  # its first round found nothing: now it sleeps
    await say(app, "wechat", "oSomeone000000000000000001", "人工")  # the laborer asks for a person
    for _ in range(400):
        if wecom.to("AWAKE"):
            break
        await asyncio.sleep(0.025)
    [message] = wecom.to("AWAKE")
    # (They write on WeChat and gave no number: said so, care14.)
    assert message.content.startswith("【找工作人员】(未登记姓名) (只用微信, 没留手机号, 地址不详)")


def test_a_robot_url_that_reached_a_log_line_anyway_is_redacted() -> None:
    from bot.logs import redact

    line = redact("POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx failed")
    assert "693a91f6" not in line and "key=***" in line


async def test_alerts_held_by_the_stand_in_owner_are_kept_and_never_sent(rig: Rig) -> None:
    """Before anyone is imported, alerts go to the stand-in owner: recorded, no gateway tried (the import hands
    the open cases on, with alerts of their own)."""
    from bot.casework.responsibility import fallback_caseworker

    async with rig.sessions() as session, session.begin():
        stand_in = await fallback_caseworker(session)
    await rig.alerts(stand_in, 2)
    assert not await rig.worker().run_once()
    assert [(r.status, r.route, r.attempts) for r in await rig.rows()] == [("undeliverable", None, 0)] * 2
    assert rig.sms.sent == []
