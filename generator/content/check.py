"""Validate everything an editor can touch, all at once: briefing.yml, entities, topics, articles,
and the references between them. Used by `generator check` and by every build."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from generator import yamlio
from generator.content.memo import RecordMemo
from generator.content.store import load_record_files
from generator.errors import Problems, shown_path
from generator.records import RESERVED_IDS, ArticleRecord, Config
from generator.content.registry import Registry, load_registry


@dataclass(frozen=True)
class ContentFiles:
    """The files the checks name: where content_dir is, which file each record came from (.yml or .yaml), and
    who owns a record, as the memo learnt when it read the file (not hashed again here)."""

    directory: Path  # content_dir
    shown: str  # content_dir as messages name it (relative to the project when inside it)
    articles: dict[str, str]  # record id -> its file
    memo: RecordMemo

    def article(self, rec: ArticleRecord) -> str:
        return self.articles.get(rec.id) or f"{self.shown}/articles/{rec.id}.yml"

    def owned(self, rec: ArticleRecord) -> bool:
        return self.memo.owned(self.article(rec), rec)

    def entity_file(self, ent_id: str) -> Path | None:
        """The file of an entity that exists but did not load (its own errors are reported), if any."""
        for ext in (".yml", ".yaml"):
            path = self.directory / "entities" / f"{ent_id}{ext}"
            if path.is_file():
                return path
        return None


def cross_references(registry: Registry, records: list[ArticleRecord], problems: Problems, files: ContentFiles,
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
                         fix=f"create {files.shown}/entities/{ent.merged_into}.yml or fix the id")
        elif ent.merged_into and registry.resolve_id(ent_id) is None and not ent.not_entity:
            problems.add(rel, line(rel, "merged_into"), "merged_into",
                         "merged_into leads in a circle or to a not_entity", fix="point it at a real entity")
    for topic in registry.topics.values():
        rel = registry.topic_files.get(topic.id) or f"{files.shown}/topics/{topic.id}.yml"
        for i, ent_id in enumerate(topic.match.entities):
            if ent_id not in registry.entities:
                broken = files.entity_file(ent_id) if root is not None else None
                problems.add(rel, line(rel, "match", "entities", i), "match.entities",
                             f"entity '{ent_id}' is not loaded: its file has errors (above)" if broken
                             else f"unknown entity '{ent_id}'",
                             fix=f"correct {shown_path(broken, root)} first" if broken and root is not None
                             else f"use an id from {files.shown}/entities/", severity="warning")
            elif registry.resolve_id(ent_id) is None:  # not_entity, or merged into one: no article ever has it
                problems.add(rel, line(rel, "match", "entities", i), "match.entities",
                             f"entity '{ent_id}' is marked not_entity (or merged into one), so no article mentions "
                             "it: this rule matches nothing", fix="use the id of a real entity", severity="warning")
    for rec in records:
        rel = files.article(rec)
        for i, t in enumerate(rec.topics):
            # a machine record's stale topic simply drops out; an editor's reference must be right
            if t not in registry.topics and files.owned(rec):
                problems.add(rel, line(rel, "topics", i), "topics", f"unknown topic '{t}' (ignored)",
                             fix=f"create {files.shown}/topics/{t}.yml or remove it from the list",
                             severity="warning")
        if rec.source.file is None and rec.body is None:
            problems.add(rel, None, "body", "a hand-written article needs a body (or a source.file)",
                         fix="add body: | followed by the text")


def reserved_ids(registry: Registry, records: list[ArticleRecord], problems: Problems, files: ContentFiles) -> None:
    """articles/index, entities/index and topics/index are the site's own index pages."""
    found = [(files.article(r), "Articles") for r in records if r.id in RESERVED_IDS]
    found += [(registry.files[e], "People and organisations") for e in sorted(registry.entities)
              if e in RESERVED_IDS and registry.files.get(e, "built-in") != "built-in"]
    found += [(registry.topic_files.get(t) or f"{files.shown}/topics/{t}.yml", "Topics")
              for t in sorted(registry.topics) if t in RESERVED_IDS]
    for rel, page in found:
        problems.add(rel, 1, "id", f"the id 'index' is reserved: its page would replace the {page} index page",
                     fix="rename the file and its id, e.g. index-2")


