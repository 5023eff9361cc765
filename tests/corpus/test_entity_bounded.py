"""Entity timelines place an event whose own time only bounds it ("after 19 Feb 2026") at that day, with the
words of its document's timeline, and a firm whose name ends in an industry noun is no person."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import require_spacy_model
from newsline.corpus._entity_timeline import entity_timeline
from newsline.corpus._store import Store

# Written for these tests: a takeover announced on a Thursday, then a review announced on a Monday.
TAKEOVER = """date 2026-02-19
Tessaro Foods said on Thursday that it will buy Pelham Dairy for $900 million in cash.

The deal is expected to close later this year. Pelham Dairy employs 1,200 people in three states and has grown \
every year since 2019.

Tessaro reported on Feb. 12 that its quarterly sales rose 4 percent, and investors have urged Pelham Dairy to sell \
its trucking arm.

Pelham's founder, Ruth Ames, had rejected an earlier approach from a rival, the company said.
"""
REVIEW = """date 2026-03-02
State regulators will review Tessaro Foods' purchase of Pelham Dairy, officials said on Monday.

The board of Pelham Dairy has named finance director Ines Marlowe as interim chief executive from April 1 \
while it searches for a permanent replacement.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("spacy")
    require_spacy_model()
    from newsline.corpus._ingest import ingest

    folder = tmp_path_factory.mktemp("bounded")
    (folder / "takeover.txt").write_text(TAKEOVER, encoding="utf-8")
    (folder / "review.txt").write_text(REVIEW, encoding="utf-8")
    path = folder / "news.duckdb"
    assert ingest([folder], path, out=sys.stderr).stored == 2
    return path


