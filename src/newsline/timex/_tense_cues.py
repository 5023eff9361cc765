"""Tense cues: the words near a bare weekday or month that say whether its clause is past or future.

The words are ``_WORD``'s tokens of the lower-cased window.  One compiled pattern finds
the tokens that can be cues (a cue word, the first word of a cue phrase, a word in
"-ed"); only those reach Python, not every word of the window.  The pattern knows where
a token starts and ends: at the start of the window or after a character that is
neither a word character nor an apostrophe; where its word characters end, unless an
apostrophe and a word character follow ("don't").  Runs of apostrophes inside a word
("O'Neill's": the tokens "o'neill" and "'s") are read word by word instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from newsline.timex._lexicon import Lexicon

__all__ = ["CLAUSE_BREAK", "TenseCues", "tense_cues"]

_WORD = re.compile(r"\w+(?:'\w+)?|'\w+")
_ED = re.compile(r"[a-z]{3,}ed")  # past forms: "announced", "crossed"
_NOT_PAST_ED = {"need", "speed", "indeed", "hundred", "proceed", "exceed", "succeed", "feed", "seed",
                "breed", "bleed", "embed", "shed", "bed", "red", "wed", "based", "expected",
                "scheduled", "planned", "proposed", "supposed", "intended", "fixed", "hoped", "aimed", "vowed",
                "pledged", "promised"}
_CLAUSE_WORDS = "and|but|which|while|whereas|so|then"
_CLAUSE_BREAK = re.compile(rf"\b(?:{_CLAUSE_WORDS})\b|;", re.IGNORECASE)
CLAUSE_BREAK = _CLAUSE_BREAK  # where a clause ends: its tense cues belong to the next one
# a subordinate clause after the expression has its own tense: "will reopen on Saturday, ten weeks after it was closed"
_SUBORDINATE = re.compile(r",[^,;]*\b(?:after|before|since|because|although|though|until|when)\s+"
                          r"(?:it|he|she|they|we|you|i|there)\b", re.IGNORECASE)
# a clause that opens right after the expression is what a verb before it says: "promised on Wednesday that the
# bridge will reopen" (re-check trial AZ had the Wednesday ahead)
_THAT_NEXT = re.compile(r"\s*,?\s*that\s", re.IGNORECASE)
_SCHEDULED_REACH = 40  # characters from a verb in the present of a timetable to the expression it dates
_MOVED_REACH = 80  # characters before the expression where a verb of moving a date is looked for
_GAP = r"(?:[^\w']|'(?!\w))*"  # between two tokens: no word character, no apostrophe opening a token
_APOSTROPHE_RUN = re.compile(r"'\w+'\w")
# "The couple, who married in 2015, ...", and an apposition's relative clause: "Marrow Lane, a group that formed in
# Cork in 2019, releases ..." (re-check trial BB had the album out in 2019's February)
_ASIDE_OPEN = re.compile(r",\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:who|whose|which|that)|who|whose|which)"
                         r"\s[^,;:!?()\"“”]*$")
# the comma that closes a relative clause, then the main clause's verb
# "defended"; "releases" (new-user trial BA: "The band, which formed in 2015, releases its album in October" went a
# year back)
_MAIN_VERB_AFTER_ASIDE = re.compile(r",\s+(?:is|are|was|were|has|have|had|will|would|[a-z]{3,}ed|[a-z]{3,}[^s]s)\b")
_ASIDE_REACH = 80  # characters before an expression where the comma opening its relative clause is looked for
# after these an "-ed" word is an adjective, not a past verb: "will be paid", "will remain closed through Thursday"
_BE = ("be", "being", "remain", "remains", "remaining", "stay", "stays", "staying")
_MODALS_AND_TO_WORDS = ("would", "will", "could", "should", "can", "may", "might", "must", "shall", "to", "'ll")
_NO_TIMETABLE = (*_MODALS_AND_TO_WORDS, "did", "do", "does", "didn't", "don't", "doesn't", "not", "never", "let",
                 "help", "make", "made", "helped", "i", "you")  # before a verb that is then no timetable's
_NOT_SUBJECTS = frozenset({"in", "on", "at", "as", "of", "for", "by", "with", "from", "into", "the", "a", "an", "this",
                           "that", "its", "his", "her", "their", "our", "whose", "was", "is", "always", "news"})
_BE_OR_NOT_NEXT = re.compile(r"\W+(?:be|not)\b")  # "could be located", "could not confirm": as often past
# A phrase cue that ends in "to" ("plan to", "set to") takes a verb; before a determiner its "to" is a preposition:
# "promised on Wednesday to present a new housing plan to the council" has no plan to do anything (new-user trial T)
_NOUN_AFTER_TO = re.compile(r"\s+(?:the|a|an|his|her|its|their|this|that|these|those|our|your|my)\b")
_SINGULAR_PRONOUNS = ("he", "she", "it")
_BE_PRESENT = ("is", "are", "am", "'m", "'re", "i'm", "we're", "you're", "they're", "he's", "she's", "it's")
_Trie = dict[str, "_Trie"]


def _token(word: str) -> str:
    """A pattern for ``word`` as a whole token."""
    start = r"(?<!\w)" if word.startswith("'") else r"(?<![\w'])"
    end = r"(?!\w)" if "'" in word else r"(?!\w|'\w)"
    return start + re.escape(word) + end


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` that shares their prefixes, so that a failing word costs one character."""
    root: _Trie = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # a word ends here and longer ones go on: try the longer ones first
            return f"(?:{body})?"
        return body

    return emit(root)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_ByLength = tuple[tuple[int, frozenset[str]], ...]


