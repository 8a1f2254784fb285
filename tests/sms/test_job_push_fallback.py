"""A job push WeChat refuses (45015: the 48-hour window closed on WeChat's side) goes by SMS through a real
Kannel, like a check-in: the phone on the form gets the SMS rendering, in one SMS, naming the job, its
reason and how to answer."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot import keys
from bot.settings import Settings
from dialogs.sms_text import parts
from tests.fakes.wechat_api import APP_ID, APP_SECRET, CUSTOM_SEND, FakeWeChatApi
from tests.pushes.helpers import guard_job, import_vacancies, seeker
from tests.sms.conftest import SmsWorld


@pytest.fixture
def settings(settings: Settings, wechat_api: FakeWeChatApi) -> Settings:
    return settings.replace(wechat_app_id=APP_ID, wechat_app_secret=APP_SECRET, wechat_api_base=wechat_api.url,
                            scheduler_interval=0)


@pytest.mark.kannel
async def test_wechat_refuses_a_job_push_and_it_goes_by_sms(
    sms_world: SmsWorld, wechat_api: FakeWeChatApi, tmp_path: Path
) -> None:
    world, app = sms_world, sms_world.app
    now = world.clock.now()
    guard = await seeker(app, born=now.date().replace(year=1976), wants="想当保安",
                         recorded_at=now - timedelta(hours=3))
    await import_vacancies(app, tmp_path, [guard_job("WN-010")], now - timedelta(hours=1))
    wechat_api.fail(45015, path=CUSTOM_SEND)
    report = await app[keys.DUE_WORK].run_due(now)
    assert report.counts["job_push submitted"] == 1
    app[keys.OUTBOX].wake()
    [sms] = await world.phones.receive_for(f"+86139{guard:08d}")
    assert sms.text == "有新工作:\n1.超市保安 2600-3200元/月 岗位对口: 保安\n回序号看详情, 报名+序号报名"
    assert parts(sms.text) == 1
