"""Timeline ordering and labels for TimeML values."""

from __future__ import annotations

import pytest

from generator.site.views import value_label, value_sort_key


@pytest.mark.parametrize("value, label", [
    ("2018-01-10", "10 January 2018"), ("2018-01", "January 2018"), ("2012", "2012"),
    ("2018-W02", "week 2, 2018 (8–14 Jan)"), ("2018-Q1", "Q1 2018"), ("2017-SU", "summer 2017"), ("199", "the 1990s"),
    ("P20Y", "20 years"), ("P1M", "1 month"), ("PXDE", "some decades"), ("PT3H", "3 hours"),
    ("PRESENT_REF", "the present"), ("FY2018", "fiscal year 2018"), ("2018-01-10T15:00", "10 January 2018, 15:00"),
    ("2018-01-10TNI", "10 January 2018, night"),
])
def test_value_label(value, label):
    assert value_label(value) == label


def test_sort_order_is_chronological_with_coarse_before_fine_on_ties():
    values = ["2018-01-10", "2012", "2018-W02", "2018-01", "2017-SU", "2018-Q1", "2018-01-10T15:00"]
    ordered = sorted(values, key=value_sort_key)
    assert ordered[0] == "2012" and ordered[1] == "2017-SU"
    assert ordered.index("2018-W02") > ordered.index("2018-01")


@pytest.mark.parametrize("value", ["PRESENT_REF", "P1M", "XXXX", "2018-02-30", ""])
def test_unplaceable_values_stay_off_the_timeline(value):
    assert value_sort_key(value) is None


@pytest.mark.parametrize("seed", [1, 7, 11])
def test_cooccurrence_is_the_pair_count_in_count_then_id_order(seed):
    """build_views counts with Counter.update; the plain double loop over each article's top actors gives
    the same counts and order (an actor named twice in one record included)."""
    from collections import Counter, defaultdict

    from tests.synthetic import big_briefing
    from generator.site.views import MAX_COOCCURRING_PER_ARTICLE, build_views

    b = big_briefing(50, 40, seed=seed)
    rec = b.articles[0]
    b.articles[0] = rec.model_copy(update={"actors": [*rec.actors, rec.actors[0]]})  # the same id twice
    pairs: dict = defaultdict(Counter)
    for r in b.articles:
        top = [a.id for a in r.actors[:MAX_COOCCURRING_PER_ARTICLE]]
        for x in top:
            for y in top:
                if x != y:
                    pairs[x][y] += 1
    want = {e: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for e, c in pairs.items()}
    assert build_views(b, 1, 1).cooccur == want
