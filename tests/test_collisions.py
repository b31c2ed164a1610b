"""Silent collisions, made loud (issue 12, items 4, 6-9): reserved ids, deleted and renamed seeds (check and
build agree), topic rules, editors' links, accent-only merges."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.config import load_config
from generator.content.check import accent_merges, check_content
from generator.content.registry import Registry
from generator.errors import BriefingError, Problems
from generator.records import Actor, ArticleRecord, Entity, Topic, TopicMatch
from generator.resolve import assign_topics
from tests.helpers import make_project


def _check(root: Path, seeds: bool = True):
    return check_content(root, load_config(root), seeds=seeds)[0]


def _lines(problems: Problems) -> list[str]:
    return [str(p) for p in problems.items]


# ----------------------------------------------------------------------------- reserved ids (item 4)

@pytest.mark.parametrize("folder,text,page", [
    ("articles", "id: index\ntitle: Index\nbody: The office published its index.\n", "Articles"),
    ("entities", "id: index\nname: Index\ntype: ORG\n", "People and organisations"),
    ("topics", "id: index\ntitle: Index\n", "Topics"),
])
def test_the_id_index_is_refused(tmp_path, folder, text, page):
    root = make_project(tmp_path / "proj", seeds=None)
    (root / "content" / folder / "index.yml").write_text(text)
    problems = _check(root)
    hits = [p for p in problems.errors if p.file == f"content/{folder}/index.yml" and p.key == "id"]
    assert hits and f"replace the {page} index page" in hits[0].message, _lines(problems)


@pytest.mark.parametrize("kind", ["article", "entity", "topic"])
def test_new_refuses_a_title_that_gives_the_index_id(tmp_path, kind):
    from generator.content.skeletons import write_skeleton

    root = make_project(tmp_path / "proj", seeds=None)
    with pytest.raises(BriefingError, match="index page"):
        write_skeleton(root, kind, "Index")
    assert not list((root / "content").rglob("index.yml"))


# ----------------------------------------------------------------------------- topic rules (item 8)

def _registry(entities: list[Entity], topics: list[Topic]) -> Registry:
    reg = Registry(entities={e.id: e for e in entities}, topics={t.id: t for t in topics},
                   files={e.id: f"content/entities/{e.id}.yml" for e in entities})
    reg.build_index()
    return reg


def _rec(actors=(), keywords=()) -> ArticleRecord:
    return ArticleRecord(id="a", title="t", keywords=list(keywords),
                         actors=[Actor(id=a, name=a, type="ORG", mentions=1) for a in actors])


def test_match_entities_follows_merged_into():
    reg = _registry([Entity(id="acme", name="Acme", type="ORG"),
                     Entity(id="acme-corp", name="Acme Corp", type="ORG", merged_into="acme")],
                    [Topic(id="widgets", title="Widgets", match=TopicMatch(entities=["acme-corp"]))])
    rec = _rec(actors=["acme"])  # the article carries the surviving id
    assert assign_topics(rec, rec.actors, "Acme makes widgets.", reg) == ["widgets"]


@pytest.mark.parametrize("keyword,body,matches", [
    ("U.S.", "Talks with the U.S. resumed on Monday.", True),
    ("U.S.", "Exports to the U.S.", True),
    ("C++", "The library is written in C++, the team said.", True),
    (".NET", "It runs on .NET and Java.", True),
    ("AT&T", "AT&T said it would not sell the phone.", True),
    ("U.S.", "The bus stopped.", False),
    (".NET", "The planet is far away.", False),
    ("C++", "The grade was a C+ at best.", False),
    ("oil", "The turmoil continued.", False),
    ("oil", "Oil prices rose.", True),
])
def test_keywords_with_punctuation_at_either_end_match(keyword, body, matches):
    reg = _registry([], [Topic(id="t", title="T", match=TopicMatch(keywords=[keyword]))])
    rec = _rec()
    assert (assign_topics(rec, [], body, reg) == ["t"]) is matches


def test_a_topic_matching_only_a_not_entity_warns(tmp_path):
    root = make_project(tmp_path / "proj", seeds=None)
    (root / "content" / "entities" / "monday.yml").write_text("id: monday\nname: Monday\ntype: ORG\nnot_entity: true\n")
    (root / "content" / "topics" / "days.yml").write_text("id: days\ntitle: Days\nmatch: {entities: [monday]}\n")
    problems = _check(root)
    hits = [p for p in problems.warnings if p.file == "content/topics/days.yml" and p.key == "match.entities"]
    assert hits and "matches nothing" in hits[0].message, _lines(problems)


# ----------------------------------------------------------------------------- editors' links (item 9)

@pytest.mark.parametrize("link,fix", [
    ("www.example.org", "https://www.example.org"),
    ("//example.org/about", "https://example.org/about"),
    ("mailto:press@example.org", "only web pages"),
    ("javascript:alert(1)", "only web pages"),
    ("ftp://example.org/file", "only web pages"),
])
def test_links_the_site_does_not_show_are_reported(tmp_path, link, fix):
    root = make_project(tmp_path / "proj", seeds=None)
    (root / "content" / "entities" / "acme.yml").write_text(
        f"id: acme\nname: Acme\ntype: ORG\nlinks: ['https://acme.example', '{link}']\n")
    problems = _check(root)
    hits = [p for p in problems.warnings if p.file == "content/entities/acme.yml" and p.key == "links.1"]
    assert hits and "not an http(s) link" in hits[0].message and fix in hits[0].fix, _lines(problems)
    assert not [p for p in problems.items if p.key == "links.0"]


# ----------------------------------------------------------------------------- accents (item 9)

def test_an_accent_only_merge_is_reported_once_created():
    problems = Problems()
    accent_merges([Entity(id="muller-group", name="Müller Group", type="ORG", aliases=["Muller Group"]),
                   Entity(id="acme", name="Acme", type="ORG", aliases=["ACME Corp"])], "content", problems)
    assert [(p.file, p.key) for p in problems.items] == [("content/entities/muller-group.yml", "aliases")]
    assert "differ only in accents" in problems.items[0].message
    assert 'new entity "Muller Group"' in problems.items[0].fix


def test_the_split_the_guide_describes_works(tmp_path):
    from generator.content.skeletons import write_skeleton

    root = make_project(tmp_path / "proj", seeds=None)
    (root / "content" / "entities" / "muller-group.yml").write_text(
        "id: muller-group\nname: Müller Group\ntype: ORG\naliases: []\n")
    path = write_skeleton(root, "entity", "Muller Group", "ORG")
    assert path.name == "muller-group-2.yml"
    assert not _check(root).errors
    with pytest.raises(BriefingError, match="already exists"):
        write_skeleton(root, "entity", "Müller Group", "ORG")  # the same name: no second file


# ----------------------------------------------------------------------------- deleted and renamed seeds (items 6, 7)

SEED = ("date 2018-03-01\n\nRegulator opens a review of the port contract\n\nThe regulator said on Monday that it "
        "would review the port contract. The company said it welcomed the review.\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from generator.pipeline import build

    root = make_project(tmp_path_factory.mktemp("seedrename") / "proj", seeds=None)
    (root / "seeds" / "port.txt").write_text(SEED)
    build(root, publish=False, progress=False)
    return root


def _copy(src: Path, tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(src, root, symlinks=True)
    return root


def _edit(root: Path) -> Path:
    [path] = (root / "content" / "articles").glob("*.yml")
    text = path.read_text()
    assert "\ntitle: Regulator opens" in text
    path.write_text(text.replace("\ntitle: Regulator opens", "\ntitle: The regulator opens", 1))
    return path


def test_deleted_seed_of_an_edited_record_check_and_build_agree(built, tmp_path):
    from generator.pipeline import build

    root = _copy(built, tmp_path)
    record = _edit(root)
    (root / "seeds" / "port.txt").unlink()
    check = _check(root)
    rel = f"content/articles/{record.name}"
    assert not check.errors
    assert any(p.file == rel and "left out of the site" in p.message for p in check.warnings), _lines(check)
    report = build(root, publish=False, progress=False)  # the site builds; the article is left out, said the same way
    assert not report.problems.errors
    assert any(p.file == rel and "left out of the site" in p.message for p in report.problems.warnings)
    assert not (root / "docs" / "articles" / f"{record.stem}.md").exists()
    assert record.exists()


@pytest.mark.parametrize("edited", [False, True], ids=["machine record", "edited record"])
def test_renamed_seed_keeps_its_id_and_writes_no_duplicate(built, tmp_path, edited):
    from generator.pipeline import build

    root = _copy(built, tmp_path)
    [before] = (root / "content" / "articles").glob("*.yml")
    if edited:
        _edit(root)
    (root / "seeds" / "port.txt").rename(root / "seeds" / "2018-03-01 port review.txt")
    check = _check(root)
    assert not check.errors
    if edited:
        assert any("is now seeds/2018-03-01 port review.txt" in p.message for p in check.warnings), _lines(check)
    report = build(root, publish=False, progress=False)
    assert not report.problems.errors, _lines(report.problems)
    assert [p.name for p in (root / "content" / "articles").glob("*.yml")] == [before.name]
    assert (root / "docs" / "articles" / f"{before.stem}.md").exists()
    text = before.read_text()
    assert ("seeds/port.txt" in text) is edited  # an editor's file is never rewritten; the machine's follows
    assert not [p for p in report.problems.items if "already taken" in p.message or "no longer exists" in p.message]


def test_the_guide_says_what_deleting_and_renaming_a_seed_does():
    from generator.site.guide import FIELD_DOCS
    from tests.helpers import ROOT

    guide = (ROOT / "templates" / "guide.md.j2").read_text(encoding="utf-8")
    assert "## Deleting or renaming a seed" in guide
    for words in ("**Delete a seed**", "leaves the site", "stays out of the site", "**Rename or move a seed**", "keeps its id",
                  "sha256", "duplicate"):
        assert words in guide, words
    assert "keeps its id" in FIELD_DOCS["Source.file"] and "left out" in FIELD_DOCS["Source.file"]
