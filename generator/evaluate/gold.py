"""Gold sets as plain records: MEANTIME (entities, time expressions) and PolNeAR (quotes, sources).

MEANTIME's `text` is headline, date line, body. The extractor is fed the same text with the date line
blanked to spaces (same length, so gold offsets need no mapping): the date line is metadata, given to
the extractor as the publication date, and its CREATION_TIME expression is not scored. A malformed `dct`
is read from the date line itself; failing that, the document is evaluated with no publication date.
MEANTIME annotates only the start of each article (headline, date line and the first four sentences,
one a line): the extractor reads the whole text, but only what it finds in that region is scored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

NAME_TYPES = ("PER", "ORG", "LOC", "PRO")
ANNOTATED_LINES = 6
PROPER = ("NAM", "PRE.NAM")  # proper names, also as pre-modifiers ("the US company")


@dataclass
class Span:
    start: int
    end: int
    label: str = ""
    value: Optional[str] = None


@dataclass
class EntityDoc:
    doc_id: str
    text: str  # what the extractor reads (date line blanked)
    dct: Optional[dt.date]
    entities: list[Span]  # proper names (NAM) of the four types, composites removed
    composites: list[Span]  # names made of names ("Boeing and Lockheed Martin") or of no scored type
    # (FIN, MIX, untyped): finding them is neither right nor wrong
    timexes: list[Span]
    scored_end: int = 0  # end of the annotated region: system output after it is not scored


@dataclass
class Attribution:
    contents: list[tuple[int, int]]
    source: Optional[tuple[int, int]]
    source_text: Optional[str]
    direct: bool


@dataclass
class QuoteDoc:
    doc_id: str
    text: str
    dct: Optional[dt.date]
    attributions: list[Attribution] = field(default_factory=list)


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def parse_date(value: Optional[str], fallback_line: str = "") -> Optional[dt.date]:
    """An ISO date; else the date written on the date line ('February 03, 2009'); else None."""
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        pass
    from generator.extract.timex import normalise

    _, v = normalise(fallback_line.strip(), None)
    if v and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return dt.date.fromisoformat(v)
    return None


def blank_date_line(text: str) -> tuple[str, str]:
    """(text with its second line replaced by spaces, the date line)."""
    first = text.find("\n")
    if first < 0:
        return text, ""
    second = text.find("\n", first + 1)
    second = len(text) if second < 0 else second
    line = text[first + 1:second]
    return text[:first + 1] + " " * len(line) + text[second:], line


def annotated_end(text: str, lines: int = ANNOTATED_LINES) -> int:
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return len(text)
    return end


def meantime(path: Path) -> list[EntityDoc]:
    docs = []
    for row in read_jsonl(path):
        text, date_line = blank_date_line(row["text"])
        proper = [e for e in row.get("entities", []) if e.get("syntactic_type") in PROPER
                  and e.get("start") is not None]
        names = [Span(e["start"], e["end"], e["ent_type"]) for e in proper if e.get("ent_type") in NAME_TYPES]
        names = list({(s.start, s.end, s.label): s for s in names}.values())
        composites = [s for s in names if any(o is not s and s.start <= o.start and o.end <= s.end
                                              and (o.start, o.end) != (s.start, s.end) for o in names)]
        composites += [Span(e["start"], e["end"], "") for e in proper if e.get("ent_type") not in NAME_TYPES]
        entities = [s for s in names if s not in composites]
        timexes = [Span(t["start"], t["end"], t.get("type") or "", t.get("value"))
                   for t in row.get("timexes", [])
                   if t.get("start") is not None and t.get("functionInDocument") != "CREATION_TIME"]
        docs.append(EntityDoc(str(row["doc_id"]), text, parse_date(row.get("dct"), date_line),
                              entities, composites, timexes, annotated_end(text)))
    return docs


def polnear(path: Path) -> list[QuoteDoc]:
    docs = []
    for row in read_jsonl(path):
        doc = QuoteDoc(str(row["doc_id"]), row["text"], parse_date(row.get("publication_date")))
        for a in row.get("attributions", []):
            contents = [(c["start"], c["end"]) for c in a.get("contents") or [] if c and c.get("start") is not None]
            src = a.get("source")
            source = (src["start"], src["end"]) if src and src.get("start") is not None else None
            doc.attributions.append(Attribution(contents, source, src.get("text") if src else None,
                                                bool(a.get("direct"))))
        docs.append(doc)
    return docs
