"""The ranking rules for one person and one item, in plain Python: the definition the fast index follows.

`score` is what a score and its reasons mean (dialogs/matching/data/rules.toml holds the numbers). The index in
dialogs/matching/index.py computes the same scores for many items or many people at once and asks this module for
the reasons of the few it picks; `rank` scores every pair one by one, which is the obvious way and the
baseline the benchmark compares with (and the oracle the index is tested against).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from dialogs.matching.types import (
    HOME_COUNTY_KINDS,
    HOME_PROVINCE_KINDS,
    LOCAL_NEEDS,
    NEED_KINDS,
    TAKEN_FROM_HOME,
    Opening,
    Reason,
    Rules,
    Scored,
    Seeker,
    county_of,
    prefecture_of,
    province_of,
    rules,
)

REASON = "match.reason."
# Every reason `score` can give, as message keys (locales/*/jobs.toml).
REASON_KEYS = frozenset(REASON + name for name in (
    "public_welfare_older", "tuition_free", "job_type", "same_county", "same_prefecture", "same_province",
    "salary_ok", "transport_subsidy", "employment_base", "training_subsidy", "need_public_welfare",
    "need_labour_export", "need_training", "need_near_home", "need_short_term", "training_near_home",
))


def passes(seeker: Seeker, opening: Opening, today: date) -> bool:
    """The hard filters: open, a place left, the person's age in range, the place within their scope."""
    if opening.full or (opening.expires is not None and opening.expires < today):
        return False
    age = seeker.age(today)
    if age is not None:
        if opening.age_min is not None and age < opening.age_min:
            return False
        if opening.age_max is not None and age > opening.age_max:
            return False
    home = seeker.home_division
    if opening.kind in HOME_COUNTY_KINDS and county_of(home) is not None:
        if county_of(opening.division) != county_of(home):
            return False
    if opening.kind in HOME_PROVINCE_KINDS and province_of(home) is not None:
        if province_of(opening.division) != province_of(home):
            return False
    if opening.kind in TAKEN_FROM_HOME:
        return True  # where they would work (the scope) is not where they learn
    scope = seeker.scope
    if scope == "home_county":
        county = county_of(seeker.home_division)
        return county is None or county_of(opening.division) == county
    if scope in ("home_province", "other_provinces"):
        province = province_of(seeker.home_division)
        if province is None:
            return True
        return (province_of(opening.division) == province) == (scope == "home_province")
    return True


def unmet_limits(seeker: Seeker | None, opening: Opening, today: date) -> tuple[list[dict[str, Any]], bool]:
    """The item's own limits a person does not meet, one {"limit", params…} each (age range, a kind taken only by
    the home county's or province's people), and whether every limit it carries could be checked (an unknown age
    or home checks nothing: then nobody may tell the person it fits). `passes` says yes or no for matching; a
    caseworker's referral (bot/casework/chat.py) needs to say why not."""
    unmet: list[dict[str, Any]] = []
    checked = True
    age = seeker.age(today) if seeker is not None else None
    if opening.age_min is not None or opening.age_max is not None:
        low, high = opening.age_min, opening.age_max
        if age is None:
            checked = False
        elif (low is not None and age < low) or (high is not None and age > high):
            unmet.append({"limit": "age", "age": age, "min": low, "max": high})
    home = seeker.home_division if seeker is not None else None
    for kinds, area in ((HOME_COUNTY_KINDS, county_of), (HOME_PROVINCE_KINDS, province_of)):
        if opening.kind not in kinds:
            continue
        if area(home) is None:
            checked = False
        elif area(opening.division) != area(home):
            unmet.append({"limit": "home_county" if area is county_of else "home_province"})
    return unmet, checked


def score(seeker: Seeker, opening: Opening, today: date, r: Rules | None = None) -> Scored | None:
    """The score and the reasons of an item that passes the filters; None when it does not."""
    if not passes(seeker, opening, today):
        return None
    r = r or rules()
    points = r.points
    total = 0
    reasons: list[Reason] = []
    age = seeker.age(today)

    def add(name: str, reason: Reason | None = None) -> None:
        nonlocal total
        total += points[name]
        if reason is not None:
            reasons.append(reason)

    if opening.kind == "public_welfare" and r.older(seeker, age):
        add("public_welfare_older", Reason(REASON + "public_welfare_older"))
    if (
        opening.kind == "technical_school" and seeker.registered and age is not None and age <= r.youth_max
    ):
        add("tuition_free", Reason(REASON + "tuition_free"))
    # The person's own order (what they just asked for, then wished, then can do, then did): the reason names the
    # match they asked for (月嫂 of a wish, not 保洁 of an old job, for a course of both).
    shared = [group for group in seeker.job_words if group in opening.job_words]
    if shared:
        add("job_type", Reason(REASON + "job_type", {"job": seeker.job_words[shared[0]]}))
    home = seeker.home_division
    if county_of(home) is not None and county_of(home) == county_of(opening.division):
        # A training in the home county is one they can take from home (家门口的培训).
        add("same_county", Reason(REASON + ("training_near_home" if opening.item == "training" else "same_county")))
    elif prefecture_of(home) is not None and prefecture_of(home) == prefecture_of(opening.division):
        add("same_prefecture", Reason(REASON + "same_prefecture"))
    elif province_of(home) is not None and province_of(home) == province_of(opening.division):
        add("same_province", Reason(REASON + "same_province"))
    if pay_short_of(seeker, opening) is not None:
        add("salary_low")
    elif seeker.expected_income is not None and opening.salary_top is not None:
        add("salary_ok", Reason(REASON + "salary_ok"))
    if opening.transport_subsidy and province_of(home) is not None and province_of(opening.division) != province_of(
        home
    ):
        add("transport_subsidy", Reason(REASON + "transport_subsidy"))
    if opening.kind == "employment_base" and seeker.registered:
        add("employment_base", Reason(REASON + "employment_base"))
    if opening.item == "training" and opening.subsidy:
        add("training_subsidy", Reason(REASON + "training_subsidy"))
    for need in sorted(seeker.needs):
        if need in LOCAL_NEEDS and county_of(home) is not None and county_of(opening.division) != county_of(home):
            continue  # work near home is in the home county (a flexible job in another province was "方便照顾家里")
        if opening.kind in NEED_KINDS.get(need, frozenset()):
            add("service_need", Reason(REASON + "need_" + need))
            break
    return Scored(opening, total, tuple(reasons))


def pay_short_of(seeker: Seeker, opening: Opening) -> int | None:
    """The pay the person expects when the item's best pay is below it (the list says so: 比您想要的 4500 少)."""
    top = opening.salary_top
    if seeker.expected_income is None or top is None or top >= seeker.expected_income:
        return None
    return seeker.expected_income


def order_key(scored: Scored) -> tuple[int, int, int]:
    """Best first; at equal scores the vacancy before the training, then the one imported first."""
    return (-scored.score, 0 if scored.opening.item == "vacancy" else 1, scored.opening.id)


def rank(seeker: Seeker, openings: Iterable[Opening], today: date, top: int, r: Rules | None = None) -> list[Scored]:
    """Every item scored one by one; the best `top`."""
    scored = [s for o in openings if (s := score(seeker, o, today, r)) is not None]
    scored.sort(key=order_key)
    return scored[:top]
