"""`make golden`: write tests/golden/docs/, the pages the two seeds render to, from a fresh build.

The build is deterministic, so tests/test_golden.py compares a fresh build with this tree: a change to a
template, a rule or the renderer shows up there as a failing test and, once regenerated, as a diff to review.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "docs"
SKIP = ("assets/", ".briefing-output")  # static files copied from the package as they are; the output marker


def golden_files(docs: Path) -> dict[str, bytes]:
    """The generated pages under docs/ that the golden tree holds, by path."""
    out = {}
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and not rel.startswith(SKIP):
            out[rel] = path.read_bytes()
    return out


def build_seeds(workdir: Path) -> Path:
    """The repository's seeds built from empty content/ (no MkDocs run); returns the docs/ folder."""
    sys.path.insert(0, str(REPO))
    from generator.pipeline import build
    from tests.helpers import make_project

    root = make_project(workdir / "proj")
    build(root, publish=False, progress=False, jobs=1)
    return root / "docs"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        files = golden_files(build_seeds(Path(tmp)))
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for rel, data in files.items():
        (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
        (GOLDEN / rel).write_bytes(data)
    print(f"wrote {len(files)} files to {GOLDEN.relative_to(REPO)}: review them with `git diff tests/golden`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
