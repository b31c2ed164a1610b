"""Search that finds the thing (issue 17), with Pagefind: the search page of a Pagefind build puts an
entity's own page first for its name and for an alias. (Material's search is covered in test_briefing.py.)
The queries run through the same helpers as `python -m tools.search_rank`, which measures the ranking on a
large build."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.browser.conftest import Reader
from tests.helpers import make_project
from tools.search_rank import pagefind_results, rank, serve, top_persons

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pagefind_build(tmp_path_factory):
    """The seeds built with `search: pagefind`, served on 127.0.0.1."""
    from generator.pipeline import build

    mp = pytest.MonkeyPatch()
    mp.setenv("BRIEFING_SEARCH", "pagefind")
    try:
        root = make_project(tmp_path_factory.mktemp("pfrank") / "proj")
        report = build(root, progress=False)
    finally:
        mp.undo()
    assert report.search == "pagefind"
    for base in serve(root / "site"):
        yield root / "site", base


@pytest.fixture
def pf_reader(light_context, pagefind_build):
    r = Reader(light_context.new_page(), pagefind_build[1])
    yield r
    r.page.close()
    assert not r.problems, "\n".join(r.problems)


def _alias(site: Path) -> tuple[str, str] | None:
    for path in sorted((site / "entities").glob("*.html")):
        m = re.search(r"also written <span[^>]*>“([^”]+)”", path.read_text(encoding="utf-8"))
        if m and len(m.group(1)) >= 3:
            return f"entities/{path.name}", html.unescape(m.group(1))
    return None


@pytest.mark.parametrize("query, expected", [("Richard Yu", "entities/richard-yu.html"),
                                             ("Huawei", "entities/huawei.html"),
                                             ("Verizon", "entities/verizon.html")])
def test_pagefind_puts_the_entitys_page_first_for_its_name(pf_reader, query, expected):
    page = pf_reader.open("search.html")
    found = pagefind_results(page, query)
    assert found and rank(found, expected) == 1, f"{query!r}: {found[:5]}"
    pf_reader.shot(f"23-pagefind-{query.lower().replace(' ', '-')}", full_page=False)


def test_pagefind_puts_the_entitys_page_first_for_an_alias(pf_reader, pagefind_build):
    found = _alias(pagefind_build[0])
    if found is None:
        pytest.skip("no entity of the seeds has an alias in this build")
    target, alias = found
    results = pagefind_results(pf_reader.open("search.html"), alias)
    assert results and rank(results, target) == 1, f"{alias!r}: {results[:5]}"
    pf_reader.shot("24-pagefind-alias", full_page=False)


def test_the_most_mentioned_persons_pages_come_first(pf_reader, pagefind_build):
    site = pagefind_build[0]
    people = top_persons(site, 3)
    assert people, "the seeds name people"
    for ent in people:
        results = pagefind_results(pf_reader.open("search.html"), ent["name"])
        assert rank(results, ent["page"]) == 1, f"{ent['name']!r}: {results[:5]}"
