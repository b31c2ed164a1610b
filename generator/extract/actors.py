"""Actors: named entities from the parse, cleaned, clustered within the article and given canonical ids.

`Huawei's` is Huawei, `the US`/`U.S.` are the United States (through the registry's aliases). Names are
repaired first (names.py: split names rejoined, maker + model products; coref.py: titles split off,
full names the model missed), fragments dropped (junk.py, variants.yml's not_names). Persons are
chained by coref.py (a surname, a first name, "Mr. X" join the full name; ambiguous ones stay
unresolved); bodies by orgs.py (short names, initialisms, corporate suffixes) and by the spelling
variants of variants.yml. An entity's type is the registry's when known, a person chain's is PERSON,
otherwise a vote over its mentions: each mention's model label counts once, a context cue
(names.type_cue: "X's CEO", "the X administration") counts CUE_WEIGHT times.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from slugify import slugify

from generator.extract import coref, junk, names, orgs, variants
from generator.extract.docview import view
from generator.records import RESERVED_IDS

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT")
LOCATIVE = frozenset("in to from at near across throughout into outside inside within".split())
CUE_WEIGHT = 3  # a context cue ("X's CEO") outweighs the small model's label on up to two other mentions
LABEL_PRIORITY = {label: i for i, label in enumerate(ACTOR_LABELS)}
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|rev|gen|col|capt|sen|rep|gov)\.?\s+", re.I)
_LEADING = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NEWLINE = re.compile("\n")
_EDGE_PUNCT = " \t\n\"'“”‘’()[]{},.;:!?-–—*_#/\\|"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    head: int  # token index of the span's root in the doc
    cue: Optional[str] = None  # the type the words around it suggest (names.type_cue)
    title: Optional[str] = None  # a title or honorific right before the name ("sen", "mrs", "president")
    para: int = 0  # the paragraph (line) it stands in
    locative: bool = False  # right after "in", "to", "from"...: used as a place


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
    spans = [(a, b, label, bool(ent_id)) for a, b, _, _, label, ent_id in view(doc).ents
             if label in ACTOR_LABELS]
    spans = names.products(doc, names.join_split(doc, names.extend_known(doc, spans)))
    spans = names.numbered_products(doc, coref.missed_full_names(doc, coref.split_titled(doc, spans)))
    newlines = [m.start() for m in _NEWLINE.finditer(body)]
    v = view(doc)
    for start, end, label, _ in sorted(spans):
        if names.not_a_name(doc, start, end) or junk.is_junk(doc, start, end, label):
            continue
        ent = doc[start:end]
        locative = start > 0 and v.lower[start - 1] in LOCATIVE
        for a, b in _pieces(body, v.idx[start], v.idx[end - 1] + len(v.text[end - 1])):
            span = clean_span(body, a, b)
            if span is None and label == "PRODUCT" and body[a:b].strip().isalnum():
                span = (a, b)  # a model number: "Boeing's 787"
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
            if variants.is_not_a_name(text) or junk.is_fragment(text, label):
                continue
            out.append(Mention(span[0], span[1], text, label, ent.root.i, names.type_cue(doc, start, end),
                               _title_before(body, span[0]), bisect.bisect(newlines, span[0]),
                               locative))
    return out


_SEPARATORS = re.compile(r"\s+(?:--|—|–)\s+|\s*/\s*|\s*\(\s*|\s*\)")


def _pieces(body: str, a: int, b: int) -> list[tuple[int, int]]:
    """A span that runs names together ("Instagram/Dana Whitfield", "DANA WHITFIELD -- Whitfield",
    "Office of Budget Review (OBR)") is cut at the separator; a person's possessive inside a span ends
    it ("Dana Whitfield's Tories"), and so does one followed by a lower-case word ("Whitfield's council")."""
    out, pos = [], a
    for m in _SEPARATORS.finditer(body, a, b):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < b:
        out.append((pos, b))
    cut = []
    for x, y in out:
        m = re.search(r"(?:'s|’s|'|’)\s+(\S)", body[x:y])
        if m:
            p = coref.parse(body[x:x + m.start()])
            if (p is not None and p.full) or m.group(1).islower():
                y = x + m.start()  # "Dana Whitfield's Tories", "Whitfield's council"
        cut.append((x, y))
    return cut


_TITLE_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)[ \t]+$")


def _title_before(body: str, start: int) -> Optional[str]:
    m = _TITLE_BEFORE.search(body, max(0, start - 30), start)
    if not m:
        return None
    word = m.group(1).lower().rstrip(".")
    return word if word in coref.TITLE_WORDS else None


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _registry(lookup: Lookup, text: str) -> Optional[tuple[str, str, str]]:
    """The registry's entry for a name under any of its spellings (F.B.I., FBI, Federal Bureau of ...)."""
    for spelling in variants.spellings(text):
        hit = lookup(spelling)
        if hit:
            return hit
    return None


