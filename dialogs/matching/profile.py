"""Records as matching sees them: a person's form (and roster link) as a Seeker, a stored item as an Opening."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from dialogs import near_home
from dialogs.matching.job_types import job_types
from dialogs.matching.types import ItemKind, Opening, Seeker
from dialogs.nlu.jobs import WANTS_CHANGE

# A wish for work that leaves time for a child or the family (有能带娃的活不, 要照顾孩子, 家门口的活, 下午要接娃 有没有
# 只上半天的活): the need `near_home` (workshops, home-based and flexible work first).
_FAMILY_WORDS = (r"带(?:娃|孩子|小孩|宝宝)|照顾(?:娃|孩子|小孩|老人|家)|(?:娃|孩子)(?:小|还小|离不开)"
                 r"|接送(?:娃|孩子)|[接送](?:娃|孩子|小孩)|(?:只|就)?(?:上|干|做)半天|半天的活|[上下]午的活"
                 r"|在家(?:里)?(?:干|做)")
FAMILY_FIRST = re.compile(_FAMILY_WORDS + "|" + near_home.alternation("family_first"))
# The family itself named (有能带娃的活不, 只上半天的): what the chat tells is not known of the items when none says
# so; 离家近的活 alone asks for no such thing (it was told "暂时没有写明能带娃、时间灵活或在家做的活").
FAMILY_SAID = re.compile(_FAMILY_WORDS)
# A wish for work to take up for a while, near home (放假这段时间 有没有短期的活, 回老家找点零活干, 打几天零工):
# the need `short_term`, in the home county.
SHORT_TERM_WISH = re.compile(r"短期|短工|临时(?:的|工|活)|零活|零工|散活|日结|干几天|干一阵"
                             r"|放假(?:这段|期间|这几天|这个月)")
# Words of a request that ask for work in other provinces (有没有外省的): the scope for that search.
AWAY_WISH = re.compile(r"外省|省外|出省|外地|\b(?:other|another|different) provinces?\b"
                       r"|\bout of (?:the |my )?province\b", re.IGNORECASE)
# Words of a request that ask for work at or near home (离家近点, 家门口的, 本地的): the home county.
NEAR_WISH = near_home.pattern("job_request")
# Going back to work in the home province (想回贵州找个活, 回老家找活): the home province (the county preferred).
BACK_WISH = re.compile(r"回(?:老家|家乡|家|[\u4e00-\u9fff]{1,3}?)(?:这边|那边)?(?:找|干|做|上班|打工)")
# Work refused in a request (我不想干保洁了, 不想学电焊了, 焊工我学不了): the trade said after the refusal (up to a
# word that ends it) or before 学不了 / 干不了. Its words are no wish, and its items are not listed
# (bot/job_effects.py).
REFUSED = re.compile(r"(?:不想|不愿意?|不要|不干|不做|不当|不学|学不了|干不了|做不了|学不会|干不来)(?:再)?"
                     r"(?:干|做|当|学|去)?(?:那个|这个)?"
                     r"(?P<after>[^了的,，。?？!！\s想要有吗呢吧]{1,6})"
                     r"|(?P<before>(?![我俺])[\u4e00-\u9fff]{1,6}?)(?:我|俺)?(?:也)?"
                     r"(?:学不了|干不了|做不了|学不会|干不动|做不动|做不来|学不来|干不来)")


def refused_in(text: str) -> dict[int, str]:
    """The job-type groups a message refuses (我不想干保洁了: cleaner), with the words it said them in."""
    if "不" not in text:
        return {}
    return job_types().groups([m.group("after") or m.group("before") for m in REFUSED.finditer(text)])


def without_refused(text: str) -> str:
    """The message without the work it refuses (焊工我学不了 没有家政的吗 -> 没有家政的吗)."""
    if "不" not in text:
        return text
    return REFUSED.sub(lambda m: " " if job_types().groups([m.group("after") or m.group("before")]) else m.group(0),
                       text)


# A wish to do other work than their own (想换个活, 想改行: dialogs/nlu/jobs.py), or to stop what they do
# (不想干这行了): the present trade is no wish then, and its items are listed after the others (bot/job_effects.py).
CHANGE_WISH = re.compile(WANTS_CHANGE + r"|不想(?:再)?(?:干|做)(?:这个|这行|这份|现在的|这种)")


def leaving_trade(wishes: Iterable[str], job_type: Any) -> dict[int, str]:
    """The job-type groups of the work they have (or had) when a wish says they want other work, less those the
    wish asks for (想换个活 from a cleaner: {cleaner: 保洁}); {} when no wish says so."""
    said = [w for w in wishes if w]
    if not any(map(CHANGE_WISH.search, said)):
        return {}
    asked = groups_of(map(without_refused, said))
    return {group: word for group, word in groups_of([_text(job_type)]).items() if group not in asked}


# The form's free-text fields that say what work suits the person: wished jobs first, then skills, then
# the job they had.
JOB_FIELDS = ("desired_jobs", "skills", "job_type")


@functools.lru_cache(maxsize=65_536)
def job_groups_of(text: str) -> tuple[tuple[int, str], ...]:
    """(group, word) pairs a text mentions; cached, because people and employers repeat the same words."""
    return tuple(job_types().groups([text]).items())


def groups_of(texts: Iterable[str | None]) -> dict[int, str]:
    found: dict[int, str] = {}
    for text in texts:
        if text:
            for group, word in job_groups_of(text.strip()):
                found.setdefault(group, word)
    return found


@functools.lru_cache(maxsize=65_536)
def _shared_groups(texts: tuple[str | None, ...]) -> Mapping[int, str]:
    """The same words give the same (shared, never changed) mapping: a million people say few things."""
    return groups_of(texts)


@functools.lru_cache(maxsize=1_024)
def _shared_needs(needs: tuple[str, ...]) -> frozenset[str]:
    return frozenset(needs)


def birth_and_sex(id_number: str) -> tuple[date, bool] | None:
    """Birth date and whether the holder is a woman, read from a stored ID number (checked when it was
    given: the survey and the imports accept only valid ones); None for anything that is not one."""
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14])), int(id_number[16]) % 2 == 0
    except (ValueError, IndexError):
        return None


def seeker_from_record(
    person_id: int | None, record: Mapping[str, Any], *, registered: bool = False, wishes: Iterable[str] = ()
) -> Seeker:
    """From a form record (field key -> stored value); `wishes` are extra words the person just said
    ("有没有保安的活")."""
    wishes = tuple(wishes)
    needs = record.get("service_needs") or ()
    needs = [*needs, "near_home"] if isinstance(needs, list | tuple) and any(
        map(FAMILY_FIRST.search, (w for w in wishes if w))) else needs
    short_term = any(map(SHORT_TERM_WISH.search, (w for w in wishes if w)))
    needs = [*needs, "short_term"] if isinstance(needs, list | tuple) and short_term else needs
    # A few weeks' work in a holiday is no change of job: not weighed against the pay of the job they keep.
    expected = record.get("expected_income") if short_term else _expected_income(record)
    leaving = leaving_trade(wishes, record.get("job_type"))
    fields = [key for key in JOB_FIELDS if not (leaving and key == "job_type")]  # 想换个活: their trade no wish
    found = seeker(
        person_id, id_number=record.get("id_number"), home_division=_code(record.get("home_division")),
        scope=_wished_scope(wishes) or record.get("preferred_scope") or None,
        texts=(*map(without_refused, wishes), *(_text(record.get(key)) for key in fields)),
        expected_income=expected,
        registered=registered or bool(record.get("household_id")),
        needs=tuple(sorted(map(str, needs))) if isinstance(needs, list | tuple) else (),
    )
    if expected is not None and expected != record.get("expected_income"):
        found = replace(found, earning_now=int(record["monthly_income"]))
    if leaving:
        found = replace(found, leaving=frozenset(leaving))
    return found


def _wished_scope(wishes: tuple[str, ...]) -> str | None:
    """Where the words of a request ask for work (有没有外省的, 想回贵州找个活, 离家近点的); None if they do not say."""
    said = [w for w in wishes if w]
    if any(AWAY_WISH.search(w) for w in said):
        return "other_provinces"
    if any(SHORT_TERM_WISH.search(w) for w in said):
        return "home_county"  # 回老家找点零活干: a few weeks' work at home (not the province's)
    if any(BACK_WISH.search(w) for w in said):
        return "home_province"  # (离家近 beside it ranks the county first: same_county)
    if any(NEAR_WISH.search(w) for w in said):
        return "home_county"
    return None


def seeker(
    person_id: int | None, *, id_number: Any, home_division: str | None, scope: str | None,
    texts: tuple[str | None, ...], expected_income: Any, registered: bool, needs: tuple[str, ...],
) -> Seeker:
    """A Seeker from the columns that matter (the bulk loading of a whole province calls this directly)."""
    born = birth_and_sex(id_number) if isinstance(id_number, str) and len(id_number) == 18 else None
    income = expected_income
    return Seeker(
        person_id=person_id,
        birth_date=born[0] if born else None,
        female=born[1] if born else None,
        home_division=sys.intern(home_division) if home_division else None,
        scope=scope,
        job_words=_shared_groups(texts),
        expected_income=int(income) if isinstance(income, int | float) and not isinstance(income, bool) else None,
        registered=registered,
        needs=_shared_needs(needs),
    )


def _expected_income(record: Mapping[str, Any]) -> Any:
    """The pay hoped for; someone in work who never said (the form asks only the unemployed) looks for more than
    they earn now ("想换个工资高点的"): an item paying no more than that is no better for them."""
    hoped = record.get("expected_income")
    earned = record.get("monthly_income")
    if hoped is None and record.get("employment_status") == "employed" and isinstance(earned, int) and earned > 0:
        return earned + 1
    return hoped


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _code(value: Any) -> str | None:
    if isinstance(value, Mapping):  # a division as the dialog keeps it: {"code", "name"}
        value = value.get("code")
    return str(value) if value else None


def opening(
    *, id: int, item: ItemKind, external_id: str, kind: str, division: str, title: str, job_type: str | None,
    age_min: int | None = None, age_max: int | None = None, salary_min: int | None = None,
    salary_max: int | None = None, transport_subsidy: str | None = None, subsidy: str | None = None,
    expires: date | None = None, full: bool = False,
) -> Opening:
    """An item as matching sees it; its job types come from its job type and then its title."""
    return Opening(
        id=id, item=item, external_id=external_id, kind=kind, division=division, age_min=age_min,
        age_max=age_max, salary_min=salary_min, salary_max=salary_max, job_words=groups_of([job_type, title]),
        transport_subsidy=bool(transport_subsidy), subsidy=bool(subsidy), expires=expires, full=full,
    )
