"""Titles where the parse or the recognizer misleads (new-user trial Q), each on a text written for it."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("spacy")


def _entries(text: str) -> dict[str, Any]:
    from newsline.events._annotate import annotate

    return {e.event.text: e for e in annotate(text).timeline}


def test_a_date_after_since_is_no_subject(spacy_nlp: Any) -> None:
    """The parser reads "since March appears to be easing" as a clause with "March" its subject: the title
    names the outbreak, and March dates the sickening, not the easing."""
    got = _entries("date 2025-04-07 A flu outbreak that has sickened 90 pupils in Dunmore since March appears "
                   "to be easing, health officials said on Monday.")
    assert got["appears"].event.title == "A flu outbreak appears to be easing"
    assert got["appears"].time.value != "2025-03"


def test_a_place_the_recognizer_also_calls_a_person_keeps_its_name(spacy_nlp: Any) -> None:
    got = _entries("date 2025-04-07 The storm flattened 30 barns in Cedar Hollow, the sheriff's office said. "
                   "Cedar Hollow residents were allowed back on Sunday.")
    assert got["allowed"].event.title == "Cedar Hollow residents were allowed back"
    assert "in Cedar Hollow" in got["flattened"].event.title


def test_a_title_that_starts_with_a_number_keeps_the_next_word_as_written(spacy_nlp: Any) -> None:
    got = _entries("date 2025-04-07 Since Friday, 22 volunteer crews have cleared the debris from the river.")
    assert got["cleared"].event.title.startswith("22 volunteer crews have cleared")


def test_a_particle_after_not_stays(spacy_nlp: Any) -> None:
    got = _entries("date 2025-04-07 Police warned that the search was not over.")
    assert got["warned"].event.title == "Police warned the search was not over"


def test_a_role_with_an_appositive_name_is_that_name(spacy_nlp: Any) -> None:
    """"the county's chief medical officer, Dana Whitlock, said she had ordered": the title had the role twice."""
    got = _entries("date 2025-04-07 On Friday the county's chief medical officer, Dana Whitlock, said she had "
                   "ordered a review of the clinic.")
    assert got["ordered"].event.title == "Whitlock had ordered a review of the clinic, she said"


def test_a_surname_speaker_has_the_gender_of_the_first_name_named_before(spacy_nlp: Any) -> None:
    """"Lena Hargreaves ... Hargreaves said he would need two weeks": "he" is not Hargreaves."""
    got = _entries("date 2025-01-24 Manager Anna Kessler signed Ruben Ortiz in July. Ortiz injured his knee on "
                   "Sunday. Kessler said he would miss three weeks.")
    assert got["miss"].event.title == "Ortiz would miss three weeks, Kessler said"


def test_a_date_the_recognizer_took_into_a_name_stays_out_of_the_title(spacy_nlp: Any) -> None:
    """spaCy's small model may read "the university on March 22" as one organisation: the name ends before the
    date, and the date is no part of the title (new-user trial R: "... at the university on March 22 on")."""
    got = _entries("date 2025-03-11 A memorial is planned at the university on March 22.")
    assert got["planned"].event.title == "A memorial is planned at the university"


def test_how_often_stays_in_the_title(spacy_nlp: Any) -> None:
    """"lost only twice in 23 games" is not "lost in 23 games" (new-user trial R: the meaning turned round)."""
    got = _entries("date 2026-05-18 Since the new coach arrived, Harbour City have lost only twice in 19 games.")
    assert "only twice" in got["lost"].event.title


def test_they_before_a_report_by_unnamed_sources_is_not_the_sources(spacy_nlp: Any) -> None:
    """"They broke down in September, people familiar with the matter said": they are the talks, not the people
    (new-user trial R: "People familiar broke down over price, people familiar said")."""
    got = _entries("date 2026-06-15 Talks began in the spring. They stalled in September over price, people "
                   "familiar with the matter said.")
    assert not got["stalled"].event.title.lower().startswith("people")


def test_a_speaker_the_reported_clause_names_is_a_pronoun_after_it(spacy_nlp: Any) -> None:
    got = _entries("date 2026-06-15 They will strike on Monday, union officials said.")
    assert got["strike"].event.title == "Union officials will strike, they said"


def test_a_noun_in_ing_the_parser_took_for_a_verb_stays_in_its_noun_phrase(spacy_nlp: Any) -> None:
    """ "issued a tsunami warning": parsed as "a tsunami" with a participle clause "warning at 4:20 a.m.", or as a
    verb "warning" with "a flood" hanging on it; the title had "issued a tsunami" (new-user trial U)."""
    got = _entries("date 2025-02-09 The meteorology agency BMKG issued a tsunami warning at 4:20 a.m. and lifted "
                   "it two hours later.")
    assert "issued a tsunami warning" in got["issued"].event.title
    got = _entries("date 2025-02-09 The weather office issued a flood warning at 6 a.m. on Sunday.")
    assert "issued a flood warning" in got["issued"].event.title
    got = _entries("date 2025-02-09 Police saw a man running from the bank on Friday.")
    assert "a man running" in got["saw"].event.title  # a participle after its noun stays as it was


def test_an_adjective_after_a_comma_is_no_modifier_of_the_noun(spacy_nlp: Any) -> None:
    """The parser hung "subject to regulatory approval", at the end of the sentence, on "the deal" as an
    adjective: the title read "Halvorsen said the deal subject" (new-user trial U)."""
    got = _entries("date 2025-10-23 Chief Executive Ingrid Halvorsen said the deal, which the boards of both "
                   "companies approved on Wednesday, is expected to close in the first half of 2026, subject to "
                   "regulatory approval.")
    assert not got["said"].event.title.endswith("subject")
    assert not got["expected"].event.title.lower().startswith("which")


def test_a_name_that_modifies_a_noun_stays_as_written(spacy_nlp: Any) -> None:
    """ "An NTSO spokesperson said" became "an The National Transport Safety Office spokesperson said": the
    acronym was written out as the name the article declared (new-user trial X)."""
    got = _entries("date 2026-03-26 The Harbour Safety Authority (HSA) said on Monday it had 12 complaints. "
                   "An HSA spokesperson said the authority had contacted Marlow Ferries on February 26.")
    assert got["contacted"].event.title.endswith("an HSA spokesperson said")


def test_a_possessive_mark_is_no_part_of_a_name(spacy_nlp: Any) -> None:
    """ "Corvane Motors' chief executive" gave a name "Corvane Motors'", and "Corvane's board" became "Corvane
    Motors''s board" (new-user trial X)."""
    from newsline.events._annotate import annotate

    doc = annotate("date 2026-03-26 Marlow Ferries' chief executive apologised on Wednesday. Marlow's board met "
                   "on March 19.")
    assert not any(m.name.endswith(("'", "’")) for m in doc.entities)
    assert all("''" not in e.event.title for e in doc.timeline)


