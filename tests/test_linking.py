"""Linking a new SMS number to the record it belongs to: the answers the confirmation can get.

The happy path with a WeChat registration and three wrong answers run end to end through Kannel
(tests/sms/test_kannel_e2e.py); lock order during the merge is tests/test_lock_order.py. Here, through the
dispatcher with the simulator's transport (both databases): a number that is only on the roster, declining,
an answer in the wrong shape, the whole ID number as the answer, and two records that the same last four
characters would match.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot import keys
from bot.roster import import_roster
from dialogs.i18n import catalog
from storage.models import ChannelAccount, EventLog, Person, RosterEntry
from tests.fakes.identity import make_id
from tests.people import registered_on_wechat, say

ZH = catalog("zh_CN")


def _zh(key: str, **values: Any) -> str:
    return ZH.get(key, "sms").format(**values)


async def _count(app: Any, model: Any, *where: Any) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_a_number_only_on_the_roster_gets_the_privacy_notice_first_and_the_survey_finds_its_entry(
    client: Any, tmp_path: Path
) -> None:
    app = client.server.app
    id_number = make_id(seq=401)
    roster = tmp_path / "roster.csv"
    roster.write_text(f"姓名,身份证号,手机号,户编号,户籍地\n李四,{id_number},13900000401,5205260401,520526\n",
                      encoding="utf-8")
    report = await import_roster(app[keys.SESSIONS], app[keys.CIPHER], roster, now=datetime(2026, 11, 1, tzinfo=UTC))
    assert report.added == 1

    # Nobody registered with this number: no identity question before consent, and no roster data used.
    first = await say(app, "sms", "+8613900000401", "我要登记")
    assert first.awaiting == "consent" and _zh("link.ask") not in first.replies
    await say(app, "sms", "+8613900000401", "1")
    await say(app, "sms", "+8613900000401", "李四")
    found = await say(app, "sms", "+8613900000401", id_number)
    assert _zh("survey.roster.found") in " ".join(found.replies)
    async with app[keys.SESSIONS]() as session:
        entry = (await session.scalars(select(RosterEntry))).one()
    assert entry.person_id == first.person_id  # the roster entry is now this person's
    assert await _count(app, Person) == 1


async def test_declining_keeps_the_number_apart_and_is_not_asked_again(client: Any) -> None:
    app = client.server.app
    registered = await registered_on_wechat(app, "openid-decline", "+8613900000402", make_id(seq=402))
    asked = await say(app, "sms", "+8613900000402", "你好")
    assert asked.replies == (_zh("link.ask"),)
    declined = await say(app, "sms", "+8613900000402", "不是我")
    assert declined.replies == (_zh("link.declined"),) and declined.awaiting is None
    assert declined.person_id != registered
    after = await say(app, "sms", "+8613900000402", "你好")
    assert _zh("link.ask") not in after.replies  # only a brand-new number is offered linking
    assert await _count(app, Person) == 2
    assert await _count(app, EventLog, EventLog.kind == "link_declined") == 1
    assert await _count(app, EventLog, EventLog.kind == "linked") == 0


async def test_not_remembering_the_id_number_keeps_the_number_apart_kindly(client: Any) -> None:
    # "我忘了" was asked for the last four again and again, with no way on but "0".
    app = client.server.app
    registered = await registered_on_wechat(app, "openid-forgot", "+8613900000405", make_id(seq=405))
    await say(app, "sms", "+8613900000405", "你好")
    forgot = await say(app, "sms", "+8613900000405", "记不清了 身份证没带")
    assert forgot.replies == (_zh("link.cannot_say"),) and forgot.awaiting is None
    assert forgot.person_id != registered
    assert await _count(app, EventLog, EventLog.kind == "link_declined") == 1


async def test_an_answer_of_the_wrong_shape_is_asked_again_and_the_whole_id_answers_too(client: Any) -> None:
    app = client.server.app
    id_number = make_id(seq=403)
    registered = await registered_on_wechat(app, "openid-shape", "+8613900000403", id_number)
    await say(app, "sms", "+8613900000403", "你好")
    for shapeless in ("12", "是的", "12345"):
        again = await say(app, "sms", "+8613900000403", shapeless)
        assert again.replies == (_zh("link.bad_format"),) and again.awaiting == "link_id4"
    # Not counted as wrong answers: the full ID number (spaces and all) still links.
    spaced = " ".join(id_number[i:i + 6] for i in range(0, 18, 6))
    done = await say(app, "sms", "+8613900000403", spaced)
    assert done.person_id == registered and done.replies[0].startswith(_zh("link.done"))
    assert await _count(app, EventLog, EventLog.kind == "link_failed") == 0
    assert await _count(app, Person) == 1


async def test_two_records_the_same_last_four_would_match_are_not_linked(client: Any) -> None:
    app = client.server.app
    first = make_id(born=date(1990, 3, 15), seq=404)
    # Another valid ID number ending in the same four characters (a family sharing one phone).
    second = next(
        candidate for day in range(1, 400)
        if (candidate := make_id(born=date(1990, 3, 15) + timedelta(days=day), seq=404))[-4:] == first[-4:]
    )
    one = await registered_on_wechat(app, "openid-family-1", "+8613900000404", first)
    two = await registered_on_wechat(app, "openid-family-2", "+8613900000404", second)
    await say(app, "sms", "+8613900000404", "你好")
    answer = await say(app, "sms", "+8613900000404", first[-4:])
    assert answer.replies == (_zh("link.unavailable"),)
    assert answer.person_id not in (one, two) and answer.awaiting is None
    assert await _count(app, Person) == 3
    async with app[keys.SESSIONS]() as session:
        sms = (await session.scalars(select(ChannelAccount).where(ChannelAccount.channel == "sms"))).one()
    assert sms.person_id == answer.person_id  # the number stays with its own person