def resolve_mentions(mentions: Iterable[Mention], lookup: Lookup) -> tuple[list[ResolvedMention], dict[str, dict]]:
    """Cluster mentions into actors. Returns resolved mentions and {actor id: {name, type}}.

    A bare name that several people of the article fit is left out (no actor rather than a wrong one)."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    known: dict[int, tuple[str, str, str]] = {}
    for i, m in enumerate(mentions):
        hit = lookup(m.text) or _registry(lookup, m.text)
        if hit:
            known[i] = hit
    person_of, unresolved = coref.chains(mentions, {i: hit[2] for i, hit in known.items()})
    cluster_of: dict[int, str] = {}
    for i, m in enumerate(mentions):
        if i in unresolved:
            continue
        if i in person_of:
            cluster_of[i] = "person:" + "|".join(person_of[i])
        elif i in known:
            cluster_of[i] = "id:" + known[i][0]
        else:
            cluster_of[i] = "text:" + orgs.key(m.text)
    cluster_of, id_text = orgs.join_short_forms(cluster_of, mentions)
    labels: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    members: dict[str, list[int]] = defaultdict(list)
    for i, cluster in cluster_of.items():
        m = mentions[i]
        labels[cluster][m.label] += 1
        if m.cue:
            labels[cluster][m.cue] += CUE_WEIGHT
        forms[cluster][m.text] += 1
        members[cluster].append(i)
    actors: dict[str, dict] = {}
    cluster_id: dict[str, str] = {}
    for cluster in sorted(labels):
        if cluster.startswith("person:"):
            actor_id, name, typ = _person(cluster, members[cluster], mentions, known, lookup)
        elif cluster.startswith("id:"):
            actor_id, name, typ = next(known[i] for i in members[cluster] if i in known)
        else:
            typ = max(labels[cluster].items(), key=lambda kv: (kv[1], -LABEL_PRIORITY[kv[0]]))[0]
            # the name: the longest form for persons, the table's canonical spelling or the most frequent form
            if typ == "PERSON":
                name = max(forms[cluster], key=lambda f: (len(f.split()), forms[cluster][f], f))
            elif cluster in id_text:  # a body named in full and by a short name: the full name, the short id
                name = max(forms[cluster], key=lambda f: (len(orgs.strip_suffix(f).split()), forms[cluster][f], f))
            else:
                name = max(forms[cluster], key=lambda f: (forms[cluster][f], -len(f), f))
                canon = variants.canonical(name)
                name = canon if variants.fold(canon) != variants.fold(name) else name
            actor_id = slugify(variants.fold(id_text.get(cluster) or orgs.strip_suffix(name)), max_length=80,
                               word_boundary=True) or "entity"
            if actor_id in RESERVED_IDS:  # entities/index.md is the People and organisations page
                actor_id += "-entity"
            hit = _registry(lookup, name)
            if hit:
                actor_id, name, typ = hit
        cluster_id[cluster] = actor_id
        if actor_id not in actors:
            actors[actor_id] = {"name": name, "type": typ}
    resolved = [ResolvedMention(m.start, m.end, m.text, m.label, cluster_id[cluster_of[i]], m.head)
                for i, m in enumerate(mentions) if i in cluster_of]
    return resolved, actors


def _person(cluster: str, idx: list[int], mentions: list[Mention], known: dict, lookup: Lookup) -> tuple[str, str, str]:
    """A person chain's id, name and type: the registry's entry for one of its full names (or for a bare
    form whose entry is itself a full name: never a surname-only page for a full name), else the fullest
    written name, with an id made of it without initials and with the formal first name (person_id_name)."""
    parsed = [(i, coref.parse(mentions[i].text)) for i in idx]
    full = [(i, p) for i, p in parsed if p is not None and p.full]
    hits = Counter(known[i] for i, p in parsed if i in known and
                   ((p is not None and p.full) or len(known[i][1].split()) > 1))
    if hits:
        return max(hits.items(), key=lambda kv: (kv[1], kv[0]))[0]
    name = max(full, key=lambda ip: (ip[1].words, sum(1 for _, q in full if q.name == ip[1].name), -ip[0]))[1].name
    hit = _registry(lookup, name)
    if hit:
        return hit
    actor_id = slugify(person_id_name(name), max_length=80, word_boundary=True) or "person"
    if actor_id in RESERVED_IDS:
        actor_id += "-entity"
    return actor_id, name, "PERSON"


def person_id_name(name: str) -> str:
    """The words a person's id is made of: 'Timothy J. Sloan' and 'Tim Sloan' -> 'timothy sloan'."""
    words = name.split()
    keep = [w for k, w in enumerate(words) if k in (0, len(words) - 1) or len(w.rstrip(".")) > 1]
    if len(keep) > 1:
        keep[0] = variants.formal_first(keep[0])
    return " ".join(keep).lower()
