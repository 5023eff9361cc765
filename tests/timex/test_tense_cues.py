"""The tense cues around bare weekdays: found by one pattern, the same as word by word."""

from __future__ import annotations

import pytest

import newsline
from newsline.timex._grammar import load_grammar
from newsline.timex._tense_cues import tense_cues

DCT = "2021-03-10"  # a Wednesday: Friday is 2021-03-12 ahead, 2021-03-05 behind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The council will vote on Friday.", "2021-03-12"),
        ("The council voted on Friday.", "2021-03-05"),
        ("The bill is expected to pass Friday.", "2021-03-12"),  # a phrase of three words
        ("The hearing was scheduled for Friday.", "2021-03-12"),  # an arrangement points ahead (a phrase of two words)
        ("The bonds will be repaid Friday.", "2021-03-12"),  # "be repaid": a participle, not the past
        # "remain closed", "stay shut": an adjective, not the past (new-user trial S)
        ("Officials said schools will remain closed through Friday.", "2021-03-12"),
        ("The port will stay closed until Friday.", "2021-03-12"),
        ("The port remained closed on Friday.", "2021-03-05"),
        # "plan to" before a determiner is a noun and a preposition, not a plan to act (new-user trial T)
        ("She promised on Friday to present a housing plan to the council.", "2021-03-05"),
        ("The firm plans to sell the unit on Friday.", "2021-03-12"),
        ("Mr. Okafor's hearing, which O'Neill's lawyers sought, ended Friday.", "2021-03-05"),
        ("The ferry won't sail until Friday.", "2021-03-12"),
        ("The mayor said Friday it will sail again.", "2021-03-05"),  # the report right before it
        ("The mayor said on Friday that it will sail again.", "2021-03-05"),
        ("The ferry will sail again on Friday, the mayor said.", "2021-03-12"),  # its own clause's verb first
        ("Talks collapsed Friday.", "2021-03-05"),  # a word in -ed
        # the present of a timetable, the verb a few words before: ahead
        ("The delegation flies to Lisbon on Friday.", "2021-03-12"),
        ("The council convenes in Brussels on Friday for the summit.", "2021-03-12"),
        ("The champion travels to Lyon on Thursday and plays Nice on Friday.", "2021-03-12"),
        ("The delegation flew to Lisbon on Friday.", "2021-03-05"),
        ("The minister told his hosts on Friday that the talks had failed.", "2021-03-05"),  # a noun in -s
        # a rule taking force or running out is a timetable too
        ("The new tariff takes effect on Friday, the ministry said.", "2021-03-12"),
        ("The ceasefire expires on Friday.", "2021-03-12"),
        ("The ban comes into force on Friday.", "2021-03-12"),
        ("The new tariff took effect on Friday.", "2021-03-05"),
        ("The ceasefire expired on Friday.", "2021-03-05"),
        # in a relative clause set off by commas, the main clause's verb after the closing comma is not its cue
        ("The summit, which was moved up to Friday, will end with a statement.", "2021-03-12"),
        ("The senator, who was sworn in on Friday, will vote on the bill.", "2021-03-05"),
        ("The minister, who will fly to Oslo on Friday, was in Rome.", "2021-03-12"),
        ("The senator was sworn in on Friday, and will vote on the bill.", "2021-03-05"),
        # a fixture list: a club in the plural, also past an aside
        ("Ashby Town, now fourth, host Millbrook on Friday.", "2021-03-12"),
        ("Rovers visit Ashby on Friday.", "2021-03-12"),
        ("The hosts won on Friday.", "2021-03-05"),
    ],
)
def test_a_bare_weekday_follows_the_nearest_cue(text: str, value: str) -> None:
    friday = [t for t in newsline.tag(text, dct=DCT).timexes if t.text == "Friday"]
    assert [t.value for t in friday] == [value]


