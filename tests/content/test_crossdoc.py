"""Across articles (issue 14): one person, one page; a bare surname links only when one person fits; editors
decide the rest with `review`. Tiny invented articles built through the real pipeline into a temp project."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.content.people import bare_word, is_full, surname
from generator.pipeline import build
from tests.helpers import make_project

HAROLD = ("Harold Brimley, a retired astronaut, spoke in Denver on Monday about the mission.\n\n"
          "Brimley said the crew had trained for two years. Harold Brimley also thanked the engineers.\n")
JANET = ("Janet Brimley, a lawyer in Chicago, filed the appeal on Tuesday.\n\n"
         "Brimley said the court would hear the case in March. Janet Brimley declined to say more.\n")
BARE = ("Brimley returned to Denver on Wednesday and met students at the museum.\n\n"
        "Brimley told them that the flight had been the best day of his life.\n")


def project(tmp: Path, texts: dict[str, str]) -> Path:
    root = make_project(tmp / "proj", seeds=None)
    for name, text in texts.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root


def actors(root: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """source file -> {actor id: (name, type)} from the records the build stored."""
    out = {}
    for path in sorted((root / "content" / "articles").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["source"]["file"].split("/")[-1]] = {a["id"]: (a["name"], a["type"]) for a in data["actors"]}
    return out


def entity(root: Path, ent_id: str) -> dict | None:
    path = root / "content" / "entities" / f"{ent_id}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def run(root: Path, *args: str):
    result = CliRunner().invoke(main, ["review", "--root", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name,bare,full", [
    ("Flynn", "flynn", False), ("Mr. Flynn", "flynn", False), ("Sen. Warren", "warren", False),
    ("Michael Flynn", None, True), ("Michael T. Flynn", None, True), ("George W. Bush", None, True),
    ("Joseph R. Biden Jr.", None, True),
])
def test_name_shapes(name, bare, full):
    assert bare_word(name) == bare
    assert is_full(name) is full


@pytest.mark.parametrize("name,last", [("Karen Hobert Flynn", "flynn"), ("Joseph R. Biden Jr.", "biden"),
                                       ("José Núñez", "nunez"), ("Flynn", None)])
def test_surname(name, last):
    assert surname(name) == last


@pytest.fixture(scope="module")
def one_fits(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("one"), {"a.txt": HAROLD, "b.txt": BARE})
    build(root, publish=False, progress=False)
    return root


def test_bare_surname_links_to_the_one_person_who_fits(one_fits):
    found = actors(one_fits)
    assert "harold-brimley" in found["a.txt"]
    assert found["b.txt"].get("harold-brimley") == ("Harold Brimley", "PERSON")
    assert entity(one_fits, "brimley") is None  # no surname-only page beside the full name
    assert "Brimley" not in entity(one_fits, "harold-brimley")["aliases"]  # a bare surname is never an alias


@pytest.fixture(scope="module")
def two_fit(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("two"), {"a.txt": HAROLD, "b.txt": BARE, "c.txt": JANET})
    report = build(root, publish=False, progress=False)
    return root, report


def test_namesakes_stay_apart_and_a_bare_surname_stays_unresolved(two_fit):
    root, _ = two_fit
    found = actors(root)
    assert "harold-brimley" in found["a.txt"] and "janet-brimley" not in found["a.txt"]
    assert "janet-brimley" in found["c.txt"] and "harold-brimley" not in found["c.txt"]
    assert not {"harold-brimley", "janet-brimley", "brimley"} & set(found["b.txt"])  # never guessed
    assert entity(root, "brimley") is None


def test_the_build_raises_no_alias_conflict_about_its_own_files(two_fit):
    root, _ = two_fit
    report = build(root, publish=False, progress=False)
    assert not [p for p in report.problems.items if p.key == "aliases"], report.problems.items


def test_review_lists_the_ambiguous_surname_with_its_evidence(two_fit):
    root, _ = two_fit
    out = run(root, "--list")
    assert "ambiguous: 'brimley'" in out and "harold-brimley / janet-brimley" in out
    assert "Brimley returned to Denver" in out  # the context
    assert "shared surname: 'brimley'" in out and "different first names" in out


def test_review_decisions_win_over_the_machine(tmp_path):
    root = project(tmp_path, {"a.txt": HAROLD, "b.txt": BARE})
    build(root, publish=False, progress=False)
    assert "harold-brimley" in actors(root)["b.txt"]
    # keep apart: the bare Brimley of b.txt is not Harold, even though he is the only one who fits
    out = run(root, "apart", "brimley", "harold-brimley")
    assert "content/entities/brimley.yml" in out
    assert entity(root, "brimley")["distinct_from"] == ["harold-brimley"]
    build(root, publish=False, progress=False)
    found = actors(root)
    assert "harold-brimley" not in found["b.txt"] and "brimley" in found["b.txt"]
    assert set(found["a.txt"]) >= {"harold-brimley"} and "brimley" not in found["a.txt"]
    assert "brimley" not in run(root, "--list")  # decided: no longer offered
    # merge (a later decision): Brimley is Harold after all; the keep-apart between them is lifted
    run(root, "merge", "brimley", "harold-brimley")
    assert entity(root, "brimley")["merged_into"] == "harold-brimley"
    assert "distinct_from" not in entity(root, "brimley")
    build(root, publish=False, progress=False)
    assert "harold-brimley" in actors(root)["b.txt"]
    # not an entity
    run(root, "not-entity", "denver")
    assert entity(root, "denver")["not_entity"] is True
    build(root, publish=False, progress=False)
    assert all("denver" not in ids for ids in actors(root).values())


@pytest.mark.parametrize("args", [("merge", "harold-brimley", "nobody-here"), ("merge", "harold-brimley"),
                                  ("apart", "harold-brimley", "harold-brimley")])
def test_review_refuses_bad_decisions(one_fits, args):
    result = CliRunner().invoke(main, ["review", "--root", str(one_fits), *args])
    assert result.exit_code != 0


# ------------------------------------------------------------------ grow, on records made by hand

def _rec(rec_id: str, body: str, actors: list[tuple[str, str, str, list[str]]]):
    """actors: (id, name, type, surfaces); each surface's first occurrence in body is one mention."""
    from generator.records import Actor, ArticleRecord

    out = []
    for ent_id, name, typ, surfaces in actors:
        spans = [(body.index(s), body.index(s) + len(s)) for s in surfaces]
        out.append(Actor(id=ent_id, name=name, type=typ, mentions=len(spans), spans=spans))
    return ArticleRecord(id=rec_id, title=rec_id, actors=out), body


