"""The entity and topic registry: content/entities/*.yml and content/topics/*.yml, plus built-in aliases.

Editors own these files. The build creates an entity file the first time it meets an entity and never
rewrites one. Names and aliases become (a) the lookup that gives every mention its canonical id and
(b) EntityRuler patterns placed before spaCy's NER, so a correction made once applies to every article.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Optional, TypeVar

from generator import yamlio
from generator.content.people import bare_word, link_bare, surname_index
from generator.errors import Problems, shown_path
from generator.records import ACTOR_TYPES, Entity, Topic
from generator.validate import validate_file


def norm(text: str) -> str:
    t = " ".join(text.replace("’", "'").split()).lower()
    for prefix in ("the ",):
        if t.startswith(prefix) and len(t) > len(prefix):
            t = t[len(prefix):]
    if t.endswith("'s"):
        t = t[:-2]
    return t


@dataclass
class Registry:
    entities: dict[str, Entity] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # entity id -> file it came from
    topic_files: dict[str, str] = field(default_factory=dict)  # topic id -> file it came from
    _index: dict[str, str] = field(default_factory=dict)
    _not: Optional[frozenset] = None
    _surnames: Optional[dict] = None
    _apart: Optional[dict] = None

    def add(self, entities: list[Entity], topics: list[Topic], directory: str) -> None:
        """Entities and topics the build has just written: known at once, without reading the files back."""
        for ent in entities:
            if ent.id not in self.entities:
                self.entities[ent.id] = ent
                self.files[ent.id] = f"{directory}/entities/{ent.id}.yml"
        for topic in topics:
            if topic.id not in self.topics:
                self.topics[topic.id] = topic
                self.topic_files[topic.id] = f"{directory}/topics/{topic.id}.yml"
        self._not = None
        self.build_index()

    def resolve_id(self, ent_id: str) -> Optional[str]:
        """Follow merged_into links to the entity that stands for `ent_id` (None if unknown or not an entity)."""
        seen = set()
        while ent_id in self.entities and ent_id not in seen and (target := self.entities[ent_id].merged_into):
            seen.add(ent_id)
            ent_id = target
        ent = self.entities.get(ent_id)
        if ent is None or ent.not_entity or ent.merged_into:
            return None
        return ent_id

    def build_index(self, problems: Optional[Problems] = None) -> None:
        """surface -> entity id. An entity's own name outranks an alias; merged entities lend theirs last."""
        self._index = {}
        self._surnames = self._apart = None
        surfaces = [(ent.merged_into is not None, i > 0, ent.id, surface, ent)
                    for ent in self.entities.values() for i, surface in enumerate([ent.name, *ent.aliases])]
        for _, _, _, surface, ent in sorted(surfaces, key=lambda t: t[:3]):
            target = self.resolve_id(ent.id)
            if target is None:
                continue
            key = norm(surface)
            other = self._index.get(key)
            if other is None:
                self._index[key] = target
            elif other != target and problems is not None and self.files.get(ent.id, "built-in") != "built-in":
                problems.add(self.files[ent.id], None, "aliases", f"'{surface}' also names '{other}'; "
                             f"it stays with '{other}'", fix=f"to merge, set merged_into: {other} in one of the "
                             "two files", severity="warning")

    def lookup(self, surface: str) -> Optional[tuple[str, str, str]]:
        ent_id = self._index.get(norm(surface))
        if ent_id is None and surface.isupper() and len(surface) > 5:
            ent_id = self._index.get(norm(surface.title()))
        if ent_id is None:
            return None
        ent = self.entities[ent_id]
        return ent.id, ent.name, ent.type

    def surnames(self) -> dict[str, tuple[str, ...]]:
        """folded surname -> the full-name persons who bear it (computed once per registry state)."""
        if self._surnames is None:
            self._surnames = surname_index(self)
        return self._surnames

    def person_for(self, ent_id: Optional[str], name: str, typ: str) -> Optional[str]:
        """Across articles: a bare person name ("Flynn", "Mr. Flynn") stands for the one full-name person of
        the registry with that surname, when exactly one fits and no editor keeps them apart; a name that
        several fit, or none, gives None (unresolved, never guessed). Any other entity is itself."""
        ent = self.entities.get(ent_id or "")
        if ent is not None:
            typ, name = ent.type, ent.name
        if typ != "PERSON" or bare_word(name) is None:
            return ent_id if ent is not None else None
        apart = self.apart(ent_id) if ent_id else frozenset()
        linked = link_bare(self, name, apart)
        if ent is not None and (linked is None or ent.distinct_from):
            return ent_id  # an entity of its own that nothing (or an editor) says is someone else
        return linked

    def apart(self, ent_id: str) -> frozenset[str]:
        """The entities an editor keeps apart from `ent_id` (either file may say so: the judgement is mutual)."""
        if self._apart is None:
            pairs: dict[str, set[str]] = {}
            for ent in self.entities.values():
                for other in ent.distinct_from:
                    pairs.setdefault(ent.id, set()).add(other)
                    pairs.setdefault(other, set()).add(ent.id)
            self._apart = {k: frozenset(v) for k, v in pairs.items()}
        return self._apart.get(ent_id, frozenset())

    def not_entities(self) -> frozenset[str]:
        """Lower-cased words that editors marked as naming nothing (computed once per registry)."""
        if self._not is None:
            self._not = frozenset(s.lower() for ent in self.entities.values() if ent.not_entity
                                  for s in [ent.name, *ent.aliases])
        return self._not

    def patterns(self) -> tuple[tuple[str, str, str], ...]:
        """EntityRuler phrase patterns: every name and alias, as written and without a leading 'the'."""
        out = set()
        for ent in self.entities.values():
            target = self.resolve_id(ent.id)
            if target is None:
                continue
            typ = self.entities[target].type
            for surface in [ent.name, *ent.aliases]:
                s = " ".join(surface.split())
                if s.lower().startswith("the "):
                    s = s[4:]
                if len(s) >= 2:
                    out.add((typ, s, target))
        return tuple(sorted(out))


