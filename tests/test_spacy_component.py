"""The spaCy components: newsline_timex and newsline_events, DCTs, serialisation and nlp.pipe(n_process=2)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

import newsline
from conftest import require_spacy_model
from newsline.errors import DateError
from newsline.timex._inputs import split_header

spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc, DocBin  # noqa: E402

from newsline import spacy_component  # noqa: E402
from newsline.events import _nlp  # noqa: E402

assert spacy_component.make_timex  # importing it registers the factories, as the entry points do

TEXT = ("Two weeks after the couple announced on Instagram that they had lost the baby on Sept. 30, "
        "the singer dedicated a song to his wife on Wednesday, Oct. 14. Hours later, he wrote a message.")
DCT = "2020-10-16"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def blank() -> Any:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsline_timex", config={"dct": DCT})
    return nlp


@pytest.fixture(scope="module")
def parsed() -> Any:
    """A fresh copy of the model newsline uses (not the shared one), with newsline_events at the end."""
    require_spacy_model()
    name = _nlp.model_name()
    nlp = spacy.load(name)
    nlp.add_pipe("newsline_paragraphs", before="parser")
    nlp.add_pipe("newsline_events")
    return nlp


def _articles() -> list[tuple[str, str, date | None]]:
    """The examples without their date header, and that date: (name, text, dct)."""
    out = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        dct, body = split_header(raw)
        out.append((path.name, raw[body:], dct))
    return out


def _timex_rows(doc: Any) -> list[tuple[Any, ...]]:
    return [(s._.timex.start, s._.timex.end, s.label_, s.id_, s._.timex_value, s._.timex_mod, s._.timex_interval)
            for s in doc.spans["timex"]]


def _expected_rows(tagged: newsline.Document) -> list[tuple[Any, ...]]:
    return [(t.start, t.end, t.type, t.tid, t.value, t.mod, t.interval) for t in tagged.timexes]


# --- newsline_timex -----------------------------------------------------------------------------------


def test_timex_spans_and_attributes(blank: Any) -> None:
    doc = blank(TEXT)
    tagged = newsline.tag(TEXT, DCT)
    assert _timex_rows(doc) == _expected_rows(tagged)
    spans = doc.spans["timex"]
    assert [s.text for s in spans] == ["Two weeks", "Sept. 30", "Wednesday, Oct. 14", "Hours later"]
    sept = spans[1]
    assert sept._.timex == tagged.timexes[1]
    assert (sept.label_, sept._.timex_type, sept._.timex_value) == ("DATE", "DATE", "2020-09-30")
    assert sept._.timex_interval == newsline.Interval("2020-09-30T00:00:00", "2020-10-01T00:00:00")
    assert sept._.timex.rule == "date.month-day-year" and sept._.timex.grain == "day"
    assert doc._.dct == date(2020, 10, 16)
    assert [t.to_dict() for t in doc._.timexes] == [t.to_dict() for t in tagged.timexes]
    assert doc._.newsline == tagged.to_dict()
    # a span nobody annotated has no timex
    assert doc[0:1]._.timex is None and doc[0:1]._.timex_value is None


def test_dct_from_the_doc_wins_over_the_config(blank: Any) -> None:
    doc = blank.make_doc("The deal closed on Sept. 30.")
    doc._.dct = date(2019, 12, 1)
    assert [s._.timex_value for s in blank(doc).spans["timex"]] == ["2019-09-30"]  # doc stays alive
    assert doc._.dct == date(2019, 12, 1)
    doc = blank.make_doc("The deal closed on Sept. 30.")
    doc._.dct = "2021-01-05"
    assert [s._.timex_value for s in blank(doc).spans["timex"]] == ["2020-09-30"]
    doc = blank("The deal closed on Sept. 30.")
    assert [s._.timex_value for s in doc.spans["timex"]] == ["2020-09-30"]


def test_dct_from_a_header_or_none() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsline_timex")
    doc = nlp("date 2018-03-02 The deal closed on Sept. 30.")
    assert doc._.dct == date(2018, 3, 2)
    assert [(s.text, s._.timex_value) for s in doc.spans["timex"]] == [("Sept. 30", "2017-09-30")]
    doc = nlp("The deal closed on Sept. 30.")
    assert doc._.dct is None
    assert [s._.timex_value for s in doc.spans["timex"]] == ["XXXX-09-30"]


def test_bad_dates_are_refused_at_once(blank: Any) -> None:
    doc = blank.make_doc("Nothing.")
    with pytest.raises(DateError):
        doc._.dct = "2020-02-30"
    nlp = spacy.blank("en")
    with pytest.raises(DateError):
        nlp.add_pipe("newsline_timex", config={"dct": "yesterday"})


def test_spans_key_and_token_alignment() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsline_timex", config={"dct": DCT, "spans_key": "dates"})
    doc = nlp("Prices fell to pre-1996 levels in 2003.")
    assert "timex" not in doc.spans
    # "pre-1996" is one token: the span widens to it, the timex keeps its own offsets
    rows = [(s.text, s._.timex.text, s._.timex.start, s._.timex_value) for s in doc.spans["dates"]]
    assert rows == [("pre-1996", "1996", 19, "1996"), ("2003", "2003", 34, "2003")]


def test_results_survive_bytes_pickle_and_docbin(blank: Any) -> None:
    doc = blank(TEXT)
    expected = _timex_rows(doc)
    again = Doc(blank.vocab).from_bytes(doc.to_bytes())
    assert _timex_rows(again) == expected and again._.dct == date(2020, 10, 16)
    assert _timex_rows(pickle.loads(pickle.dumps(doc))) == expected
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    (loaded,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(blank.vocab)
    assert _timex_rows(loaded) == expected


def test_timex_with_n_process_2(blank: Any) -> None:
    texts = [f"Story {i}: the deal closed on Sept. 30 and talks resume next Friday." for i in range(12)]
    docs = []
    for i, text in enumerate(texts):
        doc = blank.make_doc(text)
        if i % 2:
            doc._.dct = date(2015, 1, 1 + i)
        docs.append(doc)
    out = list(blank.pipe(docs, n_process=2, batch_size=3))
    assert [d.text for d in out] == texts
    for i, doc in enumerate(out):
        dct = date(2015, 1, 1 + i) if i % 2 else date(2020, 10, 16)
        assert doc._.dct == dct
        assert _timex_rows(doc) == _expected_rows(newsline.tag(doc.text, dct)), i
    # plain strings take the config's date
    (first, *_rest) = blank.pipe(texts[:4], n_process=2)
    assert [s._.timex_value for s in first.spans["timex"]] == ["2020-09-30", "2020-10-23"]


def test_factories_are_entry_points() -> None:
    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert names["newsline_timex"] == "newsline.spacy_component:make_timex"
    assert names["newsline_events"] == "newsline.spacy_component:make_events"
    assert names["newsline_paragraphs"] == "newsline.spacy_component:make_paragraphs"
    # a fresh interpreter finds the factory without importing newsline itself
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('newsline_timex', config={'dct': '2020-10-16'}); "
            "doc = nlp('It ended on Sept. 30.'); print([s._.timex_value for s in doc.spans['timex']])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "['2020-09-30']"


# --- newsline_events ------------------------------------------------------------------------------------


def test_events_need_a_parser() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsline_events", config={"dct": DCT})
    with pytest.raises(ValueError, match="dependency parse"):
        nlp("He left on Monday.")


def test_events_equal_annotate_on_the_examples(parsed: Any) -> None:
    for name, text, dct in _articles():
        doc = parsed.make_doc(text)
        doc._.dct = dct
        doc = parsed(doc)
        expected = newsline.annotate(text, dct)
        assert doc._.newsline == expected.to_dict(), name
        # read back from the JSON, so with its confidences rounded to 3 places
        by_text = sorted(expected.events, key=lambda e: (e.start, e.end))
        assert [e.to_dict() for e in doc._.events] == [e.to_dict() for e in by_text], name
        assert [link.id for link in doc._.tlinks] == [link.id for link in expected.links], name
        assert [(e.event.id, e.time.value) for e in doc._.timeline] == [
            (e.event.id, e.time.value) for e in expected.timeline], name
        assert [(s.text, s.label_, s.id_) for s in doc.spans["event"]] == [
            (text[e.start:e.end], e.eclass, e.id) for e in expected.events], name
        span = doc.spans["event"][0]
        assert span._.event is not None and span._.event.id == span.id_
        assert span._.event_time == next(e.time for e in expected.timeline if e.event.id == span.id_)
        assert _timex_rows(doc) == _expected_rows(newsline.tag(text, dct)), name


def test_events_with_a_header_and_with_n_process_2(parsed: Any) -> None:
    articles = _articles()
    docs = []
    for _name, text, dct in articles:
        doc = parsed.make_doc(text)
        doc._.dct = dct
        docs.append(doc)
    out = list(parsed.pipe(docs, n_process=2, batch_size=2))
    for (name, text, dct), doc in zip(articles, out, strict=True):
        assert doc._.newsline == newsline.annotate(text, dct).to_dict(), name
    # a date header: the DCT is read from it and the offsets point into the whole text
    raw = (EXAMPLES / "celebrity.txt").read_text(encoding="utf-8")
    doc = parsed(raw)
    assert doc._.dct == date(2020, 10, 16)
    expected = newsline.annotate(raw)
    assert [(e.event.text, e.event.start, e.time.value) for e in doc._.timeline] == [
        (e.event.text, e.event.start, e.time.value) for e in expected.timeline]
    assert all(raw[e.start:e.end] == e.text for e in doc._.events)


def test_an_entity_that_ends_with_a_blank_line_is_no_error(parsed: Any) -> None:
    """The recognizer tagged a headline's last word with the blank line after it ("Kestrel Rovers\\n\\n"): the
    component raised IndexError where annotate() gave a timeline (new-user trial Y); the caller's doc keeps its
    own entities."""
    text = "Harlow Town snatch late win over Kestrel Rovers\n\nHarlow Town beat Kestrel Rovers 2-1 on Saturday."
    doc = parsed.make_doc(text)
    doc._.dct = "2026-03-15"
    doc = parsed(doc)
    assert "beat" in {e.text for e in doc._.events}
    assert [(e.event.text, e.time.value) for e in doc._.timeline if e.event.text == "beat"] == [
        ("beat", "2026-03-14")]
    assert any(e.text.endswith("\n\n") for e in doc.ents)  # not trimmed in place
