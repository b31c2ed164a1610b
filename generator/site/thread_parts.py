"""What the story threads read of each article alone, made once per article text and kept between builds.

Most of the work of generator/site/threads.py before any grouping is per article and depends on nothing but
the article's headline and body: its word counts (thread_words.article_words), its candidate phrases
(thread_phrases.phrases, before the briefing's noun vocabulary filters them) and how often it writes each word
in lower case or capitalised inside a sentence (the parts of thread_titles.word_casing). Adding one article to
two thousand used to redo all of it for every article; here each article's `Part` is kept on disk
(.cache/state/thread-parts.json) under a digest of its headline and body, and only a new or edited text is
read again. The corpus sums (document frequencies, casing totals) are then added up from the parts in record
order, so the threads are exactly those made without this cache (tests/site/test_thread_parts.py).

The digest also covers FORMAT and the source of the modules that make a part (CODE): a change of how words,
phrases or casing are read makes every kept part stale. A file that is missing, unreadable or of another
format or code is ignored (the parts are made again): it can only save time, never change a thread. Only the
parts of the current articles are written back, so a removed article's part does not stay.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from generator import yamlio
from generator.site import thread_phrase_use, thread_phrases, thread_titles, thread_words
from generator.site.thread_phrases import phrases
from generator.site.thread_titles import _sentence_start
from generator.site.thread_words import article_words

FORMAT = 1
FILE = "thread-parts.json"
MAX_USES = 400  # phrase-use counts kept per article (the latest asked): what the titles ask of it again
_WORD_RE = thread_titles._WORD_RE
# The capitalised words _WORD_RE finds: it finds one word in each run of word characters, apostrophes and
# hyphens, from the run's first ASCII letter to the run's end; here only those whose letter is a capital.
_CAPITALISED = re.compile(r"(?<![\w'’-])(?:(?![A-Za-z])[\w'’-])*([A-Z][\w'’-]*)")


def _code() -> str:
    h = hashlib.sha256(str(FORMAT).encode())
    for module in (thread_words, thread_phrases, thread_titles, thread_phrase_use):
        h.update(Path(module.__file__ or "").read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()


CODE = _code()


@dataclass
class Part:
    words: dict[str, int]  # thread_words.article_words(headline, body)
    phrases: dict[str, tuple[str, int]]  # thread_phrases.phrases(headline + "\n" + body), no filter
    lower: dict[str, int]  # word -> times written in lower case in the body
    upper: dict[str, int]  # word (case-folded) -> times capitalised inside a sentence of the body
    uses: dict[str, list] = field(default_factory=dict)  # thread_phrase_use's counts in headline + body


class Text(str):
    """An article's headline and body as the titles read it, with the memo of what thread_phrase_use counted
    in it (its `uses_memo`: the same phrase asked of the same text gives the same counts)."""

    uses_memo: dict[str, list]

    def __new__(cls, text: str, memo: dict[str, list]) -> "Text":
        made = super().__new__(cls, text)
        made.uses_memo = memo
        return made


def body_casing(body: str) -> tuple[dict[str, int], dict[str, int]]:
    """(lower, upper) counts of one body, as thread_titles.word_casing counts them."""
    lower = Counter(filter(str.islower, _WORD_RE.findall(body)))
    upper: Counter[str] = Counter()
    for m in _CAPITALISED.finditer(body):
        if not _sentence_start(body, m.start(1)):
            upper[m.group(1).casefold()] += 1
    return dict(lower), dict(upper)


def make_part(headline: str, body: str) -> Part:
    lower, upper = body_casing(body)
    return Part(dict(article_words(headline, body)), phrases(headline + "\n" + body), lower, upper)


def casing(parts: Iterable[Part]) -> dict[str, tuple[int, int]]:
    """thread_titles.word_casing over the bodies of these parts."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for p in parts:
        lower.update(p.lower)
        upper.update(p.upper)
    return {w: (lower[w], upper[w]) for w in sorted(lower.keys() | upper.keys())}


def digest(headline: str, body: str) -> str:
    return hashlib.sha256(f"{CODE}\0{headline}\0{body}".encode("utf-8", "surrogatepass")).hexdigest()


class Parts:
    """The parts of the articles' texts: those kept in `file` (None: none kept, none written) and those made."""

    def __init__(self, file: Optional[Path] = None):
        self.file = file
        self.kept: dict[str, Part] = self._load(file) if file is not None else {}
        self.used: dict[str, Part] = {}
        self.made = 0
        self._counted = sum(len(p.uses) for p in self.kept.values())

    @staticmethod
    def _load(file: Path) -> dict[str, Part]:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("code") != CODE:
                return {}
            kept = {}
            for d, (words, found, lower, upper, uses) in data["parts"].items():
                if not all(isinstance(x, dict) for x in (words, found, lower, upper, uses)):
                    return {}
                kept[d] = Part(words, {key: (form, k) for key, (form, k) in found.items()}, lower, upper, uses)
            return kept  # JSON gives str keys; the values are as this module wrote them (FORMAT, CODE)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def of(self, headline: str, body: str) -> Part:
        d = digest(headline, body)
        part = self.used.get(d) or self.kept.get(d)
        if part is None:
            part = make_part(headline, body)
            self.made += 1
        self.used[d] = part
        return part

    def save(self) -> None:
        """Keep the parts used since this was made (the current articles'), when any was made, dropped or
        counted more phrase uses."""
        if self.file is None or (not self.made and self.used.keys() == self.kept.keys()
                                 and sum(len(p.uses) for p in self.used.values()) == self._counted):
            return
        data = {"format": FORMAT, "code": CODE,
                "parts": {d: [p.words, p.phrases, p.lower, p.upper, dict(list(p.uses.items())[-MAX_USES:])]
                          for d, p in sorted(self.used.items())}}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            yamlio.atomic_write_text(self.file, json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                                     durable=False)
        except OSError:
            pass  # a cache: the next build makes the parts again
