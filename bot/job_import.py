"""`jiuye vacancies import FILE` and `jiuye trainings import FILE`: CSV or XLSX, upserted by `external_id`.

Every row is checked first; a bad row is reported with its line and reason and skipped, the good ones go in
(in one transaction). Re-importing a file changes nothing; a changed row is updated. Rows whose `expires`
date has passed are stored retired (`expired`), and so is every open item already stored whose date has
passed. An item closed by hand (status `closed`) stays closed when a file names it again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, cast

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.roster import division_code
from bot.table_file import RowProblem, read_table
from dialogs import nlu
from dialogs.i18n import catalog
from dialogs.matching.types import TRAINING_KINDS, VACANCY_KINDS
from storage.crypto import FieldCipher
from storage.models import Training, Vacancy

log = logging.getLogger(__name__)

Table = Literal["vacancies", "trainings"]
_COMMON: dict[str, tuple[str, ...]] = {
    "external_id": ("编号", "岗位编号", "项目编号", "external_id", "id"),
    "title": ("名称", "岗位名称", "培训名称", "项目名称", "title"),
    "kind": ("类型", "岗位类型", "培训类型", "kind"),
    "division": ("地区", "工作地点", "所在地", "division"),
    "age_min": ("最小年龄", "年龄下限", "age_min"),
    "age_max": ("最大年龄", "年龄上限", "age_max"),
    "job_type": ("工种", "专业", "job_type"),
    "contact_phone": ("联系电话", "联系方式", "contact_phone"),
    "share_contact": ("公开电话", "公开联系电话", "share_contact"),
    "expires": ("截止日期", "有效期至", "有效期", "expires"),
}
COLUMNS: dict[Table, dict[str, tuple[str, ...]]] = {
    "vacancies": _COMMON | {
        "employer": ("用人单位", "单位", "企业", "employer"),
        "address": ("详细地址", "地址", "address"),
        "salary_min": ("最低工资", "工资下限", "salary_min"),
        "salary_max": ("最高工资", "工资上限", "salary_max"),
        "headcount": ("招聘人数", "人数", "headcount"),
        "requirements": ("要求", "岗位要求", "requirements"),
        "transport_subsidy": ("交通补助", "交通补贴", "transport_subsidy"),
    },
    "trainings": _COMMON | {
        # Where the course is held, as the file says it (草海镇职教中心): its township, when it names one inside the
        # 地区, is where the course is, not the county; the words themselves are the training's address.
        "place": ("培训地点", "上课地点", "培训地址", "详细地址", "地址", "address"),
        "provider": ("培训机构", "承办单位", "学校", "provider"),
        "starts": ("开始日期", "开班日期", "starts"),
        "ends": ("结束日期", "结业日期", "ends"),
        "education_min": ("最低学历", "学历要求", "education_min"),
        "subsidy": ("补贴", "培训补贴", "subsidy"),
        "seats": ("名额", "招生人数", "seats"),
    },
}
REQUIRED: dict[Table, tuple[str, ...]] = {
    "vacancies": ("external_id", "title", "employer", "kind", "division"),
    "trainings": ("external_id", "title", "provider", "kind"),  # and 地区 or 培训地点 (validate)
}
KIND_NAMES: dict[Table, dict[str, str]] = {
    "vacancies": {
        "工厂": "factory", "企业": "factory", "进厂": "factory", "扶贫车间": "workshop", "车间": "workshop",
        "公益岗位": "public_welfare", "公益性岗位": "public_welfare", "公益岗": "public_welfare",
        "以工代赈": "public_welfare", "居家就业": "home_based", "居家": "home_based", "灵活就业": "flexible",
        "零工": "flexible", "就业基地": "employment_base", "劳务协作": "cross_province",
        "跨省": "cross_province", "省外": "cross_province",
    } | {k: k for k in VACANCY_KINDS},
    "trainings": {
        "劳动预备制": "pre_employment", "劳动预备制培训": "pre_employment", "岗前培训": "pre_job",
        "岗前": "pre_job", "订单培训": "order_based", "订单": "order_based", "岗位技能提升": "upgrade",
        "岗位技能提升培训": "upgrade", "技能提升": "upgrade", "技工院校": "technical_school",
        "技校": "technical_school", "技工学校": "technical_school",
    } | {k: k for k in TRAINING_KINDS},
}
EDUCATION = {
    "不限": "none", "无": "none", "none": "none", "小学": "primary", "primary": "primary", "初中": "junior",
    "junior": "junior", "高中": "senior", "senior": "senior", "中专": "vocational", "中职": "vocational",
    "技校": "vocational", "vocational": "vocational", "大专": "college", "专科": "college", "本科": "college",
    "college": "college",
}
_YES = frozenset({"是", "y", "yes", "1", "true", "公开", "可以", "允许"})
_NO = frozenset({"否", "n", "no", "0", "false", "不公开", "不", "不允许", ""})
_NOTHING = frozenset({"", "无", "没有", "否", "0", "no", "none", "-", "/"})
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")
# 2026-12-31, 2026/12/31, 2026年12月31日, 20261231; a date cell of a workbook reads "2026-12-31 00:00:00".
_DATE = re.compile(
    r"(?:(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})\D*|(\d{4})(\d{2})(\d{2}))(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
)
_LOOKUP_CHUNK = 500
_TEXT_LIMITS = {"external_id": 64, "title": 100, "employer": 100, "provider": 100, "address": 200, "place": 200,
                "job_type": 100, "transport_subsidy": 64, "subsidy": 64}


class BadRow(ValueError):
    """A row that cannot go in: why, as a catalog key (`console.import_row.<key>`) and its values; the message is
    the English reason (the command line's, the API's)."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(row_reason(key, params, "en"))


