"""Checks against the gold corpora in ../shared/data (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsline
from newsline.evaluation._timex_scoring import score_documents
from newsline.timeml import parse_timeml, read_timeml, write_tags, write_timeml

GOLD_SETS = ["tempeval3/TBAQ-cleaned/TimeBank", "tempeval3/TBAQ-cleaned/AQUAINT",
             "tweets/trainingset/tml", "wikiwars/trainingset/tml"]


def _files(shared_data: Path, folder: str) -> list[Path]:
    files = sorted((shared_data / folder).glob("*.tml"))
    if not files:
        pytest.skip(f"no TimeML files in {folder}")
    return files


# Every folder of TimeML files in ../shared/data: the gold sets, the TempEval-3 pipeline sample, the silver
# news and the SemEval-2015 TimeLine trial documents (test_every_timeml_folder_is_round_tripped keeps it whole).
ROUND_TRIP_SETS = [
    *GOLD_SETS, "tempeval3/TBAQ-cleaned/testpipeline",
    *(f"tempeval3/silver/TE3-Silver-data-{i}" for i in range(6)),
    "timeline/semeval2015-task4-trial/Corpus-trial-data_task4_TimeML",
    "timeline/semeval2015-task4-trial/Corpus-trial-data_task4_events_timelines_TimeML",
]


@pytest.mark.parametrize("folder", ROUND_TRIP_SETS)
def test_timeml_round_trip_over_a_corpus(shared_data: Path, folder: str) -> None:
    """Every file reads and writes back with its text and its tags unchanged.

    ``write_tags`` (the document's own tags) gives back the same text, every tag with
    all its attributes, offsets and nesting, and the bytes outside TEXT; ``write_timeml``
    (newsline's TIMEX3s in place of the file's, here the file's own) keeps the text,
    the other tags, and the TIMEX3 extents, types and values.
    """
    for path in _files(shared_data, folder):
        gold = read_timeml(path)
        same = write_tags(gold)
        again = parse_timeml(same, str(path))
        assert again.text == gold.text, path
        assert again.tags == gold.tags, path
        assert (again.doc_id, again.dct, again.dct_value) == (gold.doc_id, gold.dct, gold.dct_value), path
        assert same[:again.text_span[0]] == gold.raw[:gold.text_span[0]], path
        assert same[again.text_span[1]:] == gold.raw[gold.text_span[1]:], path
        again = parse_timeml(write_timeml(gold, gold.timexes), str(path))
        assert again.text == gold.text, path
        assert again.dct == gold.dct, path
        assert [(t.name, t.start, t.end) for t in again.tags] == [(t.name, t.start, t.end) for t in gold.tags], path
        assert [(t.value, t.type) for t in again.timexes] == [(t.value, t.type) for t in gold.timexes], path


def test_every_timeml_folder_is_round_tripped(shared_data: Path) -> None:
    folders = {str(p.parent.relative_to(shared_data)) for p in shared_data.rglob("*.tml")}
    assert folders <= set(ROUND_TRIP_SETS), sorted(folders - set(ROUND_TRIP_SETS))


# Floors a little below the figures `newsline bench` reports, so that a change that
# costs accuracy fails here; raise them when accuracy improves.
FLOORS = {
    "tempeval3/TBAQ-cleaned/TimeBank": {"strict_f1": 0.84, "relaxed_f1": 0.92, "value_f1": 0.77, "type_accuracy": 0.94},
    "tempeval3/TBAQ-cleaned/AQUAINT": {"strict_f1": 0.83, "relaxed_f1": 0.92, "value_f1": 0.72, "type_accuracy": 0.94},
}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_accuracy_does_not_regress(shared_data: Path, folder: str) -> None:
    pairs = []
    for path in _files(shared_data, folder):
        gold = read_timeml(path)
        pairs.append((gold.timexes, newsline.tag(gold.text, dct=gold.dct).timexes))
    scores = score_documents(pairs).to_dict()
    for metric, floor in FLOORS[folder].items():
        assert scores[metric] >= floor, f"{folder}: {metric} {scores[metric]:.3f} < {floor}"


def test_offsets_slice_the_text_on_real_news(shared_data: Path) -> None:
    silver = sorted(shared_data.glob("tempeval3/silver/*/*.tml"))[:300]
    if not silver:
        pytest.skip("no silver news")
    for path in silver:
        doc = read_timeml(path)
        tagged = newsline.tag(doc.text, dct=doc.dct)
        assert all(tagged.text[t.start:t.end] == t.text for t in tagged.timexes), path
        assert all(a.end <= b.start for a, b in zip(tagged.timexes, tagged.timexes[1:], strict=False)), path
