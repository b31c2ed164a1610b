"""Within-article name coreference: which mentions name the same person.

A full name ("Dana J. Whitfield", "Sen. Dana Whitfield") opens a chain keyed by its first and last
name (middle names and initials dropped, Tim = Timothy through variants.py). Shorter forms join the
chain of a compatible full name mentioned before or after (a headline or lede may come first): the
surname alone, the first name alone, an honorific or title with the surname ("Mr. Whitfield",
"President Whitfield"). A full name is a person's when any of its mentions says so (the model's
PERSON label, a title before it, a person cue such as "X, who") or when its surname stands alone
elsewhere in the article (a body shortens to its first word: "Northrop Grumman" -> "Northrop"; a
person to the last). Two people who share a surname stay apart: a bare surname goes to the one its
context picks (the title's sex, a title the chain already had, the only full mention in the same
paragraph, the only one of them the article never calls by the first name alone) and stays unresolved, with
no actor, where nothing decides.

Names are parsed by nameparser (first / middle / last, particles such as "Al", "van"); titles are the
words of TITLE_WORDS (names.TITLES and honorifics) in front of the name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from nameparser import HumanName

from generator.extract import names, variants
from generator.extract.docview import view

UNRESOLVED = "\0unresolved"
MALE, FEMALE = frozenset({"mr", "sir", "lord", "king", "prince"}), frozenset(
    {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "madam"})
_MODIFIERS = frozenset("former acting then late deputy vice interim incoming outgoing ex hereditary grand".split())
TITLE_WORDS = names.TITLES | MALE | FEMALE | frozenset("""
cfo coo cto cmo vp chair chairperson organizer organiser congressman congresswoman councillor councilor
alderman mp mla mpp supt superintendent sgt sergeant lt lieutenant cpl corporal inspector constable const
chef principal pastor imam rabbi bishop cardinal archbishop sheikh emir ayatollah
""".split())
_NOT_PERSON_WORDS = frozenset("of and & for the de la university company party department ministry council "
                              "committee agency association institute foundation police service news".split()) | \
    {w.rstrip(".") for w in names.CORP_SUFFIX}
_PARTICLES = frozenset("al el bin ibn van von der den de da di du la le st mc mac o".split())


@dataclass(frozen=True)
class PersonName:
    title: str  # the last title word in front, lower case, no period ("sen", "president", "mrs"), or ""
    first: str  # lower case, "" when the mention is a bare name
    last: str  # lower case (may hold particles: "al hashish"), or the bare word
    words: int  # words of the name itself, titles excluded
    name: str  # the name as written, titles excluded

    @property
    def full(self) -> bool:
        return bool(self.first) and bool(self.last)


def _is_title(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in TITLE_WORDS or w in _MODIFIERS


@lru_cache(maxsize=8192)  # a chain parses every mention, and actors parse them again: each text once
def parse(text: str) -> Optional[PersonName]:
    """A person-name reading of a mention's text, or None when its shape cannot be a person's name."""
    words = text.replace("’", "'").split()
    title = ""
    while len(words) > 1 and _is_title(words[0]) and (words[0][:1].isupper() or words[0].lower() in _MODIFIERS):
        if words[0].lower().rstrip(".") not in _MODIFIERS:
            title = words[0].lower().rstrip(".")
        words = words[1:]
    if not words or len(words) > 5:
        return None
    for w in words:
        core = w.strip(".,'-")
        if not core or any(c.isdigit() for c in core) or core.lower() in _NOT_PERSON_WORDS:
            return None
        if not core[:1].isupper() and core.lower() not in _PARTICLES:
            return None
    name = " ".join(words)
    if len(words) == 1:
        return PersonName(title, "", words[0].lower(), 1, name)
    if len(words) == 2 and words[0].lower() in _PARTICLES:
        return PersonName(title, "", name.lower(), 2, name)  # "Al Hashish": a surname with its particle
    try:
        h = HumanName(name)
        first, last = h.first.lower(), h.last.lower()
    except Exception:  # noqa: BLE001 - a third-party parser on arbitrary text: degrade, never crash
        return None
    if not first or not last:
        return None
    if all(len(w.rstrip(".")) == 1 for w in words[:-1]) and len(words) > 1:
        return None  # "J. K.": initials only, no first name to key on
    return PersonName(title, first.rstrip("."), last, len(words), name)


def key_of(p: PersonName) -> tuple[str, str]:
    return variants.formal_first(p.first), p.last


@dataclass
class Chain:
    key: tuple[str, str]
    firsts: set
    mentions: list  # indexes
    titles: set
    sex: Optional[str] = None
    person_votes: int = 0
    other_votes: int = 0
    shape: Optional[bool] = None  # every full mention reads as a person's name (not a body's: see chains)
    body_label: bool = False  # the model called one of its full mentions an organisation


def _sex(title: str) -> Optional[str]:
    return "m" if title in MALE else "f" if title in FEMALE else None


def chains(mentions: Sequence, registry_types: dict[int, str]) -> tuple[dict[int, tuple[str, str]], dict[int, str]]:
    """mentions sorted by start (actors.Mention). Returns ({mention index: chain key} for the mentions of
    a person, {mention index: UNRESOLVED} for bare names that several people fit). registry_types: the
    registry's type for mentions it knows (a known place or body is never pulled into a person)."""
    parsed = {i: parse(m.text) for i, m in enumerate(mentions)}
    person_ok = {i: registry_types.get(i, "PERSON") == "PERSON" for i in parsed}
    bare_words: dict[str, int] = defaultdict(int)  # surnames standing alone (as a person's or a body's)
    bare_person: set[str] = set()  # surnames standing alone as a person's (model label or title)
    person_signs: dict[str, int] = defaultdict(int)  # how often a bare word stands as a person's (label, title)
    body_signs: dict[str, int] = defaultdict(int)  # how often it stands as a body's (ORG label, no title)
    body_words: set[str] = set()  # words standing alone as something else than a person
    places: set[str] = set()  # words used as a place ("in X")
    for i, p in parsed.items():
        m = mentions[i]
        words = m.text.lower().split()
        if m.locative and m.label in ("GPE", "LOC", "FAC"):
            places.add(m.text.lower())
        if p is not None and not p.full and person_ok[i] and m.label in ("PERSON", "ORG"):
            bare_words[p.last] += 1
        if p is not None and not p.full and person_ok[i] and (m.label == "PERSON" or p.title or m.title) \
                and m.cue in (None, "PERSON"):
            bare_person.add(p.last)
            person_signs[p.last] += 1
        elif p is not None and not p.full and m.label == "ORG":
            body_signs[p.last] += 1
        if len(words) == 1 and m.label not in ("PERSON",):
            body_words.add(words[0])
    by_key: dict[tuple[str, str], Chain] = {}
    for i, p in parsed.items():
        m = mentions[i]
        if p is None or not p.full or not person_ok[i]:
            continue
        ch = by_key.setdefault(key_of(p), Chain(key_of(p), set(), [], set()))
        ch.mentions.append(i)
        ch.firsts.add(p.first)
        title = p.title or (m.title or "")
        if title:
            ch.titles.add(title)
            ch.sex = ch.sex or _sex(title)
        ch.person_votes += (m.label == "PERSON") + 2 * (m.cue == "PERSON") + 2 * bool(title)
        ch.other_votes += 2 * (m.cue not in (None, "PERSON"))
        ch.body_label = ch.body_label or m.label == "ORG"
        if ch.shape is None:
            ch.shape = m.label in ("PERSON", "ORG")
        ch.shape = ch.shape and m.label in ("PERSON", "ORG") and p.first not in body_words
    _merge_compatible(by_key)
    given = variants.given_names()
    persons = {k: ch for k, ch in by_key.items() if ch.other_votes <= ch.person_votes and
               (ch.person_votes > 0 or (k[1] in bare_person and not ch.body_label and not ch.firsts & body_words) or
                (ch.shape and (bare_words.get(k[1], 0) > 0 or any(f in given for f in ch.firsts))))}
    out: dict[int, tuple[str, str]] = {}
    unresolved: dict[int, str] = {}
    for ch in persons.values():
        for i in ch.mentions:
            out[i] = ch.key
    first_named = _called_by_first_name(parsed, persons)
    body_names = [m.text.lower() for i, m in enumerate(mentions) if len(m.text.split()) > 1 and i not in out
                  and m.label in ("ORG", "FAC", "PRODUCT", "GPE") and all(w[:1].isupper() for w in m.text.split())]
    for i, p in sorted(parsed.items()):
        if p is None or p.full or i in out or not person_ok[i]:
            continue
        m = mentions[i]
        title = p.title or (m.title or "")
        word = p.last
        if not title and m.label != "PERSON":
            if m.label in ("GPE", "LOC", "FAC") and (word in places or m.cue not in (None, "PERSON")):
                continue  # "in Whitfield" somewhere in the article: the place
            if word in body_words and any(w.startswith(word + " ") for w in body_names) and \
                    person_signs[word] <= body_signs[word]:
                continue  # "Ford" beside "Ford Motor Company": the body's short name, unless the article
                # writes the bare word as a person's more often than as a body's ("Trump said" beside
                # "Trump Foundation" and Donald Trump's full name: the model's ORG on "Trump" is the person)
        fits = [ch for ch in persons.values() if ch.key[1] == word and _may_join(ch, m, title)]
        if not fits and len(p.name.split()) == 1 and len(word) > 1 and \
                (m.label == "PERSON" or title or word in variants.given_names()):
            fits = [ch for ch in persons.values() if any(variants.same_first(word, f) for f in ch.firsts)
                    and _may_join(ch, m, title)]
        if not fits:
            continue
        pick = _choose(fits, m, p, mentions, first_named)
        if pick is None:
            unresolved[i] = UNRESOLVED
            continue
        out[i] = pick.key
        if title:
            pick.titles.add(title)
            pick.sex = pick.sex or _sex(title)
    return out, unresolved


