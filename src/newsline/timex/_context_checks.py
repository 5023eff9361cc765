"""Context checks on a candidate: the words around a match that a rule's pattern alone cannot look at ("$55 a
night" is a rate, "a 44-year-old protester" an age, "the 2020-21 season" a range of years, "money he owed her two
days earlier" a distance after an object pronoun).  :func:`context_ok` is called by the recognizer for every rule
match of a duration and of the rules in ``_CHECKED_IN_CONTEXT``."""

from __future__ import annotations

import re

from newsline.timex._grammar import Rule

__all__ = ["context_ok"]

_CAPITAL_AFTER = re.compile(r" [A-Z][a-z]")
_LOWER_WORD_AFTER = re.compile(r" [a-z]{3,}\b(?<!\band)(?<!\bfor)(?<!\bthe)")

_AGE_AFTER = re.compile(r"-old\b|\s+old\b", re.I)
_ARTICLE_NUM = re.compile(r"(?i)an?\s")
_PER_BEFORE = re.compile(r"(?:[\d$%]|\b(?:[a-z]+s|million|billion|trillion|thousand|hundred|dozen))\W{0,2}\s*$")
_TITLE_BEFORE = re.compile(
    r"\b(?:Mayor|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|President|Judge|Coach|Councilman|Councilwoman|Minister|Officer)\.?\s+$")
_DISTANCE_AFTER = re.compile(r"\s+(?:later|earlier|ago|afterwards?|after that|before that)\b", re.IGNORECASE)
_APART_AFTER = re.compile(r"\s+(?:apart|after|before)\b", re.I)
_FALL_OF_A_THING = re.compile(r"\s+of\s+(?!\d|'\d|(?:that|this|last|next|the same|the following|the previous|"
                              r"nineteen|twenty|two thousand)\b)", re.I)  # "the fall of the Berlin Wall"
_GAME = re.compile(r"(?i)\b(?:scor\w*|goals?|match|game|halftime|half-time|kick-?off|minutes?|inning\w*|"
                   r"touchdowns?|penalt\w+|striker|goalkeeper|referee|whistle|quarterback)\b")


_MINUTES_OF_A_MEETING = re.compile(
    r"\s+(?:of|from)\s+(?:[\w'’.-]+\s+){0,4}?(?:meeting|session|hearing|board|committee|council|conference|"
    r"gathering|talks|assembly|cabinet)s?\b", re.I)
_DAY_PREPOSITION_BEFORE = re.compile(r"(?i)\b(?:on|from|by|until|till|to|through|since|before|after)\s+$")
_NOUN_AFTER_DAY = re.compile(r"[-\w]|\s+(?!(?:and|or|to|through|until|till|when|was|were|at|of|in|the|he|she|they|it|"
                             r"we|a|an|but|as|after|before|while|is|will|would|had|has)\b)[A-Za-z]")  # "the 18th green"
_NTH_NOUN_AFTER = re.compile(r"\s*(?:to|through|until|till|and|or|-|–)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)"
                             r"\s+(?!of\b)[a-z]")
# "a quarter of", "three-quarters of", "more than a quarter of"; not "the first three quarters of 2005"
_A_QUARTER_OF = re.compile(r"(?i)(?<!first )(?<!last )(?<!past )(?<!next )\b(?:an?|one|two|three)[ -]quarters?\Z")
_SHARE_AFTER = re.compile(r"(?i)\s+(?:of\s+(?!an?\s+(?:century|hour)\b)|(?:percentage\s+)?points?\b|-point\b)")
_CODE_PERIOD = re.compile(r"[QqH][1-4]")  # a bare "Q3" or "H1", without a year
_DETERMINERS = frozenset({"the", "its", "their", "a", "this", "last", "next"})
_PERIOD_WORD_BEFORE = re.compile(r"(?i)\b(in|for|during|of|the|its|their|a|by|from|to|since|than|over|this|last|next|"
                                 r"and|or|vs\.?|versus)\s+\Z")
_RESULTS_AFTER = re.compile(r"(?i)\s+(?:results|earnings|revenue|revenues|sales|profits?|losses|loss|GDP|growth|report|"
                            r"figures|numbers|deliveries|guidance|margins?)\b")
