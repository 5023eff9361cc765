"""TempEval-3 timex scoring on small hand-made cases with hand-computed figures."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from newsline import InputError, Timex
from newsline.evaluation._timex_scoring import (
    TimexScores,
    align,
    document_errors,
    errors_report,
    load_pairs,
    score_dirs,
    score_documents,
    timex3_notation,
)

TEXT = "On Monday, over the past three years, and on Sept. 30 too."


def tx(start: int, end: int, type_: str = "DATE", value: str = "X") -> Timex:
    return Timex(start=start, end=end, text=TEXT[start:end], type=type_, value=value)


def approx(x: Fraction | int) -> object:
    return pytest.approx(float(x), rel=1e-12, abs=1e-15)


# Gold: "Monday" [3:9], "the past three years" [16:36], "Sept. 30" [45:53]
G_MON = tx(3, 9, "DATE", "2020-10-12")
G_YEARS = tx(16, 36, "DURATION", "P3Y")
G_SEPT = tx(45, 53, "DATE", "2020-09-30")


def test_text_offsets_are_what_the_cases_say() -> None:
    assert G_MON.text == "Monday"
    assert G_YEARS.text == "the past three years"
    assert G_SEPT.text == "Sept. 30"


def test_three_gold_two_system_one_strict_one_relaxed_one_value_wrong() -> None:
    gold = [G_MON, G_YEARS, G_SEPT]
    system = [
        tx(3, 9, "DATE", "2020-10-19"),  # strict, type right, value wrong
        tx(25, 36, "DURATION", "P3Y"),  # "three years": relaxed only, type and value right
    ]
    s = score_documents([(gold, system)])
    assert (s.n_docs, s.n_gold, s.n_system) == (1, 3, 2)
    assert (s.strict_matches, s.relaxed_matches, s.type_correct, s.value_correct) == (1, 2, 2, 1)
    assert s.strict_precision == approx(Fraction(1, 2))
    assert s.strict_recall == approx(Fraction(1, 3))
    assert s.strict_f1 == approx(Fraction(2, 5))  # 2 * 1/2 * 1/3 / (1/2 + 1/3)
    assert s.relaxed_precision == approx(1)
    assert s.relaxed_recall == approx(Fraction(2, 3))
    assert s.relaxed_f1 == approx(Fraction(4, 5))
    assert s.type_accuracy == approx(1)
    assert s.value_accuracy == approx(Fraction(1, 2))
    assert s.type_f1 == approx(Fraction(4, 5))
    assert s.value_f1 == approx(Fraction(2, 5))  # relaxed F1 x value accuracy


def test_type_errors_lower_type_accuracy_only() -> None:
    gold = [G_MON, G_YEARS]
    system = [tx(3, 9, "TIME", "2020-10-12"), tx(16, 36, "DURATION", "P3Y")]
    s = score_documents([(gold, system)])
    assert s.strict_f1 == approx(1)
    assert s.type_accuracy == approx(Fraction(1, 2))
    assert s.type_f1 == approx(Fraction(1, 2))
    assert s.value_accuracy == approx(1)


def test_empty_system_scores_zero_without_dividing_by_zero() -> None:
    s = score_documents([([G_MON, G_SEPT], [])])
    assert (s.n_gold, s.n_system) == (2, 0)
    for name, value in s.to_dict().items():
        if name not in ("n_docs", "n_gold"):
            assert value == 0, name


def test_empty_gold_scores_zero() -> None:
    s = score_documents([([], [tx(3, 9), tx(45, 53)])])
    assert (s.n_gold, s.n_system) == (0, 2)
    assert s.strict_precision == 0.0 and s.relaxed_precision == 0.0
    assert s.relaxed_recall == 0.0 and s.relaxed_f1 == 0.0
    assert s.type_accuracy == 0.0 and s.value_f1 == 0.0


def test_nothing_at_all() -> None:
    s = score_documents([([], [])])
    assert s.n_docs == 1
    assert s.strict_f1 == 0.0 and s.relaxed_f1 == 0.0 and s.value_accuracy == 0.0
    assert score_documents([]).n_docs == 0


def test_one_gold_overlapped_by_two_system_matches_once() -> None:
    # "the past" [16:24] and "three years" [25:36] both overlap "the past three years"
    system = [tx(16, 24, "DURATION", "P3Y"), tx(25, 36, "DURATION", "P3Y")]
    al = align([G_YEARS], system)
    assert al.pairs == ((G_YEARS, system[1]),)  # larger overlap (11 > 8) wins
    assert al.unmatched_system == (system[0],)
    s = score_documents([([G_YEARS], system)])
    assert s.relaxed_precision == approx(Fraction(1, 2))
    assert s.relaxed_recall == approx(1)
    assert s.relaxed_f1 == approx(Fraction(2, 3))
    assert s.strict_f1 == 0.0


def test_one_system_over_two_gold_matches_once() -> None:
    gold = [tx(3, 9), tx(16, 36)]
    system = [tx(3, 36)]  # one long span over both gold timexes
    s = score_documents([(gold, system)])
    assert s.relaxed_matches == 1
    assert s.relaxed_precision == approx(1)
    assert s.relaxed_recall == approx(Fraction(1, 2))
    assert align(gold, system).unmatched_gold == (gold[0],)  # the 20-char overlap wins


def test_identical_extent_is_preferred_over_an_equal_overlap() -> None:
    exact, longer = tx(3, 9, value="A"), tx(3, 20, value="B")
    for system in ([exact, longer], [longer, exact]):
        al = align([G_MON], system)
        assert al.pairs == ((G_MON, exact),)
        assert al.strict == 1
        assert al.unmatched_system == (longer,)


def test_greedy_alignment_is_one_to_one_across_a_chain() -> None:
    gold = [tx(3, 9), tx(10, 20)]
    system = [tx(5, 12), tx(11, 36)]
    al = align(gold, system)
    # overlaps: g0-s0 = 4, g1-s0 = 2, g1-s1 = 9 -> g1-s1 first, then g0-s0
    assert al.pairs == ((gold[0], system[0]), (gold[1], system[1]))
    assert not al.unmatched_gold and not al.unmatched_system


def test_duplicate_system_timexes_count_once() -> None:
    s = score_documents([([G_MON], [tx(3, 9), tx(3, 9)])])
    assert s.strict_matches == 1
    assert s.strict_precision == approx(Fraction(1, 2))
    assert s.strict_recall == approx(1)


def test_scores_are_micro_averaged_over_documents() -> None:
    doc1 = ([G_MON], [tx(3, 9, value=G_MON.value)])
    doc2: tuple[list[Timex], list[Timex]] = ([G_MON, G_YEARS, G_SEPT], [])
    s = score_documents([doc1, doc2])
    assert (s.n_docs, s.n_gold, s.n_system) == (2, 4, 1)
    assert s.strict_precision == approx(1)
    assert s.strict_recall == approx(Fraction(1, 4))
    assert s.strict_f1 == approx(Fraction(2, 5))
    assert s.value_f1 == approx(Fraction(2, 5))


def test_to_dict_and_format() -> None:
    s = score_documents([([G_MON, G_YEARS, G_SEPT], [tx(3, 9, value="2020-10-12")])])
    d = s.to_dict()
    assert d["n_gold"] == 3 and d["strict_precision"] == 1.0
    assert set(d) >= {
        "n_docs", "n_gold", "n_system",
        "strict_precision", "strict_recall", "strict_f1",
        "relaxed_precision", "relaxed_recall", "relaxed_f1",
        "type_accuracy", "value_accuracy", "type_f1", "value_f1",
    }  # fmt: skip
    table = s.format()
    assert "strict" in table and "relaxed" in table and "value" in table
    assert "100.00" in table and "50.00" in table  # strict P, strict F1
    assert isinstance(s, TimexScores)


def test_errors_report_lists_each_kind_of_error() -> None:
    gold = [G_MON, G_YEARS, G_SEPT]
    system = [tx(3, 9, "DATE", "2020-10-19"), tx(25, 36, "DATE", "P3Y"), tx(40, 42, "DATE", "Y")]
    errs = document_errors("d1", gold, system)
    assert errs.false_negatives == (G_SEPT,)
    assert errs.false_positives == (system[2],)
    assert errs.extent_mismatches == ((G_YEARS, system[1]),)
    assert errs.type_mismatches == ((G_YEARS, system[1]),)
    assert errs.value_mismatches == ((G_MON, system[0]),)
    report = errors_report([("d1", gold, system), ("clean", [G_MON], [G_MON])])
    assert report.startswith("== d1\n")
    assert "clean" not in report
    for mark in ("FN ", "FP ", "EXT ", "TYPE ", "VAL "):
        assert f"  {mark}" in report
    assert "'Sept. 30'" in report
    capped = errors_report([("d1", gold, system)], max_per_doc=2)
    assert "... 3 more" in capped
    assert errors_report([("clean", [G_MON], [G_MON])]) == ""


# --- score_dirs on TimeML written into tmp_path -------------------------------------

HEAD = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>{id}</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2020-10-16" '
    'functionInDocument="CREATION_TIME">2020-10-16</TIMEX3></DCT>\n<TEXT>'
)
TAIL = "</TEXT>\n</TimeML>\n"

GOLD_A = (
    HEAD.format(id="a")
    + 'It rained <TIMEX3 tid="t1" type="DATE" value="2020-10-15">yesterday</TIMEX3> and '
    '<TIMEX3 tid="t2" type="DATE" value="2020-10-14">on Wednesday</TIMEX3>.' + TAIL
)
SYSTEM_A = (
    HEAD.format(id="a")
    + 'It rained <TIMEX3 tid="t1" type="DATE" value="2020-10-15">yesterday</TIMEX3> and on '
    '<TIMEX3 tid="t2" type="DATE" value="2020-10-21">Wednesday</TIMEX3>.' + TAIL
)
GOLD_B = (
    HEAD.format(id="b")
    + 'Sales rose for <TIMEX3 tid="t1" type="DURATION" value="P3Y">three years</TIMEX3>.'
    + TAIL
)


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_score_dirs_pairs_files_by_name(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold", {"a.tml": GOLD_A, "b.tml": GOLD_B})
    system = _write(tmp_path / "sys", {"a.tml": SYSTEM_A, "extra.tml": GOLD_B, "notes.txt": "x"})
    s = score_dirs(gold, system)
    # gold: 3 timexes in 2 docs; system: 2 in a.tml (b.tml missing counts as empty)
    assert (s.n_docs, s.n_gold, s.n_system) == (2, 3, 2)
    assert s.strict_precision == approx(Fraction(1, 2))
    assert s.strict_recall == approx(Fraction(1, 3))
    assert s.relaxed_precision == approx(1)
    assert s.relaxed_recall == approx(Fraction(2, 3))
    assert s.value_accuracy == approx(Fraction(1, 2))
    assert s.value_f1 == approx(Fraction(2, 5))
    pairs = load_pairs(str(gold), str(system))
    assert [doc_id for doc_id, _, _ in pairs] == ["a", "b"]
    assert pairs[1][2] == ()


def test_score_dirs_missing_or_empty_folders(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold", {"a.tml": GOLD_A})
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="does not exist"):
        score_dirs(tmp_path / "nope", gold)
    with pytest.raises(InputError, match="system folder .* does not exist"):
        score_dirs(gold, tmp_path / "nope")
    with pytest.raises(InputError, match="no .tml or .TE3input files"):
        score_dirs(empty, gold)
    with pytest.raises(InputError, match="no .tml or .TE3input files"):
        score_dirs(gold, empty)
    with pytest.raises(InputError, match="not a folder"):
        score_dirs(gold / "a.tml", gold)


def test_score_dirs_unreadable_or_mismatched_file(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold", {"a.tml": GOLD_A})
    broken = _write(tmp_path / "broken", {"a.tml": "<TimeML><TEXT>oops</TimeML>"})
    with pytest.raises(InputError) as info:
        score_dirs(gold, broken)
    assert "\n" not in str(info.value)
    other = _write(tmp_path / "other", {"a.tml": GOLD_B})
    with pytest.raises(InputError, match="TEXT differs"):
        score_dirs(gold, other)


@pytest.mark.parametrize(("value", "read"), [
    ("2014-XX-XX", "2014"),  # a year
    ("2014-05-04-WXX-7", "2014-05-04"),  # a day with its weekday
    ("2013-04-13-WXX-6T19:00", "2013-04-13T19:00"),  # and a clock time
    ("2014-07-W27", "2014-W27"),  # a week with its month
    ("2014-W45-WE", "2014-W45-WE"),  # TIMEX3 already: as it is
    ("XXXX-WXX-3", "XXXX-WXX-3"),  # any Wednesday: TIMEX3
    ("2014-12-XX", "2014-12-XX"),
    ("P1D", "P1D"),
])
def test_timex3_notation_reads_a_corpus_spelling_as_timex3(value: str, read: str) -> None:
    assert timex3_notation(value) == read
