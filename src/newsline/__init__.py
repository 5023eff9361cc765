"""newsline: find and resolve time expressions in dated text, and build timelines.

>>> from datetime import date
>>> import newsline
>>> doc = newsline.tag("The deal closed on Sept. 30.", dct=date(2020, 10, 16))
>>> [(t.text, t.value) for t in doc.timexes]
[('Sept. 30', '2020-09-30')]
"""

from newsline._model import (
    AnnotatedDocument,
    Document,
    EntityMention,
    Event,
    EventTime,
    Interval,
    Link,
    TimelineEntry,
    Timex,
)
from newsline._version import __version__
from newsline.errors import DateError, InputError, NewslineError, TimeMLError
from newsline.events._annotate import annotate
from newsline.timex._tagger import tag

__all__ = [
    "AnnotatedDocument",
    "DateError",
    "Document",
    "EntityMention",
    "Event",
    "EventTime",
    "InputError",
    "Interval",
    "Link",
    "NewslineError",
    "TimeMLError",
    "TimelineEntry",
    "Timex",
    "__version__",
    "annotate",
    "tag",
]
