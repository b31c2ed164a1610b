"""Editors' workflow: every kind of edit survives re-extraction and reaches the YAML and the HTML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.site.guide import FIELD_DOCS, models
from generator.pipeline import build
from tests.helpers import make_project

VERIZON = "verizon-has-reportedly-followed-in-the-footsteps-of-at-t"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """Seeds built once; then an editor's round of edits; then a forced re-extraction and a full rebuild."""
    root = make_project(tmp_path_factory.mktemp("edits") / "proj")
    build(root, progress=False)
    ents = root / "content" / "entities"
    art = root / "content" / "articles" / f"{VERIZON}.yml"
    edit(art, "summary: Bloomberg, citing", "summary: EDITED. Bloomberg, citing")
    edit(ents / "richard-yu.yml", "name: Richard Yu", "name: Richard Yu Chengdong")
    edit(ents / "richard-yu.yml", "description: ''", "description: Head of Huawei's consumer business.")
    edit(ents / "richard-yu.yml", "links: []", "links: ['https://example.org/yu', 'javascript:alert(1)']")
    trump = yaml.safe_load((ents / "trump.yml").read_text())["type"]
    edit(ents / "trump.yml", f"type: {trump}", "type: " + ("ORG" if trump == "PERSON" else "PERSON"))
    edit(ents / "ces.yml", "description: ''", "description: ''\nnot_entity: true")
    edit(ents / "zte.yml", "description: ''", "description: ''\nmerged_into: huawei")
    (ents / "fcc.yml").unlink(missing_ok=True)  # variants.yml may already name it Federal Communications Commission
    (ents / "federal-communications-commission.yml").write_text(
        "id: federal-communications-commission\nname: Federal Communications Commission\ntype: ORG\n"
        "aliases: [FCC]\n", encoding="utf-8")
    topics = root / "content" / "topics"
    for t in topics.glob("*.yml"):
        t.unlink()
    (topics / "espionage-fears.yml").write_text(
        "id: espionage-fears\ntitle: Espionage fears\nsummary: Why Washington distrusts Chinese kit.\n"
        "match: {entities: [federal-communications-commission], keywords: []}\n", encoding="utf-8")
    (root / "content" / "articles" / "hand-note.yml").write_text(
        "id: hand-note\ntitle: Editor's note on the Mate 10\npublished: 2018-02-01\nsource: {name: Desk}\n"
        "body: |\n  Huawei's Richard Yu said on Monday: \"We will keep trying in America.\"\n"
        "dates:\n  - {text: US launch, value: 2018-03-01, event: Planned US launch of the Mate 10}\n"
        "review: {status: reviewed}\n", encoding="utf-8")
    # force re-extraction of everything: a new extractor version and no cache
    shutil.rmtree(root / ".cache")
    import generator.extract as ex
    import generator.extract.run as exn

    old = ex.EXTRACTOR_VERSION
    ex.EXTRACTOR_VERSION = exn.EXTRACTOR_VERSION = old + "-test"
    try:
        report = build(root, progress=False)
    finally:
        ex.EXTRACTOR_VERSION = exn.EXTRACTOR_VERSION = old
    return root, report


def test_edited_record_survives_reextraction(edited):
    root, report = edited
    assert report.extract.parsed >= 2
    assert f"content/articles/{VERIZON}.yml" in report.records_kept
    rec = yaml.safe_load((root / "content" / "articles" / f"{VERIZON}.yml").read_text())
    assert rec["summary"].startswith("EDITED.")
    assert "EDITED. Bloomberg, citing" in page(root, "index.html")


def test_rename_describe_and_links(edited):
    root, _ = edited
    html = page(root, "entities/richard-yu.html")
    assert "Richard Yu Chengdong" in html and "Head of Huawei" in html
    assert 'href="https://example.org/yu"' in html
    assert 'href="javascript' not in html
    assert html.count("Everybody knows that in the US market") == 1  # quotes still his


def test_retype(edited):
    root, _ = edited
    wanted = yaml.safe_load((root / "content" / "entities" / "trump.yml").read_text())["type"]
    assert f"badge-{wanted}" in page(root, "entities/trump.html")


