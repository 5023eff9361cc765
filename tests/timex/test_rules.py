"""Every rule's own examples, from timex/lang/<lang>/rules.toml, run as tests.

A positive example is a text and the value expected at the file's DCT; the text
may mark the expression with [brackets], otherwise the whole text is the
expression.  The example's own rule must produce it, and the text must give no
other expression except those of the optional third item ([[text, value], ...],
the anchors the example needs).  A negative example must give no expression from
that rule.
"""

from __future__ import annotations

import re

import pytest

import newsline
from newsline.timex._grammar import load_grammar
from newsline.timex._lexicon import load_rules_data

GRAMMAR = load_grammar("en")
DCT = GRAMMAR.example_dct
RAW_RULES = {raw["id"]: raw for raw in load_rules_data("en")["rule"]}

POSITIVE = [
    pytest.param(rule.id, example[0], example[1], [tuple(x) for x in example[2]] if len(example) > 2 else [],
                 id=f"{rule.id}:{example[0]}")
    for rule in GRAMMAR.rules
    for example in RAW_RULES[rule.id].get("examples", [])
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


def test_the_examples_are_the_grammars() -> None:
    assert [(p.values[0], p.values[1], p.values[2]) for p in POSITIVE] == [
        (rule.id, text, value) for rule in GRAMMAR.rules for text, value in rule.examples]


@pytest.mark.parametrize(("rule_id", "marked", "value", "others"), POSITIVE)
def test_rule_example(rule_id: str, marked: str, value: str, others: list[tuple[str, str]]) -> None:
    text, expected_span = _split(marked)
    doc = newsline.tag(text, dct=DCT)
    found = [(t.text, t.value, t.rule) for t in doc.timexes]
    assert (expected_span, value, rule_id) in found, f"rule {rule_id}: {marked!r} gave {found}"
    assert sorted((t, v) for t, v, _ in found) == sorted([(expected_span, value), *others]), \
        f"{marked!r} must give exactly {[(expected_span, value), *others]}, gave {found}"


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