def _by_length(words: Iterable[str]) -> _ByLength:
    """``words`` grouped by length: :func:`_after_word` tries each length once instead of each word."""
    groups: dict[int, set[str]] = {}
    for w in words:
        groups.setdefault(len(w), set()).add(w)
    return tuple((n, frozenset(ws)) for n, ws in sorted(groups.items(), reverse=True))


_BE_BY_LENGTH = _by_length(_BE)
_BE_PRESENT_BY_LENGTH = _by_length(_BE_PRESENT)
_BE_ANY = ("is", "are", "was", "were", "been", "be", "'s", "’s")
_BE_ANY_BY_LENGTH = _by_length(_BE_ANY)
_SINGULAR_PRONOUNS_BY_LENGTH = _by_length(_SINGULAR_PRONOUNS)
# before a verb's base form: "will hit", "to shut" (not "may": "Pakistan in May sent parts")
_BASE_FORM_BEFORE = frozenset(_MODALS_AND_TO_WORDS) - {"may"}
_BASE_FORM_BEFORE_BY_LENGTH = _by_length(_BASE_FORM_BEFORE)


def _after_be(window: str, i: int) -> bool:
    """True when the token before the one at ``i`` is one of ``_BE`` ("will be paid")."""
    return _after_word(window, i, _BE_BY_LENGTH)


_UNITS = ("day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years", "decade",
          "decades", "hour", "hours", "minutes")
_UNITS_BY_LENGTH = _by_length(_UNITS)


def _after_word(window: str, i: int, words: _ByLength) -> bool:
    """True when the token before the one at ``i`` is one of ``words`` (grouped by :func:`_by_length`)."""
    j = i
    while j > 0 and not _is_word(window[j - 1]):
        j -= 1
    for n, group in words:
        k = j - n
        if k >= 0 and window[k:j] in group and (k == 0 or not (_is_word(window[k - 1]) or window[k - 1] == "'")):
            return True
    return False


# After a modal (or "to") and the verb it takes comes no past verb: "would credit affected customers",
# "to help injured riders" (the word in -ed is an adjective; new-user trial M put "on Friday" in the past by it)
_MODALS_AND_TO = frozenset(_MODALS_AND_TO_WORDS)


def _after_modal_verb(window: str, i: int) -> bool:
    """True when the two tokens before the one at ``i`` are a modal (or "to") and a word: "would credit _"."""
    words = _WORD.findall(window[max(0, i - 40):i])
    return len(words) >= 2 and words[-2] in _MODALS_AND_TO and words[-1] not in _MODALS_AND_TO


