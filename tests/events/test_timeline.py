"""Document timelines: events placed on the time axis, in different styles of news."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("spacy")

import newsline  # noqa: E402
from newsline._model import AnnotatedDocument  # noqa: E402

CELEBRITY = (
    "date 2020-10-16 Two weeks after the couple announced on Instagram that they had lost the baby on "
    "Sept. 30, the singer dedicated a song to his wife at the awards on Wednesday, Oct. 14. Hours later, "
    'he wrote a message. "We promised each other this on our wedding day seven years ago," he wrote.'
)


@pytest.fixture(autouse=True)
def _spacy_model(spacy_nlp: object) -> None:
    """Every test here annotates: skip when spaCy's English model is not installed."""


def _annotate(text: str) -> AnnotatedDocument:
    return newsline.annotate(text)


def _entry(doc: AnnotatedDocument, word: str):  # type: ignore[no-untyped-def]
    """The timeline entry of the first event written ``word``."""
    return next(e for e in doc.timeline if e.event.text == word)


def _when(doc: AnnotatedDocument, word: str, nth: int = 0) -> str | None:
    found = [e for e in doc.timeline if e.event.text == word]
    assert len(found) > nth, f"no event {word!r} among {[e.event.text for e in doc.timeline]}"
    ordered = sorted(found, key=lambda e: e.event.start)
    return ordered[nth].time.value


def test_the_worked_case() -> None:
    doc = _annotate(CELEBRITY)
    assert _when(doc, "promised") == "2013"
    assert _when(doc, "wedding") == "2013"
    assert _when(doc, "lost") == "2020-09-30"
    assert _when(doc, "announced") == "2020-09-30"
    assert _when(doc, "dedicated") == "2020-10-14"
    wrote = sorted((e for e in doc.timeline if e.event.text == "wrote"), key=lambda e: e.event.start)[0]
    dedicated = next(e for e in doc.timeline if e.event.text == "dedicated")
    assert wrote.time.value == "2020-10-14"  # "Hours later" than Wednesday, Oct. 14: still that day
    assert wrote.time.grain == "day"
    assert wrote.time.confidence < dedicated.time.confidence
    announced = next(e for e in doc.timeline if e.event.text == "announced")
    assert announced.time.basis == "event-relative"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # business
            "date 2021-02-05 Harbor Mills said on Thursday that revenue rose 12 percent in the fourth "
            "quarter. The company will open a new plant in March.",
            {"said": "2021-02-04", "rose": "2020-Q4", "open": "2021-03"}, id="business"),
        pytest.param(  # politics
            "date 2019-11-08 The council voted on Tuesday to ban cars from Main Street. "
            "The ban takes effect on Jan. 1, 2020.",
            {"voted": "2019-11-05", "takes": "2020-01-01"}, id="politics"),
        pytest.param(  # sports
            "date 2022-06-13 Lakeside United won the league title on Sunday. Reyes scored the winner.",
            # "scored" has no date of its own: the paragraph's day, the Sunday of the win (events/_narrative_day.py)
            {"won": "2022-06-12", "scored": "2022-06-12"}, id="sports"),
        pytest.param(  # obituary
            "date 2018-03-22 Margaret Hale died on Monday at her home. She was born on May 4, 1930, "
            "and opened the bookshop in 1957.",
            {"died": "2018-03-19", "born": "1930-05-04", "opened": "1957"}, id="obituary"),
        pytest.param(  # narrative
            "date 2015-09-01 In 1985 he left the island; two years later he returned.",
            {"left": "1985", "returned": "1987"}, id="narrative"),
        pytest.param(  # an event placed from another
            "date 2020-03-10 Three days after the earthquake struck on March 2, rescuers found two survivors.",
            {"struck": "2020-03-02", "found": "2020-03-05"}, id="relative"),
        pytest.param(  # the future
            "date 2021-05-01 The company will release its results next week.",
            {"release": "2021-W18"}, id="future"),
        pytest.param(  # reported speech
            'date 2022-06-13 "We will win the final," the coach said on Friday.',
            {"said": "2022-06-10", "win": "FUTURE_REF"}, id="quote"),
        pytest.param(  # a product launch
            "date 2023-09-13 Apple unveiled the new phone on Tuesday. Sales begin on Sept. 22.",
            {"unveiled": "2023-09-12", "begin": "2023-09-22"}, id="launch"),
        pytest.param(  # a court case
            "date 2021-03-05 A jury convicted the former officer last month. "
            "The judge will sentence him on June 16.",
            {"convicted": "2021-02", "sentence": "2021-06-16"}, id="court"),
        pytest.param(  # a storm, and "Hours later"
            "date 2021-08-30 Hurricane Ida struck Louisiana on Sunday. Hours later, the power failed "
            "across New Orleans.",
            {"struck": "2021-08-29", "failed": "2021-08-29"}, id="storm"),
        pytest.param(  # "two weeks after" at the end of the sentence, from a time of day
            "date 2019-05-10 The prime minister survived a confidence vote on Thursday night, two weeks "
            "after her cabinet approved the budget.",
            {"survived": "2019-05-09TNI", "approved": "2019-04-25"}, id="relative-after"),
        pytest.param(  # "Hours later" after a future date goes back to the story's last past time
            "date 2022-03-04 A jury convicted the mayor on Wednesday. Sentencing is scheduled for June 10. "
            "Hours later, the governor called for new ethics rules.",
            {"convicted": "2022-03-02", "called": "2022-03-02"}, id="hours-after-verdict"),
        pytest.param(  # an aspectual verb is when its dated complement is, not when the next clause's event is
            "date 2026-03-04 Crews finished welding the deck last Thursday, and load tests were completed on Monday.",
            {"finished": "2026-02-26", "completed": "2026-03-02"}, id="aspectual-complement"),
        pytest.param(  # a headline that names the lead's subject by a role of theirs
            "date 2025-02-10\nHealth secretary quits over hospital contracts\n\nLONDON (Wire) - Health Secretary "
            "Mark Dunmore resigned on Monday after a report criticised his handling of hospital contracts.\n",
            {"quits": "2025-02-10", "resigned": "2025-02-10"}, id="headline-role"),
        pytest.param(  # the means dated by its day: "went top with a 3-1 win on May 2"
            "date 2026-05-18 Harbour City moved level with the leaders with a 2-0 win over Dunmore on April 25.",
            {"moved": "2026-04-25", "win": "2026-04-25"}, id="with-an-event-on-a-day"),
        pytest.param(  # a penalty's length is no distance: "jailed for six years after admitting"
            "date 2025-06-13 The driver was jailed in March for six years after admitting the crash.",
            {"jailed": "2025-03", "admitting": "2025-03"}, id="penalty-length"),
        pytest.param(  # a report's day dates what it reports, and the distance counts back from that
            "date 2024-06-12 Crews have fully contained the Marsh Creek blaze, ten days after it started near a "
            "quarry, the state forestry agency said on Wednesday.",
            {"contained": "2024-06-12", "started": "2024-06-02"}, id="reported-days-after"),
    ],
)
def test_events_are_placed(text: str, expected: dict[str, str]) -> None:
    doc = _annotate(text)
    got = {word: _when(doc, word) for word in expected}
    assert got == expected


def test_timeline_is_sorted_with_unknown_times_last() -> None:
    doc = _annotate("date 2021-03-05 He might consider it. The vote was held on March 1, 2021. "
                    "Officials met in 2019.")
    known = [e for e in doc.timeline if e.time.label is not None]
    unknown = [e for e in doc.timeline if e.time.label is None]
    assert doc.timeline == tuple(known + unknown)
    starts = [e.time.start for e in known if e.time.start is not None]
    assert starts == sorted(starts)


def test_json_shape_is_the_documented_one() -> None:
    out = _annotate(CELEBRITY).to_dict()
    assert set(out) == {"dct", "events", "timexes", "links"}
    event = out["events"][0]
    assert {"id", "start", "end", "text", "class", "sentence", "participants", "time", "title", "when_text",
            "salience", "reports", "attributed_to"} <= set(event)
    assert set(event["time"]) == {"value", "start", "end", "grain", "basis", "evidence", "confidence", "label",
                                  "when_text", "span"}
    assert all(0.0 <= e["salience"] <= 1.0 and e["title"] and e["when_text"] for e in out["events"])
    assert event["time"]["basis"] in ("timex", "event-relative", "model", "dct-default", "dct-tense", "unknown")
    assert all(CELEBRITY[e["start"]:e["end"]] == e["text"] for e in out["events"])


