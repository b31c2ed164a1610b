"""Name artefacts in thread titles: general rules over invented articles (thread_names.demonym_of /
drop_office_word, thread_titles.shown_name and its month rule)."""

from __future__ import annotations


import pytest

from generator.records import Entity
from generator.site.thread_names import demonym_of, drop_office_word, same_as_taken
from generator.site.thread_titles import shown_name
from tests.synthetic import invented_thread_title

ENTITIES = {"vey": ("Tomas Vey", "PERSON", []), "halimun": ("Energy Halimun", "PERSON", []),
            "marrow": ("Marrow Board", "ORG", []), "sept": ("September", "EVENT", []),
            "orland": ("Orlandia", "GPE", []), "orlandian": ("Orlandian", "ORG", [])}


def titled(group: list[tuple[str, str, list[str]]], n_filler: int = 40) -> str:
    """The title of the group's articles in a briefing of them and quiet filler articles."""
    return invented_thread_title(ENTITIES, group, n_filler=n_filler)


@pytest.mark.parametrize("a, b, same", [
    ("Orlandia", "Orlandian", True), ("Mexico", "Mexican", True), ("Japan", "Japanese", True),
    ("Israel", "Israeli", True), ("Iran", "Iraq", False), ("Mexico", "Mexicana", False),
    ("Niger", "Nigeria", False), ("Orlandia", "Orlandia", False), ("New Orlandia", "New Orlandian", False),
])
def test_a_place_and_its_peoples_adjective_are_one(a, b, same):
    assert demonym_of(a, b) is same


def test_an_adjective_the_tagger_took_for_an_organisation_is_the_place_again():
    assert same_as_taken("Orlandian", "ORG", [("Marrow Board", "ORG"), ("Orlandia", "GPE")])
    assert not same_as_taken("Nigeria", "GPE", [("Niger", "GPE")])  # two places, no adjective


@pytest.mark.parametrize("texts, shown", [
    (["Orlandian Energy Minister Halimun said prices would hold. Halimun added more."], "Halimun"),
    (["The Minister of Mines and Energy Halimun spoke. Energy minister Halimun left; Halimun said no."], "Halimun"),
    (["Energy Halimun said prices would hold. Energy Halimun left."], "Energy Halimun"),  # no office: a name
    (["Energy Minister Lars Ode spoke. Energy Halimun said prices would hold."], "Energy Halimun"),  # never alone
    ([], "Energy Halimun"),
])
def test_an_office_word_glued_to_a_persons_name_is_dropped_only_where_the_texts_say_so(texts, shown):
    assert drop_office_word("Energy Halimun", texts) == shown


def test_shown_names_restore_initials_and_strip_brackets_and_never_raise():
    assert shown_name(Entity(id="u", name="U.S", type="GPE"), []) == "U.S."
    assert shown_name(Entity(id="c", name="<Canadian Imperial Bank>", type="ORG"), []) == "Canadian Imperial Bank"
    assert shown_name(Entity(id="x", name="(", type="PERSON"), ["( ( ("]) == ""
    assert drop_office_word("A+ [b", ["A+ minister [b said. [b"]) in ("A+ [b", "[b")


def test_a_month_never_names_a_thread():
    group = [(f"MARROW BOARD SETS {w} TALKS", f"The Marrow Board met in September. It will meet again in "
              f"September about the coffee quota{t}.", ["marrow", "sept"])
             for w, t in (("NEW", ""), ("MORE", " soon"), ("LONG", " later"))]
    got = titled(group)
    assert got and "September" not in got
