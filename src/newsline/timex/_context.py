"""What a reading is resolved against: the document, its DCT, the reference time, tense."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from newsline.timex._lexicon import Lexicon

_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n")
_ED = re.compile(r"[a-z]{3,}ed")  # past forms: "announced", "crossed"
_CUE_REACH = 120
_CLAUSE_BREAK = re.compile(r"\b(?:and|but|which|while|whereas|so|then)\b|;", re.IGNORECASE)
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
_WORD = re.compile(r"\w+(?:'\w+)?|'\w+")
_YEAR_ONLY = re.compile(r"\d{4}")
_WORD_BEFORE = re.compile(r"([\w'’.]+) $")
_NOUN_AFTER = re.compile(r" (?!(?:and|or|to|through|until|till|when|while)\b)[A-Za-z]")
_NOT_PAST_ED = {"need", "speed", "indeed", "hundred", "proceed", "exceed", "succeed", "feed", "seed",
                "breed", "bleed", "embed", "shed", "bed", "red", "wed", "based", "expected",
                "scheduled", "planned", "proposed", "supposed", "intended", "fixed"}


@dataclass
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


@dataclass
class Context:
    text: str
    dct: date | None
    lexicon: Lexicon
    ref: date | None = None
    ref_year: int | None = None
    ref_year_pos: int = -1
    ref_is_day: bool = False
    ref_grain: str = "day"
    last_quarter: date | None = None
    past_ref: tuple[date, bool] | None = None  # the last reference time not after the DCT, and if it is a day
    _narrative: bool | None = None

    def update(self, r: Reading) -> None:
        q = _QUARTER_VALUE.fullmatch(r.value)
        if q and r.anchor != "ref":  # "the year-earlier quarter" compares with the quarter in focus, keeps it
            self.last_quarter = date(int(q.group(1)), 3 * int(q.group(2)) - 2, 1)
        if self.names_a_thing(r.start, r.end) and not self.narrative():
            return  # news: "the 2008 financial crisis" is not where the story is (histories: it may be)
        if r.point is not None and r.type in ("DATE", "TIME"):
            self.ref = r.point
            if r.anchor == "dct-deictic":  # "Today ...": the story is back at the DCT
                self.ref_year, self.ref_year_pos = r.point.year, r.end
            self.ref_is_day = bool(re.match(r"\d{4}-\d\d-\d\d", r.value))
            self.ref_grain = "day" if self.ref_is_day else ("month" if re.match(r"\d{4}-\d\d$", r.value) else "year")
            if self.dct is None or r.point <= self.dct:
                self.past_ref = (r.point, self.ref_is_day)
        if r.explicit_year and r.point is not None:
            self.ref_year = r.point.year
            self.ref_year_pos = r.end

    def names_a_thing(self, s: int, e: int) -> bool:
        """A bare year that qualifies a name or noun: "the 2020 Billboard Music Awards", "at Euro 2016"."""
        if not _YEAR_ONLY.fullmatch(self.text, s, e):
            return False
        before = _WORD_BEFORE.search(self.text, max(0, s - 40), s)
        if before is None:
            return False
        word = before.group(1)
        if word.lower() in self.lexicon.name_year_determiners or word.endswith(("'s", "’s")):
            return _NOUN_AFTER.match(self.text, e) is not None
        a, _b = self.sentence(s, e)
        return (word[0].isupper() and before.start(1) > a and word.lower() not in self.lexicon.months
                and word.lower() not in self.lexicon.name_year_not_names
                and word.lower() not in self.lexicon.seasons and word.lower() not in self.lexicon.weekdays
                and not any(c.isdigit() for c in word))

    def anchor_date(self, day: bool = False, at: tuple[int, int] | None = None) -> tuple[date | None, str]:
        """The date a narrative expression is relative to: the last one mentioned, else the DCT.

        With ``day``, only a reference time known to the day will do.  With ``at`` (the
        expression's span) in a past-tense sentence, a reference time after the DCT is
        passed over for the last one before it: "Sentencing is set for June 10. Hours
        later, the governor called ..." is hours after the verdict, not after June 10.
        """
        ref, is_day = self.ref, self.ref_is_day
        if ref is not None and at is not None and self.dct is not None and ref > self.dct \
                and self.tense(*at) == "past":
            ref, is_day = self.past_ref if self.past_ref is not None else (None, False)
        if ref is not None and (is_day or not day):
            return ref, "ref"
        return self.dct, "dct"

    def narrative(self) -> bool:
        """True for histories and profiles: most written years lie well before the DCT."""
        if self._narrative is None:
            if self.dct is None:
                self._narrative = True
            else:
                years = [int(y) for y in re.findall(r"(?<![\d,.$])(1[5-9]\d\d|20\d\d)(?![\d,%])", self.text)]
                far = sum(1 for y in years if self.dct.year - y >= 5)
                self._narrative = len(years) >= 5 and far * 3 > 2 * len(years)
        return self._narrative

    def sentence(self, s: int, e: int) -> tuple[int, int]:
        lo = max(0, s - 400)
        a = lo
        for m in _SENT_END.finditer(self.text, lo, min(len(self.text), s + 4)):  # room for the lookahead
            if m.end() > s:
                break
            a = m.end()
        m2 = _SENT_END.search(self.text, e, min(len(self.text), e + 400))
        b = m2.start() + 1 if m2 else min(len(self.text), e + 400)
        return a, b

    def tense(self, s: int, e: int, use_ed: bool = True) -> str | None:
        """'past', 'future' or None: the nearest tense cue within the sentence."""
        a, b = self.sentence(s, e)
        a, b = max(a, s - _CUE_REACH), min(b, e + _CUE_REACH)  # the nearest cue wins: look close by
        cues, firsts = _cue_table(self.lexicon)
        words = [(m.start() + a, m.end() + a, m.group(0)) for m in _WORD.finditer(self.text[a:b].lower())]
        best: tuple[int, str] | None = None
        for i, (ws, we, w) in enumerate(words):
            if s <= ws < e:
                continue
            kind, he = None, we
            if w in firsts:  # the longest multi-word cue starting here
                for n in (3, 2):
                    phrase = " ".join(x for _a, _b, x in words[i:i + n])
                    if len(phrase.split(" ")) == n and phrase in cues:
                        kind, he = cues[phrase], words[i + n - 1][1]
                        break
            if kind is None:
                kind = cues.get(w)
                if kind is None and use_ed and w.endswith("ed") and _ED.fullmatch(w) and w not in _NOT_PAST_ED \
                        and not self.text[ws].isupper():  # "the United States" is no past verb
                    kind = "ed"
            if kind is None or kind == "not":  # "next to the embassy" says nothing of time
                continue
            dist = s - he if he <= s else ws - e
            if kind == "reporting" and dist > 8:  # "said on Monday", "Monday, he said"
                continue
            if ws >= e and _CLAUSE_BREAK.search(self.text, e, ws):
                continue  # "doubled it on Tuesday and will add more": the cue belongs to the next clause
            if kind == "reporting":
                dist += 6  # a verb of the clause itself says more: "will begin in September, Novak said"
            if kind == "present" and (dist > 8 or he > s):  # "is on Sunday", "is in November"
                continue
            if kind in ("past", "ed") and i > 0 and words[i - 1][2] in ("be", "being"):
                continue  # "will be paid Dec. 14": a participle, not the past
            if kind == "ed":
                dist += 1
            if best is None or dist < best[0]:
                best = (dist, "future" if kind in ("future", "present") else "past")
        return best[1] if best else None


@cache
def _cue_table(lex: Lexicon) -> tuple[dict[str, str], frozenset[str]]:
    """Tense cue phrases (lower case, single spaces) with their kind, and first words of multi-word ones."""
    table: dict[str, str] = {}
    for kind, words in (("present", lex.present_cues), ("reporting", lex.reporting_cues), ("future", lex.future_cues),
                        ("past", lex.past_cues), ("not", lex.not_cues)):
        for w in words:
            table[" ".join(_WORD.findall(w.lower()))] = kind
    firsts = frozenset(k.split(" ")[0] for k in table if " " in k)
    return table, firsts