def test_a_name_after_his_or_her_is_no_one_a_pronoun_stands_for(spacy_nlp: Any) -> None:
    """ "Tom Hadley ... said his Aster failed to stop. ... 'The pedal went soft,' he said." gave "Aster said": the
    recognizer called the car a person, the last one named before "he" (new-user trial X)."""
    from spacy.tokens import Span

    from newsline.events._title_names import _Namer

    doc = spacy_nlp("Ruth Kemble, a nurse from Derby, said her Velaro stalled on Monday. Nobody was hurt. "
                    "\"The engine just died,\" she said.")
    velaro = next(t.i for t in doc if t.text == "Velaro")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, velaro, velaro + 1, label="PERSON")]
    she = [t for t in doc if t.lower_ == "she"][-1]
    assert _Namer(doc, {}).pronoun(she) == "Kemble"


def test_an_object_pronoun_in_a_relative_clause_is_not_who_the_clause_is_about(spacy_nlp: Any) -> None:
    """ "Victor Strand, the builder who paid him, pleaded guilty" read "The builder paid Strand" (new-user trial
    AA): "him" is someone else than the builder, who is Strand."""
    from spacy.tokens import Span

    from newsline.events._title_names import _Namer

    doc = spacy_nlp("A jury convicted Arne Voll on Thursday. Pieter Moss, the contractor who bribed him, testified.")
    moss = next(t.i for t in doc if t.text == "Pieter")
    doc.ents = [Span(doc, 3, 5, label="PERSON"), Span(doc, moss, moss + 2, label="PERSON")]
    him = next(t for t in doc if t.lower_ == "him")
    assert _Namer(doc, {}).pronoun(him) != "Moss"


def test_a_clock_time_with_its_zone_leaves_the_title_whole(spacy_nlp: Any) -> None:
    """The parser takes the zone for an organisation: the title kept "at" and the zone, not the time (trial AL:
    "A thruster shut down at UTC"); a clock time is a time, out of the title as "on Tuesday" is."""
    got = _entries("date 2025-05-12 Power failed at 21:05 BST across the town.")
    assert got["failed"].event.title == "Power failed across the town"


def test_a_bare_amount_after_the_verb_stays(spacy_nlp: Any) -> None:
    """ "fell 11 per cent": the parser hangs the number on the verb as a noun phrase adverbial (trial AL had
    "shares fell per cent")."""
    got = _entries("date 2025-05-12 Orlin Foods shares dropped 7 per cent after the recall on Monday.")
    assert got["dropped"].event.title.startswith("Orlin Foods shares dropped 7 per cent")


