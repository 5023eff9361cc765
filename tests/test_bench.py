"""``newsline bench`` on a tiny hand-written corpus folder (figures checked for sanity only)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsline._bench import run_bench

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{id}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-10-16" functionInDocument="CREATION_TIME">\
2020-10-16</TIMEX3></DCT>
<TEXT>
{body}
</TEXT>
</TimeML>
"""

BODY_1 = (
    'The deal closed on <TIMEX3 tid="t1" type="DATE" value="2020-09-30">Sept. 30</TIMEX3>. '
    'Shares fell <TIMEX3 tid="t2" type="DATE" value="2020-10-15">yesterday</TIMEX3>.'
)
BODY_2 = (
    'Talks lasted <TIMEX3 tid="t1" type="DURATION" value="P2W">two weeks</TIMEX3> and '
    'resume <TIMEX3 tid="t2" type="DATE" value="2020-11">next month</TIMEX3> &amp; beyond.'
)


def _corpus(root: Path) -> Path:
    layout = {
        "tempeval3/TBAQ-cleaned/TimeBank": [("tb1", BODY_1), ("tb2", BODY_2)],
        "tempeval3/TBAQ-cleaned/AQUAINT": [("aq1", BODY_2)],
        "wikiwars/trainingset/tml": [("ww1", BODY_1)],
        "tempeval3/silver/TE3-Silver-data-0": [("s1", BODY_1), ("s2", BODY_2)],
        "tempeval3/silver/TE3-Silver-data-1": [("s3", BODY_1)],
    }
    for folder, docs in layout.items():
        (root / folder).mkdir(parents=True)
        for doc_id, body in docs:
            text = DOC.format(id=doc_id, body=body)
            (root / folder / f"{doc_id}.tml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], str]:
    data = _corpus(tmp_path_factory.mktemp("data"))
    out = io.StringIO()
    result = run_bench(data, limit=2, out=out)
    return result, out.getvalue()


def test_accuracy_rows_for_the_corpora_present(bench: tuple[dict[str, object], str]) -> None:
    result, printed = bench
    acc = result["accuracy"]
    assert isinstance(acc, dict)
    assert set(acc) == {"TimeBank", "AQUAINT", "WikiWars"}  # no tweets folder
    tb = acc["TimeBank"]
    assert tb["n_docs"] == 2 and tb["n_gold"] == 4 and tb["split"] == "train"
    assert acc["AQUAINT"]["split"] == "dev"
    assert acc["WikiWars"]["values_reliable"] is False
    for row in acc.values():
        for key in ("strict_f1", "relaxed_f1", "type_accuracy", "value_f1"):
            assert 0.0 <= row[key] <= 1.0
    assert "TimeBank" in printed and "AQUAINT" in printed
    assert "WikiWars values" in printed  # the unreliable-value mark is explained


def test_throughput_honours_limit_and_is_positive(bench: tuple[dict[str, object], str]) -> None:
    result, printed = bench
    tp = result["throughput"]
    assert isinstance(tp, dict)
    assert tp["docs"] == 2  # limit=2 of the 3 silver docs
    assert tp["mb"] > 0
    assert tp["tagger_docs_per_s"] > 0 and tp["tagger_mb_per_s"] > 0
    if "ratio" in tp:  # spaCy installed
        assert tp["tokenizer_mb_per_s"] > 0 and tp["ratio"] > 0
        assert "ratio tagger MB/s / tokenizer MB/s" in printed
    else:
        assert "spaCy is not installed" in printed
    assert "docs/s" in printed and "MB/s" in printed


def test_memory_is_measured_in_a_fresh_process(bench: tuple[dict[str, object], str]) -> None:
    result, printed = bench
    mem = result["memory"]
    assert isinstance(mem, dict)
    assert mem["docs"] == 2
    assert 1 < mem["peak_rss_mb"] < 10_000
    assert mem["after_import_rss_mb"] <= mem["peak_rss_mb"]
    assert "peak RSS" in printed
    assert "heideltime" not in result


def test_missing_data_dir_prints_a_message_and_returns_empty(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_bench(tmp_path / "nowhere", out=out) == {}
    assert "no corpus folder" in out.getvalue()
    assert str(tmp_path / "nowhere") in out.getvalue()


def test_data_dir_without_corpora(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_bench(tmp_path, out=out) == {}
    assert "none of the expected corpora" in out.getvalue()


def test_heideltime_part_reports_or_skips(tmp_path: Path) -> None:
    # Without silver news the side-by-side runner always skips, quickly and with a reason.
    data = tmp_path / "data"
    (data / "tempeval3/TBAQ-cleaned/TimeBank").mkdir(parents=True)
    (data / "tempeval3/TBAQ-cleaned/TimeBank/a.tml").write_text(
        DOC.format(id="a", body=BODY_1), encoding="utf-8"
    )
    out = io.StringIO()
    result = run_bench(data, out=out, heideltime=True)
    assert result["throughput"] == {"skipped": "no silver news documents found"}
    assert "skipped" in result["heideltime"]
    assert "HeidelTime side by side: skipped:" in out.getvalue()
