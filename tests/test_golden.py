"""The two seeds render to exactly the committed golden tree (tests/golden/docs/; `make golden` rewrites it)."""

from __future__ import annotations

import difflib

import pytest

from tools.golden import GOLDEN, golden_files

pytestmark = pytest.mark.e2e


def test_seed_pages_match_the_golden_tree(seed_build):
    root, _ = seed_build
    built, golden = golden_files(root / "docs"), golden_files(GOLDEN)
    assert sorted(built) == sorted(golden), "pages added or removed: run `make golden` and review the diff"
    changed = [rel for rel in sorted(built) if built[rel] != golden[rel]]
    if changed:
        rel = changed[0]
        diff = "".join(difflib.unified_diff(golden[rel].decode().splitlines(True), built[rel].decode().splitlines(True),
                                            f"golden/{rel}", f"built/{rel}", n=1))
        pytest.fail(f"{len(changed)} page(s) differ from tests/golden (first: {rel}); if the change is meant, "
                    f"run `make golden` and review `git diff tests/golden`:\n{diff[:3000]}")
