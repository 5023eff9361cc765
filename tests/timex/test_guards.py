"""Guards in the timex stage that no other test exercised: each test here fails when its guard is disabled.

Every sentence is new (not a rule example), resolved at a DCT of 2020-10-16.
"""

from __future__ import annotations

import pytest

import newsline

DCT = "2020-10-16"


def found(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in newsline.tag(text, dct=DCT).timexes]


# --- a relative date is known only as precisely as its anchor (_interpret: "anchor == 'ref'" checks) -------


@pytest.mark.parametrize(("text", "expected"), [
    # _kind_offset: "<n> <units> later" after a year stays in that year, not a day of it
    ("In 2018 the drummer left the band; two days later he came back.",
     [("2018", "2018"), ("two days later", "2018")]),
    ("The mill was sold in 2016. Three weeks later its owner resigned.",
     [("2016", "2016"), ("Three weeks later", "2016")]),
    # ... and after a month, in that month
    ("The bridge closed in May 2011 and reopened five days later.",
     [("May 2011", "2011-05"), ("five days later", "2011-05")]),
])
def test_an_offset_keeps_the_precision_of_its_anchor(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_an_offset_from_a_day_is_a_day() -> None:  # the guard lets day anchors through
    assert found("The storm hit on June 3, 2015. Two days later the river flooded.") == [
        ("June 3, 2015", "2015-06-03"), ("Two days later", "2015-06-05")]


def test_the_next_day_after_a_month_stays_in_that_month() -> None:  # _kind_shift
    assert found("In March 2019 the plant shut down; the next day its workers marched.") == [
        ("March 2019", "2019-03"), ("the next day", "2019-03")]


def test_an_anaphor_after_a_year_stays_in_that_year() -> None:  # _kind_anaphor
    assert found("In 2017 she moved to Lisbon, and later that week she found a flat.") == [
        ("2017", "2017"), ("later that week", "2017")]


# --- plausibility checks (_interpret._plausible_*) ----------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # _plausible_bare_month: a bare "May" needs a preposition or the like before it ("may" the verb, a wish)
    ("May the best team win.", []),
    ("May I ask a question?", []),
    ("In May the vote was held.", [("May", "2020-05")]),
    # _plausible_year: a four-digit number after "$" is money
    ("The company paid $2019 for it.", []),
    ("He joined in 2019 for it.", [("2019", "2019")]),
])
def test_plausibility_checks(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected



# --- "about" left outside a duration's extent still makes it approximate (_kind_duration) --------------------


@pytest.mark.parametrize(("text", "mod"), [
    ("The port strike lasted about three weeks.", "APPROX"),  # trial AQ: P3W with no mod
    ("Rebuilding the pier took some 40 years.", "APPROX"),
    ("The crew rested for three weeks.", None),
    ("Exports rose around 5 percent in two years.", None),  # "around" is the percentage's
])
def test_about_before_a_duration_makes_it_approximate(text: str, mod: str | None) -> None:
    (t,) = newsline.tag(text, dct=DCT).timexes
    assert t.text in ("three weeks", "40 years", "two years") and t.mod == mod
