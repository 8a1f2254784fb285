"""WeCom (企业微信) group robots: one text message to a robot's webhook, @-mentioning caseworkers by phone.

The webhook URL carries the robot's key, its only credential: it is never logged, and no error message here
quotes it (aiohttp's exceptions can: only their type names are kept).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum

import aiohttp

# Text content is limited to 2,048 bytes (UTF-8); a robot takes 20 messages a minute.
MAX_CONTENT_BYTES = 2048
PER_MINUTE = 20
# What a robot answers past its limit: 45009 (api freq out of limit); 130101 was seen from some versions.
RATE_LIMITED = frozenset({45009, 130101})


class RobotOutcome(Enum):
    SENT = "sent"
    RATE_LIMITED = "rate_limited"  # try the same robot again in a minute
    FAILED = "failed"  # this robot cannot take it now: fall back to another channel


@dataclass(frozen=True, slots=True)
class RobotResult:
    outcome: RobotOutcome
    error: str | None = None


def fit(content: str) -> str:
    """The content cut to what a robot accepts (whole characters, an ellipsis when cut)."""
    data = content.encode()
    if len(data) <= MAX_CONTENT_BYTES:
        return content
    return data[: MAX_CONTENT_BYTES - 3].decode(errors="ignore") + "…"


def mobile(phone: str) -> str:
    """WeCom mentions mainland mobiles as 11 digits."""
    return phone[3:] if phone.startswith("+86") else phone


class WeComRobot:
    def __init__(self, http: aiohttp.ClientSession, *, timeout: float = 5.0) -> None:
        self._http = http
        self._timeout = aiohttp.ClientTimeout(total=timeout, connect=min(3.0, timeout / 2))

    async def send_text(self, webhook: str, content: str, mentioned_phones: list[str]) -> RobotResult:
        payload = {
            "msgtype": "text",
            "text": {"content": fit(content), "mentioned_mobile_list": [mobile(p) for p in mentioned_phones]},
        }
        try:
            async with self._http.post(webhook, json=payload, timeout=self._timeout) as resp:
                status = resp.status
                body = await resp.read()
        except (TimeoutError, aiohttp.ClientError) as exc:
            return RobotResult(RobotOutcome.FAILED, f"wecom: {type(exc).__name__}")
        if status != 200:
            return RobotResult(RobotOutcome.FAILED, f"wecom: HTTP {status}")
        try:
            answer = json.loads(body)
            errcode = int(answer.get("errcode", -1))
        except (ValueError, TypeError, AttributeError):
            return RobotResult(RobotOutcome.FAILED, "wecom: answer is not JSON")
        if errcode == 0:
            return RobotResult(RobotOutcome.SENT)
        if errcode in RATE_LIMITED:
            return RobotResult(RobotOutcome.RATE_LIMITED, f"wecom: errcode {errcode}")
        return RobotResult(RobotOutcome.FAILED, f"wecom: errcode {errcode}")
