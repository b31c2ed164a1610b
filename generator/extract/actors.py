"""Actors: named entities from the parse, cleaned, clustered within the article and given canonical ids.

`Huawei's` is Huawei, `the US`/`U.S.` are the United States (through the registry's aliases), a lone
surname is the person named in full elsewhere in the article (even where the model called it an
organisation), and an entity's type is the registry's when known, otherwise a vote over its mentions:
each mention's model label counts once, a context cue (names.type_cue: "X's CEO", "the X administration")
counts CUE_WEIGHT times. Names are repaired first (names.py: split names rejoined, maker + model products).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from slugify import slugify

from generator.extract import names
from generator.records import RESERVED_IDS

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT")
CUE_WEIGHT = 3  # a context cue ("X's CEO") outweighs the small model's label on up to two other mentions
LABEL_PRIORITY = {label: i for i, label in enumerate(ACTOR_LABELS)}
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|rev|gen|col|capt|sen|rep|gov)\.?\s+", re.I)
_LEADING = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_EDGE_PUNCT = " \t\n\"'“”‘’()[]{},.;:!?-–—*_#/\\|"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    head: int  # token index of the span's root in the doc
    cue: Optional[str] = None  # the type the words around it suggest (names.type_cue)


@dataclass(frozen=True)
class ResolvedMention:
    start: int
    end: int
    text: str
    label: str
    actor: str  # actor id
    head: int


Lookup = Callable[[str], Optional[tuple[str, str, str]]]  # surface text -> (id, name, type) from the registry


def clean_span(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """Trim determiners, honorifics, possessives and punctuation from a mention; None if nothing is left."""
    s = text[start:end]
    changed = True
    while changed and s:
        changed = False
        for pattern in (_LEADING, _HONORIFIC):
            m = pattern.match(s)
            if m and len(s) > m.end():
                start += m.end()
                s = s[m.end():]
                changed = True
        m = _POSSESSIVE.search(s)
        if m and m.start() > 0:
            end -= len(m.group())
            s = s[: m.start()]
            changed = True
        stripped = s.strip(_EDGE_PUNCT.replace(".", "")).rstrip(",;:!?")
        if stripped != s and stripped:
            off = s.find(stripped)
            start += off
            end = start + len(stripped)
            s = stripped
            changed = True
    if not s or not any(c.isalpha() for c in s) or "\n" in s:
        return None
    return start, end


def mentions_from_doc(doc, body: str) -> list[Mention]:
    out: list[Mention] = []
    spans = [(e.start, e.end, e.label_, bool(e.ent_id_)) for e in doc.ents if e.label_ in ACTOR_LABELS]
    spans = names.products(doc, names.join_split(doc, names.extend_known(doc, spans)))
    for start, end, label, _ in spans:
        if names.not_a_name(doc, start, end):
            continue
        ent = doc[start:end]
        span = clean_span(body, ent.start_char, ent.end_char)
        if span is None and label == "PRODUCT" and ent.text.strip().isalnum():
            span = (ent.start_char, ent.end_char)  # a model number: "Boeing's 787"
        if span is None:
            continue
        text = body[span[0]:span[1]]
        if text.islower() and label != "PRODUCT":
            continue  # "he", "the firm": not a name
        if _HONORIFIC.match(text + " ") and len(text.rstrip(".")) <= 4:
            continue  # a title on its own ("Mr", "Dr."): the name it belongs to was not recognised
        letters = [c for c in text if c.isalpha()]
        if len(text.split()) > 1 and all(c.isupper() for c in letters) and len(letters) > 8:
            continue  # residue of an ALL-CAPS lede ("VERIZON HAS")
        out.append(Mention(span[0], span[1], text, label, ent.root.i, names.type_cue(doc, start, end)))
    return out


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def resolve_mentions(mentions: Iterable[Mention], lookup: Lookup) -> tuple[list[ResolvedMention], dict[str, dict]]:
    """Cluster mentions into actors. Returns resolved mentions and {actor id: {name, type}}."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    known: dict[int, tuple[str, str, str]] = {}
    for i, m in enumerate(mentions):
        hit = lookup(m.text)
        if hit:
            known[i] = hit
    # persons: a single-token mention is the full name that ends with it (Yu -> Richard Yu)
    full_names: dict[str, str] = {}
    for i, m in enumerate(mentions):
        if m.label == "PERSON" and len(m.text.split()) > 1 and i not in known:
            full_names.setdefault(_norm(m.text.split()[-1]), _norm(m.text))
    cluster_of: dict[int, str] = {}
    for i, m in enumerate(mentions):
        if i in known:
            cluster_of[i] = "id:" + known[i][0]
            continue
        key = _norm(m.text)
        if m.label in ("PERSON", "ORG") and len(m.text.split()) == 1 and key in full_names:
            # a lone surname is the person named in full, even where the model took it for an organisation
            key = full_names[key]
        cluster_of[i] = "text:" + key
    # a cluster's label is the registry's, else its most frequent NER label
    labels: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    for i, m in enumerate(mentions):
        labels[cluster_of[i]][m.label] += 1
        if m.cue:
            labels[cluster_of[i]][m.cue] += CUE_WEIGHT
        forms[cluster_of[i]][m.text] += 1
    actors: dict[str, dict] = {}
    cluster_id: dict[str, str] = {}
    for cluster in sorted(labels):
        if cluster.startswith("id:"):
            reg = next(known[i] for i in known if cluster_of[i] == cluster)
            actor_id, name, typ = reg
        else:
            typ = max(labels[cluster].items(), key=lambda kv: (kv[1], -LABEL_PRIORITY[kv[0]]))[0]
            # the name: the longest form for persons, the most frequent otherwise
            if typ == "PERSON":
                name = max(forms[cluster], key=lambda f: (len(f.split()), forms[cluster][f], f))
            else:
                name = max(forms[cluster], key=lambda f: (forms[cluster][f], -len(f), f))
            actor_id = slugify(name, max_length=80, word_boundary=True) or "entity"
            if actor_id in RESERVED_IDS:  # entities/index.md is the People and organisations page
                actor_id += "-entity"
            hit = lookup(name)
            if hit:
                actor_id, name, typ = hit
        cluster_id[cluster] = actor_id
        if actor_id not in actors:
            actors[actor_id] = {"name": name, "type": typ}
    resolved = [ResolvedMention(m.start, m.end, m.text, m.label, cluster_id[cluster_of[i]], m.head)
                for i, m in enumerate(mentions)]
    return resolved, actors
