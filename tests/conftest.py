"""Shared fixtures: the real spaCy model (loaded once) and one real build of the seeds in a temp project."""

from __future__ import annotations

import pytest

from tests.helpers import MODEL, make_project


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
    from generator.extract import extract_article

    registry = builtin_registry()
    model = nlpmod.load(MODEL, registry.patterns())

    def run(text, published=None):
        art = article(0, text, published)
        return extract_article(art, model, registry)
    return run
