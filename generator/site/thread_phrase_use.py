"""How a phrase is used in a thread's texts, which says whether it can name a story line.

Two kinds of phrase are distinctive of a group of articles without naming what happened:

- a **measure**: "percentage points", "net income", "net loss", "million dollars" are written beside a
  number ("5 percentage points", "net income of 3.2 mln dlrs", "net loss fell 20 pct"); a thread of polls or
  of quarterly results shares them, but they are units, not a story;
- **who tells**: "banking sources", "government officials", "senior analysts" are written as the speaker of
  reported speech ("banking sources said", "according to government officials"); they say who told the
  story, not what it is.

A phrase is one of these when at least USE_SHARE of its uses in the thread's texts are: a number just before
it (digits, a number word; a year is not a quantity), or an amount (a number with a scale or unit: "14.7 mln
dlrs", "$5", "3 pct", "20%") at most AFTER tokens after it in the same sentence; or a verb of saying right
after it, or "according to" right before it. An age or a date ("the shooting of 43-year-old", "on Sept. 16")
is no amount. Matching is by the crudely singular words (thread_words.singular), as the phrases are keyed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable

from generator.site.thread_words import singular

USE_SHARE = 0.5
AFTER = 2  # tokens after a phrase within which an amount starts makes it a measure ("net income of 3.2 mln")
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d+(?:[.,]\d+)*|[%$£€¥]|[.;:!?](?=\s|$)|\n")  # a line ends a sentence
_YEAR = re.compile(r"(1[89]|20)\d\d")
NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
forty fifty sixty seventy eighty ninety hundred thousand million billion trillion mln bln billions millions
dozen dozens""".split())
UNIT_WORDS = frozenset("""mln bln million billion trillion pct percent per dlrs dollars dollar pounds pound euros
euro yen points point %""".split())
_CURRENCY = frozenset("$£€¥")
_END = frozenset(".;:!?\n")
SAY_WORDS = frozenset("""said say says saying told tell tells added add adds noted note notes reported report
reports estimated estimate estimates expect expects expected believe believes believed warned warn warns
predicted predict predicts insisted insist insists argued argue argues suggested claimed claim claims
acknowledged confirmed confirm confirms stressed cautioned""".split())


def _number(tok: str) -> bool:
    if tok[:1].isdigit():
        return not _YEAR.fullmatch(tok)
    return tok.casefold() in NUMBER_WORDS


def _amount(toks: list[str]) -> bool:
    """An amount among these tokens (up to a sentence's end): a currency sign before a number, or a number
    before a scale or unit ("30 mln dlrs", "3 pct", "20 %")."""
    for i, tok in enumerate(toks):
        if tok in _END:
            return False
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if (tok in _CURRENCY and nxt[:1].isdigit()) or (_number(tok) and nxt.casefold() in UNIT_WORDS):
            return True
    return False


@lru_cache(maxsize=4096)  # the same phrase is looked for in many threads' texts: compiled once
def _pattern(want: tuple[str, ...]) -> re.Pattern:
    """The words in sequence, each in any casing and with a short ending ('loan' finds 'Loans'); a match is
    then kept only when its words are crudely singular the words wanted."""
    words = [re.escape(w[:-1] if w.endswith("y") else w) + r"[\w'’-]{0,4}" for w in want]
    return re.compile(r"(?<![\w'’-])" + r"\s+".join(f"({w})" for w in words) + r"(?![\w'’-])", re.I)


def uses(key: str, texts: Iterable[str]) -> tuple[int, int, int]:
    """(uses of the phrase `key` (singular words, space-separated) in the texts, uses beside a number, uses as
    the teller of reported speech). Found by one regular expression per phrase, and only the few tokens
    around each use are looked at: a thread's texts are read in C, not word by word in Python. A text that
    carries a memo (`uses_memo`, a dict: generator/site/thread_parts.py keeps it between builds) gives the
    counts it gave before for the same phrase; the counts of the texts are added up."""
    want = key.split()
    if not want:
        return 0, 0, 0
    total, measure, teller = _summed(texts, "u:" + key, lambda text: _uses_in(want, text), 3)
    return total, measure, teller


def _summed(texts: Iterable[str], memo_key: str, count: Callable[[str], tuple[int, ...]], width: int) -> tuple[int, ...]:
    """count(text) added up over the texts; a text that carries a memo (`uses_memo`) gives what it gave before
    under memo_key, and keeps what it gives now."""
    sums = [0] * width
    for text in texts:
        memo = getattr(text, "uses_memo", None)
        found = memo.get(memo_key) if memo is not None else None
        if found is None:
            found = count(text)
            if memo is not None:
                memo[memo_key] = found
        sums = [a + b for a, b in zip(sums, found)]
    return tuple(sums)


