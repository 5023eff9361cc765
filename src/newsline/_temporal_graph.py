"""Allen relations between intervals and their closure: the graph both the link model and the scorers reason in.

Relations are normalised to a canonical direction: AFTER -> BEFORE, IAFTER ->
IBEFORE, IS_INCLUDED -> INCLUDES, BEGUN_BY -> BEGINS, ENDED_BY -> ENDS (source and
target swapped), and IDENTITY, DURING and DURING_INV are SIMULTANEOUS.

Closure: each entity X is an interval with a start point X- and an end point X+,
X- < X+, and each canonical relation is a conjunction of point relations:

    BEFORE        X+ < Y-              IBEFORE   X+ = Y-
    INCLUDES      X- < Y-, Y+ < X+     BEGINS    X- = Y-, X+ < Y+
    SIMULTANEOUS  X- = Y-, X+ = Y+     ENDS      X+ = Y+, Y- < X-

The closure of a graph is the transitive closure of these ``<`` and ``=`` point
constraints, kept incrementally as bitsets (for each point: the points before it,
after it and equal to it).  For constraints built only from ``<`` and ``=`` this
closure is sound and complete: it implies every relation that follows from the
links under Allen's interval semantics and nothing else (BEFORE∘INCLUDES = BEFORE,
IBEFORE∘IBEFORE = BEFORE, BEGINS∘BEFORE = BEFORE, IS_INCLUDED∘IS_INCLUDED =
IS_INCLUDED, SIMULTANEOUS substitutes, while INCLUDES∘BEFORE stays open).  Adding a
link costs O(points) bitset operations; a query costs O(1).
"""

from __future__ import annotations

from collections.abc import Iterator

Triple = tuple[str, str, str]  # (source, target, canonical relation)

_CANONICAL: dict[str, tuple[str, bool]] = {  # relation -> (canonical relation, swap ends)
    "BEFORE": ("BEFORE", False), "AFTER": ("BEFORE", True),
    "IBEFORE": ("IBEFORE", False), "IAFTER": ("IBEFORE", True),
    "INCLUDES": ("INCLUDES", False), "IS_INCLUDED": ("INCLUDES", True),
    "BEGINS": ("BEGINS", False), "BEGUN_BY": ("BEGINS", True),
    "ENDS": ("ENDS", False), "ENDED_BY": ("ENDS", True),
    "SIMULTANEOUS": ("SIMULTANEOUS", False), "IDENTITY": ("SIMULTANEOUS", False),
    "DURING": ("SIMULTANEOUS", False), "DURING_INV": ("SIMULTANEOUS", False),
}

_LT, _EQ = 0, 1
_ENTAILED, _OPEN, _CONTRADICTED = 0, 1, 2
# Point constraints of each canonical relation: (op, (end of), (end of)) where an end is
# (0 = source / 1 = target, 0 = start / 1 = end).
_XS, _XE, _YS, _YE = (0, 0), (0, 1), (1, 0), (1, 1)
_POINTS: dict[str, tuple[tuple[int, tuple[int, int], tuple[int, int]], ...]] = {
    "BEFORE": ((_LT, _XE, _YS),),
    "IBEFORE": ((_EQ, _XE, _YS),),
    "INCLUDES": ((_LT, _XS, _YS), (_LT, _YE, _XE)),
    "BEGINS": ((_EQ, _XS, _YS), (_LT, _XE, _YE)),
    "ENDS": ((_EQ, _XE, _YE), (_LT, _YS, _XS)),
    "SIMULTANEOUS": ((_EQ, _XS, _YS), (_EQ, _XE, _YE)),
}
_INVERSE_NAME = {"BEFORE": "AFTER", "IBEFORE": "IAFTER", "INCLUDES": "IS_INCLUDED", "BEGINS": "BEGUN_BY",
                 "ENDS": "ENDED_BY", "SIMULTANEOUS": "SIMULTANEOUS"}


def canonical(source: str, target: str, rel: str) -> Triple | None:
    """``(source, target, rel)`` in canonical direction, or None for VAGUE / unknown relations.

    SIMULTANEOUS is symmetric: its ends are put in sorted order.
    """
    found = _CANONICAL.get(rel.upper())
    if found is None:
        return None
    name, swap = found
    if swap or (name == "SIMULTANEOUS" and target < source):
        source, target = target, source
    return source, target, name


