"""Someone who texted 人工 before any survey: the console's page for them had an empty form card and no way to
the number to call (only the chat's `电话 A4` gave it). Now it says there is no form yet, shows the phone they
text from masked, and reveals it in full through the audited reveal, like a form's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import Alert, AuditLog
from tests.console.world import World
from tests.people import say


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
