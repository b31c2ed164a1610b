"""A thread is titled by what its articles are about, not by whom they cite: general rules over invented
articles (site/thread_actors.py headline names, thread_phrase_use.cited, thread_headlines.share_a_word and
their use in thread_titles.py)."""

from __future__ import annotations


import pytest

from generator.records import ArticleRecord, Briefing
from generator.site.thread_actors import LeadIndex, in_headline
from generator.site.thread_headlines import HeadlineIndex, headline_words
from generator.site.thread_phrase_use import cited
from tests.synthetic import invented_article, invented_briefing, invented_thread_title

ENTITIES = {"gull": ("Gull Air Group", "ORG", []), "heron": ("Heron Trust", "ORG", ["Heron"]),
            "tern": ("Tern Institute", "ORG", []), "vey": ("Tomas Vey", "PERSON", []),
            "lind": ("Mara Lind", "PERSON", []), "orland": ("Orland", "GPE", []),
            "oilmin": ("Oil Minister", "PERSON", []), "office": ("Office of the", "ORG", []),
            "kasim": ("Kasim al-Rauf", "PERSON", []), "kasim1": ("Kasim", "PERSON", []),
            "paulo": ("Paulo Brandt", "PERSON", []), "brandt": ("Brandt Costa", "PERSON", []),
            "osk": ("Osk Radio", "ORG", []), "pell": ("Pell Arena", "FAC", []),
            "wire": ("Wirepress", "ORG", [])}



def article(aid: str, headline: str, body: str, names: list[str]) -> ArticleRecord:
    """A record whose actors are found in the body by name or alias (whole words), sentences split at '. '."""
    return invented_article(ENTITIES, aid, headline, body, names, whole_words=True)


def briefing(records: list[ArticleRecord], bodies: dict[str, str]) -> Briefing:
    return invented_briefing(ENTITIES, records, bodies)


def titled(group: list[tuple[str, str, list[str]]], others: list[tuple[str, str, list[str]]] = (),
           n_filler: int = 40) -> str:
    """The title of the group's articles in a briefing of them, `others` and quiet filler articles."""
    return invented_thread_title(ENTITIES, group, others, n_filler)


# ----------------------------------------------------------------------------- headline names

@pytest.mark.parametrize("headline, found", [
    ("GULL AIR REJECTS HERON BID", {"gull", "heron"}),  # a company without "Group", a body by its alias
    ("Gull Air Group shares rise", {"gull"}),
    ("VEY QUITS", {"vey"}),  # a person by the surname
    ("GULLIVER AIR TRAVEL UP", set()),  # whole words only
])
def test_a_headline_names_a_company_without_its_legal_suffix(headline, found):
    r = article("a", headline, "Gull Air Group and Heron Trust met Tomas Vey.", ["gull", "heron", "vey"])
    assert in_headline(r, briefing([r], {"a": ""})) == found


def test_headline_names_are_those_most_of_the_headlines_hold():
    rows = [article(f"h{i}", head, "Gull Air Group met Heron Trust.", ["gull", "heron"])
            for i, head in enumerate(["GULL AIR BID", "GULL AIR RAISES BID", "HERON SAYS NO", "MARKETS"])]
    leads = LeadIndex(rows, briefing(rows, {}))
    assert leads.headline_names([r.id for r in rows], 0.4) == ["gull"]  # Heron in one headline of four
    assert leads.share("gull", [r.id for r in rows], heads_only=True) == 0.5
    assert leads.share("gull", []) == 0.0


# ----------------------------------------------------------------------------- sources

@pytest.mark.parametrize("name, text", [
    ("Wirepress", "The minister told Wirepress the talks failed. Asked again, he told Wirepress nothing."),
    ("Wirepress", "A Wirepress survey found output fell. Figures were polled by Wirepress correspondents."),
    ("al-Qabas", "The Kuwaiti daily al-Qabas said output rose."),
    ("Tern Institute", "Costs doubled, according to the Tern Institute."),
    ("Orland Press Agency", "The Orland Press Agency reported the decree."),
])
def test_a_name_written_as_where_the_story_was_told_is_a_source(name, text):
    assert cited(name, [text])


@pytest.mark.parametrize("name, text", [
    ("Gull Air Group", "Gull Air Group bid for Heron Trust. Gull Air Group said it would raise the bid."),
    ("Tomas Vey", "Tomas Vey resigned. The board thanked Tomas Vey."),
    ("Heron Trust", "No one told the staff."),  # not there at all
])
def test_a_name_the_story_is_about_is_no_source(name, text):
    assert not cited(name, [text])


def test_a_source_never_titles_a_thread():
    group = [(f"LIND SEEKS CREDIT DAY {i}", f"Mara Lind sought credit on day {i}, she told Wirepress. Creditors "
              "offered little, a Wirepress survey found. Lind flew home.", ["lind", "wire"]) for i in range(4)]
    got = titled(group)
    assert got.startswith("Mara Lind") and "Wirepress" not in got


# ----------------------------------------------------------------------------- what the articles are about

def test_names_most_headlines_hold_lead_and_cited_experts_are_dropped():
    """Every article of a one-story briefing names Gull Air; four are about its bid for Heron. An analyst,
    named twice deep in two of them, is whom they cite, not what they are about."""
    bid = [(f"GULL AIR RAISES HERON TAKEOVER BID {i}", f"Gull Air Group raised its takeover bid for Heron "
            f"Trust on day {i}. Heron Trust said it would study it. Shares rose. Traders were calm. "
            + ("Tomas Vey, an analyst, said the bid was low. Tomas Vey expects more. " if i < 2 else ""),
            ["gull", "heron", "vey"] if i < 2 else ["gull", "heron"]) for i in range(5)]
    rest = [(f"GULL AIR ROUTES {i}", f"Gull Air Group opened route {i}. Fares fell.", ["gull"]) for i in range(20)]
    got = titled(bid, rest, n_filler=10)
    assert got.startswith("Heron Trust") and "Gull Air" in got and "takeover bid" in got
    assert "Tomas Vey" not in got


