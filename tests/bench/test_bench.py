"""``newsline bench`` on a tiny hand-written corpus folder (accuracy figures worked out by hand)."""

from __future__ import annotations

import io
import statistics
from pathlib import Path

import pytest

from newsline.bench._run import run_bench

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
    # By hand: the tagger finds exactly the gold timexes of both bodies, with the gold extents, types and
    # values ("Sept. 30" 2020-09-30 and "yesterday" 2020-10-15 from the DCT 2020-10-16; "two weeks" P2W;
    # "next month" 2020-11), so TimeBank (BODY_1 + BODY_2) has 4 gold and 4 system timexes, AQUAINT
    # (BODY_2) and WikiWars (BODY_1) 2 and 2, and every precision, recall, F1 and accuracy is 4/4 or 2/2 = 1.
    counts = {name: (row["n_docs"], row["n_gold"], row["n_system"]) for name, row in acc.items()}
    assert counts == {"TimeBank": (2, 4, 4), "AQUAINT": (1, 2, 2), "WikiWars": (1, 2, 2)}
    for row in acc.values():
        for key in ("strict_precision", "strict_recall", "strict_f1", "relaxed_precision", "relaxed_recall",
                    "relaxed_f1", "type_accuracy", "value_f1"):
            assert row[key] == 1.0, (key, row)
    aquaint_row = next(line for line in printed.splitlines() if line.strip().startswith("AQUAINT"))
    assert aquaint_row.split() == ["AQUAINT", "dev", "1", "2", "2", *["100.0"] * 8]
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
        # the ratio is the median of the runs' own ratios, each of two measurements side by side
        assert len(tp["ratios"]) == tp["runs"] and tp["ratio"] == statistics.median(tp["ratios"])
        assert f"goal >= {tp['ratio_goal']:g}" in printed
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


# --- ingest and queries ------------------------------------------------------------------

NEWS = (
    "Acme Corp. said on Monday that Dana Whitfield would run its new plant in Ohio from next year.",
    "Dana Whitfield visited the Acme Corp. plant in Ohio on Friday, two weeks after the deal closed.",
    "Harbor Mills hired a new chief executive last week; Acme Corp. declined to comment.",
)


@pytest.fixture(scope="module")
def ingest_bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], str]:
    """The ingest section on three tiny silver documents (needs spaCy's model; skips without it)."""
    from newsline.errors import NewslineError
    from newsline.events._nlp import load_nlp

    try:
        load_nlp()
    except NewslineError as exc:
        pytest.skip(str(exc))
    data = tmp_path_factory.mktemp("data")
    folder = data / "tempeval3/silver/TE3-Silver-data-0"
    folder.mkdir(parents=True)
    for i, body in enumerate(NEWS):
        (folder / f"n{i}.tml").write_text(DOC.format(id=f"n{i}", body=body), encoding="utf-8")
    out = io.StringIO()
    result = run_bench(data, out=out, ingest=None, workers=2)  # None: every silver document
    return result, out.getvalue()


def test_ingest_with_one_and_two_workers(ingest_bench: tuple[dict[str, object], str]) -> None:
    result, printed = ingest_bench
    ing = result["ingest"]
    assert isinstance(ing, dict) and "skipped" not in ing, ing
    assert ing["docs"] == 3 and ing["annotate_docs_per_s"] > 0 and ing["annotate_peak_rss_mb"] > 0
    runs = ing["by_workers"]
    assert set(runs) == {"1", "2"}
    for run in runs.values():
        assert run["stored"] == 3 and not run["skipped_by_reason"]
        assert run["docs_per_s"] > 0 and run["ratio_to_annotate"] > 0
        assert run["docs_per_s"] == pytest.approx(ing["annotate_docs_per_s"] * run["ratio_to_annotate"])
        assert run["peak_rss_mb"] >= run["own_peak_rss_mb"] > 10  # spaCy's model is in memory
        grown = run["db_bytes"] - ing["empty_db_bytes"]
        assert grown > 0 and run["db_mb_per_1000_docs"] == pytest.approx(grown / 3000)
    assert runs["1"]["rows"] == runs["2"]["rows"] and runs["2"]["rows"]["documents"] == 3  # same content
    assert "Ingest into DuckDB: 3 silver docs" in printed and "DB MB/1,000 docs" in printed


def test_query_latency_on_the_ingested_database(ingest_bench: tuple[dict[str, object], str]) -> None:
    result, printed = ingest_bench
    queries = result["ingest"]["queries"]  # type: ignore[index]
    assert queries["docs"] == 3 and queries["max_runs"] == 20
    timeline = "entity_timeline" in queries  # where newsline.corpus._entity_timeline exists
    for key in ("open", "entities_top50", "search", "entity_mentions", *(["entity_timeline"] if timeline else [])):
        assert 0 < queries[key]["median_ms"] <= queries[key]["p95_ms"], key
        assert 5 <= queries[key]["runs"] <= 20
    assert queries["entity_mentions"]["name"] in {"Acme Corp.", "Dana Whitfield", "Ohio"}
    assert queries["entity_mentions"]["rows"] >= 2
    assert queries["goal_query"] == ("entity_timeline" if timeline else "entity_mentions")
    assert "entities --top 50" in printed and "< 100 ms: " in printed


def test_ingest_section_is_off_unless_asked(bench: tuple[dict[str, object], str]) -> None:
    result, printed = bench
    assert "ingest" not in result and "Ingest into DuckDB" not in printed


def test_bench_ingest_option(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    import newsline.bench._run
    from newsline import cli

    seen: list[object] = []

    def fake(data_dir: Path | None = None, **kwargs: object) -> dict[str, object]:
        seen.append(kwargs["ingest"])
        return {"accuracy": {}}

    monkeypatch.setattr(newsline.bench._run, "run_bench", fake)
    for given, expect in (([], 200), (["--ingest", "0"], 0), (["--ingest", "all"], None), (["--ingest", "7"], 7)):
        assert cli.main(["bench", "--data", str(tmp_path), *given]) == 0
        assert seen.pop() == expect
    with pytest.raises(SystemExit) as stopped:
        cli.main(["bench", "--data", str(tmp_path), "--ingest", "-1"])
    assert stopped.value.code == 2 and "a whole number of documents or 'all'" in capsys.readouterr().err


def test_tweets_also_scored_with_their_own_spellings_read_as_timex3(tmp_path: Path) -> None:
    from newsline.bench._accuracy import accuracy_bench

    folder = tmp_path / "tweets/trainingset/tml"
    folder.mkdir(parents=True)
    # The gold spells the Friday before the DCT 2020-10-16 (a Friday) "2020-10-09-WXX-5" and the year
    # "2020-XX-XX"; the tagger says 2020-10-09 and 2020: 0 of 2 values exact, 2 of 2 read as TIMEX3.
    body = ('Met <TIMEX3 tid="t1" type="DATE" value="2020-10-09-WXX-5">last Friday</TIMEX3> at the '
            '<TIMEX3 tid="t2" type="DATE" value="2020-XX-XX">2020</TIMEX3> fair.')
    (folder / "tw1.tml").write_text(DOC.format(id="tw1", body=body), encoding="utf-8")
    out = io.StringIO()
    rows = accuracy_bench(tmp_path, out)
    assert rows["tweets"]["value_f1"] == 0.0
    assert rows["tweets"]["value_f1_timex3_notation"] == 1.0
    assert "tweets: value F1 100.0 with the corpus's own spellings read as TIMEX3" in out.getvalue()
