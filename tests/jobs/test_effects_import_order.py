"""bot.job_effects imported before bot.effects (a script, a test of the job effects alone): it was a circular
ImportError (bot.effects imports bot.push_effects, which took names from the half-read bot.job_effects)."""

from __future__ import annotations

import importlib
import sys

import pytest


def test_the_job_effects_import_first_and_every_handler_is_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fresh copy of the bot package, read in that order (the modules of this run are put back afterwards).
    for name in [name for name in sys.modules if name == "bot" or name.startswith("bot.")]:
        monkeypatch.delitem(sys.modules, name)
    job_effects = importlib.import_module("bot.job_effects")
    effects = sys.modules["bot.effects"]
    assert job_effects.item_index is not None
    handlers = effects._HANDLERS
    assert {"jobs.match", "jobs.apply", "jobs.push_items"} <= set(handlers)