def _may_join(ch: Chain, m, title: str) -> bool:
    """A title or the model's PERSON label lets a bare name join; a mention the model typed otherwise
    joins a chain that the model, a title or a cue already made a person's; a context cue against a
    person ("X's shares") gives way only to a chain with two such signs."""
    if title or (m.label == "PERSON" and m.cue in (None, "PERSON")):
        return True
    if m.cue not in (None, "PERSON"):
        return ch.person_votes >= 2
    return m.label == "ORG" or ch.person_votes >= 1


def _merge_compatible(by_key: dict[tuple[str, str], Chain]) -> None:
    """'Steve Jobs' and 'Steven P. Jobs' (first names compatible through the table, or an initial) are one chain."""
    for key in sorted(by_key):
        ch = by_key.get(key)
        if ch is None:
            continue
        for other in sorted(k for k in by_key if k != key and k[1] == key[1]):
            och = by_key[other]
            if all(variants.same_first(a, b) for b in ch.firsts for a in och.firsts):
                ch.mentions = sorted(ch.mentions + och.mentions)
                ch.firsts |= och.firsts
                ch.titles |= och.titles
                ch.sex = ch.sex or och.sex
                ch.person_votes += och.person_votes
                ch.other_votes += och.other_votes
                ch.shape = bool(ch.shape) and bool(och.shape)
                ch.body_label = ch.body_label or och.body_label
                del by_key[other]


