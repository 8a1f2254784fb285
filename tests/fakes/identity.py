"""Synthetic resident ID numbers with valid GB 11643 check digits (never real people's)."""

from __future__ import annotations

import random
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def check_char(first17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def make_id(division: str = "520526", born: date = date(1990, 3, 15), seq: int = 123) -> str:
    first17 = f"{division}{born:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def wrong_check(id_number: str) -> str:
    last = "0" if id_number[-1] != "0" else "1"
    return id_number[:-1] + last


def random_id(rng: random.Random) -> str:
    born = date(rng.randint(1965, 2005), rng.randint(1, 12), rng.randint(1, 28))
    return make_id(rng.choice(["520526", "522401", "532128", "450126", "431226"]), born, rng.randint(0, 999))
