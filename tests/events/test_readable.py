"""What people read of an event: its title (events/_phrases.py), its date in words (_when_text.py) and
its salience (events/_salience.py)."""

from __future__ import annotations

import pytest

from newsline._model import EventTime
from newsline._when_text import label_text, when_text, words


@pytest.mark.parametrize(("fields", "expected"), [
    (("2020-10-14", "2020-10-14T00:00:00", "2020-10-15T00:00:00", "day", "timex"), "Wed 14 Oct 2020"),
    (("2020-10", "2020-10-01T00:00:00", "2020-11-01T00:00:00", "month", "timex"), "Oct 2020"),
    (("2019-FA", "2019-09-01T00:00:00", "2019-12-01T00:00:00", "season", "timex"), "autumn 2019"),
    (("2022-06-13TNI", "2022-06-13T22:00:00", "2022-06-14T06:00:00", "part-of-day", "timex"),
     "Monday night, 13 Jun 2022"),
    (("2022-06-14TMO", "2022-06-14T06:00:00", "2022-06-14T12:00:00", "part-of-day", "timex"),
     "Tuesday morning, 14 Jun 2022"),
    (("2022-06-13T14:30", "2022-06-13T14:30:00", "2022-06-13T14:31:00", "minute", "timex"),
     "Mon 13 Jun 2022, 14:30"),
    # a clock time keeps its zone (new-user trial N: "10 a.m. ET" read "10:00" with no zone)
    (("2025-12-10T10:00-05", "2025-12-10T15:00:00", "2025-12-10T15:01:00", "minute", "timex"),
     "Wed 10 Dec 2025, 10:00 UTC-5"),
    (("2026-03-25T09:30Z", "2026-03-25T09:30:00", "2026-03-25T09:31:00", "minute", "timex"),
     "Wed 25 Mar 2026, 09:30 UTC"),
    (("2026-03-25T09:30+05:30", "2026-03-25T04:00:00", "2026-03-25T04:01:00", "minute", "timex"),
     "Wed 25 Mar 2026, 09:30 UTC+5:30"),
    (("PAST_REF", None, "2019-03-04T00:00:00", None, "dct-tense"), "before 4 Mar 2019"),
    (("FUTURE_REF", "2020-10-17T00:00:00", None, None, "dct-tense"), "after 16 Oct 2020"),
    (("ONGOING_REF", "2020-10-16T00:00:00", "2020-10-17T00:00:00", "day", "dct-default"),
     "around 16 Oct 2020 (ongoing)"),
    (("PRESENT_REF", "2020-10-16T00:00:00", "2020-10-17T00:00:00", "day", "dct-tense"), "Fri 16 Oct 2020"),
    ((None, "2016-01-01T00:00:00", "2023-10-01T00:00:00", None, "timex"), "Jan 2016 to Sep 2023"),
    ((None, "2016-01-01T00:00:00", None, None, "timex"), "since 2016"),
    (("2021-Q3", "2021-07-01T00:00:00", "2021-10-01T00:00:00", "quarter", "timex"), "Q3 2021"),
    (("2021-H1", "2021-01-01T00:00:00", "2021-07-01T00:00:00", "half", "timex"), "first half of 2021"),
    (("2020-W42", "2020-10-12T00:00:00", "2020-10-19T00:00:00", "week", "timex"), "week of 12 Oct 2020"),
    (("201", "2010-01-01T00:00:00", "2020-01-01T00:00:00", "decade", "timex"), "the 2010s"),
    (("2013", "2013-01-01T00:00:00", "2014-01-01T00:00:00", "year", "timex"), "2013"),
    ((None, None, None, None, "unknown"), "undated"),
])
def test_when_text(fields: tuple[str | None, str | None, str | None, str | None, str], expected: str) -> None:
    assert when_text(*fields) == expected
    assert EventTime(*fields).when_text == expected  # the property and the JSON say the same


@pytest.mark.parametrize(("label", "expected"), [
    ("2024-01-17", "Wed 17 Jan 2024"),
    ("before2024-01-17", "before 17 Jan 2024"),
    ("after2024-01-17", "after 17 Jan 2024"),
    ("after2023-03-01before2023-03-28", "Mar 2023"),  # a month as the annotators close it
    ("after1996-01-01before1996-12-31", "1996"),
    ("after1997-09-23before1997-12-21", "autumn 1997"),
    ("after2023-12-22before2024-03-19", "winter 2023"),
    ("after2021-07-01before2021-09-30", "Q3 2021"),
    ("after2020-10-11before2020-10-17", "week of 12 Oct 2020"),  # Sunday to Saturday
    ("before2023-03-01", "before Mar 2023"),
    ("after2022-12-31", "after 2022"),
    ("after2023-03-01before2024-01-17", "between Mar 2023 and 17 Jan 2024"),
    ("beginPoint=before2024-01-17endPoint=after2024-01-17", "around 17 Jan 2024 (ongoing)"),
    ("beginPoint=before2024-01-17endPoint=before2024-01-17", "before 17 Jan 2024"),
    ("beginPoint=after2024-01-17endPoint=after2024-01-17", "after 17 Jan 2024"),
    ("beginPoint=before2024-01-17endPoint=2024-01-17", "until 17 Jan 2024"),
    ("beginPoint=after2023-03-01before2023-03-28endPoint=after2024-01-17", "since Mar 2023 (ongoing)"),
    ("beginPoint=before2022-01-01endPoint=after2024-01-17", "since before 2022 (ongoing)"),
    ("beginPoint=after2023-03-01before2023-03-28endPoint=after2023-03-31", "from Mar 2023"),
    ("beginPoint=after2016-01-01before2016-01-28endPoint=2025-02-10", "Jan 2016 to 10 Feb 2025"),
    ("beginPoint=2024-01-12endPoint=2024-01-12", "Fri 12 Jan 2024"),
    ("beginPoint=xxxx-xx-xxendPoint=xxxx-xx-xx", "undated"),
    (None, "undated"),
    # a bound that closes a period holding the other bound is written as its day
    ("after2025-06-10before2025-12-31", "between 10 Jun 2025 and 31 Dec 2025"),
    ("after2025-03-01before2025-03-20", "between 1 Mar 2025 and 20 Mar 2025"),
    ("after2020-01-01before2021-12-31", "between 2020 and 2021"),
    # begun after a day, over by a time: "will take until November"
    ("beginPoint=after2025-06-10endPoint=after2025-06-10before2025-11-30", "after 10 Jun 2025, until Nov 2025"),
    # an end in the month the start is in is a day, not that month (new-user trial AG: "until Feb 2025")
    ("beginPoint=after2025-02-26endPoint=after2025-02-26before2025-02-28", "after 26 Feb 2025, until 28 Feb 2025"),
    # going on now, over by a time: "is filming until late October" (new-user trial T read "until between 15 Aug
    # 2023 and Oct 2023")
    ("beginPoint=before2023-08-15endPoint=after2023-08-15before2023-10-31", "until Oct 2023"),
])
def test_label_text(label: str | None, expected: str) -> None:
    assert label_text(label) == expected


