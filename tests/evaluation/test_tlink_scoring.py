"""TLINK reading and TempEval-3 temporal awareness on hand-made graphs with hand-worked figures."""

from __future__ import annotations

import itertools
import random
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from newsline import InputError, TimeMLError
from newsline._model import AnnotatedDocument, Event, Link, Timex
from newsline._temporal_graph import TemporalGraph, canonical
from newsline.evaluation._tlink_reader import dct_tid, instance_events, read_makeinstances, read_matres, read_tlinks
from newsline.evaluation._tlink_scoring import (
    TLinkDoc,
    TLinkScores,
    load_tlink_pairs,
    score_tlink_dirs,
    score_tlink_doc,
    score_tlinks,
)
from newsline.timeml import parse_timeml


def approx(x: Fraction | int) -> object:
    return pytest.approx(float(x), rel=1e-12, abs=1e-15)


def links(*specs: str) -> tuple[Link, ...]:
    """``links("A BEFORE B", "B AFTER C")`` -> Link values (kind is not used by the scorer)."""
    out = []
    for n, spec in enumerate(specs, 1):
        source, rel, target = spec.split()
        out.append(Link(f"l{n}", source, target, rel, "event-event"))
    return tuple(out)


def by_id(gold: tuple[Link, ...], system: tuple[Link, ...]) -> TLinkScores:
    return score_tlink_doc(TLinkDoc(gold), TLinkDoc(system), align="id")


def prf(s: TLinkScores) -> tuple[float, float, float]:
    return s.precision, s.recall, s.f1


# ---------------------------------------------------------------- the closure


def test_canonical_direction() -> None:
    assert canonical("A", "B", "AFTER") == ("B", "A", "BEFORE")
    assert canonical("A", "B", "IS_INCLUDED") == ("B", "A", "INCLUDES")
    assert canonical("A", "B", "BEGUN_BY") == ("B", "A", "BEGINS")
    assert canonical("A", "B", "ENDED_BY") == ("B", "A", "ENDS")
    assert canonical("A", "B", "IAFTER") == ("B", "A", "IBEFORE")
    assert canonical("B", "A", "DURING") == ("A", "B", "SIMULTANEOUS")
    assert canonical("A", "B", "IDENTITY") == ("A", "B", "SIMULTANEOUS")
    assert canonical("A", "B", "DURING_INV") == ("A", "B", "SIMULTANEOUS")
    assert canonical("A", "B", "VAGUE") is None


@pytest.mark.parametrize(
    ("first", "second", "implied"),
    [
        ("A BEFORE B", "B BEFORE C", "BEFORE"),
        ("A BEFORE B", "B INCLUDES C", "BEFORE"),
        ("A IBEFORE B", "B IBEFORE C", "BEFORE"),
        ("A BEGINS B", "B BEFORE C", "BEFORE"),
        ("A IS_INCLUDED B", "B IS_INCLUDED C", "IS_INCLUDED"),
        ("A SIMULTANEOUS B", "B ENDS C", "ENDS"),
        ("A DURING B", "B AFTER C", "AFTER"),
        ("A BEGINS B", "B BEGINS C", "BEGINS"),
        ("A ENDED_BY B", "B ENDED_BY C", "ENDED_BY"),
        ("A IBEFORE B", "C BEGINS B", "IBEFORE"),
        ("A INCLUDES B", "B BEFORE C", None),  # A may end before, during or after C
        ("A BEFORE B", "C BEFORE B", None),
    ],
)
def test_compositions(first: str, second: str, implied: str | None) -> None:
    g = TemporalGraph()
    for spec in (first, second):
        source, rel, target = spec.split()
        assert g.add(source, target, rel) == "added"
    assert g.relation("A", "C") == implied


def test_redundant_and_violated_links() -> None:
    g = TemporalGraph()
    assert g.add("A", "B", "BEFORE") == "added"
    assert g.add("B", "A", "AFTER") == "redundant"
    assert g.add("B", "A", "BEFORE") == "violated"
    assert g.add("A", "B", "SIMULTANEOUS") == "violated"
    assert g.add("A", "A", "BEFORE") == "violated"
    assert g.add("A", "A", "IDENTITY") == "redundant"
    assert g.add("C", "D", "BEGINS") == "added"
    assert g.add("C", "D", "ENDS") == "violated"  # would make C and D end together too
    assert not g.entails("C", "D", "ENDS")
    assert g.entails("A", "B", "BEFORE") and not g.entails("A", "X", "BEFORE")
    assert len(g) == 4 and "A" in g and "X" not in g


