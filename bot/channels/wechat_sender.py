"""WeChat delivery for the outbox. A reply goes out as a customer-service message. A push climbs the ladder
of what WeChat allows outside a conversation: a customer-service message inside the 48-hour window (at most
five in it), then a subscription notice (to a person who accepted the template), then a template message;
when none can carry it the worker falls back to SMS. Every try is returned with its error code."""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.delivery import WINDOW_MESSAGES, Attempt, OutgoingMessage, SendResult, SendStatus
from bot.wechat_api import ApiResult, ErrorCode, Failure, WeChatApi, WeChatApiError
from dialogs.i18n import CatalogError, catalog
from storage.models import ChannelAccount, WeChatSubscription
from storage.outage import is_outage

log = logging.getLogger(__name__)

# Seconds to wait after a quota error: the daily quota resets at midnight, the frequency limit soon.
QUOTA_RETRY_AFTER: dict[int, float] = {ErrorCode.DAILY_QUOTA: 3600.0, ErrorCode.FREQUENCY_LIMIT: 60.0}
# Subscription and template notices carry short fields, not the message: a title and a line (≤ 20 characters
# for `thing` fields), from the catalog by the push's topic. The person replies in the chat.
NOTICE_FIELD_CHARS = 20
# The usual outcome, made once (Attempt is frozen: shared safely).
_CUSTOM_SENT = Attempt("custom", "sent")
_CUSTOM_SENT_ONLY = (_CUSTOM_SENT,)


