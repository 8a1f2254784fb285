"""Someone on the roster who has never written (no person yet): searching their name or ID number said "找到 0
人", as if the county did not know them. They are found now, marked as on the roster and not yet surveyed, within
the viewer's divisions only."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot import keys
from storage.models import RosterEntry
from tests.console.world import A, C, World
from tests.fakes.identity import make_id


async def test_someone_only_on_the_roster_is_found_in_scope(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    cipher, now = app[keys.CIPHER], app[keys.CLOCK].now()
    mine, theirs = make_id("520526", date(1966, 3, 4), 31), make_id("520502", date(1966, 3, 4), 32)
    async with app[keys.SESSIONS]() as session, session.begin():
        for name, id_number, division in (("欧阳老五", mine, A), ("欧阳老六", theirs, C)):
            session.add(RosterEntry(name=name, id_number_enc=cipher.encrypt(id_number),
                                    id_number_hash=cipher.blind_index("id_number", id_number),
                                    home_division=division, imported_at=now))
    b = await signed_in("caseworker_a")
    for query in ("欧阳", mine):
        _, page = await b.get("/console/people", params={"q": query})
        assert "找到 1 人" in page, query
        assert ('<li class="roster-only"><span class="main">欧阳老五 <span class="muted">威宁彝族回族苗族自治县草海镇'
                '</span></span><span class="muted">花名册中有，还没有调查(本人还没发过消息)</span></li>') in page
        assert "欧阳老六" not in page
    _, page = await b.get("/console/people", params={"q": theirs})
    assert "找到 0 人" in page and "欧阳老六" not in page
