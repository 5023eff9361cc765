"""The package keeps the shape ARCHITECTURE.md describes: small modules, a stage per subpackage, no import cycles.

Every ``import`` counts, including those inside functions (the lazy ones), so
a cycle cannot hide behind a deferred import.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "newsline"
MAX_LINES = 650
STAGES = ("timex", "events", "corpus", "evaluation", "bench", "service", "spark", "cli")
# The modules at the top of the package that every stage may use: types, errors, formats, shared algebra.
FOUNDATION = ("_model", "_version", "errors", "_temporal_graph", "_time_labels", "_when_text", "_records")
# What each part may import besides the foundation: the data flow of ARCHITECTURE.md, one way.
MAY_IMPORT = {
    "foundation": (),
    "timex": (),
    "timeml": ("timex",),  # TimeML in and out: documents' dates are read as the tagger reads them
    "events": ("timex",),
    "corpus": ("timex", "timeml", "events"),
    "evaluation": ("timex", "timeml", "events", "corpus"),
    "spark": ("timex", "events"),
    "spacy_component": ("timex", "events"),
    "api": ("timex", "events"),  # newsline/__init__.py
    "service": ("timex", "events", "corpus"),
    "bench": ("timex", "timeml", "events", "corpus", "evaluation", "service", "spark"),
    "cli": ("timex", "timeml", "events", "corpus", "evaluation", "service", "spark", "bench"),
    "__main__": ("cli",),
}
# Subpackages whose __init__.py is more than a docstring: the public newsline.spark, and the console script.
INIT_WITH_CODE = ("spark", "cli")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The newsline modules that ``module`` imports, anywhere in its body."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in known:  # `from newsline.events import _nlp`: the submodule
                    yield sub
                elif target in known:
                    yield target


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {m: {t for t in _imports(m, p, known) if t != m} for m, p in known.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_module_is_over_the_size_limit() -> None:
    sizes = {m: len(p.read_text("utf-8").splitlines()) for m, p in _modules().items()}
    too_big = {m: n for m, n in sizes.items() if n > MAX_LINES}
    assert not too_big, f"split these by job (limit {MAX_LINES} lines): {too_big}"


def test_no_import_cycles() -> None:
    cycles = _cycles(_graph())
    assert not cycles, f"import cycles (lazy imports included): {cycles}"


def test_the_cycle_check_sees_lazy_and_from_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker itself: a cycle through a lazy ``from pkg import mod`` is found; a one-way edge is not."""
    pkg = tmp_path / "newsline"
    (pkg / "a").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a" / "__init__.py").write_text("")
    (pkg / "a" / "_x.py").write_text("def f():\n    from newsline.a import _y\n")
    (pkg / "a" / "_y.py").write_text("from . import _x\n")
    (pkg / "b.py").write_text("import newsline.a._x\n")
    this = sys.modules[__name__]
    monkeypatch.setattr(this, "SRC", tmp_path)
    monkeypatch.setattr(this, "PACKAGE", pkg)
    assert _cycles(_graph()) == [["newsline.a._x", "newsline.a._y"]]
    (pkg / "a" / "_y.py").write_text("")
    assert _cycles(_graph()) == []


def _part(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "api"
    if parts[1] in FOUNDATION:
        return "foundation"
    return parts[1]


def test_imports_follow_the_data_flow() -> None:
    """timex <- events <- corpus <- service/cli/bench, evaluation above the stages; lazy imports count."""
    wrong = []
    for module, targets in _graph().items():
        part = _part(module)
        allowed = {"foundation", part, *MAY_IMPORT.get(part, ())}
        wrong += [f"{module} -> {t}" for t in sorted(targets) if _part(t) not in allowed]
    assert not wrong, "imports against the data flow (see ARCHITECTURE.md):\n" + "\n".join(wrong)


def test_subpackage_inits_hold_only_their_docstring() -> None:
    """Other parts import what they use from the module that defines it, not from a package's __init__."""
    busy = []
    for stage in STAGES:
        if stage in INIT_WITH_CODE:
            continue
        body = ast.parse((PACKAGE / stage / "__init__.py").read_text("utf-8")).body
        if any(not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)) for n in body):
            busy.append(stage)
    assert not busy, f"these __init__.py files hold code: {busy}"


def test_each_stage_is_a_subpackage_and_private_modules_carry_an_underscore() -> None:
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage
    for m in _modules():
        parts = m.split(".")
        if len(parts) > 2:  # inside a stage: every module is private
            assert parts[-1].startswith("_"), f"{m}: modules inside a subpackage are named _name.py"
