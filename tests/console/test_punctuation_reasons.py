"""A closing or returning reason of only punctuation ("。") was accepted by the console (the case closed "。", the
person told "需要补充: 。"); the chat's 结案 C3。 asks for a reason. Both now follow one rule."""

from __future__ import annotations

from typing import Any

import pytest

from bot import keys
from dialogs.flows.caseworker import parse
from storage.models import AssistanceCase, UnemploymentRegistration
from tests.console.world import World


@pytest.mark.parametrize("reason", ["。", " ，。！ ", "..."])
async def test_a_reason_of_punctuation_only_is_refused_on_the_case_page(
    console: Any, world: World, signed_in: Any, reason: str
) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    await b.get(f"/console/cases/{a.case_id}")
    # Refused, and back to the page that says why (console18: a 303, so that a reload never posts it again).
    status, page, _ = await b.post(f"/console/cases/{a.case_id}/close", {"reason": reason}, follow=True)
    assert status == 200 and "请填写结案原因" in page
    status, page, _ = await b.post(f"/console/cases/{a.case_id}/registration/reject",
                                   {"registration": str(a.registration_id), "reason": reason}, follow=True)
    assert status == 200 and "退回要写明原因" in page
    async with app[keys.SESSIONS]() as session:
        case = await session.get(AssistanceCase, a.case_id)
        registration = await session.get(UnemploymentRegistration, a.registration_id)
    assert case is not None and case.status == "open"
    assert registration is not None and registration.status == "submitted"


@pytest.mark.parametrize("said", ["结案 C3。", "结案 C3 ...", "退回 R3 ，。"])
def test_the_chat_reads_no_reason_in_the_same_words(said: str) -> None:
    command = parse(said)
    assert command is not None and command["reason"] == ""


async def test_a_reason_keeps_its_own_words_inside_the_punctuation(
    console: Any, world: World, signed_in: Any
) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    await b.get(f"/console/cases/{a.case_id}")
    status, _, _ = await b.post(f"/console/cases/{a.case_id}/close", {"reason": "。搬去外省了。"})
    assert status == 303
    async with app[keys.SESSIONS]() as session:
        case = await session.get(AssistanceCase, a.case_id)
    assert case is not None and case.close_reason == "搬去外省了"
