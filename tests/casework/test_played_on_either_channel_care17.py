"""The simulator stands for both channels: a caseworker's phone typed on its WeChat channel is the caseworker. Before,
only the imported openid was the caseworker there, and the phone (what the README's example and the page's user box
take) typed on 微信 was a new laborer, answered with the privacy notice. Now the phone is theirs on either channel (as
11 digits or +86…), and so is their openid; a real WeChat user whose openid is that phone is still nobody's (a
guard: the real addresses are the imported ones only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot import keys
from tests.casework.files import NOW
from tests.casework.people import import_rows
from tests.people import say as say_as
from tests.survey.helpers import say

PHONE = "13985001719"
OPENID = "oLiShuji000000000000000171"


async def test_the_caseworkers_phone_on_the_simulators_wechat_is_the_caseworker(client: Any, tmp_path: Path) -> None:
    app = client.server.app
    await import_rows(app[keys.SESSIONS], app[keys.CIPHER], tmp_path, [
        ["李书记", PHONE, "520526", "caseworker", "", OPENID, "", ""]], NOW)
    for user, channel in ((PHONE, "wechat"), ("+86" + PHONE, "wechat"), (OPENID, "sms"), (PHONE, "sms")):
        assert (await say(client, user, "列表", channel=channel))["replies"] == ["您现在没有待办的案件和任务。"], user
    # The real channels keep the imported addresses: the phone as a real openid is a laborer's.
    real = await say_as(app, "wechat", PHONE, event="subscribe")
    assert "没有待办" not in "".join(real.replies)
