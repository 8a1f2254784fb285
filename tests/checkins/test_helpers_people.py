"""The population helper leaves the database as the service would: the next person the service creates (a new
user writing in) gets a fresh id, on PostgreSQL too, where explicit ids would not have moved the sequence."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot import keys
from storage.models import ChannelAccount, Person
from tests.casework.files import NOW
from tests.checkins.helpers import add_people
from tests.people import say


async def test_people_added_in_bulk_leave_room_for_the_next(app: Any) -> None:
    ids = await add_people(app, 3, recorded_at=NOW, channels=("wechat", "sms"))
    await say(app, "wechat", "oSomeoneNew0000000000001", "你好")
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 4
        newcomer = await session.scalar(select(Person.id).where(Person.id.not_in(ids)))
        accounts = await session.scalar(select(func.count()).select_from(ChannelAccount)
                                        .where(ChannelAccount.person_id.in_(ids)))
    assert newcomer is not None and newcomer > max(ids)
    assert accounts == 6
