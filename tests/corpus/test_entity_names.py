"""An entity found however articles name it: short forms, nicknames, acronyms, a leading 'the', a generic
head, descriptions and possessives; and not the events of another entity that shares a word.

``names_corpus/`` holds eight short articles written for these tests (markets, central banks, a company,
a football club and an airline that share the word "United")."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from newsline.corpus._entity_aliases import UnknownEntityError, resolve_entity
from newsline.corpus._entity_names import SHORT_NAMES, NameStat, acronyms, build_aliases, name_key, written_forms
from newsline.corpus._entity_timeline import entity_timeline
from newsline.corpus._store import Store

CORPUS = Path(__file__).with_name("names_corpus")


# ---------------------------------------------------------------- keys, acronyms, the short-name data


@pytest.mark.parametrize(("name", "key"), [
    ("the S&P 500 index", "s&p 500"),
    ("S&P 500", "s&p 500"),
    ("the Volkswagen Group", "volkswagen"),
    ("International Business Machines Corp.", "international business machines"),
    ("the index", "index"),  # nothing left to name: the head stays
    ("the Federal Reserve", "federal reserve"),
])
def test_keys_drop_article_suffix_and_generic_head(name: str, key: str) -> None:
    assert name_key(name, "ORG") == key


def test_acronyms_with_and_without_small_words() -> None:
    assert acronyms("international business machines") == ("ibm",)
    assert acronyms("bank of england") == ("be", "boe")
    assert acronyms("european central bank") == ("ecb",)
    assert acronyms("fed") == () and acronyms("s&p 500") == ()


def test_short_name_data_is_general_and_every_entry_has_an_example() -> None:
    data = tomllib.loads(SHORT_NAMES.read_text(encoding="utf-8"))
    assert data["name"]
    for entry in data["name"]:
        assert entry["full"] and entry["short"], entry
        example = entry["example"].lower()
        assert any(n.lower() in example for n in entry["short"]), entry  # the example uses a short form
    written = " ".join(str(v) for e in data["name"] for v in (e["full"], *e["short"])).lower()
    for trial_word in ("apple", "iphone", "ipod", "itunes", "jobs", "beatles"):  # the SemEval trial's targets
        assert trial_word not in written


def test_written_forms() -> None:
    assert written_forms("the S&P 500 index")[:2] == ("the S&P 500 index", "S&P 500")
    assert "single currency" in written_forms("euro")
    assert "Federal Reserve" in written_forms("the Fed")


def stat(i: int, name: str, label: str | None, *docs: str) -> NameStat:
    return NameStat(i, name, label, 1, frozenset(docs))


def clusters(rows: list[NameStat]) -> dict[str, str]:
    return {r.alias: r.cluster for r in build_aliases(rows)}


def test_acronyms_and_short_names_join_their_full_name() -> None:
    got = clusters([
        stat(1, "International Business Machines Corp.", "ORG", "a"), stat(2, "IBM", "ORG", "b"),
        stat(3, "European Central Bank", "ORG", "c"), stat(4, "ECB", "ORG", "c"),
        stat(5, "Bank of England", "ORG", "d"), stat(6, "BoE", "ORG", "d"),
        stat(7, "Federal Reserve", "ORG", "e"), stat(8, "Fed", "ORG", "f"),
        stat(9, "S&P 500 index", "ORG", "g"), stat(10, "the S&P 500", "ORG", "h"),
    ])
    assert got["ibm"] == "international business machines"
    assert got["ecb"] == "european central bank" and got["boe"] == "bank of england"
    assert got["fed"] == "federal reserve" and got["s&p 500"] == "s&p 500"


def test_a_country_before_an_organisations_name_is_the_same_organisation() -> None:
    # written for this test (new-user trial V split the CSB into "U.S. Chemical Safety Board" and the rest)
    got = clusters([
        stat(1, "U.S. Mine Safety Agency", "ORG", "a"), stat(2, "Mine Safety Agency", "ORG", "b"),
        stat(3, "MSA", "ORG", "c"), stat(4, "US Steel", "ORG", "d"), stat(5, "UK Border Force", "ORG", "e"),
    ])
    assert got["u.s. mine safety agency"] == got["mine safety agency"] == got["msa"]
    assert got["us steel"] == "us steel"  # one word left: no other organisation
    assert got["uk border force"] == "uk border force"  # no "Border Force" stored: as it is


def test_a_place_is_no_short_name_of_its_institutions_and_a_firm_keeps_its_short_name() -> None:
    # the examples of lang/en/place_institutions.toml, as the recognizer labels them, and names written for this
    import tomllib

    from newsline.corpus._entity_names import PLACE_INSTITUTIONS

    examples = tomllib.loads(PLACE_INSTITUTIONS.read_text(encoding="utf-8"))["example"]
    assert {e["short"] for e in examples} == {"Westland", "Meridian", "German", "Lincoln Elementary", "Norland"}
    got = clusters([stat(1, "Westland", "GPE", "a"), stat(2, "Westland University", "ORG", "a"),
                    stat(3, "Meridian", "GPE", "b"), stat(4, "Meridian Motors", "ORG", "b"),
                    stat(5, "Harrow", "GPE", "c"), stat(6, "Harrow County", "GPE", "c"),
                    stat(7, "Lorne", "LOC", "d"), stat(8, "Lorne Valley", "LOC", "d"),
                    stat(9, "German", "NORP", "e"), stat(10, "German Weather Service", "ORG", "e"),
                    stat(11, "Norland", "GPE", "f"), stat(12, "Norland Gazette", "ORG", "f"),
                    stat(13, "Kelby", "GPE", "g"), stat(14, "Kelby Echo", "ORG", "g")])
    assert got["norland"] == "norland"  # a region is no short name of its newspaper (new-user trial AV)
    assert got["kelby"] == "kelby"  # re-check trial AW
    assert got["westland"] == "westland" and got["westland university"] == "westland university"
    assert got["german"] == "german"  # a nationality is no short name of its country's service (trial W)
    assert got["meridian"] == "meridian motors"
    assert got["harrow"] == "harrow" and got["lorne"] == "lorne"  # a county, a valley: another place


def test_an_institution_is_no_short_name_of_one_of_its_bodies() -> None:
    # "the Senate passed the bill ... the Senate Health Committee" (new-user trial AR had the Senate's vote as the
    # committee's); names written for this test
    got = clusters([stat(1, "Senate", "ORG", "a"), stat(2, "Senate Health Committee", "ORG", "a"),
                    stat(3, "House", "ORG", "b"), stat(4, "House Judiciary Committee", "ORG", "b"),
                    stat(5, "Halvern", "ORG", "c"), stat(6, "Halvern Bank", "ORG", "c")])
    assert got["senate"] == "senate" and got["house"] == "house"
    assert got["halvern"] == "halvern bank"


def test_a_name_without_its_institutions_head_joins_the_full_name() -> None:
    # "Lincoln Elementary School ... Lincoln Elementary" (new-user trial AR kept the two apart); names written for
    # this test: not a street for its bridge, not a place for its school, not when two schools fit
    got = clusters([stat(1, "Lincoln Elementary School", "ORG", "a"), stat(2, "Lincoln Elementary", "ORG", "a"),
                    stat(3, "Lincoln Elementary", "ORG", "b"), stat(4, "Brantford General Hospital", "ORG", "c"),
                    stat(5, "Brantford General", "ORG", "c"), stat(6, "Harbor Street Bridge", "FAC", "d"),
                    stat(7, "Harbor Street", "FAC", "d"), stat(8, "North Harlow", "GPE", "e"),
                    stat(9, "North Harlow School", "ORG", "e"), stat(10, "Oak Park", "ORG", "f"),
                    stat(11, "Oak Park School", "ORG", "f"), stat(12, "Oak Park Library", "ORG", "f")])
    assert got["lincoln elementary"] == "lincoln elementary school"
    assert got["brantford general"] == "brantford general hospital"
    assert got["harbor street"] == "harbor street"
    assert got["north harlow"] == "north harlow"
    assert got["oak park"] == "oak park"


def test_an_acronym_an_article_gave_in_brackets_joins_that_name() -> None:
    # written for this test (new-user trial W: "The German Weather Service (DWD)" in one article, "DWD" in others)
    from newsline.corpus._entity_names import build_aliases

    stats = [stat(1, "Norland Weather Service", "ORG", "a"), stat(2, "NWX", "ORG", "b"), stat(3, "NWX", "ORG", "c")]
    got = {r.alias: r.cluster for r in build_aliases(stats, {"nwx": "norland weather service"})}
    assert got["nwx"] == "norland weather service"
    assert {r.alias: r.cluster for r in build_aliases(stats)}["nwx"] == "nwx"  # not declared: alone


def test_an_acronym_of_two_names_or_not_written_as_one_stays_alone() -> None:
    got = clusters([stat(1, "Bank of England", "ORG", "a"), stat(2, "Bank of Estonia", "ORG", "b"),
                    stat(3, "BoE", "ORG", "c"), stat(4, "European Central Bank", "ORG", "d"),
                    stat(5, "Ecb", "ORG", "e")])
    assert got["boe"] == "boe"  # two banks have the initials
    assert got["ecb"] == "ecb"  # "Ecb" is no acronym as written


def test_a_surname_joins_its_person_though_ner_made_an_organisation_of_a_coordination() -> None:
    # "Governor Linda Marsh ... Marsh said ... Marsh and Okafor" (NER: one ORG): "Marsh", mostly a person, is
    # Linda Marsh's; a short name mostly an organisation still joins the organisation it begins
    got = clusters([stat(1, "Linda Marsh", "PERSON", "a"), stat(2, "Marsh", "PERSON", "a"),
                    stat(3, "Marsh", "PERSON", "a"), stat(4, "Marsh", "ORG", "a"),
                    stat(5, "Marsh and Okafor", "ORG", "a"),
                    stat(6, "Crestline Media", "ORG", "b"), stat(7, "Crestline", "ORG", "b"),
                    stat(8, "Ella Crestline", "PERSON", "c")])
    assert got["marsh"] == "linda marsh" and got["marsh and okafor"] == "marsh and okafor"
    assert got["crestline"] == "crestline media"


def test_a_short_name_of_an_organisation_is_not_taken_by_a_coordination_ner_made_one_name() -> None:
    # "Harrow Ferries ... Harrow and Cobb Marine were sued ... Harrow said" (trial AP: "Pinecrest" stayed apart
    # from "Pinecrest Airlines" because NER's "Pinecrest and Embraer" also began with it)
    got = clusters([stat(1, "Harrow Ferries", "ORG", "a"), stat(2, "Harrow Ferries", "ORG", "b"),
                    stat(3, "Harrow and Cobb Marine", "ORG", "c"), stat(4, "Harrow", "ORG", "c")])
    assert got["harrow"] == "harrow ferries"


# ---------------------------------------------------------------- the corpus, annotated


@pytest.fixture(scope="module")
def names_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("spacy")
    from newsline.corpus._ingest import ingest
    from newsline.errors import NewslineError

    db = tmp_path_factory.mktemp("names") / "news.duckdb"
    try:
        report = ingest([CORPUS], db, out=sys.stderr)
    except NewslineError as exc:
        pytest.skip(str(exc))
    assert report.stored == 8
    return db


def events_of(db: Path, name: str, *, text_match: bool = False) -> set[tuple[str, str]]:
    """(article, event word) of every report on the entity's timeline."""
    with Store.open(db, read_only=True) as store:
        tl = entity_timeline(store, name, text_match=text_match, sentences=False)
    return {(Path(s.doc_id).stem[11:], s.text) for e in tl.entries for s in e.sources}