def test_a_name_all_the_briefing_names_needs_a_phrase_beside_it():
    """Without a phrase the headlines share, Gull Air (in every article of the briefing) names nothing."""
    grp = [(f"GULL AIR {w}", f"Gull Air Group did {w.lower()} things on day {i}. More followed.", ["gull"])
           for i, w in enumerate(["RESHUFFLES", "REPAINTS", "RELOCATES"])]
    rest = [(f"GULL AIR ROUTES {i}", f"Gull Air Group opened route {i}. Fares fell.", ["gull"]) for i in range(20)]
    assert "Gull Air" not in titled(grp, rest, n_filler=10)


def test_a_place_most_headlines_name_comes_after_the_first_actor():
    grp = [(f"ORLAND: LIND SEEKS CREDIT {i}", f"Mara Lind of Orland met creditors on day {i}. Orland needs "
            "credit. Talks went on.", ["lind", "orland"]) for i in range(4)]
    assert titled(grp).startswith("Mara Lind — Orland")


def test_an_office_or_a_cut_name_never_titles_a_thread():
    grp = [(f"CREDIT TALKS {i}", f"The Oil Minister met Mara Lind on day {i}. The Office of the president "
            "agreed. The Oil Minister and the Office of the president signed.", ["oilmin", "office", "lind"])
           for i in range(4)]
    got = titled(grp)
    assert "Mara Lind" in got and "Minister" not in got and "Office" not in got


def test_one_person_is_named_once_by_the_fullest_name():
    """'Kasim' (every headline) and 'Kasim al-Rauf' (every lede) are one man; 'Brandt Costa' is how the
    tagger cut 'Paulo Brandt Costa' once, 'Paulo Brandt' the other time."""
    grp = [(f"KASIM TALKS {i}", f"Kasim al-Rauf met Paulo Brandt and Brandt Costa on day {i}. Kasim said talks "
            "went well. Kasim al-Rauf left. Paulo Brandt stayed. Brandt Costa stayed.",
            ["kasim", "kasim1", "paulo", "brandt"]) for i in range(4)]
    got = titled(grp)
    assert got.startswith("Kasim al-Rauf")
    assert not ("Paulo Brandt" in got and "Brandt Costa" in got)  # two names of one person: one is enough


# ----------------------------------------------------------------------------- grab-bags

def test_names_only_with_the_first_in_few_leads_and_headlines_with_nothing_in_common_are_no_story():
    """Three unrelated articles that all name Osk Radio and Pell Arena, one of them in its lede."""
    grp = [("Singer releases clip", "A singer released a clip. Fans watched. Osk Radio and Pell Arena played it. "
            "Osk Radio liked it.", ["osk", "pell"]),
           ("Doctor writes letter", "A doctor wrote a letter. It was read. Osk Radio and Pell Arena heard it. "
            "Osk Radio aired it.", ["osk", "pell"]),
           ("Osk Radio on detour", "Osk Radio took a detour. Pell Arena was shut. Osk Radio went on.",
            ["osk", "pell"])]
    assert titled(grp) == ""
    # the same articles under headlines that share a word are a story after all
    grp = [(f"Arena gig row {head}", body, names) for head, body, names in grp]
    assert titled(grp) != ""


@pytest.mark.parametrize("text", ["", " ", "12 34", "<X> (Y) [Z]", "Ünïcödé — “quoted” 3.5% and $12bn", "x" * 5000])
def test_odd_texts_never_raise(text):
    cited("Wirepress", [text])
    cited("", [text])
    headline_words(text)
    HeadlineIndex([("a", text)]).share_a_word(["a"], 0.3, 4.0)
    HeadlineIndex([]).share_a_word([], 0.3, 4.0)
    r = article("a", text or "-", text, [])
    in_headline(r, briefing([r], {"a": text}))


@pytest.mark.parametrize("key", ["diluted basis", "news conference", "press report", "joint statement"])
def test_how_a_figure_is_counted_or_where_it_was_said_is_no_story_line(key):
    from generator.site.thread_phrase_use import names_a_story
    assert not names_a_story(key, ["Gull Air Group bid for Heron Trust, it told a news conference."])


@pytest.mark.parametrize("key", ["voting trust", "takeover bid", "police shooting"])
def test_a_story_phrase_is_still_one(key):
    from generator.site.thread_phrase_use import names_a_story
    assert names_a_story(key, ["Gull Air Group put its Heron shares in a voting trust after the takeover bid."])


def test_two_people_with_one_surname_are_two():
    from generator.site.thread_names import same_as_taken as _same_as_taken
    assert not _same_as_taken("Mara Lind", "PERSON", [("Tomas Lind", "PERSON")])  # brothers, sisters, spouses
    assert _same_as_taken("Santos Alvite", "PERSON", [("Fernando Santos", "PERSON")])  # one man, cut twice
    assert _same_as_taken("Lind", "PERSON", [("Mara Lind", "PERSON")])
    assert not _same_as_taken("Santos Alvite", "ORG", [("Fernando Santos", "PERSON")])
