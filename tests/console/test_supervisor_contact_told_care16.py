"""The console side of tests/casework/test_supervisor_contact_told_care16.py: a contact a supervisor records on the
case page of a case below them is told to its owner (before, the owner heard nothing)."""

from __future__ import annotations

from typing import Any

from tests.casework.test_supervisor_contact_told_care16 import _told
from tests.console.world import World


async def test_a_contact_the_supervisor_records_on_the_console_is_told_to_the_owner(
        console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    supervisor = await signed_in("supervisor")
    await supervisor.get(f"/console/cases/{a.case_id}")
    status, _, _ = await supervisor.post(f"/console/cases/{a.case_id}/contact",
                                         {"kind": "contact", "channel": "phone", "note": "联系上了"})
    assert status == 303
    told = await _told(app, world.accounts["caseworker_a"])
    assert len(told) == 1 and told[0].startswith("【他人已联系】赵主管已联系您负责的 ") and f"C{a.case_id}" in told[0]
