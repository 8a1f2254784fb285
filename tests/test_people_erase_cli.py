"""`jiuye people erase`: an operator erases a person who withdrew consent, found by ID number, phone or id. Before,
there was no such command (the 【删除信息】 alert asked for a deletion nothing could do). It asks unless --yes,
prints counts only (never the person's data), audits, and a second run is a no-op."""

from __future__ import annotations

import asyncio
import io
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import cli
from bot.settings import load_settings
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory
from storage.info_forms import upsert_info_form
from storage.models import AuditLog, ChannelAccount, InfoForm, Person
from tests.fakes.identity import make_id
from tests.test_cli import local_env  # noqa: F401 - the fixture

ID_NUMBER = make_id("520526", date(1988, 8, 8), 31)
PHONE = "+8613800138031"


async def _seed() -> int:
    settings = load_settings()
    cipher = FieldCipher(settings.secret_key)
    engine = create_engine(settings.database_url)
    now = datetime.now(UTC)
    try:
        async with session_factory(engine)() as session, session.begin():
            person = Person(locale="zh_CN", created_at=now, consent_at=now)
            session.add(person)
            await session.flush()
            await upsert_info_form(session, cipher, person_id=person.id, source="sms", consent_at=now,
                                   consent_version="2026-11", now=now,
                                   record={"name": "赵六妹", "id_number": ID_NUMBER, "phone": PHONE,
                                           "home_division": "520526100", "employment_status": "unemployed"})
            session.add(ChannelAccount(person_id=person.id, channel="sms", address_enc=cipher.encrypt(PHONE),
                                       address_hash=cipher.blind_index("sms", PHONE), created_at=now))
            return person.id
    finally:
        await engine.dispose()


async def _left(person_id: int) -> tuple[int, int, list[str]]:
    engine = create_engine(load_settings().database_url)
    try:
        async with session_factory(engine)() as session:
            forms = len(list(await session.scalars(select(InfoForm).where(InfoForm.person_id == person_id))))
            accounts = len(list(await session.scalars(select(ChannelAccount).where(
                ChannelAccount.person_id == person_id))))
            audit = list(await session.scalars(select(AuditLog.detail).where(AuditLog.action == "erase_person")))
        return forms, accounts, audit
    finally:
        await engine.dispose()


def test_an_operator_erases_a_person_by_id_number(local_env: Path, capfd: pytest.CaptureFixture[str],  # noqa: F811
                                                  monkeypatch: pytest.MonkeyPatch, sqlite_template: Path) -> None:
    shutil.copyfile(sqlite_template, local_env / "cli.db")  # migrated (local_env's database)
    person_id = asyncio.run(_seed())
    capfd.readouterr()
    # Asked, not confirmed: nothing happens.
    monkeypatch.setattr("sys.stdin", io.StringIO("no\n"))
    assert cli.main(["people", "erase", "--phone", "138 0013 8031"]) == 1
    assert "nothing erased" in capfd.readouterr().out
    assert asyncio.run(_left(person_id))[:2] == (1, 1)

    assert cli.main(["people", "erase", "--id-number", ID_NUMBER, "--yes"]) == 0
    out = capfd.readouterr().out
    assert f"person {person_id} erased" in out and "deleted info_form: 1" in out and "deleted channel_account: 1" in out
    assert ID_NUMBER not in out and "13800138031" not in out and "赵六妹" not in out
    forms, accounts, audit = asyncio.run(_left(person_id))
    assert (forms, accounts) == (0, 0) and audit == [f'{{"person": {person_id}, "via": "cli"}}']

    # Again: already done, nothing more audited.
    assert cli.main(["people", "erase", "--person", str(person_id), "--yes"]) == 0
    assert "already erased" in capfd.readouterr().out
    assert len(asyncio.run(_left(person_id))[2]) == 1


def test_a_simulator_person_is_erased_by_id_only(local_env: Path, capfd: pytest.CaptureFixture[str],  # noqa: F811
                                                 sqlite_template: Path) -> None:
    """The lead could not try the erasure on the simulator: `--person` said "nobody found" for a simulator person.
    Found by id (never by numbers, which the simulator's test data may share with a real person) and erased."""
    shutil.copyfile(sqlite_template, local_env / "cli.db")
    person_id = asyncio.run(_seed())

    async def simulated() -> None:
        engine = create_engine(load_settings().database_url)
        try:
            async with session_factory(engine)() as session, session.begin():
                person = await session.get(Person, person_id)
                assert person is not None
                person.simulated = True
        finally:
            await engine.dispose()

    asyncio.run(simulated())
    capfd.readouterr()
    assert cli.main(["people", "erase", "--id-number", ID_NUMBER, "--yes"]) == 1
    assert "nobody found" in capfd.readouterr().err
    assert cli.main(["people", "erase", "--person", str(person_id), "--yes"]) == 0
    assert f"person {person_id} erased" in capfd.readouterr().out
    assert asyncio.run(_left(person_id))[:2] == (0, 0)


@pytest.mark.parametrize(("args", "said"), [
    (["--id-number", "52052619880808003"], "not a valid ID number"),
    (["--phone", "12345"], "not a valid mainland mobile number"),
])
def test_a_bad_id_number_or_phone_is_refused_before_anything_is_looked_up(
        args: list[str], said: str, local_env: Path, capfd: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert cli.main(["people", "erase", *args, "--yes"]) == 2
    err = capfd.readouterr().err
    assert said in err and args[1] not in err
