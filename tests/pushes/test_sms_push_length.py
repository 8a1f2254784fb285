"""A push of three items rendered for SMS (the fallback when WeChat cannot take it) stays within two parts in
every locale, however long the titles and reasons are: titles and the one reason SMS has room for are cut."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from dialogs import engine
from dialogs.i18n import LOCALES, render
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import Inbound, StepContext

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


def item(n: int, kind: str, locale: str) -> dict[str, Any]:
    """Long titles: Chinese ones for Chinese users, English (GSM-7) ones for English users."""
    title = "毕节市威宁县草海镇生态护林员公益性岗位" * 2 if locale == "zh_CN" else "Forest ranger, Caohai reserve " * 3
    common = {"ref": f"{kind[0]}{n}", "kind": "public_welfare" if kind == "vacancy" else "upgrade",
              "title": title, "place": "毕节市威宁彝族回族苗族自治县",
              "reasons": [{"key": "match.reason.public_welfare_older", "params": {}},
                          {"key": "match.reason.job_type", "params": {"job": "护林员"}}]}
    if kind == "vacancy":
        return common | {"item": "vacancy", "employer": "威宁县林业和草原局", "salary_min": 12500, "salary_max": 13200}
    subsidy = "免学费, 每年助学金2000元" if locale == "zh_CN" else "No fees, 2000 a year"
    return common | {"item": "training", "provider": "毕节技师学院", "subsidy": subsidy}


@pytest.mark.parametrize("locale", sorted(LOCALES))
@pytest.mark.parametrize("trigger", ["import", "job_loss", "checkin"])
def test_a_pushed_list_of_three_fits_two_sms_parts(locale: str, trigger: str) -> None:
    ctx = StepContext(now=NOW, today=date(2026, 11, 26), channel="sms", locale=locale)
    inbound = Inbound(channel="sms", address="", kind="event", dedup_key="k", received_at=NOW,
                      event="jobs.push_items.result", transport="internal",
                      payload={"status": "ok", "trigger": trigger,
                               "items": [item(1, "vacancy", locale), item(2, "training", locale),
                                         item(3, "vacancy", locale)]})
    state = engine.new_state(locale) | {"consent": {"given": True}}
    result = engine.step(state, inbound, ctx)
    sms = "\n".join(render(m, locale, "sms") for m in result.outbound)
    assert sms.count("\n") == 4 and parts(sms) <= MAX_PARTS, sms
    assert result.state["awaiting"] == "jobs"


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_a_pushed_job_paying_less_than_wanted_shows_its_pay_whole_and_the_details_say_so(locale: str) -> None:
    """"2500-3200元/月(比您要的4000少)" cut to fit the line was "2500-3200元…": the pay itself cut."""
    ctx = StepContext(now=NOW, today=date(2026, 11, 26), channel="sms", locale=locale)
    jobs = [item(n, "vacancy", locale) | {"salary_min": 2500, "salary_max": 3200, "pay_expected": 4000}
            for n in (1, 2, 3)]
    inbound = Inbound(channel="sms", address="", kind="event", dedup_key="k", received_at=NOW,
                      event="jobs.push_items.result", transport="internal",
                      payload={"status": "ok", "trigger": "import", "items": jobs})
    state = engine.new_state(locale) | {"consent": {"given": True}}
    result = engine.step(state, inbound, ctx)
    sms = "\n".join(render(m, locale, "sms") for m in result.outbound)
    assert sms.count("2500-3200") == 3 and "…" not in sms.split("2500-3200")[1][:6], sms
    assert parts(sms) <= MAX_PARTS, sms
    ctx = StepContext(now=NOW, today=date(2026, 11, 26), channel="sms", locale=locale)
    detail = engine.step(result.state, Inbound(channel="sms", address="", kind="text", dedup_key="k2",
                                               received_at=NOW, text="1"), ctx)
    told = "\n".join(render(m, locale, "sms") for m in detail.outbound)
    assert "4000" in told, told