def row_reason(key: str, params: Mapping[str, Any], locale: str) -> str:
    """Why a row was not imported, in `locale` (the console's page is in Chinese: it said "bad salary_min '很多'"). A
    column (`column`, `header`) is named by its Chinese header; in English (the command line's and the API's words,
    as they were) `column` is its key and `header` both (名称 (title))."""
    field = params.get("column")
    if isinstance(field, str):
        name = next((names[0] for names in (COLUMNS["vacancies"].get(field), COLUMNS["trainings"].get(field))
                     if names), field)
        chinese = locale == "zh_CN"
        params = {**params, "column": name if chinese else field, "header": name if chinese else f"{name} ({field})"}
    return catalog(locale).get(f"console.import_row.{key}").format(**params)


def _column(key: str) -> dict[str, str]:
    """A column named in a reason, by its key (row_reason names it)."""
    return {"column": key}


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    invalid: list[RowProblem] = field(default_factory=list)

    def summary(self) -> str:
        return (f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
                f"retired {self.retired}, invalid {len(self.invalid)}")


# -- cells ---------------------------------------------------------------------------------------------------

def _number(text: str, what: str, *, money: bool = False, low: int = 0, high: int = 10**7) -> int | None:
    if not text:
        return None
    plain = re.sub(r"[,，\s]|元|/月|每月|人|岁|名", "", text)
    # (² is a digit to str.isdigit, and no number to int())
    value = int(plain) if plain.isdecimal() else (nlu.parse_amount(text) if money else None)
    if value is None or not low <= value <= high:
        raise BadRow("bad_number", value=text[:20], **_column(what))
    return value


def _date(text: str, what: str) -> date | None:
    if not text:
        return None
    match = _DATE.fullmatch(text.strip())
    if match:
        y, m, d = (match.group(1), match.group(2), match.group(3)) if match.group(1) else match.group(4, 5, 6)
        try:
            return date(int(y), int(m), int(d))
        except ValueError:
            pass
    raise BadRow("bad_date", value=text[:20], **_column(what))


def _phone(text: str) -> str | None:
    if not text:
        return None
    mobile = nlu.parse_phone(text)
    if mobile is not None:
        return mobile
    landline = _LANDLINE.fullmatch(re.sub(r"[\s()（）]", "", text))
    if landline:
        return landline.group(0)
    raise BadRow("bad_phone")


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise BadRow("bad_flag", value=text[:10])


def _optional_text(text: str) -> str | None:
    return None if text.strip().lower() in _NOTHING else text.strip()