@pytest.mark.parametrize("articles,expect", [
    # two bodies named alike in two articles: one page, the other file is its merge log
    ([("a", "Orvex Media Group said so. Orvex agreed.", [("orvex", "Orvex Media Group", "ORG",
                                                            ["Orvex Media Group", "Orvex"])]),
      ("b", "Orvex Media Group denied it.", [("orvex-media-group", "Orvex Media Group", "ORG",
                                              ["Orvex Media Group"])])],
     {"orvex-media-group": (None, []), "orvex": ("orvex-media-group", [])}),
    # a full form that one person's article lists beside the fuller name is that person
    ([("a", "Dana Q. Ferrow spoke. Dana Ferrow left. Ferrow smiled.",
       [("dana-ferrow", "Dana Q. Ferrow", "PERSON", ["Dana Q. Ferrow", "Dana Ferrow", "Ferrow"])]),
      ("b", "Dana Ferrow arrived.", [("dana-ferrow-2", "Dana Ferrow", "PERSON", ["Dana Ferrow"])])],
     {"dana-ferrow": (None, ["Dana Ferrow"]), "dana-ferrow-2": ("dana-ferrow", [])}),
    # an alias two new entities claim is nobody's alias; a bare surname is never one
    ([("a", "Lena Ostrova and Ostrova Labs met. Ostrova spoke.",
       [("lena-ostrova", "Lena Ostrova", "PERSON", ["Lena Ostrova", "Ostrova"])]),
      ("b", "Ostrova Labs said Ostrova Inc. grew.",
       [("ostrova-labs", "Ostrova Labs", "ORG", ["Ostrova Labs", "Ostrova Inc."])]),
      ("c", "Pell Works and Ostrova Inc. merged.",
       [("pell-works", "Pell Works", "ORG", ["Pell Works", "Ostrova Inc."])])],
     {"lena-ostrova": (None, []), "ostrova-labs": (None, []), "pell-works": (None, [])}),
])
def test_new_entities_never_contradict_each_other(articles, expect):
    from generator.content import grow
    from generator.evaluate.runs import builtin_registry

    made = [_rec(i, body, acts) for i, body, acts in articles]
    reg = builtin_registry()
    created = {e.id: e for e in grow.new_entities([r for r, _ in made], {r.id: b for r, b in made}, reg)}
    assert {i: (e.merged_into, e.aliases) for i, e in created.items()} == expect


@pytest.mark.parametrize("bare_type,kind", [("PERSON", "surname-only"), ("ORG", "surname-only (typed ORG)"),
                                            ("GPE", "surname-only (typed GPE)")])
def test_review_offers_a_one_word_page_beside_a_full_name(bare_type, kind):
    from generator.content import review
    from generator.content.registry import Registry
    from generator.records import Entity

    reg = Registry()
    reg.add([Entity(id="brimley", name="Brimley", type=bare_type),
             Entity(id="harold-brimley", name="Harold Brimley", type="PERSON")], [], "content")
    found = review.cases(reg, [], {})
    assert [(c.kind, c.ids) for c in found] == [(kind, ("brimley", "harold-brimley"))]
    reg.add([Entity(id="x", name="X", type="ORG")], [], "content")
    reg.entities["brimley"] = reg.entities["brimley"].model_copy(update={"distinct_from": ["harold-brimley"]})
    reg.build_index()
    assert review.cases(reg, [], {}) == []  # kept apart by an editor: decided, not offered again
