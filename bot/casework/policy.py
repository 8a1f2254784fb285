"""Per-division casework settings from a data file deployers edit (bot/casework/policy.toml): the first-contact
deadline and service package of a new case, and where benefits are claimed. The most specific division wins."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from bot.casework.responsibility import ancestors

PACKAGE_KEYS = ("job_referrals", "guidance_talks", "training_offers", "days")
LOCALES = ("zh_CN", "en")
REPLY_WINDOW = "reply_window_hours"


class PolicyError(ValueError):
    """The data file is malformed; the message names the division and key."""


@dataclass(frozen=True, slots=True)
class DivisionPolicy:
    first_contact_days: int
    package: Mapping[str, int]
    claim_where: Mapping[str, str]

    def claim_text(self, locale: str) -> str:
        return self.claim_where.get(locale) or self.claim_where["zh_CN"]


def _check(name: str, table: Mapping[str, Any]) -> None:
    unknown = set(table) - {"first_contact_days", "package", "claim_where"}
    if unknown:
        raise PolicyError(f"{name}: unknown key(s) {sorted(unknown)}")
    days = table.get("first_contact_days", 1)
    if not isinstance(days, int) or isinstance(days, bool) or not 0 < days <= 90:
        raise PolicyError(f"{name}.first_contact_days must be a whole number of days from 1 to 90")
    package = table.get("package", {k: 1 for k in PACKAGE_KEYS})
    if not isinstance(package, Mapping) or set(package) != set(PACKAGE_KEYS) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in package.values()
    ):
        raise PolicyError(f"{name}.package needs whole numbers for exactly {', '.join(PACKAGE_KEYS)}")
    claim = table.get("claim_where", {"zh_CN": "-"})
    if not isinstance(claim, Mapping) or "zh_CN" not in claim or not all(
        isinstance(v, str) and v.strip() for v in claim.values()
    ) or set(claim) - set(LOCALES):
        raise PolicyError(f"{name}.claim_where needs a zh_CN text (and may have en)")


@cache
def _tables() -> tuple[Mapping[str, Any], Mapping[str, Mapping[str, Any]]]:
    data = tomllib.loads(resources.files("bot.casework").joinpath("policy.toml").read_text(encoding="utf-8"))
    default = data.get("default")
    if not isinstance(default, Mapping) or set(default) - {REPLY_WINDOW} != {
            "first_contact_days", "package", "claim_where"}:
        raise PolicyError("[default] must set first_contact_days, package and claim_where (and may set "
                          f"{REPLY_WINDOW})")
    hours = default.get(REPLY_WINDOW, 72)
    if not isinstance(hours, int) or isinstance(hours, bool) or not 0 <= hours <= 24 * 14:
        raise PolicyError(f"default.{REPLY_WINDOW} must be a whole number of hours from 0 to 336")
    _check("default", {k: v for k, v in default.items() if k != REPLY_WINDOW})
    divisions = data.get("division", {})
    for code, table in divisions.items():
        if not (code.isdigit() and len(code) in (2, 4, 6, 9, 12)) or not isinstance(table, Mapping):
            raise PolicyError(f"division {code!r}: not a division code (2, 4, 6, 9 or 12 digits)")
        _check(f"division.{code}", table)
    return default, divisions


def reply_window_hours() -> int:
    """How long after a caseworker's message the person's messages are read as replies to it and passed on
    (bot/casework/replies.py); 0: never."""
    return int(_tables()[0].get(REPLY_WINDOW, 72))


def validate() -> None:
    """Read the data file now (start-up), so that a mistake in it stops the service with its name."""
    _tables()


@cache
def for_division(division: str | None) -> DivisionPolicy:
    default, divisions = _tables()
    merged = dict(default)
    claim = dict(default["claim_where"])
    # Least specific first, so that the most specific division's keys are applied last.
    for code in reversed(ancestors(division) if division else []):
        merged |= divisions.get(code, {})
        # Where to claim, locale by locale: a county that wrote only its zh_CN text keeps the English one of the
        # division above it (an English reader got the county's Chinese line).
        claim |= divisions.get(code, {}).get("claim_where", {})
    return DivisionPolicy(
        first_contact_days=int(merged["first_contact_days"]),
        package={k: int(v) for k, v in merged["package"].items()},
        claim_where=claim,
    )
