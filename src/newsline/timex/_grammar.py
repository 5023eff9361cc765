"""Compile the rules of a language into one fast scanner plus per-rule matchers.

The scanner is a single RE2 automaton over the union of all rule patterns with
leftmost-longest semantics: one linear pass over the text finds every
candidate span, with no per-token Python work.  Each candidate is then
re-matched by the individual rules (Python ``re`` with named groups) to learn
which rule fired and what its parts are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import re2

from newsline.errors import ResourceError
from newsline.timex._lexicon import Lexicon, load_lexicon, load_rules_data

_MACRO = re.compile(r"\{([A-Z][A-Z0-9]*)(?::([a-z][a-z0-9_]*))?\}")
_NAMED = re.compile(r"\(\?P<[a-z][a-z0-9_]*>")
_INLINE_NAMED = re.compile(r"\(\?P<([a-z][a-z0-9_]*)>")
_KINDS = {"calendar", "shift", "offset", "duration", "set", "vague", "clock", "anaphor", "period"}
_TYPES = {"DATE", "TIME", "DURATION", "SET"}


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    type: str
    kind: str
    pattern: str
    regex: re.Pattern[str]
    params: dict[str, Any] = field(default_factory=dict)
    followed_by: re.Pattern[str] | None = None
    examples: tuple[tuple[str, str], ...] = ()
    negatives: tuple[str, ...] = ()
    names_repeat: bool = False  # a group name used twice (the second is ``name__2``)


@dataclass(frozen=True)
class Grammar:
    language: str
    lexicon: Lexicon
    rules: tuple[Rule, ...]
    scanner: Any  # re2 compiled pattern
    example_dct: str
    by_first: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    any_first: tuple[Rule, ...] = ()
    day_list: re.Pattern[str] | None = None  # the next day of a list or range after a date ("May 2 - 3")
    day_beside: re.Pattern[str] | None = None  # the day next to a date after it ("the day before [Tuesday]")

    def rules_at(self, char: str) -> tuple[Rule, ...]:
        """The rules (in file order) whose matches can start with ``char``."""
        return self.by_first.get(char, self.any_first)


def _first_chars(regex: re.Pattern[str]) -> set[str] | None:
    """Characters a match of ``regex`` can start with; None when any (or unknown)."""
    try:
        from re import _constants as C  # type: ignore[attr-defined]
        from re import _parser as P  # type: ignore[attr-defined]

        def seq(items: Any) -> tuple[set[str] | None, bool]:
            out: set[str] = set()
            for op, av in items:
                f, nullable = item(op, av)
                if f is None:
                    return None, False
                out |= f
                if not nullable:
                    return out, False
            return out, True

        def item(op: Any, av: Any) -> tuple[set[str] | None, bool]:
            if op is C.LITERAL:
                c = chr(av)
                return {c.lower(), c.upper()}, False
            if op is C.IN:
                chars: set[str] = set()
                for iop, iav in av:
                    if iop is C.LITERAL:
                        chars |= {chr(iav).lower(), chr(iav).upper()}
                    elif iop is C.RANGE and iav[1] - iav[0] < 128:
                        for code in range(iav[0], iav[1] + 1):
                            chars |= {chr(code).lower(), chr(code).upper()}
                    elif iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                        chars |= set("0123456789")
                    else:
                        return None, False
                return chars, False
            if op is C.BRANCH:
                out: set[str] = set()
                nullable = False
                for branch in av[1]:
                    f, n = seq(branch)
                    if f is None:
                        return None, False
                    out |= f
                    nullable = nullable or n
                return out, nullable
            if op is C.SUBPATTERN:
                return seq(av[-1])
            if op in (C.MAX_REPEAT, C.MIN_REPEAT):
                f, n = seq(av[2])
                return f, n or av[0] == 0
            if op is C.AT:
                return set(), True
            return None, False

        first, nullable = seq(P.parse(regex.pattern, regex.flags))
        return None if nullable else first
    except Exception:  # noqa: BLE001 - an optimisation only: fall back to trying the rule everywhere
        return None


def _index(rules: tuple[Rule, ...]) -> tuple[dict[str, tuple[Rule, ...]], tuple[Rule, ...]]:
    firsts = [(_first_chars(r.regex), r) for r in rules]
    chars = set().union(*(f for f, _ in firsts if f is not None))
    by_first = {c: tuple(r for f, r in firsts if f is None or c in f) for c in chars}
    return by_first, tuple(r for f, r in firsts if f is None)


def _alternation(words: list[str]) -> str:
    """A regex alternation of words, longest first, spaces matching any white space.

    Each word must end at a word boundary ("Mar" is not the start of "market"); an
    abbreviation may instead end with its dot.
    """
    if not any(w.startswith("(?-i:") or w.endswith(r"\.?") or w != w.lower() for w in words):
        return _trie_alternation(set(words))
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        if w.startswith("(?-i:"):  # a case-sensitive group made by the lexicon
            body, dot = (w[:-3], True) if w.endswith(r"\.?") else (w, False)
            parts.append(body + (r"(?:\.|\b)" if dot else r"\b"))
        elif w.endswith(r"\.?"):
            parts.append(re.escape(w[:-3]).replace(r"\ ", " ") + r"(?:\.|\b)")
        else:
            word = re.escape(w).replace(r"\ ", " ")
            parts.append(word + r"\b" if w[-1:].isalnum() else word)
    return "|".join(parts)


_Trie = dict[str, "_Trie"]


def _trie_alternation(words: set[str]) -> str:
    """The alternation of plain lower-case words that :func:`_alternation` would write, as a tree of their
    prefixes ("seven(?:ty\\b|\\s+thousand\\b|\\b)"): a word that fails costs a character or two instead of a
    try of its own (the number words are two hundred, and a rule may try them several times).

    It matches as the list does, longest first: the words that match at one place are prefixes of one
    another (they are literal text), and the list tries them longest first, as the tree does (a longer word
    before the end of a shorter one); which of two different characters comes first does not matter (at
    most one of them matches, case aside, and the words are lower case)."""
    root: _Trie = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: _Trie, last: str) -> str:
        alts = [re.escape(ch).replace(r"\ ", " ") + emit(node[ch], ch) for ch in sorted(k for k in node if k)]
        if "" in node:
            alts.append(r"\b" if last.isalnum() else "")  # as _alternation ends a word
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root, "")

def _expand(
    pattern: str,
    macros: dict[str, str],
    capture: bool,
    depth: int = 0,
    used: dict[str, int] | None = None,
) -> str:
    """Replace {MACRO} references; captured names repeated in a rule get a __N suffix."""
    used = {} if used is None else used
    if depth > 5:
        raise ResourceError(f"macro nesting too deep in {pattern!r}")

    def sub(m: re.Match[str]) -> str:
        name, group = m.group(1), m.group(2)
        if name not in macros:
            raise ResourceError(f"unknown macro {{{name}}} in pattern {pattern!r}")
        body = _expand(macros[name], macros, capture=False, depth=depth + 1)
        if capture:
            gname = group or name.lower()
            used[gname] = used.get(gname, 0) + 1
            if used[gname] > 1:
                gname = f"{gname}__{used[gname]}"
            return f"(?P<{gname}>{body})"
        return f"(?:{body})"

    return _MACRO.sub(sub, pattern)


def _spaces(pattern: str) -> str:
    # a space in a rule stands for any run of white space (line breaks included)
    return pattern.replace(" ?", r"\s*").replace(" *", r"\s*").replace(" ", r"\s+")


@cache
def load_grammar(language: str = "en") -> Grammar:
    lexicon = load_lexicon(language)
    data = load_rules_data(language)
    macros = {k: _alternation(v) for k, v in lexicon.list_macros().items()}
    for k, v in data.get("macros", {}).items():
        macros[k] = v
    rules: list[Rule] = []
    union: list[str] = []
    seen: set[str] = set()
    for raw in data.get("rule", []):
        rid = raw.get("id", "?")
        if rid in seen:
            raise ResourceError(f"rules.toml: duplicate rule id {rid!r}")
        seen.add(rid)
        if raw.get("kind") not in _KINDS or raw.get("type") not in _TYPES:
            raise ResourceError(f"rules.toml: rule {rid!r} has a bad kind or type")
        used: dict[str, int] = {}
        for inline in _INLINE_NAMED.findall(raw["pattern"]):
            used[inline] = used.get(inline, 0) + 1
        py = _spaces(_expand(raw["pattern"], macros, capture=True, used=used))
        try:
            regex = re.compile(py, re.I)
        except re.error as exc:
            raise ResourceError(f"rules.toml: rule {rid!r}: {exc}") from exc
        follow = raw.get("followed_by")
        params = {k: v for k, v in raw.items() if k in ("value", "unit", "amount", "mod", "grain")}
        rules.append(
            Rule(
                id=rid,
                name=raw.get("name", rid),
                type=raw["type"],
                kind=raw["kind"],
                pattern=raw["pattern"],
                regex=regex,
                params=params,
                followed_by=re.compile(follow, re.I) if follow else None,
                examples=tuple((e[0], e[1]) for e in raw.get("examples", [])),
                negatives=tuple(raw.get("negatives", [])),
                names_repeat=any("__" in k for k in regex.groupindex),
            )
        )
        union.append(_NAMED.sub("(?:", py))
    options = re2.Options()
    options.case_sensitive = False
    options.longest_match = True
    options.max_mem = 256 << 20
    body = "|".join(f"(?:{u})" for u in union)
    # a candidate starts at the beginning of the text or after a non-word character
    # No capturing group: RE2 then finds match bounds with its DFA alone.
    scanner = re2.compile(rf"(?:^|[^A-Za-z0-9])(?:{body})", options)
    by_first, any_first = _index(tuple(rules))
    day_list, day_beside = data.get("day_list"), data.get("day_beside")
    return Grammar(language, lexicon, tuple(rules), scanner, str(data.get("dct", "2020-10-16")),
                   by_first, any_first, re.compile(_spaces(day_list), re.I) if day_list else None,
                   re.compile(_spaces(day_beside), re.I) if day_beside else None)
