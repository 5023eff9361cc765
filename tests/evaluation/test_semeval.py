"""SemEval-2015 Task 4 TimeLine: CAT reader, timeline files and the official metric (hand-worked figures)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from newsline import InputError
from newsline.corpus._timeline_files import (
    Entry,
    Timeline,
    format_timeline,
    parse_timeline,
    read_timeline,
    read_timeline_dir,
    timeline_filename,
    write_timeline,
    write_timeline_dir,
)
from newsline.evaluation._semeval import (
    AnchorRelation,
    TimelineScores,
    event_id,
    parse_cat,
    parse_event_id,
    read_cat_dir,
    score_timeline_dirs,
    score_timelines,
    timeline_links,
)

TRIAL = Path("timeline") / "semeval2015-task4-trial"


def approx(x: Fraction | int) -> object:
    return pytest.approx(float(x), rel=1e-12, abs=1e-15)


def tl(text: str, entity: str = "X") -> Timeline:
    """``tl("1 2010 A B; 2 2011 C")`` -> a timeline (entries split on ';', fields on spaces)."""
    entries = []
    for part in text.split(";"):
        order, date, *events = part.split()
        entries.append(Entry(int(order), date, tuple(events)))
    return Timeline(entity, tuple(entries))


def prf(s: TimelineScores) -> tuple[float, float, float]:
    return s.precision, s.recall, s.f1


def one(gold: str, system: str | None, anchors: bool = True,
        anchor_relation: AnchorRelation = "SIMULTANEOUS") -> TimelineScores:
    pair = (tl(gold), None if system is None else tl(system))
    return score_timelines([pair], anchors=anchors, anchor_relation=anchor_relation)


MODES: list[tuple[bool, AnchorRelation]] = [(True, "SIMULTANEOUS"), (False, "SIMULTANEOUS"), (True, "IS_INCLUDED")]


# ---------------------------------------------------------------- the graph


def test_graph_of_a_timeline() -> None:
    links = timeline_links(tl("0 XXXX-XX-XX Z; 1 2010 A B; 2 XXXX-XX-XX C; 3 2011-05 D; 3 2011-05 E"))
    assert [(x.source, x.rel, x.target) for x in links] == [
        ("A", "SIMULTANEOUS", "date:2010"),  # anchors first; the order-0 Z is left out
        ("B", "SIMULTANEOUS", "date:2010"),
        ("C", "SIMULTANEOUS", "date:XXXX-XX-XX"),  # "undated" is an anchor node too
        ("D", "SIMULTANEOUS", "date:2011-05"),
        ("E", "SIMULTANEOUS", "date:2011-05"),
        ("A", "BEFORE", "C"),  # consecutive positions, first events
        ("C", "BEFORE", "D"),
        ("A", "SIMULTANEOUS", "B"),  # same position
        ("D", "SIMULTANEOUS", "E"),
    ]
    ordering = timeline_links(tl("1 2010 A B; 2 2011 C"), anchors=False)
    assert [(x.source, x.rel, x.target) for x in ordering] == [("A", "BEFORE", "C"), ("A", "SIMULTANEOUS", "B")]
    included = timeline_links(tl("1 2010 A"), anchor_relation="IS_INCLUDED")
    assert [(x.source, x.rel, x.target) for x in included] == [("A", "IS_INCLUDED", "date:2010")]
    with pytest.raises(InputError):
        timeline_links(tl("1 2010 A"), anchor_relation="BEFORE")  # type: ignore[arg-type]


# ---------------------------------------------------------------- the metric, hand-worked


@pytest.mark.parametrize(("anchors", "anchor_relation"), MODES)
def test_identical_timelines_score_one(anchors: bool, anchor_relation: AnchorRelation) -> None:
    text = "0 XXXX-XX-XX Z; 1 2010 A B; 2 2010 C; 3 XXXX-XX-XX D; 4 2012-03-XX E F"
    s = one(text, text, anchors, anchor_relation)
    assert prf(s) == (1.0, 1.0, 1.0)
    assert s.missing == ()


def test_one_swapped_order() -> None:
    # gold A < B < C, the system says A < C < B (each event keeps its anchor).
    gold, system = "1 2010 A; 2 2011 B; 3 2012 C", "1 2010 A; 2 2012 C; 3 2011 B"
    # Ordering only: gold reduced {A<B, B<C}, system reduced {A<C, C<B}.  A<C is in the
    # gold closure, C<B is not: P = 1/2; A<B is in the system closure, B<C is not: R = 1/2.
    assert prf(one(gold, system, anchors=False)) == (0.5, 0.5, 0.5)
    # With anchors each side adds its three (equal) anchor links: P = R = 4/5.
    s = one(gold, system)
    assert (s.system_reduced, s.precision_matched, s.gold_reduced, s.recall_matched) == (5, 4, 5, 4)
    assert prf(s) == (approx(Fraction(4, 5)),) * 3
    assert prf(one(gold, system, anchor_relation="IS_INCLUDED")) == (approx(Fraction(4, 5)),) * 3


def test_wrong_anchor() -> None:
    # B anchored to 2012 instead of 2011: {A=2010, B=2012, A<B} against {A=2010, B=2011, A<B}.
    s = one("1 2010 A; 2 2011 B", "1 2010 A; 2 2012 B")
    assert prf(s) == (approx(Fraction(2, 3)),) * 3
    assert prf(one("1 2010 A; 2 2011 B", "1 2010 A; 2 2012 B", anchors=False)) == (1.0, 1.0, 1.0)
    # A less precise anchor is another node: nothing relates 2011 to 2011-05.
    assert prf(one("1 2010 A; 2 2011-05 B", "1 2010 A; 2 2011 B")) == (approx(Fraction(2, 3)),) * 3


def test_same_anchor_at_two_positions() -> None:
    # Official (SIMULTANEOUS) anchors: A = 2010 and B = 2010 make A = B, so gold's A < B is
    # violated (kept in the reduced graph: 3 links).  A system putting A and B at one position
    # states A = 2010, B = 2010 (A = B is then redundant): P = 2/2, R = 2/3 (A < B not implied).
    gold, system = "1 2010 A; 2 2010 B", "1 2010 A B"
    s = one(gold, system)
    assert (s.per_entity["X"].gold_violated, s.gold_reduced, s.system_reduced) == (1, 3, 2)
    assert (s.precision, s.recall) == (1.0, approx(Fraction(2, 3)))
    assert prf(one(gold, gold)) == (1.0, 1.0, 1.0)  # a violated link still matches itself
    # IS_INCLUDED anchors: no contradiction; each side has 3 links and A = B is not A < B.
    t = one(gold, system, anchor_relation="IS_INCLUDED")
    assert (t.per_entity["X"].gold_violated, t.gold_reduced, t.system_reduced) == (0, 3, 3)
    assert prf(t) == (approx(Fraction(2, 3)),) * 3


def test_unordered_events_are_ignored() -> None:
    gold = "1 2010 A; 2 2011 B"
    assert prf(one(gold, "0 XXXX-XX-XX Q; " + gold)) == (1.0, 1.0, 1.0)
    assert prf(one(gold, "0 2010 A; 0 2011 B")) == (0.0, 0.0, 0.0)  # order 0 even when dated
    s = one("0 XXXX-XX-XX A", "1 2010 A")  # an empty gold graph: recall 0 by convention
    assert (s.gold_reduced, s.recall, s.precision) == (0, 0.0, 0.0)


def test_empty_or_missing_system() -> None:
    missing = one("1 2010 A; 2 2011 B", None)
    assert prf(missing) == (0.0, 0.0, 0.0)
    assert missing.missing == ("X",) and missing.per_entity["X"].missing
    assert (missing.gold_reduced, missing.system_reduced) == (3, 0)
    empty = score_timelines([(tl("1 2010 A; 2 2011 B"), Timeline("X"))])
    assert prf(empty) == (0.0, 0.0, 0.0) and empty.missing == ()


def test_micro_average_sums_counts() -> None:
    # Entity P identical (3 of 3 links each way), entity Q the swapped one (4 of 5): 7/8.
    pairs = [(tl("1 2010 A; 2 2011 B", "P"), tl("1 2010 A; 2 2011 B", "P")),
             (tl("1 2010 A; 2 2011 B; 3 2012 C", "Q"), tl("1 2010 A; 2 2012 C; 3 2011 B", "Q")),
             (tl("1 2010 A", "R"), None)]
    s = score_timelines(pairs)
    # R adds one gold link (A = 2010) and nothing else: P = 7/8, R = 7/9.
    assert (s.precision_matched, s.system_reduced, s.recall_matched, s.gold_reduced) == (7, 8, 7, 9)
    assert s.precision == approx(Fraction(7, 8)) and s.recall == approx(Fraction(7, 9))
    assert s.f1 == approx(2 * Fraction(7, 8) * Fraction(7, 9) / (Fraction(7, 8) + Fraction(7, 9)))
    assert list(s.per_entity) == ["P", "Q", "R"] and s.missing == ("R",)
    assert s.per_entity["Q"].f1 == approx(Fraction(4, 5))
    assert "no system timeline" in s.format() and s.to_dict()["missing"] == ["R"]
    with pytest.raises(InputError, match="two gold timelines"):
        score_timelines([pairs[0], pairs[0]])


# ---------------------------------------------------------------- timeline files


def test_timeline_text_round_trip() -> None:
    text = "iTunes store\n0\tXXXX-XX-XX\t4954-3-breach\n1\t2003-04-28\t10718-4-launched\t11778-2-launch\n"
    timeline = parse_timeline(text)
    assert timeline == Timeline("iTunes store", (Entry(0, "XXXX-XX-XX", ("4954-3-breach",)),
                                                 Entry(1, "2003-04-28", ("10718-4-launched", "11778-2-launch"))))
    assert format_timeline(timeline) == text
    # CRLF, blank lines and empty trailing fields are tolerated when reading.
    assert parse_timeline(text.replace("\n", "\r\n").replace("breach", "breach\t") + "\r\n") == timeline
    assert timeline_filename("iTunes store") == "itunes_store.txt"
    assert timeline_filename("Beatles Apple Corps") == "beatles_apple_corps.txt"


@pytest.mark.parametrize("bad", ["", "\n1\t2010\tA\n", "X\n1\t2010\n", "X\none\t2010\tA\n", "X\n-1\t2010\tA\n"])
def test_bad_timeline_text(bad: str) -> None:
    with pytest.raises(InputError):
        parse_timeline(bad)


def test_writer_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    for bad in (Timeline("X", (Entry(1, "2010", ()),)), Timeline("X", (Entry(1, "2010", ("a\tb",)),)),
                Timeline("X\nY"), Timeline("X", (Entry(-1, "2010", ("A",)),))):
        with pytest.raises(InputError):
            format_timeline(bad)
    path = write_timeline(tl("1 2010 A"), tmp_path / "x.txt")
    assert path.read_bytes() == b"X\n1\t2010\tA\n"
    with pytest.raises(InputError):
        read_timeline(tmp_path / "nope.txt")


def test_score_timeline_dirs(tmp_path: Path) -> None:
    gold = [tl("1 2010 A; 2 2011 B", "Steve Jobs"), tl("1 2010 A", "iPod")]
    write_timeline_dir(gold, tmp_path / "gold")
    write_timeline_dir([gold[0], tl("1 2010 Z", "Other")], tmp_path / "sys")
    s = score_timeline_dirs(tmp_path / "gold", tmp_path / "sys")
    assert s.missing == ("iPod",) and s.extra == ("other.txt",)
    assert s.per_entity["Steve Jobs"].file == "steve_jobs.txt" and s.per_entity["Steve Jobs"].f1 == 1.0
    assert (s.precision, s.recall) == (1.0, approx(Fraction(3, 4)))
    assert set(read_timeline_dir(tmp_path / "gold")) == {"steve_jobs.txt", "ipod.txt"}
    with pytest.raises(InputError):
        score_timeline_dirs(tmp_path / "nope", tmp_path / "sys")
    with pytest.raises(InputError):
        score_timeline_dirs(tmp_path / "sys", tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError):
        score_timeline_dirs(tmp_path / "empty", tmp_path / "sys")


# ---------------------------------------------------------------- CAT XML

CAT = """<?xml version="1.0" ?><Document doc_id="77" doc_name="77-Test" src_url="http://x">
<token number="0" sentence="0" t_id="1">Apple</token>
<token number="1" sentence="0" t_id="2">'s</token>
<token number="2" sentence="0" t_id="3">news</token>
<token number="3" sentence="1" t_id="4">Jobs</token>
<token number="4" sentence="1" t_id="5">Took</token>
<token number="5" sentence="1" t_id="6">it</token>
<token number="6" sentence="1" t_id="7">off</token>
<token number="7" sentence="1" t_id="8">(</token>
<token number="8" sentence="1" t_id="9">US</token>
<token number="9" sentence="1" t_id="10">$</token>
<token number="10" sentence="1" t_id="11">199</token>
<token number="11" sentence="1" t_id="12">)</token>
<token number="12" sentence="1" t_id="13">,</token>
<token number="13" sentence="1" t_id="14">"</token>
<token number="14" sentence="1" t_id="15">AT&amp;T</token>
<token number="15" sentence="1" t_id="16">"</token>
<token number="16" sentence="1" t_id="17">.</token>
<Markables>
<EVENT_MENTION m_id="20"><token_anchor t_id="5"/><token_anchor t_id="7"/></EVENT_MENTION>
<EVENT_MENTION m_id="21"><token_anchor t_id="3"/></EVENT_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="53" type="DATE" value="2010-06-08"></TIMEX3>
</Markables>
</Document>"""


def test_cat_reader() -> None:
    doc = parse_cat(CAT)
    assert (doc.doc_id, doc.doc_name, doc.dct, doc.src_url) == ("77", "77-Test", "2010-06-08", "http://x")
    assert doc.text == "Apple's news\nJobs Took it off (US $199), \"AT&T\"."
    assert all(doc.text[t.start:t.end] == t.text for t in doc.tokens)
    assert [(t.sentence, t.number) for t in doc.tokens[2:4]] == [(0, 2), (1, 3)]
    took, news = doc.events
    assert (took.event_id, took.t_ids, took.sentence, doc.text[took.start:took.end]) == \
        ("77-1-took_off", (5, 7), 1, "Took it off")
    assert news.event_id == "77-0-news"
    assert doc.timexes[0].function == "CREATION_TIME" and doc.timexes[0].t_ids == ()
    at = doc.text.index("news")
    assert doc.event_id_at(at, at + 4) == "77-0-news"
    assert doc.event_id_at(at + 1, at + 2) == "77-0-news"  # any offset inside the token names it
    assert doc.event_id_at(doc.text.index("Took"), doc.text.index(" it")) == "77-1-took"
    assert doc.event_id_at(at, doc.text.index("Jobs") + 4) == "77-0-news"  # the first sentence's tokens only
    assert doc.token_at(doc.text.index("\n")) is None
    token = doc.token_at(doc.text.index("AT&T") + 2)
    assert token is not None and token.t_id == 15
    assert [t.text for t in doc.sentence_tokens(0)] == ["Apple", "'s", "news"]
    with pytest.raises(InputError):
        doc.event_id_at(doc.text.index("\n"), doc.text.index("\n") + 1)


@pytest.mark.parametrize("bad", [
    "<Document doc_id='1'><token t_id='1' sentence='0' number='0'>a</token>",  # not well-formed
    "<Doc doc_id='1'/>",
    "<Document/>",
    "<Document doc_id='1'><token t_id='x' sentence='0' number='0'>a</token></Document>",
    "<Document doc_id='1'><token t_id='1' sentence='0' number='0'></token></Document>",
    "<Document doc_id='1'><token t_id='1' sentence='0' number='0'>a</token>"
    "<Markables><EVENT_MENTION m_id='1'><token_anchor t_id='9'/></EVENT_MENTION></Markables></Document>",
])
def test_bad_cat(bad: str) -> None:
    with pytest.raises(InputError):
        parse_cat(bad)


def test_event_ids() -> None:
    assert event_id("4954", 2, ["Court", "case"]) == "4954-2-court_case"
    assert parse_event_id("16900-2-pre-orders") == ("16900", 2, "pre-orders")
    for bad in ("16900-pre-orders", "x", "1-2-"):
        with pytest.raises(InputError):
            parse_event_id(bad)
    with pytest.raises(InputError):
        event_id("1", 0, [])


# ---------------------------------------------------------------- the trial data


@pytest.fixture(scope="module")
def trial(shared_data: Path) -> Path:
    folder = shared_data / TRIAL
    if not folder.is_dir():
        pytest.skip(f"SemEval-2015 Task 4 trial data not available at {folder}")
    return folder


@pytest.fixture(scope="module")
def gold_dir(trial: Path) -> Path:
    return trial / "TimeLines_trial_data_task4_v1.2"


def test_writer_round_trips_every_gold_file(gold_dir: Path, tmp_path: Path) -> None:
    files = sorted(gold_dir.glob("*.txt"))
    assert len(files) == 6
    for path in files:
        timeline = read_timeline(path)
        assert timeline_filename(timeline.entity) == path.name
        assert format_timeline(timeline).encode() == path.read_bytes()
        assert write_timeline(timeline, tmp_path / path.name).read_bytes() == path.read_bytes()


def _gold_ids(gold_dir: Path) -> set[str]:
    return {i for t in read_timeline_dir(gold_dir).values() for e in t.entries for i in e.event_ids}


# Gold events no CAT event mention carries: two extents the annotators did not mark as
# mentions, a document id typo (9590 for 9509) and one event the reduced corpus dropped.
_UNMARKED = {"17677-5-took_off", "18315-10-left", "9590-10-access"}


@pytest.mark.parametrize(("folder", "unmatched"), [
    ("Corpus-trial-data_task4", _UNMARKED),
    ("Corpus-trial-data_task4_events_timelines", _UNMARKED | {"16900-2-pre-orders"}),
])
def test_cat_reader_on_the_trial_data(trial: Path, gold_dir: Path, folder: str, unmatched: set[str]) -> None:
    docs = read_cat_dir(trial / folder)
    assert len(docs) == 30 and all(d.dct for d in docs)
    cat_ids = set()
    for doc in docs:
        assert all(doc.text[t.start:t.end] == t.text for t in doc.tokens)
        for ev in doc.events:
            cat_ids.add(ev.event_id)
            if list(ev.t_ids) == list(range(ev.t_ids[0], ev.t_ids[0] + len(ev.t_ids))):  # contiguous
                assert doc.event_id_at(ev.start, ev.end) == ev.event_id
    gold = _gold_ids(gold_dir)
    assert gold - cat_ids == unmatched
    # Every gold event of a document we have names words of the sentence it gives.
    by_id = {d.doc_id: d for d in docs}
    for ident in gold:
        doc_id, sentence, extent = parse_event_id(ident)
        if doc_id not in by_id:
            continue
        words = {t.text.lower() for t in by_id[doc_id].sentence_tokens(sentence)}
        assert set(extent.split("_")) <= words, ident


@pytest.mark.parametrize(("anchors", "anchor_relation"), MODES)
def test_gold_against_gold_is_one(gold_dir: Path, anchors: bool, anchor_relation: AnchorRelation) -> None:
    s = score_timeline_dirs(gold_dir, gold_dir, anchors=anchors, anchor_relation=anchor_relation)
    assert prf(s) == (1.0, 1.0, 1.0)
    assert len(s.per_entity) == 6 and all(e.f1 == 1.0 for e in s.per_entity.values())
    assert s.missing == () and s.extra == () and s.gold_reduced > 150


def test_trial_with_a_missing_and_a_shuffled_timeline(gold_dir: Path, tmp_path: Path) -> None:
    gold = read_timeline_dir(gold_dir)
    system = {name: t for name, t in gold.items() if name != "ipod.txt"}
    jobs = system["steve_jobs.txt"]
    system["steve_jobs.txt"] = Timeline(jobs.entity, tuple(
        Entry(0 if e.order == 0 else 1000 - e.order, e.date, e.event_ids) for e in jobs.entries))  # reversed
    write_timeline_dir(system.values(), tmp_path)
    s = score_timeline_dirs(gold_dir, tmp_path)
    assert s.missing == ("iPod",)
    assert s.per_entity["iPod"].recall == 0.0 and s.per_entity["iTunes store"].f1 == 1.0
    assert 0.0 < s.per_entity["Steve Jobs"].f1 < 1.0
    assert s.recall < s.precision < 1.0


def test_gold_graphs_have_the_kit_s_denominators(gold_dir: Path) -> None:
    # The kit README's example output (v1.0 gold against a fake system) gives recall as
    # 18/20, 4/7, 19/24 and 11/11 for these four timelines, unchanged in v1.2: the
    # denominators are the sizes of their reduced gold graphs.  (Steve Jobs and iTunes
    # store were revised after v1.0.)
    s = score_timeline_dirs(gold_dir, gold_dir)
    sizes = {name: e.gold_reduced for name, e in s.per_entity.items()}
    assert {k: sizes[k] for k in ("Beatles Apple Corps", "iPhone 3G", "iPhone 4", "iPod")} == {
        "Beatles Apple Corps": 20, "iPhone 3G": 7, "iPhone 4": 24, "iPod": 11}
