"""The narrative reference time: what "Hours later", "the next day" and "two days later" count from.

Texts written for these tests; each phenomenon has cases where the guard must act and where it must not.
"""

from __future__ import annotations

from datetime import date

import pytest

import newsline


def _values(text: str, dct: date) -> dict[str, str]:
    return {t.text: t.value for t in newsline.tag(text, dct=dct).timexes}


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # a year qualifying a name or noun does not move the story's time
        ("On Saturday, March 6, the singer Mara Quell took the stage at the 2021 Harbor Music Awards in "
         "Lisbon. Hours later, Quell posted a message to her fans. The next day she flew home.",
         date(2021, 3, 8), "The next day", "2021-03-07"),
        ("On Saturday, March 6, the singer Mara Quell took the stage at the 2021 Harbor Music Awards in "
         "Lisbon. Hours later, Quell posted a message to her fans.",
         date(2021, 3, 8), "Hours later", "2021-03-06"),
        ("On May 2, the board met in Geneva. Two days later the chairman, who led the 2016 merger talks, "
         "resigned, and the following day shares fell.",
         date(2019, 5, 14), "the following day", "2019-05-05"),
        ("The ferry sank on Tuesday, Aug. 3. The diver had coached the national team at Euro 2016. "
         "The next day the captain was arrested.",
         date(2021, 8, 9), "The next day", "2021-08-04"),
        ("On May 2, the board met. The 2008 financial crisis was on their minds. The next day he resigned.",
         date(2019, 5, 14), "The next day", "2019-05-03"),
        ("Police reopened the case on June 8. The suspect's 2014 Honda Civic was found in a lake. The next "
         "day he surrendered.",
         date(2022, 6, 12), "The next day", "2022-06-09"),
    ],
)
def test_a_year_inside_a_name_leaves_the_reference_time(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # a year that says when the story is does move it, and what follows is no more precise than it
        ("In 2018 the plant closed. Two days later the union sued.", date(2022, 1, 10), "Two days later", "2018"),
        ("In 2018 the plant closed. Hours later the union sued.", date(2022, 1, 10), "Hours later", "2018"),
        ("The talks began on Jan. 4. By 2016 they had failed, and the next day nobody came.",
         date(2022, 1, 10), "the next day", "2016"),
        # after a day, "hours later" is that day
        ("The verdict came on Wednesday, Oct. 14. Hours later the governor called.", date(2020, 10, 16),
         "Hours later", "2020-10-14"),
    ],
)
def test_a_year_that_dates_the_story_moves_it(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # "since X" dates the start of a state in the background: the story stays where it was
        ("The club sacked its manager, Ian Corby, on Nov. 14. Voss, who had coached the women's team since "
         "2018, was appointed two days later.", date(2022, 11, 20), "two days later", "2022-11-16"),
        ("Rescuers reached the village on Monday, June 6. The road had been closed since May 20. "
         "The next day the first trucks arrived.", date(2022, 6, 10), "The next day", "2022-06-07"),
        # not a state's start: "in 2018" and "on May 20" move the story
        ("The club sacked Corby on Nov. 14. Voss, who joined in 2018, was appointed two years later.",
         date(2022, 11, 20), "two years later", "2020"),
        ("Rescuers reached the village on Monday, June 6. The road was closed on May 20. "
         "The next day the first trucks arrived.", date(2022, 6, 10), "The next day", "2022-05-21"),
    ],
)
def test_since_leaves_the_reference_time(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


def test_a_history_still_follows_the_years_it_names() -> None:
    """In a narrative of past years, "the 1777 campaign" is where the story is: June is June 1777."""
    text = ("The war began in 1775. Fighting spread in 1776 and the British took New York in 1776. "
            "Burgoyne led the 1777 campaign from Canada. In June the army marched south. It surrendered "
            "in 1777 and France joined the war in 1778. Peace came in 1783.")
    assert _values(text, date(2020, 1, 1))["June"] == "1777-06"


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # "that year" is the year last written, even after a day read against the publication date
        ("The clinic opened in 2009. Inspectors came on 15 October and 9 November that year.",
         date(2011, 10, 26), {"15 October": "2009-10-15", "9 November that year": "2009-11-09"}),
        ("Murray was charged in February 2010. The singer had died on 12 March. On 25 June that year "
         "the family sued.",
         date(2011, 10, 26), {"12 March": "2011-03-12", "25 June that year": "2010-06-25"}),
        ("The mine opened in 1987 and flooded in October of the following year.",
         date(2020, 1, 5), {"October of the following year": "1988-10"}),
        # the days of a list take the year written after the last one; the month before January, the year before
        ("The fund paid out on Dec. 28 and Jan. 3, 2009, and again from May to July 2010.",
         date(2011, 4, 1), {"Dec. 28": "2008-12-28", "Jan. 3, 2009": "2009-01-03", "May": "2010-05"}),
        # a year after "since" begins a state in the background: it is not the year the story is in
        ("Chief executive Ana Brill, who has run the firm since 2016, said it had signed 40 contracts since "
         "July.", date(2024, 10, 24), {"July": "2024-07"}),
        ("Producer prices showed their sharpest fall since September 1996 in March.",
         date(2001, 4, 20), {"March": "2001-03"}),
        # the end of a reporting period is not where the story is
        ("Brackwell Tools said on Tuesday that its profit rose. Sales for the nine months ended Sept. 30 were "
         "$40 million. The figures came out after the market closed at 4 p.m. ET.",
         date(2024, 10, 23), {"4 p.m. ET": "2024-10-22T16:00-04"}),
        # not across a sentence, nor over other words
        ("The plant shut on March 3. In April 5, 2009 filings were late.",
         date(2011, 4, 1), {"March 3": "2011-03-03"}),
        ("The plant shut on March 3, weeks before the audit of April 5, 2009.",
         date(2011, 4, 1), {"March 3": "2011-03-03"}),
    ],
)
def test_year_in_focus_and_shared_year(text: str, dct: date, expected: dict[str, str]) -> None:
    values = _values(text, dct)
    for phrase, value in expected.items():
        assert values.get(phrase) == value, (phrase, values)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a clock time in a clause about what will happen is not on a day gone by
        ("The retrial of Corin Vale, which opened on Feb. 20, will resume at 3 p.m. ET, the court said.",
         "2025-03-11T15:00-04"),
        ("Voting closed on March 2 and counting will restart at 9 a.m. on the island.", "2025-03-11T09:00"),
        # the same day when the clause is about that day, or about its future seen from then
        ("The retrial of Corin Vale opened on Feb. 20 and the jury was sworn in at 3 p.m.", "2025-02-20T15:00"),
        ("On Feb. 20 the minister said she would testify at 3 p.m.", "2025-02-20T15:00"),
    ],
)
def test_a_clock_time_of_a_future_clause_takes_the_dct_not_a_past_day(text: str, value: str) -> None:
    clocks = [t.value for t in newsline.tag(text, dct=date(2025, 3, 11)).timexes if t.type == "TIME"]
    assert clocks == [value]


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # a year said in passing, in a relative clause set off by a comma, is not what "the next day" counts from
        ("Singer Mara Vale and actor Tom Reyes announced their split on Monday. The couple, who married in 2015, "
         "said the decision was mutual. The next day, Vale posted a photo of her dog.",
         date(2024, 3, 14), "The next day", "2024-03-12"),
        ("Police arrested Dan Moss in Leeds on Saturday, March 9. Moss, who moved to the city in 2019, was "
         "charged two days later.", date(2024, 3, 14), "two days later", "2024-03-11"),
        ("The strike began on Oct. 2. The union, which was founded in March 1998, met the following day.",
         date(2023, 10, 20), "the following day", "2023-10-03"),
        # ... but it is still the year that "that year" means, and a year the story moves to still moves it
        ("The plant, which closed in 2009, reopened in June. Sales fell that year.",
         date(2012, 8, 1), "that year", "2012"),
        ("Talks began on Jan. 4. By 2016 they had failed, and the next day nobody came.",
         date(2022, 1, 10), "the next day", "2016"),
        ("The clinic opened on Monday. Its founder, who trained in Lyon in 2001, said the next day that she was "
         "proud.", date(2024, 3, 14), "the next day", "2024-03-12"),
    ],
)
def test_a_year_said_in_passing_is_no_day_to_count_from(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct).get(phrase) == value, _values(text, dct)


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # a year ahead of the publication's does not carry to a later date without one
        ("The firm will buy back stock until June 30, 2027, and will report third-quarter results on Oct. 28.",
         date(2026, 5, 6), "Oct. 28", "2026-10-28"),
        ("Dealers unveiled models for 2027 at the motor show, which opened on Nov. 30 and runs through Dec. 11.",
         date(2026, 12, 3), "Nov. 30", "2026-11-30"),
        # a year before the publication's still does
        ("In 2019 the plant opened on March 3, and the first cars left it on July 9.",
         date(2024, 5, 6), "July 9", "2019-07-09"),
    ],
)
def test_a_year_ahead_stays_with_its_own_date(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # the only year a sentence names, though in a name, is what its year anaphor counts from
        ("The two actors met on the set of the 2018 thriller \"Cold Harbour\" and married the following year.",
         date(2025, 6, 3), "the following year", "2019"),
        # ... not when the sentence has a reference time of its own
        ("On March 4, 2022, the band played the 2016 Riverside Festival stage and split the following year.",
         date(2025, 6, 3), "the following year", "2023"),
        # ... nor across sentences: the story's time is where it was
        ("He won the 2016 Berlin Marathon. Last week he said he would retire the following year.",
         date(2025, 6, 3), "the following year", "2026"),
    ],
)
def test_a_year_anaphor_counts_from_a_name_year_of_its_own_sentence(text: str, dct: date, phrase: str,
                                                                    value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # the day a report was made, after the day its sentence told of, is not where the story goes on
        ("A ferry ran aground near Brindle on Saturday, the coast guard said on Monday. The captain radioed "
         "for help at 9:40 p.m. Hours later, tugs pulled the ship free.",
         date(2024, 4, 15), "9:40 p.m.", "2024-04-13T21:40"),
        ("A ferry ran aground near Brindle on Saturday, the coast guard said on Monday. The captain radioed "
         "for help at 9:40 p.m. Hours later, tugs pulled the ship free.",
         date(2024, 4, 15), "Hours later", "2024-04-13"),
        ("Two climbers were rescued on Thursday, park officials told reporters Friday. The same day, a third "
         "climber was found.",
         date(2023, 7, 21), "The same day", "2023-07-20"),
        # a report's day with no other day before it in its sentence, or a day that is no report's, does move it
        ("Park officials said on Friday that two climbers were missing. The same day, a helicopter was sent.",
         date(2023, 7, 24), "The same day", "2023-07-21"),
        ("Two climbers went missing on Thursday, and rescuers found them on Friday. The same day, a third "
         "climber was found.",
         date(2023, 7, 24), "The same day", "2023-07-21"),
    ],
)
def test_the_day_of_a_report_is_no_day_the_story_moves_to(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # written for this test (new-user trial T): a day in a relative clause on a noun, after the day its
        # sentence told of, is background; the story stays at the first day
        ("A jury in Leeds on Tuesday convicted Aldo Venn of arson, ending a trial that began on Jan. 8. The "
         "foreman read the verdict at 3:20 p.m.", date(2025, 2, 6), "3:20 p.m.", "2025-02-04T15:20"),
        ("The club on Monday sacked its coach, who was hired on Oct. 2. Hours later, fans gathered outside.",
         date(2024, 11, 20), "Hours later", "2024-11-18"),
        # what a report says happened on a day is no relative clause: it moves the story as before
        ("The company said on Monday that sales fell on Friday. Shares dropped at 10 a.m.",
         date(2024, 3, 14), "10 a.m.", "2024-03-08T10:00"),
    ],
)
def test_a_day_in_a_relative_clause_is_no_day_the_story_moves_to(text: str, dct: date, phrase: str,
                                                                 value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # written for this test (new-user trial U): the GMT day in brackets after a local clock time is not where
        # the story goes; the next clock time is still the local day's
        ("A strong earthquake struck off Hokkaido early on Tuesday. It hit at 5:40 a.m. local time (2040 GMT on "
         "Monday). A tsunami warning was issued at 5:52 a.m.", date(2025, 3, 4), "5:52 a.m.", "2025-03-04T05:52"),
        # a day after the bracket is the day of both times (AQUAINT: "10:35 a.m. (0735 GMT) Friday"): it moves
        ("The blast occurred at 10:35 a.m. (0735 GMT) Friday. Rescuers arrived at noon.", date(2025, 3, 10),
         "noon", "2025-03-07T12:00"),
    ],
)
def test_the_gmt_day_of_a_local_time_is_no_day_the_story_moves_to(text: str, dct: date, phrase: str,
                                                                 value: str) -> None:
    values = _values(text, dct)
    assert values[phrase] == value
    assert not any(k.startswith(("2040", "0735")) for k in values), values  # a GMT hour is no year


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # written for this test (new-user trial Y): "the day before" with nothing after it counts from the day the
        # story is at, as "the previous day" does
        ("Harlow beat Corbin on Saturday. The day before, the manager had complained about the pitch.",
         date(2026, 3, 15), "The day before", "2026-03-13"),
        ("The council voted on Tuesday. The night before, about 200 people marched to the hall.",
         date(2026, 3, 12), "The night before", "2026-03-09TNI"),
        ("Exports rose 4% in 2024, after falling 2% the year before.", date(2025, 6, 2), "the year before", "2023"),
        ("The plant shut on May 4 and reopened the day after.", date(2026, 6, 1), "the day after", "2026-05-05"),
        # a week the story is at gives the days after it no more than that week (it had given the year)
        ("The ruling came on March 3. The week before, lawyers filed a motion. The next day, police raided "
         "the office.", date(2026, 3, 15), "The next day", "2026-W09"),
    ],
)
def test_the_day_before_said_alone_counts_from_the_story_day(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    "text",
    ["The day before the verdict, his lawyer spoke to reporters.", "They met the day after the announcement.",
     "She left the week before last."],
)
def test_the_day_before_an_event_is_no_day_of_the_story(text: str) -> None:
    # the event says which day ("the day before the verdict": events._relative_anchors), not the story's time
    assert not any(k.lower().startswith(("the day before", "the day after", "the week before"))
                   for k in _values(text, date(2026, 3, 15)))


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # written for this test (new-user trials W and Y): "overnight" is the night before the paper, or tonight
        ("The Lenne burst its banks overnight, flooding 40 homes, the fire service said.", date(2026, 5, 8),
         "overnight", "2026-05-07TNI"),
        ("Forecasters said temperatures would drop below zero overnight.", date(2026, 1, 12), "overnight",
         "2026-01-12TNI"),
        # a report on a day before the paper: the night before the report (new-user trial AD)
        ("Rescuers said on Sunday that the death toll had risen overnight.", date(2026, 3, 16), "overnight",
         "2026-03-14TNI"),
        # it moves the story nowhere: the clock time after it is still the paper's day
        ("Tokyo shares rose on Friday after overnight gains in New York. At 10:15 a.m. the Nikkei was up 1.2%.",
         date(2026, 2, 6), "10:15 a.m.", "2026-02-06T10:15"),
    ],
)
def test_overnight_is_the_night_before_the_paper(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    "text",
    ["The central bank left its overnight rate at 4.5%.", "The band became an overnight sensation.",
     "Rain fell overnight Tuesday.", "Snow fell overnight into Sunday."],
)
def test_overnight_as_a_name_or_beside_a_day_is_no_night_of_its_own(text: str) -> None:
    assert "overnight" not in {k.lower() for k in _values(text, date(2026, 3, 15))}


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # written for this test (new-user trial AA): a year said in passing of a thing, after a participle set off by
        # commas, is not where the story is
        ("The old Elm Street viaduct, built in 1961, has been closed to lorries since January.", date(2023, 3, 15),
         "January", "2023-01"),
        ("Harwick Mills, founded in 1998, cut 40 jobs in February.", date(2024, 5, 2), "February", "2024-02"),
    ],
)
def test_a_year_in_a_participle_aside_is_no_year_of_the_story(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # written for this test (new-user trial AC): the new date of what was moved is no day the story goes to
        ("The band called off Friday's show in Hull. It has been moved to October 3. The band played Leeds the "
         "following night.", date(2025, 7, 13), "the following night", "2025-07-12TNI"),
        ("The vote, held on Tuesday, was postponed until March 30. The next day, the mayor resigned.",
         date(2026, 3, 12), "The next day", "2026-03-11"),
    ],
)
def test_a_date_something_was_moved_to_is_no_day_of_the_story(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # written for this test (new-user trial AC): the year of the name a sentence opens with, when it is the next
        ("The 2026 tour opens in Glasgow on September 12 and closes in Bristol on October 3.", date(2025, 11, 18),
         "September 12", "2026-09-12"),
        ("The 2026 tour opens in Glasgow on September 12 and closes in Bristol on October 3.", date(2025, 11, 18),
         "October 3", "2026-10-03"),
        ("Mara Quill won the award on Sunday. The 2026 tour opens in Glasgow on September 12.", date(2025, 11, 18),
         "September 12", "2026-09-12"),
        # (new-user trial AE) the next year's name anywhere before them, "next year's" too
        ("The festival's 2026 edition will start in May.", date(2025, 3, 17), "May", "2026-05"),
        ("Organisers said next year's edition could open in June.", date(2025, 3, 17), "June", "2026-06"),
        # not a past year's name ("the 2024 champions' opener")
        ("Fans queued for hours before the 2024 champions' opener on August 16.", date(2025, 7, 1), "August 16",
         "2025-08-16"),
    ],
)
def test_a_sentence_opening_with_a_years_name_dates_its_days(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # written for this test (new-user trial AE): a day before a story known to the month is still in it
        ("The Ardmore mill shut in October 2019. The day before, the last roll of tweed was cut.", date(2026, 1, 9),
         "The day before", "2019-10"),
        ("The plant closed in 2018. The previous day, workers marched to the gates.", date(2026, 1, 9),
         "The previous day", "2018"),
    ],
)
def test_a_day_counted_back_from_a_month_stays_in_it(text: str, dct: date, phrase: str, value: str) -> None:
    assert _values(text, dct)[phrase] == value


def test_hours_later_count_from_no_day_older_than_the_story() -> None:
    # written for this test (new-user trial AE): a day fifteen years back is no day "hours later" counts from
    values = _values("On 3 March 2004 the Ardmore mill was sold to a Leeds firm. Production ended in October 2019. "
                     "Hours later the gates were locked for good.", date(2026, 1, 9))
    assert values["Hours later"] == "2019-10"
