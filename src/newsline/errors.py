"""Errors newsline raises, all in one place.

Hierarchy::

    NewslineError            base class; str(e) is a one-line message for the user
    ├── InputError           the text, date or file given was not usable
    │   ├── DateError        a document creation time (DCT) that is not a real date
    │   └── TimeMLError      a TimeML file that cannot be read
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


class ResourceError(NewslineError):
    """A language resource file failed validation when loaded."""


def bad_dct(raw: str, why: str) -> DateError:
    return DateError(
        f"document date {raw!r} is not usable ({why}); "
        "give it as YYYY-MM-DD, e.g. --dct 2020-10-16"
    )
