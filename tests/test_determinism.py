"""Determinism: the same input gives byte-identical content/, docs/ and site/ — built in two different
directories, with different hash seeds and cold caches — and a second build changes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, file_tree, make_project

CORPUS = Path(__file__).resolve().parent / "bad_inputs" / "seeds"
EXTRA = ["latin1.txt", "nested_quotes.txt", "unbalanced_quotes.txt", "utf16_le_bom.txt"]


def build(root: Path, cache: Path, hash_seed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache), "PYTHONHASHSEED": hash_seed,
           "SOURCE_DATE_EPOCH": "1700000000"}  # MkDocs dates the sitemap with it: a build near midnight
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--quiet"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def project(base: Path) -> Path:
    root = make_project(base / "proj")
    for name in EXTRA:
        shutil.copy(CORPUS / name, root / "seeds" / name)
    return root


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    a = project(tmp_path_factory.mktemp("det-a"))
    b = project(tmp_path_factory.mktemp("det-b-in-another-place") / "deeper")
    build(a, tmp_path_factory.mktemp("cache-a"), "1")
    build(b, tmp_path_factory.mktemp("cache-b"), "2")
    return a, b


def assert_same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b), set(a) ^ set(b)
    differ = [k for k in a if a[k] != b[k]]
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:5]}"


@pytest.mark.parametrize("part", ["content", "docs", "site"])
def test_two_builds_are_byte_identical(two_builds, part):
    a, b = two_builds
    assert_same(file_tree(a / part), file_tree(b / part))


def test_no_absolute_path_leaks_into_the_output(two_builds):
    a, b = two_builds
    for root in (a, b):
        for part in ("content", "site"):
            for rel, data in file_tree(root / part).items():
                assert str(root).encode() not in data, f"{part}/{rel} holds the build directory's path"


def test_a_second_build_changes_nothing(two_builds, tmp_path):
    a, _ = two_builds
    before = {part: file_tree(a / part) for part in ("content", "docs", "site")}
    proc = build(a, tmp_path / "cache", "3")
    assert "records: 0 written" in proc.stdout and "(0 changed)" in proc.stdout, proc.stdout
    for part in ("content", "docs", "site"):
        assert_same(before[part], file_tree(a / part))
