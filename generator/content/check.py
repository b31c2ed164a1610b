"""Validate everything an editor can touch, all at once: briefing.yml, entities, topics, articles,
and the references between them. Used by `generator check` and by every build."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from generator import yamlio
from generator.content.store import load_records
from generator.errors import Problems
from generator.records import ArticleRecord, Config
from generator.content.registry import Registry, load_registry


def cross_references(registry: Registry, records: list[ArticleRecord], problems: Problems,
                     root: Path | None = None) -> None:
    """References between files. With root, every problem carries the line of the key it is about."""

    @lru_cache(maxsize=256)
    def loaded(rel: str) -> yamlio.LoadedYaml | None:
        try:
            return yamlio.load_file(root / rel) if root is not None else None
        except yamlio.YamlFileError:
            return None

    def line(rel: str, *path) -> int | None:
        found = loaded(rel)
        return found.line_of(path) if found is not None and tuple(path) in found.lines else None

    for ent_id, ent in registry.entities.items():
        rel = registry.files.get(ent_id, ent_id)
        if ent.merged_into and ent.merged_into not in registry.entities:
            problems.add(rel, line(rel, "merged_into"), "merged_into",
                         f"no entity '{ent.merged_into}' to merge into",
                         fix=f"create content/entities/{ent.merged_into}.yml or fix the id")
        elif ent.merged_into and registry.resolve_id(ent_id) is None and not ent.not_entity:
            problems.add(rel, line(rel, "merged_into"), "merged_into",
                         "merged_into leads in a circle or to a not_entity", fix="point it at a real entity")
    for topic in registry.topics.values():
        rel = f"content/topics/{topic.id}.yml"
        for i, ent_id in enumerate(topic.match.entities):
            if ent_id not in registry.entities:
                broken = root is not None and any((root / "content" / "entities" / f"{ent_id}{ext}").is_file()
                                                  for ext in (".yml", ".yaml"))
                problems.add(rel, line(rel, "match", "entities", i), "match.entities",
                             f"entity '{ent_id}' is not loaded: its file has errors (above)" if broken
                             else f"unknown entity '{ent_id}'",
                             fix=f"correct content/entities/{ent_id}.yml first" if broken
                             else "use an id from content/entities/", severity="warning")
    from generator.content.store import owned_by_editor

    for rec in records:
        rel = f"content/articles/{rec.id}.yml"
        for i, t in enumerate(rec.topics):
            # a machine record's stale topic simply drops out; an editor's reference must be right
            if t not in registry.topics and owned_by_editor(rec):
                problems.add(rel, line(rel, "topics", i), "topics", f"unknown topic '{t}' (ignored)",
                             fix=f"create content/topics/{t}.yml or remove it from the list", severity="warning")
        if rec.source.file is None and rec.body is None:
            problems.add(rel, None, "body", "a hand-written article needs a body (or a source.file)",
                         fix="add body: | followed by the text")


def _id_lines(root: Path, problems: Problems) -> None:
    """The registry reports a wrong or repeated id at line 1; point at the id: line itself."""
    for n, p in enumerate(problems.items):
        if p.key == "id" and p.line == 1 and (root / p.file).is_file():
            try:
                found = yamlio.load_file(root / p.file).lines.get(("id",))
            except yamlio.YamlFileError:
                continue
            if found is not None:
                problems.items[n] = replace(p, line=found)


def check_content(root: Path, cfg: Config, memo=None) -> tuple[Problems, Registry, list[ArticleRecord]]:
    problems = Problems()
    content = root / cfg.content_dir
    registry = load_registry(content, root, problems, memo)
    records = load_records(content / "articles", root, problems, memo)
    cross_references(registry, records, problems, root)
    _id_lines(root, problems)
    return problems, registry, records
