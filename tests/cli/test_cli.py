"""The ``newsline`` command line, run in-process (plus subprocess smoke tests)."""

from __future__ import annotations

import io
import json
import re
import resource
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import newsline
from newsline import cli
from newsline.cli._output import Progress, Writer, json_chunks
from newsline.cli._tag import TagOptions, tag_jsonl
from newsline.timeml import parse_timeml

CELEBRITY = (
    "date 2020-10-16 Two weeks after the couple announced on Instagram that they had lost "
    "the baby on Sept. 30, the singer dedicated a song to his wife at the awards on "
    "Wednesday, Oct. 14. Hours later, he wrote a message. \"We promised each other this on "
    'our wedding day seven years ago," he wrote.'
)

# A small hand-written TimeML document: other tags, entities, a DCT and gold TIMEX3s.
TIMEML = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">

<DOCID>NL20201016.0001</DOCID>

<DCT><TIMEX3 tid="t0" type="DATE" value="2020-10-16" temporalFunction="false" \
functionInDocument="CREATION_TIME">2020-10-16</TIMEX3></DCT>

<TITLE>Mills &amp; bakers</TITLE>

<TEXT>
Harbor Mills &amp; Co. <EVENT eid="e1" class="REPORTING">said</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="2020-10-14">Wednesday</TIMEX3> that sales \
<EVENT eid="e2" class="OCCURRENCE">rose</EVENT> in the \
<TIMEX3 tid="t2" type="DATE" value="2020-Q3">third quarter</TIMEX3> &lt;unaudited&gt;.
The plant <EVENT eid="e3" class="OCCURRENCE">closed</EVENT> on \
<TIMEX3 tid="t3" type="DATE" value="2020-09-30">Sept. 30</TIMEX3>.
</TEXT>

<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
</TimeML>
"""

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Run:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def one_error_line(err: str) -> str:
    """The stderr of a failed command: exactly one line ``newsline: error: ...``."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newsline: error: ")
    assert "Traceback" not in err
    return lines[0]


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


# --- tag: plain text --------------------------------------------------------------------