def test_events_link_to_existing_ids() -> None:
    doc = _annotate(CELEBRITY)
    ids = {e.id for e in doc.events} | {t.tid for t in doc.timexes} | {"t0"}
    assert doc.links
    assert all(link.source in ids and link.target in ids for link in doc.links)


def test_without_a_dct_times_stay_relative() -> None:
    doc = _annotate("The council voted on Tuesday. The ban starts on Sept. 30.")
    assert doc.dct is None
    assert [(t.text, t.value) for t in doc.timexes] == [("Tuesday", "XXXX-WXX-2"), ("Sept. 30", "XXXX-09-30")]
    # no year to put them in: the events are not placed on the time axis (no invented year)
    assert [(e.event.text, e.time.value, e.time.start, e.time.basis) for e in doc.timeline] == [
        ("voted", None, None, "unknown"), ("starts", None, None, "unknown")]


def test_text_without_verbs_and_a_huge_sentence() -> None:
    verbless = _annotate("date 2020-10-16 Tables, chairs, lamps.")
    assert verbless.dct == date(2020, 10, 16)
    assert (verbless.events, verbless.timexes, verbless.timeline) == ((), (), ())
    long = "date 2020-10-16 " + " ".join(["and the people walked"] * 2500) + "."
    doc = _annotate(long)
    assert all(long[e.event.start:e.event.end] == e.event.text for e in doc.timeline)


def test_short_names_are_resolved_within_the_document() -> None:
    doc = _annotate("date 2020-10-16 John Legend dedicated a song to his wife at the awards on Wednesday. "
                    "Legend said he was grateful.")
    said = next(e.event for e in doc.timeline if e.event.text == "said")
    assert "John Legend" in said.participants
    assert said.speaker == "John Legend"  # "Legend" resolved to the full name given earlier


def test_reported_speech_has_a_speaker() -> None:
    doc = _annotate('date 2022-06-13 "We will win the final," the coach said on Friday.')
    win = next(e.event for e in doc.timeline if e.event.text == "win")
    assert win.speaker is not None and "coach" in win.speaker


def test_an_appositive_name_stands_for_the_role() -> None:
    doc = _annotate("date 2020-10-16 Her son, Peter Marsh, said the cause was heart failure.")
    said = next(e.event for e in doc.timeline if e.event.text == "said")
    assert said.speaker == "Peter Marsh"
    assert "Peter Marsh" in said.participants


def test_past_events_share_their_sentence_date() -> None:
    doc = _annotate("date 2022-02-14 The Rams beat the Bengals on Sunday as Stafford threw three touchdowns.")
    threw = next(e for e in doc.timeline if e.event.text == "threw")
    beat = next(e for e in doc.timeline if e.event.text == "beat")
    assert (threw.time.value, threw.time.basis) == ("2022-02-13", "event-relative")
    assert threw.time.confidence < beat.time.confidence


def test_a_date_after_the_anchor_noun_belongs_to_it() -> None:
    doc = _annotate("date 2024-10-28 Whitfield will hold a rally three days before the vote on Nov. 5.")
    assert _when(doc, "vote") == "2024-11-05"
    assert _when(doc, "hold") == "2024-11-02"


def test_two_weeks_after_an_event_that_a_later_mention_dates() -> None:
    doc = _annotate("date 2024-05-20 Two weeks after the explosion, the chemical plant reopened. Investigators "
                    "said the explosion on April 29 was caused by a gas leak.")
    explosions = [e for e in doc.timeline if e.event.text == "explosion"]
    assert [e.time.label for e in explosions] == ["2024-04-29", "2024-04-29"]
    assert {e.time.basis for e in explosions} == {"timex", "event-relative"}
    reopened = next(e for e in doc.timeline if e.event.text == "reopened")
    assert (reopened.time.label, reopened.time.basis) == ("2024-05-13", "event-relative")



def test_a_noun_is_not_the_plan_the_story_moved_on_from() -> None:
    """ "The opening ... has slipped" is not the opening the bridge "had initially been scheduled" for in 2023: the
    old plan lends the noun no time (trial AL had a launch, and its slipping, in the autumn the launch was once due)."""
    doc = _annotate("date 2025-03-03 The opening of the Dunmore bridge has slipped again after inspectors found "
                    "cracks in a pier. The bridge had initially been scheduled to open in the spring of 2023.")
    assert "2023" not in (_entry(doc, "opening").time.label or "")
    assert "2023" not in (_entry(doc, "slipped").time.label or "")
    assert "2023" in (_entry(doc, "open").time.label or "")


def test_a_verb_said_to_happen_again_is_not_the_noun_before() -> None:
    """ "The collapse ... in March. A second wall also collapsed on 2 May": the verb is another collapse, on its
    subject's own day, not the collapse named before (trial AL had "A second attempt ... also failed" in April)."""
    doc = _annotate("date 2025-06-10 The collapse of the quarry wall in March forced an evacuation. A second wall "
                    "at the site also collapsed on 2 May.")
    assert _entry(doc, "collapse").time.label.startswith("after2025-03-01")
    assert _entry(doc, "collapsed").time.label == "2025-05-02"


def test_before_a_committee_is_a_place_not_a_time() -> None:
    """ "testified before a Senate subcommittee on Tuesday": the testifying is on Tuesday, not before it (trial AK
    re-check); "left before the vote on Tuesday" still orders the leaving."""
    doc = _annotate("date 2025-10-17 Mara Ilves appeared before a parliamentary committee on Wednesday to explain "
                    "the outage.")
    assert _entry(doc, "appeared").time.label == "2025-10-15"


def test_a_past_perfect_state_since_a_time_runs_from_it() -> None:
    """ "had been piling up since October": from October to the publication day, not on that day alone (trial AK
    re-check read "Mon 3 Feb 2025")."""
    doc = _annotate("date 2025-02-03 The mayor ordered an audit last week, when unpaid invoices had been piling up "
                    "since October.")
    piling = _entry(doc, "piling").time
    assert piling.span is not None and piling.span[0].startswith("after2024-10-01")
    assert piling.when_text.startswith("Oct 2024")


def test_a_launch_is_its_lifting_off_and_watching_it_is_at_its_time() -> None:
    """ "blasted off ... on Monday" tells the launch: "the launch" and "two days after launch" count from Monday,
    and whoever watched the launch watched it then (trial AL had both on the publication day)."""
    doc = _annotate("date 2025-06-11 The Harrow-3 weather satellite blasted off from Wallops on Monday. Mission "
                    "director Ana Ruiz watched the launch from the control room. Its cameras are to switch on two days "
                    "after launch.")
    assert _entry(doc, "launch").time.label == "2025-06-09"
    assert _entry(doc, "watched").time.label == "2025-06-09"
    assert _entry(doc, "switch").time.label == "2025-06-11"


def test_a_bare_noun_counted_from_is_the_event() -> None:
    """ "Three days after launch" counts from the launch the story dated ("blasted off on Monday"), as "after the
    launch" does (re-check trial AN had the unfolding on the Monday)."""
    doc = _annotate("date 2025-06-13 The Corvo-2 probe blasted off from Kourou on Monday. Three days after launch, "
                    "the probe unfolded its antenna.")
    assert _entry(doc, "unfolded").time.label == "2025-06-12"


def test_an_event_in_a_part_of_another_takes_its_day() -> None:
    """ "was hurt in the second quarter of Thursday's loss": the hurt is in the loss, on Thursday, as "in Thursday's
    loss" is (re-check trial AN had the publication day)."""
    doc = _annotate("date 2024-01-15 Marta Ruiz was injured in the second half of Saturday's defeat at Leeds.")
    assert _entry(doc, "injured").time.label == "2024-01-13"


def test_a_past_perfect_beside_a_report_of_nothing_is_not_bounded_by_it() -> None:
    """ "was announced in 2018 and had been due to open in 2021": the report tells no clause, so the being due is
    not "done by" the announcing (trial AL had it before the end of the report's year)."""
    doc = _annotate("date 2025-03-03 The stadium plan was first announced in 2018 and had originally been due to "
                    "open in the spring of 2021.")
    assert not (_entry(doc, "due").time.label or "").startswith("before")


