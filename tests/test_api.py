"""The public API is small and explicit."""

from __future__ import annotations

import dataclasses
import types
from datetime import date

import pytest

import newsline


def test_all_lists_exactly_the_public_names() -> None:
    # submodules appear as attributes once anything imports them (spaCy imports spacy_component,
    # the service tests newsline.service._app): they are modules, not names of the API
    public = {name for name in dir(newsline)
              if not name.startswith("_") and not isinstance(getattr(newsline, name), types.ModuleType)}
    assert set(newsline.__all__) - {"__version__"} == public


def test_results_are_immutable() -> None:
    doc = newsline.tag("It closed on Sept. 30.", dct=date(2020, 10, 16))
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.timexes[0].value = "2021-01-01"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.dct = None  # type: ignore[misc]


def test_the_clock_is_never_read() -> None:
    undated = newsline.tag("It closed on Sept. 30 and yesterday.")
    assert [t.value for t in undated.timexes] == ["XXXX-09-30", "XXXX-XX-XX"]
    assert all(t.anchor == "none" for t in undated.timexes)
