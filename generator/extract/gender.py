"""The grammatical gender a person's pronouns take ('m', 'f' or None), from the article itself.

Evidence, weighed (a stronger kind outweighs a weaker one; a tie or no evidence is None, never a guess):
- an honorific or gendered title before a mention ("Mrs. Bennett", "spokeswoman Jane Roe"): 4;
- the article's own pronouns for that person, where the sentence names no other person: "Lonechild said
  she ...", "X balances her schedule", "X proved herself": 2 a sentence;
- the first name, from gender-guesser's offline table of first names: 2 (male / female), 1 (mostly).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Optional

from generator.extract.cues import sent_of, sent_text

_MALE_TITLE = re.compile(r"(?:\b(?:Mr|Sir|Lord|King|Prince|Father|Brother|Rev\.? Mr)\.?|\b(?:spokes|chair|"
                         r"congress|business|police|sales|council)man|\bhusband|\bson|\bbrother|\bfather)\s+$", re.I)
_FEMALE_TITLE = re.compile(r"(?:\b(?:Mrs|Ms|Miss|Mme|Madam|Dame|Lady|Queen|Princess|Sister)\.?|\b(?:spokes|chair|"
                           r"congress|business|police|sales|council)woman|\bwife|\bdaughter|\bsister|\bmother)\s+$",
                           re.I)
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
TITLE_WEIGHT, PRONOUN_WEIGHT = 4, 2
QUOTE_MARKS = '"“”«»'


@lru_cache(maxsize=1)
def _detector():
    try:
        import gender_guesser.detector as gd

        class Detector(gd.Detector):
            """gender-guesser's detector with its table read at once: the same lines (str.splitlines splits
            where codecs' readline does) in half the time of its line-by-line codecs reader."""

            def _parse(self, filename):
                self.names = {}
                with open(filename, encoding="utf-8") as fh:
                    text = fh.read()
                for line in text.splitlines():
                    self._eat_name_line(line.strip())

        return Detector(case_sensitive=False)
    except Exception:  # the table is missing or unreadable: first names then say nothing
        return None


def first_name_gender(name: str) -> tuple[Optional[str], int]:
    """('m' | 'f' | None, weight) from the first word of a full name ("Carolyn Bennett" -> ('f', 2))."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", name)]
    if len(words) < 2:
        return None, 0  # a lone surname or one-word name: no first name to read
    det = _detector()
    if det is None:
        return None, 0
    try:
        verdict = det.get_gender(words[0])
    except Exception:
        return None, 0
    return {"male": ("m", 2), "mostly_male": ("m", 1), "female": ("f", 2),
            "mostly_female": ("f", 1)}.get(verdict, (None, 0))


def pronoun_gender(word: str) -> Optional[str]:
    w = word.lower()
    return "m" if w in MALE_PRONOUNS else "f" if w in FEMALE_PRONOUNS else None


def genders(doc, body: str, mentions, actor_types: dict[str, str]) -> dict[str, Optional[str]]:
    """Person actor id -> 'm', 'f' or None, from every mention of the actor in the article."""
    score: dict[str, dict[str, int]] = defaultdict(lambda: {"m": 0, "f": 0})
    people = [m for m in mentions if actor_types.get(m.actor) == "PERSON"]
    longest: dict[str, str] = {}
    for m in people:
        before = body[max(0, m.start - 30):m.start]
        if _MALE_TITLE.search(before):
            score[m.actor]["m"] += TITLE_WEIGHT
        if _FEMALE_TITLE.search(before):
            score[m.actor]["f"] += TITLE_WEIGHT
        if len(m.text.split()) > len(longest.get(m.actor, "").split()):
            longest[m.actor] = m.text
    for actor, name in longest.items():
        g, w = first_name_gender(name)
        if g:
            score[actor][g] += w
    for actor, g in _own_pronouns(doc, people):
        score[actor][g] += PRONOUN_WEIGHT
    out: dict[str, Optional[str]] = {}
    for actor in sorted({m.actor for m in people}):
        s = score[actor]
        out[actor] = "m" if s["m"] > s["f"] else "f" if s["f"] > s["m"] else None
    return out


def _own_pronouns(doc, people) -> list[tuple[str, str]]:
    """(actor, gender) for each sentence that names exactly one person as a subject and uses pronouns of one
    gender inside that subject's clause: 'Lonechild said she started her work ...'."""
    by_sent: dict[int, list] = defaultdict(list)
    for m in people:
        if 0 <= m.head < len(doc):
            by_sent[sent_of(doc[m.head]).start].append(m)
    out = []
    for _, ms in sorted(by_sent.items()):
        if len({m.actor for m in ms}) != 1:
            continue
        m = ms[0]
        head = doc[m.head]
        said = sent_text(head)  # once, not once per quote mark
        if any(c in said for c in QUOTE_MARKS):
            continue  # pronouns inside quoted words speak of someone else
        if head.dep_ not in ("nsubj", "nsubjpass"):
            continue
        clause = head.head
        found = {pronoun_gender(t.text) for t in clause.subtree if t.pos_ == "PRON" and t.i != head.i}
        found.discard(None)
        if len(found) == 1:
            out.append((m.actor, found.pop()))
    return out