def builtin_entities() -> list[Entity]:
    text = resources.files("generator.data").joinpath("known_entities.yml").read_text(encoding="utf-8")
    return [Entity(**item) for item in yamlio.loads(text).data]


M = TypeVar("M", Entity, Topic)


def _load_dir(directory: Path, model: type[M], root: Path, problems: Problems,
              memo=None) -> dict[str, tuple[M, str]]:
    out: dict[str, tuple[M, str]] = {}
    if not directory.is_dir():
        return out
    shown = shown_path(directory, root)
    for name in yaml_names(directory):  # names, not Paths: thousands of entity files are listed on every build
        path, rel = directory / name, f"{shown}/{name}"
        obj = memo.read(path, rel, problems, model) if memo is not None else validate_file(path, model, rel, problems)
        if obj is None:
            continue
        expected = path.stem
        if obj.id in out:
            problems.add(rel, 1, "id", f"id '{obj.id}' is also used by {out[obj.id][1]}",
                         fix="keep one of the two files (.yml and .yaml name the same id)")
            continue
        if obj.id != expected:
            problems.add(rel, 1, "id", f"id '{obj.id}' does not match the file name '{path.name}'",
                         fix=f"set id: {expected} or rename the file to {obj.id}.yml")
            continue
        out[obj.id] = (obj, rel)
    return out


_YAML_NAME = re.compile(fnmatch.translate("*.y*ml"))


def yaml_names(directory: Path) -> list[str]:
    """The names `sorted(directory.glob("*.y*ml"))` gives, in the same order, without making Paths."""
    try:
        with os.scandir(directory) as entries:
            return sorted(e.name for e in entries if _YAML_NAME.match(e.name))
    except OSError:
        return []


def load_registry(content: Path, root: Path, problems: Problems, memo=None) -> Registry:
    reg = Registry()
    for ent in builtin_entities():
        reg.entities[ent.id] = ent
        reg.files[ent.id] = "built-in"
    for ent_id, (ent, rel) in _load_dir(content / "entities", Entity, root, problems, memo).items():
        builtin = reg.entities.get(ent_id)
        if builtin is not None and reg.files[ent_id] == "built-in":
            # an editor's file for a built-in entity keeps the built-in aliases too
            merged = sorted(set(builtin.aliases) | set(ent.aliases), key=str.lower)
            ent = ent.model_copy(update={"aliases": [a for a in merged if norm(a) != norm(ent.name)]})
        reg.entities[ent_id] = ent
        reg.files[ent_id] = rel
    for topic_id, (topic, rel) in _load_dir(content / "topics", Topic, root, problems, memo).items():
        reg.topics[topic_id] = topic
        reg.topic_files[topic_id] = rel
    reg.build_index(problems)
    return reg


def entity_file_text(ent: Entity) -> str:
    data = ent.model_dump(exclude_defaults=False)
    for optional in ("not_entity", "merged_into", "distinct_from"):
        if not data.get(optional):
            data.pop(optional, None)
    return ("# Entity registry entry. Edit freely: the build never rewrites this file.\n"
            "# name/aliases: every spelling that means this entity (merges mentions everywhere);\n"
            "# type: " + " ".join(ACTOR_TYPES) + "; not_entity: true drops it;\n"
            "# merged_into: <other id> makes this entity that one everywhere (see the editors' guide).\n"
            + yamlio.dumps(data))
