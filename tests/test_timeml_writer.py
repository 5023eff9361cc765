"""The TimeML writer keeps what still holds and drops what would point at the wrong tag."""

from __future__ import annotations

from datetime import date

import newsline
from newsline.evaluation._tlink_reader import read_tlinks
from newsline.timeml import parse_timeml, write_timeml

# ruff: noqa: E501  (a TimeML document is easier to read with its lines whole)

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>d1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-10-16" temporalFunction="false" functionInDocument="CREATION_TIME">2020-10-16</TIMEX3></DCT>
<TEXT>
The firm <EVENT eid="e1" class="OCCURRENCE">closed</EVENT> a plant on <TIMEX3 tid="t1" type="DATE" value="2020-10-14">Wednesday</TIMEX3> and <EVENT eid="e2" class="OCCURRENCE">hired</EVENT> staff.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei1" relatedToEventInstance="ei2"/>
</TimeML>
"""


def test_new_timexes_drop_the_links_to_the_old_ones() -> None:
    doc = parse_timeml(DOC)
    ours = newsline.tag(doc.text, dct=date(2020, 10, 16)).timexes
    again = parse_timeml(write_timeml(doc, ours))
    kept = {(x.source, x.target, x.rel) for x in read_tlinks(again)}
    assert kept == {("e1", "t0", "BEFORE"), ("e1", "e2", "BEFORE")}  # the link to the old t1 is gone
    assert [t.name for t in again.tags if t.name == "EVENT"] == ["EVENT", "EVENT"]
    assert again.text == doc.text


def test_new_events_replace_instances_and_links() -> None:
    doc = parse_timeml(DOC)
    event = newsline.Event("e7", doc.text.index("hired"), doc.text.index("hired") + 5, "hired", tense="PAST")
    link = newsline.Link("l1", "e7", "t0", "BEFORE", "event-dct")
    again = parse_timeml(write_timeml(doc, doc.timexes, [event], [link]))
    assert [t.get("eid") for t in again.tags if t.name == "EVENT"] == ["e7"]
    assert {(x.source, x.target, x.rel) for x in read_tlinks(again)} == {("e7", "t0", "BEFORE")}


def test_a_set_keeps_its_frequency_and_quantifier() -> None:
    """trial Y: the TimeML output had <TIMEX3 type="SET" value="P1Y">twice a year</TIMEX3>, the JSON freq "2X"."""
    from newsline.timeml import timex_tag

    timexes = {t.text: t for t in newsline.tag("The club trains twice a year and every Tuesday.",
                                              dct=date(2026, 3, 16)).timexes}
    assert 'freq="2X"' in timex_tag(timexes["twice a year"])
    assert 'quant="EVERY"' in timex_tag(timexes["every Tuesday"])
    doc = parse_timeml(DOC)
    again = parse_timeml(write_timeml(doc, newsline.tag(doc.text, dct=date(2020, 10, 16)).timexes))
    assert all(t.get("freq") is None for t in again.tags if t.name == "TIMEX3")  # a DATE has none