FED = {("stocks-record", "raise"), ("fed-holds", "held"), ("fed-holds", "said")}
IBM = {("ibm-results", "reported"), ("ibm-results", "said"), ("ibm-results", "rose")}
ECB = {("ecb-bonds", "kept"), ("ecb-bonds", "said"), ("boe-holds", "meets")}
BOE = {("ecb-bonds", "expected"), ("boe-holds", "held"), ("boe-holds", "warned")}
CLUB = {("united-win", "beat"), ("united-win", "came"), ("united-win", "play"), ("united-fixture", "lost"),
        ("united-fixture", "won")}
AIRLINE = {("airline-cuts", "cut"), ("airline-cuts", "said"), ("airline-cuts", "fell")}


@pytest.mark.parametrize(("names", "want", "not_of"), [
    (["the Federal Reserve", "Federal Reserve", "the Fed", "Fed"], FED, BOE | ECB),
    (["International Business Machines Corp.", "International Business Machines", "IBM", "Big Blue"], IBM,
     {("ibm-results", "resigned"), ("ibm-results", "joined")}),
    (["the European Central Bank", "European Central Bank", "ECB"], ECB, BOE),
    (["the Bank of England", "Bank of England", "BoE"], BOE, ECB | FED),
    (["Manchester United", "Man Utd"], CLUB, AIRLINE),
    (["United Airlines"], AIRLINE, CLUB),
])
def test_every_form_of_a_name_gives_the_entitys_events_and_no_others(names_db: Path, names: list[str],
                                                                      want: set[tuple[str, str]],
                                                                      not_of: set[tuple[str, str]]) -> None:
    for name in names:
        got = events_of(names_db, name)
        assert want <= got, (name, want - got)
        assert not got & not_of, (name, got & not_of)


