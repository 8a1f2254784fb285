"""Value types returned by the NLU module: places, entities, the understanding of one message."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

INTENTS: tuple[str, ...] = (
    "employed",
    "job_lost",
    "changed_job",
    "seek_job",
    "seek_training",
    "ask_policy",
    "rights_issue",
    "human",
    "opt_out",
    "greeting",
    "help",
    "affirm",
    "deny",
    "unknown",
)


@dataclass(frozen=True, slots=True)
class Place:
    """An administrative division: 2/4/6/9-digit statistics code and its official full name."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class IdInfo:
    """What a resident ID number says about its holder."""

    birth_date: datetime.date
    gender: str  # "male" | "female"


@dataclass(frozen=True, slots=True)
class Entities:
    """Form fields found in one message; None where nothing valid was found."""

    location: Place | None = None
    employer: str | None = None
    salary: int | None = None  # monthly, yuan
    date: str | None = None  # "YYYY-MM"
    phone: str | None = None  # E.164
    id_number: str | None = None  # 18 chars, valid check digit

    def to_json(self) -> dict[str, object]:
        """Only the entities that were found; location as {"code", "name"}."""
        found: dict[str, object] = {}
        if self.location is not None:
            found["location"] = {"code": self.location.code, "name": self.location.name}
        for key in ("employer", "salary", "date", "phone", "id_number"):
            value = getattr(self, key)
            if value is not None:
                found[key] = value
        return found


@dataclass(frozen=True, slots=True)
class Understanding:
    """The NLU verdict on one message."""

    text: str
    normalized: str
    intent: str
    confidence: float
    entities: Entities
    # News of the speaker's own employment status (employed, job_lost, changed_job, unable), or None when
    # the message tells none or only someone else's (我老婆被厂里辞了).
    status: str | None = None

    def __hash__(self) -> int:
        # By the text alone (equal understandings have equal texts): a key of the memos of readings of one
        # understanding (`memo.understood_key`), where the generated hash of every field and entity cost ~0.8 µs.
        return hash(self.text)

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "normalized": self.normalized,
            "intent": self.intent,
            "confidence": self.confidence,
            "entities": self.entities.to_json(),
            "status": self.status,
        }
