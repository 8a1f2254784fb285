"""A channel sender that records what it was asked to deliver and answers as told (for worker tests)."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass, field

from bot.delivery import OutgoingMessage, SendResult, SendStatus


@dataclass
class RecordingSender:
    channel: str = "wechat"
    sent: list[OutgoingMessage] = field(default_factory=list)
    script: deque[SendResult] = field(default_factory=deque)
    delivered: asyncio.Event = field(default_factory=asyncio.Event)
    raises: int = 0  # the next `raises` sends raise, as a sender with a bug would
    gate: asyncio.Event | None = None  # when given, every send waits for it (a slow gateway)
    entered: asyncio.Event = field(default_factory=asyncio.Event)  # a send has begun

    async def send(self, message: OutgoingMessage) -> SendResult:
        self.entered.set()
        if self.gate is not None:
            await self.gate.wait()
        if self.raises:
            self.raises -= 1
            raise RuntimeError("a bug in the sender")
        result = self.script.popleft() if self.script else SendResult(SendStatus.SENT, external_id="ok")
        if result.status is SendStatus.SENT:
            self.sent.append(message)
            self.delivered.set()
        return result
