"""Build the pinyin keys of the division gazetteer (dialogs/nlu/data/pinyin.tsv.gz) from the shipped one.

Run: .venv/bin/pip install pypinyin==0.55.0 && .venv/bin/python scripts/build_pinyin.py
pypinyin is needed only here, not at run time. Provinces, prefectures and counties, by the names and short
forms the gazetteer already knows (重庆 -> chongqing, 奉节 -> fengjie); townships are left out (tens of
thousands of short names, too many of them ordinary syllables). A key no longer than the gazetteer's longest
Chinese key, so matching costs no more per message.
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from pathlib import Path

from pypinyin import lazy_pinyin  # type: ignore[import-not-found, unused-ignore]

DATA = Path(__file__).resolve().parent.parent / "dialogs" / "nlu" / "data"
MIN_LETTERS = 5  # shorter ones (anxi, heqing) are too often part of something else
MAX_LETTERS = 24


def main() -> None:
    keys: dict[str, set[str]] = defaultdict(set)
    lines = gzip.decompress((DATA / "divisions.tsv.gz").read_bytes()).decode("utf-8").split("\n")
    for line in lines:
        if not line:
            continue
        code, name, joined = line.split("\t")
        if len(code) > 6:
            continue
        for key in {name, *(joined.split(",") if joined else ())}:
            if len(key) < 2 or not all("\u4e00" <= char <= "\u9fff" for char in key):
                continue
            spelled = "".join(lazy_pinyin(key)).lower()
            if MIN_LETTERS <= len(spelled) <= MAX_LETTERS and spelled.isascii() and spelled.isalpha():
                keys[spelled].add(code)
    rows = [f"{spelled}\t{','.join(sorted(codes))}" for spelled, codes in sorted(keys.items())]
    (DATA / "pinyin.tsv.gz").write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(rows)} pinyin keys", file=sys.stderr)


if __name__ == "__main__":
    main()