WINDOWS = [
    "the vote is to be held friday, officials said; it was expected earlier",
    "plans to open, planned to close, planning to wait and plans for friday",
    "going  to\nthe polls as soon as friday -- or as soon, as monday",
    "he's due friday but they're to go; jones 's team 'll travel, won't it",
    "'s and 'll at the start; rock-'n-roll ended; wasted, based, embedded, closed",
    "being signed friday, be signed monday, be, signed; maybe signed tuesday",
    "will remain closed friday, stays shut, stayed closed monday, remaining delayed",
    "it is. to be? set to. set, to; had been set to resume; had been due; is due",
    "x_ed abc_ed 3ed annoUNCED_ed voted2 voted_ crossed' crossed'x 'crossed",
    "nounced friday was", "ed friday", "would be friday would", "intends to",
    "voters go to the polls tuesday; he returns thursday; in return monday; wanted to go",
    "could reach it thursday, could be held, could not; we'll meet; i'm flying out sunday",
    "a plan to the council friday, plans to sell, set to the task, next to the embassy, is to a man",
]


@pytest.mark.parametrize("window", WINDOWS)
def test_the_pattern_finds_the_cues_a_word_by_word_reading_finds(window: str) -> None:
    cues = tense_cues(load_grammar().lexicon)
    for cut in range(len(window) + 1):  # windows start and end mid-word too
        for part in (window[cut:], window[:cut]):
            assert list(cues._by_pattern(part, part)) == list(cues._by_words(part, part)), part


@pytest.mark.parametrize(
    ("text", "with_ed", "without_ed"),
    [
        ("Talks collapsed Friday.", "past", None),  # only a word in -ed
        ("Talks collapsed Friday and will resume.", "past", None),  # "will" is in the next clause
        ("Talks will resume Friday, officials confirmed.", "future", "future"),
        ("Friday, talks resumed, and officials will meet.", "past", None),
        ("Talks had resumed; on Friday they will collapse", "past", "future"),  # a tie goes to the earlier cue
    ],
)
def test_the_tense_of_a_sentence_with_and_without_words_in_ed(text: str, with_ed: str | None,
                                                             without_ed: str | None) -> None:
    from datetime import date

    from newsline.timex._context import Context

    ctx = Context(text=text, dct=date(2021, 3, 10), lexicon=load_grammar().lexicon)
    s = text.index("Friday")
    assert (ctx.tense(s, s + 6), ctx.tense(s, s + 6, use_ed=False)) == (with_ed, without_ed)


def test_an_intention_in_ed_is_no_past_cue_for_a_bare_month() -> None:
    for verb in ("hoped", "aimed", "vowed", "pledged", "promised"):
        doc = newsline.tag(f"The cooperative {verb} to complete the purchase in September.", dct="2025-07-08")
        assert [t.value for t in doc.timexes] == ["2025-09"], verb
    doc = newsline.tag("The cooperative completed the purchase in September.", dct="2025-07-08")
    assert [t.value for t in doc.timexes] == ["2024-09"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the verb is far from a fronted month: the nearest cue of the whole clause still decides
        ("In January, a week after the tenth anniversary of the landmark ruling on the county's water rights, "
         "a pipeline blast near Riverton injured two workers.", "2020-01"),
        ("In January, a week after the tenth anniversary of the landmark ruling on the county's water rights, "
         "the utility will open a second pipeline near Riverton.", "2021-01"),
        # a cue of another clause does not: "was" belongs to the clause before "but"
        ("There was no word on the merger from the board or from the regulators in Brussels and Washington, "
         "but the company has set up a meeting of its shareholders in January.", "2021-01"),
        # "vs." ends no sentence: the verb after it is in the same one
        ("In January, days after the Hollis vs. Grant ruling, the council banned the sale.", "2020-01"),
    ],
)
def test_a_far_cue_of_the_same_clause_gives_a_month_its_year(text: str, value: str) -> None:
    january = [t for t in newsline.tag(text, dct="2020-10-15").timexes if t.text == "January"]
    assert [t.value for t in january] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # written for this test (new-user trial U): "the next day" counts from the story's day, no future, so the
        # clock time before it stays in the story's past instead of jumping to the publication day
        ("On March 3, 2019, the exit was locked. The next morning at 2 a.m., smoke filled the hall.",
         "2019-03-04T02:00"),
        # "the next match" is ahead: still a future cue (TE3 silver has three such "the next <event>")
        ("Rovers lost on Friday, Oct. 2. The next match kicks off at 3 p.m.", "2020-10-16T15:00"),
    ],
)
def test_the_next_day_is_no_future_cue(text: str, value: str) -> None:
    clocks = [t for t in newsline.tag(text, dct="2020-10-16").timexes if t.type == "TIME"]
    assert [t.value for t in clocks] == [value]


