"""A plan someone announces ("Whitfield said she will run for governor next year") is in the speaker's entity
timeline, dated as the annotator dates it (next year), and not in the timeline of another person named before
the pronoun or of a speaker the pronoun cannot be (events/_coref.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ingested
from newsline.corpus._entity_timeline import entity_timeline
from newsline.corpus._store import Store

ARTICLES = {
    "plan.txt": "date 2025-03-04\n\nHelen Carter, who succeeded Jonas Ekberg as mayor of Uppsala in 2019, said on "
                "Tuesday she will run for governor next year.\n",
    "office.txt": "date 2025-03-06\n\nShe will open a campaign office in Uppsala in April, Helen Carter said on "
                  "Thursday.\n",
    "visit.txt": "date 2025-03-07\n\nJonas Ekberg met Helen Carter on Friday. Mr. Ekberg said she would tour the "
                 "northern provinces in May.\n",
    "club.txt": "date 2025-03-08\n\nJonas Ekberg said it will sell the stadium next year.\n",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory.mktemp("plans"), ARTICLES)


def _entries(db: Path, name: str) -> dict[str, list[str]]:
    with Store.open(db, read_only=True) as store:
        tl = entity_timeline(store, name)
    out: dict[str, list[str]] = {}
    for e in tl.entries:
        out.setdefault(e.lemma, []).append(e.when)
    return out


def test_the_speakers_plans_are_in_the_speakers_timeline(db: Path) -> None:
    helen = _entries(db, "Helen Carter")
    assert "2026" in helen.get("run", []), helen  # "next year" in a 2025 article
    assert "2025-04" in helen.get("open", []), helen  # the pronoun before the speaker's name
    assert "2025-05" in helen.get("tour", []), helen  # "Mr. Ekberg said she": not Ekberg, the woman he met


def test_no_plan_goes_to_a_speaker_the_pronoun_cannot_be(db: Path) -> None:
    jonas = _entries(db, "Jonas Ekberg")
    assert "run" not in jonas and "tour" not in jonas, jonas  # another person, a clashing "she"
    assert "sell" not in jonas, jonas  # "it" is no person