def test_not_entity_is_dropped_everywhere(edited):
    root, _ = edited
    assert not (root / "site" / "entities" / "ces.html").exists()
    assert "entities/ces.html" not in page(root, f"articles/{VERIZON}.html")


def test_merge_via_merged_into(edited):
    root, _ = edited
    assert not (root / "site" / "entities" / "zte.html").exists()
    article = page(root, f"articles/{VERIZON}.html")
    assert re.search(r'href="\.\./entities/huawei\.html"[^>]*>ZTE</a>', article)
    assert (root / "content" / "entities" / "zte.yml").exists()  # the merge log stays


def test_alias_moves_mentions_to_a_new_entity(edited):
    root, _ = edited
    # the edited record keeps its YAML; the registry is applied to it when the site is built
    article = page(root, f"articles/{VERIZON}.html")
    assert "Federal Communications Commission" in article
    assert not (root / "content" / "entities" / "fcc.yml").exists()  # not re-created
    # mentioned once: no page of its own by default (entity_min_mentions), but its topic still finds it
    assert not (root / "site" / "entities" / "federal-communications-commission.html").exists()


def test_topic_page(edited):
    root, _ = edited
    html = page(root, "topics/espionage-fears.html")
    assert "Why Washington distrusts Chinese kit." in html
    assert VERIZON in html
    assert "Main actors" in html


def test_hand_written_article_and_event(edited):
    root, _ = edited
    html = page(root, "articles/hand-note.html")
    assert "badge-editorial" in html
    # quotes.html is an index of speakers: the quote is on its speaker's page (or the unnamed sources' page)
    said = [p for p in sorted((root / "site" / "quotes").rglob("*.html"))
            if "We will keep trying in America." in p.read_text(encoding="utf-8")]
    assert said
    timeline = page(root, "timeline.html")
    assert "Planned US launch of the Mate 10" in timeline and "badge-editorial" in timeline


def test_guide_documents_every_field(edited):
    root, _ = edited
    guide = page(root, "guide.html")
    for model in models():
        for name in model.model_fields:
            assert f"{model.__name__}.{name}" in FIELD_DOCS, f"document {model.__name__}.{name} in generator/site/guide.py"
            assert f"<code>{name}</code>" in guide


def test_check_reports_every_problem_with_file_line_key(tmp_path):
    root = make_project(tmp_path / "proj", seeds=None)
    ents = root / "content" / "entities"
    (ents / "a.yml").write_text("id: a\nname: A\ntype: COMPANY\nalias: [x]\n", encoding="utf-8")
    (ents / "b.yml").write_text("id: b\nname: [unclosed\n", encoding="utf-8")
    (root / "content" / "topics" / "t.yml").write_text("id: t\ntitle: T\nmatch: {entities: [nobody]}\n")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    out = result.output
    assert "content/entities/a.yml:3: type:" in out
    assert "content/entities/a.yml:4: alias: unknown key (fix: did you mean 'aliases'?)" in out
    assert "content/entities/b.yml:2:" in out
    assert "content/topics/t.yml" in out and "nobody" in out
    assert "Traceback" not in out


def test_invalid_content_stops_the_build_and_keeps_the_site(tmp_path):
    root = make_project(tmp_path / "proj")
    build(root, progress=False)
    before = page(root, "index.html")
    (root / "content" / "entities" / "huawei.yml").write_text("id: huawei\nname: Huawei\ntype: 7\n")
    result = CliRunner().invoke(main, ["build", "--root", str(root), "-q"])
    assert result.exit_code == 1
    assert "content/entities/huawei.yml:3: type:" in result.output
    assert page(root, "index.html") == before


def test_new_skeletons_are_valid_and_never_overwrite(tmp_path):
    root = make_project(tmp_path / "proj", seeds=None)
    runner = CliRunner()
    for args in (["article", "A hand-written piece"], ["entity", "Jane Doe", "--type", "PERSON"], ["topic", "5G race"]):
        result = runner.invoke(main, ["new", *args, "--root", str(root)])
        assert result.exit_code == 0, result.output
    again = runner.invoke(main, ["new", "topic", "5G race", "--root", str(root)])
    assert again.exit_code == 1 and "already exists" in again.output
    checked = runner.invoke(main, ["check", "--root", str(root)])
    assert checked.exit_code == 0, checked.output