def test_an_event_reads_the_same_in_its_document_and_in_the_entity_timeline(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        tl = entity_timeline(store, "Pelham Dairy")
        docs = {d: store.annotated(d) for d in {s.doc_id for e in tl.entries for s in e.sources}}
    compared = 0
    for entry in tl.entries:
        src = entry.sources[0]
        doc = docs[src.doc_id]
        assert doc is not None
        own = next(e.time for e in doc.timeline if e.event.id == src.event_id)
        if own.label is not None:
            assert entry.placement != "undated", entry.title
            assert entry.when_text == own.when_text, entry.title
            compared += 1
    assert compared >= 4


def test_a_plan_is_after_its_announcement_and_a_state_around_it(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        tl = entity_timeline(store, "Pelham Dairy")
    buy = next(e for e in tl.entries if e.lemma == "buy")
    assert (buy.placement, buy.relation, buy.when_text) == ("bounded", "after", "after 19 Feb 2026")
    assert buy.start == "2026-02-19T00:00:00" and buy.anchor is not None and buy.anchor.endswith("#t0")
    employs = next(e for e in tl.entries if e.lemma == "employ")
    assert (employs.placement, employs.relation) == ("bounded", "during")
    assert employs.when_text == "around 19 Feb 2026 (ongoing)"
    # a present perfect conjoined to a report of Feb. 12 is before the publication day, as in its document
    urged = next(e for e in tl.entries if e.lemma == "urge")
    assert (urged.placement, urged.relation, urged.when_text) == ("bounded", "before", "before 19 Feb 2026")
    order = [e.lemma for e in tl.entries]
    assert order.index("urge") < order.index("employ") < order.index("buy")  # before, around, after the day
    review_day = [e for e in tl.entries if e.sources[0].doc_id.endswith("review.txt")]
    assert review_day and all(e.start is not None and e.start >= "2026-03-02" for e in review_day)
    with Store.open(db, read_only=True) as store:  # a date filter keeps what its day falls in
        assert "buy" in {e.lemma for e in entity_timeline(store, "Pelham Dairy", "2026-02", "2026-02").entries}


def test_a_firm_named_with_an_industry_noun_is_an_organisation(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        tl = entity_timeline(store, "Pelham Dairy")
    assert tl.entity.label == "ORG"
    assert any(e.title.startswith("Tessaro Foods will buy Pelham Dairy") for e in tl.entries)
    assert not any(" Dairy " in f" {e.title} ".replace("Pelham Dairy", "") for e in tl.entries)  # not "Dairy" alone


def test_a_name_without_a_letter_is_not_listed_as_an_entity(tmp_path: Path) -> None:
    """NER can take the year of "the 2024 Summer Games" for an event; no timeline could answer for it."""
    from datetime import date

    from newsline._model import AnnotatedDocument, EntityMention
    from newsline.corpus._store_writes import NewDocument

    text = "The 2024 Summer Games opened in Paris."
    mentions = (EntityMention(4, 8, "2024", "2024", "EVENT", "ner"),
                EntityMention(9, 21, "Summer Games", "Summer Games", "EVENT", "ner"),
                EntityMention(32, 37, "Paris", "Paris", "GPE", "ner"))
    doc = AnnotatedDocument(text=text, dct=date(2024, 7, 27), id="games", entities=mentions)
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_documents([NewDocument("games", "games.txt", doc)])
        names = [e.name for e in store.entities()]
    assert names and "2024" not in names and {"Summer Games", "Paris"} <= set(names)


def test_entities_lists_an_entity_once_as_its_timeline_finds_it(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"Pelham" and "Tessaro Foods'" are names of "Pelham Dairy" and "Tessaro Foods": one row each, as
    `timeline --entity` merges them (new-user trial L: "Falk" was listed apart from "Edwin Falk")."""
    import json

    from newsline import cli

    assert cli.main(["entities", "--db", str(db), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    names = [r["name"] for r in rows]
    assert "Pelham Dairy" in names and "Tessaro Foods" in names
    assert "Pelham" not in names and "Tessaro Foods'" not in names
    with Store.open(db, read_only=True) as store:
        tl = entity_timeline(store, "Pelham")
    pelham = next(r for r in rows if r["name"] == "Pelham Dairy")
    assert tl.entity.name == "Pelham Dairy" and pelham["label"] == tl.entity.label == "ORG"
    assert pelham["documents"] == 2 and pelham["mentions"] >= 4


def test_a_tie_between_labels_goes_to_person_for_a_person_s_name() -> None:
    from newsline.corpus._entity_names import NameStat, build_aliases

    def label_of(name: str) -> str | None:
        rows = build_aliases([NameStat(1, name, "ORG", 1, frozenset({"a"})),
                              NameStat(2, name, "PERSON", 1, frozenset({"b"}))])
        return rows[0].label

    assert label_of("Ines Marwood") == "PERSON"  # a common first name: a person
    assert label_of("Brackwater Mills") == "ORG"  # no first name: the first label alphabetically, as before
    rows = build_aliases([NameStat(1, "Ravenholt", "PERSON", 3, frozenset({"a"})),
                          NameStat(2, "Ravenholt FC", "PERSON", 1, frozenset({"a"}))])
    assert {r.label for r in rows} == {"ORG"}  # a club's name, whatever the recognizer said


def test_a_time_from_a_known_day_on_is_dated_from_that_day(db: Path) -> None:
    # new-user trial N: "named Keller as interim chief executive from Feb. 1" was undated in the entity timeline
    # though its document's timeline reads "from 1 Feb 2026"
    with Store.open(db, read_only=True) as store:
        tl = entity_timeline(store, "Ines Marlowe")
    named = next(e for e in tl.entries if e.lemma == "name")
    assert (named.placement, named.when_text) == ("dated", "from 1 Apr 2026"), named


def test_what_is_after_a_day_comes_after_everything_on_that_day(tmp_path: Path) -> None:
    # new-user trial O: "after 3 Nov 2025 Okafor would cooperate" was listed before "Mon 3 Nov 2025, 08:15 UTC Okafor
    # announced"; text written for this test
    pytest.importorskip("spacy")
    require_spacy_model()
    from newsline.corpus._ingest import ingest

    (tmp_path / "plan.txt").write_text(
        TAKEOVER + "\nAt 8:15 a.m. on Thursday, Tessaro Foods told staff of the plan in an email.\n", encoding="utf-8")
    assert ingest([tmp_path], tmp_path / "n.duckdb", out=sys.stderr).stored == 1
    with Store.open(tmp_path / "n.duckdb", read_only=True) as store:
        entries = entity_timeline(store, "Tessaro Foods").entries
    whens = [e.when_text for e in entries]
    told = next(i for i, e in enumerate(entries) if e.lemma == "tell")
    after = [i for i, w in enumerate(whens) if w.startswith("after 19 Feb")]
    assert after and all(i > told for i in after), whens
