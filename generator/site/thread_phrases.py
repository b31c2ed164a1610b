"""The phrases a story is told in: two- and three-word common-noun phrases ("tax returns", "police shooting",
"vice presidential debate") that a thread's articles use and the rest of the briefing does not.

A phrase is a run of lower-case words inside one clause of an article's text (no capitalised word, number or
punctuation between them), none of them a stop word, each word the parser has seen in that role in a noun
phrase (the articles' key phrases): the last word as the last of one, the others as modifiers. It is counted
once per article, keyed by its crudely singular words ("tax returns" = "tax return"); it is shown as the
thread's articles most often write it. Like
a name in a title (thread_titles.py), a phrase must be in MIN_SHARE of the thread's articles and MIN_LIFT times
more common there than in the whole briefing; among those, the one used most (in most articles, and most
often in each: 1 + log of the times) times its rarity (IDF) wins (ties: the longer phrase, then the phrase),
unless the thread's texts use it mostly as a measure or as who tells ("percentage points", "net income",
"banking sources": thread_phrase_use.py), when the next one is tried.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Callable, Iterable, Mapping, Optional

from generator.site.thread_phrase_use import names_a_story
from generator.site.thread_words import STOP, singular

SIZES = (2, 3)
_CLAUSE = re.compile(r"[^\s\w'’-]|\b\w*[A-Z0-9]\w*\b")  # punctuation, capitalised words and numbers cut runs
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
_SHORT_STOP = frozenset("""the and for but not nor was were are has had who its his her you our can may one two
new now out all any how why she him get got did see say per own off too yet via let lot put set top big use
mr mrs ms he it we us an as at by if in is of on or so to up
earlier later today tonight yesterday tomorrow ago again also show shows showed shown""".split())


def _runs(text: str) -> Iterable[list[str]]:
    """Runs of two or more lower-case content words: a clause's words cut again at every stop word."""
    for chunk in _CLAUSE.split(text.replace("’", "'")):
        run: list[str] = []
        for w in _WORD.findall(chunk):
            if _stop(w):
                if len(run) >= 2:
                    yield run
                run = []
            else:
                run.append(w)
        if len(run) >= 2:
            yield run


def _stop(w: str) -> bool:
    return len(w) < 3 or w in _SHORT_STOP or w in STOP or w.endswith("ly") or "'" in w


def phrases(text: str, keep: Optional[Callable[[str], bool]] = None) -> dict[str, tuple[str, int]]:
    """key (singular words) -> (the first surface form, times used), for every candidate phrase of a text
    (that `keep` accepts, when given)."""
    out: dict[str, tuple[str, int]] = {}
    rejected: set[str] = set()
    for toks in _runs(text):
        single = [singular(w) for w in toks]
        for n in SIZES:
            for i in range(len(toks) - n + 1):
                key = " ".join(single[i:i + n])
                if key in out:
                    form, k = out[key]
                    out[key] = (form, k + 1)
                elif key not in rejected:
                    if keep is None or keep(key):
                        out[key] = (" ".join(toks[i:i + n]), 1)
                    else:
                        rejected.add(key)
    return out


def vocabulary(key_phrases: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(every word before the last, every last word) of the parser's key phrases (noun chunks), crudely
    singular: the words seen modifying a noun, and the nouns."""
    words: set[str] = set()
    heads: set[str] = set()
    for phrase in key_phrases:
        toks = [singular(w) for w in phrase.casefold().split()]
        if toks:
            words.update(toks[:-1])
            heads.add(toks[-1])
    return frozenset(words), frozenset(heads)


class PhraseIndex:
    """Each article's candidate phrases and, over the briefing, the articles that use each phrase.
    `key_phrases`: the briefing's key phrases (the parser's noun chunks); when given, a phrase is kept only if
    its last word ends some key phrase and each word before it comes before the last word in some key phrase
    ("tax returns", not "emerged from bankruptcy", "carmaker saw", "finds life" or "best supporting")."""

    def __init__(self, docs: Iterable[tuple[str, str]], key_phrases: Iterable[str] = (),
                 found: Optional[Mapping[str, dict[str, tuple[str, int]]]] = None):
        """`found`: an article's phrases made beforehand by phrases(text) (no `keep`: the same text's, kept in
        generator/site/thread_parts.py), filtered here as phrases(text, keep) would (the same keys, forms and
        counts: a phrase's first form and its count do not depend on which other phrases are kept)."""
        self.words, self.heads = vocabulary(key_phrases)
        self.of: dict[str, dict[str, tuple[str, int]]] = {}
        self.text: dict[str, str] = {}
        self._noun: dict[str, bool] = {}
        keep = self.noun_phrase if self.heads else None
        for aid, text in docs:
            made = found.get(aid) if found is not None else None
            if made is None:
                self.of[aid] = phrases(text, keep)
            else:
                self.of[aid] = {k: v for k, v in made.items() if keep(k)} if keep is not None else dict(made)
            self.text[aid] = text
        self.df: Counter[str] = Counter()
        for phrases_of in self.of.values():
            self.df.update(phrases_of.keys())
        self.n = len(self.of)

    def noun_phrase(self, key: str) -> bool:
        known = self._noun.get(key)
        if known is None:
            toks = key.split()
            known = self._noun[key] = toks[-1] in self.heads and all(w in self.words for w in toks[:-1])
        return known

    def best(self, ids: list[str], min_share: float, min_lift: float, max_df_share: float,
             avoid: Iterable[str] = ()) -> Optional[str]:
        """The most distinctive phrase of these articles (surface form), None when none is distinctive enough.
        `avoid`: names already in the title; a phrase sharing a word with one says nothing new."""
        k = len(ids)
        if not k or not self.n:
            return None
        inside: Counter[str] = Counter()
        uses: dict[str, float] = defaultdict(float)  # sublinear: an article that says it often counts for a little more
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for aid in ids:
            for key, (form, times) in self.of.get(aid, {}).items():
                inside[key] += 1
                uses[key] += 1.0 + math.log(times)
                forms[key][form] += times
        taken = {w for name in avoid for w in name.casefold().split()}
        need = max(2, math.ceil(min_share * k))
        scored = []
        for key, c in inside.items():
            df = self.df[key]
            if c < need or df > max_df_share * self.n or (c / k) < min_lift * df / self.n:
                continue
            if set(key.split()) & taken or set(forms[key].most_common(1)[0][0].split()) & taken:
                continue
            scored.append((-(uses[key] / k) * math.sqrt(math.log((self.n + 1) / df)), -len(key.split()), key))
        for _, _, key in sorted(scored):
            if self.names_a_story(key, ids):
                return min(forms[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        return None

    def names_a_story(self, key: str, ids: list[str]) -> bool:
        """The phrase (singular words) is not, in these articles' texts, mostly a measure or who tells
        (thread_phrase_use.py)."""
        return names_a_story(key, (self.text.get(aid, "") for aid in ids))
