"""Fixtures for the NLU tests: the model warmed once, a fixed today, synthetic resident IDs."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from dialogs.nlu import warm_up
from dialogs.nlu.id_number import check_char


def make_id(region: str = "520526", birth: str = "19900315", sequence: str = "123") -> str:
    """A synthetic ID number with a correct check digit (birth date as given, valid or not)."""
    first17 = region + birth + sequence
    return first17 + check_char(first17)


@pytest.fixture(scope="session", autouse=True)
def _warm() -> None:
    warm_up()


@pytest.fixture
def today() -> datetime.date:
    return datetime.date(2026, 11, 26)


@pytest.fixture
def synthetic_id() -> Callable[..., str]:
    return make_id
