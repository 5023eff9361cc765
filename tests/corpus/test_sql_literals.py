"""Parameters written into the SQL as literals (``_sql_literals``): the same rows as bound parameters."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from newsline.corpus._sql_literals import LiteralConnection, inline

VALUES = [None, True, False, 0, -7, 2**40, 0.1, -2.5e-12, float("inf"), "", "plain", "O'Brien's 'quote'",
          "back\\slash", "a ? mark", 'double "quotes"', "ünïcödé", date(2024, 2, 29),
          datetime(2024, 2, 29, 13, 5, 7, 123456), ["a", "b'c"], [], [1, 2, None]]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_literal_selects_what_the_bound_parameter_selects(value: object) -> None:
    conn = duckdb.connect()
    sql = "SELECT ?::VARCHAR[] AS v" if isinstance(value, list) else "SELECT ? AS v"
    text = inline(sql, [value])
    assert text is not None
    assert conn.execute(text).fetchall() == conn.execute(sql, [value]).fetchall()


def test_question_marks_in_quotes_are_no_parameters_and_counts_must_agree() -> None:
    assert inline("SELECT '?', \"?\", ?", [1]) == "SELECT '?', \"?\", 1"
    assert inline("SELECT 'it''s ?', ?", ["x"]) == "SELECT 'it''s ?', 'x'"
    assert inline("SELECT ?, ?", [1]) is None  # too few: DuckDB's own binding says so
    assert inline("SELECT ?", [1, 2]) is None


def test_what_has_no_literal_form_is_bound() -> None:
    assert inline("SELECT ?", ["nul\x00byte"]) is None
    assert inline("SELECT ?", [b"bytes"]) is None
    assert inline("SELECT ?", ["x" * 300_000]) is None  # large: bound (ingest's JSON rows)
    conn = LiteralConnection(duckdb.connect())
    assert conn.execute("SELECT length(?)", ["nul\x00byte"]).fetchone() == (8,)


def test_a_value_cannot_end_its_literal() -> None:
    conn = duckdb.connect()
    conn.execute("CREATE TABLE t (x VARCHAR)")
    conn.execute("INSERT INTO t VALUES ('keep')")
    evil = "x'); DROP TABLE t; --"
    text = inline("SELECT count(*) FROM t WHERE x = ?", [evil])
    assert text is not None
    assert conn.execute(text).fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (1,)


def test_a_store_query_imports_no_pandas(tmp_path: object) -> None:
    import subprocess
    import sys
    from pathlib import Path

    db = Path(str(tmp_path)) / "s.duckdb"
    code = ("import sys\nfrom newsline.corpus._store import Store\n"
            f"with Store.open({str(db)!r}) as s:\n"
            "    s.execute('SELECT ?::INTEGER + 1', [41])\n"
            "print('pandas' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