def test_sir_and_dame_keep_the_first_name(spacy_nlp: Any) -> None:
    """British usage: "Sir Geoffrey Lamb" is "Sir Geoffrey Lamb" or "Lamb", never "Sir Lamb" (trial AL)."""
    got = _entries("date 2025-05-12 The review was led by the former judge Dame Helena Pryce. The panel, chaired by "
                   "the former astronaut Sir Geoffrey Lamb, met on Monday.")
    led, chaired = got["led"].event.title, got["chaired"].event.title
    assert led.endswith(("Dame Helena Pryce", " Pryce")) and "Dame Pryce" not in led
    assert chaired.endswith(("Sir Geoffrey Lamb", " Lamb")) and "Sir Lamb" not in chaired


def test_a_relative_clause_after_an_apposition_is_the_named_persons(spacy_nlp: Any) -> None:
    """ "Tomas Reyes, the club's chairman, who confirmed on 4 May that he would retire": the confirming is
    Reyes's, not "the club's chairman"'s, so his entity timeline has it (trial AL missed a resignation)."""
    got = _entries("date 2025-06-02 Tomas Reyes, the club's chairman, who confirmed on 4 May that he would retire "
                   "in the summer, opened the new stand on Saturday.")
    assert got["confirmed"].event.participants[0] == "Tomas Reyes"
    assert got["retire"].event.title.startswith("Reyes would retire")
    # and past the organisation of the role (re-check trial AN gave it to the firm)
    got = _entries("date 2025-06-02 Lina Berg, head of Norvale Shipping, who revealed on 3 May that she would "
                   "resign, opened the new terminal on Saturday.")
    assert got["revealed"].event.participants[0] == "Lina Berg"


def test_a_headline_verb_is_no_part_of_a_name(spacy_nlp: Any) -> None:
    """A headline in sentence case: where the recognizer runs a name on into the verb ("Kestrel-1 reaches orbit", an
    organisation in trial AL), the name ends before the verb.  The small model does that for few headlines, so the
    span is set here as it set that one."""
    from spacy.tokens import Span

    from newsline.events._nlp import load_nlp, trim_entities

    doc = load_nlp()("Orion Freight signs port deal\n\nThe firm said on Monday it was pleased.")
    assert doc[2].tag_ == "VBZ"  # what the rule reads
    doc.ents = [Span(doc, 0, 5, label="ORG")]
    assert [e.text for e in trim_entities(doc).ents] == ["Orion Freight"]


def test_a_time_zone_is_no_entity(spacy_nlp: Any) -> None:
    """ "at 8 p.m. local time (1800 GMT)": the recognizer called the zone an organisation (trial AO)."""
    import newsline

    doc = newsline.annotate("Voting ended at 9 p.m. local time (1900 GMT) and counting went on through the night in "
                            "Ostrava.", dct="2024-04-22")
    assert not any(m.name in ("GMT", "1900 GMT") for m in doc.entities)


def test_a_direction_and_its_phrase_stay_in_the_title(spacy_nlp: Any) -> None:
    """ "put its jets back into service", "was taken out of service": the title had "put its jets" and "was taken"
    (trial AP); "rose to 40, up from 31" keeps no "up from 31" in the verb's words."""
    got = _entries("date 2025-09-29 Harbor Ferries put its two catamarans back into service on Friday. A third vessel "
                   "was taken out of service for repairs. The fleet has 14 boats, up from nine.")
    assert got["put"].event.title == "Harbor Ferries put its two catamarans back into service"
    assert got["taken"].event.title.startswith("A third vessel was taken out of service")
    assert "up from" not in got["has"].event.title


def test_a_quotation_of_no_event_is_the_title_of_its_report(spacy_nlp: Any) -> None:
    """ '"Safety is the only thing that matters," said Karen Liu': the quotation, as printed and attributed, not
    "Said Liu" (trial AP); a long one is cut where the title's words run out."""
    from newsline.events._annotate import annotate

    doc = annotate('date 2025-09-29 "Our crews are the best on the coast," said Ada Brandt, the harbour master. '
                   '"It was the longest and the coldest night of my whole life at sea, and the worst one of my long '
                   'career," Brandt said.')
    first, second = sorted((e for e in doc.timeline if e.event.text == "said"), key=lambda e: e.event.start)
    assert first.event.title == "\u201cOur crews are the best on the coast,\u201d Brandt said"
    assert second.event.title.startswith("\u201cIt was the longest and") and "\u2026" in second.event.title


def test_a_name_misparsed_as_a_compound_of_a_verdict_stays_in_the_title(spacy_nlp: Any) -> None:
    """The parser hangs "Marcus Merrow" on "guilty" as a compound, no subject: the title had "A jury found guilty
    of second-degree murder" (new-user trial AT) and lost who was found guilty."""
    got = _entries("date 2025-06-06 A jury found Marcus Merrow guilty of second-degree murder on Friday after a "
                   "week of deliberations.")
    assert "Merrow guilty of second-degree murder" in got["found"].event.title, got["found"].event.title