def test_text_listing_has_a_header_with_the_dct(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", CELEBRITY)
    code, out, err = run(capsys, "tag", path)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == str(path)
    assert lines[1] == "  DCT 2020-10-16 (Friday, from the date header)"
    assert err == ""


def test_text_listing_says_when_the_dct_is_unknown(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    code, out, _ = run(capsys, "tag", write(tmp_path, "a.txt", "It rained on Oct. 14."))
    assert code == 0
    assert "DCT unknown: year-relative values stay underspecified" in out
    assert "give --dct YYYY-MM-DD" in out  # and how to give one (new-user trial O)


def test_dct_option_overrides_the_header(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", CELEBRITY)
    code, out, _ = run(capsys, "tag", path, "--dct", "2021-03-01", "--format", "json")
    assert code == 0
    assert json.loads(out)["dct"] == "2021-03-01"
    code, out, _ = run(capsys, "tag", path, "--dct", "2021-03-01")
    assert "DCT 2021-03-01 (Monday, from --dct)" in out


def test_json_for_one_file_is_a_document(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", CELEBRITY)
    code, out, _ = run(capsys, "tag", path, "--format", "json", "--id", "doc-1")
    assert code == 0
    doc = json.loads(out)
    assert doc["id"] == "doc-1"
    assert doc["dct"] == "2020-10-16"
    assert isinstance(doc["timexes"], list)
    for t in doc["timexes"]:
        assert CELEBRITY[t["start"] : t["end"]] == t["text"]


def test_json_for_several_files_is_a_list_in_order(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", CELEBRITY)
    b = write(tmp_path, "b.txt", "date 2019-01-02 Nothing to see.")
    code, out, _ = run(capsys, "tag", a, b, "--format", "json")
    assert code == 0
    docs = json.loads(out)
    assert [d["id"] for d in docs] == [str(a), str(b)]
    assert [d["dct"] for d in docs] == ["2020-10-16", "2019-01-02"]


def test_jsonl_for_text_files_is_one_line_each(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", CELEBRITY)
    b = write(tmp_path, "b.txt", "No dates.")
    code, out, _ = run(capsys, "tag", a, b, "--format", "jsonl")
    assert code == 0
    assert [d["id"] for d in jsonl(out)] == [str(a), str(b)]


def test_stdin_text(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, CELEBRITY.encode())
    code, out, _ = run(capsys, "tag", "-", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["dct"] == "2020-10-16"
    assert "id" not in doc
    code, out, _ = run(capsys, "tag", "-")
    assert out.startswith("<stdin>\n")


def test_empty_text_gives_an_empty_result(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", "")
    code, out, err = run(capsys, "tag", path, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"id": str(path), "dct": None, "timexes": []}
    code, out, _ = run(capsys, "tag", path)
    assert code == 0
    assert "no time expressions found" in out


def test_text_without_dates_gives_an_empty_result(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    path = write(tmp_path, "plain.txt", "date 2020-10-16 The cat sat on the mat and purred.")
    code, out, _ = run(capsys, "tag", path, "--format", "json")
    assert code == 0
    assert json.loads(out)["timexes"] == []


def test_a_20_mb_document_works_with_sane_memory(tmp_path: Path) -> None:
    # news-like density: one short dated paragraph among several without dates
    filler = "The council met and the members spoke at length about roads, schools and parks. " * 12
    paragraph = CELEBRITY[len("date 2020-10-16 ") :] + "\n\n" + filler + "\n\n"
    body = paragraph * (20_000_000 // len(paragraph) + 1)
    path = write(tmp_path, "big.txt", "date 2020-10-16 " + body)
    done = subprocess.run(
        [sys.executable, "-m", "newsline", "tag", str(path), "--format", "jsonl"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    if sys.platform.startswith("linux"):  # ru_maxrss is in KiB there
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        assert peak_mib < 1024, f"tagging 20 MB took {peak_mib:.0f} MiB"


# --- tag: errors are one line and exit 2 ------------------------------------------------


def test_missing_file_says_it_does_not_exist(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "tag", "missing.txt")
    assert (code, out) == (2, "")
    assert one_error_line(err) == "newsline: error: missing.txt: file does not exist"


def test_directory_given_as_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "tag", tmp_path)
    assert code == 2
    assert "is a directory" in one_error_line(err)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("Caf\u00e9 opened on Sept. 30".encode("latin-1"), "not UTF-8"),
        (b"date 2020-13-45 The shop opened.", "2020-13-45"),
        (b"date 2020-02-30 The shop opened.", "2020-02-30"),
    ],
    ids=["binary", "latin1", "bad-header-month", "impossible-header-day"],
)
def test_unusable_text_input(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             content: bytes, message: str) -> None:
    path = write(tmp_path, "bad.txt", content)
    code, out, err = run(capsys, "tag", path)
    assert (code, out) == (2, "")
    line = one_error_line(err)
    assert str(path) in line
    assert message in line


@pytest.mark.parametrize("dct", ["2020-02-30", "2020-13-01", "16.10.2020", "yesterday"])
def test_impossible_dct_option(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                               dct: str) -> None:
    path = write(tmp_path, "a.txt", "Nothing.")
    code, out, err = run(capsys, "tag", path, "--dct", dct)
    assert (code, out) == (2, "")
    assert dct in one_error_line(err)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<?xml version='1.0'?><TimeML><TEXT>On <TIMEX3>Friday</TEXT></TimeML>", "well-formed"),
        ("<?xml version='1.0'?><TimeML><DOCID>x</DOCID></TimeML>", "no <TEXT>"),
        ("<TimeML><TEXT>cut off", "well-formed"),
    ],
)
def test_malformed_timeml(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                          content: str, message: str) -> None:
    path = write(tmp_path, "bad.tml", content)
    code, out, err = run(capsys, "tag", path)
    assert (code, out) == (2, "")
    line = one_error_line(err)
    assert str(path) in line
    assert message in line


def test_one_bad_file_among_good_ones(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", CELEBRITY)
    code, out, err = run(capsys, "tag", good, tmp_path / "gone.txt", "--format", "jsonl")
    assert code == 2
    assert [d["id"] for d in jsonl(out)] == [str(good)]
    assert "gone.txt: file does not exist" in one_error_line(err)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.txt", "b.txt", "--id", "x"], "--id names one document"),
        (["a.jsonl", "--id", "x"], "--id names one document"),
        (["a.txt", "b.txt", "--format", "timeml"], "needs --out DIR"),
        (["a.jsonl", "--format", "timeml"], "cannot be used with JSON Lines"),
        (["-", "-"], "only once"),
    ],
)
def test_options_that_do_not_go_together(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch, args: list[str],
                                         message: str) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt", "a.jsonl"):
        write(tmp_path, name, "")
    code, out, err = run(capsys, "tag", *args)
    assert (code, out) == (2, "")
    assert message in one_error_line(err)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["tag"], ["tag", "a.txt", "--format", "xml"], ["bench", "--limit", "0"],
                 ["frobnicate"]):
        with pytest.raises(SystemExit) as info:
            cli.main(argv)
        assert info.value.code == 2
    assert cli.main([]) == 2
    assert "usage:" in capsys.readouterr().err


# --- tag: JSON Lines --------------------------------------------------------------------

RECORDS = [
    json.dumps({"id": "r1", "text": "The plant closed on Sept. 30.", "dct": "2020-10-16"}),
    "{not json",
    json.dumps({"id": "r3", "text": "No date given."}),
    "",
    json.dumps({"id": "r5", "text": "Opened Friday.", "dct": "2020-02-30"}),
    json.dumps({"id": "r6", "dct": "2020-10-16"}),
    json.dumps({"id": "r7", "text": "Closed today.", "dct": None}),
]


def test_jsonl_one_line_per_record_in_order_with_error_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "in.jsonl", "\n".join(RECORDS) + "\n")
    code, out, err = run(capsys, "tag", path)
    assert code == 0
    rows = jsonl(out)
    assert [r["id"] for r in rows] == ["r1", None, "r3", "r5", "r6", "r7"]
    assert rows[0]["dct"] == "2020-10-16"
    assert rows[2]["dct"] is None
    assert rows[2]["timexes"] == []
    errors = {r["line"]: r for r in rows if "error" in r}
    assert sorted(errors) == [2, 5, 6]
    assert errors[2]["error"].startswith("not JSON")
    assert "2020-02-30" in errors[5]["error"]
    assert errors[5]["id"] == "r5"
    assert 'no "text"' in errors[6]["error"]
    assert err.splitlines() == [
        f"newsline: {path}: 3 records tagged, 3 with errors (first: line 2: "
        f"{errors[2]['error']})"
    ]
    assert "\r" not in err  # no progress counter when stderr is not a terminal


def test_jsonl_where_no_line_succeeds_exits_2(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", "{bad\n[1]\n")
    code, out, err = run(capsys, "tag", path)
    assert code == 2
    assert [r["line"] for r in jsonl(out)] == [1, 2]
    assert "none of the 2 lines could be tagged" in one_error_line(err)


def test_jsonl_non_utf8_line_is_an_error_line(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": "x"}).encode()
    path = write(tmp_path, "in.jsonl", b'{"id": "x", "text": "caf\xe9"}\n' + good + b"\n")
    code, out, _ = run(capsys, "tag", path)
    assert code == 0
    rows = jsonl(out)
    assert "not UTF-8" in rows[0]["error"]
    assert rows[1]["id"] == "ok"


def test_empty_jsonl_is_fine(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "tag", write(tmp_path, "in.jsonl", ""))
    assert (code, out) == (0, "")
    assert "0 records tagged" in err


def test_jsonl_dct_option_overrides_records(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", RECORDS[0] + "\n" + RECORDS[2] + "\n")
    code, out, _ = run(capsys, "tag", path, "--dct", "2021-01-01")
    assert code == 0
    assert [r["dct"] for r in jsonl(out)] == ["2021-01-01", "2021-01-01"]


def test_jsonl_on_stdin(capsys: pytest.CaptureFixture[str],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, (RECORDS[0] + "\n" + RECORDS[2] + "\n").encode())
    code, out, _ = run(capsys, "tag", "-", "--input", "jsonl")
    assert code == 0
    assert [r["id"] for r in jsonl(out)] == ["r1", "r3"]


def test_jsonl_as_json_list_and_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", RECORDS[0] + "\n" + RECORDS[1] + "\n")
    code, out, _ = run(capsys, "tag", path, "--format", "json")
    assert code == 0
    assert [r.get("id") for r in json.loads(out)] == ["r1", None]
    code, out, _ = run(capsys, "tag", path, "--format", "text")
    assert f"{path}:1 (r1)" in out
    assert f"{path}:2\n  error: not JSON" in out


def test_jsonl_is_streamed_line_by_line() -> None:
    out = io.StringIO()
    opts = TagOptions(("x.jsonl",), "jsonl", None, None, None, None)

    def lines() -> Any:
        yield json.dumps({"id": "first", "text": "x"}).encode() + b"\n"
        assert '"first"' in out.getvalue(), "line 1 must be written before line 2 is read"
        yield json.dumps({"id": "second", "text": "y"}).encode() + b"\n"

    assert tag_jsonl("x.jsonl", lines(), opts, Writer("jsonl", out))
    assert [r["id"] for r in jsonl(out.getvalue())] == ["first", "second"]


def test_progress_counter_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, loud = io.StringIO(), Terminal()
    for stream in (quiet, loud):
        progress = Progress("in.jsonl", stream)
        progress.update(5, 1)
        progress.finish()
    assert quiet.getvalue() == ""
    assert "in.jsonl: 5 records tagged, 1 errors" in loud.getvalue()
    assert loud.getvalue().endswith("\r")


# --- tag: TimeML ------------------------------------------------------------------------


def test_timeml_input_uses_creation_time(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    path = write(tmp_path, "doc.tml", TIMEML)
    code, out, _ = run(capsys, "tag", path, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert (doc["id"], doc["dct"]) == ("NL20201016.0001", "2020-10-16")
    text = parse_timeml(TIMEML).text
    for t in doc["timexes"]:
        assert text[t["start"] : t["end"]] == t["text"]
    code, out, _ = run(capsys, "tag", path)
    assert "DCT 2020-10-16 (Friday, from CREATION_TIME)" in out


def test_timeml_round_trip_keeps_text_and_everything_outside_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "doc.tml", TIMEML)
    code, out, _ = run(capsys, "tag", path, "--format", "timeml")
    assert code == 0
    gold, system = parse_timeml(TIMEML), parse_timeml(out, "system")
    assert system.text == gold.text
    assert system.dct == gold.dct
    assert out[: system.text_span[0]] == TIMEML[: gold.text_span[0]]
    assert out[system.text_span[1] :] == TIMEML[gold.text_span[1] :]
    # the input's other annotations stay where they were; its TIMEX3 tags are replaced by ours
    others = [(t.name, t.start, t.end, t.attrs) for t in gold.tags if t.name != "TIMEX3"]
    assert [(t.name, t.start, t.end, t.attrs) for t in system.tags if t.name != "TIMEX3"] == others
    assert [t.text for t in system.timexes] == [t.text for t in newsline.tag(gold.text, dct=gold.dct).timexes]


def test_timeml_sniffed_from_content_on_stdin(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, TIMEML.encode())
    code, out, _ = run(capsys, "tag", "-", "--format", "timeml")
    assert code == 0
    assert parse_timeml(out).text == parse_timeml(TIMEML).text


def test_text_to_timeml_turns_the_header_into_the_dct(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", CELEBRITY)
    code, out, _ = run(capsys, "tag", path, "--format", "timeml")
    assert code == 0
    doc = parse_timeml(out)
    assert doc.dct is not None and doc.dct.isoformat() == "2020-10-16"
    assert doc.text == CELEBRITY[len("date 2020-10-16 ") :]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text


def test_timeml_out_dir_then_eval(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    names = ["one.tml", "two.tml"]
    for name in names:
        write(gold, name, TIMEML)
    system = tmp_path / "system"
    code, _, err = run(capsys, "tag", *(gold / n for n in names), "--format", "timeml",
                       "--out", system)
    assert code == 0, err
    assert sorted(p.name for p in system.iterdir()) == names
    for name in names:
        assert parse_timeml((system / name).read_text()).text == parse_timeml(TIMEML).text
    code, out, err = run(capsys, "eval", gold, system, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["n_docs"] == 2


def test_out_dir_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = write(tmp_path / "a", "doc.tml", TIMEML), write(tmp_path / "b", "doc.tml", TIMEML)
    code, _, err = run(capsys, "tag", a, b, "--format", "timeml", "--out", tmp_path / "out")
    assert code == 2
    assert "would overwrite" in one_error_line(err)
    code, _, err = run(capsys, "tag", a, "--format", "timeml", "--out", tmp_path / "a")
    assert code == 2
    assert "would overwrite this input" in one_error_line(err)


def test_timebank_round_trip_is_aligned(capsys: pytest.CaptureFixture[str], timebank: Path,
                                        tmp_path: Path) -> None:
    files = sorted(timebank.glob("*.tml"))[:5]
    code, _, err = run(capsys, "tag", *files, "--format", "timeml", "--out", tmp_path)
    assert code == 0, err
    for path in files:
        gold = parse_timeml(path.read_text(encoding="utf-8"), str(path))
        system = parse_timeml((tmp_path / path.name).read_text(encoding="utf-8"))
        assert system.text == gold.text, path.name


# --- eval and bench ---------------------------------------------------------------------


def test_eval_gold_against_itself_is_perfect(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    write(tmp_path, "doc.tml", TIMEML)
    code, out, _ = run(capsys, "eval", tmp_path, tmp_path, "--format", "json")
    assert code == 0
    scores = json.loads(out)
    assert (scores["n_gold"], scores["strict_f1"], scores["value_f1"]) == (3, 1.0, 1.0)
    code, out, _ = run(capsys, "eval", tmp_path, tmp_path)
    assert code == 0
    assert "strict" in out and "100.00" in out


def test_eval_lists_each_error_on_request(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """trial Y wrote its own comparison: --errors names what was missed, spurious, or read another way."""
    gold, system = tmp_path / "gold", tmp_path / "sys"
    gold.mkdir()
    system.mkdir()
    write(gold, "doc.tml", TIMEML)
    write(system, "doc.tml", TIMEML.replace('value="2020-10-14">Wednesday', 'value="2020-10-21">Wednesday'))
    code, out, _ = run(capsys, "eval", gold, system, "--errors")
    assert code == 0
    assert "== NL20201016.0001" in out and "VAL  [" in out and "'Wednesday' gold 2020-10-14 system 2020-10-21" in out
    code, out, _ = run(capsys, "eval", gold, system, "--errors", "--format", "json")
    errors = json.loads(out)["errors"]
    assert [(e["doc"], [(v["gold"]["value"], v["system"]["value"]) for v in e["value"]]) for e in errors] == [
        ("NL20201016.0001", [("2020-10-14", "2020-10-21")])]
    code, out, _ = run(capsys, "eval", gold, gold, "--errors")
    assert code == 0 and out.rstrip().endswith("no errors")
    for other in (["--events"], ["--tls"], ["--anchoring", str(gold / "doc.tml")]):
        code, _, err = run(capsys, "eval", gold, system, "--errors", *other)
        assert code == 2 and "--errors" in err and "every score is 0" not in err


def test_eval_warns_when_the_gold_has_nothing_of_the_kind_scored(capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path) -> None:
    write(tmp_path, "doc.tml", re.sub(r"</?EVENT[^>]*>", "", TIMEML))  # TIMEX3 tags only
    code, _, err = run(capsys, "eval", tmp_path, tmp_path, "--events")
    assert code == 0
    assert "have no EVENT tags" in err
    code, _, err = run(capsys, "eval", tmp_path, tmp_path)
    assert code == 0 and "have no" not in err


def test_eval_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "eval", tmp_path / "nope", tmp_path)
    assert (code, out) == (2, "")
    assert "nope" in one_error_line(err)


def test_bench_passes_its_options(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import newsline.bench._run as bench
    seen: dict[str, Any] = {}

    def fake(data_dir: Path | None = None, **kwargs: Any) -> dict[str, Any]:
        seen.update(data_dir=data_dir, **kwargs)
        kwargs["out"].write("bench ran\n")
        return {"accuracy": {}}

    monkeypatch.setattr(bench, "run_bench", fake)
    code, out, _ = run(capsys, "bench", "--data", tmp_path, "--limit", "3", "--heideltime")
    assert (code, out) == (0, "bench ran\n")
    assert seen["data_dir"] == tmp_path
    assert (seen["limit"], seen["heideltime"]) == (3, True)


def test_bench_missing_data_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "bench", "--data", tmp_path / "nope")
    assert code == 2
    assert "nope" in one_error_line(err)


# --- the installed command and the examples ---------------------------------------------


def test_installed_entry_point(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("newsline")
    assert exe.exists(), "newsline is not installed in this environment (pip install -e .)"
    path = write(tmp_path, "a.txt", CELEBRITY)
    done = subprocess.run([str(exe), "tag", str(path), "--format", "json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["dct"] == "2020-10-16"
    done = subprocess.run([str(exe), "tag", str(tmp_path / "missing.txt")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().endswith("missing.txt: file does not exist")


def test_python_dash_m() -> None:
    done = subprocess.run([sys.executable, "-m", "newsline", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("newsline ")


def test_examples_are_dated_and_tag_cleanly(capsys: pytest.CaptureFixture[str],
                                            examples_dir: Path) -> None:
    files = sorted(examples_dir.glob("*.txt"))
    assert len(files) >= 5
    assert (examples_dir / "celebrity.txt").read_text(encoding="utf-8") == CELEBRITY + "\n"
    code, out, err = run(capsys, "tag", *files)
    assert code == 0, err
    for path in files:
        assert f"{path}\n  DCT " in out
        assert "from the date header" in out


# --- what the output says --------------------------------------------------------------


def _values(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> dict[str, str]:
    code, out, _ = run(capsys, "tag", path, "--format", "json", *args)
    assert code == 0
    return {t["text"]: t["value"] for t in json.loads(out)["timexes"]}


def test_celebrity_values_at_dct(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    values = _values(capsys, write(tmp_path, "a.txt", CELEBRITY))
    assert values["Sept. 30"] == "2020-09-30"
    assert values["Two weeks"] == "P2W"
    assert values["seven years ago"] == "2013"
    assert any("Oct. 14" in text and v == "2020-10-14" for text, v in values.items())


def test_without_dct_the_year_stays_underspecified(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    values = _values(capsys, write(tmp_path, "a.txt", "The plant closed on Sept. 30."))
    assert values["Sept. 30"] == "XXXX-09-30"


def test_text_listing_shows_value_and_interval(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    code, out, _ = run(capsys, "tag", write(tmp_path, "a.txt", CELEBRITY))
    row = next(line for line in out.splitlines() if "Sept. 30" in line)
    assert "DATE" in row
    assert "2020-09-30" in row
    assert "[2020-09-30, 2020-10-01)" in row


def test_jsonl_record_values(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "tag", write(tmp_path, "in.jsonl", RECORDS[0] + "\n"))
    (row,) = jsonl(out)
    assert [(t["text"], t["value"]) for t in row["timexes"]] == [("Sept. 30", "2020-09-30")]


def test_timeml_output_carries_timex3_values(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    code, out, _ = run(capsys, "tag", write(tmp_path, "doc.tml", TIMEML), "--format", "timeml")
    found = {(t.text, t.value) for t in parse_timeml(out).timexes}
    assert ("Sept. 30", "2020-09-30") in found
    assert ("third quarter", "2020-Q3") in found or ("the third quarter", "2020-Q3") in found


def test_every_example_has_many_time_expressions(capsys: pytest.CaptureFixture[str],
                                                 examples_dir: Path) -> None:
    for path in sorted(examples_dir.glob("*.txt")):
        code, out, _ = run(capsys, "tag", path, "--format", "json")
        assert len(json.loads(out)["timexes"]) >= 5, path.name


@pytest.mark.parametrize("margin", ["", "  "])
def test_streamed_json_equals_json_dumps(margin: str) -> None:
    for text in (CELEBRITY, "Nothing here."):
        doc = newsline.tag(text, doc_id="d")
        pretty = "".join(json_chunks(doc, compact=False, margin=margin))
        assert pretty == textwrap.indent(json.dumps(doc.to_dict(), indent=2), margin)
        line = "".join(json_chunks(doc, compact=True))
        assert line == json.dumps(doc.to_dict(), separators=(",", ":"))


def test_out_dir_that_cannot_be_created(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", CELEBRITY)
    code, _, err = run(capsys, "tag", path, "--out", path)
    assert code == 2
    assert "cannot create the output folder" in one_error_line(err)


def test_bench_without_any_corpus_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "bench", "--data", tmp_path)
    assert code == 2
    assert "--data" in one_error_line(err)


def test_json_lines_on_stdin_are_recognised_by_content(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:

    line = b'{"id": "a", "text": "It closed on Sept. 30.", "dct": "2020-10-16"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line)))
    code, out, _ = run(capsys, "tag", "-", "--format", "jsonl")
    assert code == 0
    record = json.loads(out)
    assert record["id"] == "a"
    assert [(t["text"], t["value"]) for t in record["timexes"]] == [("Sept. 30", "2020-09-30")]


def test_dct_option_overrides_a_broken_header(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "bad.txt", "date 2020-13-45 It closed on Sept. 30.")
    code, out, _ = run(capsys, "tag", path, "--dct", "2020-10-16", "--format", "json")
    assert code == 0
    assert [t["value"] for t in json.loads(out)["timexes"]] == ["2020-09-30"]


def test_eval_warns_about_missing_system_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.tml").write_text(TIMEML, encoding="utf-8")
    (gold / "b.tml").write_text(TIMEML, encoding="utf-8")
    system = tmp_path / "sys"
    system.mkdir()
    (system / "a.tml").write_text(TIMEML, encoding="utf-8")
    code, out, err = run(capsys, "eval", gold, system, "--format", "json")
    assert code == 0
    assert json.loads(out)["n_docs"] == 2
    assert "1 gold file(s) have no system file" in err and "b.tml" in err


# --- document dates that are not ISO ----------------------------------------------------


def test_a_header_date_in_another_form(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 07/04/2012\nWASHINGTON, April 7 - The plant closed on Sept. 30.\n")
    code, out, err = run(capsys, "tag", path, "--format", "json")
    assert code == 0 and err == ""  # settled by the dateline: nothing to say
    assert json.loads(out)["dct"] == "2012-04-07"


def test_an_ambiguous_date_warns_once_per_document_and_goes_on(capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("date 07/04/2012\nThe plant closed on Sept. 30.\n")
    tml = tmp_path / "b.tml"
    tml.write_text(TIMEML.replace('value="2020-10-16"', 'value="07-04-2012"'))
    feed = tmp_path / "c.jsonl"
    feed.write_text("\n".join(json.dumps({"id": f"r{i}", "text": "It closed on Sept. 30.", "dct": dct})
                              for i, dct in enumerate(["07-04-2012", "April 7, 2012", "31/02/2012"], 1)) + "\n")
    code, out, err = run(capsys, "tag", text, tml, "--format", "json")
    assert code == 0 and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"newsline: warning: {text}: date header: document date '07/04/2012' is ambiguous")
    assert lines[1].startswith(f"newsline: warning: {tml}: CREATION_TIME: document date '07-04-2012' is ambiguous")
    assert all("YYYY-MM-DD" in line for line in lines)
    assert '"value": "XXXX-09-30"' in out

    code, out, err = run(capsys, "tag", feed)
    assert code == 0
    rows = jsonl(out)
    assert [r.get("dct") for r in rows[:2]] == [None, "2012-04-07"]
    assert "February 2012 has no day 31" in rows[2]["error"]  # no date at all: an error record, as before
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"newsline: warning: {feed}:1 (r1): \"dct\": document date")

    code, out, err = run(capsys, "tag", text, "--dct", "2012-07-04", "--format", "json")
    assert code == 0 and err == ""  # --dct decides: nothing to warn about
    assert json.loads(out)["dct"] == "2012-07-04"


@pytest.mark.parametrize("dct", ["07/04/2012", "April 7, 2012"])
def test_dct_option_stays_iso(capsys: pytest.CaptureFixture[str], tmp_path: Path, dct: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The plant closed on Sept. 30.\n")
    code, _, err = run(capsys, "tag", path, "--dct", dct)
    assert code == 2 and "YYYY-MM-DD" in one_error_line(err)


def test_a_header_that_is_no_date_is_still_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 31/02/2012\nThe plant closed on Sept. 30.\n")
    code, _, err = run(capsys, "tag", path)
    assert code == 2
    assert "February 2012 has no day 31" in one_error_line(err)


def test_summary_counts_read_as_english() -> None:
    from newsline.cli._summary import _n

    assert (_n(1, "article"), _n(0, "article"), _n(3, "date")) == ("1 article", "0 articles", "3 dates")


def test_a_timeline_of_a_very_long_text_says_what_it_costs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """trial Y waited 294 s on a 1.5 MB file with no word; tagging alone stays quiet (it is fast)."""
    pytest.importorskip("spacy")
    from conftest import require_spacy_model

    require_spacy_model()
    from newsline.cli import _tag

    monkeypatch.setattr(_tag, "LONG_TEXT", 50)
    f = tmp_path / "digest.txt"
    f.write_text("date 2026-03-16\n\nThe council met on Friday. The mayor resigned on Saturday.\n")
    assert cli.main(["timeline", str(f)]) == 0
    assert "is long for one article" in capsys.readouterr().err
    assert cli.main(["tag", str(f)]) == 0
    assert "is long" not in capsys.readouterr().err


def test_a_spreadsheet_given_to_tag_points_to_ingest(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """New-user trial AH: `tag` read a CSV of articles as one plain text."""
    path = write(tmp_path, "stories.csv", "id,text,date\n1,The council met on Monday.,2024-01-02\n")
    code, out, err = run(capsys, "tag", path)
    assert code == 2 and not out
    assert "newsline ingest" in err and "--input text" in err and "Traceback" not in err
    code, out, _ = run(capsys, "tag", path, "--input", "text", "--dct", "2024-01-03")
    assert code == 0 and "Monday" in out
    # the other inputs are still tagged, as with a missing file (trial AK re-check lost the good one)
    story = write(tmp_path, "story.txt", "date 2025-03-31\nThe bridge closes on Tuesday.\n")
    code, out, err = run(capsys, "tag", story, str(tmp_path / "EXPORT.TSV"))
    assert code == 2 and "2025-04-01" in out and "newsline ingest" in err


def test_a_summary_of_matching_articles_with_no_day_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                            spacy_nlp: Any) -> None:
    """Trial AM was told "no stored article matches" of an article that matched but named no day."""
    story = write(tmp_path, "a.txt", "date 2025-05-19\nComets win.\n")  # no sentence long enough to show
    db = str(tmp_path / "s.duckdb")
    assert run(capsys, "ingest", story, "--db", db)[0] == 0
    code, out, err = run(capsys, "summarize", "--db", db, "--query", "Comets")
    assert code == 0 and not out and "1 stored article matches" in err and "no stored article matches" not in err
    assert "--from/--to" not in err  # no range was asked for (new-user trial AT was told of "the range asked for")
    assert "--query" not in err and "6 words or more" in err  # a query was given (trial AX was told to try one)
    code, out, err = run(capsys, "summarize", "--db", db, "--query", "Comets", "--from", "2025-05-01")
    assert "within --from/--to" in err
    code, out, err = run(capsys, "summarize", "--db", db, "--query", "Harbour")
    assert code == 0 and "no stored article matches" in err


def test_a_mistyped_option_gets_its_commands_usage_and_the_option_meant(capsys: pytest.CaptureFixture[str],
                                                                         tmp_path: Path) -> None:
    """ "newsline tag FILE --dtc 2020-01-01": the tag command's usage and "did you mean --dct?", not the top-level
    usage (trial AP); an option close to none is named alone."""
    path = write(tmp_path, "a.txt", "The council met on Monday.")
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["tag", str(path), "--dtc", "2020-01-01"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "usage: newsline tag" in err and "did you mean --dct?" in err
    with pytest.raises(SystemExit):
        cli.main(["timeline", str(path), "--zzzz"])
    err = capsys.readouterr().err
    assert "usage: newsline timeline" in err and "unrecognized arguments: --zzzz" in err and "did you mean" not in err
