"""The interface every conversation flow implements, and the registry the engine routes by."""

from __future__ import annotations

from typing import Protocol

from dialogs.types import Inbound, StepContext, StepResult


class Flow(Protocol):
    """A flow owns `state[name]`; `start` opens it, `handle` takes the person's next message."""

    name: str

    def start(self, r: StepResult, ctx: StepContext) -> None: ...

    def handle(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None: ...

    def resume(self, r: StepResult, ctx: StepContext) -> None:
        """Repeat the question the flow is waiting on (after help, or when a person comes back)."""
        ...

    def catalog_keys(self) -> set[str]: ...


def end_flow(r: StepResult) -> None:
    r.state["flow"] = None
    r.state["awaiting"] = None
