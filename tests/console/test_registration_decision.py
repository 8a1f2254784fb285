"""An unemployment registration submitted in the chat is accepted, or returned with a reason, from its case's page
(before, only the chat's 受理 R3 / 退回 R3 could: the console showed the registration nowhere). The person is told
either way; a stale page posting again changes nothing and says so."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import AuditLog, OutboxMessage, UnemploymentRegistration
from tests.console.world import World


async def _told(app: Any, person_id: int) -> list[str]:
    """What the person was sent about a registration (queued, or sent already by the outbox worker)."""
    async with app[keys.SESSIONS]() as session:
        bodies = await session.scalars(select(OutboxMessage.body_enc).where(
            OutboxMessage.person_id == person_id).order_by(OutboxMessage.id))
        texts = [app[keys.CIPHER].decrypt(body) for body in bodies]
    return [text for text in texts if text.startswith("您的失业登记")]


async def _registration(app: Any, registration_id: int) -> UnemploymentRegistration:
    async with app[keys.SESSIONS]() as session:
        found = await session.get(UnemploymentRegistration, registration_id)
        assert found is not None
        return found


async def test_a_caseworker_accepts_a_registration_on_the_case_page(
    console: Any, world: World, signed_in: Any
) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    # The morning's list says which case has a registration waiting.
    _, inbox = await b.get("/console/")
    assert f'<span class="badge">失业登记 R{a.registration_id} 待受理</span>' in inbox
    status, page = await b.get(f"/console/cases/{a.case_id}")
    assert status == 200
    assert f"失业登记 R{a.registration_id}" in page and "待受理" in page
    assert f'action="/console/cases/{a.case_id}/registration/accept"' in page
    status, _, location = await b.post(f"/console/cases/{a.case_id}/registration/accept",
                                       {"registration": str(a.registration_id)})
    assert (status, location) == (303, f"/console/cases/{a.case_id}?done=registration_accepted#registration")
    decided = await _registration(app, a.registration_id)
    assert (decided.status, decided.decided_by) == ("accepted", world.accounts["caseworker_a"])
    assert await _told(app, a.person_id) == [
        f"您的失业登记 (R{a.registration_id}) 已受理。请拨打12333, 或带上身份证到当地人社窗口办完手续。"]
    _, page = await b.get(location)
    assert "失业登记已受理，已告知本人。" in page and "已受理" in page
    assert f"失业登记 R{a.registration_id} 已受理：李书记</span>" in page  # in the case's timeline
    assert "待受理" not in (await b.get("/console/"))[1]
    assert '/registration/accept"' not in page  # decided: no buttons left
    async with app[keys.SESSIONS]() as session:
        actions = list(await session.scalars(select(AuditLog.action).where(AuditLog.action.like("registration_%"))))
    assert actions == ["registration_accepted"]
    # The same page posted again (a second tab, a reload of the form): nothing changes, and it says why.
    status, page, _ = await b.post(f"/console/cases/{a.case_id}/registration/reject",
                                   {"registration": str(a.registration_id), "reason": "缺离职证明"}, follow=True)
    assert status == 200 and f"失业登记 R{a.registration_id} 已受理，没有再改。" in page
    assert (await _registration(app, a.registration_id)).status == "accepted"
    assert len(await _told(app, a.person_id)) == 1


async def test_returning_a_registration_needs_a_reason_and_the_person_is_told_it(
    console: Any, world: World, signed_in: Any
) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    await b.get(f"/console/cases/{a.case_id}")
    status, page, _ = await b.post(f"/console/cases/{a.case_id}/registration/reject",
                                   {"registration": str(a.registration_id), "reason": "  "}, follow=True)
    assert status == 200 and "退回要写明原因" in page
    assert (await _registration(app, a.registration_id)).status == "submitted"
    assert await _told(app, a.person_id) == []
    status, _, _ = await b.post(f"/console/cases/{a.case_id}/registration/reject",
                                {"registration": str(a.registration_id), "reason": "最后上班日不对, 请带离职证明"})
    assert status == 303
    decided = await _registration(app, a.registration_id)
    assert (decided.status, decided.decision_note) == ("rejected", "最后上班日不对, 请带离职证明")
    assert await _told(app, a.person_id) == [
        f"您的失业登记 (R{a.registration_id}) 需要补充: 最后上班日不对, 请带离职证明。"
        "补好后回复 重新提交, 在这里再交一次; 有疑问请回复 人工。"]
    _, page = await b.get(f"/console/cases/{a.case_id}")
    assert f"失业登记 R{a.registration_id} 已退回：李书记 最后上班日不对, 请带离职证明</span>" in page


async def test_another_persons_registration_cannot_be_decided_through_a_case(
    console: Any, world: World, signed_in: Any
) -> None:
    """The registration must be the case's person's and in scope: B's registration through A's case is a 404."""
    app = console.server.app
    a, other = world.people["a"], world.people["b"]
    b = await signed_in("supervisor")  # sees both A and B
    await b.get(f"/console/cases/{a.case_id}")
    status, _, _ = await b.post(f"/console/cases/{a.case_id}/registration/accept",
                                {"registration": str(other.registration_id)})
    assert status == 404
    assert (await _registration(app, other.registration_id)).status == "submitted"
