"""What one extraction plan saw, for the next plan: the registry patterns found in each body, and the cache
entries it read and left as they were.

Which registry patterns occur in a text (PatternIndex.relevant) is decided pattern by pattern, so under a new
pattern set it is the old list less the removed patterns plus the added ones that occur: only the added ones are
searched for. Two plans use this:

- the second pass of a build, after grow added names to the registry, reuses the first pass in memory: the
  found lists, and every cache entry the first pass read and did not write (`entries`; an entry written in
  between, refreshed or parsed, is read again from its file);
- the next build reuses the found lists from .cache/state/extract-found.json, with the pattern set they were
  found with. That file is only a memo: missing, unreadable or of another shape, it is ignored (every body is
  searched as before); a body it does not know is searched in full.

The records and cache files are the same as without it (tests/extract/test_seen.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Optional

from generator.extract.cache import Entry, Pattern, PatternIndex
from generator.yamlio import atomic_write_text

FILE = "extract-found.json"
FORMAT = 1
FEW = 256  # up to this many added patterns, each is searched for as a phrase first (PatternIndex.occurring)


class Seen:
    def __init__(self, patterns: Optional[frozenset[Pattern]] = None,
                 found: Optional[dict[str, list[Pattern]]] = None):
        self.patterns = patterns  # the pattern set the `found` lists were computed with (None: no lists)
        self.found: dict[str, list[Pattern]] = found or {}  # text key -> the patterns occurring in its body
        self.entries: dict[str, Entry] = {}  # text key -> its cache entry as read by this process and not written since
        self.changed = False  # found or patterns differ from what was loaded: worth saving

    def finder(self, patterns: tuple[Pattern, ...]) -> Callable[[str, str], list[Pattern]]:
        """relevant(key, body): the patterns occurring in body, as PatternIndex(patterns).relevant(body) gives them."""
        full: list[PatternIndex] = []

        def in_full(body: str) -> list[Pattern]:
            if not full:
                full.append(PatternIndex(patterns))
            return full[0].relevant(body)

        if self.patterns is None:
            return lambda key, body: in_full(body)
        now = frozenset(patterns)
        added, removed = now - self.patterns, self.patterns - now
        extra = PatternIndex(tuple(sorted(added)))
        search = extra.occurring if len(added) <= FEW else extra.relevant
        known = self.found

        def relevant(key: str, body: str) -> list[Pattern]:
            old = known.get(key)
            if old is None:
                return in_full(body)
            kept = [p for p in old if p not in removed] if removed else list(old)
            more = search(body) if added else []
            return sorted(set(kept) | set(more)) if more else kept

        return relevant

    def update(self, patterns: tuple[Pattern, ...], found: dict[str, list[Pattern]]) -> None:
        """What this plan found: the next plan starts from it."""
        now = frozenset(patterns)
        if now != self.patterns or found != self.found:
            self.changed = True
        self.patterns, self.found = now, found

    def save(self, path: Path) -> None:
        if not self.changed or self.patterns is None:
            return
        data = {"format": FORMAT, "patterns": sorted(self.patterns),
                "found": {key: self.found[key] for key in sorted(self.found)}}
        try:
            atomic_write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")), durable=False)
        except (OSError, UnicodeError):
            return  # only a memo: the next build searches every body again
        self.changed = False


def load(path: Path) -> Seen:
    """The found lists the last build saved, or an empty Seen when there are none or they cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return Seen()
        patterns = frozenset(_pattern(p) for p in data["patterns"])
        found = {str(key): sorted({_pattern(p) for p in lists}) for key, lists in data["found"].items()}
        if any(p not in patterns for lists in found.values() for p in lists):
            return Seen()  # not one consistent memo
        return Seen(patterns, found)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Seen()


def _pattern(p) -> Pattern:
    label, phrase, ent_id = p
    if not (isinstance(label, str) and isinstance(phrase, str) and isinstance(ent_id, str)):
        raise TypeError("a pattern is three strings")
    return label, phrase, ent_id
