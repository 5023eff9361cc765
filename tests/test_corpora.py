"""Checks against the gold corpora in ../shared/data (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsline
from newsline.scoring import score_documents
from newsline.timeml import parse_timeml, read_timeml, write_timeml

GOLD_SETS = ["tempeval3/TBAQ-cleaned/TimeBank", "tempeval3/TBAQ-cleaned/AQUAINT",
             "tweets/trainingset/tml", "wikiwars/trainingset/tml"]


def _files(shared_data: Path, folder: str) -> list[Path]:
    files = sorted((shared_data / folder).glob("*.tml"))
    if not files:
        pytest.skip(f"no TimeML files in {folder}")
    return files


@pytest.mark.parametrize("folder", GOLD_SETS)
def test_timeml_round_trip_over_a_corpus(shared_data: Path, folder: str) -> None:
    """Writing a file back with its own TIMEX3s reproduces its text and every tag."""
    for path in _files(shared_data, folder):
        gold = read_timeml(path)
        again = parse_timeml(write_timeml(gold, gold.timexes), str(path))
        assert again.text == gold.text, path
        assert again.dct == gold.dct, path
        assert [(t.name, t.start, t.end) for t in again.tags] == [(t.name, t.start, t.end) for t in gold.tags], path
        assert [(t.value, t.type) for t in again.timexes] == [(t.value, t.type) for t in gold.timexes], path


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
