"""What a reading is resolved against: the document, its DCT, the reference time, tense."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from newsline._model import Interval
from newsline.timex._lexicon import Lexicon
from newsline.timex._tense_cues import CLAUSE_BREAK, in_an_aside, tense_cues

# A sentence ends at [.!?] (quotes, white space, a capital or digit after) or a blank line.  The
# pattern starts with one character class, which lets re skip along to the candidates.
# An abbreviation's full stop ends no sentence: "U.S. Trade Representative", "Mr. Baker", "Jan. 5",
# "Roe vs. Wade", "Bush v. Gore" (the look-behinds, after the first character class, see the full stop
# they follow).
_NOT_AN_END = (r"(?<![A-Z]\.[A-Z]\.)(?<!\b[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Mt|Lt|Sr|Jr|No|Co|vs)\.)(?<!\bv\.)"
               r"(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Col|Sgt|Rev|Inc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)"
               r"(?<!\b(?:Capt|Prof|Sept|Corp)\.)")
_SENT_END = re.compile(r"[.!?\n]" + _NOT_AN_END
                       + r"(?:(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|(?<=\n)\s*\n)")
_CLOSING = frozenset("\"'”’)")  # what a sentence end takes after its first character, besides white space
_SENTENCE_NEAR = 200  # characters before an expression where the start of its sentence is looked for first
_CUE_REACH = 120
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
# A year 1500-2099 not inside a number: (?<![\d,.$])(1[5-9]\d\d|20\d\d)(?![\d,%]), written to start
# with a character class so that re skips along.
_WRITTEN_YEAR = re.compile(r"([12](?<![\d,.$][12])(?:(?<=1)[5-9]|(?<=2)0)\d\d)(?![\d,%])")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_MONTH_OR_DAY = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])(?:-\d\d)?(?:$|T)")
_MONTH_VALUE = re.compile(r"\d{4}-\d\d$")
_CLOCK_HOUR = re.compile(r"\d{4}-\d\d-\d\dT(\d\d):")
_YEAR_ONLY = re.compile(r"\d{4}")


class _Shape(NamedTuple):
    """What :meth:`Context.update` reads of a value, each from its pattern above."""

    quarter: tuple[int, int] | None  # year and quarter of "YYYY-Qn" (_QUARTER_VALUE)
    day: bool  # _DAY_VALUE
    month: bool  # _MONTH_VALUE
    year: bool  # _YEAR_ONLY, the whole value
    hour: int | None  # _CLOCK_HOUR


@lru_cache(maxsize=4096)  # a document names the same days again and again: one look-up instead of up to seven scans
def _shape(value: str) -> _Shape:
    q = _QUARTER_VALUE.fullmatch(value)
    hour = _CLOCK_HOUR.match(value)
    return _Shape(quarter=(int(q.group(1)), int(q.group(2))) if q else None, day=bool(_DAY_VALUE.match(value)),
                  month=bool(_MONTH_VALUE.match(value)), year=bool(_YEAR_ONLY.fullmatch(value)),
                  hour=int(hour.group(1)) if hour else None)


# "The show has been moved to September 20. Varga was back on stage the following night": the new date of what
# was moved is no day the story goes to (new-user trial AC had the following night in September)
_RESTATING = re.compile(r",\s*(?:(?:almost|nearly|about|some|just|only|roughly|barely|more than|less than)\s+)?")
_MOVED_TO_ENDS = ("to ", "til ", "ill ", "for ", "on ")  # how the pattern below can end: checked first, cheaply
_MOVED_TO_BEFORE = re.compile(r"(?i)\b(?:moved|rescheduled|postponed|pushed back|put back|delayed|brought forward|"
                              r"deferred)\s+(?:(?:it|them)\s+)?(?:to|until|till|for)\s+(?:on\s+)?\Z")
# ", built in 1958,", ", founded in 2004 by ...": a past participle right after a comma, then the year
_PARTICIPLE_ASIDE = re.compile(r"[A-Za-z], (?:(?:first|originally|also) )?[a-z]+(?:ed|ilt|orn|ade|en|un|ught|ost|eld|"
                               r"ung|old|one) (?:in |around |about |circa )?\Z")
_SINCE_BEFORE = re.compile(r"\b[Ss]ince $")
# "until 2030", "a contract extension to 2028"; not a range's end ("from January to October") nor a move ("from
# 2010 to 2008")
_UNTIL_BEFORE = re.compile(
    r"\b(?:until|till|through|thru|(?:extension|extended|contract|deal|lease|term|mandate|runs?) to) $")
_REPORTED_CLAUSE = re.compile(r"\b(?:that|had)\b")
# a reporting verb right before an expression, perhaps with its object: "said on Monday", "told reporters Monday"
REPORT_VERB = r"\b(?:said|says|told(?: [a-z]+){0,2}|announced|reported|confirmed|added|stated)(?: on| late| early)? "
_REPORT_BEFORE = re.compile(REPORT_VERB + "$")
# a relative clause on a noun, up to the expression: "ending a trial that began on Feb. 20"
_RELATIVE_BEFORE = re.compile(r"\b([a-z]+),? (?:that|which|who) (?:had |has |was |were )?[a-z]+ (?:on |in |at )?$")
# the day of the same hour in GMT, in brackets after a local clock time: "at 4:12 a.m. local time (2112 GMT on
# Saturday)" is a Sunday story; the story stays where it is (new-user trial U)
_QUARTER_TO = re.compile(r"(?i)\b(?:three|3)\s+months\s+(?:to|ended|ending|through|until)\s+(?:the\s+end\s+of\s+)?\Z")
_GMT_DAY_BEFORE = re.compile(r"\(\s*\d{1,2}:?\d\d\s*(?:GMT|UTC),?\s+(?:on\s+)?$")
# the end of a reporting period is no time of the story: "Net income for the three months ended Sept. 30 was ..."
_PERIOD_END_BEFORE = re.compile(r"\b(?:months|weeks|quarter|year|period) end(?:ed|ing)(?: on)? $")
# how a match of _SINCE_BEFORE or _PERIOD_END_BEFORE ends (begins_a_state looks for these before scanning)
_STATE_TAILS = ("since ", "Since ", "ended ", "ending ", "ended on ", "ending on ")
_WORD_BEFORE = re.compile(r"([\w'’.]+) $")
_NOUN_AFTER = re.compile(r" (?!(?:and|or|to|through|until|till|when|while)\b)[A-Za-z]")


@dataclass(slots=True)
class Reading:
    """What a rule found: span, type, value and how it was resolved."""

    start: int
    end: int
    type: str
    value: str
    rule: str
    mod: str = ""
    anchor: str = "none"
    confidence: float = 0.9
    grain: str | None = None
    point: date | None = None  # the date it denotes, for the narrative reference time
    explicit_year: bool = False
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Context:
    text: str
    dct: date | None
    lexicon: Lexicon
    ref: date | None = None
    ref_year: int | None = None
    ref_year_pos: int = -1
    ref_is_day: bool = False
    ref_grain: str = "day"
    ref_hour: int | None = None  # the clock hour of the reference time, when it is a clock time
    name_year: tuple[int, int] | None = None  # (year, where it ends) of the last year that qualified a name
    last_quarter: date | None = None
    last_month: tuple[date, int] | None = None  # the month of the last month or day named (however), where it ends
    arranged_day: tuple[date, int] | None = None  # the last day a plan was moved or set to, where it ends
    past_ref: tuple[date, bool] | None = None  # the last reference time not after the DCT, and if it is a day
    day_ref: date | None = None  # the last reference time known to the day
    day_ref_end: int = -1  # where it was written (its end)
    ref_start: int = -1  # where the reference time was written
    # the reference time before the last, and where the last ends: "on bank holiday Monday, almost two weeks later"
    # restates the Monday from the time before it (restated_from)
    ref_before: tuple[date, str] | None = None
    ref_end: int = -1
    body: int = 0  # where the article starts (after a "date ..." header)
    _narrative: bool | None = None
    _tenses: dict[tuple[int, int], tuple[str | None, str | None]] = field(default_factory=dict)
    # where the sentence of an offset starts and ends: the start depends on the expression's start alone, the end
    # on its end alone, so each is worked out once however the two are paired (sentence(s, s), sentence(s, e)), and
    # the end only when asked for (most callers want the start alone: sentence_start)
    _sentence_starts: dict[int, int] = field(default_factory=dict)
    _sentence_ends: dict[int, int] = field(default_factory=dict)
    _headline: tuple[int, int] | None = None  # see _headline_end
    _headline_known: bool = False

    def update(self, r: Reading, interval: Interval | None) -> None:
        """Move the reference time to the reading, unless it lies in the background; ``interval`` is its
        ``interval_of`` (the caller has it at hand)."""
        begins: bool | None = None  # whether it begins a state: asked at most once (a pure function of the text)
        shape = _shape(r.value)
        q = shape.quarter
        if q and r.anchor != "ref":
            begins = self.begins_a_state(r.start)
            if not begins:
                # "the year-earlier quarter" compares with the quarter in focus, keeps it; so does a record's
                # "the biggest drop since the second quarter of 2020"
                self.last_quarter = date(q[0], 3 * q[1] - 2, 1)
        if _MONTH_OR_DAY.match(r.value) and r.type in ("DATE", "TIME"):  # "next month's meeting on the 18th"
            self.last_month = (date(int(r.value[:4]), int(r.value[5:7]), 1), r.end)
            if int(r.value[5:7]) % 3 == 0 and _QUARTER_TO.search(self.text, max(0, r.start - 40), r.start):
                # "a profit in the three months to June": that quarter is in focus ("the previous quarter",
                # "a year earlier" count from it; new-user trial AT had both from the year before)
                self.last_quarter = date(int(r.value[:4]), int(r.value[5:7]) - 2, 1)
        if len(r.value) == 4 and r.value.isdigit() and self.text.startswith(("'s ", "’s "), r.end):
            self.name_year = (int(r.value), r.end)  # "next year's edition could start in May" (new-user trial AE)
        if self.names_a_thing(r.start, r.end) and not self.narrative():
            if r.value[:4].isdigit():  # kept for "the following year" of its own sentence (year_named_before)
                self.name_year = (int(r.value[:4]), r.end)
            return  # news: "the 2008 financial crisis" is not where the story is (histories: it may be)
        dated = r.type in ("DATE", "TIME")
        if r.point is None or not (dated or r.explicit_year):
            return  # neither a reference time nor a reference year
        if begins is None:
            begins = self.begins_a_state(r.start)
        background = begins or self._ends_a_state(r, shape) or _GMT_DAY_BEFORE.search(self.text, max(0, r.start - 20),
                                                                                     r.start) is not None \
            or (shape.year and self._in_a_participle_aside(r)) \
            or self._moved_to(r, shape)
        if dated and not background and not self._holds_the_day(shape, interval) \
                and not self._dates_the_background(r, shape):
            if self.ref is not None:
                self.ref_before = (self.ref, self.ref_grain)
            self.ref = r.point
            self.ref_start, self.ref_end = r.start, r.end
            if r.anchor == "dct-deictic":  # "Today ...": the story is back at the DCT
                self.ref_year, self.ref_year_pos = r.point.year, r.end
            self.ref_is_day = shape.day
            self.ref_hour = shape.hour
            self.ref_grain = "day" if self.ref_is_day else ("month" if shape.month else (
                "week" if "-W" in r.value else "year"))  # "The week before, ... The day after": in that week
            if self.ref_is_day:
                self.day_ref, self.day_ref_end = r.point, r.end
            if self.dct is None or r.point <= self.dct:
                self.past_ref = (r.point, self.ref_is_day)
        if r.explicit_year and not background and not (self.in_an_aside(r.start) and not self.narrative()):
            # "who has run the company since 2016, told analysts ... since July": not July 2016
            self.ref_year = r.point.year
            self.ref_year_pos = r.end

    def _moved_to(self, r: Reading, shape: _Shape) -> bool:
        """ "was rescheduled for Tuesday 8 April": the day a plan was moved to is not where the story is; a clock
        time of its sentence is that day's ("..., with a window opening at 06:42 BST": trial AL had the DCT's)."""
        if not (self.text.endswith(_MOVED_TO_ENDS, max(0, r.start - 4), r.start)
                and _MOVED_TO_BEFORE.search(self.text, max(0, r.start - 30), r.start) is not None):
            return False
        if shape.day and r.point is not None:
            self.arranged_day = (r.point, r.end)
        return True

    def in_an_aside(self, s: int) -> bool:
        """Whether the expression at ``s`` is in a relative clause set off by a comma ("The couple, who
        married in 2015, said ..."): something said in passing about someone or something."""
        if self.text.rfind(", wh", max(0, s - 80), s) < 0:  # most expressions have none: before the sentence
            return False
        return in_an_aside(self.text, self.sentence_start(s), s)

    def day_instead(self) -> date | None:
        """The day a day-counting anaphor ("the next day", "two days later") counts from when the reference
        time is a month or a year said in passing (:meth:`in_an_aside`) or in what someone said on a day the
        sentence named before it ("told parliament on Wednesday that she had declared it in 2023. The next
        morning ..."): the last day the story named, else None (the reference time stands: "In 2018 the
        plant closed. Two days later ..." is in 2018)."""
        if self.ref_grain != "day" and self.day_ref is not None and not self.narrative() and (
                self.in_an_aside(self.ref_start) or self._reported_after_day()):
            return self.day_ref
        return None

    def _reported_after_day(self) -> bool:
        a = self.sentence_start(self.ref_start)
        return a <= self.day_ref_end <= self.ref_start and \
            _REPORTED_CLAUSE.search(self.text, self.day_ref_end, self.ref_start) is not None

    def _dates_the_background(self, r: Reading, shape: _Shape) -> bool:
        """ "A jury on Friday convicted Pell, prosecutors said on Monday.", "... ending a trial that began on Feb.
        20": the day of a saying or of a relative clause on a noun, after a day its sentence named, is not where
        the story is; the day named first stays the reference time ("Jurors returned the verdict at 4:15 p.m.",
        "Hours later"; new-user trials S and T)."""
        if not (self.ref_is_day and self.day_ref is not None and shape.day):
            return False
        s, text = r.start, self.text
        if _REPORT_BEFORE.search(text, max(0, s - 40), s) is None:
            rel = _RELATIVE_BEFORE.search(text, max(0, s - 50), s)
            if rel is None or _REPORT_BEFORE.search(text, max(0, rel.start() - 30), rel.end(1) + 1) is not None:
                return False  # not a report's "that" clause: "said that sales fell on Friday" moves the story
        return self.day_ref_end >= self.sentence_start(s)

    def _in_a_participle_aside(self, r: Reading) -> bool:
        """ "The old span, built in 1958, has been closed since January": a year (the caller asks for one) set off
        by commas after a participle on a noun says something in passing of a thing; the story stays where it is
        (new-user trial AA: January went to 1958).  Not in histories, where such years are the story."""
        return _PARTICIPLE_ASIDE.search(self.text, max(0, r.start - 40), r.start) is not None \
            and self.text.startswith(",", r.end) and not self.narrative()

    def _holds_the_day(self, shape: _Shape, span: Interval | None) -> bool:
        """ "turned down on Aug. 30, the final day of the summer window": a coarser time that holds the day the
        story is at says nothing new of when; the day stays the reference time ("the following week").
        ``span`` is the reading's ``interval_of``."""
        if not self.ref_is_day or self.ref is None or shape.day:
            return False
        return span is not None and span.start is not None and span.end is not None \
            and span.start <= self.ref.isoformat() + "T00:00:00" < span.end

    def _ends_a_state(self, r: Reading, shape: _Shape) -> bool:
        """ "a contract extension to 2028", "in office until March": a year or month that ends a state, not
        where the story is."""
        return (shape.year or shape.month) and \
            _UNTIL_BEFORE.search(self.text, max(0, r.start - 14), r.start) is not None

    def begins_a_state(self, s: int) -> bool:
        """ "since 2018" dates the start of a state, in the background: the story does not move there
        ("sacked Corby on Nov. 14. Voss, who had coached since 2018, was appointed two days later")."""
        text = self.text
        k = s - 1 if text.endswith("\n", 0, s) else s  # where the patterns' "$" can match: at s, before a last "\n"
        if not (text.endswith(_STATE_TAILS, 0, s) or text.endswith(_STATE_TAILS, 0, k)):
            return False  # most expressions: neither pattern's last word right before them (one look, no scan)
        return _SINCE_BEFORE.search(text, max(0, s - 8), s) is not None \
            or _PERIOD_END_BEFORE.search(text, max(0, s - 24), s) is not None

    def names_a_thing(self, s: int, e: int) -> bool:
        """A bare year that qualifies a name or noun: "the 2020 Billboard Music Awards", "at Euro 2016"."""
        if e - s != 4 or not _YEAR_ONLY.fullmatch(self.text, s, e):  # four characters first: most spans are longer
            return False
        before = _WORD_BEFORE.search(self.text, max(0, s - 40), s)
        if before is None:
            return False
        word = before.group(1)
        if word.lower() in self.lexicon.name_year_determiners or word.endswith(("'s", "’s")):
            return _NOUN_AFTER.match(self.text, e) is not None
        a = self.sentence_start(s)
        return (word[0].isupper() and before.start(1) > a and word.lower() not in self.lexicon.months
                and word.lower() not in self.lexicon.name_year_not_names
                and word.lower() not in self.lexicon.seasons and word.lower() not in self.lexicon.weekdays
                and not any(c.isdigit() for c in word))

    def anchor_date(self, day: bool = False, at: tuple[int, int] | None = None,
                    year_at: int | None = None) -> tuple[date | None, str]:
        """The date a narrative expression is relative to: the last one mentioned, else the DCT.

        With ``day``, only a reference time known to the day will do.  With ``at`` (the
        expression's span) in a past-tense sentence, a reference time after the DCT is
        passed over for the last one before it: "Sentencing is set for June 10. Hours
        later, the governor called ..." is hours after the verdict, not after June 10.
        With ``year_at`` (where a year anaphor starts), the year of a name before it in its
        sentence comes first (:meth:`year_named_before`).
        """
        named = self.year_named_before(year_at) if year_at is not None else None
        if named is not None:
            return date(named, 1, 1), "ref"
        ref, is_day = self.ref, self.ref_is_day
        if ref is not None and at is not None and self.dct is not None and ref > self.dct \
                and self.tense(*at) == "past":
            ref, is_day = self.past_ref if self.past_ref is not None else (None, False)
        if ref is not None and (is_day or not day):
            return ref, "ref"
        return self.dct, "dct"

    def restated_from(self, s: int) -> tuple[date, str] | None:
        """The reference time before the last (and its grain) when the expression at ``s`` follows the last one
        after a comma: "disclosed it on bank holiday Monday, almost two weeks later" counts the two weeks from the
        time before the Monday (trial AL had them after it).  None otherwise.  No TE3 text has one."""
        if self.ref_before is None or not 0 <= s - self.ref_end <= 16 or not _RESTATING.fullmatch(self.text,
                                                                                                 self.ref_end, s):
            return None
        return self.ref_before

    def year_named_before(self, s: int) -> int | None:
        """The year of a name earlier in the sentence of ``s``, when the sentence sets no reference time of its own
        ("met on the set of the 2019 drama and became engaged the following year": 2020, trial P), else None: a
        year anaphor counts from the only year its sentence names, though news keeps such a year out of the
        story's time (and a finer reference time of the sentence wins: "On May 2, 2023, ... at the 2016 summit
        ... the following year" is 2024).  No sentence of TimeBank, AQUAINT or the TE3 silver news has one."""
        if self.name_year is None:
            return None
        year, end = self.name_year
        start = self.sentence_start(s)
        return year if start <= end <= s and self.ref_start < start else None  # no reference time of its own

    def hours_anchor(self, at: tuple[int, int]) -> tuple[date | None, str, str]:
        """What "hours later" counts from: the reference time (with its grain), but when that is a month or a
        year and the story named a day before it, that day ("beat Kingsbridge on Saturday. Ferreira, who
        joined in January, scored. Hours later, the club announced ..."): hours are counted from a day; not from a
        day before that month or year ("On 3 March 2004 ... Production ended in October 2019. Hours later", trial
        AE)."""
        base, anchor = self.anchor_date(at=at)
        if anchor == "ref" and self.ref_grain != "day" and base == self.ref and self.day_ref is not None \
                and self.ref is not None and self.day_ref >= self.ref \
                and not (self.dct is not None and self.day_ref > self.dct and self.tense(*at) == "past"):
            return self.day_ref, "ref", "day"
        return base, anchor, self.ref_grain

    def narrative(self) -> bool:
        """True for histories and profiles: most written years lie well before the DCT."""
        if self._narrative is None:
            if self.dct is None:
                self._narrative = True
            else:
                years = [int(y) for y in _WRITTEN_YEAR.findall(self.text)]
                far = sum(1 for y in years if self.dct.year - y >= 5)
                self._narrative = len(years) >= 5 and far * 3 > 2 * len(years)
        return self._narrative

    def sentence(self, s: int, e: int) -> tuple[int, int]:
        b = self._sentence_ends.get(e)
        if b is None:
            b = self._sentence_ends[e] = self._sentence_end(e)
        return self.sentence_start(s), b

    def sentence_start(self, s: int) -> int:
        """Where the sentence of ``s`` starts (``sentence(s, e)[0]``, without looking for where it ends)."""
        a = self._sentence_starts.get(s)
        if a is None:
            a = self._sentence_starts[s] = self._sentence_start(s)
        return a

    def _sentence_start(self, s: int) -> int:
        """Where the sentence of ``s`` starts: the end of the last sentence end (``_SENT_END``) that a scan from
        400 characters back finds ending at or before ``s``, else where that scan starts.

        A scan from a character that no match takes after its first one (white space or a closing quote) finds
        the same matches from there on, so a scan from such a character _SENTENCE_NEAR characters back comes
        first: most sentences start closer than that."""
        text = self.text
        lo, hi = max(0, s - 400), min(len(text), s + 4)  # room for the lookahead
        p = s - _SENTENCE_NEAR
        while p > lo and (text[p].isspace() or text[p] in _CLOSING):
            p -= 1  # (further back: it looks at more, never at less)
        if p > lo:
            a = self._last_end(p, hi, s)
            if a is not None:
                return a
        a = self._last_end(lo, hi, s)
        return lo if a is None else a

    def _last_end(self, lo: int, hi: int, s: int) -> int | None:
        """The end of the last match of ``_SENT_END`` in ``text[lo:hi]`` that ends at or before ``s``, if any."""
        a = None
        for m in _SENT_END.finditer(self.text, lo, hi):
            if m.end() > s:
                break
            a = m.end()
        return a

    def _sentence_end(self, e: int) -> int:
        m2 = _SENT_END.search(self.text, e, min(len(self.text), e + 400))
        return m2.start() + 1 if m2 else min(len(self.text), e + 400)

    def _headline_end(self, s: int) -> int | None:
        """Where the headline (:func:`_headline`, worked out once per document) ends, when it holds ``s``."""
        if not self._headline_known:
            self._headline, self._headline_known = _headline(self.text, self.body), True
        if self._headline is None or not self._headline[0] <= s < self._headline[1]:
            return None
        return self._headline[1]

    def tense(self, s: int, e: int, use_ed: bool = True) -> str | None:
        """'past', 'future' or None: the nearest tense cue within the sentence (``_tense_cues``)."""
        found = self._tenses.get((s, e))
        if found is None:
            a, b = self.sentence(s, e)
            headline_end = self._headline_end(s)
            if headline_end is not None:
                b = min(b, headline_end)  # a headline is a sentence of its own
            # the nearest cue wins: look close by
            cues = tense_cues(self.lexicon)
            found = cues.nearest(self.text, max(a, s - _CUE_REACH), min(b, e + _CUE_REACH), s, e)
            if found == (None, None) and (a < s - _CUE_REACH or b > e + _CUE_REACH):
                # nothing close by: the verb of a long sentence ("In January, a week after the 25th anniversary
                # of the decision, a clinic bombing killed ...")
                # of the same clause ("There was no confirmation, but she has scheduled a news conference Thursday")
                for brk in CLAUSE_BREAK.finditer(self.text, a, s):
                    a = brk.end()
                end = CLAUSE_BREAK.search(self.text, e, b)
                found = cues.nearest(self.text, a, end.start() if end else b, s, e)
            if found == (None, None) and headline_end is not None and _HEADLINE_TO.search(self.text, a, s):
                found = ("future", "future")  # "Bridge to reopen Saturday"
            self._tenses[(s, e)] = found
        return found[0] if use_ed else found[1]


_HEADLINE_TO = re.compile(r"(?i)\bto\s+[a-z]+\b")
_HEADLINE_WORDS = 16


def _headline(text: str, body: int) -> tuple[int, int] | None:
    """Where the headline starts and ends: the article's first line when it is short, has no full stop and is a
    line of its own, else None.  Headlines write the future with "to" and a verb ("Bridge to reopen Saturday",
    "Council to vote on budget Tuesday"; new-user trial L read the past Saturday); their present tense
    ("Mayor resigns Friday") says nothing.  No gold corpus has headlines in its text."""
    start = len(text) - len(text[body:].lstrip())
    end = text.find("\n", start)
    if end < 0:
        return None
    line = text[start:end].rstrip()
    if not line or line[-1] in ".!?\"'”" or len(line.split()) > _HEADLINE_WORDS:
        return None
    return start, end
