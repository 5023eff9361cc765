"""Every rule's own examples, from timex/lang/<lang>/rules.toml, run as tests.

A positive example is a text and the value expected at the file's DCT; the text
may mark the expression with [brackets], otherwise the whole text is the
expression.  A negative example must give no expression from that rule.
"""

from __future__ import annotations

import re

import pytest

import newsline
from newsline.timex._grammar import load_grammar

GRAMMAR = load_grammar("en")
DCT = GRAMMAR.example_dct

POSITIVE = [
    pytest.param(rule.id, text, value, id=f"{rule.id}:{text}")
    for rule in GRAMMAR.rules
    for text, value in rule.examples
]
NEGATIVE = [
    pytest.param(rule.id, text, id=f"{rule.id}:{text}")
    for rule in GRAMMAR.rules
    for text in rule.negatives
]


def _split(marked: str) -> tuple[str, str]:
    m = re.search(r"\[(.+?)\]", marked)
    if not m:
        return marked, marked
    return marked.replace("[", "").replace("]", ""), m.group(1)


@pytest.mark.parametrize(("rule_id", "marked", "value"), POSITIVE)
def test_rule_example(rule_id: str, marked: str, value: str) -> None:
    text, expected_span = _split(marked)
    doc = newsline.tag(text, dct=DCT)
    found = [(t.text, t.value) for t in doc.timexes]
    assert (expected_span, value) in found, f"rule {rule_id}: {marked!r} gave {found}"


@pytest.mark.parametrize(("rule_id", "text"), NEGATIVE)
def test_rule_negative(rule_id: str, text: str) -> None:
    doc = newsline.tag(text, dct=DCT)
    fired = [(t.text, t.rule) for t in doc.timexes if t.rule == rule_id]
    assert not fired, f"rule {rule_id} must not fire on {text!r}: {fired}"


def test_every_rule_has_an_example() -> None:
    missing = [r.id for r in GRAMMAR.rules if not r.examples]
    assert missing == ["date.year-short"] or not missing, missing


def test_rule_ids_are_unique_and_named() -> None:
    ids = [r.id for r in GRAMMAR.rules]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+\.[a-z0-9-]+", i) for i in ids)


@pytest.mark.parametrize(("dct", "text", "value"), [
    ("2025-01-15", "This spring, you will get it.", "2025-SP"),  # in January the coming spring
    ("2025-01-15", "this winter", "2024-WI"),  # the winter we are in
    ("2020-07-01", "this summer", "2020-SU"),
    ("2020-10-16", "this summer", "2020-SU"),
])
def test_this_season_is_the_nearest_one(dct: str, text: str, value: str) -> None:
    assert [t.value for t in newsline.tag(text, dct).timexes] == [value]
