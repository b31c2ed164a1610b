"""Titles of seeds that carry no headline field: a headline-like first line when there is one, else a
short, clean title made from the first sentence.

A whole lede is a poor title: it is shown as the page heading, in every list and in the feed, and the
summary is usually the same sentence. So a long first sentence is cut at its last clause boundary
(", ", "; ", " by ", " amid ", " after " ...) within TITLE_CHARS, never inside quotes, brackets or an
aside set off by commas, and never with "…": "Verizon has reportedly followed in the footsteps of AT&T"
rather than "…cancelling plans to offer Huawei smartphones in…".
"""

from __future__ import annotations

import re

from generator.ingest.truecase import truecase

TITLE_CHARS = 90  # a first sentence up to this long is the title as it is
MIN_TITLE_CHARS = 24  # a cut leaves at least this much (a subject alone, "The head of the bank", is not a title)
MAX_LINE_HEADLINE = 120  # a first line longer than this is text, not a headline
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# where a clause or a tacked-on phrase starts: what comes before stands on its own
_BREAK = re.compile(r"[,;:]\s|\s[—–-]\s|\s(?=(?:by|amid|after|as|while|because|despite|following|when|which|who|"
                    r"whose|where|although|though|since|before|until|but|including|according|saying|citing|"
                    r"ahead|over\s+(?:fears|concerns|claims))\s)", re.I)
# a title never ends on one of these (a cut at a word, with no boundary to cut at)
_DANGLING = frozenset("a an the of to in on at for from by with and or but nor as that this these those its his "
                      "her their our your my is are was were be been has have had will would can could than all some any each "
                      "every no more most many several such "
                      "into onto over under about after before amid while who which".split())
_WRAPPED_BY = re.compile(r"^by\s+[A-Z]", re.I)
_OPEN_CLOSE = (("(", ")"), ("[", "]"), ("“", "”"), ("‘", "’"))


def _balanced(text: str) -> bool:
    """No quotation, bracket or comma-aside left open at the end of text."""
    if any(text.count(a) != text.count(b) for a, b in _OPEN_CLOSE[:3]):
        return False
    if text.count('"') % 2:
        return False
    # single quotes: a quote opens after a space or at the start; an apostrophe (Huawei's) sits inside a word
    if len(re.findall(r"(?:^|\s)['‘]", text)) > len(re.findall(r"['’](?=\s|$|[,.;:!?])", text)):
        return False
    return text.count(",") % 2 == 0  # "Bloomberg, citing people familiar with it" is inside an aside


def _first_sentence(body: str) -> str:
    from generator.ingest import paragraph_spans

    first = paragraph_spans(body)[0] if body.strip() else (0, 0)
    text = truecase(body)[first[0]:first[1]]
    m = re.search(r"[.!?](?=\s|$)", text)
    return " ".join((text[: m.start()] if m else text).split())


def short_title(sentence: str) -> str:
    """sentence itself when short enough, else its longest head that ends at a clause boundary, else its
    first words up to TITLE_CHARS without a dangling article or preposition. Never an ellipsis."""
    sentence = sentence.strip()
    if len(sentence) <= TITLE_CHARS:
        return sentence
    cuts = [m.start() for m in _BREAK.finditer(sentence)
            if MIN_TITLE_CHARS <= m.start() <= TITLE_CHARS and _balanced(sentence[: m.start()])]
    if cuts:
        return sentence[: cuts[-1]].rstrip(",;:-–— ")
    words = sentence[: TITLE_CHARS + 1].rsplit(" ", 1)[0].split()
    while len(words) > 3 and (words[-1].lower().strip(",;:") in _DANGLING or not _balanced(" ".join(words))):
        words.pop()
    return " ".join(words).rstrip(",;:-–— ")


def title_from_lede(body: str) -> str:
    """A readable title when a seed has no headline: the first sentence, re-cased, shortened (short_title)."""
    return short_title(_first_sentence(body))


def first_line_headline(paragraph: str) -> str | None:
    """The first line of the first paragraph when it reads as a headline on its own line (no blank line
    after it): short, no sentence end, not a byline, and not simply the first line of hard-wrapped text
    (a wrapped line is about as long as the lines after it, or the next line goes on in lower case)."""
    lines = [line.strip() for line in paragraph.strip().split("\n")]
    if len(lines) < 2 or not lines[1]:
        return None
    first, rest = lines[0], [line for line in lines[1:] if line]
    if (len(first) > MAX_LINE_HEADLINE or len(first.split()) < 2 or _SENTENCE_END.search(first)
            or _WRAPPED_BY.match(first) or not any(ch.isalpha() for ch in first)):
        return None
    if rest[0][0].islower() or first.rstrip()[-1] in ",;:-–—" or first.split()[-1].lower() in _DANGLING:
        return None
    if len(rest) > 1 and len(first) >= 0.75 * max(len(line) for line in rest[:-1]):
        return None  # hard-wrapped at a width: the first line is as long as the next ones
    if len(rest) == 1 and len(first) >= 0.75 * len(rest[0]):
        return None
    return first
