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
