"""EventTime.label: an event's time in the TimeBank-EventTime notation, on hand-made EventTimes."""

from __future__ import annotations

import pytest

from newsline._model import EventTime


def _t(value: str | None, start: str | None, end: str | None, grain: str | None,
       basis: str = "timex") -> EventTime:
    return EventTime(value, start, end, grain, basis)


@pytest.mark.parametrize(("time", "label"), [
    # a day, and anything finer than a day, is that day
    (_t("1998-02-27", "1998-02-27T00:00:00", "1998-02-28T00:00:00", "day"), "1998-02-27"),
    (_t("1998-02-27TNI", "1998-02-27T22:00:00", "1998-02-28T06:00:00", "part-of-day"), "1998-02-27"),
    (_t("1998-02-27T14:30", "1998-02-27T14:30:00", "1998-02-27T14:31:00", "minute"), "1998-02-27"),
    # a month runs to the 28th, whatever its length
    (_t("1998-01", "1998-01-01T00:00:00", "1998-02-01T00:00:00", "month"), "after1998-01-01before1998-01-28"),
    # a year, a quarter and a decade: first and last day
    (_t("1996", "1996-01-01T00:00:00", "1997-01-01T00:00:00", "year"), "after1996-01-01before1996-12-31"),
    (_t("1997-Q4", "1997-10-01T00:00:00", "1998-01-01T00:00:00", "quarter"), "after1997-10-01before1997-12-31"),
    (_t("198", "1980-01-01T00:00:00", "1990-01-01T00:00:00", "decade"), "after1980-01-01before1989-12-31"),
    # ISO week 1998-W09 is Monday 23 to Sunday 1 March; the annotators' week is Sunday 22 to Saturday 28
    (_t("1998-W09", "1998-02-23T00:00:00", "1998-03-02T00:00:00", "week"), "after1998-02-22before1998-02-28"),
    # seasons are astronomical; winter ends in the next year
    (_t("1997-FA", "1997-09-01T00:00:00", "1997-12-01T00:00:00", "season"), "after1997-09-23before1997-12-21"),
    (_t("1997-WI", "1997-12-01T00:00:00", "1998-03-01T00:00:00", "season"), "after1997-12-22before1998-03-19"),
    # before / after the publication day (DCT 1998-02-27), written with the DCT itself
    (_t("PAST_REF", None, "1998-02-27T00:00:00", None, "dct-tense"), "before1998-02-27"),
    (_t("FUTURE_REF", "1998-02-28T00:00:00", None, None, "dct-tense"), "after1998-02-27"),
    (_t("PRESENT_REF", "1998-02-27T00:00:00", "1998-02-28T00:00:00", "day", "dct-tense"), "1998-02-27"),
    # any other open interval: its last or first day
    (_t("X", None, "1998-03-01T00:00:00", None, "event-relative"), "before1998-02-28"),
    (_t("X", "1998-03-01T00:00:00", None, None, "event-relative"), "after1998-03-01"),
    # an interval without a known grain: its first and last day, or the one day it covers
    (_t("X", "1998-03-01T00:00:00", "1998-03-04T00:00:00", None), "after1998-03-01before1998-03-03"),
    (_t("X", "1998-03-01T00:00:00", "1998-03-02T00:00:00", None), "1998-03-01"),
])
def test_label_follows_the_annotators_conventions(time: EventTime, label: str) -> None:
    assert time.label == label


def test_unknown_times_have_no_label() -> None:
    assert EventTime(None, None, None, None).label is None
    assert _t("1998-02-27", "1998-02-27T00:00:00", "1998-02-28T00:00:00", "day", "unknown").label is None


def test_to_dict_carries_the_label() -> None:
    t = _t("1996", "1996-01-01T00:00:00", "1997-01-01T00:00:00", "year")
    assert t.to_dict()["label"] == "after1996-01-01before1996-12-31"
    assert EventTime(None, None, None, None).to_dict()["label"] is None


def test_an_ongoing_time_is_a_multi_day_label_around_the_day() -> None:
    t = _t("ONGOING_REF", "1998-02-27T00:00:00", "1998-02-28T00:00:00", "day", "dct-default")
    assert t.label == "beginPoint=before1998-02-27endPoint=after1998-02-27"
