"""Reader of plain-text seeds (.txt), as pasted: an optional date line, a headline, standfirst lines, the body."""

from __future__ import annotations

import datetime as dt
import re

from generator.ingest.dates import parse_iso_date
from generator.ingest.text import PARA_SPLIT, strip_end_marks
from generator.ingest.titles import first_line_headline

# possessive quantifiers (*+): no backtracking, so a first line of 20,000 spaces costs microseconds, not seconds
_DATE_LINE = re.compile(r"^\s*+(?:date|published|dateline)\s*+:?\s*+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def _is_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 200 and "\n" not in line and not _SENTENCE_END.search(line)


def split_plain_text(text: str) -> tuple[dt.date | None, str | None, list[str], str]:
    """(published, headline, standfirst lines, body) from a plain-text seed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    published = None
    headline = None
    first_nl = text.find("\n")
    first_line = text if first_nl < 0 else text[:first_nl]
    m = _DATE_LINE.match(first_line)
    rest = text
    if m:
        published = parse_iso_date(m.group(1), line=1, key="date")
        rest = text[len(first_line):]
        if m.group(2).strip():
            headline = m.group(2).strip()
    paragraphs = [p for p in PARA_SPLIT.split(rest) if p.strip()]
    floor = 0  # the body starts at or after this offset of rest
    if headline is None and len(paragraphs) > 1 and _is_headline(paragraphs[0]):
        headline = paragraphs.pop(0).strip()
    elif headline is None and paragraphs and (line := first_line_headline(paragraphs[0])) is not None:
        # a headline on its own line with the text right under it: the body starts on the next line
        headline = line
        floor = rest.find(paragraphs[0]) + paragraphs[0].index(line) + len(line)
        paragraphs[0] = paragraphs[0][paragraphs[0].index(line) + len(line):].lstrip("\n \t")
    standfirst: list[str] = []
    if headline is not None:
        while len(paragraphs) > 1 and _is_headline(paragraphs[0]) and len(paragraphs[0]) <= 160:
            standfirst.append(" ".join(paragraphs.pop(0).split()))
    # the body is the original text from the first body paragraph on, framing removed
    if paragraphs:
        start = rest.find(paragraphs[0], floor)
        body = rest[start:]
    else:
        body = ""
    body = strip_end_marks(body)
    return published, headline, standfirst, body
