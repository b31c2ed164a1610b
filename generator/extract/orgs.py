"""Within-article coreference of bodies: the short names an article gives an organisation it named in full.

- a corporate suffix does not make another body: "Norbex Inc." = "Norbex Corp" = "Norbex";
- a body shortens to its first word: "Northwind Aviation" ... "Northwind" (when exactly one body of the
  article opens with that word, and the word is not a person's or a place's there); the id is then the
  short name, which is what articles that never write the full name will use;
- an initialism stands for the name whose initials it spells: "Office of Budget Review" ... "OBR" (when
  exactly one name of the article fits); the id is the full name.
A name made of the short name and an event, a venue or a product word ("Norbex Expo", "Norbex TV")
is not the body itself and does not count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Sequence

from generator.extract import variants

CORP_SUFFIXES = frozenset("inc inc. corp corp. corporation co co. ltd ltd. llc l.l.c. plc ag sa s.a. nv n.v. gmbh "
                          "spa s.p.a. limited".split())
_SKIP = frozenset("of and the for & de du la".split())
BODY_LABELS = ("ORG", "FAC")
NOT_THE_BODY = frozenset("""conference expo summit store stores center centre stadium arena tower building award awards
festival show cup league tv phone phones""".split())  # "Norbex Expo" is an event of Norbex, not Norbex


def strip_suffix(text: str) -> str:
    """'Norbex Inc.' -> 'Norbex'; 'Norbex, Inc.' -> 'Norbex'; a name that is only a suffix stays."""
    words = text.split()
    while len(words) > 1 and words[-1].lower() in CORP_SUFFIXES:
        words = words[:-1]
    return " ".join(words).rstrip(",")


def key(text: str) -> str:
    """The cluster key of a name that is not a person's."""
    return variants.fold(variants.canonical(strip_suffix(text)))


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _SKIP and w[:1].isalpha()).upper()


def join_short_forms(cluster_of: dict[int, str], mentions: Sequence) -> tuple[dict[int, str], dict[str, str]]:
    """cluster_of: mention index -> cluster ('text:<key>' for bodies and unknown names; other clusters are
    left alone). Returns the new mapping and {cluster: the text its id is made of} for joined clusters."""
    labels: dict[str, Counter] = defaultdict(Counter)
    texts: dict[str, Counter] = defaultdict(Counter)
    for i, c in cluster_of.items():
        labels[c][mentions[i].label] += 1
        texts[c][mentions[i].text] += 1
    text_clusters = sorted(c for c in labels if c.startswith("text:"))
    multi = [c for c in text_clusters if len(c[5:].split()) > 1 and _top(labels[c]) in BODY_LABELS]
    target: dict[str, str] = {}
    id_text: dict[str, str] = {}
    for c in text_clusters:
        word = c[5:]
        if " " in word or _top(labels[c]) not in BODY_LABELS:
            continue
        opens = [m for m in multi if m[5:].split()[0] == word and not set(m[5:].split()[1:]) & NOT_THE_BODY]
        if len(opens) == 1:
            target[c] = opens[0]
            id_text[opens[0]] = word
            continue
        form = texts[c].most_common(1)[0][0]
        if form.isupper() and 2 <= len(form) <= 6:
            fits = [m for m in multi if initials(texts[m].most_common(1)[0][0]) == form]
            if len(fits) == 1:
                target[c] = fits[0]
                id_text.setdefault(fits[0], fits[0][5:])
    if not target:
        return cluster_of, {}
    return {i: target.get(c, c) for i, c in cluster_of.items()}, id_text


def _top(labels: Counter) -> str:
    return max(labels.items(), key=lambda kv: (kv[1], kv[0]))[0]
