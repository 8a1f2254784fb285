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


async def test_an_sms_user_is_one_phone_however_the_number_is_written(client: Any) -> None:
    first = await say(client, "139 0000 0001", "菜单", channel="sms")
    assert first["awaiting"] == "menu"
    # The same phone as Kannel would hand it over: the menu is still open for this person.
    second = await say(client, "+8613900000001", "1", channel="sms")
    assert second["awaiting"] == "consent"
    # Not a phone number: taken as written, a different person (whose menu is not open).
    other = await say(client, "sim-user-sms", "1", channel="sms")
    assert other["awaiting"] != "consent"
