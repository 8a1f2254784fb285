"""What happens when no flow is open: a number picks from the menu, anything else shows it."""

from __future__ import annotations

from collections.abc import Callable

from dialogs.types import Inbound, StepContext, StepResult


def handle_idle(
    r: StepResult,
    inbound: Inbound,
    ctx: StepContext,
    *,
    start: Callable[[str], None],
    show_menu: Callable[[], None],
) -> None:
    r.say("common.not_understood")
    show_menu()
