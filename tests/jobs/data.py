"""The vacancies and trainings of the jobs tests: a county in Guizhou (威宁) and a factory in Shenzhen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.fakes.identity import make_id

# 10:00 on 2026-11-26 in Shanghai (tests/conftest.py's clock).
TODAY = date(2026, 11, 26)
# A man of 50 from 威宁 who wants work as a guard; a woman of 19 from a registered household in 威宁.
GUARD_SEEKER_ID = make_id("520526", date(1976, 3, 4), 11)  # odd sequence: a man
YOUTH_ID = make_id("520526", date(2007, 5, 6), 12)  # even sequence: a woman

VACANCY_HEADER = ["编号", "岗位名称", "用人单位", "类型", "地区", "详细地址", "最低工资", "最高工资", "招聘人数",
                  "最小年龄", "最大年龄", "工种", "要求", "联系电话", "公开电话", "交通补助", "截止日期"]
VACANCIES = [
    ["WN-001", "小区保安", "威宁鑫安物业公司", "工厂", "威宁县", "威宁县草海镇建设路8号", "2500", "3200", "3",
     "18", "60", "门卫 保安", "身体健康", "13800000001", "是", "", "2026-12-31"],
    ["SZ-001", "电子厂普工", "深圳宝安某电子厂", "劳务协作", "广东省深圳市宝安区", "", "4500", "6000", "200",
     "18", "35", "普工", "两班倒", "0755-12345678", "否", "500元", "2027-01-31"],
    ["WN-002", "生态护林员", "威宁县林业局", "公益岗位", "520526", "", "1500", "1500", "5",
     "40", "60", "护林员", "", "", "", "", "2026-12-31"],
    ["WN-003", "砖厂小工", "威宁某砖厂", "工厂", "520526", "", "2800", "3500", "2",
     "18", "55", "搬运", "", "", "", "", "2026-10-01"],
]
TRAINING_HEADER = ["编号", "培训名称", "培训机构", "类型", "地区", "开始日期", "结束日期", "最小年龄", "最大年龄",
                   "最低学历", "工种", "补贴", "名额", "联系电话", "公开电话", "截止日期"]
TRAININGS = [
    ["BJ-T01", "毕节技师学院 数控专业", "毕节技师学院", "技工院校", "贵州省毕节市", "2027-03-01", "2030-07-01",
     "15", "22", "初中", "数控", "免学费, 每年助学金2000元", "50", "0857-1234567", "是", "2027-02-28"],
    ["WN-T01", "电焊工培训班", "威宁职业培训中心", "岗位技能提升", "威宁县", "2026-12-10", "2026-12-30",
     "18", "55", "不限", "电焊", "每人1500元", "1", "", "", "2026-12-09"],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
    lines = [header, *rows]
    path.write_bytes("\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in lines).encode(encoding)
                     + b"\n")
    return path
