"""The package layout is the pipeline: imports point from later stages to earlier ones or to the core, never back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Rank of each stage; a module may import only modules of its own rank or a lower one.
CORE = {"records", "errors", "yamlio", "validate", "config", "context", "lock", "data", "layout", "timevalue"}
STAGES = {"ingest": 1, "extract": 2, "content": 3, "resolve": 4, "site": 5}
DRIVERS = {"pipeline", "report", "cli", "__main__", "stamps", "evaluate", "__init__"}  # they wire the stages: may import any


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every generator.* module this file imports, at any depth (function-level imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("generator")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator") \
                and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists()
                          or (PACKAGE.parent / sub.replace(".", "/")).is_dir() else node.module)
    return found


def _rank(module: str) -> int | None:
    parts = module.split(".")[1:]
    if not parts or parts[0] in DRIVERS:
        return None
    if parts[0] in CORE:
        return 0
    return STAGES[parts[0]]


MODULES = {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_to_earlier_stages_or_the_core(module):
    rank = _rank(module)
    if rank is None:
        return
    later = sorted(m for m in MODULES[module] if (_rank(m) or 0) > rank)
    assert not later, f"{module} (stage rank {rank}) imports later stages: {later}"


def test_every_top_level_module_belongs_to_a_stage_or_the_core():
    for path in PACKAGE.iterdir():
        name = path.stem if path.suffix == ".py" else path.name
        if name.startswith("__pycache__"):
            continue
        assert name in CORE | set(STAGES) | DRIVERS, f"generator/{path.name} is in no stage: move it or name its stage"


def test_no_import_cycle():
    graph = {m: {i for i in imps if i in MODULES and i != m} for m, imps in MODULES.items()}
    # packages import their own submodules through __init__; a module importing its parent package is not a cycle
    graph = {m: {i for i in deps if not m.startswith(i + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycle = stack[stack.index(n):] + [n]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
