"""The scores of the linear models (temporal links, event time anchoring): a bias plus a weight row per
binary feature the model knows.

A model scores every candidate link and every event, with tens of features each: a Python loop adding
a row per feature was the largest part of deciding.  Here the rows sit in one array, and a score is one
gather and one accumulation in numpy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


class WeightRows:
    """A model's bias and weight rows in one array.

    :meth:`scores_many` adds the rows in the order of the features, one after the other (numpy sums
    along an axis that is not the innermost one row by row, not pairwise): the same floats as the plain
    Python sums the shipped figures were measured with, so no decision moves.
    """

    __slots__ = ("_index", "_pad", "_rows")

    def __init__(self, bias: Sequence[float], weights: Mapping[str, Sequence[float]]) -> None:
        import numpy  # comes with spaCy, which the models need; the time-expression tagger does not

        self._index = {feature: k for k, feature in enumerate(weights, start=1)}  # row 0: the bias
        self._pad = len(weights) + 1  # the last row: -0.0, see scores_many
        self._rows: Any = numpy.array([bias, *weights.values(), [-0.0] * len(bias)], dtype=numpy.float64)

    def scores_many(self, feature_lists: Sequence[Iterable[str]]) -> list[list[float]]:
        """The bias plus the row of each known feature (a feature given twice counts twice), for each
        feature list, with one numpy call per block of lists (a document's link candidates), not one per list.

        The lists of rows are padded to one length with a row of -0.0: adding -0.0 gives back every
        float, 0.0 and -0.0 included, so each sum is still the same floats.
        """
        index, pad = self._index, self._pad
        out: list[list[float]] = []
        for lo in range(0, len(feature_lists), _BLOCK):
            picked = [[0, *[k for f in features if (k := index.get(f)) is not None]]
                      for features in feature_lists[lo:lo + _BLOCK]]
            width = max(map(len, picked))
            table = [rows + [pad] * (width - len(rows)) for rows in picked]
            out += self._rows.take(table, axis=0).sum(axis=1).tolist()
        return out


def most_probable(labels: Sequence[str], scores: Sequence[float]) -> tuple[str, float]:
    """The label of the highest score (the first of equal ones) and its softmax probability."""
    top = max(range(len(scores)), key=scores.__getitem__)
    total = sum(math.exp(s - scores[top]) for s in scores)
    return labels[top], 1.0 / total


_BLOCK = 256  # feature lists scored in one array (of 256 x the longest list x the row length, at most)