class WeChatSender:
    """Sender for channel "wechat" (see bot.delivery.Sender). Never raises for API errors."""

    channel = "wechat"

    def __init__(
        self, api: WeChatApi, sessions: async_sessionmaker[AsyncSession], clock: Clock, *,
        subscribe_template_id: str = "", template_id: str = "",
    ) -> None:
        self._api = api
        self._sessions = sessions
        self._clock = clock
        self._subscribe_template = subscribe_template_id
        self._template = template_id

    def reaches_outside_window(self, subscribed: frozenset[str]) -> bool:
        """Whether a push can reach a person whose 48-hour window is closed."""
        return bool(self._template) or bool(self._subscribe_template and self._subscribe_template in subscribed)

    async def send(self, message: OutgoingMessage) -> SendResult:
        if message.solicited:
            return await self._try_custom(message, ())
        attempts: tuple[Attempt, ...] = ()
        if message.window_open and message.window_sends < WINDOW_MESSAGES:
            result = await self._try_custom(message, attempts)
            if result.status is not SendStatus.UNREACHABLE or _unsubscribed(result):
                return result
            attempts = result.attempts
        if self._subscribe_template and self._subscribe_template in message.subscribed:
            result = await self._notice(message, attempts, "subscribe")
            if result.status is not SendStatus.UNREACHABLE or _unsubscribed(result):
                return result
            attempts = result.attempts
            if attempts[-1].errcode == ErrorCode.NOT_SUBSCRIBED:
                await self._record_unsubscribed_template(message.person_id)
        if self._template:
            result = await self._notice(message, attempts, "template")
            if result.status is not SendStatus.UNREACHABLE or _unsubscribed(result):
                return result
            attempts = result.attempts
        codes = ",".join(str(a.errcode) for a in attempts if a.errcode) or "none"
        return SendResult(SendStatus.UNREACHABLE, f"no way on WeChat outside the window (codes {codes})",
                          attempts=attempts)

    async def _try_custom(self, message: OutgoingMessage, attempts: tuple[Attempt, ...]) -> SendResult:
        try:
            result = await self._api.send_text(message.address, message.text)
        except WeChatApiError as err:
            return await self._failed(message, err, (*attempts, _attempt("custom", err)))
        except Exception as exc:
            if not is_outage(exc):
                raise  # a bug: the worker records the send as failed and logs it
            # The shared token lives in the database: if it cannot be read or stored, nothing was sent.
            return SendResult(SendStatus.RETRY, f"access token unavailable: {type(exc).__name__}", attempts=attempts)
        return SendResult(SendStatus.SENT, external_id=result.msgid, via="custom",
                          attempts=(*attempts, _CUSTOM_SENT) if attempts else _CUSTOM_SENT_ONLY)

    async def _notice(self, message: OutgoingMessage, attempts: tuple[Attempt, ...], method: str) -> SendResult:
        data = self._notice_data(message)
        try:
            result: ApiResult
            if method == "subscribe":
                result = await self._api.send_subscribe(message.address, self._subscribe_template, data)
            else:
                result = await self._api.send_template(message.address, self._template, data)
        except WeChatApiError as err:
            return await self._failed(message, err, (*attempts, _attempt(method, err)))
        except Exception as exc:
            if not is_outage(exc):
                raise
            return SendResult(SendStatus.RETRY, f"access token unavailable: {type(exc).__name__}", attempts=attempts)
        return SendResult(SendStatus.SENT, external_id=result.msgid, via=method,
                          attempts=(*attempts, Attempt(method, "sent")))

    def _notice_data(self, message: OutgoingMessage) -> dict[str, str]:
        """`thing1`: the title, `thing2`: what to do (the templates registered for the account use these)."""
        cat = catalog(message.locale)
        topic = message.topic or "default"
        try:
            title, line = cat.get(f"push.title.{topic}"), cat.get(f"push.line.{topic}")
        except CatalogError:
            title, line = cat.get("push.title.default"), cat.get("push.line.default")
        return {"thing1": title[:NOTICE_FIELD_CHARS], "thing2": line[:NOTICE_FIELD_CHARS]}

    async def _failed(self, message: OutgoingMessage, err: WeChatApiError, attempts: tuple[Attempt, ...]
                      ) -> SendResult:
        if err.failure is Failure.QUOTA:
            delay = QUOTA_RETRY_AFTER.get(err.errcode or 0, 600.0)
            return SendResult(SendStatus.RETRY, err.reason, retry_after=delay, attempts=attempts)
        if err.failure is Failure.WINDOW:
            # Outside the window, too many in it, no subscription, too often: WeChat cannot carry it this way.
            return SendResult(SendStatus.UNREACHABLE, err.reason, attempts=attempts)
        if err.failure is Failure.UNSUBSCRIBED:
            await self._record_unsubscribed(message.person_id)
            return SendResult(SendStatus.UNREACHABLE, err.reason, attempts=attempts)
        if err.failure is Failure.UNKNOWN:
            return SendResult(SendStatus.FAILED, f"outcome unknown, not retried: {err.reason}", attempts=attempts)
        if err.failure in (Failure.TRANSIENT, Failure.TOKEN):
            # No retry_after: the worker's backoff applies.
            return SendResult(SendStatus.RETRY, err.reason, attempts=attempts)
        return SendResult(SendStatus.FAILED, err.reason, attempts=attempts)

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

    async def _record_unsubscribed_template(self, person_id: int) -> None:
        """43101: the subscription is gone (cancelled, or a one-time one used): stop trying it."""
        try:
            async with self._sessions() as session, session.begin():
                await session.execute(
                    update(WeChatSubscription)
                    .where(WeChatSubscription.person_id == person_id,
                           WeChatSubscription.template_id == self._subscribe_template)
                    .values(status="reject", updated_at=self._clock.now())
                )
        except Exception as exc:
            log.warning("could not record that person %d's subscription lapsed: %s%s", person_id,
                        type(exc).__name__, "" if is_outage(exc) else " (not an outage)")


def _attempt(method: str, err: WeChatApiError) -> Attempt:
    return Attempt(method, "refused" if err.errcode is not None else "error", err.errcode)


def _unsubscribed(result: SendResult) -> bool:
    return bool(result.attempts) and result.attempts[-1].errcode == ErrorCode.USER_UNSUBSCRIBED
