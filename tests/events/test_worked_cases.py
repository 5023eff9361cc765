"""Worked cases for event time: short articles written for the tests, each event with its expected label.

The articles and labels are data (``data/worked_cases.toml``); an expectation marked ``gap`` is a
known miss and must still fail (strict xfail), so that a fix is noticed and the mark removed.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("spacy")

import newsline  # noqa: E402
from newsline._model import AnnotatedDocument  # noqa: E402

CASES = Path(__file__).with_name("data") / "worked_cases.toml"


def _expectations() -> list[Any]:
    out = []
    for case in tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]:
        for exp in case["expect"]:
            marks = [pytest.mark.xfail(reason=exp["gap"], strict=True)] if "gap" in exp else []
            ident = f"{case['name'].split(':')[0]}-{case['dct']}-{exp['event']}{exp.get('nth', '')}"
            out.append(pytest.param(case["text"], case["dct"], exp["event"], exp.get("nth", 1), exp["label"],
                                    marks=marks, id=ident))
    return out


@cache
def _annotated(text: str, dct: str) -> AnnotatedDocument:
    try:
        return newsline.annotate(text, date.fromisoformat(dct))
    except newsline.NewslineError as exc:  # no spaCy model on this machine
        pytest.skip(str(exc))


def test_the_cases_cover_the_phenomena_issue_14_names() -> None:
    data = tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]
    texts = " ".join(c["text"] for c in data)
    assert len(data) >= 10
    for phrase in ("Hours later", "The next day", "Two weeks after", "2019 Harbor Music Awards", "Euro 2016",
                   "said", "since", "will"):
        assert phrase in texts, phrase
    for case in data:
        assert case["expect"], case["name"]


@pytest.mark.parametrize(("text", "dct", "word", "nth", "label"), _expectations())
def test_worked_case(text: str, dct: str, word: str, nth: int, label: str) -> None:
    doc = _annotated(text, dct)
    found = [e for e in doc.timeline if e.event.text == word]
    assert len(found) >= nth, f"event {word!r} not found among {[e.event.text for e in doc.timeline]}"
    assert found[nth - 1].time.label == label
