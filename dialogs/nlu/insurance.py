"""Insurance the person pays themselves (社保是自己在老家交的): read the same at the check-in and in the survey."""

from __future__ import annotations

import re

from dialogs.forms import squash
from dialogs.nlu.intents import INSURANCE_WAIVED

# 社保是自己在老家交的, 自己交的农保, 交的是城乡居民的: insurance paid by the person (城乡居民 pension and medical
# cover, or as a flexible worker), not by the employer, whose duty it is for an employee.
_SELF_PAID = re.compile(r"自己(?:在|回)?(?:老家|家里|家|村里|镇上)?(?:交|缴|买|掏)|(?:老家|村里|家里)(?:交|缴|买)|"
                        r"城乡居民|新农合|农村合作医疗|农保|合作医疗|以灵活就业")


def self_paid_insurance(text: str) -> bool:
    """社保是自己在老家交的: the person pays their own insurance (see _SELF_PAID)."""
    return ("自己" in text or "老家" in text or "农" in text or "居民" in text or "合作" in text or "村里" in text
            or "家里" in text or "灵活" in text) and _SELF_PAID.search(squash(text)) is not None


# 厂里给交了, 公司买的, 车间也交了: the employer pays (beside what the person pays at home).
_EMPLOYER_PAYS = re.compile(r"(?:单位|厂里?|公司|老板|车间)(?:也|都)?(?:给|帮)?(?:我们?)?(?:交|缴|买)")


def self_paid_only(text: str) -> bool:
    """自己交的城乡居民: insurance the person pays, and none said to be paid by the employer (厂里也交了)."""
    return self_paid_insurance(text) and _EMPLOYER_PAYS.search(squash(text)) is None


_WAIVED = re.compile(INSURANCE_WAIVED)


def waives_insurance(text: str) -> bool:
    """老板要我们签自愿放弃社保的协议: a waiver of social insurance, asked or signed (void: the duty stands)."""
    return _WAIVED.search(squash(text)) is not None
