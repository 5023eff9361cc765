"""The token table (events/_nlp.py) reads a parse's arrays once; each of its answers must be spaCy's own."""

from __future__ import annotations

import random
from typing import Any

import pytest

from conftest import require_spacy_model

# Texts written for this test: hyphenated words of letters and digits, a dash between words, a possessive,
# coordinated noun phrases, quotes, a headline and blank lines, trailing white space.
TEXTS = (
    "Cease-fire talks in Geneva stall\n\n"
    "GENEVA - The cease-fire talks, which re-opened on Monday, stalled again on Tuesday after the co-pilot's "
    "union and the airline's board walked out, officials said.\n\n"
    "\"We are not going anywhere,\" said Marta Ilic, a 52-year-old negotiator -- and a former co-chair.  ",
    "Shares of Brightwater Inc. and Halden Corp. fell 3.2% to $14.50 in a two-hour sell-off; analysts, "
    "bankers and the firm's lawyers blamed a long-delayed filing.",
    "",
    "   ",
)


@pytest.fixture(scope="module")
def docs() -> list[Any]:
    nlp = require_spacy_model()
    return [nlp(t) for t in TEXTS]


def test_attributes_are_the_tokens_own(docs: list[Any]) -> None:
    from newsline.events._nlp import token_table

    for doc in docs:
        t = token_table(doc)
        assert t.text == [x.text for x in doc]
        assert t.lower == [x.lower_ for x in doc]
        assert t.space == [bool(x.whitespace_) for x in doc]
        assert t.pos == [x.pos_ for x in doc] and t.tag == [x.tag_ for x in doc] and t.dep == [x.dep_ for x in doc]
        assert t.ent_type == [x.ent_type_ for x in doc] and t.idx == [x.idx for x in doc]
        assert t.lemma == [x.lemma_.lower() for x in doc]
        assert t.head == [x.head.i for x in doc]
        assert t.children == [[c.i for c in x.children] for x in doc]


def test_hyphenated_words_are_whole(docs: list[Any]) -> None:
    from newsline.events._nlp import token_table

    doc = docs[0]
    t = token_table(doc)
    words = {doc[t.first[i]:t.last[i] + 1].text for i in range(len(doc))}
    assert {"Cease-fire", "cease-fire", "re-opened", "co-pilot"} <= words
    assert "52-year-old" in words and "year-old" in words  # a digit joins the word after it, not before
    assert not any(" " in w.strip() for w in words)  # "GENEVA - The", "-- and" are no words


def test_noun_chunks_are_spacys(docs: list[Any]) -> None:
    from newsline.events._nlp import noun_chunks

    for doc in docs:
        assert list(noun_chunks(doc)) == [(c.start, c.end) for c in doc.noun_chunks]
    assert len(noun_chunks(docs[1])) >= 5  # coordinated noun phrases are chunks too


def test_character_ranges_and_roots_are_char_span_s(docs: list[Any]) -> None:
    from newsline.events._nlp import token_table

    rng = random.Random(7)
    checked = 0
    for doc in docs:
        t = token_table(doc)
        size = len(doc.text)
        for _ in range(400):
            a = rng.randint(-2, size + 2)
            b = a + rng.randint(0, 30)
            span = doc.char_span(a, b, alignment_mode="expand")
            found = t.char_range(a, b)
            assert found == (None if span is None else (span.start, span.end)), (a, b)
            if span is not None and len(span):
                assert t.root_of(span.start, span.end) == span.root.i, (a, b)
                checked += 1
    assert checked > 300
