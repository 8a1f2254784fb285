"""The simulator goes through the real dispatcher and database."""

from __future__ import annotations

from typing import Any

from tests.survey.helpers import say


async def test_subscribe_then_consent_then_name(client: Any) -> None:
    first = await say(client, "u1", event="subscribe")
    assert first["awaiting"] == "consent"
    assert "同意" in first["replies"][-1]
    second = await say(client, "u1", "1")
    assert second["awaiting"] == "name"
    third = await say(client, "u1", "王小明")
    assert third["awaiting"] == "id_number"
