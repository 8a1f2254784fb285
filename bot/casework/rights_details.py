"""What a laborer told after a rights report (是威宁万家超市 欠了五千多: who, how much, since when), kept with
their rights case, encrypted, as they wrote it: the console's case page and the cases export show it, numbers in
it masked unless the reader is entitled to them (an unmasked, audited export)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import FieldCipher
from storage.models import AssistanceCase

# A message is at most this long (an SMS of several parts, a WeChat text), and a case keeps this many of them.
TEXT_CHARS = 500
KEPT = 10


@dataclass(frozen=True, slots=True)
class Told:
    at: datetime
    text: str


def told(cipher: FieldCipher, found: AssistanceCase) -> list[Told]:
    """The case's details, oldest first."""
    if not found.details_enc:
        return []
    return [Told(datetime.fromisoformat(item["at"]), str(item["text"]))
            for item in json.loads(cipher.decrypt(found.details_enc))]


async def add(
    session: AsyncSession, cipher: FieldCipher, *, person_id: int, issue: str, text: str, now: datetime
) -> AssistanceCase | None:
    """Keep the details with the person's rights case: the open one of this issue, else their open rights case,
    else the last one (closed meanwhile). None when they have no rights case at all."""
    query = (
        select(AssistanceCase)
        .where(AssistanceCase.person_id == person_id, AssistanceCase.kind == "rights")
        .order_by(case((AssistanceCase.status == "open", 0), else_=1),
                  case((AssistanceCase.issue == issue, 0), else_=1), AssistanceCase.id.desc())
        .limit(1)
    )
    found: AssistanceCase | None = await session.scalar(query)
    words = " ".join(text.split())[:TEXT_CHARS]
    if found is None or not words:
        return found
    kept = told(cipher, found)
    if kept and kept[-1].text == words:
        return found  # the same words sent again
    kept = [*kept, Told(now, words)][-KEPT:]
    found.details_enc = cipher.encrypt(json.dumps([{"at": t.at.isoformat(), "text": t.text} for t in kept],
                                                  ensure_ascii=False))
    return found
