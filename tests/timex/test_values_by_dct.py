"""Values that depend on the weekday of the document date, checked on sentences written for these tests."""

from __future__ import annotations

import pytest

import newsline


def _values(text: str, dct: str) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in newsline.tag(text, dct).timexes]


@pytest.mark.parametrize(("dct", "text", "expected"), [
    # an arrangement names the day it is for: ahead of a Monday DCT
    ("2021-03-01", "The hearing was moved to Friday.", [("Friday", "2021-03-05")]),
    ("2021-03-01", "The vote is scheduled for Friday.", [("Friday", "2021-03-05")]),
    ("2021-03-01", "The launch was postponed until Thursday.", [("Thursday", "2021-03-04")]),
    ("2021-03-01", "Talks could resume as early as Wednesday, aides said.", [("Wednesday", "2021-03-03")]),
    ("2021-03-01", "The new tariff takes hold effective April 1.", [("April 1", "2021-04-01")]),
    # without an arrangement the past verb still decides
    ("2021-03-01", "The hearing was held on Friday.", [("Friday", "2021-02-26")]),
    # the day right after the DCT, named without any tense cue, is the next day
    ("2021-03-01", "A news conference Tuesday in the capital.", [("Tuesday", "2021-03-02")]),
    ("2021-03-01", "On Tuesday the city council met in secret.", [("Tuesday", "2021-02-23")]),
])
def test_weekday_direction(dct: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, dct) == expected


@pytest.mark.parametrize(("dct", "text", "expected"), [
    # ISO weeks start on Monday: a Sunday belongs to the week that began six days before
    ("2021-02-28", "Shops stayed shut this week.", [("this week", "2021-W08")]),
    ("2021-03-01", "Shops stay shut this week.", [("this week", "2021-W09")]),
    ("2021-02-28", "Crowds gathered at the beach over the weekend.", [("the weekend", "2021-W08-WE")]),
    # in a Monday paper, the weekend without a cue is the one just past
    ("2021-03-01", "Over the weekend, the mayor toured the flooded streets.", [("the weekend", "2021-W08-WE")]),
    ("2021-03-01", "The mayor will tour the district over the weekend.", [("the weekend", "2021-W09-WE")]),
    ("2021-02-26", "The park reopens for the weekend.", [("the weekend", "2021-W08-WE")]),
])
def test_weeks_and_weekends_on_sunday_and_monday(dct: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, dct) == expected
