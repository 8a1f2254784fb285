"""Someone in work who asks for other work is never offered their own employer's vacancies (by the name their
form records, whatever legal-form or workplace suffix either name carries)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot import keys
from dialogs.matching.employers import core, same_employer
from tests.fakes.identity import make_id
from tests.people import say
from tests.pushes.helpers import guard_job, import_vacancies

# A guard in work at 鑫安物业 in 威宁, by the survey question each answers.
AT_XINAN = {"consent": "同意", "name": "王小明", "id_number": make_id(seq=77), "phone": "13812345678",
            "home_division": "威宁", "home_village": "新发村三组", "employment_status": "1", "work_division": "威宁",
            "employer": "鑫安物业", "job_type": "保安", "monthly_income": "3000", "employment_form": "5",
            "started": "去年三月", "work_place": "草海镇", "contract_signed": "签了",
            "social_insurance": "交了", "wages_on_time": "按时发", "summary": "0"}


@pytest.mark.parametrize(("told", "posted", "same"), [
    ("鑫安物业", "威宁鑫安物业有限公司", True), ("美的厂", "美的集团股份有限公司", True),
    ("华为", "华为技术有限公司", True),
    ("威宁万家超市", "万家超市", True), ("鑫安物业", "鑫达物业公司", False), ("工地", "威宁建工工地", False),
    ("电子厂", "深圳宝安某电子厂", False), ("厂", "威宁某砖厂", False), (None, "威宁万家超市", False),
])
def test_one_employer_whatever_suffix_either_name_has(told: str | None, posted: str, same: bool) -> None:
    assert same_employer(told, posted) is same


def test_a_name_with_nothing_distinctive_left_names_no_employer() -> None:
    assert core("有限公司") == "" and core("电子厂") == "" and core("Foxconn Co., Ltd.") == "foxconn"


async def test_someone_in_work_asking_for_other_work_never_sees_their_own_employers_jobs(
    client: Any, tmp_path: Path
) -> None:
    app = client.server.app
    clock = app[keys.CLOCK]
    await say(app, "wechat", "wx-x", event="subscribe")
    said = await say(app, "wechat", "wx-x", "登记")
    for _ in range(30):
        if said.awaiting is None:
            break
        said = await say(app, "wechat", "wx-x", AT_XINAN.get(said.awaiting, "不知道"))
    assert said.awaiting is None and said.replies[0].startswith("谢谢! 您的信息已保存"), said
    await import_vacancies(app, tmp_path, [
        guard_job("WN-020", "小区保安", "威宁鑫安物业服务有限公司"), guard_job("WN-021", "超市保安")], clock.now())
    listed = await say(app, "wechat", "wx-x", "想换个活 有没有保安的活")
    text = "\n".join(listed.replies)
    assert "超市保安 (威宁万家超市)" in text and "鑫安" not in text, text