# "the overnight rate", "an overnight stay": a thing of that name, no night (TE3 silver news; new-user trial Y)
_OVERNIGHT_THING = re.compile(r"(?i)\s+(?:call\s+|lending\s+|interbank\s+|repo\s+|interest\s+)?"
                              r"(?:rates?|repos?|deposits?|loans?|lending|funds?|stays?|stops?|bags?|flights?|trains?|trips?|shifts?|sensations?|"
                              r"success(?:es)?|visits?|guests?|accommodation|parking|oats|delivery|express|camps?)\b")
# "overnight Tuesday", "overnight into Sunday", "Wednesday overnight": the day written beside it says when
_DAY_BESIDE_OVERNIGHT = re.compile(r"(?i)\s+(?:(?:on|into|to|from)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                                   r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)")
_DAY_BEFORE_OVERNIGHT = re.compile(r"(?i)(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                                   r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2})\s+\Z")
_DAY_POSSESSIVE_BEFORE = re.compile(r"(?i)\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|night|tonight)['’]s\s+\Z")
_BEFORE_AN_EVENT = re.compile(r"(?i)\s+(?:before|after)\s+(?:the|a|an|his|her|its|their|each|every|this|that)\s")
# what may follow "the day before" that counts from the story's time: punctuation, a conjunction, the end
# (or an auxiliary verb: "a power failure the night before had delayed the count", new-user trial AV; not a word in
# -ing: "later in the day before returning home", "over the week before closing", TE3: 4 of 4 no anaphor)
_NOTHING_AFTER = re.compile(r"\s*(?:[,.;:!?)\]\"'”’—]|\Z)|\s+(?:and|but|when|as|while|or|then"
                            r"|had|has|have|was|were|would|could|did)\b")
# words naming an event's night (trials AE, AM: "a 41-point night"; not "date night": the tweets tag 4 of 4)
_EVENT_BEFORE_PART = re.compile(r"(?i)\b(?:opening|closing|premiere|election|wedding|prom|awards|gala|debut"
                                r"|\d+-point)\s+\Z")
_SPENT_BEFORE = re.compile(r"(?i)\bspen(?:d|ds|t|ding)\s+(?:[\w']+\s+){1,2}\Z")
_EDGE_BEFORE = re.compile(r"(?i)\b(?:last|first|final|closing|opening|few|dying)\s+$")  # "the final minutes of"
_RANGE_BEFORE = re.compile(r"\d[-/]$")  # compiled once: checked before every duration


# the rules besides durations that context_ok checks (each has a branch of its own there)
_CHECKED_IN_CONTEXT = frozenset({"date.day-of-month", "date.definite-unit",
                                 "set.adverb", "date.season", "date.half", "date.bare-part", "date.month-rel-year",
                                 "date.rel-month", "date.later", "ref.future", "date.year-short",
                                 "date.unit-beside", "time.overnight", "date.quarter", "time.clock-wire"})


