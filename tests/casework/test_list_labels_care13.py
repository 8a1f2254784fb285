"""care13: the caseworker's 列表 named a rights case by the alert's bare issue ("C1 没交社保", "C2 权益问题"),
which reads as the laborer's own failing and does not say it is a rights case. Each kind now reads as one
(维权(单位没交社保)), on WeChat and by SMS, and the list shows no more of the person than the masked name and phone."""

from __future__ import annotations

from typing import Any

import pytest

from bot import keys
from bot.casework import open_rights_cases
from bot.casework.chat import _rights_what
from dialogs.i18n import catalog
from tests.casework.files import NOW
from tests.casework.test_caseworker_chat import OPENID, _world
from tests.people import say


@pytest.mark.parametrize(("issue", "wechat", "sms"), [
    ("wage_arrears", "维权(拖欠工资)", "维权欠薪"), ("no_contract", "维权(单位没签劳动合同)", "维权无合同"),
    ("no_social_insurance", "维权(单位没交社保)", "维权无社保"), ("other", "维权(其他权益问题)", "维权"),
])
def test_every_rights_kind_reads_as_a_rights_case(issue: str, wechat: str, sms: str) -> None:
    zh = catalog("zh_CN")
    assert (_rights_what(zh, [issue], "wechat"), _rights_what(zh, [issue], "sms")) == (wechat, sms)


async def test_a_rights_case_of_several_issues_lists_them_all_and_nothing_unmasked_is_shown(client: Any) -> None:
    """One report of several problems is one rights case (bot/casework/cases.py): the list names every problem."""
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        [opened] = await open_rights_cases(session, app[keys.CIPHER], person_id=w["person"],
                                           issues=["wage_arrears", "no_contract", "no_social_insurance", "other"],
                                           now=NOW)
    ref = f"C{opened.case_id}"
    wechat = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    assert f"{ref} 维权(拖欠工资、没签劳动合同、没交社保、权益问题) 11月28日 10:00前首次联系" in wechat, wechat
    sms = "\n".join((await say(app, "sms", "+8613900000002", "列表")).replies)
    assert f"{ref}维权:拖欠工资、没签劳动合同、没交社保、权益问题 11/28" in sms, sms
    for text in (wechat, sms):
        assert "王小红" not in text and "13800138000" not in text and "王*红" in text, text
