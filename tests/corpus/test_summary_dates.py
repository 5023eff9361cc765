"""Which days a topic summary keeps: the days the articles' events happened on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("duckdb")


def _summary(tmp_path: Path, articles: list[str], query: str | None, n_dates: int, n_sentences: int,
             **bounds: Any) -> Any:
    """The summary of ``articles`` (plain text, each with its date header) ingested into a fresh store; an
    entity's with ``entity=NAME`` among ``bounds`` and no query."""
    from newsline.cli import main
    from newsline.corpus._store import Store
    from newsline.corpus._summary import summarize

    files = []
    for n, text in enumerate(articles):
        files.append(tmp_path / f"a{n}.txt")
        files[-1].write_text(text, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", "--db", str(db), *map(str, files)]) == 0
    with Store.open(db, read_only=True) as store:
        return summarize(store, query=query, n_dates=n_dates, n_sentences=n_sentences, **bounds)


def test_a_day_named_only_as_when_something_was_said_is_no_key_date(tmp_path: Path, spacy_nlp: Any) -> None:
    """Two articles say something "on Tuesday"; one of them tells what happened on Sunday.  The saying is
    when the news came out, not a date of the story: Sunday is the key date."""
    s = _summary(tmp_path, [
        "date 2024-05-08\nThe mayor said on Tuesday that the river flooded 200 homes on Sunday.\n",
        "date 2024-05-09\nThe mayor said on Tuesday that the homes would be rebuilt by the city.\n"],
        "mayor homes", 1, 1)
    assert [str(d.date) for d in s.dates] == ["2024-05-05"]


def test_a_lead_sentence_about_another_time_is_no_sentence_of_the_publication_day(tmp_path: Path,
                                                                                   spacy_nlp: Any) -> None:
    """The day two articles came out is a key date, told by their first sentences; not by one that is about
    a season years before ("first approached the brewer in the autumn of 2013")."""
    s = _summary(tmp_path, [
        "date 2025-06-10\nHalden Foods agreed to buy the Brightwater brewery. Halden first approached "
        "Brightwater in the autumn of 2013. The brewery employs 300 people in Lisburn.\n",
        "date 2025-06-10\nThe Brightwater brewery is to be sold to Halden Foods. Workers at Brightwater "
        "welcomed the news.\n"], "Brightwater Halden", 1, 3)
    assert [str(d.date) for d in s.dates] == ["2025-06-10"]
    said = " ".join(x.text for x in s.dates[0].sentences)
    assert "autumn of 2013" not in said, said


def test_a_day_that_one_article_looks_back_on_is_outranked_by_one_that_two_articles_report(
        tmp_path: Path, spacy_nlp: Any) -> None:
    """A chronology published a year later names a day that no other article names; two reports name the day
    the trial opened.  One article is no independent account: the trial's day is the key date (on the T17
    MJ timeline, single-article days from chronologies took 9 of the first 30 places)."""
    s = _summary(tmp_path, [
        "date 2024-09-03\nThe manslaughter trial of Dr Alan Pike opened on September 2 in Leeds. Pike denies "
        "the charge.\n",
        "date 2024-09-04\nJurors in the trial of Dr Alan Pike, which opened on September 2, heard from the "
        "singer's bodyguard.\n",
        "date 2025-06-30\nA year on, the trial of the singer's doctor in dates. Police arrested Pike on "
        "August 10, 2024. He was charged with manslaughter on August 20, 2024.\n"],
        "Pike singer trial", 1, 1)
    assert [str(d.date) for d in s.dates] == ["2024-09-02"]


def test_a_datelines_date_is_no_reference(tmp_path: Path, spacy_nlp: Any) -> None:
    """ "KESWICK, March 4 - " says when the story was filed: the article refers to the Saturday of the flood,
    not to March 4 (on the trial article of 2026-12-05 the filing day took the flood's lead sentence)."""
    from newsline.cli import main
    from newsline.corpus import _summary_refs
    from newsline.corpus._store import Store

    article = tmp_path / "a.txt"
    article.write_text("date 2024-03-04\nRiver bursts its banks\n\nKESWICK, March 4 - The River Greta burst its "
                       "banks in Keswick late on Saturday, flooding 80 homes, the council said.\n", encoding="utf-8")
    assert main(["ingest", "--db", str(tmp_path / "s.duckdb"), str(article)]) == 0
    with Store.open(tmp_path / "s.duckdb", read_only=True) as store:
        refs = _summary_refs._without_datelines(store, store.execute(_summary_refs._REFS_SQL, [[str(article)]]))
    assert {str(r[1]) for r in refs} == {"2024-03-02"}


def test_a_day_told_only_in_a_long_sentence_keeps_its_clause(tmp_path: Path, spacy_nlp: Any) -> None:
    """New-user trial L: the storm's day was named only in a 41-word lead, longer than a summary sentence may
    be, and the day was left out.  Its clause that names the day stands for it (text written for this test)."""
    s = _summary(tmp_path, [
        "date 2025-03-12\nBlizzard shuts Carrow ring road\n\n"
        "A late-season blizzard dropped more than 60 centimetres of snow on the Elden hills "
        "overnight Sunday, and by midday Monday the ring road around Carrow had been closed in both directions, "
        "stranding hundreds of drivers in their cars for most of the afternoon.\n\n"
        "Carrow's council said on Wednesday that it would review its snow plan.\n",
        "date 2025-03-13\nCarrow's council will review its snow plan after the blizzard, officials said on "
        "Thursday.\n"], "Carrow blizzard snow", 4, 1)
    days = {str(d.date): d for d in s.dates}
    assert "2025-03-09" in days, list(days)
    said = days["2025-03-09"].sentences[0].text
    # the cut is marked (new-user trial AT: a clipped sentence ending in a full stop reads as the whole sentence)
    assert said.startswith("A late-season blizzard dropped") and said.endswith("overnight Sunday\u2026"), said
    assert len(said.split()) <= 35


def test_a_sentence_in_several_copies_is_shown_from_the_earliest(tmp_path: Path, spacy_nlp: Any) -> None:
    """Wire copies of one story, ingested in any order: the sentence shown is the first copy's, so that the same
    store gives the same summary every time (new-user trial O: two runs showed different source articles)."""
    story = ("The Tarrow dam failed on Sunday, flooding 300 homes in the valley. Engineers had warned about "
             "the dam for years.\n")
    for order in ([2, 0, 1], [1, 2, 0]):
        days = ["2025-06-16", "2025-06-17", "2025-06-18"]
        articles = [f"date {days[n]}\n{story}" for n in order]
        where = tmp_path / "-".join(map(str, order))
        where.mkdir()
        s = _summary(where, articles, "dam flooding", 1, 1)
        shown = s.dates[0].sentences[0]
        assert str(s.dates[0].date) == "2025-06-15"
        assert str(shown.dct) == "2025-06-16", (order, shown)


def test_a_declaration_or_confirmation_on_a_day_is_a_key_date(tmp_path: Path, spacy_nlp: Any) -> None:
    """"declared a state of emergency on Feb. 14" and "was confirmed on Jan. 29" are news in themselves,
    although their verbs are of the class REPORTING (new-user trial Q: the outbreak summary skipped both)."""
    from datetime import date

    s = _summary(tmp_path, [
        "date 2025-05-02\nThe first case of the outbreak was confirmed on Jan. 29 in a child in Vale. "
        "Governor Ruth Alder declared a state of emergency over the outbreak on Feb. 14. "
        "Alder said on Monday that the outbreak was slowing.\n"],
        "outbreak", 5, 1, date_from=date(2025, 1, 1))
    days = [str(d.date) for d in s.dates]
    assert "2025-01-29" in days and "2025-02-14" in days, days


def test_without_bounds_days_further_off_fill_a_short_summary(tmp_path: Path, spacy_nlp: Any) -> None:
    """Without --from/--to the days a month around the articles come first; when there are fewer than asked
    for, the days further off that the articles write out fill the summary (new-user trial Q: 2 of 10)."""
    s = _summary(tmp_path, [
        "date 2025-06-13\nThe Harlow bridge reopened on Wednesday. Engineers had closed the bridge on Jan. 9 "
        "after cracks were found. Repairs to the bridge began on Feb. 20.\n"], "bridge", 5, 1)
    days = [str(d.date) for d in s.dates]
    assert days == ["2025-01-09", "2025-02-20", "2025-06-11"], days
    (tmp_path / "b").mkdir()
    bounded = _summary(tmp_path / "b", [
        "date 2025-06-13\nThe Harlow bridge reopened on Wednesday. Engineers had closed the bridge on Jan. 9 "
        "after cracks were found. Repairs to the bridge began on Feb. 20.\n"], "bridge", 5, 1,
        date_from="2025-06-01")
    assert [str(d.date) for d in bounded.dates] == ["2025-06-11"]


def test_a_sentence_that_names_the_day_in_passing_does_not_tell_it(tmp_path: Path, spacy_nlp: Any) -> None:
    """Written for this test (new-user trial V): the fire's day is told by the report of the fire, not by a later
    arrest "ten days after the fire", and a lead that says when officials spoke still tells the fire's day."""
    s = _summary(tmp_path, [
        "date 2025-05-06\nA fire destroyed the Kelso textile mill in Brantwood on Monday night, killing two "
        "workers, fire officials said on Tuesday.\n",
        "date 2025-05-16\nPolice arrested the mill's owner, Gerald Kelso, on Thursday, ten days after a fire at "
        "the mill killed two workers.\n",
        "date 2025-05-20\nKelso was charged on Monday, two weeks after the Brantwood mill fire killed two "
        "workers.\n"], "Kelso mill fire", 3, 1)
    by_day = {str(d.date): d.sentences[0].text for d in s.dates if d.sentences}
    assert "2025-05-05" in by_day, by_day
    assert by_day["2025-05-05"].startswith("A fire destroyed the Kelso textile mill"), by_day


def test_an_entitys_summary_is_of_its_own_days(tmp_path: Path, spacy_nlp: Any) -> None:
    """Written for this test (new-user trial V): the days of a person's summary are those the sentences naming
    them refer to, not every day of the story their articles tell."""
    s = _summary(tmp_path, [
        "date 2025-05-06\nA fire destroyed the Larkin textile mill in Brantwood on Monday, killing two workers. "
        "Fire crews from three towns fought the blaze on Monday.\n",
        "date 2025-05-09\nMill owner Gerald Kelso met the families of the dead on Thursday. The fire on Monday "
        "was the worst in Brantwood for decades, the fire service said on Thursday.\n",
        "date 2025-05-21\nGerald Kelso resigned as chairman of the mill's parent company on Tuesday.\n"],
        None, 2, 1, entity="Gerald Kelso")
    assert [str(d.date) for d in s.dates] == ["2025-05-08", "2025-05-20"], [(d.date, d.sentences) for d in s.dates]


def test_an_entitys_summary_shows_only_sentences_that_name_it(tmp_path: Path, spacy_nlp: Any) -> None:
    """Written for this test (new-user trial W): no lead sentence without the entity, and no sentence whose own
    event is on another day ("resigned on Friday, eight days after the bank raised rates" is no sentence of the
    day the bank raised them)."""
    s = _summary(tmp_path, [
        "date 2025-10-10\nThe central bank of Norland raised its main rate on Thursday. Finance Minister Petra "
        "Aalto had called the rise a mistake on Wednesday.\n",
        "date 2025-10-18\nPetra Aalto resigned on Friday, eight days after the central bank raised its rate. The "
        "government named a new minister on Saturday.\n"], None, 5, 2, entity="Petra Aalto")
    shown = {str(d.date): [x.text for x in d.sentences] for d in s.dates}
    assert all("Aalto" in t for ts in shown.values() for t in ts), shown
    assert not any("resigned" in t for t in shown.get("2025-10-09", [])), shown


def test_a_day_the_articles_only_came_out_on_comes_after_every_day_they_refer_to(tmp_path: Path,
                                                                                spacy_nlp: Any) -> None:
    """A small story: its last article came out on a Sunday that nothing refers to; the hearing another sets for a
    day ahead is the key date (new-user trial X had the Sunday and not the pre-trial review)."""
    s = _summary(tmp_path, [
        "date 2026-03-06\nThe mill owner Ada Price was charged with fraud on Thursday, prosecutors said.\n",
        "date 2026-03-13\nAda Price was granted bail on Thursday. A review hearing will be held on April 14, the "
        "judge said.\n",
        "date 2026-03-29\nAda Price spoke only to enter her plea of not guilty to fraud during a short hearing at "
        "the county court.\n"],
        "Price fraud", 3, 1)
    assert [str(d.date) for d in s.dates] == ["2026-03-05", "2026-03-12", "2026-04-14"]


def test_a_day_a_correction_rules_out_is_no_key_date(tmp_path: Path, spacy_nlp: Any) -> None:
    """ "It opens on Nov. 6, not Nov. 8" (a correction, new-user trial AA) made Nov. 8 a key date."""
    s = _summary(tmp_path, [
        "date 2023-10-02\nThe Harlow fraud trial of Ana Pike opens on Nov. 6, not Nov. 8, the court said.\n",
        "date 2023-10-03\nThe fraud trial of Ana Pike will open on Nov. 6 in Harlow, not Nov. 8.\n"],
        "trial Pike", 3, 1)
    assert "2023-11-08" not in [str(d.date) for d in s.dates]
    assert "2023-11-06" in [str(d.date) for d in s.dates]


def test_the_day_of_a_plan_that_was_changed_is_no_key_date(tmp_path: Path, spacy_nlp: Any) -> None:
    """ "The regatta, set for Sunday, has been postponed to July 12" (new-user trial AE) made the Sunday a key date,
    and the new date none (the one sentence had gone to Sunday)."""
    s = _summary(tmp_path, [
        "date 2024-09-03\nThe Lakeside chess open, scheduled for Saturday, was postponed to Oct. 19 after a fire at "
        "the hall.\n",
        "date 2024-09-04\nThe county fair, set for Sept. 14, has been cancelled. The chess open will start on "
        "Oct. 19, its organisers said.\n"],
        "chess open fair", 3, 1)
    days = [str(d.date) for d in s.dates]
    assert "2024-09-07" not in days and "2024-09-14" not in days, days
    assert "2024-10-19" in days, days
    # the plans of earlier articles for the day that was given up count no more (new-user trial AF)
    (tmp_path / "moved").mkdir()
    s = _summary(tmp_path / "moved", [
        "date 2024-01-10\nThe Orton water levy goes to voters in a special election on March 5, the council decided "
        "on Tuesday.\n",
        "date 2024-02-02\nA judge on Thursday blocked the March 5 special election on the Orton water levy.\n",
        "date 2024-02-07\nThe council on Tuesday moved the Orton water levy election from March 5 to April 16.\n",
        "date 2024-03-20\nOrton voters decide the water levy on April 16. Early voting opens on April 2.\n"],
        "Orton water levy", 4, 1)
    days = [str(d.date) for d in s.dates]
    assert "2024-03-05" not in days, days
    assert "2024-04-16" in days and "2024-02-01" in days, days


def test_a_day_postponed_from_or_a_reporting_period_s_end_is_no_key_date(tmp_path: Path, spacy_nlp: Any) -> None:
    """New-user trial AJ: "The hearing had been postponed from June 12" and "in the three months ended Sept. 30"
    made key dates of days on which nothing happened (text written for this test)."""
    s = _summary(tmp_path, [
        "date 2025-07-02\nThe Senate hearing on the Dunmore dam failures will now take place on July 15, the "
        "committee said on Tuesday. The Dunmore dam hearing had been postponed from June 19.\n",
        "date 2025-10-30\nDunmore Power said on Wednesday that the dam failures cost it dearly. Dunmore dam "
        "repairs cut its profit in the three months ended Sept. 30 by half.\n"],
        "Dunmore dam", 6, 1)
    days = [str(d.date) for d in s.dates]
    assert "2025-06-19" not in days and "2025-09-30" not in days, days
    assert "2025-07-15" in days, days


def test_a_period_end_in_a_relative_clause_is_no_key_date(tmp_path: Path, spacy_nlp: Any) -> None:
    """ "its fiscal first quarter, which ended June 28" is the end of a reporting period as "the quarter ended June
    28" is (trial AK re-check made it a key date)."""
    s = _summary(tmp_path, [
        "date 2025-07-30\nHollin Mills said on Tuesday that sales rose. In its fiscal second quarter, which ended "
        "June 28, Hollin Mills earned $4 million.\n",
        "date 2025-08-06\nHollin Mills shares jumped on Monday after the results. The Hollin Mills quarter that "
        "ended June 28 was its best.\n"],
        "Hollin Mills", 4, 1)
    days = [str(d.date) for d in s.dates]
    assert "2025-06-28" not in days, days
    assert "2025-07-29" in days or "2025-08-04" in days, days


def test_a_day_named_only_with_its_night_is_a_key_date(tmp_path: Path, spacy_nlp: Any) -> None:
    """A game played "on Sunday night" is that Sunday's (new-user trial AM: a season's opener and its Game 7 were
    no key dates, and a store of one such article had none at all)."""
    s = _summary(tmp_path, [
        "date 2025-05-19\nThe Tarrow Comets lost to Boston on Sunday night in Game 7 of the semifinal.\n",
        "date 2025-05-23\nThe Tarrow Comets will hold a fan forum at the arena.\n"],
        "Tarrow Comets", 4, 1)
    days = [str(d.date) for d in s.dates]
    assert "2025-05-18" in days, days


def test_a_headline_is_no_sentence_of_the_summary() -> None:
    """The headline beside the lead it sums up read as a near-repeat in a summary (new-user trial AC): its event is
    the lead's, on the lead's day, but the lead says it; a sentence the parser ran on from it keeps its own part."""
    from newsline.corpus._summary_sentences import _story_sentence, story_start

    text = ("date 2025-10-26\nHarlow sack Brennan after derby rout\n\nHarlow Athletic sacked manager Tom Brennan on "
            "Saturday night.\n")
    header = text.index("Harlow")
    head_end = text.index("\n\n")
    story = story_start(text)
    assert story == head_end
    assert _story_sentence(text, header, head_end, story) is None
    found = _story_sentence(text, header, len(text) - 1, story)
    assert found is not None and found[1].startswith("Harlow Athletic sacked"), found


def test_an_articles_news_day_outranks_another_day_it_names(tmp_path: Path, spacy_nlp: Any) -> None:
    """In a small store each day has one source: the day the lead tells (the news the article brings: the report
    came out on Wednesday) is the key date before a day a later sentence names ("was tested on Monday"; trial AP
    had the days of the preliminary and final reports left out)."""
    s = _summary(tmp_path, [
        "date 2025-04-02\nA gas explosion destroyed a warehouse in Tarnby on Tuesday, injuring six workers.\n",
        "date 2025-06-12\nInvestigators published their first report on the Tarnby explosion on Wednesday. The "
        "faulty valve was tested by the plant's engineers on Monday, the report said.\n"],
        "Tarnby explosion", 2, 1)
    assert [str(d.date) for d in s.dates] == ["2025-04-01", "2025-06-11"]


def test_an_announcement_in_a_lead_that_names_no_other_day_is_a_key_date(tmp_path: Path, spacy_nlp: Any) -> None:
    """Written for this test (new-user trial AT: a chief executive's departure, announced "on Monday", had no
    date in her summary): a lead whose news is what was said on a day makes that day a key date; a lead that
    tells the day of what happened keeps that day ("said on Tuesday that the river flooded homes on Sunday")."""
    s = _summary(tmp_path, [
        "date 2026-03-11\nOrvell Foods said on Monday that its chairman, Pieter Lund, will retire at the end of "
        "the year. The company has not named a successor.\n",
        "date 2026-03-20\nOrvell Foods shares fell after Pieter Lund's retirement plan was announced.\n"],
        None, 1, 1, entity="Pieter Lund")
    assert [str(d.date) for d in s.dates] == ["2026-03-09"], s.dates
    assert s.dates[0].sentences[0].text.startswith("Orvell Foods said on Monday"), s.dates


def test_a_day_told_only_at_a_clock_time_still_has_its_sentence(tmp_path: Path, spacy_nlp: Any) -> None:
    """Written for this test (new-user trial AT lost an arrest's day): the lead that names the day names another too,
    and the only other sentence that tells it, of the query's man, tells it at a clock time ("at about 6 a.m.
    Monday"); that day keeps its place with that sentence."""
    s = _summary(tmp_path, [
        "date 2026-04-08\nPolice in Dunmore arrested a 29-year-old man on Monday over a warehouse fire that "
        "killed a guard late on Saturday. "
        "Aaron Vickery was taken into custody at his sister's home at about 6 a.m. Monday, police said. "
        "Vickery is due in court on Friday.\n"], "Vickery", 2, 1)
    by_day = {str(d.date): d.sentences[0].text for d in s.dates if d.sentences}
    assert "2026-04-06" in by_day, by_day
    assert by_day["2026-04-06"].startswith("Aaron Vickery was taken into custody"), by_day
