"""An address under /console that is no page (a link cut short, `/console/case/3` typed for `/console/cases/3`)
answered aiohttp's bare English "404: Not Found", with no way back; it is the console's own not-found page now (in
Chinese, a link to the inbox), with the same status and security headers."""

from __future__ import annotations

from typing import Any

from tests.console.world import World


async def test_an_unknown_console_address_gets_the_consoles_page(console: Any, world: World, signed_in: Any) -> None:
    b = await signed_in("caseworker_a")
    for path in ("/console/case/3", "/console/nonexistent"):
        status, body, headers = await b.get_response(path)
        page = body.decode()
        assert status == 404 and "找不到这条记录" in page and 'href="/console/"' in page, (path, page[:80])
        assert "404: Not Found" not in page and headers["Cache-Control"] == "no-store"
