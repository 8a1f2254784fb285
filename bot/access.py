"""Every route of the console (and of the integration API) declares who may reach it and what it shows.

    @access(LOGIN, "case")        a signed-in account; the page shows cases, through storage/scope.py `cases`
    @access(PUBLIC)               anyone (the login page, the style sheet)
    @access(SUPERVISOR, "job")    supervisors and administrators
    @access(ADMIN)                administrators only

The declaration is read by the console's middleware (a handler without one is refused, never served) and by
the route x role matrix test, which lists the app's routes from its router and fails on any route under
/console or /api that declares nothing: a new page cannot forget its scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

PUBLIC = "public"
LOGIN = "login"
SUPERVISOR = "supervisor"
ADMIN = "admin"
LEVELS = (PUBLIC, LOGIN, SUPERVISOR, ADMIN)
# What a page may show; each is one condition function in storage/scope.py (jobs are not personal data).
ENTITIES = frozenset({"person", "form", "roster", "case", "task", "registration", "alert", "application",
                      "caseworker", "job"})

Handler = TypeVar("Handler", bound=Callable[..., Any])
_ATTRIBUTE = "__jiuye_access__"


@dataclass(frozen=True, slots=True)
class Access:
    level: str
    entities: tuple[str, ...]


def access(level: str, *entities: str) -> Callable[[Handler], Handler]:
    if level not in LEVELS:
        raise ValueError(f"unknown access level {level!r}")
    unknown = set(entities) - ENTITIES
    if unknown:
        raise ValueError(f"unknown entities {sorted(unknown)}")
    if level != PUBLIC and not entities:
        raise ValueError("a signed-in route names the entities it shows (scope), e.g. @access(LOGIN, 'case')")

    def declare(handler: Handler) -> Handler:
        setattr(handler, _ATTRIBUTE, Access(level, entities))
        return handler

    return declare


def access_of(handler: object) -> Access | None:
    found = getattr(handler, _ATTRIBUTE, None)
    return found if isinstance(found, Access) else None