@pytest.mark.parametrize(("names", "want", "not_of"), [
    (["the Dow Jones Industrial Average", "the Dow", "Dow"],
     {("stocks-record", "jumped"), ("stocks-record", "closed"), ("fed-holds", "rose")}, FED),
    (["the S&P 500 index", "the S&P 500", "S&P 500"], {("stocks-record", "gained"), ("stocks-record", "ended")},
     FED),
    (["the euro", "euro", "the single currency"],
     {("ecb-bonds", "slipped"), ("ecb-bonds", "gained"), ("boe-holds", "rose")}, ECB | BOE),
])
def test_names_ner_misses_are_found_as_written(names_db: Path, names: list[str], want: set[tuple[str, str]],
                                               not_of: set[tuple[str, str]]) -> None:
    for name in names:
        got = events_of(names_db, name, text_match=True)
        assert want <= got, (name, want - got)
        assert not got & not_of, (name, got & not_of)


def test_pronouns_descriptions_and_subject_possessives(names_db: Path) -> None:
    assert ("ibm-results", "joined") in events_of(names_db, "Mira Castellano")  # "She joined a rival"
    assert ("fed-holds", "said") in FED  # "The central bank said": in FED above
    assert ("ibm-results", "rose") in events_of(names_db, "IBM")  # "its shares rose"
    assert ("airline-cuts", "flies") in events_of(names_db, "United Airlines")  # "The carrier flies"


