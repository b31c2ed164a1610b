"""The product as a package: declared dependencies, shipped templates and config, `briefing init`, and
clear errors outside a project."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SEED = ("Harbour budget approved\n\nThe Eastbrook council approved the harbour budget on Monday, its leader "
        "Priya Raman said. The vote was seven to two.\n")


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _third_party_imports() -> set[str]:
    found = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "generator"}


def test_every_imported_library_is_a_declared_dependency():
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    dists = importlib.metadata.packages_distributions()
    missing = {}
    for module in sorted(_third_party_imports()):
        names = {d.lower().replace("_", "-") for d in dists.get(module, [module])}
        if not names & declared:
            missing[module] = sorted(names)
    assert not missing, f"imported but not in [project] dependencies: {missing}"


def test_version_is_written_once():
    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "generator.__version__"}
    assert PYPROJECT["project"]["readme"] == "README.md" and PYPROJECT["project"]["license"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "mkdocs.yml"):
        shutil.copy(ROOT / name, src / name)
    for name in ("generator", "templates"):
        shutil.copytree(ROOT / name, src / name, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    str(src)], check=True, capture_output=True, timeout=300)
    return next(out.glob("*.whl"))


def test_the_wheel_ships_templates_config_assets_and_metadata(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta = next(zf.read(n).decode() for n in names if n.endswith("METADATA"))
    project = "generator/data/project/"
    for template in (ROOT / "templates").glob("*.j2"):
        assert project + "templates/" + template.name in names
    assert project + "templates/theme/entity.html" in names and project + "mkdocs.yml" in names
    assert "generator/data/assets/briefing.css" in names
    assert f"Version: {generator.__version__}" in meta and "Requires-Dist: click" in meta
    assert "License-Expression:" in meta and "Description-Content-Type: text/markdown" in meta


def test_init_writes_a_project_that_builds(tmp_path):
    target = tmp_path / "my-briefing"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    for part in ("mkdocs.yml", "templates/home.md.j2", "templates/theme/entity.html", "README.md", "seeds",
                 "content/articles", "content/entities", "content/topics"):
        assert (target / part).exists(), part
    assert "briefing build" in (target / "README.md").read_text()
    assert (target / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
    (target / "seeds" / "harbour.txt").write_text(SEED)
    built = CliRunner().invoke(main, ["build", "--root", str(target), "-q"])
    assert built.exit_code == 0, built.output
    assert (target / "site" / "index.html").is_file()
    assert (target / "site" / "articles" / "harbour-budget-approved.html").is_file()
    assert CliRunner().invoke(main, ["check", "--root", str(target)]).exit_code == 0


def test_init_never_writes_into_a_directory_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1 and "not empty" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("args", [["build"], ["check"], ["new", "topic", "Trade"], ["serve", "--port", "1"]])
def test_commands_outside_a_project_fail_clearly_and_write_nothing(tmp_path, args):
    result = CliRunner().invoke(main, [*args, "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert "is not a briefing project" in result.output and "briefing init" in result.output, result.output
    assert "internal error" not in result.output and "not found in search path" not in result.output
    assert list(tmp_path.iterdir()) == []  # no content/, no .cache/
