"""People across articles: which registry person a bare surname can stand for.

A one-word person name ("Flynn") in an article that never gives the full name links to a registry person
only when exactly one person of the registry fits it (same surname, not kept apart by an editor);
when several fit, or none, it stays unresolved: no id rather than the wrong person.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Optional

from generator.extract import coref

Registry = Any  # generator.content.registry.Registry (which imports this module)

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"})


def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip(".,;:")
    return text[:-2] if text.endswith("'s") else text


def name_words(name: str) -> list[str]:
    """A person's name as folded words, without generational or degree suffixes ('Jr.', 'III')."""
    words = [_fold(w) for w in name.replace(",", " ").split()]
    while len(words) > 1 and words[-1].replace(".", "") in SUFFIXES:
        words.pop()
    return [w for w in words if w]


def surname(name: str) -> Optional[str]:
    """The folded last name of a full (two or more word) person name; None for a one-word name."""
    words = name_words(name)
    return words[-1] if len(words) > 1 else None


def bare_word(name: str) -> Optional[str]:
    """The folded word of a person name without a first name ("Flynn", "Mr. Flynn", "Sen. Warren"); None for
    a full name or a text that cannot be a person's name."""
    parsed = coref.parse(name)
    if parsed is None or parsed.full or parsed.words != 1:
        return None
    return _fold(parsed.last)


def is_full(name: str) -> bool:
    """A first and a last name ("Michael Flynn", "Michael T. Flynn"): a spelling safe to keep as an alias."""
    parsed = coref.parse(name)
    return parsed is not None and parsed.full


def surname_index(registry: Registry) -> dict[str, tuple[str, ...]]:
    """folded surname -> ids of the registry's full-name persons (canonical ids only, sorted)."""
    out: dict[str, set[str]] = {}
    for ent_id, ent in registry.entities.items():
        if ent.type != "PERSON" or registry.resolve_id(ent_id) != ent_id:
            continue
        for spelling in [ent.name, *ent.aliases]:
            last = surname(spelling)
            if last:
                out.setdefault(last, set()).add(ent_id)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def fits(registry: Registry, word: str, apart: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The registry persons whose surname is `word`, leaving out those an editor keeps apart from it."""
    bare = bare_word(word)
    if bare is None:
        return ()
    return tuple(i for i in registry.surnames().get(bare, ()) if i not in apart)


def link_bare(registry: Registry, word: str, apart: frozenset[str] = frozenset()) -> Optional[str]:
    """The one registry person a bare surname stands for, or None when none or several fit."""
    found = fits(registry, word, apart)
    return found[0] if len(found) == 1 else None
