"""Command line: thin click commands that load config and call the pipeline (build, init, extract, check,
serve here; the editors' review and new in generator/cli/editing.py)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from generator import __version__


def _fail(exc: Exception) -> None:
    click.echo(str(exc), err=True)
    sys.exit(1)


def interrupted_exit() -> None:
    """Exit 130 after Ctrl-C. Not sys.exit: when the interrupt lands inside a Cython module's import (spaCy),
    CPython remembers it as unhandled and re-kills itself with SIGINT at exit (status -2). Cleanup has
    already run while the exception unwound (locks released, temporary files removed)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


def _ignore_interrupts() -> None:
    """The command is over (done, or failed and cleaned up): a Ctrl-C from now on, while the interpreter shuts
    down, must not turn a finished build into a death by signal. CPython resets its own SIGINT handler to the
    default early in finalisation, which freeing the spaCy model makes slow enough to hit (status -2, no
    message); an ignored signal stays ignored."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Main(click.Group):
    """No traceback ever reaches a user: an unexpected error becomes one clear line (BRIEFING_DEBUG=1 re-raises)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted: files are written atomically, so content/ and site/ are whole "
                       "(site/ is the previous one unless the build had finished)", err=True)
            interrupted_exit()
        except Exception as exc:
            if os.environ.get("BRIEFING_DEBUG"):
                raise
            if isinstance(exc, OSError):
                from generator.errors import os_error_message, printable

                click.echo(printable(os_error_message(exc)), err=True)
                sys.exit(1)
            click.echo(f"internal error: {type(exc).__name__}: {exc}\n(a bug, not your content: run again with "
                       "BRIEFING_DEBUG=1 to see the traceback, and please report it)", err=True)
            sys.exit(2)
        finally:
            _ignore_interrupts()


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Briefing site generator: news articles in seeds/ -> a cross-linked briefing website."""


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="Project directory (holds seeds/, content/, templates/, mkdocs.yml).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Processes for extraction (default: `jobs` in briefing.yml; 0 there means one per core).")
@click.option("--no-publish", is_flag=True, help="Stop after writing docs/; do not run MkDocs.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--wait-search", is_flag=True,
              help="Return only with the Pagefind search index complete (search_index: wait; the default in "
                   "CI and scripts, while at a terminal a small edit is served at once and indexed after).")
def build(root: Path, jobs: int | None, no_publish: bool, quiet: bool, wait_search: bool) -> None:
    """Extract new or changed seeds, update content/, render docs/ and build site/."""
    from generator.config import load_config
    from generator.errors import BriefingError, ContentError, count
    from generator.pipeline import build as run, echo_problems
    from generator.project import require_project

    try:
        require_project(root.resolve())
        cfg = load_config(root.resolve())
        if wait_search:
            cfg = cfg.model_copy(update={"search_index": "wait"})
        report = run(root, config=cfg, publish=not no_publish, progress=not quiet, jobs=jobs)
    except ContentError as exc:
        click.echo(str(exc), err=True)
        click.echo(f"build stopped: {count(exc.problems)} in content/; site/ was not changed", err=True)
        sys.exit(1)
    except BriefingError as exc:
        _fail(exc)
    echo_problems(report.problems)
    click.echo(report.summary())


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path) -> None:
    """Start a new briefing in DIRECTORY (new or empty): seeds/, content/, templates/, mkdocs.yml, a README."""
    from generator.errors import BriefingError
    from generator.project import init_project

    try:
        written = init_project(directory)
    except BriefingError as exc:
        _fail(exc)
    click.echo(f"wrote a new briefing in {directory} ({len(written)} files). Next:\n"
               f"  put articles (.txt, .md or .html) in {directory / 'seeds'}/\n"
               f"  briefing build --root {directory}    # then open {directory / 'site' / 'index.html'}\n"
               f"  briefing serve --root {directory}    # live preview")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD) used to resolve relative dates; overrides the file's own.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "yaml"]), default="json", show_default=True)
@click.option("--model", default=None, help="spaCy model (default: from briefing.yml).")
def extract(files: tuple[Path, ...], published, fmt: str, model: str | None) -> None:
    """Print the extracted record of each FILE, without touching content/."""
    import dataclasses

    from generator.extract import model as nlpmod
    from generator.config import load_config
    from generator.errors import BriefingError, Problems
    from generator.extract import extract_article
    from generator.ingest import IngestError, ingest_file
    from generator.content.registry import load_registry
    from generator import yamlio

    root = Path(".").resolve()
    try:
        cfg = load_config(root)
        registry = load_registry(root / cfg.content_dir, root, Problems())
        nlp = nlpmod.load(model or cfg.model, registry.patterns())
    except BriefingError as exc:
        _fail(exc)
    out = []
    failed = 0
    for path in files:
        try:
            article, _ = ingest_file(path.resolve(), root, cfg.max_article_bytes)
        except (IngestError, OSError) as exc:
            from generator.errors import printable

            line = getattr(exc, "line", None)
            click.echo(printable(f"{path}:{line}: {exc}" if line else f"{path}: {exc}"), err=True)
            failed += 1
            continue
        if published is not None:
            article = dataclasses.replace(article, published=published.date())
        record = extract_article(article, nlp, registry)
        data = record.model_dump(mode="json")
        if fmt == "jsonl":
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            out.append(data)
    if fmt == "json":
        click.echo(json.dumps(out[0] if len(files) == 1 and out else out, ensure_ascii=False, indent=2))
    elif fmt == "yaml":
        for data in out:
            click.echo("---\n" + yamlio.dumps(data), nl=False)
    if failed:
        sys.exit(1)


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True)
def check(root: Path) -> None:
    """Validate briefing.yml and every YAML file in content/; print every problem as file:line: key: message."""
    from generator.content.check import check_content
    from generator.config import load_config
    from generator.errors import BriefingError, count, plural

    from generator.project import require_project

    try:
        require_project(root.resolve(), for_build=False)
        cfg = load_config(root.resolve())
        problems, registry, records = check_content(root.resolve(), cfg, seeds=True)
    except BriefingError as exc:
        _fail(exc)
    # one stream, problems first: the summary is the last line whether read on a terminal or piped
    for p in problems.warnings + problems.errors:
        click.echo(str(p))
    files = sum(1 for f in registry.files.values() if f != "built-in")  # the built-in aliases are nobody's file
    click.echo(f"checked {plural(len(records), 'article')}, {plural(files, 'entity', 'entities')}, "
               f"{plural(len(registry.topics), 'topic')}: {count(problems.items)}")
    if problems.errors:
        sys.exit(1)


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(root: Path, host: str, port: int) -> None:
    """Live preview: rebuild when content/, seeds/ or templates/ change; keep the last good site on errors."""
    from generator.errors import BriefingError, ContentError
    from generator.pipeline import build as run, echo_problems
    from generator.project import require_project
    from generator.site.serve import check_address, serve as run_server

    try:
        require_project(root.resolve())
        check_address(host, port)
    except BriefingError as exc:
        _fail(exc)
    try:
        report = run(root.resolve(), publish=False, progress=True)
        echo_problems(report.problems)
    except ContentError as exc:
        click.echo(str(exc), err=True)
        click.echo("serving what is valid; fix the problems above and save", err=True)
    except BriefingError as exc:
        _fail(exc)
    try:
        run_server(root, host, port)
    except BriefingError as exc:
        _fail(exc)


def _register_editing_commands() -> None:
    from generator.cli import editing

    main.add_command(editing.review)
    main.add_command(editing.new)


_register_editing_commands()