def editors_links(registry: Registry, records: list[ArticleRecord], problems: Problems, files: ContentFiles) -> None:
    """Links the site cannot show (only http and https leave the site) are reported, never dropped silently."""
    where = [(registry.files.get(e.id, "built-in"), f"links.{i}", link) for e in registry.entities.values()
             for i, link in enumerate(e.links)]
    where += [(files.article(r), "source.url", r.source.url) for r in records
              if r.source.url and files.owned(r)]
    for rel, key, link in where:
        if rel == "built-in" or WEB_LINK.match(link.strip()):
            continue
        problems.add(rel, None, key, f"'{link}' is not an http(s) link, so the site does not show it",
                     fix=_link_fix(link.strip()), severity="warning")


WEB_LINK = re.compile(r"^https?://[^\s<>\"'`]+$", re.I)


def _link_fix(link: str) -> str:
    if link.lower().startswith("www."):
        return f"write it in full: https://{link}"
    if link.startswith("//"):
        return f"write the scheme: https:{link}"
    return "only web pages (https://…) are linked; put an e-mail address or other contact in the description"


def seed_gone(problems: Problems, rel: str, source: str | None) -> None:
    """The one wording (check and build) of a record whose seed is gone: the article is left out."""
    problems.add(rel, None, "source.file", f"no seed file '{source}' and no body: this article is left out of the "
                 "site", fix="restore the seed, add a body: to make it a hand-written article, or delete this file "
                 "if the article should go", severity="warning")


def seed_renamed(problems: Problems, rel: str, source: str | None, now: str) -> None:
    """The one wording (check and build) of a record whose seed has a new name (the same bytes)."""
    problems.add(rel, None, "source.file", f"its seed {source} is now {now} (same bytes); the article keeps its id",
                 fix=f"set source.file: {now}", severity="warning")


def missing_seeds(root: Path, cfg: Config, records: list[ArticleRecord], problems: Problems,
                  files: ContentFiles) -> None:
    """Records whose seed file is gone: reported as the build reports them (a warning; the article is left out,
    or follows its seed when a seed with the same bytes has a new name)."""
    from generator.ingest.seedfiles import read_bounded, seed_files

    gone = [r for r in records if r.body is None and r.source.file and not (root / r.source.file).is_file()]
    if not gone:
        return
    named = {r.source.file for r in records}
    by_sha: dict[str, str] = {}
    for path in seed_files(root / cfg.seeds_dir, root, Problems()):
        rel = shown_path(path, root)
        if rel not in named:
            try:
                by_sha.setdefault(hashlib.sha256(read_bounded(path, cfg.max_article_bytes)).hexdigest(), rel)
            except Exception:  # unreadable: the build reports it
                continue
    for rec in gone:
        rel = files.article(rec)
        now = by_sha.get(rec.source.sha256 or "")
        if now:
            seed_renamed(problems, rel, rec.source.file, now)
        else:
            seed_gone(problems, rel, rec.source.file)


def accent_merges(created: list, directory: str, problems: Problems) -> None:
    """New entities whose name and an alias differ only in accents (Müller Group, Muller Group): one entity
    here, said once, when the file is created, with how to split them if they are two."""
    for ent in created:
        for alias in ent.aliases:
            if alias != ent.name and _fold(alias) == _fold(ent.name):
                problems.add(f"{directory}/entities/{ent.id}.yml", None, "aliases",
                             f"'{alias}' and '{ent.name}' differ only in accents and were taken for one entity",
                             fix=f"if they are two, remove '{alias}' from aliases and run: python -m generator new "
                                 f"entity \"{alias}\" --type {ent.type}", severity="warning")


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


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


def check_content(root: Path, cfg: Config, memo: RecordMemo | None = None,
                  seeds: bool = False) -> tuple[Problems, Registry, list[ArticleRecord]]:
    """seeds=True (`generator check`): also what the build will say about records whose seed is gone."""
    problems = Problems()
    memo = memo if memo is not None else RecordMemo()  # kept for this call only: each file is read once
    content = root / cfg.content_dir
    registry = load_registry(content, root, problems, memo)
    loaded = load_record_files(content / "articles", root, problems, memo)
    records = [rec for rec, _ in loaded.values()]
    files = ContentFiles(content, shown_path(content, root), {i: rel for i, (_, rel) in loaded.items()}, memo)
    cross_references(registry, records, problems, files, root)
    reserved_ids(registry, records, problems, files)
    editors_links(registry, records, problems, files)
    if seeds:
        missing_seeds(root, cfg, records, problems, files)
    _id_lines(root, problems)
    return problems, registry, records
