"""A pronoun subject of reported speech stands for the speaker when the two agree ("Whitfield said she will run
for governor next year": run is Whitfield's), not when the pronoun clearly is someone else (events/_coref.py,
its data and examples in events/lang/en/reference.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import require_spacy_model

REFERENCE = Path(__file__).resolve().parents[2] / "src" / "newsline" / "events" / "lang" / "en" / "reference.toml"
DATA = tomllib.loads(REFERENCE.read_text("utf-8"))
DCT = "2025-02-10"


def _event(text: str, word: str) -> Any:
    import newsline

    require_spacy_model()
    doc = newsline.annotate(text, DCT)
    found = [e for e in doc.events if e.text == word or e.lemma == word]
    assert found, [(e.text, e.lemma) for e in doc.events]
    return found[0]


@pytest.mark.parametrize("case", DATA["example"], ids=lambda c: c["text"][:40])
def test_the_data_files_examples(case: dict[str, str]) -> None:
    assert case["participant"] in _event(case["text"], case["event"]).participants


@pytest.mark.parametrize("case", DATA["negative"], ids=lambda c: c["text"][:40])
def test_the_data_files_negatives(case: dict[str, str]) -> None:
    assert case["not_participant"] not in _event(case["text"], case["event"]).participants


@pytest.mark.parametrize(("text", "word", "who"), [
    # the plan is the speaker's, whoever was named last before the pronoun
    ("Governor Ruth Okafor praised Liam Brennan on Tuesday. Okafor said she would seek a third term in 2026.",
     "seek", "Ruth Okafor"),
    ("Asked about the merger, Liam Brennan told reporters that he would step down and retire next spring.",
     "retire", "Liam Brennan"),
    ("The coach said he would travel to Lisbon on Friday.", "travel", "The coach"),
    ("Ruth Okafor, a spokeswoman for the ministry, said she expects a decision in March.", "expects", "Ruth Okafor"),
])
def test_a_pronoun_in_reported_speech_is_the_speaker(text: str, word: str, who: str) -> None:
    event = _event(text, word)
    assert who in event.participants, event.participants
    assert who.split()[-1] in event.title, event.title


@pytest.mark.parametrize(("text", "word", "speaker"), [
    # gender: a man's title, a woman's role
    ("Mr. Liam Brennan said she will resign next month.", "resign", "Liam Brennan"),
    ("The spokeswoman said he had resigned on Monday.", "resigned", "The spokeswoman"),
    # "it" is no person, "they" no single person
    ("Ruth Okafor said it will reopen the plant next year.", "reopen", "Ruth Okafor"),
    ("Liam Brennan said they would appeal the verdict in May.", "appeal", "Liam Brennan"),
    # a plural speaker is no "she"; "it was too early" is no one
    ("The players said she would join the club in July.", "join", "The players"),
    ("Halvorsen Bank said it was too early to comment on the bid.", "comment", "Halvorsen Bank"),
])
def test_a_pronoun_that_does_not_agree_is_not_the_speaker(text: str, word: str, speaker: str) -> None:
    event = _event(text, word)
    assert speaker not in event.participants, event.participants


def test_a_clashing_pronoun_is_the_person_named_before() -> None:
    event = _event("Ruth Okafor met Liam Brennan on Monday. Mr. Brennan said she will run for mayor next year.",
                   "run")
    assert "Ruth Okafor" in event.participants and "Liam Brennan" not in event.participants
    assert event.title.startswith("Okafor will run")


def test_a_named_judge_reports_about_someone_else(spacy_nlp: object) -> None:
    """"She will be sentenced on April 11, Judge Margaret Kerr said": not the judge."""
    import newsline

    doc = newsline.annotate("date 2025-04-03 A jury convicted the nurse on Thursday. She will be sentenced on "
                            "April 11, Judge Margaret Kerr said.")
    titles = {e.event.text: e.event.title for e in doc.timeline}
    assert not titles["sentenced"].startswith("Kerr")
