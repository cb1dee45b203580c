"""The import graph, read from the source with ast (nothing is imported or run).

Inside one app no two modules import each other, directly or round a longer circle, counting
imports written inside functions too (a deferred import only hides a circle). No app reaches up
into the project package: only `bscp_portal.lib`, the shared pieces, is theirs to import.
Tests, migrations and management commands are left out: nothing imports them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py"))
SKIPPED_PARTS = {"tests", "migrations", "management"}


def _modules(app: str) -> dict[str, Path]:
    """Dotted name -> file, for every module of the app outside tests and migrations."""
    found = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if SKIPPED_PARTS & set(parts):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def imported_names(name: str, path: Path) -> set[str]:
    """Every dotted name the module imports, anywhere in it; `from a import b` gives both a and a.b."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package_of(name, path).split(".")
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def app_graph(app: str) -> dict[str, set[str]]:
    """Module -> the modules of the same app it imports (the longest known name each import reaches)."""
    modules = _modules(app)
    graph = {}
    for name, path in modules.items():
        edges = set()
        for target in imported_names(name, path):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and target != app:
                edges.add(target)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of more than one module (Tarjan), its members sorted."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_checker_finds_a_circle_round_three_modules_and_none_in_a_chain():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_checker_reads_relative_and_deferred_imports(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("from . import services\n\ndef page():\n    from .selectors import rows\n")
    assert imported_names("app.views", module) >= {"app.services", "app.selectors", "app.selectors.rows"}


def test_every_app_is_checked():
    assert {"partnership", "actions", "reviews", "annual_report", "audits"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_no_import_circle_inside_the_app(app):
    assert cycles(app_graph(app)) == []


@pytest.mark.parametrize("app", APPS)
def test_the_app_does_not_reach_up_into_the_project_package(app):
    upward = sorted(
        f"{name} imports {target}"
        for name, path in _modules(app).items()
        for target in imported_names(name, path)
        if (target == "bscp_portal" or target.startswith("bscp_portal."))
        and not (target == "bscp_portal.lib" or target.startswith("bscp_portal.lib."))
    )
    assert upward == []
