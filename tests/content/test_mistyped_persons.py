"""Search that finds the thing (issue 17): no duplicate page for a person whom the model typed as a body.

- within an article, a bare surname that the article writes as a person's more often than as a body's
  joins the person even beside a body named after them ("Whitfield Foundation");
- across articles, a one-word ORG that the articles mostly write as a person's surname gets no page of its
  own, and a full person's name typed ORG is merged into the person whose id that name makes.
Names and sentences are invented for these tests.
"""

from __future__ import annotations

import pytest

from generator.content import people
from generator.content.grow import new_entities
from generator.content.registry import Registry
from generator.extract.actors import Mention, resolve_mentions
from generator.records import Actor, ArticleRecord, Entity


def _m(start, text, label, title=None):
    return Mention(start, start + len(text), text, label, start, None, title)


def _actors(mentions):
    resolved, _ = resolve_mentions(mentions, lambda s: None)
    return [(r.text, r.actor) for r in resolved]


def test_a_bare_surname_written_as_the_persons_joins_the_person_beside_a_body_named_after_them():
    found = _actors([_m(0, "Dana Whitfield", "PERSON"), _m(40, "Whitfield", "PERSON"),
                     _m(80, "Whitfield Foundation", "ORG"), _m(120, "Whitfield", "ORG"),
                     _m(160, "Whitfield", "PERSON"), _m(200, "Whitfield", "ORG"), _m(240, "Whitfield", "PERSON")])
    assert [a for t, a in found if t == "Whitfield"] == ["dana-whitfield"] * 5
    assert ("Whitfield Foundation", "whitfield-foundation") in found


def test_a_bare_word_mostly_written_as_a_bodys_stays_the_bodys_short_name():
    found = _actors([_m(0, "Carl Norbex", "PERSON"), _m(40, "Norbex Motor Company", "ORG"),
                     _m(80, "Norbex", "ORG"), _m(120, "Norbex", "ORG"), _m(160, "Norbex", "PERSON", title="mr")])
    bare_org = [a for t, a in found if t == "Norbex"]
    assert bare_org[:2] == ["norbex", "norbex"]  # the company's short name, not Carl Norbex


def _rec(rid: str, body: str, actors: list[tuple[str, str, str, list[str]]]) -> tuple[ArticleRecord, str]:
    """actors: (id, name, type, [the texts of its mentions, found in the body in order])."""
    out = []
    for ent_id, name, typ, texts in actors:
        spans, pos = [], 0
        for t in texts:
            a = body.index(t, pos)
            spans.append((a, a + len(t)))
            pos = a + len(t)
        out.append(Actor(id=ent_id, name=name, type=typ, mentions=len(spans), spans=spans))
    return ArticleRecord(id=rid, title=rid, actors=out), body


PERSON_ARTICLES = [
    ("a1", "Dana Whitfield spoke on Monday. Whitfield said the plan would work.",
     [("dana-whitfield", "Dana Whitfield", "PERSON", ["Dana Whitfield", "Whitfield"])]),
    ("a2", "Dana Whitfield flew to Oslo. Later Whitfield met the mayor.",
     [("dana-whitfield", "Dana Whitfield", "PERSON", ["Dana Whitfield", "Whitfield"])]),
    ("a3", "Critics said Whitfield was wrong about the tariffs.",
     [("whitfield", "Whitfield", "ORG", ["Whitfield"])]),
]


def _grow(articles, registry=None):
    pairs = [_rec(*a) for a in articles]
    return {e.id: e for e in new_entities([r for r, _ in pairs], {r.id: b for r, b in pairs}, registry or Registry())}


def test_a_surname_typed_org_where_the_articles_write_it_as_a_persons_gets_no_page():
    made = _grow(PERSON_ARTICLES)
    assert "dana-whitfield" in made and "whitfield" not in made


def test_a_one_word_body_that_is_no_ones_surname_keeps_its_page():
    made = _grow(PERSON_ARTICLES + [("a4", "Norbex raised its prices. Norbex shares fell.",
                                      [("norbex", "Norbex", "ORG", ["Norbex", "Norbex"])])])
    assert made["norbex"].type == "ORG" and made["norbex"].merged_into is None


def test_a_body_that_shares_a_surname_but_is_mostly_written_as_a_body_keeps_its_page():
    bodies = [(f"b{i}", "Whitfield opened a store. Whitfield sells tea.",
               [("whitfield", "Whitfield", "ORG", ["Whitfield", "Whitfield"])]) for i in range(3)]
    made = _grow(PERSON_ARTICLES[:1] + bodies)
    assert made["whitfield"].type == "ORG"


def test_a_full_persons_name_typed_org_is_merged_into_the_person():
    made = _grow(PERSON_ARTICLES + [("a5", "Dana J. Whitfield vowed to win.",
                                      [("dana-j-whitfield", "Dana J. Whitfield", "ORG", ["Dana J. Whitfield"])])])
    assert made["dana-j-whitfield"].merged_into == "dana-whitfield"


def test_a_full_name_typed_org_joins_a_registry_person_and_editors_files_are_not_rewritten():
    reg = Registry()
    reg.add([Entity(id="dana-whitfield", name="Dana Whitfield", type="PERSON")], [], "content")
    made = _grow([("a6", "Dana J. Whitfield vowed to win.",
                   [("dana-j-whitfield", "Dana J. Whitfield", "ORG", ["Dana J. Whitfield"])])], reg)
    assert made["dana-j-whitfield"].merged_into == "dana-whitfield"
    assert "dana-whitfield" not in made  # the registry's own file is never made again


@pytest.mark.parametrize("name, expected", [("Dana J. Whitfield", "dana-whitfield"), ("Tim Okafor", "timothy-okafor"),
                                            ("Whitfield", None), ("Office of Budget Review", None)])
def test_person_id(name, expected):
    assert people.person_id(name) == expected


@pytest.mark.parametrize("name, expected", [("Whitfields", True), ("Okafors", True), ("Joneses", True),
                                            ("Whitfield", False), ("Edwards", False), ("Simmons", False)])
def test_a_surname_in_the_plural_names_a_family(name, expected):
    surnames = {"whitfield", "okafor", "jones", "edwards", "edward"}
    assert people.family_plural(name, surnames) is expected


def test_a_family_gets_no_page_beside_its_members():
    made = _grow(PERSON_ARTICLES[:1] + [("a7", "The Whitfields arrived late.",
                                          [("whitfields", "Whitfields", "PERSON", ["Whitfields"])])])
    assert "dana-whitfield" in made and "whitfields" not in made


@pytest.mark.parametrize("name, expected", [("Monday", True), ("Sunday's", True), ("Whitfield", False),
                                            ("Dana Monday", False)])
def test_a_weekday_is_no_ones_name(name, expected):
    assert people.not_a_name(name) is expected


def test_a_weekday_labelled_person_gets_no_page():
    made = _grow(PERSON_ARTICLES[:1] + [("a8", "Monday was busy for the council.",
                                          [("monday", "Monday", "PERSON", ["Monday"])])])
    assert "monday" not in made
