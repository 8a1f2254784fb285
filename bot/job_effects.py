"""The effects of the jobs dialog: ranking the person's best items (`jobs.match`) and applying (`jobs.apply`).

Both answer the dialog with a payload (fed back as `<kind>.result`, bot/effects.py). What the chat shows is
read from the items' rows in this transaction, so an item closed, expired or full since the index was built
is never offered; what it offered is recorded (never pushed later, storage/matches.py).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from bot.casework import alert_about, responsible_caseworker
from bot.casework.alerts import ALERT_LOCALE, QUOTED_CHARS, quoted, shorten
from bot.casework.responsibility import UNASSIGNED
from bot.effects import EffectContext, handles
from bot.job_board import JobBoard
from dialogs.flows.jobs import LISTED, WITHDRAW
from dialogs.flows.jobs_text import FAR
from dialogs.i18n import catalog
from dialogs.matching.employers import MIN_CORE, core, same_employer
from dialogs.matching.engine import pay_short_of
from dialogs.matching.index import OpeningIndex
from dialogs.matching.job_types import job_types
from dialogs.matching.profile import refused_in, without_refused
from dialogs.matching.types import ItemKind, Scored, Seeker, county_of, province_of
from dialogs.place_names import region_name
from dialogs.types import DialogEvent
from storage import jobs, matches
from storage.models import Caseworker, InfoForm, JobApplication, Vacancy

log = logging.getLogger(__name__)

# Ranked beyond what is shown, so that items found full or closed on their row can be skipped.
_SPARE = 3


async def item_index(ctx: EffectContext) -> tuple[OpeningIndex, JobBoard | None]:
    if ctx.board is not None:
        return await ctx.board.index(ctx.session, ctx.today, ctx.now), ctx.board
    # No board (a unit of work run outside the app): rank from the rows, as the board would.
    rows = await jobs.live_items(ctx.session, ctx.today)
    return OpeningIndex(jobs.as_opening(row) for row in rows), None


def shown_with(seeker: Seeker, scored: Scored) -> dict[str, Any]:
    """What the chat shows besides the item's row: why it fits, the pay the person expects when it pays less, and
    where an item in another province than their home is (浙江宁波: the list says it is far; it said 宁波市北仑区
    alone)."""
    shown: dict[str, Any] = {"reasons": [reason.to_json() for reason in scored.reasons]}
    home, there = province_of(seeker.home_division), province_of(scored.opening.division)
    if home is not None and there is not None and home != there and (region := region_name(scored.opening.division)):
        shown[FAR] = region
    expected = pay_short_of(seeker, scored.opening)
    if expected is not None and seeker.earning_now is not None:
        shown["pay_now"] = seeker.earning_now  # someone in work: no more than they earn now
    elif expected is not None:
        shown["pay_expected"] = expected
    return shown


@handles("jobs.match")
async def _match(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    data = event.data
    item = data.get("item") if data.get("item") in ("vacancy", "training") else None
    wishes = [str(w) for w in data.get("wishes") or ()]
    answers = data.get("answers") if isinstance(data.get("answers"), Mapping) else None
    seeker = await matches.load_seeker(ctx.session, ctx.cipher, ctx.person_id, answers=answers, wishes=wishes)
    if seeker is None:
        return {"status": "no_profile"}
    index, board = await item_index(ctx)
    said = data.get("age")
    age = said if isinstance(said, int) and not isinstance(said, bool) and 0 < said < 120 and (
        seeker.birth_date is None) else None
    unaged = seeker
    if age is not None:
        # 我62了 有啥活干 before the ID number gives the age: the age said is the one matched on.
        seeker = replace(seeker, birth_date=born_at(age, ctx.today))
    # What they applied for is theirs already (the follow-up asks how it went): never suggested again.
    exclude = [str(ref) for ref in data.get("exclude") or ()] + await jobs.applied_refs(ctx.session, ctx.person_id)
    exclude += await own_employers_vacancies(ctx, answers)  # 想换个活: never where they work now
    refused = {group for wish in wishes for group in refused_in(wish)}
    if refused:
        # 焊工我学不了 / 我不想干保洁了: none of that trade (its words were no wish: profile.without_refused)
        exclude += [o.ref for o in index.openings if not refused.isdisjoint(o.job_words)]
    ranked = index.top(seeker, ctx.today, LISTED + _SPARE, item=item, exclude=exclude)
    if seeker.leaving:
        # 想换个活 from a cleaner: other work first, cleaning after it (it came first, near home as it is)
        same = {o.ref for o in index.openings if not seeker.leaving.isdisjoint(o.job_words)}
        others = index.top(seeker, ctx.today, LISTED + _SPARE, item=item, exclude=[*exclude, *same])
        ranked = [*others, *(s for s in ranked if s.opening.ref in same)][:LISTED + _SPARE]
    rows = await jobs.items_by_ref(ctx.session, [s.opening.ref for s in ranked])
    shown: list[dict[str, Any]] = []
    unavailable: list[str] = []
    for scored in ranked:
        row = rows.get(scored.opening.ref)
        if row is None or not jobs.is_live(row, ctx.today) or not jobs.has_place(row):
            unavailable.append(scored.opening.ref)
            continue
        if len(shown) < LISTED:
            shown.append(jobs.details(row) | shown_with(seeker, scored))
    if board is not None and unavailable:
        board.mark_full(unavailable)
    await matches.record_offers(ctx.session, ctx.person_id, [i["ref"] for i in shown], via="chat", now=ctx.now)
    log.info("jobs: %d of %d live item(s) shown", len(shown), len(index))
    closed = await closed_of_trade(ctx, seeker, wishes, item, shown)
    said_closed: dict[str, Any] = {"closed": closed} if closed else {}
    if age is not None:
        # What the age said left out of what would have been listed, to say so (only the live ones).
        kept = {s.opening.ref for s in ranked}
        beyond = [s.opening for s in index.top(unaged, ctx.today, LISTED, item=item, exclude=exclude)
                  if s.opening.ref not in kept and not _ages_take(s.opening.age_min, s.opening.age_max, age)]
        left_out = await jobs.items_by_ref(ctx.session, [o.ref for o in beyond])
        titles = [row.title for o in beyond
                  if (row := left_out.get(o.ref)) is not None and jobs.is_live(row, ctx.today)]
        return {"status": "ok", "items": shown, "age": age, "age_excluded": titles, **said_closed}
    return {"status": "ok", "items": shown, **said_closed}


# How long ago a sign-up may have closed and still be told of (没有家政的吗 after the 家政 course closed last week).
CLOSED_LATELY = timedelta(days=60)


async def closed_of_trade(ctx: EffectContext, seeker: Seeker, wishes: list[str], item: str | None,
                          shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """没有家政的吗: the items of the trade the request names (not the form's) whose sign-up closed lately, in the
    person's home county when it is known, when none of that trade is listed: the latest, to say it closed (it was
    never mentioned)."""
    asked = set(job_types().groups([without_refused(wish) for wish in wishes]))
    if not asked:
        return []
    listed = job_types().groups([str(i.get("title") or "") + " " + str(i.get("job_type") or "") for i in shown])
    if not asked.isdisjoint(listed):
        return []
    county = county_of(seeker.home_division)
    kind: ItemKind | None = "vacancy" if item == "vacancy" else "training" if item == "training" else None
    for row in await jobs.closed_since(ctx.session, ctx.today - CLOSED_LATELY, ctx.today, kind):
        if county is not None and not (str(row.division).startswith(county) or county.startswith(str(row.division))):
            continue  # (a course of the prefecture is near a home in one of its counties)
        if not asked.isdisjoint(job_types().groups([row.title, row.job_type])) and row.expires is not None:
            return [{"title": row.title, "expires": row.expires.isoformat()}]
    return []


def born_at(age: int, today: date) -> date:
    """A birth date of someone `age` years old today (29 February taken as the 28th)."""
    return date(today.year - age, today.month, min(today.day, 28) if today.month == 2 else today.day)


def _ages_take(low: int | None, high: int | None, age: int) -> bool:
    return (low is None or age >= low) and (high is None or age <= high)


async def own_employers_vacancies(ctx: EffectContext, answers: Mapping[str, Any] | None) -> list[str]:
    """The open vacancies of the employer someone in work works for (as their form, or the answers so far, names it:
    鑫安物业 is 威宁鑫安物业有限公司)."""
    form = await ctx.session.scalar(select(InfoForm).where(InfoForm.person_id == ctx.person_id))
    record: Mapping[str, Any] = (form.data or {}) | {"employment_status": form.employment_status} if form else (
        answers or {})
    mine = core(str(record.get("employer") or "")) if record.get("employment_status") == "employed" else ""
    if not mine:
        return []
    # Candidates share the name's first characters; same_employer decides (either name may be the longer).
    rows = await ctx.session.execute(select(Vacancy.id, Vacancy.employer).where(
        Vacancy.status == "open", Vacancy.employer.contains(mine[:MIN_CORE], autoescape=True)))
    return [f"v{vacancy_id}" for vacancy_id, employer in rows if same_employer(mine, employer)]


@handles("jobs.apply")
async def _apply(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    ref = str(event.data.get("ref") or "")
    result = await jobs.apply(ctx.session, person_id=ctx.person_id, ref=ref, channel=ctx.channel, now=ctx.now,
                              today=ctx.today)
    row = result.item
    if ctx.board is not None and row is not None and (result.status == "full" or not jobs.has_place(row)):
        ctx.board.mark_full([ref])
    # Who follows it up, named to the person (as the registration names them): it said only 负责您的工作人员.
    caseworker = await caseworker_name(ctx) if result.status == "applied" else None
    return {
        "status": result.status,
        "ref": ref,
        "application_id": result.application_id,
        "item": "vacancy" if ref.startswith("v") else "training",
        "kind": row.kind if row is not None else None,
        "title": row.title if row is not None else "",
        "organisation": (row.employer if isinstance(row, Vacancy) else row.provider) if row is not None else "",
        "contact": result.contact(ctx.cipher),
        "caseworker": caseworker,
    }


async def caseworker_name(ctx: EffectContext) -> str | None:
    """The name of the person's responsible caseworker (the one their application alert goes to); None while the
    work is held by a stand-in (nobody imported covers them yet)."""
    owner = await ctx.session.get(Caseworker, await responsible_caseworker(ctx.session, ctx.person_id))
    return owner.name if owner is not None and owner.role != UNASSIGNED else None


@handles(WITHDRAW)
async def _withdraw(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    """取消报名: whether the person has an application still open (the caseworker withdraws it); the words said are
    handed back for the caseworker's alert."""
    found = await ctx.session.scalar(select(JobApplication.id).where(
        JobApplication.person_id == ctx.person_id, JobApplication.status == "applied").limit(1))
    return {"status": "open" if found is not None else "none", "said": str(event.data.get("said") or "")}