def validate(table: Table, line: int, cells: Mapping[str, str], seen: dict[str, int]) -> dict[str, Any] | RowProblem:
    """The row as column values for its model, or the reason it cannot go in."""
    external_id = cells.get("external_id", "")
    try:
        for key in REQUIRED[table]:
            if not cells.get(key):
                raise BadRow("missing", **_column(key))
        for key, limit in _TEXT_LIMITS.items():
            if len(cells.get(key, "")) > limit:
                raise BadRow("too_long", limit=limit, **_column(key))
        if external_id in seen:
            raise BadRow("duplicate", value=external_id, other=seen[external_id])
        kind = KIND_NAMES[table].get(cells["kind"].strip().lower()) or KIND_NAMES[table].get(cells["kind"].strip())
        if kind is None:
            raise BadRow("unknown_kind", value=cells["kind"][:20])
        division = _division(cells)
        values: dict[str, Any] = {
            "external_id": external_id, "title": cells["title"], "kind": kind, "division": division,
            "age_min": _number(cells.get("age_min", ""), "age_min", low=14, high=80),
            "age_max": _number(cells.get("age_max", ""), "age_max", low=14, high=80),
            "job_type": cells.get("job_type") or None,
            "contact_phone": _phone(cells.get("contact_phone", "")),
            "share_contact": _flag(cells.get("share_contact", "")),
            "expires": _date(cells.get("expires", ""), "expires"),
        }
        if values["age_min"] is not None and values["age_max"] is not None and values["age_min"] > values["age_max"]:
            raise BadRow("age_order")
        if table == "vacancies":
            values |= _vacancy(cells)
        else:
            values |= _training(cells) | {"address": _training_address(cells, division)}
    except BadRow as problem:
        return RowProblem(line, str(problem), key=problem.key, params=problem.params)
    seen[external_id] = line
    return values


def _division(cells: Mapping[str, str]) -> str:
    """The division of 地区, or the more specific one of a training's 培训地点 inside it (威宁县 and 草海镇职教中心:
    草海镇); 培训地点 alone when there is no 地区."""
    given, place = cells.get("division", ""), cells.get("place", "")
    if not given and not place:
        raise BadRow("missing", **_column("division"))
    division = division_code(given) if given else None
    if given and division is None:
        raise BadRow("unknown_division", value=given[:30])
    held = division_code(place) if place else None
    if held is None and place and division is not None:
        # 职教中心 named alone, or 草海镇职教中心 (a township is no place to the gazetteer on its own): the
        # township of the 地区 the place names.
        held = division_code(_county_name(division) + place)
    if held is not None and (division is None or (held.startswith(division) and len(held) > len(division))):
        return held
    if division is None:
        raise BadRow("unknown_division", value=place[:30])
    return division


def _training_address(cells: Mapping[str, str], division: str) -> str | None:
    """Where the course is held, as written (草海镇职教中心, 威宁县么站镇建设路8号), for the chat's 在哪培训; a place
    outside the item's 地区 (ignored for its division, above) is no address of it either."""
    place = _optional_text(cells.get("place", ""))
    if place is None:
        return None
    named = division_code(place)
    if named is not None and not (named.startswith(division) or division.startswith(named)):
        return None
    return place


def _county_name(code: str) -> str:
    path = nlu.place_path(code)
    return "".join(p.name for p in path) if path else ""


def _vacancy(cells: Mapping[str, str]) -> dict[str, Any]:
    low = _number(cells.get("salary_min", ""), "salary_min", money=True, high=200_000)
    high = _number(cells.get("salary_max", ""), "salary_max", money=True, high=200_000)
    if low is not None and high is not None and low > high:
        raise BadRow("salary_order")
    return {
        "employer": cells["employer"], "address": cells.get("address") or None, "salary_min": low,
        "salary_max": high, "headcount": _number(cells.get("headcount", ""), "headcount", low=1),
        "requirements": (cells.get("requirements") or None), "transport_subsidy":
        _optional_text(cells.get("transport_subsidy", "")),
    }


def _training(cells: Mapping[str, str]) -> dict[str, Any]:
    starts = _date(cells.get("starts", ""), "starts")
    ends = _date(cells.get("ends", ""), "ends")
    if starts and ends and starts > ends:
        raise BadRow("date_order")
    education = cells.get("education_min", "").strip()
    if education and education.lower() not in EDUCATION:
        raise BadRow("unknown_education", value=education[:10])
    return {
        "provider": cells["provider"], "starts": starts, "ends": ends,
        "education_min": EDUCATION[education.lower()] if education else None,
        "subsidy": _optional_text(cells.get("subsidy", "")),
        "seats": _number(cells.get("seats", ""), "seats", low=1),
    }


