"""Thread titles name the story line: general rules over invented articles (site/thread_titles.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.records import Actor, ArticleRecord, Briefing, Entity, Source
from generator.site.thread_titles import common_noun, distinctive, title, word_casing

NAMES = {"kestrel": ("Kestrel Port Authority", "ORG"), "lind": ("Mara Lind", "PERSON"),
         "ruritania": ("Ruritania", "GPE"), "president": ("President", "PERSON"), "bbc": ("Tern Radio", "ORG"),
         "vey": ("Tomas Vey", "PERSON"), "ostrava": ("Ostrava", "GPE"), "lowland": ("Lowland", "GPE")}


def rec(aid: str, names: list[str], keywords: list[str] = ()) -> ArticleRecord:
    actors = [Actor(id=n, name=NAMES[n][0], type=NAMES[n][1], mentions=1, spans=[(0, 1)]) for n in names]
    return ArticleRecord(id=aid, title=aid, source=Source(file=f"{aid}.txt"), actors=actors,
                         keywords=list(keywords))


def features(r: ArticleRecord) -> dict[str, float]:
    return {**{"e:" + a.id: 1.0 for a in r.actors}, **{"k:" + k: 0.4 for k in r.keywords}}


def titled(group: list[ArticleRecord], others: list[ArticleRecord], bodies: dict[str, str] | None = None) -> str:
    records = group + others
    feats = {r.id: features(r) for r in records}
    df: Counter[str] = Counter()
    for r in records:
        df.update(set(feats[r.id]))
    b = Briefing(articles=records, bodies=bodies or {r.id: "" for r in records},
                 entities={k: Entity(id=k, name=n, type=t) for k, (n, t) in NAMES.items()}, topics={})
    scored = distinctive(group, df, len(records), feats)
    return title(b, scored, group, df, len(records), word_casing(b.bodies.values()))[0]


def filler(n: int, names: list[str] = ()) -> list[ArticleRecord]:
    return [rec(f"f{i}", list(names)) for i in range(n)]


def test_a_name_in_a_large_share_of_all_articles_never_titles_a_thread():
    """Ruritania is in all six strike articles, and in a third of the briefing: the corpus, not the story."""
    group = [rec(f"s{i}", ["kestrel", "lind", "ruritania"]) for i in range(6)]
    got = titled(group, filler(24, ["ruritania"]) + filler(30)[24:] + [rec(f"g{i}", []) for i in range(30)])
    assert "Ruritania" not in got and "Kestrel Port Authority" in got and "Mara Lind" in got


@pytest.mark.parametrize("text, common", [
    ("The president said so. Later the president left. President Alvar Tane spoke.", True),
    ("Tern Radio said so. A Tern Radio reporter left. Its radio mast fell.", False),
    ("It rose by 3 per cent. Then by 2 per cent. The band 50 Cent played.", True),
])
def test_a_word_the_texts_write_in_lower_case_is_a_common_noun(text, common):
    name = {True: "President", False: "Tern"}[common] if "Cent" not in text else "Cent"
    assert common_noun(name, word_casing([text])) is common
    assert not common_noun("Tern Radio", word_casing([text]))  # names of two words or more are names


def test_a_capitalised_common_noun_never_titles_a_thread():
    group = [rec(f"s{i}", ["president", "vey", "ostrava"]) for i in range(5)]
    bodies = {r.id: "The president met Tomas Vey in Ostrava. The president said the talks went well."
              for r in group}
    others = filler(40)
    bodies.update({r.id: "" for r in others})
    got = titled(group, others, bodies)
    assert "President" not in got.split(" — ") and got.startswith("Tomas Vey")


def test_a_one_word_key_phrase_never_titles_but_a_distinctive_phrase_may():
    group = [rec(f"s{i}", ["kestrel", "lind"], ["strike", "pay offer"]) for i in range(5)]
    got = titled(group, filler(120))
    parts = got.split(" — ")
    assert "strike" not in parts and "pay offer" in parts


def test_places_alone_are_no_title_but_a_phrase_and_places_are():
    group = [rec(f"s{i}", ["ostrava", "lowland"]) for i in range(5)]
    assert titled(group, filler(40)) == ""
    group = [rec(f"s{i}", ["ostrava", "lowland"], ["flood barrier"]) for i in range(5)]
    assert titled(group, filler(120)) == "Flood barrier — Lowland — Ostrava"  # equal scores: by id


def test_a_group_whose_best_name_is_in_few_of_its_articles_gets_no_title():
    """Ten unrelated articles, two of them about Mara Lind: a grab-bag, not her story."""
    group = [rec("a0", ["lind"]), rec("a1", ["lind"])] + [rec(f"x{i}", []) for i in range(8)]
    assert titled(group, filler(50)) == ""


def test_one_name_alone_titles_a_thread_only_when_most_articles_name_it_and_few_others_do():
    group = [rec(f"s{i}", ["kestrel"]) for i in range(5)]
    assert titled(group, filler(120)) == "Kestrel Port Authority"  # in one in 25 of all articles
    group = [rec(f"s{i}", ["bbc"]) for i in range(5)]
    assert titled(group, filler(60) + [rec(f"b{i}", ["bbc"]) for i in range(5)]) == ""  # in a seventh of all