def test_violated_link_leaves_the_graph_unchanged() -> None:
    g = TemporalGraph()
    assert g.add("A", "B", "IBEFORE") == "added"  # A+ = B-
    assert g.add("C", "A", "ENDS") == "added"  # C+ = A+, A- < C-
    assert g.relation("C", "B") == "IBEFORE"
    # C- = A- contradicts A- < C-; the half that would fit (C+ = A+) is not applied either
    assert g.add("C", "A", "SIMULTANEOUS") == "violated"
    assert g.relation("C", "A") == "ENDS"
    assert g.add("B", "C", "BEGUN_BY") == "violated"  # B- = C- contradicts C+ = B-
    assert g.relation("B", "C") == "IAFTER"


_ORACLE_RELS = ("BEFORE", "AFTER", "IBEFORE", "IAFTER", "INCLUDES", "IS_INCLUDED", "BEGINS", "BEGUN_BY",
                "ENDS", "ENDED_BY", "SIMULTANEOUS")


def _holds(rel: str, x: tuple[int, int], y: tuple[int, int]) -> bool:
    (xs, xe), (ys, ye) = x, y
    return {
        "BEFORE": xe < ys, "AFTER": ye < xs, "IBEFORE": xe == ys, "IAFTER": ye == xs,
        "INCLUDES": xs < ys and ye < xe, "IS_INCLUDED": ys < xs and xe < ye,
        "BEGINS": xs == ys and xe < ye, "BEGUN_BY": xs == ys and ye < xe,
        "ENDS": xe == ye and ys < xs, "ENDED_BY": xe == ye and xs < ys,
        "SIMULTANEOUS": xs == ys and xe == ye,
    }[rel]


def _models(n: int) -> list[tuple[tuple[int, int], ...]]:
    """Every placement of ``n`` intervals on 2n integer points (all orderings of the ends)."""
    spans = [(s, e) for s in range(2 * n) for e in range(2 * n) if s < e]
    return list(itertools.product(spans, repeat=n))


def test_closure_agrees_with_brute_force_on_three_intervals() -> None:
    """Redundant = true in every model so far; violated = true in none; entails = true in all."""
    models = _models(3)
    names = "ABC"
    rng = random.Random(7)
    for _ in range(150):
        g = TemporalGraph()
        alive = models
        for _ in range(rng.randint(1, 5)):
            i, j = rng.sample(range(3), 2)
            rel = rng.choice(_ORACLE_RELS)
            sat = [m for m in alive if _holds(rel, m[i], m[j])]
            expected = "violated" if not sat else "redundant" if len(sat) == len(alive) else "added"
            assert g.add(names[i], names[j], rel) == expected, (names[i], rel, names[j])
            if sat:
                alive = sat
        for i, j in itertools.permutations(range(3), 2):
            if names[i] in g and names[j] in g:
                for rel in _ORACLE_RELS:
                    truth = all(_holds(rel, m[i], m[j]) for m in alive)
                    assert g.entails(names[i], names[j], rel) == truth


def test_long_chain_is_closed() -> None:
    g = TemporalGraph()
    for i in range(600):
        g.add(f"e{i}", f"e{i + 1}", "BEFORE" if i % 3 else "IBEFORE")
    assert g.entails("e0", "e600", "BEFORE")
    assert g.relation("e600", "e0") == "AFTER"


# ---------------------------------------------------------------- the metric, by id


def test_identical_graphs_score_one() -> None:
    gold = links("A BEFORE B", "B INCLUDES C", "C SIMULTANEOUS D", "D IBEFORE E")
    s = by_id(gold, gold)
    assert prf(s) == (1.0, 1.0, 1.0)
    assert (s.n_docs, s.n_gold, s.n_system, s.gold_reduced, s.system_reduced) == (1, 4, 4, 4, 4)


