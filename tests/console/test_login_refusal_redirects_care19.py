"""A refused sign-in sends the login page back by POST-redirect-GET. Before, the POST itself rendered the page (401):
reloading it posted the phone and password again (the browser asks to resend the form), and each reload counted as
one more failure towards the lock. Now the answer is 303 to /console/login?error=refused, the page the console was
going to kept (next), and a reload shows the message again without posting anything."""

from __future__ import annotations

from typing import Any

from tests.console.conftest import Browser
from tests.console.world import PASSWORD, PHONES, World


async def test_a_refused_sign_in_is_sent_back_and_keeps_where_it_was_going(
        console: Any, world: World, browser: Any) -> None:
    b: Browser = browser()
    await b.get("/console/login?next=/console/cases/1")
    status, _, location = await b.post("/console/login", {"phone": PHONES["admin"], "password": "wrong 1",
                                                          "next": "/console/cases/1"})
    assert (status, location) == (303, "/console/login?error=refused&next=%2Fconsole%2Fcases%2F1")
    for _ in range(2):  # a reload is a GET: the same page, nothing posted
        status, page = await b.get(location)
        assert status == 200 and "手机号或密码不对" in page and 'value="/console/cases/1"' in page
    status, _, location = await b.post("/console/login", {"phone": PHONES["admin"], "password": PASSWORD,
                                                          "next": "/console/cases/1"})
    assert (status, location) == (303, "/console/cases/1")
    # Reached without an error in the address: no message.
    status, page = await browser().get("/console/login?error=nonsense")
    assert status == 200 and "手机号或密码不对" not in page
