"""The NLU model: immutable resources (converter, gazetteer) built once, lazily or by warm_up()."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import opencc
import phonenumbers

from dialogs.nlu.gazetteer import Gazetteer, load_gazetteer


@dataclass(frozen=True, slots=True)
class Model:
    converter: opencc.OpenCC
    gazetteer: Gazetteer

    def to_simplified(self, text: str) -> str:
        return str(self.converter.convert(text))


@functools.cache
def model() -> Model:
    """Build the model on first use; every later call returns the same immutable object."""
    built = Model(converter=opencc.OpenCC("t2s"), gazetteer=load_gazetteer())
    # phonenumbers loads the CN metadata on first parse; pay that here rather than on a request.
    phonenumbers.parse("+8613800000000", "CN")
    return built


def warm_up() -> None:
    """Load dictionaries and the gazetteer once; idempotent; call before serving."""
    model()
