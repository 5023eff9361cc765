"""Where a clause's event goes by what the clause is: a distance joined to another distance, a report that
another report repeats, a relative clause that tells of a noun (texts written for these tests; new-user trial AR)."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

import newsline  # noqa: E402


def _labels(text: str, dct: str) -> dict[str, str | None]:
    return {e.event.text: e.time.label for e in newsline.annotate(text, dct).timeline}


def test_a_distance_joined_by_and_counts_from_what_the_other_counts_from() -> None:
    labels = _labels("The mayor signed the zoning ordinance on Friday, ten days after the council approved it and "
                     "three days after the planning board endorsed it.", "2026-05-11")
    assert labels["signed"] == "2026-05-08"
    assert labels["approved"] == "2026-04-28"
    assert labels["endorsed"] == "2026-05-05"  # not three days before the council's vote
    labels = _labels("Kessler resigned on Thursday, six weeks after the audit began and two days after the board "
                     "received its findings.", "2026-03-13")
    assert labels["resigned"] == "2026-03-12"
    assert labels["received"] == "2026-03-10"
    # a single distance is counted as before
    labels = _labels("The mayor signed the ordinance on Friday, three days after the planning board endorsed it.",
                     "2026-05-11")
    assert labels["endorsed"] == "2026-05-05"


def test_a_report_repeated_by_a_later_one_does_not_report_it() -> None:
    # "was reported ..., a spokeswoman said": the saying reports the reporting, not the other way round (the
    # saying went before Jan. 9 as what the report told)
    for text in ("The district's last flu case was reported on Jan. 9, a spokeswoman said.",
                 "A second break-in was reported on Jan. 9, police told reporters on Friday."):
        labels = _labels(text, "2026-02-20")
        assert labels["reported"] == "2026-01-09"
        said = labels.get("said", labels.get("told"))
        assert said is not None and not said.startswith("before2026-01"), (text, labels)


def test_what_a_relative_clause_tells_of_a_noun_is_before_the_day_of_the_verb_outside_it() -> None:
    labels = _labels("Officials on Wednesday lifted the boil-water order, ending a two-week crisis that closed "
                     "schools and sent 40 people to hospital.", "2026-08-14")
    assert labels["lifted"] == "2026-08-12"
    assert labels["closed"] == "before2026-08-12"
    assert labels["sent"] == "before2026-08-12"
    # a clause of a place tells what happened there then; one dated inside itself keeps its own time
    labels = _labels("Rescuers reached Millbrook on Sunday, where floodwater covered the main road.", "2026-08-14")
    assert labels["covered"] == labels["reached"] == "2026-08-09"
    labels = _labels("The council on Tuesday settled a dispute that started when the plan was unveiled in May "
                     "2019.", "2026-08-14")
    assert labels["started"] == "after2019-05-01before2019-05-28"


def test_a_tally_is_its_verbs_event_and_not_another_mention_of_its_noun() -> None:
    timeline = newsline.annotate("The measure cleared the Finance Committee on Feb. 3 by a 7-2 vote. Senator Delgado "
                                 "called the vote in the Assembly on March 10 historic.", "2026-03-20").timeline
    votes = [e.time.label for e in sorted(timeline, key=lambda e: e.event.start) if e.event.text == "vote"]
    assert votes == ["2026-02-03", "2026-03-10"]
    # a passive's agent is no tally: "the crater left by the blast" is the blast told before
    doc = newsline.annotate("A blast tore through the market on Tuesday. On Thursday, mourners gathered at the "
                            "crater left by the blast.", "2026-03-20")
    first, second = (e.id for e in doc.events if e.text == "blast")
    assert any(x.rel == "IDENTITY" and {x.source, x.target} == {first, second} for x in doc.links)


def test_through_a_date_ends_what_lasts_and_does_not_date_it() -> None:
    # "apply ... through Oct. 15" is a window up to that day, "runs through March 2028" a state that ends then
    labels = _labels("Farmers can apply for drought relief through Oct. 15, the agency said on Monday.", "2026-08-20")
    assert labels["apply"] == "after2026-08-20before2026-10-15"
    labels = _labels("The new lease runs through March 2028, the club said.", "2026-08-20")
    assert labels["runs"] == "beginPoint=before2026-08-20endPoint=after2026-08-20before2028-03-31"


def test_a_passive_or_misread_past_in_a_relative_clause_is_before_and_a_clause_of_a_time_is_not() -> None:
    # trial AS: "in which students were bused"
    labels = _labels("The district on Monday reopened the Pine Street school, ending a crisis in which 300 pupils "
                     "were bused to other campuses.", "2025-11-25")
    assert labels["reopened"] == "2025-11-24"
    assert labels["bused"] == "before2025-11-24"
    # "the same night that she was elected": a clause of a time, what happened then
    labels = _labels("Reyes won the mayoral race on Tuesday, the same night that her brother was elected sheriff.",
                     "2025-11-06")
    assert labels["elected"] == labels["won"] == "2025-11-04"
