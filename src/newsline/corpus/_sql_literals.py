"""Query parameters written into the SQL as literals, so that a query needs no bound parameter.

DuckDB's Python client (1.4 and later) imports pandas before it binds a parameter, when pandas is installed
(the ``spark`` extra brings it): 0.7 to 1 s of every command that reads the store with a parameter, several
times the query itself (``newsline summarize`` and ``newsline timeline --entity``).  :class:`LiteralConnection`
writes each simple parameter (None, bool, int, float, str, date, naive datetime, and lists of them) as a typed
SQL literal instead, and binds the parameters as before when one is of another kind, holds a NUL character, or
they are large (the JSON rows ``ingest`` writes).  A string literal doubles its quote marks, which is all the
quoting SQL strings have in DuckDB (a backslash is an ordinary character), so a value can never end its literal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import duckdb

__all__ = ["LiteralConnection", "inline"]

_MAX_CHARS = 200_000  # larger parameters are bound (a literal of megabytes only slows the parser)


class _NotSimple(Exception):
    """A parameter with no literal form here: bind them all."""


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"CAST('{value!r}' AS DOUBLE)" if not math.isnan(value) else "CAST('NaN' AS DOUBLE)"
    if isinstance(value, str):
        if "\x00" in value:
            raise _NotSimple
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, datetime):  # before date: a datetime is a date too
        if value.tzinfo is not None:
            raise _NotSimple
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    raise _NotSimple


def inline(sql: str, params: Sequence[Any]) -> str | None:
    """``sql`` with each ``?`` outside quotes replaced by the next parameter as a literal; None when a parameter
    has no literal form, the parameters are large, or there are not as many as question marks."""
    literals: list[str] = []
    try:
        for p in params:
            literals.append(_literal(p))
    except _NotSimple:
        return None
    if sum(map(len, literals)) > _MAX_CHARS:
        return None
    out: list[str] = []
    quote: str | None = None
    n = 0
    for ch in sql:
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            if n == len(literals):
                return None
            out.append(literals[n])
            n += 1
            continue
        out.append(ch)
    return "".join(out) if n == len(literals) else None


class LiteralConnection:
    """A DuckDB connection whose ``execute`` writes simple parameters into the query (see the module doc);
    everything else is the connection's own."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> duckdb.DuckDBPyConnection:
        if not parameters:
            return self._conn.execute(sql)
        text = inline(sql, parameters)
        return self._conn.execute(text) if text is not None else self._conn.execute(sql, list(parameters))

    def cursor(self) -> LiteralConnection:
        return LiteralConnection(self._conn.cursor())

    @property
    def raw(self) -> duckdb.DuckDBPyConnection:
        """The connection itself."""
        return self._conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)
