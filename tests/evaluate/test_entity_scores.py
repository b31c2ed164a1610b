"""The entity-resolution scores of `make eval` (generator/evaluate/entities.py): pure functions, invented data."""

from __future__ import annotations

import pytest

from generator.evaluate.entities import PersonScore, b_cubed, link_id, same_person, score_meantime, score_people


def test_b_cubed():
    assert b_cubed([("a", "x"), ("a", "x"), ("b", "y")]) == (1.0, 1.0)
    p, r = b_cubed([("a", "x"), ("a", "y")])  # one page split in two
    assert (p, r) == (1.0, 0.5)
    p, r = b_cubed([("a", "x"), ("b", "x")])  # two pages merged
    assert (p, r) == (0.5, 1.0)


def test_link_id_folds_page_and_resource_addresses():
    assert link_id("http://dbpedia.org/page/Norbex_Inc.") == link_id("http://dbpedia.org/resource/Norbex_Inc. ")


def test_meantime_unmatched_gold_mentions_are_singletons_and_typing_counts_matches():
    links = [[(0, 6, "ORG", "norbex"), (10, 16, "ORG", "norbex"), (20, 26, "PER", "dana")]]
    system = [[(0, 6, "norbex", "ORG"), (10, 16, "norbex", "GPE")]]
    out = score_meantime(links, system)
    assert out.matched == 2 and out.typed == 1 and out.n == 3
    assert out.p == 1.0 and out.r == pytest.approx((1 + 1 + 1) / 3)


@pytest.mark.parametrize("person, actor, same", [
    ("Dana Whitfield", "Dana Whitfield", True),
    ("Dana Whitfield", "Dana J. Whitfield", True),
    ("Élise Marchand", "Elise Marchand", True),
    ("Dana Whitfield", "Whitfield", False),
    ("Dana Whitfield", "Dana Whitfield Foundation", False),
])
def test_same_person(person, actor, same):
    assert same_person(person, actor) is same


def test_score_people():
    out = PersonScore()
    score_people(["Dana Whitfield", "Bert Marsh", "Hilda Marsh"],
                 [("Dana Whitfield", "PERSON"), ("Whitfield", "ORG"), ("Bert Marsh", "ORG")], out)
    assert (out.persons, out.found_one, out.typed_person, out.split) == (3, 2, 1, 1)