def context_ok(rule: Rule, m: re.Match[str], text: str) -> bool:
    """Context checks that a pattern alone cannot make (the words around the match)."""
    if rule.kind != "duration" and rule.id not in _CHECKED_IN_CONTEXT:
        return True  # most rules (weekdays, dates, years): no check below is theirs
    s, e = m.span()
    if rule.kind == "duration":
        if _RANGE_BEFORE.search(text[max(0, s - 2):s]):
            return False  # "the 2020-21 season": part of a range of years, not a duration
        if text.startswith("-", e) and rule.id == "duration.span":
            return False  # "a years-long feud", "two-and-a-half-year": an adjective the -long rules read
        if rule.id == "duration.span" and not _range_rises(m, text):
            return False
        if rule.id == "duration.span" and m.group(0)[:4].lower() == "her " and _DISTANCE_AFTER.match(text, e):
            return False  # "money he owed her two days earlier": an object pronoun, then a distance (trial AT)
        if (_A_QUARTER_OF.search(m.group(0)) or _A_QUARTER_OF.search(text, max(0, s - 6), e)) \
                and _SHARE_AFTER.match(text, e):
            return False  # "a quarter of a million dollars", "by a quarter point": a share (new-user trials AA, AB)
        if _AGE_AFTER.match(text, e) or m.group(0).lower().endswith("-old"):
            return False  # "a 44-year-old protester", "52 years old"
        if _ARTICLE_NUM.match(m.group(0)) and _PER_BEFORE.search(text, max(0, s - 20), s) \
                and not _APART_AFTER.match(text, e):
            return False  # "$500 million a year", "four flights a week": a rate, not a duration; but "The vote
            # comes a week after the protests" (a verb in -s) is a distance
        if rule.id == "duration.bare-units":
            if re.match(r"(?i)(?:the\s+)?(?:early|small|wee)\s+hours$", m.group(0)) or re.search(
                    r"(?i)\b(?:early|small|wee)\s+$", text[max(0, s - 6):s]):
                if re.match(r"\s+of\b", text[e:e + 4]):
                    return False  # "in the early hours of Sunday": the date says when (TE3 corpora: 4 of 4)
            if text.endswith("-", 0, s):
                return False  # the end of a hyphenated word: "after-hours trading", "out-of-hours care"
            if re.fullmatch(r"(?i)(?:the\s+)?minutes", m.group(0)) and _MINUTES_OF_A_MEETING.match(text, e) \
                    and not _EDGE_BEFORE.search(text, max(0, s - 9), s):
                return False  # "Minutes of the previous meeting showed": the record (new-user trial W)
            if _APART_AFTER.match(text, e) or (m.group(0)[:1].isupper() and s > 0
                                                and not re.search(r"[.!?\n\"'`]\s*$", text[max(0, s - 3):s])):
                return False
    elif rule.id == "date.day-of-month":
        return bool(_DAY_PREPOSITION_BEFORE.search(text, max(0, s - 8), s)) and not _NOUN_AFTER_DAY.match(text, e) \
            and not _NTH_NOUN_AFTER.match(text, e)  # "from the 3rd to the 9th floor"
    elif rule.id == "set.adverb":
        if m.group(0).lower() == "quarterly" and _LOWER_WORD_AFTER.match(text, e):
            return False  # "its quarterly dividend", "quarterly results": a kind of thing (TimeBank and AQUAINT tag 1
            # of 11; trial AJ's headline)
        if m.group(0)[:1].isupper() and _CAPITAL_AFTER.match(text, e) \
                and not re.search(r"(?:^|[.!?:\n\"“(])\s*$", text[max(0, s - 3):s]):
            return False  # "the Daily Courier", "Weekly Standard": a name
    elif rule.id == "date.season":
        if _TITLE_BEFORE.search(text, max(0, s - 20), s):
            return False  # "Mayor Fall": a name
        if re.match(r"(?i)(?:the )?fall$", m.group(0)) and _FALL_OF_A_THING.match(text, e):
            return False  # "the fall of Saigon", "the fall of the Berlin Wall": an event, not the season
    elif rule.id in ("date.quarter", "date.half") and _CODE_PERIOD.fullmatch(m.group(0)):
        # "Q3", "H1": a period only as a time, in capitals (new-user trial AB); not "the Audi Q3", "the H1 visa"
        before = _PERIOD_WORD_BEFORE.search(text, max(0, s - 12), s)
        return m.group(0)[0] in "QH" and not re.match(r"[\w-]", text[e:e + 1]) and (
            (before is not None and (m.group(0)[0] == "Q" or before.group(1).lower() not in _DETERMINERS))
            or _RESULTS_AFTER.match(text, e) is not None)  # "the H1 visa": a determiner makes no half a time
    elif rule.id == "date.half":
        if re.match(r"\s+of\b", text[e:e + 5]):
            return False  # "the first half of the new bridge": half of a thing, not of a year
        if not re.search(r"\d|year", m.group(0)) and _GAME.search(text, max(0, s - 120), min(len(text), e + 120)):
            return False  # "scored twice in the first half": half of a match
        if _DAY_POSSESSIVE_BEFORE.search(text, max(0, s - 16), s):
            return False  # "throughout Saturday's second half": the match's (new-user trial AC)
    elif rule.id == "date.bare-part":
        if re.match(r"\s+(?:of|the|that|when|before|after)\b", text[e:e + 8]):
            return False  # "on the night of Oct. 23", "the night the plane fell": the date or event says when
        if re.search(r"\b(?:a|per)\s+$", text[max(0, s - 5):s]) and _PER_BEFORE.search(text, max(0, s - 25), s - 2):
            return False  # "$55 a night": a rate
        if _EVENT_BEFORE_PART.search(text, max(0, s - 12), s):
            return False  # "the opening night was moved", "election night": the night of an event, named by it
        if _SPENT_BEFORE.search(text, max(0, s - 30), s):
            return False  # "had spent a night in emergency shelters" (new-user trial AV had Thursday night), "spent
            # their fourth night without electricity": how long, no time (TE3 silver: 3 of 3 untagged)
    elif rule.id == "date.month-rel-year":
        if text.startswith(("'s", "’s"), e):
            return False  # "in June last year's champion": the year qualifies a noun
    elif rule.id == "date.rel-month":
        if re.match(r"\s+\d", text[e:e + 3]):
            return False  # "last Oct. 23": the day is the expression, "last" only says it is past
    elif rule.id == "time.clock-wire":
        return not text.endswith("(", 0, s)  # "at 10:35 a.m. (0735 GMT)": the same time again
    elif rule.id == "time.overnight":
        return not _OVERNIGHT_THING.match(text, e) and not _DAY_BESIDE_OVERNIGHT.match(text, e) \
            and not _DAY_BEFORE_OVERNIGHT.search(text, max(0, s - 12), s)
    elif rule.id == "date.definite-unit" and re.match(r"-(?!to-)[A-Za-z]", text[e:e + 5]):
        return False  # the first part of a word: "the quarter-final on December 16" (new-user trial AC), "the
        # quarter-cent tax" (trial AF), "the year-end rally" (its own rule); "the quarter-to-quarter comparison"
        # still names the quarter in focus (TimeBank: the 3 values after it)
    elif rule.id == "date.definite-unit" and _BEFORE_AN_EVENT.match(text, e) \
            and re.search(r"(?i)(?:week|month|year)\Z", m.group(0)):
        return False  # "the week before the vote": a week counted from an event (events._relative_anchors); not the
        # DCT's week (new-user trial AA); "the week before, ..." is date.unit-beside's
    elif rule.id == "date.unit-beside":
        return bool(_NOTHING_AFTER.match(text, e))  # "The day before, ..."; not "the day before the verdict"
    elif rule.id == "date.later":
        if re.match(r"\s+than\b", text[e:e + 8]):
            return False  # "six weeks later than planned": a delay, not a date
    elif rule.id == "ref.future":
        if re.match(r"(?i)shortly|soon$", m.group(0)) and _APART_AFTER.match(text, e):
            return False  # "soon after the vote": a relation, not a time
    elif rule.id == "date.year-short":
        if not re.search(r"(?i)\b(?:in|since|of|by|from|until|fiscal|early|late|mid|class|summer|spring|"
                         r"fall|winter|the)\s+$", text[max(0, s - 10):s]):
            return False
    return True


_VERB_LAST = re.compile(r"(?i)\b(?:will|would|could|can|may|might|must|should|shall|to|not|n't|'ll|’ll)\s+$")


def _range_rises(m: re.Match[str], text: str) -> bool:
    """False for a duration whose words are no span: the verb "last" ("will last three days"; the
    days alone are the expression) or two numbers that are no range ("3-1 hours", "2010-12 years")."""
    groups = m.re.groupindex
    if "rel" in groups and (m.group("rel") or "").lower() == "last" and m.group(0)[:4].lower() == "last" \
            and _VERB_LAST.search(text, max(0, m.start() - 8), m.start()):
        return False
    low = (m.group("lo") or m.group("lod") or "") if "lo" in groups else ""
    if low and "num" in groups and m.group("num"):
        low, high = low.replace(",", ""), m.group("num").replace(",", "")
        if low.replace(".", "").isdigit() and high.replace(".", "").isdigit() and float(low) >= float(high):
            return False
    return True
