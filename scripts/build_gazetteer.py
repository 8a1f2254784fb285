"""Build the compact division gazetteer shipped in dialogs/nlu/data/ from the statistics-bureau CSVs."""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections.abc import Iterator
from pathlib import Path

DEFAULT_SOURCE = Path("/work/shared/data/divisions")
DEFAULT_TARGET = Path(__file__).resolve().parent.parent / "dialogs" / "nlu" / "data" / "divisions.tsv.gz"

# Prefecture rows with these names group counties; they are not places anyone names.
PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

# The 55 minority names as they appear inside autonomous-division names (longest first so that
# 蒙古 wins over a shorter prefix); "族" is optional because 博尔塔拉蒙古自治州 omits it.
MINORITIES = sorted(
    (
        "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
        "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
        "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
    ).split(),
    key=len,
    reverse=True,
)
_ONE = "(?:" + "|".join(MINORITIES) + ")"
# Every minority in a run carries 族 except possibly the last (博尔塔拉蒙古自治州), so that
# 阿力麻土东乡族乡 keeps its own 土 and only drops 东乡族.
_MINORITY_RUN = f"(?:{_ONE}族)*{_ONE}族?"
_AUTONOMOUS = re.compile(f"^(.{{2,}}?){_MINORITY_RUN}自治(?:区|州|县|旗)$")
_ETHNIC_TOWNSHIP = re.compile(f"^(.{{2,}}?){_MINORITY_RUN}(?:民族)?(?:乡|镇|苏木)$")

_MINORITY_ONLY = re.compile(f"^({'|'.join(MINORITIES)})族自治(?:县|旗)$")

SUFFIXES = {
    2: ("特别行政区", "自治区", "省", "市"),
    4: ("地区", "自治州", "盟", "市"),
    6: ("新区", "林区", "特区", "自治县", "自治旗", "县", "区", "市", "旗"),
    9: ("街道办事处", "街道", "民族乡", "镇", "乡", "苏木"),
}

# Names (full or short) that are everyday words in our users' messages; matching them as places
# would tag "报平安" or "城区" with a division, so the gazetteer simply does not index them.
STOP_KEYS = frozenset(
    "城区 郊区 矿区 东区 西区 中区 南区 北区 新区 平安 东方 和平 前进 向阳 红旗 新华 工农 光明 长寿 友好 "
    "城中 市中 城关 中心 新城 开发 高新 上班 工厂 工地 老板 工资 打工 社区 江南 江北 河东 河西 城东 城西 "
    "城南 城北 东风 胜利 解放 人民 幸福 团结 建设 新村 利民 永安 太平 白云 大同 华山 文化 农场 工业 "
    "金星 红星 五一 七一 八一 复兴 振兴 和谐 育才 先锋 曙光 新兴 兴隆 吉祥 安全 卫生 保安 普工 "
    "电子 服装 食品 医院 学校 车站 码头 广场 公园 大学 中学 小学 市场 商场 超市 厂里 家里 老家 外地 "
    "本地 附近 这边 那边 下面 上面 里面 外面 回家 在家".split()
)


def _read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def short_forms(code: str, name: str) -> list[str]:
    """Return the names people say for a division: the full name plus suffix/minority-stripped forms."""
    forms = [name]
    match = _AUTONOMOUS.match(name) or (_ETHNIC_TOWNSHIP.match(name) if len(code) == 9 else None)
    bare = _MINORITY_ONLY.match(name)
    if bare and len(bare.group(1)) >= 2:
        forms.append(bare.group(1))  # 东乡族自治县 -> 东乡
    if match:
        forms.append(match.group(1))
        # People say 威宁县 and 黔东南州 for the autonomous county and prefecture.
        if name.endswith(("自治县", "自治州", "自治旗")):
            forms.append(match.group(1) + name[-1])
    # Development zones (…开发区, …园区) are only ever named in full.
    for suffix in () if match or bare or name.endswith(("开发区", "园区")) else SUFFIXES[len(code)]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            forms.append(name[: -len(suffix)])
            break
    unique: list[str] = []
    for form in forms:
        if form not in unique and form not in STOP_KEYS:
            unique.append(form)
    return unique


def rows(source: Path) -> Iterator[tuple[str, str, list[str]]]:
    """Yield (code, official name, search keys) for every real division, coarse levels first."""
    prefectures: dict[str, str] = {}
    for row in _read(source / "provinces.csv"):
        yield row["code"], row["name"], short_forms(row["code"], row["name"])
    for row in _read(source / "cities.csv"):
        if row["name"] in PLACEHOLDERS:
            continue
        prefectures[row["code"]] = row["name"]
        yield row["code"], row["name"], short_forms(row["code"], row["name"])
    for row in _read(source / "areas.csv"):
        # 东莞市/中山市/儋州市 repeat at county level under the same name: keep the code for lookups
        # and paths, but index the name once, at prefecture level.
        same_as_parent = prefectures.get(row["cityCode"]) == row["name"]
        yield row["code"], row["name"], [] if same_as_parent else short_forms(row["code"], row["name"])
    for row in _read(source / "streets.csv"):
        yield row["code"], row["name"], short_forms(row["code"], row["name"])


def build(source: Path, target: Path) -> int:
    """Write `code<TAB>name<TAB>key,key` lines, gzip-compressed; return the number of divisions."""
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    # mtime=0 keeps the file byte-identical across rebuilds, so version control sees no spurious change.
    with gzip.GzipFile(target, "wb", compresslevel=9, mtime=0) as raw:
        for code, name, keys in rows(source):
            raw.write(f"{code}\t{name}\t{','.join(keys)}\n".encode())
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--target", type=Path, default=DEFAULT_TARGET)
    args = parser.parse_args(argv)
    count = build(args.source, args.target)
    size = args.target.stat().st_size
    print(f"wrote {count} divisions to {args.target} ({size / 1024:.0f} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
