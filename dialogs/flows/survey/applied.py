"""Work found through an application made in the chat (pure): "去假发车间上班了" from someone who applied for
「假发加工」 at the 六都寨镇 workshop. The item's employer, place, job and way of working are the new job's, so
that the survey does not ask where and for whom (it asked "您在哪里工作?" of work the service itself had found)."""

from __future__ import annotations

import re
from typing import Any

from dialogs import nlu
from dialogs.flows.survey.fields import place_value
from dialogs.types import JsonDict

# The jobs list's state, and the item last applied for in it (dialogs/flows/jobs.py: NAME, APPLIED_ITEM; not imported:
# the jobs flow is the survey's caller).
_JOBS, _APPLIED = "jobs", "applied_item"
# The item pointed at without its name: 报名的那个, 我报的那个活, 你们介绍的.
_THAT_ONE = re.compile(r"(?<!举)报了?名?的(?=那|这|活|工作|厂)|报了?名的"
                       r"|(?:你们|您们)?(?:介绍|推荐)的(?:那个|那家|活|工作)?|上次那个")
# Title heads that say only a kind of work any item may be (普工, 保安): no sign it is the one applied for.
_KIND_ONLY = frozenset({"普工", "工人", "保安", "保洁", "服务", "销售", "操作", "技术", "学徒", "司机", "厨师", "杂工"})
# The item's kinds as the form's ways of working (a factory's is migrant work only away from home: asked).
_FORMS = {"workshop": "workshop", "public_welfare": "public_welfare", "home_based": "flexible", "flexible": "flexible"}
_HEAD = 2


def applied_item(state: JsonDict) -> JsonDict | None:
    js = state.get(_JOBS)
    item = js.get(_APPLIED) if isinstance(js, dict) else None
    return item if isinstance(item, dict) and item.get("item") == "vacancy" and item.get("title") else None


def named(item: JsonDict, text: str) -> bool:
    """Whether the words name the item: its title, its title's first word when that is not a mere kind of work,
    or 报名的那个."""
    said = nlu.normalize(text).replace(" ", "")
    title = str(item.get("title") or "")
    head = title[:_HEAD]
    return title in said or (len(head) == _HEAD and head not in _KIND_ONLY and head in said) or (
        _THAT_ONE.search(said) is not None)


def taken_job_facts(state: JsonDict, text: str) -> dict[str, Any]:
    """The new job's answers from the item applied for, when the words name it; empty otherwise."""
    item = applied_item(state)
    if item is None or not named(item, text):
        return {}
    facts: dict[str, Any] = {"employer": item.get("employer") or None, "job_type": item["title"],
                             "work_place": item.get("address") or None}
    place = nlu.resolve_place(str(item.get("place") or ""))
    if place is not None:
        facts["work_division"] = place_value(place)
    if (way := _FORMS.get(str(item.get("kind") or ""))) is not None:
        facts["employment_form"] = way
    return {key: value for key, value in facts.items() if value}
