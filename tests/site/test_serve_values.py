"""`make serve` with a date value the site cannot show: the problem is printed, the preview keeps answering."""

from __future__ import annotations

from tests.site.test_serve import fetch, server, wait_for  # noqa: F401  (the fixture)

RECORD = """\
id: a-day-that-never-was
title: A hearing on a day that never was
published: 2018-03-01
body: The regulator met the company.
review: {status: reviewed}
dates:
- {text: "the hearing", value: "%s", event: "The hearing"}
"""


def test_a_bad_date_value_is_printed_and_the_preview_keeps_answering(server):  # noqa: F811
    root, base, log = server
    path = root / "content" / "articles" / "a-day-that-never-was.yml"
    path.write_text(RECORD % "2018-02-30")
    assert wait_for(lambda: "'2018-02-30' is not a real date" in log.read_text(), 60), log.read_text()
    assert "content/articles/a-day-that-never-was.yml:7" in log.read_text()
    assert fetch(base + "/timeline.html") is not None  # still answering, with the last good site
    assert "Traceback" not in log.read_text()
    path.write_text(RECORD % "2018-02-28")  # fixed: the event appears
    assert wait_for(lambda: "28 February 2018" in (fetch(base + "/timeline.html") or ""), 60), log.read_text()
