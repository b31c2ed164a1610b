"""Validate everything an editor can touch, all at once: briefing.yml, entities, topics, articles,
and the references between them. Used by `generator check` and by every build."""

from __future__ import annotations

from pathlib import Path

from generator.content.store import load_records
from generator.errors import Problems
from generator.records import ArticleRecord, Config
from generator.content.registry import Registry, load_registry


def cross_references(registry: Registry, records: list[ArticleRecord], problems: Problems) -> None:
    for ent_id, ent in registry.entities.items():
        if ent.merged_into and ent.merged_into not in registry.entities:
            problems.add(registry.files.get(ent_id, ent_id), None, "merged_into",
                         f"no entity '{ent.merged_into}' to merge into",
                         fix=f"create content/entities/{ent.merged_into}.yml or fix the id")
        elif ent.merged_into and registry.resolve_id(ent_id) is None and not ent.not_entity:
            problems.add(registry.files.get(ent_id, ent_id), None, "merged_into",
                         "merged_into leads in a circle or to a not_entity", fix="point it at a real entity")
    for topic in registry.topics.values():
        for ent_id in topic.match.entities:
            if ent_id not in registry.entities:
                problems.add(f"content/topics/{topic.id}.yml", None, "match.entities",
                             f"unknown entity '{ent_id}'", fix="use an id from content/entities/", severity="warning")
    from generator.content.store import owned_by_editor

    for rec in records:
        rel = f"content/articles/{rec.id}.yml"
        for t in rec.topics:
            # a machine record's stale topic simply drops out; an editor's reference must be right
            if t not in registry.topics and owned_by_editor(rec):
                problems.add(rel, None, "topics", f"unknown topic '{t}' (ignored)",
                             fix=f"create content/topics/{t}.yml or remove it from the list", severity="warning")
        if rec.source.file is None and rec.body is None:
            problems.add(rel, None, "body", "a hand-written article needs a body (or a source.file)",
                         fix="add body: | followed by the text")


def check_content(root: Path, cfg: Config, memo=None) -> tuple[Problems, Registry, list[ArticleRecord]]:
    problems = Problems()
    content = root / cfg.content_dir
    registry = load_registry(content, root, problems, memo)
    records = load_records(content / "articles", root, problems, memo)
    cross_references(registry, records, problems)
    return problems, registry, records
