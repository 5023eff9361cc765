"""Which events a time expression dates, on parses fixed by hand: the rules must hold whichever way the parser
hangs the expression (texts written for these tests)."""

from __future__ import annotations

import pytest

from newsline._model import Event, Timex


def _doc(words: list[str], heads: list[int], deps: list[str]) -> object:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps,
               pos=["NOUN" if d in ("dobj", "nsubj", "npadvmod") else "VERB" if d == "ROOT" else "X" for d in deps])


def test_a_bare_day_hung_on_the_object_dates_the_verb() -> None:
    # "The board accepted his resignation the next day", the parser hanging "day" on "resignation" (as it did in
    # new-user trial AY, whose acceptance went to the publication day)
    from newsline.events._link_rules import _timex_governors

    words = ["The", "board", "accepted", "his", "resignation", "the", "next", "day", "."]
    doc = _doc(words, [1, 2, 2, 4, 2, 7, 7, 4, 2],
               ["det", "nsubj", "ROOT", "poss", "dobj", "det", "amod", "npadvmod", "punct"])
    text = doc.text  # type: ignore[attr-defined]
    at = {w: text.index(w) for w in ("accepted", "resignation", "the next day")}
    accepted = Event("e1", at["accepted"], at["accepted"] + 8, "accepted", lemma="accept", tense="PAST")
    resignation = Event("e2", at["resignation"], at["resignation"] + 11, "resignation", lemma="resignation",
                        pos="NOUN")
    day = Timex(at["the next day"], at["the next day"] + 12, "the next day", "DATE", "2026-03-14", grain="day",
                tid="t1")
    found = {event for event, _rel, _conf in _timex_governors(doc, 0, day, {2: accepted, 4: resignation})}
    assert found == {"e1", "e2"}, found