def test_link_implied_only_through_closure_is_correct_for_precision() -> None:
    # gold A<B, B<C; system A<C: precision 1/1 (A<C in closure(G)); recall 0/2
    s = by_id(links("A BEFORE B", "B BEFORE C"), links("A BEFORE C"))
    assert (s.precision_matched, s.system_reduced, s.recall_matched, s.gold_reduced) == (1, 1, 0, 2)
    assert prf(s) == (1.0, 0.0, 0.0)
    # system A<B, A<C: precision 2/2; recall: A<B yes, B<C not implied -> 1/2; F1 = 2/3
    s = by_id(links("A BEFORE B", "B BEFORE C"), links("A BEFORE B", "A BEFORE C"))
    assert s.precision == approx(1)
    assert s.recall == approx(Fraction(1, 2))
    assert s.f1 == approx(Fraction(2, 3))


def test_inverse_relations_match() -> None:
    gold = links("A AFTER B", "C IS_INCLUDED D", "E BEGUN_BY F", "G IAFTER H", "I ENDED_BY J", "K DURING L")
    system = links("B BEFORE A", "D INCLUDES C", "F BEGINS E", "H IBEFORE G", "J ENDS I", "L IDENTITY K")
    assert prf(by_id(gold, system)) == (1.0, 1.0, 1.0)


def test_contradicting_link_is_wrong() -> None:
    gold = links("A BEFORE B", "B BEFORE C")
    assert prf(by_id(gold, links("C BEFORE A"))) == (0.0, 0.0, 0.0)
    # system A<B and C<A (consistent on its own): P = 1/2 (A<B), R = 1/2 (A<B; B<C is not implied)
    s = by_id(gold, links("A BEFORE B", "C BEFORE A"))
    assert (s.precision, s.recall) == (approx(Fraction(1, 2)), approx(Fraction(1, 2)))
    # a relation that differs only in the endpoints: gold A INCLUDES B, system A BEGUN_BY B
    assert prf(by_id(links("A INCLUDES B"), links("A BEGUN_BY B"))) == (0.0, 0.0, 0.0)


def test_reduction_leaves_out_implied_links_in_order() -> None:
    s = by_id(links("A BEFORE B", "B BEFORE C", "A BEFORE C"), links("A BEFORE C"))
    assert (s.gold_reduced, s.recall_matched) == (2, 0)  # A<C was implied when it came
    # the official greedy reduction keeps A<C when it comes first
    s = by_id(links("A BEFORE C", "A BEFORE B", "B BEFORE C"), links("A BEFORE C"))
    assert (s.gold_reduced, s.recall_matched) == (3, 1)
    # duplicates and inverse duplicates count once
    s = by_id(links("A BEFORE B", "A BEFORE B", "B AFTER A"), links("A BEFORE B"))
    assert (s.gold_reduced, s.system_reduced, s.f1) == (1, 1, 1.0)


def test_violated_gold_link_stays_in_the_reduced_graph() -> None:
    gold = links("A BEFORE B", "B BEFORE A")
    s = by_id(gold, gold)
    assert (s.gold_reduced, s.gold_violated, s.f1) == (2, 1, 1.0)  # the violated link matches literally
    s = by_id(gold, links("A BEFORE B"))
    assert (s.precision, s.recall) == (approx(1), approx(Fraction(1, 2)))


def test_vague_links_are_not_scored() -> None:
    s = by_id(links("A BEFORE B", "B VAGUE C"), links("A BEFORE B", "A VAGUE C"))
    assert (s.gold_unscored, s.system_unscored, s.gold_reduced, s.system_reduced) == (1, 1, 1, 1)
    assert s.f1 == 1.0


def test_micro_average_over_documents() -> None:
    one = (TLinkDoc(links("A BEFORE B")), TLinkDoc(links("A BEFORE B")))
    two = (TLinkDoc(links("A BEFORE B", "B BEFORE C", "C BEFORE D")),
           TLinkDoc(links("B BEFORE A", "C BEFORE B", "D BEFORE C")))
    s = score_tlinks([one, two], align="id")
    # precision (1 + 0) / (1 + 3) = 1/4 (the macro average would be 1/2); recall the same
    assert (s.n_docs, s.precision, s.recall, s.f1) == (2, approx(Fraction(1, 4)), approx(Fraction(1, 4)),
                                                       approx(Fraction(1, 4)))


def test_empty_system_scores_zero() -> None:
    s = by_id(links("A BEFORE B"), ())
    assert prf(s) == (0.0, 0.0, 0.0)
    assert s.to_dict()["gold_reduced"] == 1


