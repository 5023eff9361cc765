"""Timeline summarisation scores (newsline eval --tls): hand-computed cases, and tilse itself when installed."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsline.evaluation._tls_scoring import (
    average_scores,
    format_timeline,
    parse_timeline,
    porter_stem,
    rouge_counts,
    rouge_tokens,
    score_dirs,
    score_timeline,
)

D = dt.date


@pytest.mark.parametrize(("word", "stem"), [
    ("caresses", "caress"), ("ponies", "poni"), ("relational", "relat"), ("hopping", "hop"), ("agreed", "agre"),
    ("conditional", "condit"), ("motoring", "motor"), ("happy", "happi"), ("generalization", "gener"),
    ("replacement", "replac"),  # ROUGE-1.5.5's change: -ement, not -ment then -e
    ("yelling", "yell"),
])
def test_porter_stemmer_as_rouge_155(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


def test_rouge_tokens_lowercase_split_stopwords_exceptions_and_short_words() -> None:
    # "the", "to", "said", "s" are SMART stopwords; "rose" is a WordNet exception (rise); "oil" is too short to stem;
    # "--" and "'" are spaces; "$3.5" gives "3" and "5"
    assert rouge_tokens(["The oil spill's costs rose to $3.5 billion -- BP said."]) == \
        ["oil", "spill", "cost", "rise", "3", "5", "billion", "bp"]
    assert rouge_tokens(["Children <b>ignored", "oil-rig"]) == ["child", "oil", "rig"]  # the SEE line stops at <


def test_rouge_counts_clip_and_bigrams_cross_sentences() -> None:
    c1 = rouge_counts(["oil oil spill"], ["oil spill spreads"], 1)
    assert (c1.hits, c1.peer, c1.model) == (2, 3, 3)  # "oil" clipped to one
    c2 = rouge_counts(["oil spill", "spreads fast"], ["oil spill spreads"], 2)
    assert (c2.hits, c2.peer, c2.model) == (2, 3, 2)  # "spill spread" spans the two sentences


def test_same_timeline_scores_one() -> None:
    ref = {D(2010, 4, 20): ["Rig explodes in the Gulf of Mexico ."], D(2010, 4, 22): ["The rig sinks ."]}
    s = score_timeline(ref, ref)
    assert (s.rouge1.f1, s.rouge2.f1, s.dates.f1) == (1.0, 1.0, 1.0)


def test_a_day_off_counts_half() -> None:
    ref = {D(2010, 4, 20): ["Rig explodes in the Gulf"]}
    system = {D(2010, 4, 21): ["Rig explodes in the Gulf"]}
    s = score_timeline(system, ref)
    # tokens rig, explod, gulf: 3 hits at 1/(1+1); bigrams: 2 hits at 1/2
    assert s.rouge1.precision == pytest.approx(0.5) and s.rouge1.recall == pytest.approx(0.5)
    assert s.rouge2.f1 == pytest.approx(0.5)
    assert s.dates.f1 == 0.0


def test_many_to_one_alignment_by_date_and_content() -> None:
    ref = {D(2010, 4, 20): ["rig explodes"], D(2010, 4, 30): ["oil reaches coast"]}
    system = {D(2010, 4, 20): ["rig explodes"], D(2010, 4, 21): ["oil reaches coast"], D(2010, 5, 20): ["whales"]}
    s = score_timeline(system, ref)
    # precision: 04-20 -> 04-20 (cost 0), 2 hits of 2; 04-21 -> 04-20 (cost 0.5 * (1 - 0) = 0.5) beats 04-30
    # (cost 0.9 * (1 - 1) = 0): no, 04-30 costs 0, so 04-21 -> 04-30: 3 hits at 1/10; 05-20 ("whale"): 1 token, 0 hits
    assert s.rouge1.precision == pytest.approx((2 + 0.3) / 6)
    # recall: 04-20 -> 04-20 (2 of 2), 04-30 -> 04-21 (cost 0) 3 hits at 1/10
    assert s.rouge1.recall == pytest.approx((2 + 0.3) / 5)
    assert s.dates.precision == pytest.approx(1 / 3) and s.dates.recall == pytest.approx(1 / 2)


def test_average_is_f1_of_mean_precision_and_recall() -> None:
    ref = {D(2010, 1, 1): ["a b c d"]}
    a = score_timeline({D(2010, 1, 2): ["x"]}, ref)
    b = score_timeline(ref, ref)
    avg = average_scores([a, b])
    assert avg.dates.precision == 0.5 and avg.dates.recall == 0.5 and avg.dates.f1 == 0.5


def test_tilse_format_round_trip_and_last_block_wins(tmp_path: Path) -> None:
    bar = "-" * 32
    text = f"2010-04-22\nfirst\n{bar}\n2010-04-20\nA .\nB .\n{bar}\n2010-04-22\nsecond\n{bar}"
    tl = parse_timeline(text)
    assert tl == {D(2010, 4, 22): ["second"], D(2010, 4, 20): ["A .", "B ."]}
    assert parse_timeline(format_timeline(tl)) == tl
    assert format_timeline(tl).splitlines()[0] == "2010-04-20"
    (tmp_path / "ref" / "t").mkdir(parents=True)
    (tmp_path / "sys" / "t").mkdir(parents=True)
    (tmp_path / "ref" / "t" / "a.txt").write_text(text)
    (tmp_path / "ref" / "t" / "b.txt").write_text(text)
    (tmp_path / "sys" / "t" / "a.txt").write_text(text)
    rows, avg = score_dirs(tmp_path / "ref", tmp_path / "sys")
    assert [n for n, _ in rows] == ["t/a.txt", "t/b.txt"] and rows[1][1] is None
    assert avg.dates.precision == pytest.approx(0.5)


T17 = Path(os.environ.get("NEWSLINE_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")) / "t17"
TILSE = os.environ.get("NEWSLINE_TILSE_PATH", "/tmp/tilse")  # pip install --target DIR tilse; perl with XML::DOM


def _tilse_ready() -> bool:
    if not (Path(TILSE) / "tilse").is_dir() and importlib.util.find_spec("tilse") is None:
        return False
    perl = shutil.which("perl")
    return perl is not None and subprocess.run([perl, "-MXML::DOM", "-MDB_File", "-e1"],
                                               capture_output=True).returncode == 0


@pytest.mark.skipif(not _tilse_ready(), reason="tilse (and perl with XML::DOM for its ROUGE-1.5.5) not installed")
@pytest.mark.skipif(not (T17 / "H1N1").is_dir(), reason="Timeline17 data not in ../shared/data/t17")
def test_agrees_with_tilse_on_reference_timelines_scored_against_each_other() -> None:
    refs = sorted((T17 / "H1N1" / "timelines").glob("*.txt"))
    pairs = [(refs[0], refs[1]), (refs[1], refs[2])]  # (reference, system)
    script = (
        "import json, sys\n"
        "from tilse.data.timelines import Timeline, GroundTruth\n"
        "from tilse.evaluation import rouge, dates\n"
        "ev = rouge.TimelineRougeEvaluator(measures=['rouge_1', 'rouge_2'])\n"
        "out = []\n"
        "for r, s in zip(sys.argv[1::2], sys.argv[2::2]):\n"
        "    gt = GroundTruth([Timeline.from_file(open(r))]); tl = Timeline.from_file(open(s))\n"
        "    x = ev.evaluate_align_date_content_costs_many_to_one(tl, gt)\n"
        "    out.append([x['rouge_1']['f_score'], x['rouge_2']['f_score'], dates.evaluate_dates(tl, gt)['f_score']])\n"
        "print(json.dumps(out))\n")
    env = {**os.environ, "PYTHONPATH": TILSE}
    r = subprocess.run([sys.executable, "-c", script, *(str(p) for pair in pairs for p in pair)], env=env,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    theirs = json.loads(r.stdout.strip().splitlines()[-1])
    for (ref, system), expected in zip(pairs, theirs, strict=True):
        ours = score_timeline(parse_timeline(system.read_text()), parse_timeline(ref.read_text()))
        assert [ours.rouge1.f1, ours.rouge2.f1, ours.dates.f1] == pytest.approx(expected, abs=1e-9)
