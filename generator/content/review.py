"""Editors decide who is who where the text does not: `python -m generator review`.

Lists the cases the build will not decide on its own, each with its evidence:
- surname-only: a one-word entity ("Obama", or "Trump" typed ORG) beside full-name persons of that surname;
- shared surname: full-name persons who share a surname (namesakes, or one person written two ways);
- ambiguous: a bare surname in an article that several registry persons fit, left unresolved there.
Decisions are written into the entity files, which are the registry's merge log: `merge A B` sets
`merged_into: B` in A's file, `apart A B` adds B to A's `distinct_from`, `not-entity A` sets
`not_entity: true`. The build reads them like any edit, so an editor's decision wins over the machine's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from generator import yamlio
from generator.content.people import bare_word
from generator.content.registry import Registry, entity_file_text
from generator.errors import BriefingError
from generator.extract import variants
from generator.records import ArticleRecord, Entity

_WORD = re.compile(r"\b[A-Z][A-Za-z'’-]+\b")
MAX_EVIDENCE = 3


@dataclass
class Case:
    kind: str  # "surname-only", "shared surname" or "ambiguous"
    word: str  # the shared surname (folded)
    ids: tuple[str, ...]  # entity ids concerned (for "ambiguous": the persons who fit)
    evidence: list[str] = field(default_factory=list)
    article: Optional[str] = None  # for "ambiguous": the article where the bare name stays unresolved


def _co_mentions(ent_id: str, records: list[ArticleRecord]) -> list[str]:
    seen: Counter = Counter()
    for rec in records:
        ids = [a.id for a in rec.actors]
        if ent_id in ids:
            seen.update(i for i in ids if i != ent_id)
    return [i for i, _ in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_EVIDENCE]]


def _articles_of(ent_id: str, records: list[ArticleRecord]) -> list[str]:
    return [r.id for r in records if any(a.id == ent_id for a in r.actors)]


def _context(body: str, start: int, end: int, width: int = 60) -> str:
    return " ".join(body[max(0, start - width):end + width].split())


def _decided(registry: Registry, a: str, b: str) -> bool:
    return b in registry.apart(a) or registry.resolve_id(a) == registry.resolve_id(b)


def _describe(ent_id: str, registry: Registry, records: list[ArticleRecord]) -> str:
    ent = registry.entities[ent_id]
    arts = _articles_of(ent_id, records)
    co = ", ".join(_co_mentions(ent_id, records)) or "none"
    return f"{ent_id} ({ent.name}, {ent.type}): {len(arts)} article(s); seen with {co}"


def cases(registry: Registry, records: list[ArticleRecord], bodies: dict[str, str]) -> list[Case]:
    """Every undecided case, in a fixed order (kind, surname, ids)."""
    out: list[Case] = []
    by_surname = registry.surnames()
    for ent_id in sorted(registry.entities):
        ent = registry.entities[ent_id]
        word = bare_word(ent.name)  # any type: "Trump" typed ORG beside Donald Trump is offered too
        if word is None or registry.resolve_id(ent_id) != ent_id or registry.files.get(ent_id) == "built-in":
            continue
        fits = [i for i in by_surname.get(word, ()) if not _decided(registry, ent_id, i)]
        if fits:
            kind = "surname-only" if ent.type == "PERSON" else f"surname-only (typed {ent.type})"
            out.append(Case(kind, word, (ent_id, *fits),
                            [_describe(i, registry, records) for i in (ent_id, *fits)]))
    for word, ids in sorted(by_surname.items()):
        if len(ids) < 2:
            continue
        pairs = [(a, b) for k, a in enumerate(ids) for b in ids[k + 1:] if not _decided(registry, a, b)]
        if pairs:
            live = tuple(sorted({x for p in pairs for x in p}))
            firsts = {registry.entities[i].name.split()[0] for i in live}
            same = len(firsts) == 1 or all(variants.same_first(x, y) for x in firsts for y in firsts)
            out.append(Case("shared surname", word, live,
                            (["same first name: likely one person"] if same else ["different first names"])
                            + [_describe(i, registry, records) for i in live]))
    for rec in records:
        body = bodies.get(rec.id, "")
        actors = {a.id for a in rec.actors}
        words: dict[str, tuple[int, int]] = {}
        for m in _WORD.finditer(body):
            key = bare_word(m.group())
            if key is not None and key not in words:
                words[key] = m.span()
        for key, (a, b) in sorted(words.items()):
            namesakes = by_surname.get(key, ())
            if len(namesakes) > 1 and not actors & set(namesakes):
                out.append(Case("ambiguous", key, namesakes, [f"“…{_context(body, a, b)}…”",
                                                         "seen with " + (", ".join(sorted(actors)[:5]) or "none")],
                                article=rec.id))
    return out


def format_case(n: int, case: Case) -> str:
    where = f" in {case.article}" if case.article else ""
    head = f"{n}. {case.kind}: '{case.word}'{where}: {' / '.join(case.ids)}"
    return "\n".join([head, *("     " + e for e in case.evidence)])


# ------------------------------------------------------------------------------------------ decisions

def _entity(registry: Registry, ent_id: str) -> Entity:
    ent = registry.entities.get(ent_id)
    if ent is None:  # a bare name with no file yet (unresolved in its articles): its file starts here
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", ent_id):
            raise BriefingError(f"'{ent_id}' is not an entity id")
        ent = Entity(id=ent_id, name=ent_id.replace("-", " ").title(), type="PERSON")
    return ent


def _write(directory: Path, ent: Entity) -> Path:
    path = directory / f"{ent.id}.yml"
    yamlio.atomic_write_text(path, entity_file_text(ent))
    return path


def _known(registry: Registry, ent_id: str) -> None:
    if ent_id not in registry.entities:
        raise BriefingError(f"no entity '{ent_id}' in content/entities/ or the built-in list")


def merge(registry: Registry, directory: Path, a: str, b: str) -> Path:
    """A is B: `merged_into: B` in A's file (a negative judgement between them is lifted by this one)."""
    _known(registry, b)
    if a == b or registry.resolve_id(b) is None:
        raise BriefingError(f"cannot merge '{a}' into '{b}'")
    target = registry.resolve_id(b) or b
    if registry.resolve_id(a) == target:
        raise BriefingError(f"'{a}' is already '{target}'")
    ent = _entity(registry, a)
    apart = [x for x in ent.distinct_from if x not in (b, target)]
    _lift_apart(registry, directory, target, a)
    return _write(directory, ent.model_copy(update={"merged_into": target, "distinct_from": apart}))


def _lift_apart(registry: Registry, directory: Path, holder: str, other: str) -> None:
    ent = registry.entities.get(holder)
    if ent is not None and other in ent.distinct_from:
        _write(directory, ent.model_copy(update={"distinct_from": [x for x in ent.distinct_from if x != other]}))


def apart(registry: Registry, directory: Path, a: str, b: str) -> Path:
    """A is not B: B in A's `distinct_from` (a merge of A into B is undone by this one)."""
    _known(registry, b)
    if a == b:
        raise BriefingError("an entity cannot be kept apart from itself")
    ent = _entity(registry, a)
    other = registry.entities[b]
    if other.merged_into == a:
        _write(directory, other.model_copy(update={"merged_into": None}))
    merged = ent.merged_into if ent.merged_into not in (b, registry.resolve_id(b)) else None
    return _write(directory, ent.model_copy(update={"distinct_from": sorted({*ent.distinct_from, b}),
                                                   "merged_into": merged}))


def not_entity(registry: Registry, directory: Path, a: str) -> Path:
    """These words name nothing: `not_entity: true` in A's file."""
    return _write(directory, _entity(registry, a).model_copy(update={"not_entity": True}))