def _bits(x: int) -> Iterator[int]:
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


class TemporalGraph:
    """A TLINK graph with its temporal closure, kept up to date as links are added.

    Nodes are ids (``"e12"``, ``"t3"``); each is an interval of two points.  Points
    are integers and the closure is three bitsets per point (before, after, equal).
    """

    __slots__ = ("_after", "_before", "_equal", "_ids")

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}  # node -> its start point (its end point is +1)
        self._after: list[int] = []  # point -> bitset of the points strictly after it
        self._before: list[int] = []  # point -> bitset of the points strictly before it
        self._equal: list[int] = []  # point -> bitset of the points equal to it (itself too)

    def __contains__(self, node: object) -> bool:
        return node in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def _node(self, node: str) -> int:
        start = self._ids.get(node)
        if start is None:
            start = self._ids[node] = len(self._after)
            end = start + 1
            self._after += [1 << end, 0]
            self._before += [0, 1 << start]
            self._equal += [1 << start, 1 << end]
        return start

    def _status(self, op: int, p: int, q: int) -> int:
        if op == _LT:
            if self._after[p] >> q & 1:
                return _ENTAILED
            return _CONTRADICTED if (self._equal[p] >> q | self._after[q] >> p) & 1 else _OPEN
        if self._equal[p] >> q & 1:
            return _ENTAILED
        return _CONTRADICTED if (self._after[p] >> q | self._after[q] >> p) & 1 else _OPEN

    def _assert_before(self, p: int, q: int) -> None:
        lower = self._before[p] | self._equal[p]
        upper = self._after[q] | self._equal[q]
        after, before = self._after, self._before
        x = lower  # each point of lower (the loop of _bits, inlined: this is the hot path of deciding links)
        while x:
            low = x & -x
            after[low.bit_length() - 1] |= upper
            x ^= low
        x = upper
        while x:
            low = x & -x
            before[low.bit_length() - 1] |= lower
            x ^= low

    def _assert_equal(self, p: int, q: int) -> None:
        same = self._equal[p] | self._equal[q]
        lower = self._before[p] | self._before[q]
        upper = self._after[p] | self._after[q]
        for x in _bits(same):
            self._equal[x], self._before[x], self._after[x] = same, lower, upper
        for a in _bits(lower):
            self._after[a] |= same | upper
        for d in _bits(upper):
            self._before[d] |= same | lower

    def _constraints(self, triple: Triple) -> list[tuple[int, int, int]]:
        """The point constraints of a canonical link (its nodes are created when new)."""
        source, target, rel = triple
        ends = (self._node(source), self._node(target))
        return [(op, ends[p[0]] + p[1], ends[q[0]] + q[1]) for op, p, q in _POINTS[rel]]

    def add(self, source: str, target: str, rel: str) -> str:
        """Add one link; say whether it was ``"added"``, ``"redundant"`` or ``"violated"``.

        A redundant link is implied by the graph already; a violated one contradicts
        it and is not added.  VAGUE and unknown relations are ``"redundant"``.
        """
        triple = canonical(source, target, rel)
        if triple is None:
            return "redundant"
        cons = self._constraints(triple)
        states = [self._status(*c) for c in cons]
        if _CONTRADICTED in states:
            return "violated"
        if all(s == _ENTAILED for s in states):
            return "redundant"
        saved = (self._after.copy(), self._before.copy(), self._equal.copy()) if len(cons) > 1 else None
        for op, p, q in cons:
            state = self._status(op, p, q)
            if state == _CONTRADICTED:  # contradicted only jointly with an earlier part of this link
                assert saved is not None
                self._after, self._before, self._equal = saved
                return "violated"
            if state == _OPEN:
                (self._assert_before if op == _LT else self._assert_equal)(p, q)
        return "added"

    def entails(self, source: str, target: str, rel: str) -> bool:
        """True when the links added so far imply ``source rel target``."""
        triple = canonical(source, target, rel)
        if triple is None or source not in self._ids or target not in self._ids:
            return False
        return all(self._status(*c) == _ENTAILED for c in self._constraints(triple))

    def relation(self, source: str, target: str) -> str | None:
        """The TimeML relation of ``source`` to ``target`` the graph implies, or None."""
        for name, inverse in _INVERSE_NAME.items():
            if self.entails(source, target, name):
                return name
            if self.entails(target, source, name):
                return inverse
        return None
