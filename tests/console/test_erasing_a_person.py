"""Erasing a person's data when they withdraw consent (PIPL art. 47): before, the caseworker got a 【删除信息】 alert
but nothing in the product could delete (no button, no command). Now a supervisor erases them on the person's page,
within their region, after typing a confirmation; a caseworker and an out-of-region supervisor cannot. Afterwards
no table holds anything that decrypts to the person's name, ID number, phone or openid (nor their blind indexes)
except the kept unemployment registration; the same openid writing again is a new person at the notice; the
registration export still lists them, the case export names nobody; the audit log says who did it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework.cases import decide_registration
from bot.casework.export import load_records
from storage.models import (
    AssistanceCase,
    AuditLog,
    Base,
    CaseworkTask,
    Person,
    UnemploymentRegistration,
)
from tests.console.world import World
from tests.people import say


def _texts(value: Any, cipher: Any) -> list[str]:
    """A cell as text, and what it decrypts to when it is a sealed value."""
    if value is None or isinstance(value, bool | int | float):
        return []
    if isinstance(value, dict | list):
        return [json.dumps(value, ensure_ascii=False)]
    text = str(value)
    found = [text]
    try:
        found.append(cipher.decrypt(text))
    except Exception:
        pass
    return found


async def _holding(app: Any, secrets: list[str]) -> set[tuple[str, str]]:
    """(table, column) of every cell that holds or decrypts to one of the secrets."""
    cipher = app[keys.CIPHER]
    found = set()
    async with app[keys.SESSIONS]() as session:
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).mappings():
                for column, value in row.items():
                    if any(secret in text for text in _texts(value, cipher) for secret in secrets):
                        found.add((table.name, column))
    return found


async def _rows_of(app: Any, person_id: int) -> set[str]:
    """The tables with a row about this person (a `person_id` column)."""
    found = set()
    async with app[keys.SESSIONS]() as session:
        for table in Base.metadata.sorted_tables:
            if "person_id" in table.c and await session.scalar(
                    select(table.c.person_id).where(table.c.person_id == person_id).limit(1)) is not None:
                found.add(table.name)
    return found


async def test_a_supervisor_erases_a_person_and_nothing_of_theirs_is_left(console: Any, world: World,
                                                                           signed_in: Any) -> None:
    app = console.server.app
    cipher = app[keys.CIPHER]
    a, c = world.people["a"], world.people["c"]
    openid = f"o-{a.name}-11"
    secrets = [a.name, a.id_number, a.phone.removeprefix("+86"), openid,
               cipher.blind_index("id_number", a.id_number), cipher.blind_index("phone", a.phone),
               cipher.blind_index("wechat", openid)]
    assert {t for t, _ in await _holding(app, secrets)} >= {"info_form", "channel_account"}
    assert {"inbound_message", "outbox_message", "conversation", "job_application"} <= await _rows_of(app, a.person_id)

    # A caseworker may not (their supervisor deletes); a supervisor not outside their county; nor without typing it.
    caseworker = await signed_in("caseworker_a")
    await caseworker.get(f"/console/people/{a.person_id}")
    assert (await caseworker.post(f"/console/people/{a.person_id}/erase", {"confirm": "删除"}))[0] == 404
    supervisor = await signed_in("supervisor")
    status, page = await supervisor.get(f"/console/people/{a.person_id}")
    assert status == 200 and 'id="erase"' in page and "王*红" in page
    assert (await supervisor.post(f"/console/people/{c.person_id}/erase", {"confirm": "删除"}))[0] == 404
    status, page, _ = await supervisor.post(f"/console/people/{a.person_id}/erase", {"confirm": "王小红"}, follow=True)
    assert status == 200 and "没有删除：请输入「删除」" in page
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(Person.erased_at).where(Person.id == a.person_id)) is None

    status, page, _ = await supervisor.post(f"/console/people/{a.person_id}/erase", {"confirm": "王*红"}, follow=True)
    assert status == 200 and f"已删除编号{a.person_id}的个人信息" in page
    # Only the registration keeps the name and ID number (the legal retention); nothing else anywhere.
    assert await _holding(app, secrets) == {("unemployment_registration", "kept_name"),
                                            ("unemployment_registration", "kept_id_number_enc")}
    # What stays about them: the registration, and cases, tasks and alerts as statistics without personal text.
    assert await _rows_of(app, a.person_id) == {"unemployment_registration", "assistance_case", "casework_task",
                                                "alert"}
    async with app[keys.SESSIONS]() as session:
        person = await session.get(Person, a.person_id)
        case = await session.get(AssistanceCase, a.case_id)
        task = await session.get(CaseworkTask, a.task_id)
        registration = await session.get(UnemploymentRegistration, a.registration_id)
        audit = list(await session.scalars(select(AuditLog).where(AuditLog.action == "erase_person")))
    assert person is not None and person.erased_at is not None and person.opted_out_at is not None
    assert case is not None and (case.status, case.close_reason) == ("closed", "个人信息已删除")
    assert task is not None and task.status == "done"
    assert registration is not None and registration.status == "submitted"
    assert [(r.actor, json.loads(r.detail)) for r in audit] == [
        (f"caseworker:{world.accounts['supervisor']}", {"person": a.person_id, "via": "console"})]
    # Their page is gone; the others' are untouched.
    assert (await supervisor.get(f"/console/people/{a.person_id}"))[0] == 404
    assert (await supervisor.get(f"/console/people/{world.people['b'].person_id}"))[0] == 200

    # The registration export still lists them (name and ID number kept); the case export names nobody.
    async with app[keys.SESSIONS]() as session:
        registrations = await load_records(session, cipher, "registrations", None)
        cases = await load_records(session, cipher, "cases", None)
    [kept] = [r for r in registrations if r["registration_id"] == a.registration_id]
    assert (kept["name"], kept["id_number"], kept["phone"]) == (a.name, a.id_number, None)
    [closed] = [r for r in cases if r["case_id"] == a.case_id]
    assert (closed["name"], closed["id_number"], closed["phone"]) == (None, None, None)

    # The kept registration can still be decided (the office's record), and nothing is queued for them.
    async with app[keys.SESSIONS]() as session, session.begin():
        registration = await session.get(UnemploymentRegistration, a.registration_id)
        assert registration is not None
        await decide_registration(session, cipher, registration, accept=True, note="", caseworker_id=None,
                                  now=app[keys.CLOCK].now())
    assert await _rows_of(app, a.person_id) == {"unemployment_registration", "assistance_case", "casework_task",
                                                "alert"}

    # The same openid writing again is somebody new: the notice and consent again.
    again = await say(app, "wechat", openid, "你好")
    assert again.person_id != a.person_id
    assert "欢迎" in again.replies[0], again.replies
    registering = await say(app, "wechat", openid, "1")
    assert "同意" in "\n".join(registering.replies), registering.replies
