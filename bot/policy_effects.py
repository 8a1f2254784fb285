"""The effect of a question about money that names none (`policy.subsidies`, dialogs/policy/subsidies.py): what
the person's record says that decides which subsidies fit, handed back to the dialog (never logged)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from bot.effects import EffectContext, handles
from dialogs.matching.profile import birth_and_sex
from dialogs.matching.types import age_on
from dialogs.policy.subsidies import LOOKUP
from dialogs.types import DialogEvent
from storage import info_forms
from storage.models import InfoForm, UnemploymentRegistration

# The first two digits of a division code: its province.
_PROVINCE = 2


@handles(LOOKUP)
async def _subsidies(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    form = await ctx.session.scalar(select(InfoForm).where(InfoForm.person_id == ctx.person_id))
    if form is None:
        return {"status": "no_profile"}
    record = info_forms.form_record(form, ctx.cipher)
    id_number = record.get("id_number")
    born = birth_and_sex(id_number) if isinstance(id_number, str) and len(id_number) == 18 else None
    status = record.get("employment_status")
    if status == "employed":
        insured = {"yes": True, "no": False}.get(str(record.get("social_insurance")))
    else:
        # Whether they paid unemployment insurance, as their last job-loss registration says.
        told = await ctx.session.scalar(
            select(UnemploymentRegistration.insured).where(UnemploymentRegistration.person_id == ctx.person_id)
            .order_by(UnemploymentRegistration.id.desc()).limit(1))
        insured = {"yes": True, "no": False}.get(str(told))
    home, work = _code(record.get("home_division")), _code(record.get("work_division"))
    needs = record.get("service_needs")
    return {"status": "ok", "facts": {
        "status": status,
        "age": age_on(born[0], ctx.today) if born else None,
        "insured": insured,
        "needs": list(needs) if isinstance(needs, list) else [],
        "scope": record.get("preferred_scope"),
        "away": bool(status == "employed" and home and work and home[:_PROVINCE] != work[:_PROVINCE]),
    }}


def _code(value: Any) -> str | None:
    """A division as the form keeps it: a code, or {"code": …, "name": …}."""
    if isinstance(value, Mapping):
        value = value.get("code")
    return str(value) if value else None
