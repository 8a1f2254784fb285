"""Two people's conversations never read each other (issue 10): for every pair of channels (WeChat, SMS, and the
simulator playing either), with the same address written on both sides and the same message id, through retries
of each message, and with a linking attempt between them."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.settings import Settings
from dialogs.i18n import catalog
from storage.models import ChannelAccount, InboundMessage, OutboxMessage, Person
from tests.fakes.identity import make_id
from tests.people import registered_on_wechat
from tests.wechat.callback import parse, signed_query, text

SMS_TOKEN = "cross-person-sms-token"
CHANNELS = ["wechat", "sms", "simulator-wechat", "simulator-sms"]


def _text(key: str, locale: str, kind: str) -> str:
    return catalog(locale).get(key, "sms" if kind.endswith("sms") else "wechat")


class Channel:
    """Sends as a person on one channel and reads back what that person got."""

    def __init__(self, client: Any, kind: str, address: str) -> None:
        self.client, self.kind, self.address = client, kind, address

    async def say(self, words: str, message_id: str) -> tuple[str, ...]:
        if self.kind == "wechat":
            resp = await self.client.post("/wechat", params=signed_query(), data=text(self.address, words, message_id),
                                          headers={"Content-Type": "text/xml"})
            assert resp.status == 200
            content = parse(await resp.text())["Content"]
            return tuple(content.split("\n\n"))
        if self.kind == "sms":
            resp = await self.client.get("/sms/kannel", params={
                "token": SMS_TOKEN, "from": self.address, "to": "10690000", "text": words, "coding": "0",
                "charset": "UTF-8", "id": message_id, "ts": "1795688014"})
            assert resp.status == 200
            return await self._queued_replies()
        channel = self.kind.split("-", 1)[1]
        # The simulator has no message ids: a retry is the same words again, a new message each time.
        resp = await self.client.post("/simulator/messages", json={"user": self.address, "channel": channel,
                                                                   "text": words})
        assert resp.status == 200
        return tuple((await resp.json())["replies"])

    async def _queued_replies(self) -> tuple[str, ...]:
        """SMS replies leave through the outbox: the replies to this number's latest message."""
        app = self.client.server.app
        cipher = app[keys.CIPHER]
        async with app[keys.SESSIONS]() as session:
            person = (await session.scalars(select(ChannelAccount.person_id).where(
                ChannelAccount.channel == "sms",
                ChannelAccount.address_hash == cipher.blind_index("sms", self.address)))).one()
            latest = (await session.scalars(select(InboundMessage.id).where(InboundMessage.person_id == person)
                                            .order_by(InboundMessage.id.desc()).limit(1))).one()
            bodies = await session.scalars(select(OutboxMessage.body_enc).where(OutboxMessage.inbound_id == latest)
                                           .order_by(OutboxMessage.id))
            return tuple(cipher.decrypt(b) for b in bodies)


@pytest.fixture
async def every_channel(make_client: Any, settings: Settings) -> Any:
    return await make_client(settings.replace(sms_inbound_token=SMS_TOKEN, simulator=True))


@pytest.mark.parametrize(("first", "second"), list(itertools.product(CHANNELS, CHANNELS)))
async def test_two_people_never_read_each_others_conversation(every_channel: Any, first: str, second: str) -> None:
    # The same address string on both sides (an openid may be any string), unless one channel holds both.
    a_address = "+8613900000077"
    b_address = "+8613900000078" if first == second else a_address
    a = Channel(every_channel, first, a_address)
    b = Channel(every_channel, second, b_address)
    message_id = "555"  # the same message id on both sides

    a_first = await a.say("english", message_id)
    assert _text("common.language_set", "en", first) in a_first[0]
    b_first = await b.say("帮助", message_id)
    # B's own answer, in B's language: nothing of A's message, state or stored reply.
    b_text = " ".join(b_first)
    assert _text("common.language_set", "en", first) not in b_text
    assert _text("common.help", "en", second) not in b_text and _text("common.help", "zh_CN", second) in b_text
    # Retries of each message: each is answered with its own first reply.
    assert await a.say("english", message_id) == a_first
    assert await b.say("帮助", message_id) == b_first
    # A's conversation is still A's: English help.
    assert _text("common.help", "en", first) in " ".join(await a.say("help", "556"))
    async with every_channel.server.app[keys.SESSIONS]() as session:
        assert len(list(await session.scalars(select(Person.id)))) == 2


async def test_a_number_on_someone_elses_form_links_only_with_their_id(every_channel: Any) -> None:
    """Linking is the one way two records become one: never for the simulator, never without the ID."""
    app = every_channel.server.app
    id_number = make_id(seq=77)
    owner = await registered_on_wechat(app, "o-owner-77", "+8613900000079", id_number)
    wrong = "0000" if id_number[-4:] != "0000" else "1111"
    simulator = Channel(every_channel, "simulator-sms", "13900000079")
    assert not any("身份证" in reply for reply in await simulator.say("你好", ""))
    stranger = Channel(every_channel, "sms", "+8613900000079")
    asked = await stranger.say("你好", uuid.uuid4().hex)
    assert asked == (catalog("zh_CN").get("link.ask", "sms"),)
    await stranger.say(wrong, uuid.uuid4().hex)
    async with app[keys.SESSIONS]() as session:
        accounts = {(a.channel, a.person_id) for a in await session.scalars(select(ChannelAccount))}
    assert ("sms", owner) not in accounts  # a wrong answer never joins the number to the owner
