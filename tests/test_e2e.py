"""End to end: the two real seed articles, the real model, a real `mkdocs build --strict`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.e2e

VERIZON = "verizon-has-reportedly-followed-in-the-footsteps-of-at-t"
MATES = "no-american-mates-for-the-mate-10-smartphone"


def record(root: Path, art_id: str) -> dict:
    return yaml.safe_load((root / "content" / "articles" / f"{art_id}.yml").read_text(encoding="utf-8"))


def html(root: Path, page: str) -> str:
    return (root / "site" / page).read_text(encoding="utf-8")


def test_build_reports_both_articles(seed_build):
    root, report = seed_build
    assert report.articles == 2
    assert report.extract.parsed >= 2  # plus re-parses where newly created entities add mentions
    assert not report.problems.errors
    assert (root / "site" / "index.html").exists()


def test_ingest_title_date_and_clean_body(seed_build):
    root, _ = seed_build
    mates = record(root, MATES)
    assert mates["title"] == "No American mates for the Mate 10 smartphone"
    assert str(mates["published"]) == "2018-01-10"
    assert mates["standfirst"][0] == "Won't sell the new handsets in the US"
    verizon = record(root, VERIZON)
    assert verizon["published"] is None
    assert verizon["title"].startswith("Verizon has reportedly followed in the footsteps of AT&T")
    page = html(root, f"articles/{VERIZON}.html")
    assert "µ" not in page  # the stray end mark is gone
    assert "VERIZON" in page  # ... but the displayed text is not rewritten


def test_caps_lede_does_not_fool_ner(seed_build):
    root, _ = seed_build
    names = {a["name"] for a in record(root, VERIZON)["actors"]}
    assert not any(n.isupper() and " " in n for n in names), names
    assert "Verizon" in names and "VERIZON HAS" not in names


def test_us_variants_and_possessives_are_one_entity(seed_build):
    root, _ = seed_build
    rec = record(root, VERIZON)
    ids = [a["id"] for a in rec["actors"]]
    assert ids.count("united-states") == 1
    assert not any(i in ids for i in ("us", "u-s", "the-us"))
    huawei = next(a for a in rec["actors"] if a["id"] == "huawei")
    body_spans = [tuple(s) for s in huawei["spans"]]
    # "Huawei's role" counts as a Huawei mention, without the 's
    assert huawei["mentions"] >= 6 and len(body_spans) == huawei["mentions"]
    assert (root / "content" / "entities" / "huawei.yml").exists()


def test_richard_yu_quotes_resolved_through_pronoun(seed_build):
    root, _ = seed_build
    quotes = record(root, VERIZON)["quotes"]
    yu = [q for q in quotes if q["speaker"] == "richard-yu"]
    assert len(yu) == 2
    assert yu[0]["text"].startswith("Everybody knows") and yu[0]["speaker_text"] == "he" and yu[0]["cue"] == "said"
    assert yu[1]["text"].startswith("It's a big loss")


def test_unnamed_official_stays_described(seed_build):
    root, _ = seed_build
    quotes = record(root, VERIZON)["quotes"]
    added = next(q for q in quotes if q["text"].startswith("We have to have a secure network"))
    assert added["cue"] == "added"
    assert added["speaker"] is None
    assert "senior official" in added["speaker_label"]


def test_scare_quotes_are_partial(seed_build):
    root, _ = seed_build
    quotes = record(root, VERIZON)["quotes"]
    scare = next(q for q in quotes if q["text"] == "Chinese espionage")
    assert scare["kind"] == "partial" and scare["speaker"] is None


def test_dates_resolved_against_publication_date(seed_build):
    root, _ = seed_build
    mates = {d["text"]: d for d in record(root, MATES)["dates"]}
    assert mates["Today"]["value"] == "2018-01-10"
    verizon = {d["text"]: d for d in record(root, VERIZON)["dates"]}
    assert verizon["2012"]["value"] == "2012"
    assert verizon["this week"]["value"] is None  # no publication date: no guess


def test_every_fact_has_offsets_into_the_body(seed_build):
    root, _ = seed_build
    from generator.ingest import ingest_file

    art, _ = ingest_file(root / "seeds" / "000_2ae35d2baa106c35.txt", root, 10**7)
    rec = record(root, VERIZON)
    for q in rec["quotes"]:
        assert art.body[q["start"]:q["end"]] == q["text"]
        if q["speaker_span"]:
            assert art.body[q["speaker_span"][0]:q["speaker_span"][1]] == q["speaker_text"]
    for d in rec["dates"]:
        assert art.body[d["start"]:d["end"]] == d["text"]
    from generator.extract.orgs import key  # a spelling variant (FCC) names its canonical entity

    for a in rec["actors"]:
        for s, e in a["spans"]:
            assert art.body[s:e].replace("’", "'").lower().startswith(a["name"][:2].lower()) or \
                a["id"] == "united-states" or key(art.body[s:e]) == key(a["name"])


def test_entity_page_lists_quotes_and_links_to_sentences(seed_build):
    root, _ = seed_build
    page = html(root, "entities/richard-yu.html")
    assert page.count("Everybody knows that in the US market") == 1
    assert "It&rsquo;s a big loss" in page or "It's a big loss" in page or "It&#39;s a big loss" in page
    anchors = re.findall(rf'href="\.\./articles/{VERIZON}\.html#(s-\d+)"', page)
    assert anchors
    article = html(root, f"articles/{VERIZON}.html")
    for anchor in anchors:
        assert f'id="{anchor}"' in article


def test_article_page_links_mentions_to_entity_pages(seed_build):
    root, _ = seed_build
    article = html(root, f"articles/{VERIZON}.html")
    assert 'href="../entities/richard-yu.html"' in article
    assert 'class="s" id="s-1"' in article


def test_pages_timeline_quotes_topics(seed_build):
    root, _ = seed_build
    timeline = html(root, "timeline.html")
    assert timeline.index("2012") < timeline.index("10 January 2018")
    quotes = html(root, "quotes.html")
    assert "Richard Yu" in quotes and 'href="quotes/by/richard-yu.html"' in quotes  # an index of speakers
    assert "Everybody knows" in html(root, "quotes/by/richard-yu.html")
    assert "senior official" in html(root, "quotes/unnamed.html")
    home = html(root, "index.html")
    for section in ("Story threads", "Who matters", "Who is involved", "Latest articles"):
        assert section in home
    assert not list((root / "content" / "topics").glob("*.yml"))  # no topic is proposed: threads group articles
    assert list((root / "site" / "threads").glob("*.html"))


def test_nav_stays_small(seed_build):
    root, _ = seed_build
    home = html(root, "index.html")
    tabs = home[home.index('class="md-tabs"'):]
    tabs = tabs[: tabs.index("</nav>")]
    start = home.index('class="md-nav md-nav--primary')
    primary = home[start: home.index('class="md-nav md-nav--secondary', start)]
    nav_links = re.findall(r'href="([^"]+)"', tabs + primary)
    assert "entities/index.html" in nav_links
    # entity and article pages are reached from the index pages, never listed in the nav
    assert not [link for link in nav_links if re.match(r"(entities|articles)/(?!index)", link)]


def test_a_first_build_counts_every_page_changed_and_no_asset(seed_build):
    _, report = seed_build
    assert report.pages > 0 and report.pages_written == report.pages  # the stylesheet is no page


def test_second_build_uses_cache_and_changes_nothing(seed_build, tmp_path):
    root, _ = seed_build
    from generator.pipeline import build

    before = {p: p.read_bytes() for p in sorted((root / "content").rglob("*.yml"))}
    report = build(root, progress=False, publish=False)
    assert report.extract.parsed == 0 and report.extract.cached == 2
    after = {p: p.read_bytes() for p in sorted((root / "content").rglob("*.yml"))}
    assert before == after
    assert report.pages_written == 0
