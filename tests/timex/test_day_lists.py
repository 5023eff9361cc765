"""The later days of a list or range after a day ("May 5 - 6", "April 24 and 25") are dates of the
same month (rules.toml: day_list), and a number that counts something is not."""

from __future__ import annotations

import pytest

import newsline

DCT = "2020-10-16"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks are set for Oct. 20 and 21.", [("Oct. 20", "2020-10-20"), ("21", "2020-10-21")]),
        ("Workshops run Nov. 3-6 at the hall.", [("Nov. 3", "2020-11-03"), ("6", "2020-11-06")]),
        ("Classes: Oct. 3 - 4, 10 - 11 (Sat-Sun)",
         [("Oct. 3", "2020-10-03"), ("4", "2020-10-04"), ("10", "2020-10-10"), ("11", "2020-10-11")]),
        ("The fair ran from Sept. 28 through 30.", [("Sept. 28", "2020-09-28"), ("30", "2020-09-30")]),
    ],
)
def test_later_days_are_dates(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(t.text, t.value) for t in newsline.tag(text, dct=DCT).timexes]
    assert got[: len(expected)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "On Oct. 19, 25 companies reported.",  # a count after a comma
        "Prices rose Oct. 5 to 10 percent.",  # a rate
        "Shares fell Oct. 12 to 9 from 11.",  # not later than the day before
        "The vote on Oct. 20 and 5 p.m. deadline",  # an hour
        "It closed Oct. 20 and 3 days later reopened.",  # a count of days
        "Sales on Oct. 2 rose 4.5%.",
    ],
)
def test_numbers_that_are_no_days(text: str) -> None:
    got = [t.text for t in newsline.tag(text, dct=DCT).timexes]
    assert not any(x.isdigit() for x in got), got
