"""Spelling variants of one name, from the editable table generator/data/variants.yml.

`canonical(text)` is the spelling an id is made from: periods and spacing in initialisms folded
(F.B.I. = FBI, U. S. = US), a table group's first spelling (GOP -> Republican Party, Fla. -> Florida),
a word-order pattern ("Justice Department" -> "Department of Justice"). `spellings(text)` lists every
spelling of the same group, so that a registry entry under any of them is found. `formal_first(name)`
folds a short first name with one formal form (Tim -> timothy) for person ids.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

_CACHE = 8192  # pure functions of a string (and the fixed table): a name worked out once, however often written
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}[A-Za-z]?")
_CAPS_WORDS = r"((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|and|of|&))*)"


@lru_cache(maxsize=_CACHE)
def fold(text: str) -> str:
    """The comparison key: lower case, one space, curly apostrophes straight, initialisms without periods."""
    t = " ".join(text.replace("’", "'").split())
    t = re.sub(r"\b([A-Za-z])\. (?=[A-Za-z]\.)", r"\1.", t)  # "U. S." -> "U.S."
    t = " ".join(w.replace(".", "") if _INITIALISM.fullmatch(w) else w for w in t.split(" "))
    return t.lower()


@lru_cache(maxsize=1)
def table() -> dict:
    text = resources.files("generator.data").joinpath("variants.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    groups: dict[str, tuple[str, ...]] = {}
    for group in data.get("groups") or []:
        spellings = tuple(str(s) for s in group if s)
        for s in spellings:
            groups.setdefault(fold(s), spellings)
    patterns = []
    for short, full in data.get("patterns") or []:
        patterns.append((re.compile("^" + re.escape(short).replace(re.escape("{X}"), _CAPS_WORDS) + "$"),
                         full, re.compile("^" + re.escape(full).replace(re.escape("{X}"), _CAPS_WORDS) + "$")))
    firsts = {str(k).lower(): tuple(str(v).lower() for v in vs) for k, vs in (data.get("first_names") or {}).items()}
    not_names = frozenset(fold(str(w)) for w in data.get("not_names") or [])
    return {"groups": groups, "patterns": patterns, "first_names": firsts, "not_names": not_names}


_COUNTRY = re.compile(r"^((?:U\.S\.|US|U\.K\.|UK)\s+)(.+)$")


def _pattern_form(text: str) -> str:
    t = " ".join(text.split())
    m = _COUNTRY.match(t)
    prefix, t = (m.group(1), m.group(2)) if m else ("", t)  # "US Labor Department" -> "US Department of Labor"
    for short, full, _ in table()["patterns"]:
        m = short.match(t)
        if m:
            return prefix + full.replace("{X}", m.group(1))
    return prefix + t


@lru_cache(maxsize=_CACHE)
def canonical(text: str) -> str:
    """The spelling an id is made from (the table's first spelling, else the text in its long word order)."""
    t = _pattern_form(text)
    group = table()["groups"].get(fold(t))
    return group[0] if group else t


@lru_cache(maxsize=_CACHE)
def spellings(text: str) -> tuple[str, ...]:
    """Every spelling of the name's group, the canonical one first (the text itself when it has no group)."""
    t = _pattern_form(text)
    group = table()["groups"].get(fold(t))
    out = list(group) if group else [canonical(text)]
    for s in (t, " ".join(text.split())):
        if s not in out:
            out.append(s)
    return tuple(out)


@lru_cache(maxsize=_CACHE)
def formal_first(name: str) -> str:
    """'tim' -> 'timothy'; a short name with several formal forms ('chris') or none stays as it is."""
    n = name.lower().rstrip(".")
    forms = table()["first_names"].get(n, ())
    return forms[0] if len(forms) == 1 else n


@lru_cache(maxsize=_CACHE)
def same_first(a: str, b: str) -> bool:
    """Tim = Timothy, Chris = Christopher or Christine, Bill = William; an initial matches the name it opens."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    firsts = table()["first_names"]
    return b in firsts.get(a, ()) or a in firsts.get(b, ()) or bool(set(firsts.get(a, ())) & set(firsts.get(b, ())))


@lru_cache(maxsize=_CACHE)
def is_not_a_name(text: str) -> bool:
    return fold(text) in table()["not_names"]


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """English given names and their short forms: the `nicknames` package's hand-curated list (Apache-2.0)
    and this table's first_names. Used only to accept a full name the model missed, never to reject one."""
    out = set(table()["first_names"])
    for forms in table()["first_names"].values():
        out.update(forms)
    try:
        import csv

        text = resources.files("nicknames").joinpath("names.csv").read_text(encoding="utf-8")
        for row in csv.reader(text.splitlines()[1:]):
            if len(row) >= 3:
                out.update((row[0].lower(), row[2].lower()))
    except (ImportError, OSError, FileNotFoundError):
        pass
    return frozenset(out)