def _called_by_first_name(parsed: dict[int, Optional[PersonName]], persons: dict) -> set[tuple[str, str]]:
    """Keys of the person chains the article also calls by their first name alone ("Michael"), where that
    word is no person's surname: the writer's way of telling apart two people who share a surname."""
    surnames = {k[1] for k in persons}
    out: set[tuple[str, str]] = set()
    for p in parsed.values():
        if p is None or p.full or p.title or len(p.name.split()) != 1 or p.last in surnames:
            continue
        called = [k for k, ch in persons.items() if any(variants.same_first(p.last, f) for f in ch.firsts)]
        if len(called) == 1:
            out.add(called[0])
    return out


def _choose(fits: list[Chain], m, p: PersonName, mentions: Sequence,
            first_named: set[tuple[str, str]] = frozenset()) -> Optional[Chain]:
    if len(fits) == 1:
        return fits[0]
    title = p.title or (m.title or "")
    sex = _sex(title)
    if sex:
        same = [ch for ch in fits if ch.sex == sex]
        unknown = [ch for ch in fits if ch.sex is None]
        if len(same) == 1:
            return same[0]
        if not same and len(unknown) == 1:
            return unknown[0]  # every other one is known to be of the other sex
    if title and not sex:
        same = [ch for ch in fits if title in ch.titles]
        if len(same) == 1:
            return same[0]
    near = [ch for ch in fits if any(mentions[j].para == m.para and mentions[j].start < m.start for j in ch.mentions)]
    if len(near) == 1:
        return near[0]
    # "Dorie Greenspan ... her husband, Michael Greenspan ... Michael said ... Greenspan said": when every
    # other person of that surname is called by the first name, the bare surname is the one who is not
    by_surname = [ch for ch in fits if ch.key not in first_named]
    if len(by_surname) == 1 and len(fits) > 1:
        return by_surname[0]
    return None


