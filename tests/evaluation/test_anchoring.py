"""The event time anchoring scorer on tiny hand-made gold and system pairs, figures computed by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsline._model import AnnotatedDocument, Event, EventTime, TimelineEntry
from newsline.errors import InputError
from newsline.evaluation._anchoring import (
    AnchoredEvent,
    GoldEvent,
    compatible,
    label_kind,
    read_gold,
    score_anchoring,
    score_gold_file,
    strict_match,
)

DCT = date(1998, 2, 27)
DAY = EventTime("1998-02-27", "1998-02-27T00:00:00", "1998-02-28T00:00:00", "day", "timex")
PAST = EventTime("PAST_REF", None, "1998-02-27T00:00:00", None, "dct-tense")  # before1998-02-27
YEAR = EventTime("1996", "1996-01-01T00:00:00", "1997-01-01T00:00:00", "year", "timex")
UNKNOWN = EventTime(None, None, None, None)


def _pair(label: str, time: EventTime | None) -> AnchoredEvent:
    event = Event("e", 0, 1, "x") if time is not None else None
    return AnchoredEvent(GoldEvent("d", "e1", label), DCT, event, time)


def test_kinds() -> None:
    assert label_kind("1998-02-27") == "exact day"
    assert label_kind("before1998-02-27") == "bounded day"
    assert label_kind("after1996-01-01before1996-12-31,after1997-01-01before1997-01-28") == "bounded day"
    assert label_kind("beginPoint=before1998-02-27endPoint=after1998-02-27") == "multi-day"
    assert label_kind("n/a") == "n/a"


def test_strict_is_the_exact_string_or_an_alternative() -> None:
    assert strict_match("1998-02-27", "1998-02-27")
    assert not strict_match("before1998-02-27", "1998-02-27")
    alts = "after1996-01-01before1996-12-31,after1997-01-01before1997-01-28"
    assert strict_match(alts, "after1997-01-01before1997-01-28")
    assert not strict_match(alts, None)


@pytest.mark.parametrize(("gold", "system", "ok"), [
    ("1998-02-27", "before1998-02-27", True),     # bounds are inclusive: the 27th is allowed
    ("1998-02-27", "before1998-02-26", False),
    ("1998-02-27", "after1998-02-27", True),
    ("1998-02-10", "after1998-02-01before1998-02-28", True),
    ("1998-03-01", "after1998-02-01before1998-02-28", False),
    ("after1996-01-01before1996-12-31", "before1996-03-01", True),
    ("after1996-01-01before1996-12-31", "after1997-01-01", False),
    # single against multi-day: the days the multi-day event may touch, earliest begin to latest end
    ("beginPoint=before1998-02-27endPoint=after1998-02-27", "1998-02-27", True),
    ("beginPoint=1998-02-20endPoint=1998-02-25", "1998-02-27", False),
    ("beginPoint=1998-02-20endPoint=xxxx-xx-xx", "1999-05-05", True),
    # two multi-day labels: begins overlap and ends overlap
    ("beginPoint=before1998-02-27endPoint=after1998-02-27",
     "beginPoint=before1998-02-20endPoint=after1998-02-27", True),
    ("beginPoint=before1998-02-27endPoint=before1998-02-27",
     "beginPoint=before1998-02-27endPoint=after1998-02-28", False),
    # alternatives: any one will do; n/a and no label are never compatible
    ("after1996-01-01before1996-12-31,after1997-01-01before1997-01-28", "1997-01-05", True),
    ("n/a", "1998-02-27", False),
    ("1998-02-27", None, False),
])
def test_relaxed_is_overlap_of_the_allowed_days(gold: str, system: str | None, ok: bool) -> None:
    assert compatible(gold, system) is ok


def test_scores_by_hand() -> None:
    pairs = [
        _pair("1998-02-27", DAY),                                   # exact day: strict, relaxed
        _pair("1998-02-26", PAST),                                  # exact day: relaxed only (26 <= 27)
        _pair("1998-02-27", None),                                  # exact day: undetected
        _pair("before1998-02-27", PAST),                            # bounded: strict, relaxed
        _pair("after1996-01-01before1996-12-31", DAY),              # bounded: neither
        _pair("beginPoint=before1998-02-27endPoint=after1998-02-27", YEAR),  # multi: relaxed only
        _pair("beginPoint=1998-02-20endPoint=1998-02-25", UNKNOWN),  # multi: unknown
        _pair("n/a", DAY),                                          # left out, counted
    ]
    s = score_anchoring(pairs, "toy")
    d = s.to_dict()
    assert (d["n_gold"], d["n_na"], d["n_docs"]) == (7, 1, 1)
    assert d["strict"] == round(2 / 7, 4) and d["relaxed"] == round(4 / 7, 4)
    assert d["by_kind"]["exact day"] == {"n": 3, "strict": round(1 / 3, 4), "relaxed": round(2 / 3, 4)}
    assert d["by_kind"]["bounded day"] == {"n": 2, "strict": 0.5, "relaxed": 0.5}
    assert d["by_kind"]["multi-day"] == {"n": 2, "strict": 0.0, "relaxed": 0.5}
    assert (d["labelled"], d["unknown"], d["undetected"]) == (5, 1, 1)
    assert d["coverage"] == round(5 / 7, 4)
    text = s.format()
    assert "28.6%" in text and "57.1%" in text and "1 not detected" in text


TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{doc}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-27" temporalFunction="false" functionInDocument="CREATION_TIME">\
1998-02-27</TIMEX3></DCT>
<TEXT>
The minister <EVENT eid="e1" class="REPORTING">said</EVENT> the talks <EVENT eid="e2" class="OCCURRENCE">\
ended</EVENT> in 1996 and <EVENT eid="e3" class="STATE">remain</EVENT> closed.
</TEXT>
</TimeML>
"""