def test_a_verb_of_an_event_object_dated_by_a_possessive_day_is_on_that_day() -> None:
    """ "narrowly won Sunday's runoff" is "won the runoff on Sunday" (trial AO had the winning on the publication
    day, a Monday)."""
    doc = _annotate("date 2024-11-12 The Harbor Party comfortably lost Saturday's election in Eastvale.")
    assert _entry(doc, "lost").time.label == "2024-11-09"


def test_a_records_baseline_dates_nothing() -> None:
    """ "the lowest turnout since independence in 1991": the record is now, 1991 only the baseline (trial AO put
    the vote in 1991)."""
    doc = _annotate("date 2024-06-03 It was the most violent election since independence in 1992, the observers "
                    "said.")
    assert "1992" not in (_entry(doc, "election").time.label or "")


def test_calling_an_event_for_a_day_is_not_during_that_day() -> None:
    """ "dissolved parliament on Tuesday and called a snap election for April 7": the calling is Tuesday's, the
    election April 7's (trial AO had the calling on the publication day, linked as lasting through April 7)."""
    doc = _annotate("date 2025-09-10 The premier dissolved the assembly on Monday and called an early election for "
                    "Nov. 16.")
    assert _entry(doc, "called").time.label == "2025-09-08"
    assert _entry(doc, "election").time.label == "2025-11-16"


GIVEN = ("The crowd's applause lasted a minute after the verdict on Tuesday. "
         "Her lawyers filed an appeal two days later.")


def test_given_event_spans_are_the_events_placed() -> None:
    """Events another tool found are placed in time as found ones would be: only those, in text order,
    with the dates of the text ("the verdict on Tuesday", the filing two days after it)."""
    spans = [(GIVEN.index(w), GIVEN.index(w) + len(w)) for w in ("filed", "verdict", "applause")]
    doc = newsline.annotate(GIVEN, date(2024, 5, 10), event_spans=spans)
    assert [e.text for e in doc.events] == ["applause", "verdict", "filed"]
    times = {e.event.text: e.time for e in doc.timeline}
    assert times["verdict"].value == "2024-05-07"
    assert times["filed"].value == "2024-05-09"
    found = {e.text for e in newsline.annotate(GIVEN, date(2024, 5, 10)).events}
    assert "lasted" in found and "lasted" not in times  # without spans: the detector's own events


def test_a_given_span_of_several_words_is_its_head_word() -> None:
    text = "The company has been trying to sell the unit for a year."
    start = text.index("has been trying")
    doc = newsline.annotate(text, date(2024, 5, 10), event_spans=[(start, start + len("has been trying"))])
    assert [e.text for e in doc.events] == ["trying"]


@pytest.mark.parametrize("spans", [[(5, 2)], [(0, 10_000)], [(-1, 3)], [("a", "b")], [(1, 2, 3)]])
def test_bad_event_spans_are_one_clear_error(spans: list[tuple[int, int]]) -> None:
    with pytest.raises(newsline.InputError, match=r"event span .*character offsets"):
        newsline.annotate(GIVEN, date(2024, 5, 10), event_spans=spans)


@pytest.mark.parametrize(("text", "word", "label"), [
    # a definite noun and the verb it comes from: the noun's date reaches the verb, either way round
    ("The bridge collapsed after days of heavy rain. The collapse happened on Friday, March 8, "
     "engineers said.", "collapsed", "2024-03-08"),
    ("The board decided on Monday to close the plant. The decision shocked workers in the town.",
     "decision", "2024-03-11"),
    # a noun written from a verb and its particle: "the takeover" and "took over"
    ("Shares of Corbett Savings jumped 30% after the takeover. Halvern Bank took over the lender on Friday, "
     "March 8.", "takeover", "2024-03-08"),
    # a day and a year-in-a-name of one event: the day wins
    ("A stunt plane crashed at the 2024 Lakeside Air Show. The crash occurred on Saturday, March 9, "
     "during the final display.", "crashed", "2024-03-09"),
])
def test_mentions_of_one_event_share_its_day(text: str, word: str, label: str) -> None:
    assert _entry(newsline.annotate(text, date(2024, 3, 12)), word).time.label == label


def test_an_indefinite_noun_is_not_the_verbs_event() -> None:
    """"a collapse" is another collapse, and a negated or future verb is not the noun's event."""
    doc = newsline.annotate("The roof collapsed on Friday, March 8. Experts fear a collapse of the east wing. "
                            "The tower will not collapse, the mayor said on Monday.", date(2024, 3, 12))
    times = {e.event.text: e.time.label for e in doc.timeline}
    assert times["collapsed"] == "2024-03-08"
    assert times.get("collapse") != "2024-03-08"


@pytest.mark.parametrize(("text", "word", "label"), [
    # the date of a relative clause is its own event's, not the main clause's
    ("date 2024-06-11 The mayor, who took office in 2019, cut the ribbon on the new ferry pier on Monday.",
     "cut", "2024-06-10"),
    ("date 2024-06-11 The mayor, who took office in 2019, cut the ribbon.", "cut", "2024-06-11"),
    ("date 2024-06-11 The old lighthouse, which was built in 1887, collapsed.", "collapsed", "2024-06-11"),
    # nor is the date of an apposition
    ("date 2024-06-11 Okafor, harbour master since 2015, resigned.", "resigned", "2024-06-11"),
    # inside the clause the date still counts
    ("date 2024-06-11 The mayor, who took office in 2019, cut the ribbon.", "took",
     "after2019-01-01before2019-12-31"),
    ("date 2024-06-11 The ferry, which sank on Sunday, was raised.", "sank", "2024-06-09"),
])
def test_a_date_in_a_relative_clause_or_apposition_dates_only_its_own_events(text: str, word: str,
                                                                              label: str) -> None:
    entry = next(e for e in _annotate(text).timeline if e.event.text == word)
    assert entry.time.label == label, entry.time


def test_a_date_in_the_main_clause_still_dates_its_other_past_events() -> None:
    """The sentence-mate rule stays for events of one clause (the negative case of the test above)."""
    doc = _annotate("date 2024-06-11 The crew raised the ferry on Sunday and towed it to the dock.")
    towed = next(e for e in doc.timeline if e.event.text == "towed")
    assert (towed.time.label, towed.time.basis) == ("2024-06-09", "event-relative")


@pytest.mark.parametrize(("text", "word", "label", "when"), [
    ("Prosecutors said Pell moved 41 million pounds between January 2019 and August 2020.", "moved",
     "beginPoint=after2019-01-01before2019-01-28endPoint=after2020-08-01before2020-08-28", "Jan 2019 to Aug 2020"),
    ("She taught at Harwick Grammar School from 1956 until 1971.", "taught",
     "beginPoint=after1956-01-01before1956-12-31endPoint=after1971-01-01before1971-12-31", "1956 to 1971"),
    ("She will visit all 88 counties between March and September.", "visit",
     "beginPoint=after2024-03-01before2024-03-28endPoint=after2024-09-01before2024-09-28", "Mar 2024 to Sep 2024"),
])
def test_an_event_between_two_dates_lasts_from_one_to_the_other(text: str, word: str, label: str,
                                                                 when: str) -> None:
    doc = newsline.annotate(text, date(2024, 2, 14))
    entry = next(e for e in doc.timeline if e.event.text == word)
    assert (entry.time.label, entry.time.when_text) == (label, when)
    said = [e for e in doc.timeline if e.event.text == "said"]
    assert all(e.time.span is None for e in said)  # a report in the sentence does not take the span


def test_a_change_of_date_is_no_range() -> None:
    """"moved the vote from Monday to Friday": the vote is on Friday, the moving is no span."""
    doc = newsline.annotate("The council moved the vote from Monday to Friday.", date(2024, 2, 14))
    assert all(e.time.span is None for e in doc.timeline)
    assert {e.event.text: e.time.label for e in doc.timeline}["vote"] == "2024-02-16"