def test_bad_options_are_input_errors() -> None:
    with pytest.raises(InputError):
        score_tlinks([], align="offsets")  # type: ignore[arg-type]


# ---------------------------------------------------------------- alignment by span

# gold: events e1 [0,5) and e2 [10,15), timex t1 [20,25), DCT t0
GOLD = TLinkDoc(
    links("e1 BEFORE e2", "e1 IS_INCLUDED t1", "e1 BEFORE t0"),
    events={"e1": (0, 5), "e2": (10, 15)}, timexes={"t1": (20, 25)}, dct="t0",
)
# system: e7 is e1; e8 [30,35) has no gold event; t9 [18,25) only overlaps t1; its DCT is t100
SYSTEM = TLinkDoc(
    links("e7 BEFORE e8", "e7 IS_INCLUDED t9", "t100 AFTER e7"),
    events={"e7": (0, 5), "e8": (30, 35)}, timexes={"t9": (18, 25)}, dct="t100",
)


def test_unaligned_nodes_count_against_both_sides_by_default() -> None:
    # aligned: e7=e1, t100=t0; t9 is not t1 (strict spans), e8 nothing
    s = score_tlink_doc(GOLD, SYSTEM)
    # P: e7<e8 no, e7 in t9 no, e1 < t0 yes -> 1/3; R: e1<e2 no, e1 in t1 no, e1 < t0 yes -> 1/3
    assert (s.precision_matched, s.system_reduced, s.recall_matched, s.gold_reduced) == (1, 3, 1, 3)


def test_relaxed_timex_alignment() -> None:
    s = score_tlink_doc(GOLD, SYSTEM, relaxed_timexes=True)
    assert (s.precision_matched, s.system_reduced, s.recall_matched, s.gold_reduced) == (2, 3, 2, 3)


def test_links_with_unaligned_ends_can_be_dropped() -> None:
    s = score_tlink_doc(GOLD, SYSTEM, relaxed_timexes=True, unaligned="drop")
    # system e7<e8 dropped (e8 has no gold event), gold e1<e2 dropped (e2 has no system event)
    assert (s.system_unscored, s.gold_unscored) == (1, 1)
    assert (s.precision_matched, s.system_reduced, s.recall_matched, s.gold_reduced) == (2, 2, 2, 2)
    assert s.f1 == 1.0


def test_same_span_alignment_is_one_to_one() -> None:
    gold = TLinkDoc(links("e1 BEFORE t0"), events={"e1": (0, 5)})
    system = TLinkDoc(links("e2 BEFORE t0", "e3 AFTER t0"), events={"e2": (0, 5), "e3": (0, 5)})
    s = score_tlink_doc(gold, system)
    assert (s.precision_matched, s.system_reduced, s.recall) == (1, 2, 1.0)


def test_annotated_documents_are_aligned_by_span() -> None:
    system = AnnotatedDocument(
        text="x" * 40, dct=date(2020, 10, 16),
        events=(Event("e3", 0, 5, "xxxxx"),),
        timexes=(Timex(18, 25, "xxxxxxx", "DATE", "2020-10-14", tid="t2"),),
        links=links("e3 IS_INCLUDED t2", "e3 BEFORE t0"),
    )
    s = score_tlink_doc(GOLD, TLinkDoc.from_annotated(system), relaxed_timexes=True)
    assert (s.precision_matched, s.system_reduced) == (2, 2)


def test_format_and_to_dict() -> None:
    s = score_tlink_doc(GOLD, SYSTEM)
    text = s.format()
    assert "1 documents, 3 gold links, 3 system links" in text
    assert "temporal awareness  33.33  33.33  33.33" in text
    d = s.to_dict()
    assert d["precision"] == approx(Fraction(1, 3)) and d["n_docs"] == 1


