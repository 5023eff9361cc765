"""An ongoing state ("has coached the Rovers since 2019": "since 2019 (ongoing)") that a later event of the same
entity ends ("stepped down on Monday") is shown closed there: in the entity timeline, its JSON, and the exports
(corpus/_entity_states.py; the end verbs, their states and examples in corpus/lang/en/state_ends.toml)."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from conftest import require_spacy_model
from newsline import cli
from newsline._model import EventTime
from newsline.corpus._entity_events import EventSource
from newsline.corpus._entity_states import closure, rules
from newsline.corpus._entity_timeline import TimelineItem, entity_timeline, to_json_dict
from newsline.corpus._exports import entity_entries, to_csv, to_timelinejs
from newsline.corpus._store import Store

DATA_FILE = Path(__file__).resolve().parents[2] / "src" / "newsline" / "corpus" / "lang" / "en" / "state_ends.toml"
DATA = tomllib.loads(DATA_FILE.read_text("utf-8"))["end"]
STATE_DCT, END_DCT = "2024-03-01", "2025-02-10"  # the dates the data file's examples are published on


# ---------------------------------------------------------------- hand-made reports (no spaCy)

def source(doc: str, dct: str, text: str, lemma: str, sentence: str, participants: tuple[str, ...],
           time: EventTime, title: str = "", match: str = "participant") -> EventSource:
    at = sentence.index(text)
    return EventSource(doc, date.fromisoformat(dct), "e1", at, at + len(text), text, lemma, "OCCURRENCE", 0,
                       len(sentence), sentence, participants, match, time, title=title)  # type: ignore[arg-type]


LED = EventTime("ONGOING_REF", "2016-01-01T00:00:00", None, None, "model", (), 0.6,
                ("after2016-01-01before2016-01-28", "after2024-03-01"))


def day(value: str) -> EventTime:
    d = date.fromisoformat(value)
    return EventTime(value, f"{value}T00:00:00", f"{date.fromordinal(d.toordinal() + 1)}T00:00:00", "day", "timex")


def item(src: EventSource) -> TimelineItem:
    t = src.time
    return TimelineItem(0, "dated", t.value or "", t.value, t.start, t.end, t.grain, src.lemma, src.text,
                        src.eclass, (src,))


STATE = item(source("a", STATE_DCT, "led", "lead", "Omar Haddad has led Corvine Shipping since January 2016.",
                    ("Omar Haddad", "Corvine Shipping"), LED, "Haddad has led Corvine Shipping"))
OWN = frozenset({"omar haddad"})


def ender(sentence: str, text: str, lemma: str, when: str = "2025-02-10", dct: str = END_DCT,
          participants: tuple[str, ...] = ("Omar Haddad",), title: str = "") -> TimelineItem:
    return item(source("b", dct, text, lemma, sentence, participants, day(when), title))


def test_a_later_resignation_closes_the_state_from_its_begin_to_that_day() -> None:
    end = ender("Omar Haddad resigned as chief executive of Corvine Shipping on Monday.", "resigned", "resign",
                title="Haddad resigned as chief executive of Corvine Shipping")
    found = closure(STATE, [end], OWN)
    assert found is not None
    assert (found.end, found.value, found.when_text) == ("2025-02-11T00:00:00", "2016-01/2025-02-10",
                                                         "Jan 2016 to 10 Feb 2025")


@pytest.mark.parametrize(("sentence", "text", "lemma", "when", "participants", "title"), [
    # another organisation named by both
    ("Omar Haddad resigned as chair of Pellham Foods on Monday.", "resigned", "resign", "2025-02-10",
     ("Omar Haddad",), "Haddad resigned as chair of Pellham Foods"),
    # not done: negated, refused, planned
    ("Omar Haddad did not resign on Monday.", "resign", "resign", "2025-02-10", ("Omar Haddad",), ""),
    ("Omar Haddad refused to resign on Monday.", "resign", "resign", "2025-02-10", ("Omar Haddad",), ""),
    ("Omar Haddad will retire in June.", "retire", "retire", "2025-06-01", ("Omar Haddad",), ""),
    # before the state article still called it ongoing
    ("Omar Haddad resigned in May 2023.", "resigned", "resign", "2023-05-02", ("Omar Haddad",), ""),
    # someone else resigned; Haddad fired someone (he is the subject of an active "fired")
    ("Lena Brandt resigned on Monday.", "resigned", "resign", "2025-02-10", ("Lena Brandt",), ""),
    ("Omar Haddad fired three managers on Monday.", "fired", "fire", "2025-02-10", ("Omar Haddad", "three managers"),
     ""),
    # not an end verb
    ("Omar Haddad opened a new terminal on Monday.", "opened", "open", "2025-02-10",
     ("Omar Haddad", "a new terminal"), ""),
])
def test_what_does_not_close_the_state(sentence: str, text: str, lemma: str, when: str,
                                       participants: tuple[str, ...], title: str) -> None:
    end = ender(sentence, text, lemma, when, participants=participants, title=title)
    assert closure(STATE, [end], OWN) is None


def test_a_passive_firing_and_a_death_close_it_the_earliest_wins() -> None:
    fired = ender("Omar Haddad was fired by the board on Friday.", "fired", "fire", "2025-02-07",
                  participants=("Omar Haddad", "the board"))
    died = ender("Omar Haddad died in Lisbon on Monday.", "died", "die", "2025-03-03", dct="2025-03-04",
                 title="Haddad died in Lisbon")
    found = closure(STATE, [died, fired], OWN)
    assert found is not None and found.value == "2016-01/2025-02-07" and found.source.lemma == "fire"
    assert closure(STATE, [died], OWN) is not None  # death ends it whatever else it names


def test_the_data_file_is_well_formed() -> None:
    assert rules() and all(r.verbs and r.states for r in rules())
    assert {v for r in rules() for v, _ in r.verbs} >= {"resign", "step", "quit", "retire", "leave", "fire",
                                                         "oust", "die", "divorce"}


# ---------------------------------------------------------------- the data file's examples, through ingest

def _timeline(folder: Path, state: str, end: str) -> list[TimelineItem]:
    folder.mkdir(parents=True)
    (folder / "state.txt").write_text(f"date {STATE_DCT}\n\n{state}\n", encoding="utf-8")
    (folder / "end.txt").write_text(f"date {END_DCT}\n\n{end}\n", encoding="utf-8")
    db = folder / "news.duckdb"
    assert cli.main(["ingest", str(folder), "--db", str(db)]) == 0
    name = " ".join(state.split()[:2])
    with Store.open(db, read_only=True) as store:
        return list(entity_timeline(store, name).entries)


def _state_entry(entries: list[TimelineItem], state: str) -> TimelineItem:
    [found] = [e for e in entries if e.sources[0].sentence.strip() == state]
    return found


EXAMPLES = [(e[0], e[1]) for r in DATA for e in r.get("examples", ())]
NEGATIVES = [(e[0], e[1]) for r in DATA for e in r.get("negatives", ())]


@pytest.mark.parametrize(("state", "end"), EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_the_data_files_examples_close_the_state(state: str, end: str, tmp_path: Path) -> None:
    require_spacy_model()
    entry = _state_entry(_timeline(tmp_path / "x", state, end), state)
    assert entry.ended_by is not None and "(ongoing)" not in entry.when_text, entry
    assert entry.end is not None and entry.end <= "2025-02-11T00:00:00" and " to " in entry.when_text


@pytest.mark.parametrize(("state", "end"), NEGATIVES, ids=[e[1][:40] for e in NEGATIVES])
def test_the_data_files_negatives_leave_it_open(state: str, end: str, tmp_path: Path) -> None:
    require_spacy_model()
    entry = _state_entry(_timeline(tmp_path / "x", state, end), state)
    assert entry.ended_by is None and entry.when_text.endswith("(ongoing)"), entry


# ---------------------------------------------------------------- every output says the same

@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_spacy_model()
    folder = tmp_path_factory.mktemp("states")
    (folder / "profile.txt").write_text(f"date {STATE_DCT}\n\nIlse Varga has coached the Northgate Rovers since "
                                        "March 2019. The club finished third last season.\n", encoding="utf-8")
    (folder / "exit.txt").write_text(f"date {END_DCT}\n\nIlse Varga stepped down as coach of the Northgate Rovers "
                                     "on Monday after a run of defeats.\n", encoding="utf-8")
    path = folder / "news.duckdb"
    assert cli.main(["ingest", str(folder), "--db", str(path)]) == 0
    return path


def test_the_closed_state_in_text_json_csv_and_timelinejs(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db, read_only=True) as store:
        tl = entity_timeline(store, "Ilse Varga")
        # a range after the end no longer finds it; one inside it does
        assert not any(e.lemma == "coach" for e in entity_timeline(store, "Ilse Varga", "2025-03", "2025-12").entries)
        assert any(e.lemma == "coach" for e in entity_timeline(store, "Ilse Varga", "2022", "2022").entries)
    [coached] = [e for e in tl.entries if e.lemma == "coach"]
    assert (coached.when_text, coached.value) == ("Mar 2019 to 10 Feb 2025", "2019-03/2025-02-10")
    assert coached.ended_by is not None and coached.ended_by.endswith("exit.txt#e1")
    as_json = next(e for e in to_json_dict(tl)["entries"] if e["lemma"] == "coach")
    assert (as_json["start"], as_json["end"], as_json["ended_by"]) == ("2019-03-01T00:00:00", "2025-02-11T00:00:00",
                                                                       coached.ended_by)
    rows = [r for r in to_csv(entity_entries(tl)).splitlines() if "Mar 2019 to 10 Feb 2025" in r]
    assert len(rows) == 1 and ",2019-03-01T00:00:00,2025-02-11T00:00:00," in rows[0]  # after the entry's id
    [slide] = [s for s in to_timelinejs(entity_entries(tl), tl.entity.name)["events"]
               if s["display_date"] == "Mar 2019 to 10 Feb 2025"]
    assert slide["start_date"] == {"year": 2019, "month": 3}
    assert slide["end_date"] == {"year": 2025, "month": 2, "day": 10}
    assert cli.main(["timeline", "--db", str(db), "--entity", "Ilse Varga"]) == 0
    out = capsys.readouterr().out
    assert "Mar 2019 to 10 Feb 2025" in out and "(ongoing)" not in out