@pytest.mark.parametrize(("text", "word", "label"), [
    # a headline's present tense tells the lead's past event
    ("Fire guts Lindham bakery\n\nLINDHAM (AP) - A fire gutted the Corbett family bakery in Lindham on "
     "Sunday, police said. Nobody was hurt.", "guts", "2024-03-10"),
    # the same verb, in another tense, whatever the lemmatizer makes of it
    ("Pell wins Halvern recall vote\n\nHALVERN - Mayor Ann Pell won a recall election on Saturday, ending a "
     "year of feuding at city hall.", "wins", "2024-03-09"),
    # a report that is news in itself (new-user trial AG: "confirms" over "confirmed an outbreak ... on Friday")
    ("Orvel confirms cholera outbreak in Tamsin district\n\nBRELL, Orvel (WNA) - Orvel's health ministry "
     "confirmed an outbreak of cholera in the eastern district of Tamsin on Monday, three days after a clinic in the "
     "village of Dray reported the first suspected cases.", "confirms", "2024-03-11"),
    ("Tamsin reports 40 measles cases\n\nBRELL (WNA) - The health board of Tamsin reported 40 new measles cases on "
     "Friday, a week after schools reopened.", "reports", "2024-03-08"),
])
def test_a_headline_event_is_the_leads(text: str, word: str, label: str) -> None:
    entry = _entry(newsline.annotate(text, date(2024, 3, 12)), word)
    assert (entry.time.label, entry.time.basis) == (label, "event-relative")


def test_a_headline_event_takes_the_leads_guess_as_a_guess() -> None:
    """The lead's own time, however it was placed, reaches the headline, and reads the same; a guess stays a
    guess (no "known time" for salience)."""
    doc = newsline.annotate("Quarry firm cuts 40 jobs\n\nThe Brenton Stone Co. has cut 40 jobs at its quarry, "
                            "blaming weak demand, a spokesman said.", date(2024, 3, 12))
    head = _entry(doc, "cuts")
    lead = _entry(doc, "cut")
    assert (head.time.label, head.time.when_text) == (lead.time.label, lead.time.when_text)
    assert head.time.basis == lead.time.basis and head.time.evidence == (lead.event.id,)


def test_a_headline_without_a_mate_and_a_first_sentence_are_left_alone() -> None:
    """Not a headline: a first line that is a sentence, or text without a blank line after it."""
    from newsline.events._headline import headline_end

    assert headline_end("Fire guts Lindham bakery\n\nLINDHAM (AP) - A fire gutted it.") == 24
    assert headline_end("A fire gutted the bakery.\n\nPolice said so.") is None
    assert headline_end("Fire guts Lindham bakery\nLINDHAM (AP) - A fire gutted it.") is None
    assert headline_end("Fire guts bakery") is None
    doc = newsline.annotate("Mayor opens new library\n\nThe council approved a budget on Monday.", date(2024, 3, 12))
    opens = _entry(doc, "opens")
    assert opens.time.basis != "event-relative"


def test_a_date_of_the_event_noun_a_verb_happens_at_dates_the_verb() -> None:
    """"discussed the idea at a meeting on April 14": the discussing is at the meeting, on that day."""
    doc = newsline.annotate("The council discussed the parking plan at a meeting on April 14, 2024, and rejected "
                            "it.", date(2025, 6, 3))
    times = {e.event.text: e.time.label for e in doc.timeline}
    assert times["discussed"] == times["meeting"] == "2024-04-14"


def test_a_date_that_qualifies_the_object_does_not_date_the_verb() -> None:
    """"reported a fourth-quarter profit on Thursday": the report is Thursday's, the profit the quarter's."""
    doc = newsline.annotate("Brenton Foods reported a fourth-quarter profit on Thursday, beating forecasts.",
                            date(2025, 3, 28))
    assert _entry(doc, "reported").time.label == "2025-03-27"


def test_a_day_the_parser_hung_on_the_object_event_dates_the_verb() -> None:
    """"will resume talks on Thursday": the resuming is on Thursday, whichever word the parser hangs it on."""
    doc = newsline.annotate("Negotiators will resume talks on Thursday over steel tariffs.", date(2025, 3, 10))
    assert _entry(doc, "resume").time.label == "2025-03-13"


def test_a_year_in_a_name_dates_no_other_event() -> None:
    """"the worst fire since the 2018 Mati disaster": the fire is not in 2018."""
    doc = newsline.annotate('"This is the worst fire in Attica since the 2018 Mati disaster," the minister told '
                            "reporters.", date(2025, 8, 4))
    fire = _entry(doc, "fire")
    assert "2018" not in (fire.time.label or "")


def test_a_date_in_a_since_clause_dates_only_its_clause() -> None:
    """ "since gauges were fitted in 1907" is another time than the lifting; without a date of its own the
    lifting is not put in 1907 (a past event otherwise shares the date of its sentence's dated event)."""
    doc = _annotate("date 2023-10-13 Three days of heavy rain lifted the Dorne to its highest level since "
                    "gauges were fitted in 1907.")
    assert _when(doc, "fitted") == "1907"
    assert _when(doc, "lifted") != "1907"


def test_a_date_in_what_is_reported_does_not_date_the_report() -> None:
    """ "'Five years ago this cure was a dream,' Okoye said on Monday": the saying is Monday's, not five years
    ago, even when the quoted clause has no event of its own to take the date."""
    doc = _annotate('date 2025-03-12 "Five years ago, a cure like this was a dream," Dr. Ada Okoye said in an '
                    "interview on Monday.")
    assert _when(doc, "said") == "2025-03-10"


def test_an_arranged_event_takes_the_date_it_is_arranged_for() -> None:
    """ "The hearing was moved to Friday", "postponed the vote until June 3": the date is the hearing's and
    the vote's; before, only the arranging verb had it and the events themselves stayed undated."""
    doc = _annotate("date 2024-03-11 The tribunal hearing was moved to Friday. The council postponed the vote "
                    "until June 3.")
    assert _when(doc, "hearing") == "2024-03-15"
    assert _when(doc, "vote") == "2024-06-03"


@pytest.mark.parametrize(("text", "word", "value"), [
    # the year written into an occasion's name dates the taking part in it
    ("date 2025-03-11 On March 3, Halvard Moen, who won the 2018 election, announced his retirement.", "won", "2018"),
    ("date 2024-06-02 Qatar, which hosted the 2022 World Cup, said on Friday it would bid again.", "hosted", "2022"),
    ("date 2024-06-02 The striker, who played in the 2014 final, retired on Friday.", "played", "2014"),
    # not a verb that takes no part in it: criticising the 2008 bailout is not in 2008
    ("date 2024-06-02 On Friday the senator criticised the 2008 bailout.", "criticised", "2024-05-31"),
])
def test_a_year_in_an_occasions_name_dates_taking_part_in_it(text: str, word: str, value: str) -> None:
    assert _when(_annotate(text), word) == value


@pytest.mark.parametrize(("text", "word", "label"), [
    # "within <duration> of <event>": on or after the event's day, at most the duration after it
    ("date 2019-05-20 Officials now believe the courier was robbed within a week of his arrest on March 4, 2018.",
     "robbed", "after2018-03-04before2018-03-11"),
    # "Within <duration>," opening a sentence counts from the story's last main event
    ("date 2025-06-11 The brewer was fined on May 2. Within two weeks, its chairman had resigned.",
     "resigned", "after2025-05-02before2025-05-16"),
    # a duration without a number bounds it on one side only
    ("date 2025-06-11 The brewer was fined on May 2. Within days, its chairman had resigned.",
     "resigned", "after2025-05-02"),
])
def test_within_a_duration_of_an_event_bounds_the_day(text: str, word: str, label: str) -> None:
    doc = _annotate(text)
    assert _entry(doc, word).time.label == label


