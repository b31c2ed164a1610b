"""Thread titles name a story line, not a measure, a source or a co-mention: general rules over invented
articles (site/thread_phrase_use.py, thread_headlines.py, thread_actors.py and their use in thread_titles.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.records import ArticleRecord, Briefing
from generator.site.thread_actors import LeadIndex, actors, in_lead
from generator.site.thread_headlines import HeadlineIndex, headline_phrases
from generator.site.thread_phrase_use import fragment, measure, names_a_story
from generator.site.thread_phrases import PhraseIndex
from generator.site.thread_titles import distinctive, title, word_casing
from tests.synthetic import invented_article, invented_briefing

ENTITIES = {"kestrel": ("Kestrel Port Authority", "ORG", ["Kestrel"]), "lind": ("Mara Lind", "PERSON", []),
            "orland": ("Orland", "GPE", []), "vey": ("Tomas Vey", "PERSON", []),
            "tern": ("Tern Institute", "ORG", []), "mw": ("MW", "ORG", []),
            "finance": ("Finance", "ORG", []), "april": ("April 1", "PRODUCT", []),
            "gull": ("Gull Bank", "ORG", []), "heron": ("Heron Trust", "ORG", []),
            "plover": ("Plover Savings", "ORG", []), "wren": ("Wren Mutual", "ORG", []),
            "osk": ("Osk Radio", "ORG", []), "pell": ("Pell Arena", "FAC", [])}


# ----------------------------------------------------------------------------- how a phrase is used

@pytest.mark.parametrize("key, text", [
    ("percentage point", "Vey leads by 5 percentage points. Lind gained 2 percentage points overnight."),
    ("net income", "First-quarter net income of 14.7 mln dlrs fell. Net income was 3 mln dlrs in the year."),
    ("million dollar", "The port paid three million dollars. A further 2 million dollars is due."),
    ("banking source", "Banking sources said the talks stalled. Banking sources told reporters little."),
    ("government official", "According to government officials the plan is dead. Government officials said no."),
])
def test_a_measure_or_who_tells_never_names_a_story(key, text):
    assert not names_a_story(key, [text])


@pytest.mark.parametrize("key, text", [
    ("police shooting", "The police shooting of 43-year-old Tomas Vey. Protests over the police shooting."),
    ("tax return", "His tax returns since 1976 are sealed. Critics want the tax returns published."),
    ("pay strike", "The pay strike spread to the docks. Kestrel called the pay strike unlawful."),
    ("box office", "The film led the box office. It took $20m at the box office over the weekend."),
])
def test_a_story_phrase_names_a_story_though_a_number_is_near(key, text):
    assert names_a_story(key, [text])


def test_a_unit_or_an_office_word_is_no_actor():
    assert measure("mw", ["The dam makes 1,200 MW. A second plant of 800 MW is planned."])
    assert not measure("kestrel", ["Kestrel said 1,200 jobs would go."])
    assert fragment("Finance", ["Finance Minister Mara Lind flew out. Finance Minister Lind met bankers."])
    assert fragment("Banco", ["Banco do Orland cut rates. Banco do Orland and Banco Tern followed."])
    assert not fragment("Kestrel", ["Kestrel said so. Then Kestrel left the talks."])
    assert not fragment("Tern Institute", ["Tern Institute Director Vey"])  # two words: a name


# ----------------------------------------------------------------------------- headlines

def test_headline_phrases_are_runs_of_words_without_tickers_numbers_or_stop_words():
    got = headline_phrases("GULL BANK <GLB> MAY RECLASSIFY ORLAND LOANS, CUTS 1ST-QTR NET")
    assert "orland loan" in got and "reclassify orland loan" in got
    assert not any("glb" in k or "1st" in k or k.startswith("may ") for k in got)
    assert headline_phrases("") == {} and headline_phrases("<X> 12 ,,, --") == {}


@pytest.mark.parametrize("headline, key, shown", [
    ("Tern makes new Osk Utd approach", "osk utd approach", "Osk Utd approach"),  # a sentence: as written
    ("Harbour fees rise again at Kestrel", "harbour fee", "harbour fees"),  # its first word: lower case
    ("Kestrel Dockers Vote On Pay Strike", "pay strike", "pay strike"),  # Title Case says nothing of names
    ("KESTREL DOCKERS VOTE ON PAY STRIKE", "pay strike", "pay strike"),
])
def test_headline_words_keep_the_casing_of_a_headline_written_as_a_sentence(headline, key, shown):
    assert headline_phrases(headline)[key] == shown


def test_the_headlines_shared_phrase_is_found_in_the_casing_the_texts_use():
    heads = [("a", "GULL BANK MAY RECLASSIFY ORLAND LOANS"), ("b", "HERON TRUST PUTS ORLAND LOANS ON HOLD"),
             ("c", "PLOVER SAVINGS SEES LOSS ON ORLAND LOANS")] + [(f"f{i}", f"QUIET DAY {i} IN MARKETS")
                                                                  for i in range(30)]
    idx = HeadlineIndex(heads)
    assert idx.candidates(["a", "b", "c"], 0.3, 4.0, 0.15)[0] == "orland loan"
    casing = word_casing(["Banks hold loans to Orland. Orland said loans are safe."])
    assert idx.form("orland loan", ["a", "b", "c"], casing) == "Orland loans"


# ----------------------------------------------------------------------------- who the articles are about

def article(aid: str, headline: str, body: str, names: list[str], keywords: list[str] = ()) -> ArticleRecord:
    """A record whose actors are found in the body by their name or alias, sentences split at '. '."""
    return invented_article(ENTITIES, aid, headline, body, names, keywords)


def briefing(records: list[ArticleRecord], bodies: dict[str, str]) -> Briefing:
    return invented_briefing(ENTITIES, records, bodies)


FILLER = "The weather was mild across the region. Markets were quiet. Nothing else happened today at all."


def build(group: list[tuple[str, str, list[str]]], n_filler: int = 40, filler_names: list[str] = (),
          keywords: list[str] = ()):
    recs, bodies = [], {}
    for i, (head, body, names) in enumerate(group):
        recs.append(article(f"s{i}", head, body, names, keywords))
        bodies[f"s{i}"] = body
    for i in range(n_filler):
        body = FILLER + (" Kestrel Port Authority noted it." if "kestrel" in filler_names else "")
        recs.append(article(f"f{i}", f"Quiet day {i}", body, list(filler_names)))
        bodies[f"f{i}"] = body
    return recs, bodies


def titled(recs: list[ArticleRecord], bodies: dict[str, str], n_group: int) -> str:
    b = briefing(recs, bodies)
    feats = {r.id: {**{"e:" + a.id: 1.0 for a in r.actors}, **{"k:" + k: 0.4 for k in r.keywords}} for r in recs}
    df: Counter[str] = Counter()
    for r in recs:
        df.update(set(feats[r.id]))
    group = recs[:n_group]
    index = PhraseIndex(((r.id, r.title + "\n" + bodies[r.id]) for r in recs), [k for r in recs for k in r.keywords])
    return title(b, distinctive(group, df, len(recs), feats), group, df, len(recs), word_casing(bodies.values()),
                 index, HeadlineIndex((r.id, r.title) for r in recs), LeadIndex(recs, b))[0]


def test_a_name_in_the_headline_or_lede_or_mentioned_often_is_an_actor_and_one_cited_once_deep_is_not():
    body = ("Mara Lind opened the new harbour. Crowds came. The weather held. Lind cut a ribbon. "
            "The cost was high, according to the Tern Institute.")
    r = article("a", "HARBOUR OPENS, SAYS VEY", body + " Tomas Vey was absent.", ["lind", "tern", "vey"])
    b = briefing([r], {"a": body})
    assert in_lead(r, b) == {"lind", "vey"}  # Lind in the lede, Vey by surname in the capitalised headline
    assert actors([r], b) == {"lind", "vey"}  # the Tern Institute: once, deep in the text
    assert in_lead(article("z", "-", "", []), b) == set()


def test_a_body_cited_in_passing_never_titles_a_thread():
    group = [("Harbour fees rise", f"Harbour fees rose again on day {i}. Mara Lind, who runs the harbour, said "
              "fees must rise. Dockers protested. Ships waited. Fees have doubled, according to the Tern "
              "Institute.", ["lind", "tern"]) for i in range(5)]
    recs, bodies = build(group)
    got = titled(recs, bodies, 5)
    assert "Mara Lind" in got and "Tern Institute" not in got


def test_a_unit_or_a_date_the_tagger_named_never_titles_a_thread():
    group = [("Dam plans", f"Mara Lind backed the dam on April 1. It makes 1,200 MW and a second makes 900 MW. "
              f"Day {i}.", ["lind", "mw", "april"]) for i in range(5)]
    recs, bodies = build(group)
    got = titled(recs, bodies, 5)
    assert got.startswith("Mara Lind") and "MW" not in got and "April" not in got


def test_articles_each_about_another_bank_are_titled_by_what_their_headlines_share():
    """Four banks, one each; no name is shared, the texts share a measure ('net income'): the headlines
    say what it is about."""
    banks = ["gull", "heron", "plover", "wren"]
    group = [(f"{ENTITIES[k][0].upper()} RECLASSIFIES ORLAND LOANS",
              f"{ENTITIES[k][0]} said it moved its Orland loans to non-accrual. Net income will be reduced by "
              f"{10 + i} mln dlrs. Net income was {50 + i} mln dlrs a year ago.", [k, "orland"])
             for i, k in enumerate(banks)]
    recs, bodies = build(group, keywords=["net income", "loans"])
    assert titled(recs, bodies, 4) == "Orland loans"  # not "net income", nor "Orland" twice


def test_names_only_that_no_headline_or_lede_gives_are_co_mentions_not_a_story():
    """Three articles on three matters that each name Osk Radio and Pell Arena in passing, deep in the text."""
    group = [(f"Item {i}", f"{topic} happened. It went on. People watched. Later, Osk Radio and Pell Arena "
              f"were mentioned once.", ["osk", "pell"])
             for i, topic in enumerate(["A singer's clip", "A doctor's letter", "A detour to hospital"])]
    recs, bodies = build(group, keywords=["singer", "clip", "letter", "hospital"])
    assert titled(recs, bodies, 3) == ""
    # the same names in the ledes: what the articles are about
    group = [(f"Item {i}", f"Osk Radio bought Pell Arena on day {i}. It went on. People watched. Osk Radio "
              f"and Pell Arena signed.", ["osk", "pell"]) for i in range(3)]
    recs, bodies = build(group)
    assert titled(recs, bodies, 3).startswith(("Osk Radio", "Pell Arena"))


def test_a_name_the_briefing_names_often_may_title_the_articles_whose_headlines_it_leads():
    """Mara Lind is in a third of a one-story briefing, but in every headline of her trip's articles."""
    trip = [(f"LIND SEEKS CREDIT IN CITY {i}", f"Minister Mara Lind met creditors in city {i}. Creditors "
             "offered little.", ["lind"]) for i in range(4)]
    elsewhere = [(f"PORT TALKS DAY {i}", f"Dockers met the port. Talks go on. Later in the day the minister, "
                  f"Mara Lind, was briefed {i}.", ["lind"]) for i in range(8)]
    recs, bodies = build(trip + elsewhere, n_filler=24)
    assert titled(recs, bodies, 4).startswith("Mara Lind")


@pytest.mark.parametrize("text", ["", " ", "12 34", "$ % . ; :", "Ünïcödé — “quoted” 3.5% and $12bn", "x" * 5000])
def test_odd_texts_never_raise(text):
    names_a_story("pay strike", [text])
    measure("mw", [text])
    fragment("Finance", [text])
    headline_phrases(text)
    HeadlineIndex([("a", text)]).candidates(["a"], 0.3, 4.0, 0.15)