def _plural_subject(word: str, first: str) -> bool:
    """Whether a token (lower-cased, ``first`` its first character as written) can be the subject of a verb in the
    plural right after it: "they", "voters", "talks", or a name ("Harbor City go")."""
    if word in _NO_TIMETABLE or word in _NOT_SUBJECTS or word.endswith(("'s", "\u2019s")):
        return False  # "the firm's head office in January": a possessive, no subject (new-user trial V)
    return word in ("they", "we", "both") or first.isupper() or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")))


_ASIDE_BEFORE = re.compile(r",[^,.;:!?]{1,30},\s*\Z")


def _after_plural_subject(window: str, orig: str, i: int) -> bool:
    """True when the token before the one at ``i`` can be a plural subject ("they", "voters", "Harbor City");
    ``orig`` is the window as written (the window itself is lower-cased).  An aside between them is passed over:
    "Harbor City, now third, host Westbrook on Wednesday" (new-user trial P)."""
    aside = _ASIDE_BEFORE.search(window, max(0, i - 40), i)
    if aside is not None:
        i = aside.start()
    words = list(_WORD.finditer(window, max(0, i - 30), i))
    return bool(words) and _plural_subject(words[-1].group(), orig[words[-1].start()])


def _possessive(text: str, e: int) -> bool:
    """The expression ending at ``e`` is a possessive ("Wednesday's ruling")."""
    return text.startswith(("'s", "\u2019s"), e)


def in_an_aside(text: str, lo: int, s: int) -> bool:
    """Whether the expression at ``s`` is in a relative clause set off by a comma that opens at or after ``lo``
    (its sentence's start): "The couple, who married in 2015, said ...", something said in passing."""
    lo = max(lo, s - _ASIDE_REACH)
    return (text.rfind(", wh", lo, s) >= 0 or text.find(" that ", lo, s) >= 0) \
        and _ASIDE_OPEN.search(text, lo, s) is not None  # a quick look first


_NEXT_DAY = re.compile(r"next (?:day|morning|afternoon|evening|night)\b")


