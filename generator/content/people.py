"""People across articles: which registry person a bare surname can stand for.

A one-word person name ("Flynn") in an article that never gives the full name links to a registry person
only when exactly one person of the registry fits it (same surname, not kept apart by an editor);
when several fit, or none, it stays unresolved: no id rather than the wrong person.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Optional

from slugify import slugify

from generator.extract import coref
from generator.extract.actors import person_id_name

Registry = Any  # generator.content.registry.Registry (which imports this module)

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"})
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


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


@lru_cache(maxsize=65536)  # registry names and mention texts, asked for by every record of every build
def bare_word(name: str) -> Optional[str]:
    """The folded word of a person name without a first name ("Flynn", "Mr. Flynn", "Sen. Warren"); None for
    a full name or a text that cannot be a person's name."""
    if not _may_be_bare(name):
        return None  # what coref.parse would say, without parsing the name (nameparser) first
    parsed = coref.parse(name)
    if parsed is None or parsed.full or parsed.words != 1:
        return None
    return _fold(parsed.last)


def _may_be_bare(name: str) -> bool:
    """False when coref.parse cannot read `name` as a one-word name: two or more words, the first of them no
    title ("Michael Flynn"), stay two or more words (parse drops only leading titles), so that bare_word is None.
    Such names are most of a registry's: this spares a nameparser parse of each on every build."""
    words = name.replace("’", "'").split()
    return len(words) < 2 or coref._is_title(words[0])  # the words parse strips


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


def person_words(records: Iterable, bodies: dict[str, str]) -> tuple[Counter, Counter]:
    """(folded bare word -> articles in which it is written as a mention of a person ("Trump said", inside
    Donald Trump's chain), folded word -> articles in which a one-word body or other non-person is named by
    it). The evidence that tells a surname the model typed ORG in some articles from a body's name."""
    as_person: Counter = Counter()
    as_other: Counter = Counter()
    for rec in records:
        body = bodies.get(rec.id, "")
        mine: set[str] = set()
        other: set[str] = set()
        for actor in rec.actors:
            if actor.type == "PERSON":
                for a, b in actor.spans:
                    word = bare_word(body[a:b]) if 0 <= a < b <= len(body) else None
                    if word:
                        mine.add(word)
            elif len(actor.name.split()) == 1:
                word = bare_word(actor.name)
                if word:
                    other.add(word)
        as_person.update(mine)
        as_other.update(other)
    return as_person, as_other


def mistyped_surname(name: str, typ: str, as_person: Counter, as_other: Counter,
                     surnames: Iterable[str]) -> bool:
    """A one-word entity typed other than PERSON ("Trump" as ORG) that is a person's surname: the registry
    or the batch has full-name persons of that surname, and the articles write the bare word as a
    person's in more articles than as anything else's. Such a word gets no page: resolve links it only
    as a person would be linked, and leaves it unresolved where several people bear the surname."""
    if typ == "PERSON":
        return False
    word = bare_word(name)
    return word is not None and word in surnames and as_person[word] > as_other[word]


def family_plural(name: str, surnames: Iterable[str]) -> bool:
    """A one-word name that is a surname in the plural ("Clintons", "the Joneses") names a family, not one
    person: no page of its own. Not when the plural form is itself a person's surname ("Edwards")."""
    word = bare_word(name)
    if word is None or not word.endswith("s") or word in surnames:
        return False
    return word[:-1] in surnames or (word.endswith("es") and word[:-2] in surnames)


def not_a_name(name: str) -> bool:
    """A one-word 'person' that no one is called: a weekday the model labelled PERSON ("Monday said...")."""
    return _fold(name) in WEEKDAYS


def person_id(name: str) -> Optional[str]:
    """The id a person of this full name gets (actors.person_id_name): 'Donald J. Trump' -> 'donald-trump'."""
    parsed = coref.parse(name)
    if parsed is None or not parsed.full:
        return None
    return slugify(person_id_name(parsed.name), max_length=80, word_boundary=True) or None
