"""The scores of the linear models (temporal links, event time anchoring): a bias plus a weight row per
binary feature the model knows.

A model scores every candidate link and every event, with tens of features each: a Python loop adding
a row per feature was the largest part of deciding.  Here the rows sit in one array, and a score is one
gather and one accumulation in numpy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any


class WeightRows:
    """A model's bias and weight rows in one array.

    :meth:`scores` adds the rows in the order of the features, one after the other
    (``numpy.add.accumulate``): the same floats as the plain Python sums the shipped
    figures were measured with, so no decision moves.
    """

    __slots__ = ("_index", "_rows")

    def __init__(self, bias: Sequence[float], weights: Mapping[str, Sequence[float]]) -> None:
        import numpy  # comes with spaCy, which the models need; the time-expression tagger does not

        self._index = {feature: k for k, feature in enumerate(weights, start=1)}  # row 0: the bias
        self._rows: Any = numpy.array([bias, *weights.values()], dtype=numpy.float64)

    def scores(self, features: Iterable[str]) -> list[float]:
        """The bias plus the row of each known feature (a feature given twice counts twice)."""
        index = self._index
        rows = [0]
        rows += [k for f in features if (k := index.get(f)) is not None]
        scores: list[float] = self._rows.take(rows, axis=0).cumsum(axis=0)[-1].tolist()
        return scores
