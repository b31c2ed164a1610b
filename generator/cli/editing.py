"""Command line, the editors' commands: `review` (who is who) and `new` (a skeleton content file).
Registered on the main group by generator/cli/__init__.py."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli import _fail

if TYPE_CHECKING:
    from generator.records import ActorType


@click.command()
@click.argument("action", required=False, type=click.Choice(["merge", "apart", "not-entity"]))
@click.argument("ids", nargs=-1)
@click.option("--list", "list_only", is_flag=True, help="List the undecided cases with their evidence (the default).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True)
def review(action: str | None, ids: tuple[str, ...], list_only: bool, root: Path) -> None:
    """Who is who, for editors: list likely duplicates and ambiguous surnames with their evidence, or record a
    decision in content/entities/ (merge A B: A is B; apart A B: A is not B; not-entity A: A names nothing)."""
    from generator.config import load_config
    from generator.content import review as rv
    from generator.content.check import check_content
    from generator.errors import BriefingError
    from generator.ingest import IngestError, ingest_file
    from generator.project import require_project

    root = root.resolve()
    try:
        require_project(root, for_build=False)
        cfg = load_config(root)
        _, registry, records = check_content(root, cfg)
        directory = root / cfg.content_dir / "entities"
        if action is not None and not list_only:
            want = 1 if action == "not-entity" else 2
            if len(ids) != want:
                raise click.UsageError(f"review {action} takes {want} entity id{'s' if want > 1 else ''}")
            if action == "merge":
                path = rv.merge(registry, directory, ids[0], ids[1])
            elif action == "apart":
                path = rv.apart(registry, directory, ids[0], ids[1])
            else:
                path = rv.not_entity(registry, directory, ids[0])
            click.echo(f"{action} {' '.join(ids)}: written to {path.relative_to(root).as_posix()}")
            return
        bodies = {}
        for rec in records:
            if rec.body is not None:
                bodies[rec.id] = rec.body
            elif rec.source.file and (root / rec.source.file).is_file():
                try:
                    bodies[rec.id] = ingest_file(root / rec.source.file, root, cfg.max_article_bytes)[0].body
                except (IngestError, OSError):
                    continue  # the build reports a bad seed; the review goes on without its text
    except BriefingError as exc:
        _fail(exc)
    found = rv.cases(registry, records, bodies)
    for n, case in enumerate(found, 1):
        click.echo(rv.format_case(n, case))
    click.echo(f"{len(found)} case(s) to decide: review merge A B | review apart A B | review not-entity A")


def _entity_type_help() -> str:
    from generator.content.entity_types import type_help

    return ("Entity type (entity only; any case; synonyms such as person, organisation, country work). "
            "Without it the type is read from the name with the spaCy model, and asked for when the name "
            "does not tell. Values: " + type_help() + ".")


@click.command()
@click.argument("kind", type=click.Choice(["article", "entity", "topic"]))
@click.argument("title")
@click.option("--type", "etype", default=None, metavar="TYPE", help=_entity_type_help())
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Article date.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True)
def new(kind: str, title: str, etype: str | None, published, root: Path) -> None:
    """Write a valid skeleton content/<kind>s/<id>.yml named after TITLE (never overwrites)."""
    from generator.config import load_config
    from generator.content.entity_types import parse_type
    from generator.content.skeletons import mentions_in_seeds, write_skeleton
    from generator.errors import BriefingError, plural

    from generator.project import require_project

    root = root.resolve()
    how = ""
    entity_type = None
    try:
        require_project(root)
        cfg = load_config(root)
        if etype is not None and kind != "entity":
            raise BriefingError(f"--type is for entities only, not for a new {kind}")
        if kind == "entity":
            entity_type, how = (parse_type(etype), "") if etype is not None else _type_of_new_entity(title, cfg.model)
        path = write_skeleton(root, kind, title, entity_type, published.date() if published else None)
    except BriefingError as exc:
        _fail(exc)
    click.echo(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}{how}")
    if kind == "entity":
        found = mentions_in_seeds(root / cfg.seeds_dir, title)
        if found < cfg.entity_min_mentions:
            click.echo(f"note: {cfg.seeds_dir}/ names '{title}' {plural(found, 'time')} as written; an entity gets "
                       f"its page from {plural(cfg.entity_min_mentions, 'mention')} (entity_min_mentions): until "
                       "then it has no page. Add the spellings the articles use under aliases:", err=True)


def _type_of_new_entity(title: str, model: str) -> tuple[ActorType, str]:
    """(type, how it was decided) for `new entity` without --type: the model's reading of the name, else ask
    (on a terminal) or fail listing the values (when nobody can answer)."""
    from generator.content.entity_types import DESCRIPTIONS, parse_type, type_from_name
    from generator.errors import BriefingError
    from generator.extract import model as nlpmod

    found = type_from_name(title, lambda: nlpmod.load(model))
    if found is not None:
        return found, f" (type: {found}, as the model reads the name; change type: in the file if it is wrong)"
    values = ", ".join(DESCRIPTIONS)
    if not sys.stdin.isatty():
        raise BriefingError(f"cannot tell the type of '{title}' from its name: give --type, one of {values} "
                            "(`briefing new --help` says what each means)")
    answer = click.prompt(f"type of '{title}' ({values})", type=str)
    return parse_type(answer), ""