def _corpus(tmp_path: Path, docs: list[str]) -> Path:
    folder = tmp_path / "data" / "tempeval3" / "TBAQ-cleaned" / "TimeBank"
    folder.mkdir(parents=True)
    for doc in docs:
        (folder / f"{doc}.tml").write_text(TML.format(doc=doc), encoding="utf-8")
    return tmp_path / "data"


def _gold(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "gold.tab"
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def _fake_annotator(text: str, dct: date | None) -> AnnotatedDocument:
    """Finds "said" (on the DCT) and "ended" (in 1996), not "remain"."""
    entries = []
    for word, time in (("said", DAY), ("ended", YEAR)):
        at = text.index(word)
        entries.append(TimelineEntry(Event(word, at, at + len(word), word), time))
    return AnnotatedDocument(text, dct, timeline=tuple(entries))


def test_score_a_gold_file_end_to_end(tmp_path: Path) -> None:
    data = _corpus(tmp_path, ["DOC1"])
    gold = _gold(tmp_path, [
        "DOC1\t0\t2\tevent\te1\t1\ttime\t1998-02-27",
        "DOC1\t0\t5\tevent\te2\t1\ttime\tafter1996-01-01before1996-12-31",
        "DOC1\t0\t9\tevent\te3\t1\ttime\tbeginPoint=before1998-02-27endPoint=after1998-02-27",
        # a held-out document is dropped before anything is looked up: it has no TimeML here
        "APW19980227.0489\t0\t1\tevent\te1\t1\ttime\t1998-02-27",
    ])
    scores, pairs = score_gold_file(gold, data, _fake_annotator)
    assert [p.system for p in pairs] == ["1998-02-27", "after1996-01-01before1996-12-31", None]
    d = scores.to_dict()
    assert (d["n_docs"], d["n_gold"], d["strict"], d["undetected"]) == (1, 3, round(2 / 3, 4), 1)


def test_held_out_documents_are_never_read(tmp_path: Path) -> None:
    gold = _gold(tmp_path, ["APW19980227.0489\t0\t1\tevent\te1\t1\ttime\t1998-02-27",
                            "DOC1\t0\t2\tevent\te1\t1\ttime\t1998-02-27"])
    assert [g.doc for g in read_gold(gold)] == ["DOC1"]


@pytest.mark.parametrize(("lines", "message"), [
    (["DOC1\t0\t2\tevent\te1\t1\t1998-02-27"], "expected 8 tab-separated columns"),
    (["DOC1\t0\t2\tevent\te1\t1\ttime\tsoon"], "not an EventTime label"),
    (["DOC1\t0\t2\tevent\te1\t1\ttime\t1998-02-30"], "impossible date"),
    (["DOC9\t0\t2\tevent\te1\t1\ttime\t1998-02-27"], "document DOC9: no DOC9.tml"),
    (["DOC1\t0\t2\tevent\te42\t1\ttime\t1998-02-27"], 'no <EVENT eid="e42">'),
])
def test_bad_input_is_one_clear_error(tmp_path: Path, lines: list[str], message: str) -> None:
    data = _corpus(tmp_path, ["DOC1"])
    with pytest.raises(InputError, match=message):
        score_gold_file(_gold(tmp_path, lines), data, _fake_annotator)


def test_a_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such gold file"):
        read_gold(tmp_path / "nope.tab")


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsline.cli import main

    assert main(["eval", "--anchoring", str(tmp_path / "nope.tab")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such gold file" in err and "Traceback" not in err
    gold = _gold(tmp_path, ["DOC9\t0\t2\tevent\te1\t1\ttime\t1998-02-27"])
    assert main(["eval", "--anchoring", str(gold), "--data", str(_corpus(tmp_path, ["DOC1"]))]) == 2
    assert "document DOC9" in capsys.readouterr().err


def test_cli_scores_a_gold_file_with_the_real_annotator(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("spacy")
    import json

    from newsline.cli import main

    gold = _gold(tmp_path, ["DOC1\t0\t2\tevent\te1\t1\ttime\t1998-02-27",
                            "DOC1\t0\t5\tevent\te2\t1\ttime\tafter1996-01-01before1996-12-31"])
    code = main(["eval", "--anchoring", str(gold), "--data", str(_corpus(tmp_path, ["DOC1"])), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (out["gold"], out["n_docs"], out["n_gold"]) == ("gold.tab", 1, 2)
    assert out["labelled"] + out["unknown"] + out["undetected"] == 2


def test_given_events_places_every_timeml_event_of_the_document(tmp_path: Path) -> None:
    """--given-events hands the annotator the spans of all the file's <EVENT> tags (not only the scored
    ones); an annotator that places them leaves nothing undetected."""
    seen: list[list[tuple[int, int]]] = []

    def placing(text: str, dct: date | None, event_spans: list[tuple[int, int]]) -> AnnotatedDocument:
        seen.append(event_spans)
        entries = tuple(TimelineEntry(Event(f"e{n}", a, b, text[a:b]), DAY) for n, (a, b) in enumerate(event_spans))
        return AnnotatedDocument(text, dct, timeline=entries)

    data = _corpus(tmp_path, ["DOC1"])
    gold = _gold(tmp_path, ["DOC1\t0\t9\tevent\te3\t1\ttime\t1998-02-27"])
    scores, pairs = score_gold_file(gold, data, placing, given_events=True)
    text = pairs[0].event.text if pairs[0].event else None
    assert text == "remain" and pairs[0].system == "1998-02-27"
    assert [len(s) for s in seen] == [3]  # said, ended, remain
    d = scores.to_dict()
    assert (d["undetected"], d["coverage"], d["strict"]) == (0, 1.0, 1.0)
    assert "gold events given" in scores.format()
    plain, _ = score_gold_file(gold, data, _fake_annotator)  # the detector's events: "remain" is missed
    assert plain.to_dict()["undetected"] == 1


def test_given_events_without_anchoring_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from newsline.cli import main

    assert main(["eval", "--given-events"]) == 2
    assert "--given-events goes with --anchoring" in capsys.readouterr().err
