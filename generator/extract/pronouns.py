"""A speaker named by a pronoun ("..., she said"): the most salient compatible antecedent, or nobody.

Compatible: he/she take a person whose gender (gender.py) is the pronoun's or unknown; it/they take an
organisation (they never a lone person); I/we outside the marks are the writer or an unnamed group, so
nobody. Salience, in order:
1. the previous quote's speaker, when no other compatible name stands between that quote and this one
   (for "she added" / "he continued", only a name that is itself the subject of a clause breaks the chain);
2. otherwise the nearest compatible name before the quote (names inside quotation marks do not count:
   they are what was said, not who said it); when its sentence names another compatible actor, the one that
   is the sentence's subject wins, and where none or both are subjects the quote stays unattributed.
A closer compatible person is never skipped for a farther one, and nothing is guessed: no candidate, or two
that fit equally, leaves the speaker null (the record keeps the words "he" and the sentence).
"""

from __future__ import annotations

from typing import Optional

from generator.extract.cues import sent_of
from generator.extract.gender import pronoun_gender

CONTINUATION_LEMMAS = frozenset({"add", "continue", "conclude", "explain", "elaborate"})
PERSON_WORDS = frozenset({"he", "she"})
ORG_WORDS = frozenset({"it", "they"})
NOBODY = frozenset({"i", "me", "we", "us", "you", "one"})
PREVIOUS_WINDOW = 1500  # characters from the previous quote's end: further back, it is no longer "the" speaker
NEAREST_WINDOW = 1200  # characters back to the nearest compatible name
_SUBJECT = ("nsubj", "nsubjpass")


def is_pronoun(tok) -> bool:
    w = tok.lower_
    return w in PERSON_WORDS or w in ORG_WORDS or w in NOBODY or tok.pos_ == "PRON"


def resolve(tok, q, cue_lemma: Optional[str], previous, mentions, actor_types: dict[str, str],
            genders: dict[str, Optional[str]], quoted: list[tuple[int, int]]) -> tuple[Optional[str], Optional[str]]:
    """(actor id, described-speaker label) for the pronoun `tok` naming the speaker of quote `q`."""
    word = tok.lower_
    if word in PERSON_WORDS:
        g = pronoun_gender(word)

        def fits(actor: str) -> bool:
            return actor_types.get(actor) == "PERSON" and genders.get(actor) in (None, g)
    elif word in ORG_WORDS:
        def fits(actor: str) -> bool:
            return actor_types.get(actor) == "ORG"
    else:
        return None, None
    cutoff = min(q.open_mark, tok.idx)
    doc = tok.doc
    usable = [m for m in mentions if m.end <= cutoff and not _in_spans(m.start, quoted)]
    recent = [p for p in previous if (p.speaker or p.speaker_label) and p.end <= cutoff]
    if recent and cutoff - recent[-1].end < PREVIOUS_WINDOW:
        last = recent[-1]
        between = [m for m in usable if m.start >= last.end and fits(m.actor) and m.actor != last.speaker]
        if cue_lemma in CONTINUATION_LEMMAS:
            between = [m for m in between if _is_subject(doc, m)]
        if not between:
            if last.speaker and fits(last.speaker):
                return last.speaker, None
            if last.speaker is None and last.speaker_label and word in PERSON_WORDS and \
                    not any(w in last.speaker_label.lower().split() for w in ("they", "it")):
                return None, last.speaker_label  # the same described speaker goes on
    near = [m for m in usable if fits(m.actor) and cutoff - m.end < NEAREST_WINDOW]
    if not near:
        return None, None
    nearest = near[-1]
    if not 0 <= nearest.head < len(doc):
        return None, None
    sent = sent_of(doc[nearest.head])
    rivals = [m for m in near if sent.start_char <= m.start < sent.end_char]
    actors = sorted({m.actor for m in rivals})
    if len(actors) == 1:
        return nearest.actor, None
    subjects = sorted({m.actor for m in rivals if _is_subject(doc, m)})
    if len(subjects) == 1:
        return subjects[0], None
    return None, None  # two candidates fit equally: better unattributed than wrong


def _is_subject(doc, m) -> bool:
    return 0 <= m.head < len(doc) and doc[m.head].dep_ in _SUBJECT


def _in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)
