"""The shape of the house: the import graph of ``src/newsgraph`` has no cycles.

The graph is read from the source with ``ast`` (nothing is imported), and counts
every import, the ones inside functions too: a function-level import hides a
cycle from Python's loader, not from a reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "newsgraph"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path = SRC / PACKAGE) -> dict[str, set[str]]:
    """Module -> the project modules it imports (at any depth in the file)."""
    files = {module_name(p): p for p in sorted(root.rglob("*.py"))}
    packages = {module_name(p) for p in root.rglob("__init__.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}

    def target(name: str) -> str | None:
        """The deepest known module that ``name`` is or lies inside."""
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    for name, path in files.items():
        package = name if name in packages else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found = [target(alias.name) for alias in node.names if alias.name.startswith(PACKAGE)]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                if not base.startswith(PACKAGE):
                    continue
                # ``from pkg import sub`` imports the submodule; ``from mod import f`` the module
                found = [target(f"{base}.{alias.name}") for alias in node.names]
            else:
                continue
            graph[name].update(t for t in found if t and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_checker_sees_a_cycle(tmp_path):
    pkg = tmp_path / PACKAGE
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from newsgraph.sub import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..a import x\n")
    (pkg / "c.py").write_text("import newsgraph.a\n")
    global SRC
    saved, SRC = SRC, tmp_path
    try:
        graph = import_graph(pkg)
    finally:
        SRC = saved
    assert graph["newsgraph.a"] == {"newsgraph.sub.b"}
    assert graph["newsgraph.sub.b"] == {"newsgraph.a"}
    assert cycles(graph) == [["newsgraph.a", "newsgraph.sub.b"]]


#: Cycles that wait on files this test's author could not change; each found cycle
#: must lie inside one of these, and one that no longer occurs must be removed
#: from here, so the list only shrinks.
ALLOWED_CYCLES: list[set[str]] = []

#: What each part of the data flow must not import. Records and name keys are
#: the floor everyone stands on; the pipeline and the store are side by side
#: (records pass between them, not imports); the corpus pass works on the store.
_ABOVE = ("newsgraph.cli", "newsgraph.web", "newsgraph.eval", "newsgraph.config", "newsgraph.process",
          "newsgraph.runners", "newsgraph.ingestion", "newsgraph.export", "newsgraph.output")
FORBIDDEN = {
    "newsgraph.model": ("newsgraph",),
    "newsgraph.names": ("newsgraph",),
    "newsgraph.quads": ("newsgraph",),
    "newsgraph.nlp": ("newsgraph.store", "newsgraph.corpus", "newsgraph.ingest") + _ABOVE,
    "newsgraph.store": ("newsgraph.nlp", "newsgraph.ingest") + _ABOVE,
    "newsgraph.corpus": ("newsgraph.nlp", "newsgraph.ingest") + _ABOVE,
}
#: The floor, which everyone may import.
FLOOR = ("newsgraph.errors", "newsgraph.model", "newsgraph.names", "newsgraph.quads")
#: Imports against the layers that wait on files this test's author could not
#: change (the nlp side should import ``newsgraph.names``); the list only shrinks.
ALLOWED_UPWARD: set[str] = set()


def _under(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_no_import_cycles():
    graph = import_graph()
    assert len(graph) > 50  # the walk found the package
    found = cycles(graph)
    new = [c for c in found if not any(set(c) <= allowed for allowed in ALLOWED_CYCLES)]
    assert new == []
    gone = [sorted(a) for a in ALLOWED_CYCLES if not any(set(c) <= a for c in found)]
    assert gone == [], "fixed: remove these from ALLOWED_CYCLES"


def test_layers_point_down():
    """Records and name keys sit at the bottom; the pipeline never reaches the
    store, the corpus pass or anything above; the store and the corpus pass work
    on records and rows, never on spaCy Docs."""
    graph = import_graph()
    upward = {
        f"{module} -> {target}"
        for module, targets in graph.items()
        for part, forbidden in FORBIDDEN.items() if _under(module, (part,))
        for target in targets if _under(target, forbidden) and not _under(target, FLOOR)
    }
    assert sorted(upward - ALLOWED_UPWARD) == []
    assert sorted(ALLOWED_UPWARD - upward) == [], "fixed: remove these from ALLOWED_UPWARD"
