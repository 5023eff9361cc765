"""Events a sentence does not assert: in a conditional clause, or said not to have happened (salience's
"hypothetical", ``_phrases._facts``)."""

from __future__ import annotations

from newsline.events._nlp import TokenTable

__all__ = ["conditional", "unasserted"]

_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# nouns that, with "no", deny what their "that" clause says: "found no evidence that Olsen saw them"
_NO_NOUNS = frozenset({"evidence", "sign", "indication", "proof", "suggestion", "record", "reason", "truth"})
# verbs whose "that" clause is denied or doubted: "Reyes denied that he ordered the valve shut"
_DENYING = frozenset({"deny", "dispute", "doubt", "refute", "reject"})


def conditional(table: TokenTable, i: int) -> bool:
    """Whether token ``i`` or one of its heads has an "if"/"unless" mark (in a conditional clause)."""
    seen = 0
    while True:
        if any(table.dep[c] == "mark" and table.lower[c] in _CONDITIONAL_MARKS for c in table.children[i]):
            return True
        if table.head[i] == i or seen > len(table.head):
            return False
        i = table.head[i]
        seen += 1


def unasserted(table: TokenTable, i: int) -> bool:
    """Whether the clause of token ``i`` is what "no evidence", "no sign" or a denial says did not happen: "found no
    evidence that Olsen saw them", "denied that he ordered it" (new-user trial V showed "Olsen saw them" as a
    fact)."""
    h = table.head[i]
    if h == i:
        return False
    if table.dep[i] == "acl" and table.lemma[h] in _NO_NOUNS:
        return any(table.dep[c] == "det" and table.lower[c] == "no" for c in table.children[h])
    return table.dep[i] == "ccomp" and table.lemma[h] in _DENYING
