"""The inbox left open on a phone: an alert read meanwhile (from another tab, from the chat's 联系 A4, or by
acting on its case) and then 已读 pressed on the stale page answered the 404 "not found" page. It is mine: the
inbox comes back, saying it is read."""

from __future__ import annotations

from typing import Any

from tests.console.world import World


async def test_marking_an_alert_read_twice_returns_to_the_inbox(console: Any, world: World, signed_in: Any) -> None:
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    await b.get("/console/")
    alert = a.alert_ids[0]
    assert (await b.post(f"/console/alerts/{alert}/ack"))[:3:2] == (303, "/console/?done=1#alerts")
    status, _, location = await b.post(f"/console/alerts/{alert}/ack")  # the stale page's button
    assert (status, location) == (303, "/console/?done=1#alerts")
    # Someone else's alert is still no business of mine: the same 404 as one that does not exist.
    status, _, _ = await b.post(f"/console/alerts/{world.people['b'].alert_ids[0]}/ack")
    assert status == 404
