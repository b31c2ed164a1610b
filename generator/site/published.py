"""What the last successful build published, and what is new since: the home page's "new since the previous
build" and the thread ids that last from one build to the next.

The manifest (.cache/state/published.json) is written by the pipeline only after site/ was swapped in, so a
build killed at any moment leaves the manifest of the last published site, and its rerun compares with the
same thing an uninterrupted build would have. It holds the ids of the articles, of the entities with a page
and of the quotes that were published, the automatic threads (id -> article ids), and the *change* that
build showed.

What "new" means: the difference between this build and the last published one. When nothing was added or
removed (a rebuild after an edit of a description, or the same input twice), the page shows the last change
again rather than an empty box that flips back and forth: the box describes the latest update of the
briefing, so two builds of the same input give the same page. The very first build has nothing to compare
with and shows no box.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from generator import yamlio
from generator.records import Briefing, Quote

FILE = "published.json"
VERSION = 1


def quote_key(article_id: str, q: Quote) -> str:
    """A quote's identity across builds: its article and its words (offsets move when extraction changes)."""
    return article_id + ":" + hashlib.sha1(" ".join(q.text.split()).encode()).hexdigest()[:10]


@dataclass
class Change:
    """What one build added (ids, in the order the home page lists them) and how many articles it removed."""

    articles: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    removed: int = 0

    def __bool__(self) -> bool:
        return bool(self.articles or self.entities or self.quotes or self.removed)

    def as_json(self) -> dict:
        return {"articles": self.articles, "entities": self.entities, "quotes": self.quotes, "removed": self.removed}

    @classmethod
    def from_json(cls, data) -> "Change":
        try:
            return cls([str(x) for x in data.get("articles", [])], [str(x) for x in data.get("entities", [])],
                       [str(x) for x in data.get("quotes", [])], int(data.get("removed", 0)))
        except (AttributeError, TypeError, ValueError):
            return cls()


@dataclass
class Published:
    """The previous build's manifest (None: no build was published here yet) and, once this build's pages are
    rendered, this build's (`current`), which the pipeline saves after the site swap."""

    previous: Optional[dict] = None
    current: Optional[dict] = None

    @classmethod
    def load(cls, state: Path) -> "Published":
        try:
            data = json.loads((state / FILE).read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == VERSION:
                return cls(previous=data)
        except (OSError, ValueError):
            pass
        return cls()

    def previous_threads(self) -> dict[str, list[str]]:
        threads = (self.previous or {}).get("threads", {})
        return {str(k): [str(a) for a in v] for k, v in threads.items() if isinstance(v, list)} \
            if isinstance(threads, dict) else {}

    def previous_moved(self) -> dict[str, str]:
        moved = (self.previous or {}).get("moved", {})
        return {str(k): str(v) for k, v in moved.items()} if isinstance(moved, dict) else {}

    def save(self, state: Path) -> None:
        if self.current is not None:
            state.mkdir(parents=True, exist_ok=True)
            yamlio.atomic_write_text(state / FILE, json.dumps(self.current, sort_keys=True), durable=False)


def published_sets(b: Briefing, pages: set[str]) -> dict[str, list[str]]:
    return {"articles": sorted(r.id for r in b.articles), "entities": sorted(pages),
            "quotes": sorted({quote_key(r.id, q) for r in b.articles for q in r.quotes if q.kind != "partial"})}


def change_since(b: Briefing, pages: set[str], articles_of: dict, previous: Optional[dict]) -> Change:
    """What this build adds to the previous published one (the last change again when it adds and removes
    nothing; nothing at all without a previous build)."""
    if previous is None:
        return Change()
    now = published_sets(b, pages)
    if all(now[k] == previous.get(k) for k in now):
        return _existing(Change.from_json(previous.get("change", {})), b, pages)
    before = {k: set(previous.get(k) or []) for k in now}
    arts = [r.id for r in b.articles if r.id not in before["articles"]]  # newest first, as everywhere
    ents = sorted((e for e in pages if e not in before["entities"]), key=lambda e: (-len(articles_of.get(e, [])), e))
    quotes = [quote_key(r.id, q) for r in b.articles for q in r.quotes if q.kind != "partial"
              and quote_key(r.id, q) not in before["quotes"]]
    removed = len(before["articles"] - set(now["articles"]))
    return Change(arts, ents, list(dict.fromkeys(quotes)), removed)


def _existing(c: Change, b: Briefing, pages: set[str]) -> Change:
    """The stored change, without ids this briefing no longer has (a damaged or hand-edited manifest)."""
    ids = {r.id for r in b.articles}
    return Change([a for a in c.articles if a in ids], [e for e in c.entities if e in pages],
                  [q for q in c.quotes if q.partition(":")[0] in ids], c.removed)


def manifest(b: Briefing, pages: set[str], change: Change, threads: dict[str, list[str]],
             moved: dict[str, str]) -> dict:
    """`threads`: the automatic threads (id -> article ids); `moved`: old thread ids -> the thread now."""
    return {"version": VERSION, **published_sets(b, pages), "threads": threads, "moved": moved,
            "change": change.as_json()}


@dataclass
class Fresh:
    """A change as the home page shows it: the records, entity ids and quotes it names."""

    articles: list = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    quotes: list = field(default_factory=list)  # QuoteView, article order
    removed: int = 0
    example: Any = None  # one new quote whose speaker has a name in the registry, to show

    def __bool__(self) -> bool:
        return bool(self.articles or self.entities or self.quotes or self.removed)


def fresh(change: Change, b: Briefing, quote_views: dict) -> Fresh:
    """`quote_views`: the Views' quotes by speaker, where the change's quote keys are looked up."""
    by_id = {r.id: r for r in b.articles}
    wanted = set(change.quotes)
    found: dict[str, Any] = {}
    for key in sorted(quote_views):
        for qv in quote_views[key]:
            k = quote_key(qv.article.id, qv.quote)
            if k in wanted and qv.quote.kind != "partial":
                found.setdefault(k, qv)
    quotes = [found[k] for k in change.quotes if k in found]
    example = next((qv for qv in quotes if qv.quote.speaker in b.entities and 40 <= len(qv.quote.text) <= 320),
                   None)
    return Fresh([by_id[a] for a in change.articles if a in by_id], list(change.entities), quotes, change.removed,
                 example)