# ---------------------------------------------------------------- reading TimeML

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{docid}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-10-16" functionInDocument="CREATION_TIME">2020-10-16</TIMEX3></DCT>
<TEXT>{text}</TEXT>
{tail}
</TimeML>
"""
TEXT = ('The band <EVENT eid="e1" class="OCCURRENCE">played</EVENT> on <TIMEX3 tid="t1" type="DATE" '
        'value="2020-10-14">Wednesday</TIMEX3> and <EVENT eid="e2" class="OCCURRENCE">left</EVENT> '
        '<TIMEX3 tid="t2" type="DATE" value="2020-10-15">Thursday</TIMEX3>.')
INSTANCES = """<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei7" tense="PAST" aspect="NONE" polarity="NEG" pos="VERB" modality="would"/>"""
GOLD_LINKS = """<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="BEFORE" eventInstanceID="ei1" relatedToEventInstance="ei7"/>
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei7" relatedToTime="t0"/>
<TLINK lid="l4" relType="BEFORE" timeID="t1" relatedToTime="t2"/>
<TLINK lid="l5" relType="IS_INCLUDED" eventInstanceID="ei7" relatedToTime="t2"/>"""


def tml(tail: str, text: str = TEXT, docid: str = "doc1") -> str:
    return TML.format(docid=docid, text=text, tail=tail)


def test_read_tlinks_maps_instances_to_events_and_finds_the_dct() -> None:
    doc = parse_timeml(tml(INSTANCES + "\n" + GOLD_LINKS))
    assert dct_tid(doc) == "t0"
    assert instance_events(doc) == {"ei1": "e1", "ei7": "e2"}
    assert read_tlinks(doc) == [
        Link("l1", "e1", "t1", "IS_INCLUDED", "event-timex"),
        Link("l2", "e1", "e2", "BEFORE", "event-event"),
        Link("l3", "e2", "t0", "BEFORE", "event-dct"),
        Link("l4", "t1", "t2", "BEFORE", "timex-timex"),
        Link("l5", "e2", "t2", "IS_INCLUDED", "event-timex"),
    ]
    assert read_makeinstances(doc) == {
        "e1": {"eiid": "ei1", "tense": "PAST", "aspect": "NONE", "polarity": "POS", "pos": "VERB"},
        "e2": {"eiid": "ei7", "tense": "PAST", "aspect": "NONE", "polarity": "NEG", "pos": "VERB",
               "modality": "would"},
    }
    d = TLinkDoc.from_timeml(doc)
    assert d.events == {"e1": (9, 15), "e2": (33, 37)} and d.timexes == {"t1": (19, 28), "t2": (38, 46)}
    assert doc.text[9:15] == "played" and doc.text[38:46] == "Thursday"


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        ('<TLINK lid="l1" relType="SOMETIME" eventInstanceID="ei1" relatedToTime="t1"/>', "relType 'SOMETIME'"),
        ('<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei9" relatedToTime="t1"/>', "ei9"),
        ('<TLINK lid="l1" relType="BEFORE" relatedToTime="t1"/>', "neither eventInstanceID nor timeID"),
    ],
)
def test_bad_tlinks_are_timeml_errors(tail: str, message: str) -> None:
    doc = parse_timeml(tml(INSTANCES + "\n" + tail))
    with pytest.raises(TimeMLError, match=message):
        read_tlinks(doc)


def test_read_matres(tmp_path: Path) -> None:
    f = tmp_path / "m.txt"
    f.write_text("DOC1\tsaid\tmade\t1\t2\tAFTER\nDOC1\tleft\tstir\t17\t19\tEQUAL\n\nDOC2\ta\tb\t3\t4\tVAGUE\n")
    assert read_matres(f) == {"DOC1": [("ei1", "ei2", "AFTER"), ("ei17", "ei19", "EQUAL")],
                              "DOC2": [("ei3", "ei4", "VAGUE")]}
    f.write_text("DOC1\tsaid\tmade\t1\t2\tAFTER\nDOC1\tsaid\tmade\t1\t2\tLATER\n")
    with pytest.raises(InputError, match=r"m\.txt:2: relation 'LATER'"):
        read_matres(f)
    f.write_text("DOC1 said made 1 2 AFTER\n")
    with pytest.raises(InputError, match="6 tab-separated columns"):
        read_matres(f)
    with pytest.raises(InputError, match="does not exist"):
        read_matres(tmp_path / "nope.txt")


# ---------------------------------------------------------------- folders

# The system tags "played" as e5 (instance ei5), finds no "left", and links:
# played IS_INCLUDED Wednesday (right), played BEFORE Thursday (implied by the gold closure:
# played in t1, t1 before t2), Wednesday AFTER Thursday (wrong).
SYSTEM_TEXT = TEXT.replace('eid="e1"', 'eid="e5"').replace(
    '<EVENT eid="e2" class="OCCURRENCE">left</EVENT>', "left")
