"""Who writes a caseworker's own words to a laborer (发消息 / 发短信 C3 … in the chat, a message from the console):
the laborer read "您好, 明天上午到家里看看" from the service's account with no name on it. Signed with the
caseworker's name and role, in the laborer's language; never their phone (the privacy rules: a caseworker's number
is theirs to give)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import LOCALES, catalog
from storage.models import Caseworker, Person

ROLES = ("caseworker", "supervisor", "admin")


def signed(text: str, *, name: str, role: str, locale: str) -> str:
    """The words as the person reads them: "【帮扶责任人李书记】您好, …"."""
    cat = catalog(locale if locale in LOCALES else "zh_CN")
    said_role = cat.get(f"from_caseworker.role.{role if role in ROLES else 'caseworker'}")
    return cat.get("from_caseworker.signed").format(role=said_role, name=name, text=text)


async def signed_by(session: AsyncSession, caseworker_id: int, person_id: int, text: str) -> str:
    """`text` signed by this caseworker, in the person's language."""
    writer = (await session.execute(select(Caseworker.name, Caseworker.role)
                                    .where(Caseworker.id == caseworker_id))).one_or_none()
    locale = await session.scalar(select(Person.locale).where(Person.id == person_id)) or "zh_CN"
    if writer is None:
        return text
    return signed(text, name=writer.name, role=writer.role, locale=locale)
