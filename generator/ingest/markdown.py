"""Reader of Markdown seeds (.md): YAML front matter (title, published, source, url, standfirst), then the body."""

from __future__ import annotations

import datetime as dt
import re

from generator import yamlio
from generator.ingest.dates import parse_iso_date
from generator.ingest.text import IngestError, strip_end_marks


def split_front_matter(text: str) -> tuple[dict, str]:
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if not end:
        raise IngestError("front matter starts with '---' but has no closing '---' line", line=1,
                          key="front matter")
    try:  # a leading newline stands for the opening '---', so that every line number is the file's
        loaded = yamlio.loads("\n" + text[4:4 + end.start()])
    except yamlio.YamlFileError as exc:
        raise IngestError(str(exc), line=exc.line, key="front matter") from None
    meta = loaded.data or {}
    if not isinstance(meta, dict):
        raise IngestError("front matter must be a mapping of keys to values", line=2, key="front matter")
    allowed = {"title", "published", "date", "source", "url", "standfirst"}
    for key in meta:
        line = loaded.lines.get((key,)) or 1
        if key not in allowed:
            raise IngestError(f"unknown front-matter key (allowed: {', '.join(sorted(allowed))})",
                              line=line, key=str(key))
        value = meta[key]
        if value is None:
            continue
        if key in ("published", "date"):
            ok = isinstance(value, (dt.date, str))
        elif key == "standfirst":
            ok = isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        else:
            ok = isinstance(value, str) or (key == "title" and isinstance(value, (int, float))
                                            and not isinstance(value, bool))
        if not ok:
            want = {"published": "a date YYYY-MM-DD", "date": "a date YYYY-MM-DD",
                    "standfirst": "text or a list of lines of text"}.get(key, "text")
            raise IngestError(f"must be {want}, not {type(value).__name__}", line=line, key=str(key))
    return meta, text[4 + end.end():].lstrip("\n")


def read_markdown(text: str) -> tuple[dict, dt.date | None, str | None, list[str], str]:
    """(front matter, published, headline, standfirst lines, body) from a Markdown seed."""
    meta, body = split_front_matter(text)
    body = strip_end_marks(body.replace("\r\n", "\n"))
    headline = meta.get("title")
    raw_date = meta.get("published", meta.get("date"))
    published = None
    if isinstance(raw_date, dt.datetime):
        published = raw_date.date()
    elif isinstance(raw_date, dt.date):
        published = raw_date
    elif raw_date not in (None, ""):
        published = parse_iso_date(str(raw_date), line=None, key="published")
    sf = meta.get("standfirst") or []
    standfirst = [sf] if isinstance(sf, str) else [str(s) for s in sf]
    return meta, published, headline, standfirst, body
