"""Which articles a topic summary reads: whole query words, at least half of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("duckdb")

from newsline.corpus._store import Store  # noqa: E402
from newsline.corpus._summary import _documents, word_core  # noqa: E402

ARTICLES = {
    "trial": "The fraud trial of Marcus Pell opened at Southwark Crown Court on Friday.",
    "verdict": "A jury found PELL guilty of fraud at Halvern Bank.",
    "football": "Pellbridge Rovers won the cup final on Saturday.",
    "bank": "Halvern Bank opened a branch in Leeds.",
    "storm": "Storm Hester flooded the coast; a trial evacuation was held.",
}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "q.duckdb")
    for n, (doc_id, text) in enumerate(ARTICLES.items()):
        s.execute("INSERT INTO documents (id, source, dct, text, content_hash, ingested_at) "
                  "VALUES (?, ?, ?, ?, ?, now())",
                  [doc_id, f"{doc_id}.txt", date(2023, 3, 1 + n), text, doc_id])
    return s


@pytest.mark.parametrize(("query", "expected"), [
    ("Pell", {"trial", "verdict"}),                         # a whole word, any case: not "Pellbridge"
    ("pell fraud trial", {"trial", "verdict"}),             # two of three words at least
    ("Halvern Bank Pell fraud trial", {"trial", "verdict"}),  # three of five: not the storm's "trial"
    ("bank", {"verdict", "bank"}),
    ("cup", {"football"}),
    ("nothing", set()),
    ("50%_off", set()),                                     # the query's own characters are literal
    # any regular form of a query word: "flooding" finds "flooded", "trials" finds "trial", "opens" "opened"
    ("flooding", {"storm"}),
    ("trials", {"trial", "storm"}),
    ("opens", {"trial", "bank"}),
    ("pells", {"trial", "verdict"}),
    ("banking", {"verdict", "bank"}),
    ("final", {"football"}),                                # not "fin...", no form of another word
])
def test_articles_of_a_query(store: Store, query: str, expected: set[str]) -> None:
    assert set(_documents(store, query.split(), (), None, None)) == expected


@pytest.mark.parametrize(("word", "core"), [
    ("flood", "flood"), ("flooding", "flood"), ("floods", "flood"), ("flooded", "flood"),
    ("strike", "strik"), ("striking", "strik"), ("strikes", "strik"),
    ("company", "compan"), ("companies", "compan"), ("elections", "election"),
    # words whose "s" is their own, and short words, stay as they are
    ("news", "news"), ("virus", "virus"), ("crisis", "crisis"), ("press", "press"), ("flu", "flu"), ("bp", "bp"),
])
def test_word_cores(word: str, core: str) -> None:
    assert word_core(word) == core
