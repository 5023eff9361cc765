"""CAT documents whose CREATION_TIME is not ISO: the date line settles it or the document goes on without a
DCT and says why; one bad document does not stop a corpus (the reader, scripts/semeval_track_a.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsline._model import AnnotatedDocument
from newsline.errors import DateError, InputError
from newsline.evaluation._semeval import parse_cat, read_cat_dir

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "semeval_track_a.py"


def cat(value: str, dateline: str = "April 7 , 2012", doc_id: str = "42") -> str:
    """A tiny CAT document: a title (sentence 0), a date line (sentence 1), a sentence, a CREATION_TIME."""
    sentences = ["Fire at the mill", dateline, "The fire started on Friday ."]
    tokens, n = [], 0
    for s, sentence in enumerate(sentences):
        for word in sentence.split():
            n += 1
            tokens.append(f'<token t_id="{n}" sentence="{s}" number="{n - 1}">{word}</token>')
    return (f'<?xml version="1.0" ?><Document doc_id="{doc_id}" doc_name="{doc_id}-Fire" src_url="http://x">\n'
            + "\n".join(tokens)
            + f'\n<Markables><TIMEX3 m_id="9" type="DATE" value="{value}" functionInDocument="CREATION_TIME"/>'
            "</Markables></Document>")


def test_an_iso_creation_time_is_kept_as_it_is() -> None:
    doc = parse_cat(cat("2012-04-07"))
    assert (doc.dct, doc.dct_warning) == ("2012-04-07", None)
    assert parse_cat(cat("2012-04-07T08:00:00")).dct == "2012-04-07T08:00:00"


@pytest.mark.parametrize(
    ("value", "dateline", "dct"),
    [
        ("07-04-2012", "April 7 , 2012", "2012-04-07"),  # the date line settles the day-month order
        ("07-04-2012", "July 4 , 2012", "2012-07-04"),
        ("07/04/2012", "Saturday , 7 April 2012", "2012-04-07"),
        ("April 07, 2012", "Apple news", "2012-04-07"),  # unambiguous by itself
        ("13.04.2012", "Apple news", "2012-04-13"),
    ],
)
def test_a_creation_time_that_is_not_iso_gets_its_date(value: str, dateline: str, dct: str) -> None:
    doc = parse_cat(cat(value, dateline))
    assert (doc.dct, doc.dct_warning) == (dct, None)
    assert doc.timexes[0].value == value  # the markable keeps what the file says


@pytest.mark.parametrize(
    ("value", "dateline", "why"),
    [
        ("07-04-2012", "Apple news", "is ambiguous (7 April 2012 or July 4, 2012) and the text does not settle it"),
        ("07-04-2012", "April 7 and July 4", "the text names both"),
        ("31/02/2012", "April 7 , 2012", "February 2012 has no day 31"),
        ("yesterday", "April 7 , 2012", "is not usable"),
    ],
)
def test_otherwise_the_document_goes_on_without_a_dct_and_says_why(value: str, dateline: str, why: str) -> None:
    doc = parse_cat(cat(value, dateline), "f.xml")
    assert doc.dct is None
    assert doc.dct_warning is not None and why in doc.dct_warning
    assert doc.events == () and len(doc.tokens) > 3  # the rest of the document is read as ever


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_a_bad_file_is_left_out_when_problems_are_collected(tmp_path: Path) -> None:
    folder = write(tmp_path / "cat", {"a.xml": cat("2012-04-07", doc_id="1"), "b.xml": "<Document doc_id='2'>",
                                      "c.xml": cat("07-04-2012", "Apple news", doc_id="3")})
    with pytest.raises(InputError, match="b.xml: not well-formed XML"):
        read_cat_dir(folder)  # as ever without a list
    problems: list[str] = []
    docs = read_cat_dir(folder, problems)
    assert [(d.doc_id, d.dct) for d in docs] == [("1", "2012-04-07"), ("3", None)]
    assert len(problems) == 1 and "b.xml: not well-formed XML" in problems[0] and "left out" in problems[0]


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("semeval_track_a", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_the_track_a_runner_goes_on_past_bad_documents(tmp_path: Path, script: ModuleType,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write(tmp_path / "cat", {
        "1.xml": cat("07-04-2012", doc_id="1"),  # settled by its date line
        "2.xml": cat("07-04-2012", "Apple news", doc_id="2"),  # ambiguous: no DCT, one warning
        "3.xml": "not XML",  # left out, one warning
        "4.xml": cat("2012-04-08", doc_id="4"),  # its annotation fails: left out, one warning
    })
    docs = script.read_documents(folder)
    err = capsys.readouterr().err
    assert [(d.doc_id, d.dct) for d in docs] == [("1", "2012-04-07"), ("2", None), ("4", "2012-04-08")]
    lines = err.splitlines()
    assert len(lines) == 2 and all(x.startswith("semeval_track_a: warning: ") for x in lines)
    assert "3.xml" in err and "2-Fire: document date '07-04-2012' is ambiguous" in err

    import newsline.events._annotate as annotate_module

    seen: list[tuple[str | None, object]] = []

    def fake(text: str, dct: object, *, doc_id: str | None = None) -> AnnotatedDocument:
        seen.append((doc_id, dct))
        if doc_id == "4":
            raise DateError("something wrong with this one")
        return AnnotatedDocument(text, None, id=doc_id)

    monkeypatch.setattr(annotate_module, "annotate", fake)
    db = tmp_path / "trial.duckdb"
    script.ingest_cat(docs, db)
    assert seen == [("1", "2012-04-07"), ("2", None), ("4", "2012-04-08")]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "4-Fire: cannot be annotated (something wrong with this one); left out" in err
    from newsline.corpus._store import Store

    with Store.open(db, read_only=True) as store:
        assert set(store.known()) == {"1", "2"}
