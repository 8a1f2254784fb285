"""Someone who texted 人工 before any survey: the console's page for them had an empty form card and no way to
the number to call (only the chat's `电话 A4` gave it). Now it says there is no form yet, shows the phone they
text from masked, and reveals it in full through the audited reveal, like a form's.

care15: someone who only chatted on WeChat had a page with their messages and a send box, nothing of what is
known. Now it says, without personal data: whether they agreed to the privacy notice, the ways they write and
whether WeChat's 48-hour window is open (or that they stopped messages), how many messages each way, where they
stopped in the survey, and whether a registration exists (someone with a form shows the same facts)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import Alert, AuditLog
from tests.console.world import World
from tests.people import say

OPENID = "oOnlyChatted00000000000care15"


def _about(page: str) -> dict[str, str]:
    block = page.split('<dl class="fields" id="about">', 1)[1].split("</dl>", 1)[0]
    return dict(re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block))


async def test_the_number_someone_texted_from_is_on_their_page(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    asked = await say(app, "sms", "+8613800138041", "人工")
    async with app[keys.SESSIONS]() as session:
        alert = await session.scalar(select(Alert).where(Alert.person_id == asked.person_id))
    assert alert is not None and alert.caseworker_id == world.accounts["supervisor"]  # nobody knows where they live
    b = await signed_in("supervisor")
    status, page = await b.get(f"/console/people/{asked.person_id}")
    assert status == 200
    assert '<p class="muted" id="no-form">还没有填写信息表。</p>' in page
    assert '<p id="texted-from">发短信用的号码：138****8041</p>' in page
    assert "13800138041" not in page and "查看完整手机号" in page
    status, page, _ = await b.post(f"/console/people/{asked.person_id}/reveal", {"what": "phone"})
    assert status == 200 and '<span class="reveal" id="revealed">13800138041</span>' in page
    async with app[keys.SESSIONS]() as session:
        audited = list(await session.scalars(select(AuditLog.action).where(AuditLog.action == "reveal_phone")))
    assert audited == ["reveal_phone"]
    # Someone with a form is shown their form's phone, never a second line for the number they text from.
    _, page = await b.get(f"/console/people/{world.people['a'].person_id}")
    assert 'id="texted-from"' not in page and 'id="no-form"' not in page

    # care15: what is known of someone who only chatted on WeChat.
    await say(app, "wechat", OPENID, event="subscribe")
    await say(app, "wechat", OPENID, "1")  # agrees to the notice; asked their name
    asked = await say(app, "wechat", OPENID, "找人工")
    status, page = await b.get(f"/console/people/{asked.person_id}")
    assert status == 200 and 'id="no-form"' in page
    about = _about(page)
    assert about == {
        "隐私说明": "已同意(2026-11版，11月26日 10:00)",
        "怎么联系": "微信：最近来信11月26日 10:00，11月28日 10:00前可以直接回复",
        "消息": "本人发来3条，发给本人3条",
        "填表进度": "停在「姓名」",
        "失业登记": "没有",
    }, about
    # Nobody's name to type for the erasure: 删除 alone (it said 「删除」或「删除」).
    assert "确认请输入「删除」" in page and "「删除」或「删除」" not in page
    # One who stopped messages says so.
    await say(app, "wechat", OPENID, "退订")
    assert "已退订" in _about((await b.get(f"/console/people/{asked.person_id}"))[1])["怎么联系"]

    # A guard: the world's laborer A (form, registration, WeChat conversation) shows the same facts, no numbers.
    a = world.people["a"]
    status, page = await b.get(f"/console/people/{a.person_id}")
    assert status == 200
    assert _about(page)["失业登记"] == f"R{a.registration_id} 待受理"
    assert a.phone.removeprefix("+86") not in page and a.id_number not in page
