"""CLI: --help, and `extract` printing records without touching content/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from tests.helpers import make_project

ROOT = Path(__file__).resolve().parent.parent
SEED_A = ROOT / "seeds" / "000_2ae35d2baa106c35.txt"
SEED_B = ROOT / "seeds" / "002_6e924bfd13a55e2f.txt"


def test_help_lists_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "extract"):
        assert command in result.output


def test_extract_jsonl_one_line_per_file_in_order(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(SEED_B), str(SEED_A), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["title"].startswith("No American mates") and second["title"].startswith("Verizon")
    assert not (tmp_path / "content").exists()


def test_extract_published_overrides_and_resolves_relative_dates(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(SEED_A), "--published", "2018-01-30", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["published"] == "2018-01-30"
    week = next(d for d in record["dates"] if d["text"] == "this week")
    assert week["value"] == "2018-W05"


def test_extract_yaml_and_bad_file(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(main, ["extract", str(SEED_B), str(empty), "--format", "yaml"])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "Traceback" not in result.output
    assert "title: No American mates" in result.output


# ----------------------------------------------------------------------------- new entity

def _new(root, *args):
    return CliRunner().invoke(main, ["new", "entity", *args, "--root", str(root)])


@pytest.mark.parametrize("given, stored", [
    ("PERSON", "PERSON"), ("person", "PERSON"), ("PER", "PERSON"), ("Per", "PERSON"),
    ("organisation", "ORG"), ("Organization", "ORG"), ("org", "ORG"), ("country", "GPE"),
    ("work of art", "WORK_OF_ART"), ("location", "LOC"),
])
def test_new_entity_type_any_case_and_synonyms(tmp_path, given, stored):
    root = make_project(tmp_path / "p", seeds=None)
    result = _new(root, "Harlow Example", "--type", given)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((root / "content" / "entities" / "harlow-example.yml").read_text())
    assert data["type"] == stored


def test_new_entity_bad_type_lists_the_valid_values(tmp_path):
    root = make_project(tmp_path / "p", seeds=None)
    result = _new(root, "Harlow Example", "--type", "misc")
    assert result.exit_code == 1
    assert "internal error" not in result.output and "unknown entity type 'misc'" in result.output
    assert all(t in result.output for t in ("PERSON", "ORG", "GPE", "WORK_OF_ART"))
    assert not (root / "content" / "entities" / "harlow-example.yml").exists()


def test_new_help_lists_the_entity_types():
    out = CliRunner().invoke(main, ["new", "--help"], terminal_width=200).output
    assert all(t in out for t in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "LAW"))


@pytest.mark.parametrize("name, expected", [
    ("Priya Raman", "PERSON"),       # reads as a person's name
    ("Harlow Bank", "ORG"),          # reads as an organisation
    ("Test Person", None),           # tells nothing: asked for, never filed as ORG by default
])
def test_new_entity_type_from_the_name(tmp_path, name, expected):
    root = make_project(tmp_path / "p", seeds=None)
    result = _new(root, name)
    path = root / "content" / "entities" / f"{name.lower().replace(' ', '-')}.yml"
    if expected is None:
        assert result.exit_code == 1 and "--type" in result.output and "PERSON" in result.output, result.output
        assert not path.exists()
    else:
        assert result.exit_code == 0, result.output
        assert yaml.safe_load(path.read_text())["type"] == expected
        assert expected in result.output  # says which type it chose


def test_new_entity_without_mentions_is_reported(tmp_path):
    root = make_project(tmp_path / "p", seeds=None)
    (root / "seeds" / "a.txt").write_text("Harbour budget approved\n\nThe Eastbrook council approved it. "
                                          "Eastbrook will dredge the channel.\n")
    quiet = _new(root, "Eastbrook", "--type", "GPE")
    assert quiet.exit_code == 0 and "no page" not in quiet.output
    result = _new(root, "Calder Aerospace", "--type", "ORG")
    assert result.exit_code == 0
    assert "'Calder Aerospace' 0 times" in result.output and "no page" in result.output


# ----------------------------------------------------------------------------- messages agree

def _messy_project(tmp_path):
    root = make_project(tmp_path / "p", seeds=None)
    ents, topics = root / "content" / "entities", root / "content" / "topics"
    (ents / "acme.yml").write_text("# comment\n# comment\nid: acme-corp\nname: Acme\ntype: ORG\n")  # id on line 3
    (ents / "calder.yml").write_text("id: calder\nname: Calder\ntype: ORG\n\nmerged_into: nowhere\n")  # line 5
    (ents / "broken.yml").write_text("id: broken\nname: Broken\ntype: [ORG\n")
    (ents / "harlow.yml").write_text("id: harlow\nname: Harlow\ntype: GPE\n")
    (topics / "trade.yml").write_text("id: trade\ntitle: Trade\nsummary: Trade.\nmatch:\n  entities:\n"
                                      "    - harlow\n    - broken\n  keywords: []\n")  # broken: line 7
    return root


def test_check_prints_problems_then_one_summary_on_one_stream(tmp_path):
    root = _messy_project(tmp_path)
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    assert result.stderr == ""
    lines = result.stdout.strip().splitlines()
    # 3 errors (bad id, merge to nowhere, YAML), 1 warning (the topic); built-in entities are not counted
    assert lines[-1] == "checked 0 articles, 2 entities, 1 topic: 3 errors, 1 warning", lines
    assert len(lines) == 5 and not any(line.startswith("checked") for line in lines[:-1])


def test_check_gives_the_line_of_the_key_each_problem_is_about(tmp_path):
    root = _messy_project(tmp_path)
    out = CliRunner().invoke(main, ["check", "--root", str(root)]).stdout
    assert "content/entities/acme.yml:3: id:" in out
    assert "content/entities/calder.yml:5: merged_into:" in out
    assert "content/topics/trade.yml:7: warning: match.entities: entity 'broken' is not loaded" in out, out


def test_build_stop_uses_the_same_count(tmp_path):
    root = _messy_project(tmp_path)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "-q"])
    assert result.exit_code == 1
    assert "build stopped: 3 errors, 1 warning in content/" in result.output
    assert "problem(s)" not in result.output


@pytest.mark.parametrize("n, noun, many, text", [
    (1, "article", None, "1 article"), (2, "article", None, "2 articles"), (0, "topic", None, "0 topics"),
    (1, "entity", "entities", "1 entity"), (3, "entity", "entities", "3 entities"),
])
def test_plural(n, noun, many, text):
    from generator.errors import plural

    assert plural(n, noun, many) == text


def test_build_jobs_help_gives_the_real_default():
    out = CliRunner().invoke(main, ["build", "--help"], terminal_width=200).output
    assert "per core" in out and "briefing.yml, 1)" not in out


def test_the_types_new_accepts_are_the_records_types():
    from generator.content.entity_types import ACTOR_TYPES, DESCRIPTIONS
    from generator.records import ACTOR_TYPES as RECORD_TYPES

    assert ACTOR_TYPES == RECORD_TYPES and set(DESCRIPTIONS) == set(RECORD_TYPES)


def test_a_finished_command_ignores_a_late_ctrl_c():
    """Once a command is over, a Ctrl-C during interpreter shutdown must not make a finished build die by
    signal (status -2 and no message): the command line leaves SIGINT ignored on the way out."""
    import signal

    previous = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        result = CliRunner().invoke(main, ["--help"])
        assert result.exit_code == 0
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # --help never reaches a command
        result = CliRunner().invoke(main, ["extract", str(SEED_A), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