SYSTEM_TAIL = """<MAKEINSTANCE eventID="e5" eiid="ei5" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei5" relatedToTime="t1"/>
<TLINK lid="l2" relType="BEFORE" eventInstanceID="ei5" relatedToTime="t2"/>
<TLINK lid="l3" relType="AFTER" timeID="t1" relatedToTime="t2"/>"""


def write_pair(tmp_path: Path) -> tuple[Path, Path]:
    gold, system = tmp_path / "gold", tmp_path / "system"
    gold.mkdir()
    system.mkdir()
    (gold / "a.tml").write_text(tml(INSTANCES + "\n" + GOLD_LINKS), encoding="utf-8")
    (system / "a.tml").write_text(tml(SYSTEM_TAIL, SYSTEM_TEXT), encoding="utf-8")
    return gold, system


def test_score_tlink_dirs(tmp_path: Path) -> None:
    gold, system = write_pair(tmp_path)
    s = score_tlink_dirs(gold, system)
    # gold reduced: all 5 links (none implied by those before it); system reduced: 3
    # P: e1 in t1 yes, e1 < t2 yes (closure), t1 > t2 no -> 2/3
    # R: e1 in t1 yes, e1 < e2 no (no e2), e2 < t0 no, t1 < t2 no (system says after), e2 in t2 no -> 1/5
    assert (s.n_gold, s.n_system, s.gold_reduced, s.system_reduced) == (5, 3, 5, 3)
    assert (s.precision_matched, s.recall_matched) == (2, 1)
    assert s.precision == approx(Fraction(2, 3))
    assert s.recall == approx(Fraction(1, 5))
    assert s.f1 == approx(Fraction(4, 13))  # 2 * 2/3 * 1/5 / (2/3 + 1/5)
    assert prf(score_tlink_dirs(gold, gold)) == (1.0, 1.0, 1.0)


def test_missing_system_file_is_a_document_without_links(tmp_path: Path) -> None:
    gold, system = write_pair(tmp_path)
    (gold / "b.tml").write_text(tml(INSTANCES + "\n" + GOLD_LINKS, docid="doc2"), encoding="utf-8")
    s = score_tlink_dirs(gold, system)
    assert (s.n_docs, s.gold_reduced, s.system_reduced, s.recall_matched) == (2, 10, 3, 1)
    assert [g.doc_id for g, _ in load_tlink_pairs(gold, system)] == ["doc1", "doc2"]


def test_folder_errors(tmp_path: Path) -> None:
    gold, system = write_pair(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="does not exist"):
        score_tlink_dirs(tmp_path / "nope", system)
    with pytest.raises(InputError, match="has no .tml"):
        score_tlink_dirs(gold, empty)
    (system / "a.tml").write_text(tml(SYSTEM_TAIL, SYSTEM_TEXT.replace("band", "group")), encoding="utf-8")
    with pytest.raises(InputError, match="TEXT differs"):
        score_tlink_dirs(gold, system)
    with pytest.raises(InputError) as info:
        score_tlink_dirs(gold, empty)
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------- the corpora (skipped without them)



def test_aquaint_gold_against_itself_scores_one(aquaint: Path) -> None:
    s = score_tlink_dirs(aquaint, aquaint)
    assert s.n_docs == 73 and s.gold_reduced > 5000
    assert prf(s) == (1.0, 1.0, 1.0)


def test_read_matres_reads_both_files(shared_data: Path, aquaint: Path) -> None:
    folder = shared_data / "matres"
    if not folder.is_dir():
        pytest.skip(f"MATRES not available at {folder}")
    timebank, aq = read_matres(folder / "timebank.txt"), read_matres(folder / "aquaint.txt")
    assert len(timebank) > 150 and len(aq) == 73
    assert sum(map(len, timebank.values())) > 6000 and sum(map(len, aq.values())) > 6000
    assert {rel for pairs in aq.values() for _, _, rel in pairs} == {"BEFORE", "AFTER", "EQUAL", "VAGUE"}
    # every AQUAINT MATRES eiid is an instance of the TempEval-3 file
    from newsline.timeml import read_timeml

    for docid, pairs in aq.items():
        known = instance_events(read_timeml(aquaint / f"{docid}.tml"))
        assert all(a in known and b in known for a, b, _ in pairs), docid
