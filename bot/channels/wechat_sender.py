"""WeChat delivery for the outbox: text goes out as a service message; API outcomes become SendResults."""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.delivery import OutgoingMessage, SendResult, SendStatus
from bot.wechat_api import ErrorCode, Failure, WeChatApi, WeChatApiError
from storage.models import ChannelAccount
from storage.outage import is_outage

log = logging.getLogger(__name__)

# Seconds to wait after a quota error: the daily quota resets at midnight, the frequency limit soon.
QUOTA_RETRY_AFTER: dict[int, float] = {ErrorCode.DAILY_QUOTA: 3600.0, ErrorCode.FREQUENCY_LIMIT: 60.0}


class WeChatSender:
    """Sender for channel "wechat" (see bot.delivery.Sender). Never raises for API errors."""

    channel = "wechat"

    def __init__(self, api: WeChatApi, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._api = api
        self._sessions = sessions
        self._clock = clock

    async def send(self, message: OutgoingMessage) -> SendResult:
        try:
            result = await self._api.send_text(message.address, message.text)
        except WeChatApiError as err:
            return await self._failed(message, err)
        except Exception as exc:
            if not is_outage(exc):
                raise  # a bug: the worker records the send as failed and logs it
            # The shared token lives in the database: if it cannot be read or stored, nothing was sent.
            return SendResult(SendStatus.RETRY, f"access token unavailable: {type(exc).__name__}")
        return SendResult(SendStatus.SENT, external_id=result.msgid)

    async def _failed(self, message: OutgoingMessage, err: WeChatApiError) -> SendResult:
        if err.failure is Failure.QUOTA:
            delay = QUOTA_RETRY_AFTER.get(err.errcode or 0, 600.0)
            return SendResult(SendStatus.RETRY, err.reason, retry_after=delay)
        if err.failure is Failure.WINDOW:
            # Outside the 48-hour window (or too many messages in it): WeChat cannot carry this one.
            return SendResult(SendStatus.UNREACHABLE, err.reason)
        if err.failure is Failure.UNSUBSCRIBED:
            await self._record_unsubscribed(message.person_id)
            return SendResult(SendStatus.UNREACHABLE, err.reason)
        if err.failure is Failure.UNKNOWN:
            return SendResult(SendStatus.FAILED, f"outcome unknown, not retried: {err.reason}")
        if err.failure in (Failure.TRANSIENT, Failure.TOKEN):
            # No retry_after: the worker's backoff applies.
            return SendResult(SendStatus.RETRY, err.reason)
        return SendResult(SendStatus.FAILED, err.reason)

    async def _record_unsubscribed(self, person_id: int) -> None:
        """WeChat says the user left (the unsubscribe event may have been lost): stop sending there."""
        try:
            async with self._sessions() as session, session.begin():
                await session.execute(
                    update(ChannelAccount)
                    .where(ChannelAccount.person_id == person_id, ChannelAccount.channel == self.channel,
                           ChannelAccount.unsubscribed_at.is_(None))
                    .values(unsubscribed_at=self._clock.now())
                )
        except Exception as exc:
            # Best effort (the next send finds out again); an outage or not, the send's outcome stands.
            log.warning("could not record that person %d unsubscribed: %s%s", person_id, type(exc).__name__,
                        "" if is_outage(exc) else " (not an outage)")
