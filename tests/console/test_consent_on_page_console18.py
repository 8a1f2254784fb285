"""console18: the person page said 还没有同意(没有保存姓名、身份证号等信息) beside a saved form that holds the consent
it was given under (Person.consent_at unset: a form saved before the chat's consent effect, or written by an
import). Now the page reads both places and says one thing: the latest agreement, or a refusal made after it."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from bot import keys
from storage.models import Person
from tests.console.world import World


def _consent(page: str) -> str:
    block = page.split('<dl class="fields" id="about">', 1)[1].split("</dl>", 1)[0]
    return dict(re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block))["隐私说明"]


async def test_the_consent_on_the_form_is_the_consent_on_the_page(console: Any, world: World,
                                                                  signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    # The world's forms were saved with consent (2026-11); the person rows have none of their own.
    _, page = await b.get(f"/console/people/{a.person_id}")
    assert _consent(page) == "已同意(2026-11版，11月26日 10:00)", _consent(page)
    assert "还没有同意" not in page

    # Agreed again later in the chat (a newer notice): the newer agreement is the one shown.
    now = app[keys.CLOCK].now()
    async with app[keys.SESSIONS]() as session, session.begin():
        person = await session.get(Person, a.person_id)
        assert person is not None
        person.consent_at, person.consent_version = now + timedelta(days=1), "2026-12"
    _, page = await b.get(f"/console/people/{a.person_id}")
    assert _consent(page) == "已同意(2026-12版，11月27日 10:00)"

    # Refused after agreeing: said as a refusal, not as an agreement nor as "not yet".
    async with app[keys.SESSIONS]() as session, session.begin():
        person = await session.get(Person, a.person_id)
        assert person is not None
        person.consent_at, person.consent_refused_at = None, now + timedelta(days=2)
    _, page = await b.get(f"/console/people/{a.person_id}")
    assert _consent(page).startswith("11月28日 10:00拒绝了")
