"""The values that flow through the pipeline: what arrives, what goes out, and what a dialog step returns."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, TypeVar

Channel = Literal["wechat", "sms"]
InboundKind = Literal["text", "voice", "location", "media", "event"]
JsonDict = dict[str, Any]

Frozen = TypeVar("Frozen", bound=type)
_NOT_GIVEN: Any = object()


def quick_init(cls: Frozen) -> Frozen:
    """A frozen, slotted dataclass's `__init__` that sets each slot through its own descriptor: the generated one
    goes through `object.__setattr__` once per field (the class's own refuses), about twice the cost; these values
    are made several times a message (an inbound, its context, every reply and event). The same parameters,
    defaults (a default factory called for each instance) and `__post_init__`; the class stays frozen."""
    names: list[str] = []
    lines: list[str] = []
    scope: dict[str, Any] = {"_NOT_GIVEN": _NOT_GIVEN}
    for f in dataclasses.fields(cls):
        name = f.name
        scope[f"_set_{name}"] = cls.__dict__[name].__set__
        if f.default is not dataclasses.MISSING:
            scope[f"_default_{name}"] = f.default
            names.append(f"{name}=_default_{name}")
            lines.append(f"_set_{name}(self, {name})")
        elif f.default_factory is not dataclasses.MISSING:
            scope[f"_factory_{name}"] = f.default_factory
            names.append(f"{name}=_NOT_GIVEN")
            lines.append(f"_set_{name}(self, _factory_{name}() if {name} is _NOT_GIVEN else {name})")
        else:
            names.append(name)
            lines.append(f"_set_{name}(self, {name})")
    if hasattr(cls, "__post_init__"):
        lines.append("self.__post_init__()")
    source = f"def __init__(self, {', '.join(names)}):\n" + "".join(f"    {line}\n" for line in lines)
    made: dict[str, Any] = {}
    exec(source, scope, made)  # noqa: S102 (our own source, made above from the class's fields, as dataclasses does)
    init = made["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # noqa: B010 (mypy refuses the assignment to a type's __init__)
    return cls


@dataclass(frozen=True, slots=True)
class SignedRequest:
    """A WeChat callback URL (timestamp, nonce, signature) as seen once: accepted again only with the same body
    (a true retry), remembered until `expires_at` (past the replay window the URL is refused anyway)."""

    key: int
    body_digest: int
    expires_at: datetime


@quick_init
@dataclass(frozen=True, slots=True)
class Inbound:
    """One thing a person did, whatever the channel. `dedup_key` identifies retried deliveries; it includes the
    sender, so that one person's message can never be answered as a retry of another's."""

    channel: Channel
    address: str
    kind: InboundKind
    dedup_key: str
    received_at: datetime
    text: str = ""
    event: str | None = None
    event_key: str | None = None
    location: tuple[float, float, str] | None = None
    # Where replies go: the HTTP response of the WeChat callback or simulator, or the outbox.
    transport: Literal["wechat", "kannel", "simulator", "internal"] = "wechat"
    # Data attached to synthetic events (scheduled work, results of look-ups the dispatcher made).
    payload: Mapping[str, Any] = field(default_factory=dict)
    # Scheduled work names its person (the address is then unused) ...
    person_id: int | None = None
    # ... and, like the simulator's "at", the time the dialog and its effects see instead of the clock's.
    at: datetime | None = None
    # Simulator users are a namespace of their own: their addresses never resolve to, nor link with, a real
    # person's, and what is queued for them never leaves through a real gateway. Always set with the
    # simulator's transport; scheduled work for a simulated person sets it too.
    simulated: bool = False
    signed: SignedRequest | None = None

    def __post_init__(self) -> None:
        if self.transport == "simulator" and not self.simulated:
            raise ValueError("an inbound from the simulator must be marked simulated")


@quick_init
@dataclass(frozen=True, slots=True)
class Outbound:
    """A message for the person: a catalog key with parameters and numbered options, or verbatim text."""

    key: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    options: tuple[str, ...] = ()
    text: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class DialogEvent:
    """Something the rest of the system must act on (saved by the dispatcher in the same transaction)."""

    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)


@quick_init
@dataclass(frozen=True, slots=True)
class StepContext:
    """What a dialog step may know about the world besides its state: time, channel, locale."""

    now: datetime
    today: date
    channel: Channel
    locale: str


@dataclass(slots=True)
class StepResult:
    state: JsonDict
    outbound: list[Outbound] = field(default_factory=list)
    events: list[DialogEvent] = field(default_factory=list)

    @property
    def awaiting(self) -> str | None:
        value = self.state.get("awaiting")
        return value if isinstance(value, str) else None

    def say(self, key: str, options: tuple[str, ...] = (), **params: Any) -> StepResult:
        self.outbound.append(Outbound(key=key, params=params, options=options))
        return self

    def emit(self, kind: str, **data: Any) -> StepResult:
        self.events.append(DialogEvent(kind=kind, data=data))
        return self


# What an unfinished survey was told that lets a caseworker reach the person (kept out of the event log).
_REACHABLE_BY = ("name", "phone", "home_division", "work_division")


def told_so_far(state: Mapping[str, Any]) -> dict[str, Any]:
    """{"told": {...}}: the name, phone, home division and work division the survey has heard but not yet saved,
    for an event that alerts a caseworker (human_requested, question_referred); {} when it has heard none."""
    survey = state.get("survey")
    answers = survey.get("answers") if isinstance(survey, Mapping) else None
    if not isinstance(answers, Mapping):
        return {}
    told = {}
    for key in _REACHABLE_BY:
        value = answers.get(key)
        if isinstance(value, Mapping):  # a place as the survey keeps it: {"code": "520526100", "name": "…草海镇"}
            value = value.get("code")
        if isinstance(value, str) and value:
            told[key] = value
    return {"told": told} if told else {}
