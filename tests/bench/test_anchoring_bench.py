"""The event time anchoring section of newsline bench."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsline.bench._anchoring import anchoring_bench


def test_without_gold_files_the_section_says_it_skipped(tmp_path: Path) -> None:
    out = io.StringIO()
    assert anchoring_bench(tmp_path, out) == {"skipped": "no eventtime gold files"}
    assert "no eventtime/dev.tab" in out.getvalue()


def test_the_dev_row_prints_what_eval_anchoring_measures(shared_data: Path, tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    gold = shared_data / "eventtime" / "dev.tab"
    if not gold.is_file():
        pytest.skip(f"no {gold}")
    # a data folder with dev.tab only (train.tab would take a minute more) and the TimeBank texts
    (tmp_path / "eventtime").mkdir()
    (tmp_path / "eventtime" / "dev.tab").write_bytes(gold.read_bytes())
    (tmp_path / "tempeval3").symlink_to(shared_data / "tempeval3")
    out = io.StringIO()
    rows = anchoring_bench(tmp_path, out)
    assert set(rows) == {"dev", "dev+ev"}
    assert rows["dev+ev"]["coverage"] == 1.0 and rows["dev+ev"]["n_gold"] == 141  # the gold events given
    dev = rows["dev"]
    assert dev["n_gold"] == 141 and 0.3 < dev["strict"] < dev["relaxed"] <= 1.0
    line = next(x for x in out.getvalue().splitlines() if x.strip().startswith("dev"))
    assert f"{100 * dev['strict']:5.1f}/{100 * dev['relaxed']:5.1f}" in line
