"""Every message the dialogs can say, rendered for SMS in every shipped locale, fits the SMS budget.

Generic on purpose: it walks whatever keys `all_catalog_keys()` returns (flows grow), renders each with
representative parameters, and with the numbered options it is sent with where the wiring says so
(form fields with choices, the menu, the consent question). Target: one message (70 UCS-2 or 160 GSM-7
characters); never more than two parts. Keys that have to take two parts are listed in TWO_PARTS_OK.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dialogs import engine
from dialogs.flows.survey.flow import CONSENT_OPTIONS
from dialogs.i18n import LOCALES, catalog, render, template_fields
from dialogs.sms_text import GSM7, MAX_PARTS, UCS2, coding_for, length, parts
from dialogs.types import Outbound

# Parameters as they look in real use (a summary of a few answered fields, a county and township, …).
REPRESENTATIVE: dict[str, dict[str, str]] = {
    "zh_CN": {
        "version": "2026-11", "count": "9", "left": "2", "place": "贵州省毕节市", "items": "在东莞电子厂上班",
        "lines": "1. 姓名: 王小明\n2. 手机号: 138****5678\n3. 就业状态: 在工作",
        "follows": "已报名, 工作人员欧阳书记",  # jobs.follows_applied_named, the longest of jobs.follows_*
    },
    "en": {
        "version": "2026-11", "count": "9", "left": "2", "place": "Bijie, Guizhou", "items": "working in Dongguan",
        "lines": "1. Name: Wang Xiaoming\n2. Phone: 138****5678\n3. Work status: Working",
        "follows": "You applied: caseworker Ouyang",
    },
}
FALLBACK = {"zh_CN": "长安镇电子厂", "en": "Chang'an plant"}
# Messages whose content is the person's own data and cannot be shortened further.
TWO_PARTS_OK = frozenset({"survey.summary"})


def _params(locale: str, template: str) -> dict[str, str]:
    known = REPRESENTATIVE[locale]
    return {name: known.get(name, FALLBACK[locale]) for name in template_fields(template)}


def _messages() -> Iterator[tuple[str, Outbound]]:
    """(key, message) for every key, plus the option lists keys are sent with."""
    with_options: dict[str, tuple[str, ...]] = {"menu.title": tuple(label for _, label in engine.MENU)}
    with_options["survey.consent.notice"] = CONSENT_OPTIONS
    for flow in engine.FLOWS.values():
        form = getattr(flow, "form", None)
        for f in getattr(form, "fields", ()):
            if f.choices:
                labels = tuple(c.label for c in f.choices)
                with_options[f.prompt] = labels
                with_options[f.reprompt] = labels
    for key in sorted(engine.all_catalog_keys()):
        yield key, Outbound(key=key, options=with_options.get(key, ()))


def _budget(locale: str, text: str) -> tuple[int, int]:
    """(one message, per part) for this text: GSM-7 limits only for English text that is pure GSM-7."""
    coding = coding_for(text) if locale == "en" else UCS2
    return (GSM7.single, GSM7.per_part) if coding is GSM7 else (UCS2.single, UCS2.per_part)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_prompt_fits_one_sms_or_at_most_two_parts(locale: str) -> None:
    too_long: list[str] = []
    two_parts: list[str] = []
    cat = catalog(locale)
    for key, message in _messages():
        template = cat.get(key, "sms")
        message = Outbound(key=key, params=_params(locale, template), options=message.options)
        text = render(message, locale, "sms")
        single, per_part = _budget(locale, text)
        n = length(text, coding_for(text))
        if n > single:
            count = -(-n // per_part)
            (too_long if count > MAX_PARTS else two_parts).append(f"{key} ({n} chars, {count} parts)")
    assert not too_long, f"{locale}: more than two SMS parts: {too_long}"
    unexpected = [k for k in two_parts if k.split(" ")[0] not in TWO_PARTS_OK]
    assert not unexpected, f"{locale}: add a short sms.<key> variant for {unexpected}"


def test_the_walk_covers_every_key_and_both_codings() -> None:
    keys = {key for key, _ in _messages()}
    assert keys == engine.all_catalog_keys()
    assert "link.ask" in keys and "menu.title" in keys
    assert parts("长" * 70) == 1 and parts("长" * 71) == 2 and parts("长" * 134) == 2 and parts("长" * 135) == 3
    assert parts("a" * 160) == 1 and parts("a" * 161) == 2 and parts("a" * 306) == 2
    assert coding_for("Reply 1 to agree") is GSM7 and coding_for("Reply 1 to agree…") is UCS2