def test_model_times_read_from_their_label() -> None:
    """The anchoring model's "ongoing" has no bound in its interval; its label says what it is (it read
    "undated"), and an open bound reads as the label has it (its interval holds inclusive days)."""
    ongoing = EventTime("ONGOING_REF", None, None, None, "model", (), 0.5,
                        ("before2024-01-17", "after2024-01-17"))
    assert ongoing.when_text == "around 17 Jan 2024 (ongoing)"
    later = EventTime("FUTURE_REF", "2024-01-17T00:00:00", None, None, "model", (), 0.5,
                      ("after2024-01-17", "after2024-01-17"))
    assert later.when_text == "after 17 Jan 2024"
    before_march = EventTime(None, None, "2023-03-02T00:00:00", None, "model", (), 0.5)
    assert before_march.label == "before2023-03-01" and before_march.when_text == "before Mar 2023"


def test_the_words_are_data() -> None:
    data = words()
    assert data["months"][9] == "Oct" and data["seasons"]["FA"] == "autumn" and data["parts_of_day"]["NI"] == "night"


# ---------------------------------------------------------------- titles and salience (need spaCy)

CELEBRITY = ("date 2020-10-16 Two weeks after the couple announced on Instagram that they had lost the baby on "
             "Sept. 30, John Legend dedicated a song to Chrissy Teigen at the awards on Wednesday, Oct. 14. "
             "Hours later, he wrote a message. \"We promised each other this on our wedding day seven years ago,\" "
             "he wrote.")


@pytest.fixture(scope="module")
def annotated():  # type: ignore[no-untyped-def]
    pytest.importorskip("spacy")
    from newsline.events._annotate import annotate

    def run(text: str):  # type: ignore[no-untyped-def]
        return annotate(text)
    return run


def _titles(doc) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {e.event.text: e.event.title for e in doc.timeline}