def _with_course_over(note: str, course_ends: Any) -> str:
    """过完年才能去 of a course that ends before the Spring Festival: the quoted words, and that it will be over
    (dialogs/flows/jobs.py over_by_new_year), within the length a quote may take."""
    try:
        ends = date.fromisoformat(str(course_ends)) if course_ends else None
    except ValueError:
        ends = None
    if ends is None:
        return note
    added = catalog(ALERT_LOCALE).get("alert.course_over").format(month=ends.month, day=ends.day)
    return shorten(note, QUOTED_CHARS - len(added)) + added


@handles("application_note")
async def _application_note(ctx: EffectContext, event: DialogEvent) -> None:
    """过完年才能去哈, said with or just after an application: to the responsible caseworker with it (an alert of the
    application's kind, worded as a note), any ID or phone number in it masked, like a referred question."""
    note = _with_course_over(quoted(event.data.get("note")), event.data.get("course_ends"))
    application_id = event.data.get("application_id")
    digest = hashlib.blake2b(note.encode(), digest_size=8).hexdigest()
    await alert_about(
        ctx.session, ctx.cipher, caseworker_id=await responsible_caseworker(ctx.session, ctx.person_id),
        kind="application_made", template="application_question" if event.data.get("asked") else "application_note",
        person_id=ctx.person_id, now=ctx.now,
        dedup_key=f"application:{application_id}:note:{digest}", title=str(event.data.get("title") or ""),
        application=application_id, note=note,
    )


@handles("application_made")
async def _application_made(ctx: EffectContext, event: DialogEvent) -> None:
    """Tell the responsible caseworker (bot/casework/): who applied for what, to help them get it, and what the
    person said with it (报名1 过完年才能去: one alert carrying both, numbers masked)."""
    application_id = event.data.get("application_id")
    note = _with_course_over(quoted(event.data["note"]), event.data.get("course_ends")) if event.data.get(
        "note") else None
    await alert_about(
        ctx.session, ctx.cipher, caseworker_id=await responsible_caseworker(ctx.session, ctx.person_id),
        kind="application_made", person_id=ctx.person_id, now=ctx.now, dedup_key=f"application:{application_id}",
        title=str(event.data.get("title") or ""), organisation=str(event.data.get("organisation") or ""),
        application=application_id, template="application_made_note" if note else None, note=note or "",
    )
