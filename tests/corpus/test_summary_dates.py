"""Which days a topic summary keeps: the days the articles' events happened on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("duckdb")


def test_a_day_named_only_as_when_something_was_said_is_no_key_date(tmp_path: Path, spacy_nlp: Any) -> None:
    """Two articles say something "on Tuesday"; one of them tells what happened on Sunday.  The saying is
    when the news came out, not a date of the story: Sunday is the key date."""
    from newsline.cli import main
    from newsline.corpus._store import Store
    from newsline.corpus._summary import summarize

    (tmp_path / "a.txt").write_text("date 2024-05-08\nThe mayor said on Tuesday that the river flooded 200 "
                                    "homes on Sunday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2024-05-09\nThe mayor said on Tuesday that the homes would be "
                                    "rebuilt by the city.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", "--db", str(db), str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 0
    with Store.open(db, read_only=True) as store:
        s = summarize(store, query="mayor homes", n_dates=1, n_sentences=1)
    assert [str(d.date) for d in s.dates] == ["2024-05-05"]


def test_a_lead_sentence_about_another_time_is_no_sentence_of_the_publication_day(tmp_path: Path,
                                                                                   spacy_nlp: Any) -> None:
    """The day two articles came out is a key date, told by their first sentences; not by one that is about
    a season years before ("first approached the brewer in the autumn of 2013")."""
    from newsline.cli import main
    from newsline.corpus._store import Store
    from newsline.corpus._summary import summarize

    (tmp_path / "a.txt").write_text(
        "date 2025-06-10\nHalden Foods agreed to buy the Brightwater brewery. Halden first approached "
        "Brightwater in the autumn of 2013. The brewery employs 300 people in Lisburn.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "date 2025-06-10\nThe Brightwater brewery is to be sold to Halden Foods. Workers at Brightwater "
        "welcomed the news.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", "--db", str(db), str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 0
    with Store.open(db, read_only=True) as store:
        s = summarize(store, query="Brightwater Halden", n_dates=1, n_sentences=3)
    assert [str(d.date) for d in s.dates] == ["2025-06-10"]
    said = " ".join(x.text for x in s.dates[0].sentences)
    assert "autumn of 2013" not in said, said