def test_titles_are_phrases(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated(CELEBRITY)
    titles = _titles(doc)
    # spaCy's small model does not always call "Chrissy Teigen" a PERSON: then her name stays in full
    assert titles["dedicated"] in ("Legend dedicated a song to Teigen at the awards",
                                   "Legend dedicated a song to Chrissy Teigen at the awards")
    assert all(len(e.event.title.split()) <= 16 for e in doc.timeline)
    step = annotated("date 2023-09-12 Alicia Novak will step down as chief executive at the end of the month.")
    assert _titles(step)["step"] == "Novak will step down as chief executive"
    neg = annotated("date 2023-09-12 The council did not approve the budget on Monday.")
    assert _titles(neg)["approve"] == "The council did not approve the budget"


@pytest.mark.parametrize(("text", "word", "title"), [
    # the words between kept ones stay: leaving "but" out says the opposite
    ("date 2022-09-30 Power has been restored to all but 3,000 homes.", "restored",
     "Power has been restored to all but 3,000 homes"),
    ("date 2022-09-30 Rovers beat Castleford on Saturday with a 2-0 win.", "beat",
     "Rovers beat Castleford with a 2-0 win"),
    ("date 2022-09-30 The Minneapolis-based company opened a plant on Monday.", "opened",
     "The Minneapolis-based company opened a plant"),
    # a hyphenated word is whole, and a passive parsed as be + acomp keeps its "was"
    ("date 2021-11-20 She was re-elected four times and led the city until 1995.", "re-elected",
     "She was re-elected"),
    ("date 2021-11-20 The co-pilot was questioned on Monday.", "questioned", "The co-pilot was questioned"),
    # an adjective keeps its degree words, not its prepositional phrase
    ("date 2021-11-20 The chairman was happy with the deal.", "happy", "The chairman was happy"),
    # a relative clause and an apposition stay out
    ("date 2022-09-30 The mayor, who was elected in May, opened the bridge, a steel arch, on Monday.", "opened",
     "The mayor opened the bridge"),
    # a score is one word; a year says which edition of a named event
    ("date 2025-05-12 Harbour City beat Kingsbridge 2-1 on Saturday.", "beat", "Harbour City beat Kingsbridge 2-1"),
    ("date 2025-05-12 Harbour City won 3-0 at home on Sunday.", "won", "Harbour City won 3-0 at home"),
    ("date 2025-05-12 The club will play in the 2026 Champions League next season.", "play",
     "The club will play in the 2026 Champions League"),
    # "whose" is the one the relative clause is about; a purpose clause is its main clause's subject's
    ("date 2025-05-12 Sarah Mitchell, whose side lost the 2022 World Cup final, resigned on Monday.", "lost",
     "Mitchell's side lost the 2022 World Cup final"),
    ("date 2025-05-12 The regulator fined the airline on Friday to deter late refunds.", "deter",
     "The regulator to deter late refunds"),
    # ... but not the patient of a passive, nor a pronoun
    ("date 2025-05-12 Two matches were called off on Friday to stop the spread of the virus.", "stop",
     "To stop the spread of the virus"),
    # what the verb says stays: a verdict's "guilty", "above the law", "forward to", coordinated subjects, a
    # subject the parser split in two (new-user trial I; texts written for this test)
    ("date 2024-10-25 The jury found Dan Moss, 41, guilty of arson on Friday.", "found",
     "The jury found Moss guilty of arson"),
    ("date 2024-10-25 The judge said on Friday that no official is above the law.", "said",
     "The judge said no official is above the law"),
    ("date 2024-10-25 Egypt and Pakistan signed an extradition treaty on Monday.", "signed",
     "Egypt and Pakistan signed an extradition treaty"),
    ("date 2024-10-25 A magnitude 6.8 earthquake struck northern Calvera late on Wednesday.", "struck",
     "A magnitude 6.8 earthquake struck Calvera"),
    ("date 2024-10-25 Anna Smith, Tom Jones and Lee Park resigned on Monday.", "resigned",
     "Smith, Jones and Park resigned"),
    # what changes the claim stays (new-user trial L; texts written for this test): a counted span the verb
    # takes as its object, a manner adverb after the verb, the second number of a range, a gerund after "of"
    ("date 2025-11-12 The dock strike lasted six weeks.", "lasted", "The dock strike lasted six weeks"),
    ("date 2025-11-12 The factory closed two weeks ago.", "closed", "The factory closed"),
    ("date 2025-11-12 Copper prices rose sharply on Monday.", "rose", "Copper prices rose sharply"),
    ("date 2025-11-12 The insurer cut its forecast to between 3 and 5 percent on Tuesday.", "cut",
     "The insurer cut its forecast to between 3 and 5 percent"),
    ("date 2025-11-12 The agency has logged 52 complaints of flickering since May.", "logged",
     "The agency has logged 52 complaints of flickering"),
    ("date 2025-11-12 Dunmore Rovers signed the goalkeeper Ali Marsh on Monday.", "signed",
     "Dunmore Rovers signed the goalkeeper Marsh"),
    # a question stays one, and "yet" stays (re-check trial AU: "It has to say"; texts written for this test)
    ("date 2025-11-12 The ferry operator has yet to say when the crossing will resume.", "resume",
     "When the crossing will resume, the ferry operator has yet to say"),
    ("date 2025-11-12 The board has yet to decide whether the museum will close.", "decide",
     "The board has yet to decide whether the museum will close"),
])
def test_a_title_keeps_the_words_of_its_phrases(annotated, text: str, word: str,  # type: ignore[no-untyped-def]
                                                  title: str) -> None:
    assert _titles(annotated(text))[word] == title


def test_a_title_stays_in_its_paragraph(annotated) -> None:  # type: ignore[no-untyped-def]
    """A headline the parser runs on into the dateline below it ends at the paragraph break."""
    doc = annotated("date 2022-09-30\nStorm Hester: four days that flooded the Marlow Coast\n\n"
                    "PORT ELLERY, Sept. 30 - The storm first showed on forecasters' maps on Sept. 24.")
    titles = [e.event.title for e in doc.timeline]
    assert titles and all("\n" not in t and "PORT ELLERY" not in t for t in titles), titles


def test_a_noun_modifier_is_the_phrase_it_modifies(annotated) -> None:  # type: ignore[no-untyped-def]
    # "wedding" in "her wedding party" is an event; alone it is no phrase a reader can use
    doc = annotated("date 2021-03-02 The band played at her wedding party last June.")
    assert _titles(doc)["wedding"] == "Her wedding party"


def test_a_pronoun_becomes_the_name(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated("date 2023-09-12 Alicia Novak joined Meridian in 2016. She sold the plant on Monday.")
    assert _titles(doc)["sold"] == "Novak sold the plant"


def test_a_report_attaches_to_what_it_reports(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated('date 2019-10-17 "We lost six weeks this fall," Alicia Novak said. The plant will open in 2021, '
                    "Novak told reporters.")
    by_text = {e.event.text: e.event for e in doc.timeline}
    said, lost = by_text["said"], by_text["lost"]
    assert said.reports == lost.id and lost.attributed_to == said.id
    assert lost.title.startswith("\u201cWe lost") and lost.title.endswith("Novak said")
    told, opened = by_text["told"], by_text["open"]
    assert told.reports == opened.id and opened.title == "The plant will open, Novak told reporters"
    data = doc.to_dict()  # nothing is lost: the report is in the JSON, flagged
    assert any(e["id"] == said.id and e["reports"] == lost.id for e in data["events"])


def test_salience_ranks_the_main_events_first(annotated) -> None:  # type: ignore[no-untyped-def]
    from newsline.events._salience import top

    doc = annotated(CELEBRITY)
    assert all(0.0 <= e.salience <= 1.0 for e in doc.timeline)
    score = {e.event.text: e.salience for e in doc.timeline if not e.event.reports}
    assert score["dedicated"] > score["wedding"]
    reports = [e for e in doc.timeline if e.event.reports]
    assert reports and all(e.salience < score["dedicated"] for e in reports)
    shown = top(doc.timeline, 3, hidden=lambda e: e.event.reports is not None)
    assert len(shown) == 3 and not any(e.event.reports for e in shown)
    assert [doc.timeline.index(e) for e in shown] == sorted(doc.timeline.index(e) for e in shown)  # time order


def test_hypothetical_and_negated_events_score_lower(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated("date 2021-05-01 Meridian opened a plant in Carver Falls on Monday. If costs rise, Meridian "
                    "could close a plant. Meridian did not close the plant.")
    score = {e.event.title: e.salience for e in doc.timeline}
    opened = next(v for k, v in score.items() if "opened" in k)
    assert all(v < opened for k, v in score.items() if "close" in k)


@pytest.mark.parametrize(("text", "word", "expected"), [
    # written for this test (new-user trial V showed "Olsen saw them", from "found no evidence that ...", as fact)
    ("Inspectors found no evidence that the foreman signed the logs.", "signed", True),
    ("Inspectors found evidence that the foreman signed the logs.", "signed", False),
    ("There is no sign that the leak spread.", "spread", True),
    ("The foreman denied that he moved the barrels.", "moved", True),
    ("The foreman admitted that he moved the barrels.", "moved", False),
])
def test_what_a_denial_or_no_evidence_leaves_unsaid_is_not_asserted(text: str, word: str, expected: bool) -> None:
    from conftest import require_spacy_model
    require_spacy_model()
    from newsline.events._nlp import load_nlp, token_table
    from newsline.events._unasserted import unasserted

    doc = load_nlp()(text)
    i = next(t.i for t in doc if t.text == word)
    assert unasserted(token_table(doc), i) is expected


def test_her_is_no_firm_the_recognizer_took_for_a_person(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test (new-user trial V: "who had led Harwick since 2016. Her departure" read "Harwick
    # Chemicals' departure"); the firm is named in full first, then by its short name
    doc = annotated("date 2025-04-04 Linda Marsh resigned as chief executive of Brackley Foods on Thursday. Marsh, "
                    "who had run Brackley since 2016, thanked her staff. Her departure came a week after a recall.")
    titles = _titles(doc)
    assert "Brackley" not in titles["departure"], titles


def test_two_people_of_one_surname_keep_their_first_names(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated("date 2021-11-20 Eleanor Voight died on Thursday at her home. She married Arthur Voight, "
                    "an engineer, in June 1958. Arthur Voight retired in 1990.")
    titles = _titles(doc)
    assert titles["married"] in ("She married Arthur Voight", "Eleanor Voight married Arthur Voight")
    assert titles["retired"] == "Arthur Voight retired"
    one = annotated("date 2021-11-20 Eleanor Voight died on Thursday. Voight retired in 1995.")
    assert _titles(one)["retired"] == "Voight retired"  # one Voight: the surname


def test_a_short_name_is_not_the_name_of_something_else(annotated) -> None:  # type: ignore[no-untyped-def]
    """"Harwick", the city, is not "Harwick Grammar School" because the school's name begins with it."""
    doc = annotated("date 2021-11-20 She taught at Harwick Grammar School in 1960. "
                    "She led the city of Harwick for sixteen years.")
    assert "School" not in _titles(doc)["led"]
    assert doc.events and all(p != "Harwick Grammar School" for e in doc.events if e.text == "led"
                              for p in e.participants)


def test_a_surname_the_recognizer_missed_still_names_the_pronoun(annotated) -> None:  # type: ignore[no-untyped-def]
    """"Tamsin Reyes ... Reyes, 61, has chaired ... She told reporters": "she" is Reyes, and a speaker the
    phrase already names is written "she", not named twice."""
    doc = annotated("date 2024-05-08 Mayor Tamsin Reyes said on Tuesday that she would seek a third term.\n\n"
                    "Reyes, 61, has chaired the port authority since 2015. She told reporters that she would "
                    "open her campaign office in June.")
    titles = _titles(doc)
    assert titles["open"] == "Reyes would open her campaign office, she told reporters"


def test_a_possessive_of_someone_already_named_stays_a_pronoun(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated("date 2024-05-08 Council member Lena Ortiz said little at the hearing. "
                    "Ortiz announced her resignation on Monday.")
    assert _titles(doc)["announced"] == "Ortiz announced her resignation"


def test_an_event_inside_another_s_phrase_scores_lower(annotated) -> None:  # type: ignore[no-untyped-def]
    from newsline.events._salience import top

    doc = annotated("date 2024-03-14 A storm tore through the harbour on Tuesday. The ferry company announced "
                    "its closure on Wednesday. Crews cleared the quay on Thursday.")
    score = {e.event.text: e.salience for e in doc.timeline}
    assert score["tore"] - score["storm"] >= 0.3  # "A storm" is part of "A storm tore through the harbour" (and on
    # its day: a known time raises it as much as the verb's)
    assert score["closure"] < 0.3 < score["announced"]
    shown = [e.event.text for e in top(doc.timeline, 3, hidden=lambda e: e.event.reports is not None)]
    assert shown == ["tore", "announced", "cleared"]


def test_a_speaker_keeps_a_capital_only_for_a_name(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated("date 2023-03-04 Prosecutors told the jury that Dale Pell moved the funds in 2019. "
                    "Judge Amira Khan said the trial would last six weeks.")
    titles = _titles(doc)
    assert titles["moved"] == "Pell moved the funds, prosecutors told the jury"
    assert titles["last"].endswith(", Khan said")


def test_a_possessive_after_a_name_is_not_the_nearest_person(annotated) -> None:  # type: ignore[no-untyped-def]
    """"her name" after "Ines Varga's former aide, Tomas Bell," is Varga's: after a person's name the title
    keeps "her" rather than naming the last person mentioned."""
    doc = annotated("date 2024-02-14 Senator Ines Varga spoke in Leeds on Monday.\n\n"
                    "Varga first hinted at a run in May. Last week, her former aide, Tomas Bell, registered a "
                    "campaign committee in her name.")
    title = _titles(doc)["registered"]
    assert title.startswith("Varga's former aide registered") and title.endswith("in her name")


def test_a_particle_the_parser_took_for_an_adverb_stays_with_its_verb(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated("date 2024-02-20 Tomas Ibarra stepped down as head of the Harlow Port Authority on Monday.")
    assert _titles(doc)["stepped"].startswith("Ibarra stepped down as head of")


def test_a_named_speaker_is_not_named_twice(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated("date 2024-02-20 The council met on Monday.\n\nNora Lindqvist said she would resign from the "
                    "council at the end of the month.")
    assert _titles(doc)["resign"] == "Lindqvist would resign from the council, she said"


def test_a_named_company_or_group_speaker_is_not_named_twice(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated("date 2024-02-20 Dovecote Logistics said on Monday it would cut 150 jobs at its Dover depot. "
                    "The dockers' unions said they would strike in March.")
    titles = _titles(doc)
    assert titles["cut"] == "Dovecote Logistics would cut 150 jobs at its Dover depot, it said"
    assert titles["strike"] == "The dockers' unions would strike, they said"  # its date is the entry's


def test_titles_of_controlled_and_participle_events(annotated) -> None:  # type: ignore[no-untyped-def]
    """The object of "ordered", "asked", "urged" does what the infinitive says (object control); a participle
    that modifies a noun keeps its noun ("a survey released on Monday")."""
    doc = annotated("date 2024-05-06 Doctors ordered the striker to rest for a month. A survey released on "
                    "Monday showed support for the stadium plan.")
    titles = _titles(doc)
    assert titles["rest"].startswith("The striker to rest")
    assert titles["released"] == "A survey released"
    win = annotated("date 2025-06-08 Moreau beat Lindqvist in five sets to win his first French Open title.")
    assert not _titles(win)["win"].startswith("Lindqvist")  # "beat" is no verb of object control


def test_a_firm_the_recognizer_calls_a_person_takes_no_he(annotated) -> None:  # type: ignore[no-untyped-def]
    """ "Orrin Biotech" ends in an organisation's word: "him" is the person named before it, and the firm's
    mentions are an organisation's."""
    doc = annotated("date 2025-03-10 Lawyers for Gregory Pell, the former finance chief of Orrin Biotech, will "
                    "ask a jury on Thursday to acquit him of fraud.")
    assert _titles(doc)["acquit"] == "A jury to acquit Pell of fraud"  # the jury, asked to (object control)
    assert all(m.label != "PERSON" for m in doc.entities if m.name == "Orrin Biotech")


def test_a_title_keeps_the_adverbs_that_change_its_claim(annotated) -> None:  # type: ignore[no-untyped-def]
    """ "nearly shut the port" did not shut it: the hedge stays; a manner adverb ("quickly") does not."""
    doc = annotated("date 2024-03-12 The gale nearly shut the Harlow ferry port on Tuesday. The old trawler "
                    "quickly sank on Friday. Dunmore Foods no longer makes its own tins, and its chief "
                    "almost never speaks to reporters.")
    titles = _titles(doc)
    assert titles["shut"] == "The gale nearly shut the Harlow ferry port"
    assert titles["sank"] == "The old trawler sank"
    assert titles["makes"].startswith("Dunmore Foods no longer makes")
    assert "almost never speaks" in titles["speaks"]


def test_a_name_at_the_end_of_a_headline_leaves_the_blank_line_out(annotated) -> None:  # type: ignore[no-untyped-def]
    """spaCy tags a headline's last word with the blank line after it; names and titles have no line break."""
    doc = annotated("date: 2025-02-09\nHow a long courtship ended in the takeover of Lakemoor\n\nWhen Arden "
                    "Foods completes its purchase of the dairy Lakemoor on Monday, it will end a chase. Arden first "
                    "approached Lakemoor in 2013.")
    assert "Lakemoor" in {m.name for m in doc.entities}
    assert all("\n" not in m.name for m in doc.entities)
    assert all("\n" not in p for e in doc.events for p in e.participants)
    assert all("\n" not in e.event.title for e in doc.timeline)
    assert "\n" not in str(doc.to_dict())


def test_a_verdict_keeps_who_was_found_what(annotated) -> None:  # type: ignore[no-untyped-def]
    """A small clause ("found X guilty of Y", "declared him dead") is the verb's object: its subject is a
    participant (so the verdict reaches that person's entity timeline), and "not" stays."""
    doc = annotated("date 2024-03-11 A jury on Friday found former port director Colm Brady guilty of taking "
                    "$90,000 in bribes. On Tuesday another jury found Lena Ruiz not guilty of fraud.")
    titles = {e.event.title: e.event for e in doc.timeline}
    brady = next(e for t, e in titles.items() if t.startswith("A jury found Brady guilty of taking"))
    assert any("Brady" in p for p in brady.participants)
    assert any(t.startswith("Another jury found Ruiz not guilty of fraud") for t in titles), titles


def test_a_platform_is_no_person_that_writes(annotated) -> None:  # type: ignore[no-untyped-def]
    """spaCy's small model calls "Instagram" a PERSON; "he wrote" after "posted a statement on Instagram" is
    the poster (the names are data: reference.toml's organisation_names)."""
    doc = annotated('date 2024-07-27 Actor Tomas Reyes, who has starred in the series "Tidewater" since 2021, '
                    'posted a short statement on Instagram hours later. "We remain friends and loving parents," '
                    'he wrote.')
    assert _titles(doc)["wrote"].endswith("Reyes wrote")
    assert all(m.label != "PERSON" for m in doc.entities if m.name == "Instagram")


def test_a_pronoun_skips_a_name_of_the_other_gender(annotated) -> None:  # type: ignore[no-untyped-def]
    """ "her publicist" after "singer Lia Moran and actor Owen Pryce": the actor is a "he" (reference.toml's
    gender words), so "her" is Moran."""
    doc = annotated("date 2024-07-27 Singer Lia Moran and actor Owen Pryce have ended their engagement, her "
                    "publicist confirmed on Friday.")
    assert "Moran's publicist confirmed" in _titles(doc)["confirmed"]


def test_a_day_that_another_event_bounds_reads_as_bounds() -> None:
    """ "within a week of his capture": one day, somewhere between the capture's day and a week after it."""
    bounded = EventTime(None, "2025-05-02T00:00:00", "2025-05-10T00:00:00", None, "event-relative")
    assert bounded.when_text == "between 2 May 2025 and 9 May 2025"
    assert EventTime(None, "2025-05-03T00:00:00", None, None, "event-relative").when_text == "after 3 May 2025"


@pytest.mark.parametrize(("name", "person"), [
    ("Coach Ines Bauer", "Ines Bauer"), ("President Barack Obama", "Barack Obama"),
    ("Judge Samuel T. Reyes", None),  # an initial: not a plain name, left as it is
    ("Judge Reyes", None), ("Chief Executive", None), ("General Motors", None), ("Halvern Savings Bank", None),
    ("coach Ines Bauer", None),  # a role written small is no part of the name the recognizer found
    ("Foreman Gina Marsh", "Gina Marsh"), ("Engineer Tomas Ferreira", "Tomas Ferreira"),  # trial Z: a trade
])
def test_a_role_before_a_name_is_no_part_of_it(name: str, person: str | None) -> None:
    from newsline.events._coref import untitled

    assert untitled(name) == person


def test_a_titled_person_is_stored_as_the_person(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated("date 2025-05-12 Coach Ines Bauer said the team played well. Bauer will meet the board on "
                    "Tuesday.")
    names = {(m.name, m.label) for m in doc.entities if m.role == "ner"}
    assert ("Ines Bauer", "PERSON") in names and not any(n.startswith("Coach") for n, _ in names)


def test_first_names_say_the_gender() -> None:
    from newsline.events._coref import first_name_gender, person_like

    assert first_name_gender("Ellen Park") == "she" and first_name_gender("Marcus Delaney") == "he"
    assert first_name_gender("Casey Lee") is None and first_name_gender("Ellen") is None  # both sexes; one word
    assert person_like("Marcus Delaney") and not person_like("Halvern Savings Bank") and not person_like("Delaney")


@pytest.mark.parametrize(("text", "word", "title"), [
    # a subject pronoun continues the subject before it, not the person named last (texts written for this test)
    ("date 2024-03-12 Marcus Delaney surrendered on Tuesday and appeared before Magistrate Judge Ellen Park hours "
     "later. He pleaded not guilty.", "pleaded", "Delaney pleaded not guilty"),
    ("date 2024-03-12 Paul Grant hired Tom Reed in May. He praised the board on Friday.", "praised",
     "Grant praised the board"),
    # ... of its gender: a first name says it
    ("date 2024-03-12 Ellen Park met Tom Reed on Monday. He resigned on Friday.", "resigned", "Reed resigned"),
    # an object pronoun still takes the one named last
    ("date 2024-03-12 Paul Grant hired Tom Reed in May. The board thanked him on Friday.", "thanked",
     "The board thanked Reed"),
])
def test_a_pronoun_names_the_subject_it_continues(annotated, text: str, word: str,  # type: ignore[no-untyped-def]
                                                  title: str) -> None:
    assert _titles(annotated(text))[word] == title


def test_a_participant_has_no_white_space_at_its_edges(annotated) -> None:  # type: ignore[no-untyped-def]
    doc = annotated("date 2024-10-25\n\nJury convicts former bank CFO of fraud\n\nA federal jury on Friday found "
                    "Dan Moss guilty.")
    participants = [p for e in doc.events for p in e.participants]
    assert "Jury" in participants and all(p == p.strip() for p in participants)


def test_a_firm_named_in_full_keeps_its_name_where_ner_calls_its_short_form_a_person(annotated) -> None:  # type: ignore[no-untyped-def]
    """Not its last word, as a person's surname: "Helix" of "Helix Data" is "Helix Data", not "Data"."""
    doc = annotated("date 2024-04-25 Corvane shares had fallen 6% last week after a rival, Helix Data, warned of "
                    "slowing orders. Nandakumar said Helix's troubles had not affected Corvane.")
    assert _titles(doc)["affected"].startswith("Helix Data's troubles had not affected Corvane")


def test_a_reported_reporting_verb_does_not_report_its_reporter(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: "report" is what Reyes said, not a report of the saying
    doc = annotated("date 2024-04-25 Finance chief Tomas Reyes said the company would report second-quarter "
                    "results on July 24.")
    titles = _titles(doc)
    assert titles["report"] == "The company would report second-quarter results, Reyes said"
    assert titles["said"] == "The company would report second-quarter results on July 24, Reyes said"


def test_a_pronoun_in_a_quotation_is_not_the_speaker(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: in direct speech the speaker says "I"; "He" is the man sentenced
    doc = annotated('date 2024-06-17 Dennis Varga, a former treasurer, was sentenced to eight years on Friday. '
                    'Anna Ostrowski read the sentence. "He betrayed the trust of every family in this county," '
                    'Ostrowski said.')
    # the quotation as printed, the pronoun named in brackets as newsrooms do
    assert _titles(doc)["betrayed"] == "\u201c[Varga] betrayed the trust of every family in this county,\u201d " \
        "Ostrowski said"


def test_a_conjoined_passive_with_an_agent_shares_its_subject(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test
    doc = annotated("date 2024-09-21 The ceremony began at 4 p.m. and was attended by about 150 guests. "
                    "Ruth Vance was arrested on Monday and charged by police with fraud.")
    titles = _titles(doc)
    assert titles["attended"] == "The ceremony was attended by about 150 guests"
    assert titles["charged"].startswith("Vance was charged by police")


def test_a_name_put_for_a_short_one_or_a_pronoun_takes_the_right_possessive(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: "Halvern's board" with the full name is "Halvern Systems' board", not "Systems's"
    doc = annotated("date 2025-04-24 Halvern Systems agreed to buy Ostrava Labs on Tuesday. Halvern's board "
                    "approved the offer on Wednesday.")
    assert _titles(doc)["approved"].startswith("Halvern Systems' board approved")
    # a name that ends in s as written keeps the "'s" it was written with
    doc = annotated("date 2025-04-24 Ruth Harris said on Tuesday that Harris's campaign raised $2 million.")
    assert "Harris's campaign" in _titles(doc)["raised"]


def test_a_firm_whose_name_ends_like_a_plural_is_the_it_that_it_reports(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: "Systems" and "Labs" end firms' names; "it" is the firm that speaks, and the firm
    # bought is not shortened to "Labs" where the recognizer calls it a person
    doc = annotated("date 2025-04-24 Halvern Systems said on Thursday it had agreed to buy Ostrava Labs.")
    assert _titles(doc)["agreed"] == "Halvern Systems had agreed to buy Ostrava Labs, it said"


def test_a_report_in_a_clause_of_time_attributes_nothing(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: "came hours after Halvern reported revenue" is no "..., Halvern reported"
    doc = annotated("date 2025-04-24 The announcement came hours after Halvern reported first-quarter revenue of "
                    "$812 million. The plant will close, the company said.")
    titles = _titles(doc)
    assert titles["came"] == "The announcement came"
    assert titles["reported"].startswith("Halvern reported first-quarter revenue")
    assert titles["close"] == "The plant will close, the company said"


def test_a_quote_keeps_its_words_and_only_a_whole_quote_is_quoted(annotated) -> None:  # type: ignore[no-untyped-def]
    """New-user trial L: a title in quotation marks is the speaker's words ("We should have acted faster" lost
    "faster"), and a clause the article quotes only in part is not put in quotation marks (texts written for
    this test)."""
    titles = _titles(annotated('date 2025-06-10 "We should have moved faster," the chief executive told '
                               'reporters on Tuesday.'))
    assert titles["moved"] == "\u201cWe should have moved faster,\u201d the chief executive told reporters"
    titles = _titles(annotated('date 2025-06-10 "I have given this club nine years," Holt said on Sunday.'))
    assert titles["given"] == "\u201cI have given this club nine years,\u201d Holt said"
    titles = _titles(annotated('date 2025-06-10 Coach Mara Ostrow said on Friday that she had "nearly quit" '
                               'over the dispute.'))
    assert not titles["quit"].startswith("\u201c") and "quit over the dispute" in titles["quit"]


def test_a_reports_own_title_keeps_when_what_it_reports_is(annotated) -> None:  # type: ignore[no-untyped-def]
    """New-user trial L: "The affected models would return to stores…, Ekdahl said" stood at the day of the
    saying, July, with nothing to say the return is in October (text written for this test)."""
    titles = _titles(annotated("date 2025-07-24 Chief executive Ana Ruiz said the recalled heaters would return "
                               "to shops in November."))
    assert titles["said"] == "The recalled heaters would return to shops in November, Ruiz said"
    assert titles["return"] == "The recalled heaters would return to shops, Ruiz said"  # its own date says it


def test_words_of_a_time_are_no_subject_and_no_entity(annotated) -> None:  # type: ignore[no-untyped-def]
    """New-user trial M: "around 9:30 a.m. Eastern, and the company declared" had the title "Eastern declared
    ...", and "Eastern" and "UTC" were listed as organisations (text written for this test)."""
    doc = annotated("date 2024-03-13 Riders saw delays from about 7:10 a.m. Eastern, and the transit agency "
                    "suspended service at 13:30 UTC, Norvale Transit said.")
    assert _titles(doc)["suspended"].startswith("The transit agency suspended service")
    names = {m.name for m in doc.entities}
    assert not names & {"Eastern", "UTC"}, names
    doc = annotated("date 2024-03-13 Shoppers began reporting card errors around 11:30 a.m. Eastern, and the bank "
                    "declared an outage at 16:40 UTC, Arlen Bank said.")
    assert _titles(doc)["declared"].startswith("The bank declared an outage"), _titles(doc)


def test_a_quotation_in_a_title_is_printed_as_the_article_prints_it(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: the adverb stays inside the quotation marks
    doc = annotated('date 2025-04-02 "We strongly reject the regulator\'s conclusions," the airline said on '
                    'Tuesday.')
    assert _titles(doc)["reject"] == "\u201cWe strongly reject the regulator's conclusions,\u201d the airline said"


def test_a_long_quotation_is_cut_visibly_or_not_quoted(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: no title shows words between quotation marks that the article does not print so
    doc = annotated('date 2025-04-02 "The board has made it absolutely clear to everyone involved that the '
                    'museum will not sell a single painting from the collection, whatever happens next," '
                    'the director said.')
    titles = _titles(doc)
    assert titles["said"].endswith("the director said")
    for title in titles.values():
        if "\u201c" in title:
            quoted = title[title.index("\u201c") + 1:title.index("\u201d")].rstrip(",")
            for part in quoted.split("\u2026"):
                assert part.strip() in doc.text


@pytest.mark.parametrize(("text", "word", "title"), [
    # written for this test: a particle the parser reads as an adverb, or with the object as its own
    ("date 2025-04-02 The league called off the match.", "called", "The league called off the match"),
    ("date 2025-04-02 Rain cut short the final.", "cut", "Rain cut short the final"),
    ("date 2025-04-02 The actor cut short an interview in Boston.", "cut", "The actor cut short an interview"),
])
def test_a_particle_and_the_object_after_it_stay(annotated, text: str, word: str,  # type: ignore[no-untyped-def]
                                                 title: str) -> None:
    assert _titles(annotated(text))[word] == title


def test_a_possessive_of_a_name_the_title_has_stays_a_pronoun(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: the parser does not know "Okafor" is a person; the title says her name once
    doc = annotated("date 2025-11-03 Transport minister Grace Okafor resigned on Monday. Okafor, 52, announced "
                    "her decision in a letter to the prime minister.")
    assert _titles(doc)["announced"] == "Okafor announced her decision in a letter"


def test_a_relative_clause_parsed_as_a_complement_is_not_what_is_reported(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: "that beat estimates" says what the profit did; it is not what was reported
    doc = annotated("date 2025-04-30 Harwell Foods reported quarterly sales on Tuesday that topped forecasts.")
    assert not _titles(doc)["reported"].startswith("That topped")


def test_a_score_hung_on_its_last_number_stays_in_the_title(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: the parser made "0" the verb's modifier and "2" the club's
    doc = annotated("date 2026-02-09 Kingsport Athletic beat Westbrook Rovers 2-0 at home.")
    assert "2-0" in _titles(doc)["beat"]
    # ... and one whose first number the parser hangs on the club
    doc = annotated("date 2026-02-09 United beat Harlow 2-1 in the reverse fixture in April.")
    assert _titles(doc)["beat"] == "United beat Harlow 2-1 in the reverse fixture"


def test_a_time_zone_is_no_subject(annotated) -> None:  # type: ignore[no-untyped-def]
    # written for this test: the parser made "CET" the subject of "came", "returns" its conjunct
    doc = annotated("date 2025-05-02 Polls closed at 6 p.m. CET and the early returns came soon after.")
    assert _titles(doc)["came"] == "The early returns came"


def test_the_default_view_shows_a_phrase_once(annotated) -> None:  # type: ignore[no-untyped-def]
    """ "declined to comment on Monday evening": "declined" and "comment" read "Lindqvist declined to comment", and
    the default view listed it twice (new-user trial X)."""
    from newsline.cli._output import timeline_lines

    doc = annotated("date 2026-03-10 Mayor Ines Calloway did not attend the vote and declined to comment on "
                    "Monday evening.")
    titles = [e.event.title for e in doc.timeline]
    assert len(titles) > len(set(titles))  # two events that read the same
    lines = list(timeline_lines(doc))[1:]
    assert len(lines) == len(set(lines))
    assert sum("declined to comment" in line for line in lines) == 1


def test_a_titled_name_is_a_person_and_a_name_of_a_place_a_place(annotated) -> None:  # type: ignore[no-untyped-def]
    """New-user trials AG and AF: the small recognizer called a minister and her surname a place, and a town a
    person (text written for this test)."""
    doc = annotated("date 2025-03-07 Foreign Minister Ilona Varkas said on Friday that talks would resume. The "
                    "talks in Kessel Springs stalled in May, Varkas said. Residents of Kessel Springs said the hotel "
                    "was empty. Marrow Biologics said it would open a plant there.")
    labels = {(m.name, m.label) for m in doc.entities if m.role == "ner"}
    assert ("Ilona Varkas", "PERSON") in labels, labels
    assert not any(n == "Ilona Varkas" and lab != "PERSON" for n, lab in labels), labels
    assert not any(n == "Kessel Springs" and lab == "PERSON" for n, lab in labels), labels
    assert not any(n == "Marrow Biologics" and lab == "PERSON" for n, lab in labels), labels


def test_a_school_and_a_numbered_bill_keep_their_names_in_titles(annotated) -> None:  # type: ignore[no-untyped-def]
    """New-user trial AR: "Lincoln Elementary reopened" was "Elementary reopened" (a first name, so a person's
    surname) and "signed Senate Bill 112" was "signed 112" (the recognizer called "Bill 112" a person); texts written
    for this test."""
    titles = _titles(annotated("date 2026-02-11 Jefferson Elementary reopened on Monday after a week of repairs. "
                               "Gov. Lena Ames signed Senate Bill 47 into law on Tuesday."))
    assert titles["reopened"].startswith("Jefferson Elementary reopened"), titles
    assert "Senate Bill 47" in titles["signed"], titles  # the name before it too (trial AS)


def test_a_saints_name_is_no_person_in_titles(annotated) -> None:  # type: ignore[no-untyped-def]
    """Re-check trial AS: "St. Luke's has lost money" was titled "Luke's has lost money" (the recognizer's person
    "St. Luke" shortened to a surname); text written for this test."""
    titles = _titles(annotated("date 2025-10-03 MILLBROOK, Ore. - St. Joseph's Hospital will close its maternity "
                               "ward on Nov. 1, officials said Thursday. The 40-bed hospital delivered about 200 "
                               "babies last year, too few to keep the unit staffed, chief executive Ann Ruiz said. "
                               "St. Joseph's has lost money on births for five years in a row, she said."))
    assert titles["lost"].startswith("St. Joseph's has lost money"), titles
