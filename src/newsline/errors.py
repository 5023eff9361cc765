"""Errors newsline raises, all in one place.

Hierarchy::

    NewslineError            base class; str(e) is a one-line message for the user
    ├── InputError           the text, date or file given was not usable
    │   ├── DateError        a document creation time (DCT) that is not a real date
    │   ├── TimeMLError      a TimeML file that cannot be read
    │   └── RecordError      a JSON Lines record that cannot be used
    ├── StoreError           a newsline database (DuckDB file) that cannot be opened or used
    │   └── StoreLockedError another process has the database file open
    └── ResourceError        a language resource file is broken (a bug in newsline)

Every message says what was wrong and what to do about it.  The command line
prints ``newsline: error: <message>`` and exits with status 2.
"""

from __future__ import annotations


class NewslineError(Exception):
    """Base class of every error newsline raises on purpose."""


class InputError(NewslineError, ValueError):
    """The input (text, file, option) cannot be used as given."""


class DateError(InputError):
    """A document creation time that is malformed or impossible."""


class TimeMLError(InputError):
    """A TimeML document that cannot be parsed."""


class RecordError(InputError):
    """A JSON Lines record that cannot be used; ``record_id`` is its id when it was readable."""

    def __init__(self, message: str, record_id: str | None = None) -> None:
        super().__init__(message)
        self.record_id = record_id


class StoreError(NewslineError):
    """A newsline database that cannot be opened or used (missing, not DuckDB, unknown schema version)."""


class StoreLockedError(StoreError):
    """The database file is held by another process (DuckDB allows one writer and no readers beside it)."""


class ResourceError(NewslineError):
    """A language resource file failed validation when loaded."""


def bad_dct(raw: str, why: str) -> DateError:
    return DateError(
        f"document date {raw!r} is not usable ({why}); "
        "give it as YYYY-MM-DD, e.g. 2020-10-16"
    )


def file_error(name: str, exc: OSError) -> InputError:
    """Say in one line why the file ``name`` cannot be read or written."""
    if isinstance(exc, FileNotFoundError):
        why = "file does not exist"
    elif isinstance(exc, IsADirectoryError):
        why = "is a directory; give the files in it, e.g. DIR/*.txt"
    elif isinstance(exc, PermissionError):
        why = "permission denied"
    else:
        why = exc.strerror or str(exc)
    return InputError(f"{name}: {why}")

