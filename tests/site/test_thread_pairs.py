"""Two articles make a thread only when they are one story told twice (site/thread_pairs.py): dated close
together, titled by two actors both articles name, the title whole and no place in it. Invented records."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.records import Actor, ArticleRecord, Briefing, Entity, Source
from generator.site.thread_pairs import PAIR_DAYS, may_pair, tight
from generator.site.thread_names import same_initials

ENTITIES = {"pag": ("Bram Pagel", "PERSON"), "chaf": ("Jona Chaff", "PERSON"), "doj": ("Justice Office", "ORG"),
            "orl": ("Orland", "GPE"), "ici": ("ICI Pharma", "ORG"), "icig": ("ICI Pharmaceuticals Group", "ORG"),
            "ntt": ("NTT", "ORG"), "nip": ("Nippon Tel and Telephone Corp>", "ORG")}


def rec(aid: str, day: int | None, names: list[str]) -> ArticleRecord:
    return ArticleRecord(id=aid, title=f"Headline {aid}", source=Source(file=f"{aid}.txt"),
                         published=None if day is None else dt.date(2016, 9, 1) + dt.timedelta(days=day),
                         actors=[Actor(id=e, name=ENTITIES[e][0], type=ENTITIES[e][1], mentions=1, spans=[])
                                 for e in names])


B = Briefing(articles=[], bodies={}, topics={},
             entities={k: Entity(id=k, name=n, type=t, aliases=[]) for k, (n, t) in ENTITIES.items()})


@pytest.mark.parametrize("days, ok", [((0, 1), True), ((0, PAIR_DAYS), True), ((0, PAIR_DAYS + 1), False),
                                      ((0, None), False), ((None, None), False)])
def test_a_pair_is_worth_a_look_only_when_both_are_dated_close_together(days, ok):
    assert may_pair([rec("a", days[0], []), rec("b", days[1], [])]) is ok


def test_three_articles_or_one_are_no_pair():
    assert not may_pair([rec("a", 0, []), rec("b", 0, []), rec("c", 0, [])])
    assert not may_pair([rec("a", 0, [])])


def test_a_tight_pair_names_the_same_actors_in_both_articles():
    both = ["pag", "chaf", "doj"]
    pair = [rec("a", 0, both), rec("b", 1, both)]
    assert tight(pair, "Bram Pagel — Jona Chaff — Justice Office", ["pag", "chaf", "doj"], B)
    assert tight(pair, "Bram Pagel — Jona Chaff — immunity deals", ["pag", "chaf"], B)


@pytest.mark.parametrize("title, names, second", [
    ("Bram Pagel — Jona Chaff — immunity deals", ["pag", "chaf"], ["pag"]),  # Chaff in one article only
    ("Bram Pagel — immunity deals", ["pag"], ["pag", "chaf"]),  # one actor, two parts
    ("Bram Pagel — Jona Chaff", ["pag", "chaf"], ["pag", "chaf"]),  # no third part
    ("Bram Pagel — Jona Chaff — Orland", ["pag", "chaf", "orl"], ["pag", "chaf", "orl"]),  # a place
    ("ICI Pharma — ICI Pharmaceuticals Group — sales force", ["ici", "icig"], ["ici", "icig"]),  # one thing twice
    ("NTT — Nippon Tel and Telephone Corp> — profits", ["ntt", "nip"], ["ntt", "nip"]),  # its initials
])
def test_a_loose_pair_is_no_thread(title, names, second):
    first = ["pag", "chaf", "orl", "ici", "icig", "ntt", "nip"]
    assert not tight([rec("a", 0, first), rec("b", 1, second)], title, names, B)


def test_an_undated_or_distant_pair_is_never_tight():
    both = ["pag", "chaf"]
    assert not tight([rec("a", None, both), rec("b", None, both)], "Bram Pagel — Jona Chaff — deals", both, B)
    assert not tight([rec("a", 0, both), rec("b", 30, both)], "Bram Pagel — Jona Chaff — deals", both, B)


@pytest.mark.parametrize("a, b, same", [("NTT", "Nippon Telegraph and Telephone Corp", True),
                                        ("ICI", "Imperial Chemical Industries Plc", True),
                                        ("BBC", "Bank of England", False), ("", "", False), ("A", "Alpha", False)])
def test_initials_without_a_legal_suffix_are_the_same_thing(a, b, same):
    assert same_initials(a, b) is same