class TenseCues:
    """The cue table of a language and the pattern that finds its cues."""

    def __init__(self, lex: Lexicon) -> None:
        table: dict[str, str] = {}
        for kind, words in (("present", lex.present_cues), ("scheduled", lex.scheduled_cues),
                            ("progressive", lex.progressive_cues), ("plural", lex.plural_scheduled_cues),
                            ("pronoun", lex.pronoun_scheduled_cues), ("possible", lex.possible_cues),
                            ("reporting", lex.reporting_cues),
                            ("future", lex.future_cues), ("past", lex.past_cues), ("not", lex.not_cues),
                            ("would", lex.future_in_past_cues)):
            for w in words:
                table[" ".join(_WORD.findall(w.lower()))] = kind
        self.table = table
        self.determiners = tuple(sorted(lex.name_year_determiners, key=len, reverse=True))
        self.determiners_by_length = _by_length(self.determiners)
        # Phrases of two and three words are read, the longest first; a longer one ("had been set to")
        # is not read as one phrase (its first three words may be one of their own).
        by_first: dict[str, list[str]] = {}
        for phrase in sorted((k for k in table if 1 <= k.count(" ") <= 2), key=lambda k: -k.count(" ")):
            by_first.setdefault(phrase.split(" ")[0], []).append(phrase)
        self.phrases = {
            first: re.compile("|".join(_GAP.join(_token(w) for w in p.split(" ")) for p in phrases))
            for first, phrases in by_first.items()
        }
        tokens = set(table) | set(by_first)
        plain = sorted(w for w in tokens if " " not in w and "'" not in w)
        inner = sorted(w for w in tokens if " " not in w and "'" in w and not w.startswith("'"))
        leading = sorted(w for w in tokens if " " not in w and w.startswith("'"))
        # The character before a token is matched too (the window gets a space in front):
        # a pattern that starts with a character class lets the engine skip along.
        letters = [rf"(?:{_trie(plain)}|[a-z]{{5,}}+(?<=ed))(?!\w|'\w)"]  # a word in -ed, no backtracking
        if inner:
            letters.append(rf"(?:{_trie(inner)})(?!\w)")
        after = rf"(?<!')({'|'.join(letters)})"
        if leading:
            after += rf"|((?:{_trie(leading)}))(?!\w)"
        self.finder = re.compile(rf"[^\w](?:{after})")
        # "moved the hearing to": a verb of moving a date, up to four words, a preposition, then the expression
        moving = sorted(lex.moving_verbs, key=len, reverse=True)
        verbs = "|".join(r"\s+".join(map(re.escape, v.split())) for v in moving)
        preps = "|".join(map(re.escape, lex.moving_preps))
        self.moved = re.compile(
            rf"(?<![\w'])(?:{verbs})(?:\s+(?!(?:{_CLAUSE_WORDS})\b)[\w'$%-]+){{1,4}}?\s+(?:{preps})\s+\Z",
            re.IGNORECASE) if verbs and preps else None

        # "ordered the company to pay $2 million by": an infinitive, up to eight words, a deadline word
        markers = "|".join(map(re.escape, lex.infinitive_markers))
        deadlines = "|".join(map(re.escape, lex.infinitive_deadlines))
        not_verbs = "|".join(map(re.escape, sorted(lex.infinitive_not_verbs)))
        self.deadline = re.compile(
            rf"(?<![\w'])(?-i:{markers})\s+(?!(?:{not_verbs})\b)(?-i:[a-z]+)\b"
            rf"(?:\s+(?!(?:{_CLAUSE_WORDS})\b)[\w'$%.-]+){{0,8}}?\s+(?:{deadlines})\s+\Z",
            re.IGNORECASE) if markers and deadlines else None
        # what both patterns end with: a preposition or deadline word, then white space up to the expression
        # (checked first, at the end of the stretch only: most expressions have neither pattern before them)
        ends = [*(lex.moving_preps if self.moved else ()), *(lex.infinitive_deadlines if self.deadline else ())]
        self.arranged_end = re.compile(rf"\s(?:{'|'.join(map(re.escape, ends))})\Z", re.IGNORECASE) if ends else None
        self.arranged_reach = 1 + max(map(len, ends), default=0)  # characters of that white space and word

    def nearest(self, text: str, a: int, b: int, s: int, e: int) -> tuple[str | None, str | None]:
        """The tense of the nearest cue in ``text[a:b]`` to the expression at [s, e): 'past',
        'future' or None, counting words in "-ed" and not counting them."""
        lo = max(a, s - _MOVED_REACH)
        if self._arranged_end(text, lo, s):
            if self.moved is not None and self.moved.search(text, lo, s):
                return "future", "future"  # an arrangement in the active voice: "moved the vote to Friday"
            if self.deadline is not None and self.deadline.search(text, lo, s):
                return "future", "future"  # a deadline for an infinitive: "ordered them to pay by Friday"
        window = text[a:b].lower().replace("\u2019", "'")  # a typographic apostrophe is an apostrophe
        orig = text[a:b]
        found = self._by_words(window, orig) if _APOSTROPHE_RUN.search(window) else self._by_pattern(window, orig)
        best: tuple[int, str] | None = None  # any cue
        best_word: tuple[int, str] | None = None  # a cue word, not a word in "-ed"
        # in a relative clause set off by commas, the verb after its closing comma is the main clause's: "The
        # tour, which was postponed in October, will resume next week" (the postponing is past)
        aside = in_an_aside(text, a, s)
        for ws, he, kind, after_be in found:
            ws, he = ws + a, he + a
            if s <= ws < e or kind == "not":  # "next to the embassy" says nothing of time
                continue
            if kind == "future" and window.endswith("the ", 0, ws - a) and _NEXT_DAY.match(window, ws - a):
                continue  # "the next day", "the next morning" count from the story's time, no future (new-user
                # trial U); "the next match", "the next elections" are ahead (TE3 silver: 3 of 3)
            if kind == "ed" and text[ws].isupper():  # "the United States" is no past verb
                continue
            if he <= s and not aside and in_an_aside(text, a, ws) and _MAIN_VERB_AFTER_ASIDE.search(text, he, s):
                continue  # "The sale, which had been expected, is part of a program to pay it by February": the
                # aside's verb is not the clause's
            if kind == "possible" and (ws >= e or s - he > _SCHEDULED_REACH):
                continue  # "could reach the coast on Thursday"; not "... to buy what they could", nor a "might" far
                # back in the sentence, in another clause
            if kind == "would" and (ws >= e or _possessive(text, e)):
                # "On Wednesday the judge told them she would accept": the telling's day, in the main clause;
                # "would look for ways around Wednesday's ruling": the ruling's day, not the looking's
                continue
            if ws >= e:
                if best_word is not None and ws - e >= best_word[0]:
                    break  # cues further right are further away
                if _CLAUSE_BREAK.search(text, e, ws) or (aside and "," in text[e:ws]) \
                        or _SUBORDINATE.search(text, e, ws) or _THAT_NEXT.match(text, e):
                    break  # "doubled it on Tuesday and will add more": the cues belong to the next clause; "will
                    # reopen on Saturday, ten weeks after it was closed": to a clause of its own
            dist = s - he if he <= s else ws - e
            if ws >= e and "," in text[e:ws]:
                dist += 8  # past a comma, another clause's verb: "The contract, signed in March, will be suspended"
            if after_be:
                continue  # "will be paid Dec. 14", "will be announced on Wednesday": the verb before "be" says when
            if kind == "reporting":
                if dist > 8 and not (he <= s and dist <= 40 and "," not in text[he:s] and " that " not in text[he:s]):
                    continue  # "said on Monday", "Monday, he said"; "told supporters shortly after midnight" (trial
                    # U), not "said Tuesday that Sunday's elections will go ahead" (the reported clause's)
                if not (he <= s and dist <= 4):  # right before it ("said on Tuesday that it will") it governs it
                    dist += 6  # a verb of the clause itself says more: "will begin in September, Novak said"
            elif kind == "present" and (dist > 8 or he > s):
                continue  # present: "is on Sunday", "is in November"
            elif kind in ("scheduled", "progressive", "plural", "pronoun") and (dist > _SCHEDULED_REACH or he > s):
                continue  # "flies to Madrid on Thursday": the verb of the clause, before the expression
            tense = "future" if kind in ("future", "present", "scheduled", "progressive", "plural", "pronoun",
                                         "possible", "would") else "past"
            if kind == "ed":
                dist += 1
            elif best_word is None or dist < best_word[0]:
                best_word = (dist, tense)
            if best is None or dist < best[0]:
                best = (dist, tense)
        return (best[1] if best else None), (best_word[1] if best_word else None)

    def _arranged_end(self, text: str, lo: int, s: int) -> bool:
        """Whether ``text[lo:s]`` ends as ``moved`` and ``deadline`` need: white space, a preposition or deadline
        word, white space up to ``s`` (the same words, flags and white space as theirs)."""
        if self.arranged_end is None:
            return False
        k = lo + len(text[lo:s].rstrip())  # where the white space before the expression starts (str.isspace is \s)
        return k < s and self.arranged_end.search(text, max(lo, k - self.arranged_reach), k) is not None

    def _conjoined_timetable(self, window: str, orig: str, i: int) -> bool:
        """ "The Comets play the Nets on Friday and host the Bulls on Sunday": a timetable verb after "and" shares
        the subject of the timetable verb before it (new-user trial AM had the Sunday before)."""
        words = list(_WORD.finditer(window, 0, i))
        if not words or words[-1].group() != "and":
            return False
        return any(self.table.get(w.group()) == "plural" and _after_plural_subject(window, orig, w.start())
                   for w in words[:-1])

    def _kind(self, word: str) -> str | None:
        kind = self.table.get(word)
        if kind is None and word.endswith("ed") and _ED.fullmatch(word) and word not in _NOT_PAST_ED:
            return "ed"
        return kind

    def _by_pattern(self, window: str, orig: str) -> Iterator[tuple[int, int, str, bool]]:
        """(start, end, kind, after "be") of each cue, in order, offsets into the window."""
        for m in self.finder.finditer(" " + window):
            g = m.lastindex or 1  # the token's group, 1 or 2: the pattern has no other
            ws, he = m.span(g)
            ws, he = ws - 1, he - 1
            w = m.group(g)
            kind = None
            phrases = self.phrases.get(w)
            if phrases is not None:
                pm = phrases.match(window, ws)
                if pm is not None:
                    kind, he = self.table[" ".join(_WORD.findall(pm.group()))], pm.end()
                    if kind != "not" and pm.group().endswith("to") and _NOUN_AFTER_TO.match(window, he):
                        kind, he = None, m.end(g) - 1  # "a housing plan to the council": the word alone
            if kind is None:
                kind = self._kind(w)
                if kind is None:
                    continue
            if kind == "past" and w == "earlier" and _after_word(window, ws, _UNITS_BY_LENGTH):
                continue  # "rise in the fourth quarter from a year earlier": the comparison's own time, not the
                # clause's (new-user trial AB: the quarter ahead went to the year before)
            if kind == "past" and he == m.end(g) - 1 and _after_word(window, ws, _BASE_FORM_BEFORE_BY_LENGTH):
                continue  # "will hit the coast on Thursday", "plans to shut the plant in April": a verb's base form
            if kind == "ed" and (_after_word(window, ws, self.determiners_by_length) or _after_modal_verb(window, ws)):
                continue  # "a televised debate", "the injured man", "would credit affected customers": adjectives
            if w == "due" and _after_word(window, ws, _BE_ANY_BY_LENGTH):
                continue  # "was due", "is due": the phrase before it says which way (a bare "due" points ahead)
            if kind == "progressive" and not _after_word(window, ws, _BE_PRESENT_BY_LENGTH):
                continue  # "after hitting the road on Sunday": no arrangement
            if kind == "plural" and not _after_plural_subject(window, orig, ws) \
                    and not self._conjoined_timetable(window, orig, ws):
                continue  # "wanted to go on Tuesday", "as head of": no timetable
            if kind == "possible" and _BE_OR_NOT_NEXT.match(window, he):
                continue  # "could be located Wednesday": as often past (TE3 silver: 2 of 2)
            if kind == "pronoun" and not _after_word(window, ws, _SINGULAR_PRONOUNS_BY_LENGTH):
                continue  # "tax returns on Monday": a noun
            yield ws, he, kind, kind in ("past", "ed", "reporting") and _after_be(window, ws)

    def _by_words(self, window: str, orig: str) -> Iterator[tuple[int, int, str, bool]]:
        """The same, word by word."""
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(window)]
        for i, (ws, we, w) in enumerate(words):
            kind, he = None, we
            if w in self.phrases:  # the longest phrase starting here
                for n in (3, 2):
                    phrase = " ".join(x for _a, _b, x in words[i:i + n])
                    if len(phrase.split(" ")) == n and phrase in self.table and not (
                            self.table[phrase] != "not" and phrase.endswith(" to")
                            and _NOUN_AFTER_TO.match(window, words[i + n - 1][1])):
                        kind, he = self.table[phrase], words[i + n - 1][1]
                        break
            if kind is None:
                kind = self._kind(w)
                if kind is None:
                    continue
            if kind == "ed" and i > 0 and (words[i - 1][2] in self.determiners
                                           or (i > 1 and words[i - 2][2] in _MODALS_AND_TO)):
                continue
            if kind == "past" and he == we and i > 0 and words[i - 1][2] in _BASE_FORM_BEFORE:
                continue
            if kind == "past" and w == "earlier" and i > 0 and words[i - 1][2] in _UNITS:
                continue
            if w == "due" and i > 0 and words[i - 1][2] in _BE_ANY:
                continue
            if kind == "progressive" and not (i > 0 and words[i - 1][2] in _BE_PRESENT):
                continue
            if kind == "plural" and not (i > 0 and _plural_subject(words[i - 1][2], orig[words[i - 1][0]])) \
                    and not self._conjoined_timetable(window, orig, ws):
                continue
            if kind == "possible" and i + 1 < len(words) and words[i + 1][2] in ("be", "not"):
                continue
            if kind == "pronoun" and not (i > 0 and words[i - 1][2] in _SINGULAR_PRONOUNS):
                continue
            yield ws, he, kind, kind in ("past", "ed", "reporting") and i > 0 and words[i - 1][2] in _BE


@cache
def tense_cues(lex: Lexicon) -> TenseCues:
    return TenseCues(lex)
