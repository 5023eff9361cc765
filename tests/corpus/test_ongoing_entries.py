"""An ongoing state with a known beginning ("has run the clinic since March 2011") keeps its begin and end from
the document timeline through the store into the entity timeline: dated from where it began, open to the
future, in words "since Mar 2011 (ongoing)"."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ingested
from newsline._model import EventTime
from newsline.corpus._entity_timeline import entity_timeline
from newsline.corpus._store import Store

ARTICLES = {
    "clinic.txt": "date 2024-05-07\n\nDr. Ilse Varga has run the Northgate clinic since March 2011. "
                  "Varga opened a second ward on Monday, the hospital said.\n",
    "award.txt": "date 2019-11-20\n\nIlse Varga received the regional medicine prize on Tuesday.\n",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory.mktemp("ongoing"), ARTICLES)


def test_an_ongoing_time_reads_from_where_it_began() -> None:
    begun = EventTime("ONGOING_REF", "2011-03-01T00:00:00", None, None, "model", (), 0.6,
                      ("after2011-03-01before2011-03-28", "after2024-05-07"))
    assert begun.when_text == "since Mar 2011 (ongoing)"
    year = EventTime("ONGOING_REF", "2011-01-01T00:00:00", None, None, "model", (), 0.6,
                     ("after2011-01-01before2011-12-31", "after2024-05-07"))
    assert year.when_text == "since 2011 (ongoing)"
    default = EventTime("ONGOING_REF", "2024-05-07T00:00:00", None, None, "dct-default", (), 0.3)
    assert default.when_text.startswith("around ") and default.when_text.endswith("7 May 2024 (ongoing)")


def test_the_entity_timeline_places_the_ongoing_state_where_it_began(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        tl = entity_timeline(store, "Ilse Varga")
        ran = [e for e in tl.entries if e.lemma == "run"]
        assert ran, [(e.lemma, e.when_text) for e in tl.entries]
        entry = ran[0]
        assert (entry.placement, entry.when_text, entry.when) == ("dated", "since Mar 2011 (ongoing)", "since 2011-03")
        assert entry.sources[0].time.span == ("after2011-03-01before2011-03-28", "after2024-05-07")
        assert tl.entries[0] is entry  # it began before the 2019 prize
        # still going: a range after its beginning finds it; one before it does not
        assert any(e.lemma == "run" for e in entity_timeline(store, "Ilse Varga", "2020-01-01", "2020-12-31").entries)
        assert not any(e.lemma == "run" for e in entity_timeline(store, "Ilse Varga", "2005", "2010").entries)


def test_timelinejs_shows_the_ongoing_state_from_its_beginning(db: Path) -> None:
    from newsline.corpus._exports import entity_entries, to_timelinejs

    with Store.open(db, read_only=True) as store:
        tl = entity_timeline(store, "Ilse Varga")
    slides = to_timelinejs(entity_entries(tl), tl.entity.name)["events"]
    [ran] = [s for s in slides if s["display_date"] == "since Mar 2011 (ongoing)"]
    assert ran["start_date"] == {"year": 2011, "month": 3} and "end_date" not in ran