def test_a_short_form_two_entities_share_is_ambiguous(names_db: Path) -> None:
    """"United" is the club in a match report and the airline in a business story: typed alone, with both
    in the corpus, it names no one entity; the error suggests both full names."""
    with Store.open(names_db, read_only=True) as store:
        with pytest.raises(UnknownEntityError) as err:
            resolve_entity(store, "United")
        assert {"Manchester United", "United Airlines"} <= set(err.value.suggestions)
        assert resolve_entity(store, "Manchester United").name == "Manchester United"


def test_a_surname_names_the_one_full_name_among_titled_forms(tmp_path: Path) -> None:
    """"Delaney" with "Marcus Delaney" and "ex-Halvorsen CFO Delaney" stored (a role the recognizer took into
    the name): the two-word name, not an ambiguity (texts written for this test)."""
    from newsline.corpus._ingest import ingest

    (tmp_path / "a.txt").write_text("date 2024-03-12\nProsecutors charged Marcus Delaney with fraud on Tuesday.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2024-03-15\nThe lawyer for ex-Halvorsen CFO Delaney said on Friday that "
                                    "he would plead not guilty.\n", encoding="utf-8")
    db = tmp_path / "d.duckdb"
    ingest([tmp_path / "a.txt", tmp_path / "b.txt"], db, out=sys.stderr)
    with Store.open(db, read_only=True) as store:
        names = {str(n) for (n,) in store.execute("SELECT name FROM entities")}
        if not {"Marcus Delaney", "ex-Halvorsen CFO Delaney"} <= names:
            pytest.skip(f"the recognizer found other names: {sorted(names)}")
        assert resolve_entity(store, "Delaney").name == "Marcus Delaney"
        assert resolve_entity(store, "delaney").name == "Marcus Delaney"


def test_a_saints_name_joins_its_hospital_and_keeps_its_possessive() -> None:
    # trial AS: "St. Luke's Hospital" (NER: a place) and "St. Luke's" (NER: the person "St. Luke") stayed apart,
    # shown as "St. Luke Hospital"; names written for this test
    from newsline.corpus._entity_names import build_aliases

    rows = build_aliases([stat(1, "St. Brigid's Hospital", "GPE", "a"), stat(2, "St. Brigid", "PERSON", "a"),
                          stat(3, "St. Brigid", "PERSON", "b"), stat(4, "St. Brigid's Hospital", "ORG", "b"),
                          stat(5, "Brigid Moran", "PERSON", "c"), stat(6, "Moran", "PERSON", "c")])
    got = {r.alias: r.cluster for r in rows}
    assert got["st. brigid"] == got["st. brigid hospital"]
    assert got["brigid moran"] != got["st. brigid hospital"]
    assert any(r.name == "St. Brigid's Hospital" for r in rows), {r.name for r in rows}
