"""care13: the caseworker's 列表 named a rights case by the alert's bare issue ("C1 没交社保", "C2 权益问题"),
which reads as the laborer's own failing and does not say it is a rights case. Each kind now reads as one
(维权(单位没交社保)), on WeChat and by SMS, and the list shows no more of the person than the masked name and phone."""

from __future__ import annotations

from typing import Any

from bot import keys
from bot.casework import open_rights_cases
from tests.casework.files import NOW
from tests.casework.test_caseworker_chat import OPENID, _world
from tests.people import say


async def test_every_rights_kind_reads_as_a_rights_case_and_nothing_unmasked_is_shown(client: Any) -> None:
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        opened = await open_rights_cases(session, app[keys.CIPHER], person_id=w["person"],
                                         issues=["wage_arrears", "no_contract", "no_social_insurance", "other"],
                                         now=NOW)
    c = [f"C{o.case_id}" for o in opened]
    wechat = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    for ref, label in zip(c, ("维权(拖欠工资)", "维权(单位没签劳动合同)", "维权(单位没交社保)", "维权(其他权益问题)"),
                          strict=True):
        assert f"{ref} {label} 11月28日 10:00前首次联系" in wechat, wechat
    sms = "\n".join((await say(app, "sms", "+8613900000002", "列表")).replies)
    for ref, label in zip(c, ("维权欠薪", "维权无合同", "维权无社保", "维权"), strict=True):
        assert f"{ref}{label} 11/28" in sms, sms
    for text in (wechat, sms):
        assert "王小红" not in text and "13800138000" not in text and "王*红" in text, text