def _uses_in(want: list[str], text: str) -> tuple[int, int, int]:
    total = measure = teller = 0
    pat = _pattern(tuple(want))
    for m in pat.finditer(text):
        if [singular(g.casefold().replace("’", "'").removesuffix("'s")) for g in m.groups()] != want:
            continue
        total += 1
        before = _TOKEN.findall(text[max(0, m.start() - 40):m.start()])
        after = _TOKEN.findall(text[m.end():m.end() + 120])[:AFTER + 1]
        if (before and _number(before[-1])) or _amount(after):
            measure += 1
        nxt = after[0].casefold() if after else ""
        if nxt in SAY_WORDS or [t.casefold() for t in before[-2:]] == ["according", "to"]:
            teller += 1
    return total, measure, teller


def measure(key: str, texts: Iterable[str]) -> bool:
    """The words (singular, space-separated) are mostly written as a measure in these texts: a name the
    tagger found in "1,200 MW" or "3 Bcf" is a unit, not an actor."""
    total, beside_number, _ = uses(key, texts)
    return total > 0 and beside_number >= USE_SHARE * total


def fragment(name: str, texts: Iterable[str]) -> bool:
    """A one-word name these texts mostly write as the first word of a longer capitalised one ("Finance" of
    "Finance Minister Dilson Funaro", "Commerce" of "Commerce Department", "Banco" of "Banco do Brasil"): an
    office or a piece of a name, not an actor. (A text's `uses_memo`, as in `uses`, keeps its counts.)"""
    if " " in name.strip() or not name[:1].isupper():
        return False
    total, longer = _summed(texts, "f:" + name, lambda text: _fragments_in(name, text), 2)
    return total > 0 and longer >= USE_SHARE * total


def _fragments_in(name: str, text: str) -> tuple[int, int]:
    total = longer = 0
    for m in re.finditer(r"\b" + re.escape(name) + r"\b(\s+(?:(?:of|the|de|do|da|du|des|del|di|von|van)\s+)?"
                         r"[A-Z][a-z])?", text):
        total += 1
        longer += m.group(1) is not None
    return total, longer


# a phrase ending in one of these says how a figure is counted ("diluted basis") or where it was told ("news
# conference", "press reports", "joint statement"), whatever the texts around it
TELLING_HEADS = frozenset("basis conference report statement interview briefing communique release".split())


def names_a_story(key: str, texts: Iterable[str]) -> bool:
    """False when the phrase is, in these texts, mostly a measure or mostly who tells (see the module doc), or
    ends in a word of TELLING_HEADS."""
    if key.split()[-1:] and key.split()[-1] in TELLING_HEADS:
        return False
    total, measure, teller = uses(key, texts)
    if not total:
        return True  # not found as written (a key phrase of other words): nothing says it is either
    return measure < USE_SHARE * total and teller < USE_SHARE * total


_CITED_BEFORE = re.compile(r"(?:\b(?:told|according\s+to|(?:quoted|cited|polled|compiled|conducted)\s+by|"
                           r"interview\s+with|newspaper|daily|weekly|magazine|agency|paper)\s+(?:the\s+|an?\s+)?)$", re.I)
_CITED_AFTER = re.compile(r"^(?:'s?|’s?)?\s*(?:news\s+agency|newspaper|reported|quoted|cited|said\s+in\s+a\s+report|"
                          r"survey|poll|correspondents?|reporters?)\b",
                          re.I)


def cited(name: str, texts: Iterable[str]) -> bool:
    """The name is mostly written, in these texts, as where the story was read or who it was told to ("told
    Reuters", "the daily al-Qabas said", "the Saudi Press Agency reported", "according to the CBO"): a
    source, not what the story is about. Matched as written (the name's own casing) and as whole words."""
    name = name.strip()
    if not name:
        return False
    pat = re.compile(r"(?<![\w'’-])" + re.escape(name) + r"(?![\w-])")
    total = source = 0
    for text in texts:
        for m in pat.finditer(text):
            total += 1
            if _CITED_BEFORE.search(text[max(0, m.start() - 40):m.start()]) or \
                    _CITED_AFTER.match(text[m.end():m.end() + 40]):
                source += 1
    return total > 0 and source >= USE_SHARE * total