# -- writing -------------------------------------------------------------------------------------------------

MODEL: dict[Table, type[Vacancy] | type[Training]] = {"vacancies": Vacancy, "trainings": Training}


def _same(row: Vacancy | Training, values: Mapping[str, Any], cipher: FieldCipher) -> bool:
    for key, value in values.items():
        if key == "contact_phone":
            if cipher.decrypt_optional(row.contact_phone_enc) != value:
                return False
        elif getattr(row, key) != value:
            return False
    return True


async def import_items(
    table: Table, sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, path: Path, *, now: datetime,
    today: date, progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Validate every row, then upsert the good ones by external_id and retire what has expired."""
    total, records = await asyncio.to_thread(read_table, path, COLUMNS[table], REQUIRED[table])
    report = ImportReport()
    seen: dict[str, int] = {}
    valid: list[tuple[int, dict[str, Any]]] = []
    for done, (line, cells) in enumerate(records, 1):
        checked = validate(table, line, cells, seen)
        if isinstance(checked, RowProblem):
            report.invalid.append(checked)
        else:
            valid.append((line, checked))
        if progress is not None:
            progress(done, total)
    async with sessions() as session, session.begin():
        await upsert(session, table, cipher, valid, report, now=now, today=today, source="import",
                     source_file=os.path.basename(path)[:255])
    log.info("%s import: %s", table, report.summary())
    return report


async def upsert(
    session: AsyncSession, table: Table, cipher: FieldCipher, valid: Sequence[tuple[int | None, dict[str, Any]]],
    report: ImportReport, *, now: datetime, today: date, source: str, source_file: str | None = None,
) -> None:
    """Insert or update checked rows (`validate`) by external_id, and retire what has expired; counts go to
    `report`. What the importers, the console's import and the integration API's upsert share."""
    model = MODEL[table]
    existing: dict[str, Vacancy | Training] = {}
    ids = [values["external_id"] for _, values in valid]
    for i in range(0, len(ids), _LOOKUP_CHUNK):
        stored = await session.scalars(select(model).where(model.external_id.in_(ids[i : i + _LOOKUP_CHUNK])))
        existing |= {item.external_id: item for item in cast(Iterable[Vacancy | Training], stored)}
    for line, values in valid:
        expired = values["expires"] is not None and values["expires"] < today
        found = existing.get(values["external_id"])
        row: Vacancy | Training = found if found is not None else model(status="open", applied=0, created_at=now)
        status = row.status if row.status == "closed" else "expired" if expired else "open"
        if found is None:
            session.add(row)
            report.added += 1
        elif _same(found, values, cipher):
            if status == found.status:
                report.unchanged += 1
                continue
        else:
            report.updated += 1
        if status != row.status:
            report.retired += status == "expired"
            row.retired_at = now if status == "expired" else None
        for key, value in values.items():
            if key == "contact_phone":
                row.contact_phone_enc = cipher.encrypt_optional(value)
            else:
                setattr(row, key, value)
        row.status = status
        row.source, row.source_file, row.source_line, row.updated_at = source, source_file, line, now
    await session.flush()
    report.retired += await retire_expired(session, model, today=today, now=now)


async def close(session: AsyncSession, table: Table, external_id: str, *, now: datetime) -> bool:
    """Stop offering an item (the console's "expire"): status `closed`, which re-imports keep; False when no
    open item has this external_id."""
    model = MODEL[table]
    result = await session.execute(
        update(model).where(model.external_id == external_id, model.status == "open")
        .values(status="closed", retired_at=now, updated_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def retire_expired(
    session: AsyncSession, model: type[Vacancy] | type[Training], *, today: date, now: datetime
) -> int:
    """Open items whose date has passed become `expired`; returns how many."""
    result = await session.execute(
        update(model).where(model.status == "open", model.expires.is_not(None), model.expires < today)
        .values(status="expired", retired_at=now, updated_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