def test_a_report_with_its_object_before_a_clock_time_is_past() -> None:
    # written for this test (new-user trial U): after a sentence about a day ahead, "told ... after midnight" is
    # the night just gone, not the midnight of the day ahead
    text = ("Hale won the runoff on Sunday. She will take office on March 1. She told cheering supporters shortly "
            "after midnight that the work starts now.")
    midnight = [t for t in newsline.tag(text, dct="2025-02-03").timexes if t.text == "midnight"]
    assert [t.value for t in midnight] == ["2025-02-02T00:00"]
    # a report's "that" clause keeps its own tense: "said Tuesday that Sunday's vote will go ahead"
    text = "The minister said Tuesday that Sunday's vote will go ahead."
    sunday = [t for t in newsline.tag(text, dct="2025-02-05").timexes if t.text == "Sunday"]
    assert [t.value for t in sunday] == ["2025-02-09"]


def test_a_possessive_is_no_plural_subject_of_a_timetable_verb() -> None:
    # written for this test (new-user trial V): "the firm's head office" read "head" as "(they) head to", a
    # timetable, and put the January ahead
    text = "Repair requests were turned down by the firm's head office in January."
    january = [t for t in newsline.tag(text, dct="2025-04-09").timexes if t.text == "January"]
    assert [t.value for t in january] == ["2025-01"]


def test_until_at_least_a_weekday_is_ahead_after_a_past_verb() -> None:
    # written for this test (new-user trial W): in a Monday paper, the Thursday a suspension lasts until
    text = "The ferry company suspended all sailings to the islands until at least Thursday."
    thursday = [t for t in newsline.tag(text, dct="2025-10-20").timexes if t.text == "Thursday"]
    assert [t.value for t in thursday] == ["2025-10-23"]


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # written for this test (new-user trial AA): "earlier than planned" compares, it tells no past
        ("The council said Monday it would start rebuilding the old wooden pier in April, earlier than planned.",
         "2025-10-06", "April", "2026-04"),
        ("The operator said it would reopen the northern shaft to miners in February, later than planned.",
         "2025-10-06", "February", "2026-02"),
        # written for this test (new-user trial AB): "from a year earlier" is the comparison's time, not the clause's
        ("The retailer expects sales to rise 4% in the fourth quarter from a year earlier.", "2025-09-30",
         "the fourth quarter", "2025-Q4"),
    ],
)
def test_a_comparison_is_no_tense_cue(text: str, dct: str, phrase: str, value: str) -> None:
    assert {t.text: t.value for t in newsline.tag(text, dct=dct).timexes}[phrase] == value


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # written for this test (new-user trial AB): what is due is ahead; what was due is not
        ("Investors await the jobless figures, due Thursday.", "2026-03-30", "Thursday", "2026-04-02"),
        ("The ferry Aland, due in port Tuesday, carries 300 passengers.", "2026-03-29", "Tuesday", "2026-03-31"),
        ("The rent was due on Friday.", "2026-03-30", "Friday", "2026-03-27"),
        ("The flight was cancelled due to fog on Friday.", "2026-03-30", "Friday", "2026-03-27"),
    ],
)
def test_due_points_ahead_unless_it_was(text: str, dct: str, phrase: str, value: str) -> None:
    assert {t.text: t.value for t in newsline.tag(text, dct=dct).timexes}[phrase] == value