# ---------------------------------------------------------------- spans repaired before coreference

_HEADLINE_VERBS = frozenset("says said tells told urges warns vows claims denies admits insists asks adds".split())


def split_titled(doc, spans: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """'Huawei CFO Dana Whitfield' is the body 'Huawei' and the person 'Dana Whitfield'; 'Organizer Dana
    Whitfield' is the person. A title inside a span starts a person's name when what follows reads as one."""
    out = []
    for s, e, label, ruler in spans:
        while not ruler and e - s >= 2 and label in ("PERSON", "ORG") and doc[e - 1].lower_ in _HEADLINE_VERBS:
            e -= 1  # a title-case headline: "Obama Says African-American Museum ..." names Obama, not "Obama Says"
        cut = None
        if not ruler and e - s >= 2 and label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            for j in range(e - 2, s - 1, -1):
                rest = doc[j + 1:e]
                if not _is_title(doc[j].text) or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest):
                    continue
                p = parse(rest.text)
                if p is None or any(_is_title(t.text) for t in rest):
                    continue
                if j == s and not (label == "PERSON" or p.full):
                    continue  # "General Electric": a title word opening a body's name
                cut = j
                break
        if cut is None and not ruler and e - s >= 3 and doc[s].tag_ == "NNPS" and label in ("PERSON", "ORG"):
            p = parse(doc[s + 1:e].text)
            if p is not None and p.full:
                out.append((s + 1, e, "PERSON", False))  # "Canadians Dana Whitfield": a plural demonym in front
                continue
        if cut is None:
            out.append((s, e, label, ruler))
            continue
        left = doc[s:cut]
        if len(left) and all(t.pos_ == "PROPN" and not _is_title(t.text) for t in left):
            out.append((s, cut, "ORG" if label == "PERSON" else label, False))
        out.append((cut + 1, e, "PERSON", False))
    return _join_persons(doc, out)


def _join_persons(doc, spans: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """Two PERSON spans side by side ('Meng' 'Wanzhou') are one name."""
    out: list[tuple[int, int, str, bool]] = []
    for span in sorted(spans):
        if out and out[-1][2] == span[2] == "PERSON" and out[-1][1] == span[0] and \
                doc[span[0] - 1].whitespace_ == " " and not out[-1][3] and not span[3]:
            out[-1] = (out[-1][0], span[1], "PERSON", False)
            continue
        out.append(span)
    return out


def missed_full_names(doc, spans: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """A surname the model found alone ('Whitfield said') whose full name it missed elsewhere ('Dana
    Whitfield, 41, ...'): the full name is added (the model's lone surname there is widened to it) when
    the word before is a given name (variants.given_names, or the first word of a person named in full)."""
    taken = {i for s, e, _, _ in spans for i in range(s, e)}
    singles = {doc[s].text for s, e, label, ruler in spans
               if e - s == 1 and not ruler and label in ("PERSON", "ORG") and doc[s].is_alpha and doc[s].is_title}
    if not singles:
        return spans
    single_at = {s: k for k, (s, e, _, _) in enumerate(spans) if e - s == 1}
    firsts = variants.given_names() | {doc[s].lower_ for s, e, label, _ in spans if label == "PERSON" and e - s > 1}
    out = list(spans)
    drop = set()
    for i, text in enumerate(view(doc).text):
        if text not in singles or i == 0 or (i in taken and i not in single_at):
            continue
        tok = doc[i]
        prev = doc[tok.i - 1]
        lone_prev = prev.i in single_at and not spans[single_at[prev.i]][3] and prev.lower_ in firsts
        if (prev.i in taken or prev.ent_type_) and not lone_prev:
            continue
        if prev.pos_ != "PROPN" or not prev.is_title or not prev.is_alpha or _is_title(prev.text) or \
                "\n" in prev.whitespace_ or not prev.whitespace_ or prev.lower_ not in firsts:
            continue
        p = parse(f"{prev.text} {tok.text}")
        if p is None or not p.full:
            continue
        if tok.i in single_at:
            drop.add(single_at[tok.i])
        if lone_prev:
            drop.add(single_at[prev.i])
        out.append((prev.i, tok.i + 1, "PERSON", False))
    return sorted(x for k, x in enumerate(out) if k not in drop)
