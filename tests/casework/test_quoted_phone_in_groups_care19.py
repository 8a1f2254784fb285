"""A phone number typed in groups is masked where an alert quotes the laborer (【本人回复】, 找人工, a rights report's
details). Before, only an unbroken run of digits was: "我新号138 0013 8019" reached the caseworker's group chat and SMS
whole (seen while testing an SMS reply to a caseworker)."""

from __future__ import annotations

import pytest

from bot.casework.alerts import quoted


@pytest.mark.parametrize(("said", "shown"), [
    ("在家 我新号138 0013 8019", "在家 我新号138****8019"),
    ("138-0013-8019", "138****8019"),
    ("+86 138 0013 8019 找我", "+86138****8019 找我"),
    # As before (guards): an unbroken number, one already masked, amounts and times.
    ("13800138019", "138****8019"),
    ("电话 138****8019", "电话 138****8019"),
    ("欠了5000 下午3点 2024 1125", "欠了5000 下午3点 2024 1125"),
])
def test_a_phone_in_groups_is_masked(said: str, shown: str) -> None:
    assert quoted(said) == shown