@pytest.mark.parametrize(("text", "word", "label"), [
    # "days after X" with no number: X lies before the day, the main event after X's day
    ("date 2025-03-12 Mayor Ilse Varga stepped down on Monday, days after auditors flagged irregularities.",
     "flagged", "before2025-03-09"),
    ("date 2025-03-12 The mayor stepped down weeks after auditors flagged irregularities on Monday.",
     "stepped", "after2025-03-11"),
    # a number written: the distance itself
    ("date 2025-03-12 Mayor Ilse Varga stepped down on Monday, two days after auditors flagged irregularities.",
     "flagged", "2025-03-08"),
])
def test_a_distance_without_a_number_orders_the_two_events(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


@pytest.mark.parametrize(("text", "word", "label"), [
    # the report between the main clause and the distance repeats the main event; the distance is from it
    ("date 2024-11-20 The strike ended on Tuesday, union leaders said, five days after dock workers walked out.",
     "walked", "2024-11-14"),
    ("date 2024-11-20 Shares fell 8% on Monday, analysts said, two days after the company warned on profits.",
     "warned", "2024-11-16"),
    ("date 2025-06-17 The death toll rose to 23 on Tuesday, officials said, three days after torrential rain "
     "began falling.", "began", "2025-06-14"),
    # a report with its own distance is left alone: the interview is months after, not the words quoted
    ("date 2024-11-20 Ticket sales rose on Monday, the promoter said in an interview two days after the concert.",
     "rose", "2024-11-18"),
])
def test_a_distance_after_a_report_set_off_counts_from_what_it_reports(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


@pytest.mark.parametrize(("text", "word", "label"), [
    # written for this test (new-user trial AG): the parser reads the clause's subject as the object of "after" and
    # hangs the distance on the clause's verb; the distance still counts from that verb
    ("date 2025-03-26 Vaccination began on March 1, a day after the last of 2.5 million doses arrived.",
     "arrived", "2025-02-28"),
    ("date 2024-09-12 The ferry service resumed on Monday, two days after the first of 14 new boats docked.",
     "docked", "2024-09-07"),
])
def test_a_distance_counts_from_a_clause_whose_subject_the_parser_took(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


def test_a_report_at_a_clock_time_lends_its_time_to_no_other_speaker() -> None:
    # written for this test (new-user trial AG): the agency's update at a clock time on Friday is one act; the
    # mayor, who spoke after touring the site on Saturday, said her words on the paper's day
    doc = _annotate("date 2025-07-12 Crews pumped water from 300 flooded homes overnight, the fire service said on "
                    "Saturday. The river crested at 4.1 metres, the flood agency said in its update at 9 p.m. on "
                    "Friday. Mayor Ada Brun, who toured the levee on Saturday morning, said the dike had held.")
    said = sorted((e for e in doc.timeline if e.event.text == "said"), key=lambda e: e.event.start)
    assert said[1].time.label == "2025-07-11", said[1].time
    assert said[2].time.label != "2025-07-11", said[2].time
    # "It said" is the agency again, and lends the time no further (new-user trial AI)
    doc = _annotate("date 2025-07-12 The river crested at 4.1 metres, the flood agency said in its update at 9 p.m. "
                    "on Friday. It said the dike at Orne had held. Farmers near Orne said the fields were lost.")
    said = sorted((e for e in doc.timeline if e.event.text == "said"), key=lambda e: e.event.start)
    assert said[1].time.label == "2025-07-11", said[1].time
    assert said[2].time.label != "2025-07-11", said[2].time


def test_a_present_tense_headline_tells_the_leads_first_event() -> None:
    doc = _annotate("date 2025-03-12 Mayor Ilse Varga resigns amid housing probe\n\n"
                    "Mayor Ilse Varga stepped down on Monday, days after auditors flagged irregularities.\n")
    assert _entry(doc, "resigns").time.label == "2025-03-10"
    # a headline in the future tells what is ahead, not the lead's event
    doc = _annotate("date 2025-03-12 Council to pick new mayor\n\n"
                    "Mayor Ilse Varga stepped down on Monday, days after auditors flagged irregularities.\n")
    assert _entry(doc, "pick").time.label != "2025-03-10"


def test_a_headline_verb_the_tagger_took_for_a_base_form_tells_the_lead() -> None:
    # "Holtz and Renwick clash over bridge": a plural's present tagged as a base form (new-user trial AV); not the
    # infinitive of a headline's future ("Council to pick new mayor"); texts written for this test
    from newsline._model import Event
    from newsline.events._headline import headline_mates

    for headline, mate in (("Marr and Oduya clash over tolls", {"h": "l"}), ("Council to clash over tolls", {})):
        text = f"{headline}\n\nMayor Ilse Marr and Dan Oduya traded barbs over tolls on Monday.\n"
        verb = headline.index("clash")
        lead = text.index("traded")
        events = [Event("h", verb, verb + 5, "clash", lemma="clash", tense="NONE", sentence=(0, len(headline)),
                        participants=("Marr",)),
                  Event("l", lead, lead + 6, "traded", lemma="trade", tense="PAST", sentence=(len(headline) + 2,
                        len(text)), participants=("Ilse Marr",))]
        assert headline_mates(text, events) == mate


@pytest.mark.parametrize(("text", "word", "label"), [
    # the object event of a light verb takes the verb's date
    ("date 2024-06-03 The two unions held talks on Friday.", "talks", "2024-05-31"),
    ("date 2024-06-03 Mayor Ruth Kessler faces a recall vote in September.", "vote", "after2024-09-01before2024-09-28"),
])
def test_the_object_event_of_a_light_verb_takes_its_date(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


def test_an_event_moved_since_it_was_set_is_at_its_new_date() -> None:
    # written for this test (new-user trial AH had the sentencing on the date it was moved from)
    doc = _annotate("date 2024-09-20 The hearing, originally set for Nov. 4, was pushed to Dec. 2 on Thursday.")
    assert _entry(doc, "hearing").time.label == "2024-12-02"


@pytest.mark.parametrize(("text", "word", "label"), [
    # written for this test (new-user trial AF): a vote with its tally is the deciding told just before it, and what
    # the vote "came" after counts back from it
    ("date 2024-05-08 The Dunmore school board on Tuesday approved a new bus contract. The 5-2 vote came three "
     "months after parents first asked for more routes.", "asked", "after2024-02-01before2024-02-28"),
    ("date 2024-05-08 The Dunmore school board on Tuesday approved a new bus contract. The 5-2 vote came three "
     "months after parents first asked for more routes.", "came", "2024-05-07"),
])
def test_a_tallied_vote_is_the_deciding_told_before_it(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


@pytest.mark.parametrize(("text", "word", "label"), [
    # "the day before <event>": the event's day less one; the noun is the verb's event ("the verdict" is the
    # finding guilty, "the wedding" the marrying)
    ("date 2023-05-10 A jury in Tulsa acquitted the pharmacist Ana Ruiz on Monday. The day before the verdict, "
     "Ruiz had told reporters she was calm.", "told", "2023-05-07"),
    ("date 2023-05-10 The actor Theo Lane married the chef Mia Ortiz on Saturday. The week after the wedding, "
     "the couple flew to Lisbon.", "flew", "2023-05-13"),
    # written for this test (new-user trial AE): the vote a decision was made by is the deciding
    ("date 2024-10-14 The county board approved the new jail budget on Wednesday by a single vote. The day before "
     "the vote, Supervisor Lena Cho had called for a delay.", "called", "2024-10-08"),
    ("date 2024-10-14 Lawmakers passed the water bill on Thursday by a vote of 61 to 38. The week after the "
     "vote, the governor vetoed it.", "vetoed", "2024-10-17"),
    # a hearing is told by testifying or telling a committee (new-user trial AJ)
    ("date 2025-05-08 The bank's chairman Ole Brun told a parliamentary committee on Tuesday that the losses were "
     "hidden. The day before the hearing, the bank fired two traders.", "fired", "2025-05-05"),
])
def test_the_day_before_an_event_noun_told_by_another_verb(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


@pytest.mark.parametrize(("text", "word", "label"), [
    # written for this test (new-user trial AA): a day from an event known only to its month is some day of that
    # month moved by the day, not the month before
    ("date 2024-01-09 The club sacked its coach in December. The day before the sacking, the chairman Ivo Pahl "
     "had praised him.", "praised", "after2023-11-30before2023-12-30"),
    ("date 2024-01-09 Orla Finn, who resigned the week after her March arrest, spoke on Monday.", "resigned",
     "after2023-03-08before2023-04-07"),
])
def test_a_day_from_an_event_known_to_its_month_is_bounded_by_it(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


@pytest.mark.parametrize(("text", "word", "bad"), [
    # written for this test (new-user trial AF): what an "as" clause says was asked or foreseen is at another time
    ("date 2024-03-06 The board also adopted a new budget, as the state auditor ordered last week.", "adopted",
     "2024-W09"),
    ("date 2024-03-06 The airline cut 40 flights on the route, as analysts predicted in January.", "cut", "2024-01"),
])
def test_an_as_clause_of_what_was_asked_does_not_date_the_main_event(text: str, word: str, bad: str) -> None:
    assert _entry(_annotate(text), word).time.value != bad


def test_what_happens_as_another_thing_happens_shares_its_day() -> None:
    doc = _annotate("date 2024-03-06 Fans cheered outside the stadium as the team arrived on Sunday.")
    assert _entry(doc, "cheered").time.label == "2024-03-03"
    # a past verb the tagger took for a participle ("passed" VBN with its subject): still a past event to share a
    # day with (new-user trial AI; written for this test)
    doc = _annotate("date 2024-06-12 Crowds lined the streets of Granada as the premier's motorcade passed on "
                    "Saturday, waving flags and cheering.")
    assert _entry(doc, "lined").time.label == "2024-06-08"


@pytest.mark.parametrize(("text", "word"), [
    # a date after "since" that measures a record says nothing of when the event is
    ("date 2024-08-23 It was the heaviest snowfall in the valley since 1962, forecasters said.", "snowfall"),
    ("date 2024-08-23 Critics called the merger the largest deal since the 1990s.", "deal"),
    ("date 2024-08-23 Orlov won his first title since 2015 on Sunday.", "won"),
])
def test_a_record_since_a_date_is_not_at_that_date(text: str, word: str) -> None:
    label = _entry(_annotate(text), word).time.label or ""
    assert "1962" not in label and "199" not in label and "2015" not in label, label


def test_a_date_hung_on_a_preposition_is_the_verbs_day() -> None:
    """The parser hangs "early Friday" on "from" ("pulled a family of five from a collapsed school early
    Friday"): the date is the pulling's day, not where something began."""
    doc = _annotate("date 2024-06-05 Soldiers pulled a family of five from a collapsed school early Friday.")
    assert _entry(doc, "pulled").time.label == "2024-05-31"


def test_days_after_an_event_of_a_season_is_after_its_start() -> None:
    doc = _annotate("date 2024-03-14 Weeks after inspectors found cracks in the dam last autumn, the engineer Ada Lind "
                    "resigned.")
    assert _entry(doc, "resigned").time.label == "after2023-09-01"


@pytest.mark.parametrize(("text", "said", "other", "other_label"), [
    # the day right after a reporting verb is the saying's, even when the parser hangs it on what is reported
    ("date 2025-02-06 The brewer Halden Ales said on Wednesday it would close two taprooms.", "said", "close",
     "after2025-02-06"),
    ("date 2025-02-06 The ministry said Tuesday that inflation had slowed.", "said", None, None),
    # and with no "that", the reported clause's subject a noun phrase (new-user trial AJ; written for this test)
    ("date 2025-09-19 Halden Ales chief executive Ida Moen said on Thursday the brewer accepted the fine.", "said",
     None, None),
])
def test_a_day_right_after_a_report_is_the_reports(text: str, said: str, other: str | None,
                                                   other_label: str | None) -> None:
    doc = _annotate(text)
    assert _entry(doc, said).time.basis == "timex"
    if other is not None:
        assert _entry(doc, other).time.label == other_label


def test_an_object_pronoun_is_not_its_clauses_subject() -> None:
    doc = _annotate("date 2024-03-14 A jury convicted the nurse Lena Brandt on Tuesday. Judge Oskar Wiik will "
                    "sentence her in May.")
    assert _entry(doc, "sentence").event.title == "Wiik will sentence her"


@pytest.mark.parametrize(("text", "verb", "title"), [
    # his object says who he is: "she" is someone else (new-user trial AU had "Vake came"; written for this test)
    ("date 2025-06-20 Police said Tarquin Oddby, 41, pushed his neighbour on Monday when she asked him to "
     "turn down the music.", "asked", "She asked Oddby to turn down the music"),
    ("date 2025-06-20 Officers said Rowan Eke kicked her landlord on Monday after he refused to fix the boiler.",
     "refused", "He refused to fix the boiler"),
    # and her object, "she" is her
    ("date 2025-06-20 Police said Rowan Eke kicked her landlord on Monday after she lost the lawsuit.", "lost",
     "Eke lost the lawsuit"),
])
def test_a_persons_possessive_says_their_sex(text: str, verb: str, title: str) -> None:
    assert _entry(_annotate(text), verb).event.title == title


def test_an_event_before_a_day_sorts_before_that_days_events() -> None:
    """"before 23 Aug" (the interval ends where 24 Aug begins) comes before 23 Aug's events, not after them."""
    from newsline._model import Event, EventTime, TimelineEntry
    from newsline.events._placement import _sort_key

    def entry(at: int, start: str | None, end: str | None) -> TimelineEntry:
        return TimelineEntry(Event(f"e{at}", at, at + 1, "x"), EventTime(None, start, end, None, "model"))

    before = entry(9, None, "2024-08-24T00:00:00")
    on_the_day = entry(1, "2024-08-23T00:00:00", "2024-08-24T00:00:00")
    the_day_before = entry(5, "2024-08-22T00:00:00", "2024-08-23T00:00:00")
    ordered = sorted([on_the_day, before, the_day_before], key=_sort_key)
    assert ordered == [the_day_before, before, on_the_day]


def test_a_new_date_is_the_rescheduled_events_not_the_rescheduling() -> None:
    doc = _annotate("date 2026-03-04 The council moved the budget vote to Friday after a long debate.")
    assert _when(doc, "vote") == "2026-03-06"
    assert _when(doc, "moved") != "2026-03-06"
    assert _entry(doc, "moved").time.start < "2026-03-05"  # before the publication day is over


def test_a_compared_figures_date_does_not_date_the_result() -> None:
    # written for this test (new-user trial O: "rose ... from $1.07 billion in the same quarter a year earlier")
    doc = _annotate("date 2025-02-05 Orland Foods said sales fell to $3 million from $4 million in 2023.")
    assert _when(doc, "fell") != "2023"


@pytest.mark.parametrize(("text", "word", "not_label"), [
    # written for this test: the period a result is compared with is the compared amount's, not the result's
    ("date 2025-07-30 Operating profit fell to $88 million from $97 million in the same period a year earlier.",
     "fell", "after2024-04-01before2024-06-30"),
    ("date 2025-10-29 Sales climbed 7 percent to $1.2 billion, compared with $1.1 billion in the second quarter.",
     "climbed", "after2025-04-01before2025-06-30"),
])
def test_a_compared_period_does_not_date_the_result(text: str, word: str, not_label: str) -> None:
    label = _entry(_annotate(text), word).time.label
    assert label != not_label and "2024" not in (label or "")


@pytest.mark.parametrize(("text", "word", "label"), [
    # written for this test: an event noun right before "on <day>" is on that day, as the verb is
    ("date 2025-11-17 Opposition leader Ana Ruiz claimed victory in the presidential election on Sunday.",
     "election", "2025-11-16"),
    ("date 2025-11-17 The mayor spoke at the opening ceremony on Friday.", "ceremony", "2025-11-14"),
])
def test_an_event_noun_before_its_day_is_on_it(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


def test_another_event_of_the_same_kind_keeps_its_own_date() -> None:
    # written for this test: "a separate trial" is not the trial named before
    doc = _annotate("date 2024-12-10 The corruption trial of former mayor Ruth Kane opened on Oct. 21 in Leeds. Her "
                    "deputy, who has been under investigation since 2023, faces a separate trial in the spring.")
    first, second = sorted((e for e in doc.timeline if e.event.text == "trial"), key=lambda e: e.event.start)
    assert first.time.label != second.time.label
    assert "2025" not in (first.time.label or "")


@pytest.mark.parametrize(("text", "word", "label"), [
    # written for this test: midnight after "before" or a weekday is the end of that day, on that day
    ("date 2025-11-17 Counting ended on Sunday and the results came shortly before midnight.", "came",
     "2025-11-16"),
    ("date 2025-11-17 The offer to shareholders expires at midnight Friday.", "expires", "2025-11-21"),
])
def test_an_event_at_the_end_of_a_day_is_on_that_day(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


def test_the_day_before_a_clause_without_an_event_verb_counts_from_its_events() -> None:
    # written for this test: "was due" opens the clause; "due" is the event a day after the resignation
    doc = _annotate("date 2025-11-03 The minister resigned on Monday, the day before she was due to testify.")
    assert _entry(doc, "due").time.label == "2025-11-04"


def test_a_mention_that_says_which_one_is_not_the_other_mention() -> None:
    """"the previous election in 2022 ... the election": two elections (new-user trial R had the second in
    2022); so "Kane's first appeal" and "his appeal"."""
    doc = _annotate("date 2026-11-04 Turnout was higher than in the previous election in 2022. Voters said the "
                    "election was calm.")
    assert _when(doc, "election", 0) == "2022"
    assert _when(doc, "election", 1) != "2022"


def test_within_a_distance_from_now_bounds_the_event() -> None:
    """"must appear before the judge within 30 days": after the publication day and no later than 30 days after
    it (new-user trial R had only the lower bound); "within a week of his capture" counts from the capture."""
    doc = _annotate("date 2026-02-12 The mayor must repay the money within 30 days.")
    t = _entry(doc, "repay").time
    assert t.start == "2026-02-13T00:00:00" and t.end == "2026-03-15T00:00:00", t


def test_an_event_noun_owned_by_someone_else_is_not_the_verbs_event() -> None:
    # written for this test (new-user trial AA): Marek's trial, set for March 4, is not the trial Ilse Dorn had
    doc = _annotate("date 2025-01-18 Ilse Dorn was tried on Friday in Graz. Prosecutors said Marek's trial, set "
                    "for March 4, would follow.")
    assert _entry(doc, "tried").time.label == "2025-01-17"
    assert _entry(doc, "trial").time.label == "2025-03-04"


def test_an_event_noun_the_verb_may_be_about_still_shares_its_time() -> None:
    # a possessive pronoun may be anyone's: "his sentencing" after "Lindqvist was sentenced" is that sentencing
    doc = _annotate("date 2025-01-18 Ray Lindqvist was sentenced on Friday to four years. His lawyer said his "
                    "sentencing was unfair.")
    assert _entry(doc, "sentencing").time.label == "2025-01-17"


@pytest.mark.parametrize(("text", "word", "label"), [
    # written for this test (new-user trial AB): what a report says happened in a quarter is some time in it
    ("date 2025-10-23 Revenue at Corvane for the quarter ended June 30 fell 4%.", "fell",
     "after2025-04-01before2025-06-30"),
    ("date 2025-10-23 Kestrel Bank said net income for the quarter rose 12%.", "rose",
     "after2025-07-01before2025-09-30"),
])
def test_a_result_for_a_quarter_is_some_time_in_it(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


def test_what_a_report_says_had_been_done_is_done_by_its_day() -> None:
    # written for this test (new-user trial AA): not on the day it was said
    doc = _annotate("date 2023-03-15 Councillor Ada Brun said on Monday that the tender documents had been altered.")
    assert _entry(doc, "altered").time.label == "before2023-03-13"
    # so is what a second "that" clause of the same report says had been done (new-user trial AE)
    doc = _annotate("date 2023-03-15 Inspectors said on Monday that the cables had been replaced and that the deck "
                    "had been resurfaced.")
    assert _entry(doc, "resurfaced").time.label == "before2023-03-13"
    # a simple past told by the report keeps the report's day, as before
    doc = _annotate("date 2023-03-15 Councillor Ada Brun said on Monday that the mayor signed the tender.")
    assert _entry(doc, "signed").time.label != "before2023-03-13"


def test_the_week_before_an_event_is_no_week_of_the_paper() -> None:
    # written for this test (new-user trial AA): "the week before the vote" is not the publication week
    doc = _annotate("date 2023-03-15 Ada Brun said the tender documents were altered the week before the vote.")
    assert not any(t.text == "the week" for t in doc.timexes)


def test_that_day_dates_what_lasted_hours_on_it() -> None:
    # written for this test (new-user trial AA): "that day" with a length of time in the same clause
    doc = _annotate("date 2023-10-02 The inquiry opened on Sept. 11 in Leeds. The engineer Rhys Bell gave evidence "
                    "for three hours that day.")
    assert _entry(doc, "gave").time.label == "2023-09-11"


def test_a_distance_from_an_event_dated_by_its_paragraph_counts_back() -> None:
    # written for this test (new-user trial AD): the opening is five weeks before the verdict, not on its day
    doc = _annotate("date 2024-03-16 A court in Malmo on Friday found the banker Ola Strand guilty of fraud. The "
                    "verdict came five weeks after the trial opened.")
    assert _entry(doc, "opened").time.label == "2024-02-09"


def test_calling_off_an_event_is_not_on_its_day() -> None:
    # written for this test (new-user trial AD): the cancelling is not on the day of the strike it cancels
    doc = _annotate("date 2024-03-22 The dockers' strike planned for March 28 has been called off, the union said.")
    assert "2024-03-28" not in (_entry(doc, "called").time.label or "")
    doc = _annotate("date 2024-03-22 The concert set for April 4 was postponed, organisers said.")
    assert "2024-04-04" not in (_entry(doc, "postponed").time.label or "")


def test_a_disaster_noun_and_all_it_did_share_the_day_it_struck() -> None:
    # written for this test (new-user trial AD): the quake is when it struck, and so is each thing it did
    doc = _annotate("date 2024-03-11 A strong earthquake struck the hill town of Orvan early on Sunday, killing nine "
                    "people and damaging 300 homes, officials said.")
    assert _entry(doc, "earthquake").time.label == "2024-03-10"
    assert _entry(doc, "damaging").time.label == "2024-03-10"


@pytest.mark.parametrize(("text", "word", "label"), [
    # written for this test (new-user trial AB): a result told for a reporting period is some time in it
    ("date 2025-10-23 Kestrel Bank's net income for the three months ended Sept. 30 rose 12%.", "rose",
     "after2025-07-01before2025-09-30"),
    ("date 2025-08-01 Corvane said revenue for the six months ending June 30 fell 2%.", "fell",
     "after2025-01-01before2025-06-30"),
    # but a report on a day is on that day (new-user trial AT had the reporting some time in the quarter)
    ("date 2025-08-01 Lindqvist Steel reported on Thursday a profit of $80 million in the three months to June.",
     "reported", "2025-07-31"),
])
def test_a_result_for_a_reporting_period_is_some_time_in_it(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


def test_the_news_that_came_is_the_lead_s_and_on_its_day() -> None:
    # written for this test (new-user trial AT): "The announcement came a week after ..." is the lead's news, on the
    # lead's day, and what it came after is a week before that
    doc = _annotate("date 2026-05-14 Brannock Airlines said on Tuesday it would close its Leeds base.\n\n"
                    "The announcement came a week after the airline lost its contract with the city.")
    assert _entry(doc, "came").time.label == "2026-05-12"
    assert _entry(doc, "lost").time.label == "2026-05-05"


def test_the_time_compared_with_dates_nothing() -> None:
    # written for this test (new-user trial AT had "Compared with the previous quarter, ... profit fell 22%" in
    # that quarter): the fall is the report's news, the quarter what it is measured against
    doc = _annotate("date 2026-01-28 Compared with the third quarter, revenue fell 8%, the bank said on Tuesday.")
    assert _entry(doc, "fell").time.label == "2026-01-27"


def test_a_noun_also_seen_as_a_verb_is_still_the_event_of_its_verb() -> None:
    # written for this test (new-user trial AE): "the closure" is the closing; a distance from it counts from it
    doc = _annotate("date 2025-11-05 Engineers closed the Ross viaduct on Tuesday. Ten days before the closure, a "
                    "tanker hit the barrier.")
    assert _entry(doc, "closure").time.label == "2025-11-04"
    assert _entry(doc, "hit").time.label == "2025-10-25"


def test_an_incident_noun_is_the_incident_the_verbs_tell() -> None:
    """ "the accident" is the bus that plunged off the road on Tuesday: "the day before the accident" counts from
    Tuesday (trial AP had "the day before the crash" on the publication day); an attempt that failed is no blast."""
    doc = _annotate("date 2024-08-15 A bus carrying 41 pilgrims plunged into a gorge near Shimla on Tuesday, killing "
                    "nine. The day before the accident, the driver had complained to the depot about worn brakes.")
    assert _entry(doc, "accident").time.label == "2024-08-13"
    assert _entry(doc, "complained").time.label == "2024-08-12"
    doc = _annotate("date 2024-08-15 Two car bombs exploded outside the port offices in Aden on Monday. A third "
                    "bomber failed to blow himself up at a checkpoint on Wednesday. Investigators said the blasts "
                    "had been planned for weeks.")
    assert _entry(doc, "blasts").time.label != "2024-08-14"


def test_a_period_before_an_event_is_no_distance_to_it() -> None:
    """ "logged 37 faults in the six months before the derailment": some time in those months, so the derailment
    is not six months after the logging's day (trial AP had a crash 18 months after the publication day)."""
    doc = _annotate("date 2024-03-08 Harlow Rail logged 37 signal faults in the six months before the derailment at "
                    "Kestrel Junction, an inspector told the inquiry on Thursday.")
    assert "2024-09" not in (_entry(doc, "derailment").time.label or "")


def test_an_event_counted_from_another_takes_no_date_from_a_conjoined_verb() -> None:
    """ "was repaired on Feb. 12 and failed again the day before the derailment": the failing is not on Feb. 12,
    nor the derailment a day later (trial AP); a report's day still dates such an event (new-user trial Q)."""
    doc = _annotate("date 2024-03-08 The signal was repaired on Feb. 12 and failed again the day before the "
                    "derailment.")
    assert _entry(doc, "failed").time.label != "2024-02-12"
    assert _entry(doc, "derailment").time.label != "2024-02-13"
    doc = _annotate("date 2024-08-22 Crews have contained the Ridge fire, eight days after it broke out near Ojai, "
                    "fire officials said on Tuesday.")
    assert _entry(doc, "broke").time.basis == "event-relative"


def test_a_relative_clause_the_parser_hung_on_the_main_verb_tells_of_its_noun() -> None:
    """ "three weeks after the accident in Bangor, Me., that killed two pilots": the killing is the accident's, on its
    day and with it as subject, though the parser made the clause one of "put" (trial AP)."""
    doc = _annotate("date 2025-09-29 Coastline Air put its turboprops back into service on Friday, three weeks after "
                    "the accident in Bangor, Me., that killed two pilots.")
    killed = _entry(doc, "killed")
    assert killed.time.label == _entry(doc, "accident").time.label == "2025-09-05"
    assert killed.event.title.startswith("The accident killed")


def test_a_distance_of_a_clause_with_no_event_is_not_the_reports() -> None:
    """ 'said on Tuesday that the club was "a calmer place" than it was two weeks after the riot': the two weeks are
    of the club's state, so the riot is not two weeks before the saying (trial AP had the accident so)."""
    doc = _annotate('date 2025-06-13 The new chief, Ola Brandt, said on Tuesday that the club was "a calmer place" '
                    "than it was two weeks after the riot.")
    assert _entry(doc, "riot").time.label != "2025-05-27"


def test_a_relative_clause_on_the_place_of_an_event_tells_of_the_event() -> None:
    """ "Nine days after the fire near Ashby, Mass., which gutted 12 homes": the gutting is the fire's, on its day and
    with it as subject (trial AQ had "Marlow destroyed 45 homes" on the main clause's day); a clause on a country
    that acts ("trouble with Iran, which had condemned ...") stays the country's."""
    doc = _annotate("date 2025-03-14 Nine days after the fire near Ashby, Mass., which gutted 12 homes, the governor "
                    "toured the site on Monday.")
    gutted = _entry(doc, "gutted")
    assert gutted.time.label == _entry(doc, "fire").time.label == "2025-03-01"
    assert gutted.event.title.startswith("The fire gutted")


@pytest.mark.parametrize(("text", "label"), [
    # a plan ahead is not the election told before it (new-user trial AV had it at that election; written for
    # this test), nor is a previous one
    ("date 2025-03-04 The election on Sunday left no party with a majority. Councillor Ines Marr is expected to "
     "be elected speaker before Easter.", "after2025-03-04before2025-04-19"),
    ("date 2025-03-04 Turnout was lower than at the previous election. Councillor Ines Marr is expected to be "
     "elected speaker before Easter.", "after2025-03-04before2025-04-19"),
])
def test_a_plan_before_a_day_is_between_the_publication_day_and_the_day_before(text: str, label: str) -> None:
    assert _entry(_annotate(text), "elected").time.label == label


@pytest.mark.parametrize(("prep", "label"), [
    ("before", "after2025-03-04before2025-06-02"),  # bounds are inclusive days: "before June 3" is by 2 June
    ("by", "after2025-03-04before2025-06-03"),
    ("before the end of", "after2025-03-04before2025-06-30"),  # "the end of June" reaches its last day
])
def test_before_a_day_ends_the_day_before_it(prep: str, label: str) -> None:
    day = "June" if prep.endswith("of") else "June 3"
    doc = _annotate(f"date 2025-03-04 The port authority said the crane would be repaired {prep} {day}.")
    assert _entry(doc, "repaired").time.label == label


def test_a_records_baseline_is_no_time_of_the_next_sentence() -> None:
    # "the largest such package since 1987. People have waited seven days" (new-user trial AV had the waiting since
    # 1987); written for this test
    doc = _annotate("date 2025-11-18 The council on Monday approved the largest aid package since 1987. Residents "
                    "have waited nine days for help.")
    assert "1987" not in (_entry(doc, "waited").time.label or "")


@pytest.mark.parametrize(("text", "word", "label"), [
    # new-user trial AV had the promise on the publication day; written for this test
    ("date 2025-09-30 The mayor had pledged a new library before the election in 2021, her rival said.", "pledged",
     "before2021-12-31"),
    ("date 2025-09-30 The firm hired 200 workers before the merger in March.", "hired", "before2025-03-31"),
    # not within the period of what it is before or after, though the parser hangs the period on the verb
    # (re-check trial AW)
    ("date 2025-05-09 The striker had signed for the club before the relegation in 2019.", "signed",
     "before2019-12-31"),
])
def test_an_event_before_a_dated_event_is_before_it(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


def test_an_event_after_a_happening_in_a_month_is_not_in_that_month() -> None:
    doc = _annotate("date 2025-05-09 The bakery on Mill Lane reopened after the floods in February.")
    assert not (_entry(doc, "reopened").time.label or "").endswith("before2025-02-28")


def test_what_one_learns_of_was_before_the_learning() -> None:
    # new-user trial AT had the death on the day it was learned of; written for this test
    doc = _annotate("date 2025-05-06 The warehouse exploded on March 3. The owner said he heard of the explosion the "
                    "next morning, when a neighbour phoned him.")
    assert _entry(doc, "heard").time.label == "2025-03-04"
    assert _entry(doc, "explosion").time.label in ("2025-03-03", "before2025-03-03")


def test_a_name_that_qualifies_a_noun_is_no_pronouns_person() -> None:
    # "the Denholm orchestra" (re-check trial AW titled "She now leads ..." "Denholm leads ..."); written for this test
    doc = _annotate("date 2025-03-30 The lawyer Ines Roth took on the Becker case in May. She now expects a ruling in "
                    "June.")
    assert _entry(doc, "expects").event.title.startswith(("Roth expects", "She expects"))


def test_a_subject_of_two_nouns_keeps_both() -> None:
    # re-check trial AW had "Nurses walked out"; written for this test
    doc = _annotate("date 2025-06-11 Midwives and junior nurses at Elmside Infirmary walked out on Monday in a row "
                    "over pay.")
    assert _entry(doc, "walked").event.title.startswith("Midwives and junior nurses walked out")


@pytest.mark.parametrize(("text", "word", "label"), [
    # some time in a weekend or a night, not a span of it (trial AX had these on the publication day); written for
    # this test
    ("date 2025-07-21 Two more burst pipes were found over the weekend, the water board said.", "found",
     "after2025-07-19before2025-07-20"),
    ("date 2025-06-27 Volunteers will clear the beach over the weekend.", "clear", "after2025-06-28before2025-06-29"),
])
def test_over_the_weekend_is_some_time_in_it(text: str, word: str, label: str) -> None:
    assert _entry(_annotate(text), word).time.label == label


def test_what_a_dated_event_led_to_is_then() -> None:
    # trial AX had the closure begin after the publication day; written for this test
    doc = _annotate("date 2025-06-11 The landslide on May 2 led to the closure of the mountain road.")
    assert _entry(doc, "closure").time.label == "2025-05-02"
