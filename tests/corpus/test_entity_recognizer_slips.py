"""What the small recognizer gets wrong about an article's names, set right before entity timelines see them:
a short form of a person named in full is that person whatever label it gets, the place of a dateline is a
place, and a "she" is no man's (new-user trial U; events/_annotate.py, corpus/_entity_events.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ingested
from newsline.corpus._entity_events import _other_sex
from newsline.corpus._entity_timeline import entity_timeline
from newsline.corpus._store import Store
from newsline.events._annotate import _dateline_place, _only_a_place

ARTICLES = {
    # written for this test: "She" after "losing to Whitcombe" is Menendez, not Paul Whitcombe
    "race.txt": "date 2025-03-05\n\nHALDEN, March 5 - Former judge Carla Menendez won the mayoral race on "
                "Tuesday, beating Paul Whitcombe. Menendez first ran four years ago, losing to Whitcombe by 900 "
                "votes. She has said she will cut bus fares in May.\n",
}


def test_a_datelines_place_is_its_first_words() -> None:
    assert _dateline_place("RIVERTON, Nov 6 - ") == "riverton"
    assert _dateline_place("NEW YORK (Reuters) - ") == "new york"
    assert _dateline_place("(Reuters) - ") == ""


def test_a_short_form_is_a_place_only_when_it_is_never_anything_else() -> None:
    assert _only_a_place({"GPE"}) and _only_a_place({"GPE", "LOC"})
    assert not _only_a_place({"GPE", "ORG"}) and not _only_a_place(set())


def test_a_pronoun_of_the_other_sex_is_not_the_persons() -> None:
    assert _other_sex("he", ("She",)) and not _other_sex("she", ("She", "her plan"))
    assert not _other_sex(None, ("She",)) and not _other_sex("he", ("the council",))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("spacy")
    return ingested(tmp_path_factory.mktemp("slips"), ARTICLES)


def test_a_womans_plan_is_not_in_the_timeline_of_the_man_named_before_it(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        paul = {e.lemma for e in entity_timeline(store, "Paul Whitcombe").entries}
    assert "cut" not in paul, paul
    assert "beat" in paul or "lose" in paul, paul


def test_a_firms_short_name_is_the_firm_when_its_full_name_is_written_with_and_without_its_suffix() -> None:
    # written for this test (new-user trial V: "Harwick" was a person beside "Harwick Chemicals" and "Harwick
    # Chemicals Inc.", two full names of one firm)
    import newsline

    pytest.importorskip("spacy")
    doc = newsline.annotate("Brackley Foods Inc. said on Monday it would close a plant. Brackley Foods employs 900 "
                            "people. Brackley said the closure would save $20 million.", "2025-03-05")
    short = [m for m in doc.entities if m.text == "Brackley"]
    assert short and all(m.name == "Brackley Foods Inc." and m.label == "ORG" for m in short), short


def test_a_person_named_in_full_only_as_a_participant_is_a_person() -> None:
    # written for this test (new-user trial U: "Tomas Kestrel scored" was no entity, only its "Kestrel")
    import newsline

    pytest.importorskip("spacy")
    doc = newsline.annotate("Ferro's goal lifts City\n\nLEEDS, March 16 - Tomas Ferro scored in stoppage time to "
                            "give Dunmore City a 2-1 win at Harrow Park on Sunday. Ferro has nine goals.",
                            "2025-03-17")
    named = {(m.name, m.label) for m in doc.entities if "Ferro" in m.text and m.label}
    assert named == {("Tomas Ferro", "PERSON")}, named  # the recognizer missed him and called "Ferro" a firm


def test_an_acronym_in_brackets_after_a_name_is_that_name() -> None:
    # written for this test (new-user trial W: "The Royal Netherlands Meteorological Institute (KNMI)" and "KNMI"
    # were two entities)
    import newsline

    pytest.importorskip("spacy")
    doc = newsline.annotate("The Norland Institute of Ocean Studies (NIOS) said on Friday that the storm would "
                            "weaken. NIOS expects calmer seas by Monday.", "2025-10-17")
    acronym = [m for m in doc.entities if m.text == "NIOS"]
    assert acronym and all(m.name == "Norland Institute of Ocean Studies" for m in acronym), acronym


def test_an_organisations_first_word_the_recognizer_left_out_is_part_of_its_name() -> None:
    # written for this test (new-user trial W: "Met Eireann said" was stored as "Eireann")
    import newsline

    pytest.importorskip("spacy")
    doc = newsline.annotate("Met Eireann said on Wednesday that the power cuts would be repaired by the weekend.",
                            "2025-10-22")
    assert {m.name for m in doc.entities if m.label == "ORG"} == {"Met Eireann"}


def test_a_surname_with_a_particle_is_its_person_however_the_particle_is_written() -> None:
    # written for this test (new-user trial W: "De Vries said" was an organisation apart from "Anouk de Vries")
    import newsline

    pytest.importorskip("spacy")
    doc = newsline.annotate("Port director Lotte van Dijk said on Friday that the quay would reopen. \"We are ready,\" "
                            "Van Dijk said. Director van Dijk thanked the crews.", "2025-10-17")
    named = {m.name for m in doc.entities if "Dijk" in m.text and m.label}
    assert named == {"Lotte van Dijk"}, named


def test_a_full_name_finds_the_surname_the_recognizer_kept_alone(tmp_path: Path) -> None:
    """ "Kvaerner chief executive Anders Brekke" is "Brekke" to the small recognizer (new-user trial AI: --entity
    "Anders Opedal" found nothing); the person asked for in full is that surname's entity (text written for this
    test)."""
    from newsline.corpus._entity_aliases import resolve_entity

    db = ingested(tmp_path, {"a.txt": "date 2024-05-02\nKvaerner chief executive Anders Brekke said on Monday that "
                                      "output would rise. Brekke spoke in Bergen.\n"})
    with Store.open(db, read_only=True) as store:
        names = {m[0] for m in store.execute("SELECT name FROM entities")}
        ref = resolve_entity(store, "Anders Brekke")
    assert "Brekke" in names or "Anders Brekke" in names, names
    assert ref.name in ("Brekke", "Anders Brekke") and ref.entity_ids
