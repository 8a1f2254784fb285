"""The simulator goes through the real dispatcher and database."""

from __future__ import annotations

from typing import Any


async def say(client: Any, user: str, text: str | None = None, event: str | None = None,
              channel: str = "wechat") -> dict[str, Any]:
    body: dict[str, Any] = {"user": user, "channel": channel}
    if event:
        body["event"] = event
    else:
        body["text"] = text
    resp = await client.post("/simulator/messages", json=body)
    assert resp.status == 200, await resp.text()
    data: dict[str, Any] = await resp.json()
    return data


async def test_subscribe_then_consent_then_name(client: Any) -> None:
    first = await say(client, "u1", event="subscribe")
    assert first["awaiting"] == "consent"
    assert "同意" in first["replies"][-1]
    second = await say(client, "u1", "1")
    assert second["awaiting"] == "name"
    third = await say(client, "u1", "王小明")
    assert third["awaiting"] == "id_number"
