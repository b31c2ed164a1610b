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

import re
from typing import Optional

from generator.extract.cues import SPEECH_LEMMAS, sent_of
from generator.extract.gender import pronoun_gender

CONTINUATION_LEMMAS = frozenset({"add", "continue", "conclude", "explain", "elaborate"})
PERSON_WORDS = frozenset({"he", "she"})
ORG_WORDS = frozenset({"it", "they"})
NOBODY = frozenset({"i", "me", "we", "us", "you", "one"})
_AS_SUBJECT = {"his": "he", "him": "he", "her": "she", "its": "it", "their": "they", "them": "they"}
PREVIOUS_WINDOW = 1500  # characters from the previous quote's end: further back, it is no longer "the" speaker
NEAREST_WINDOW = 1200  # characters back to the nearest compatible name
_SUBJECT = ("nsubj", "nsubjpass")


def is_pronoun(tok) -> bool:
    w = tok.lower_
    return w in PERSON_WORDS or w in ORG_WORDS or w in NOBODY or tok.pos_ == "PRON"


def resolve(tok, q, cue_lemma: Optional[str], previous, mentions, actor_types: dict[str, str],
            genders: dict[str, Optional[str]], ignored: list[tuple[int, int]],
            depth: int = 2, roles: Optional[dict[str, list[tuple[int, str]]]] = None) -> tuple[Optional[str], Optional[str]]:
    """(actor id, described-speaker label) for the pronoun `tok` naming the speaker of quote `q`.
    `ignored`: spans whose names are no antecedents (quoted words, photo captions). `roles`: role words the
    article bound to a person ("Mayor Doug McCallum": mayor -> doug-mccallum; quotes.role_map)."""
    roles = roles or {}

    def role_of(described) -> Optional[str]:
        """The person a described speaker ("the mayor") was named as before, if the article bound the role."""
        bound = [actor for off, actor in roles.get(described.lemma_.lower(), []) if off < described.idx]
        return bound[-1] if bound else None
    word = _AS_SUBJECT.get(tok.lower_, tok.lower_)
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
    own = sent_of(tok)
    # a name in the pronoun's own sentence is not what the pronoun stands for ("Asked about Tory, he said")
    usable = [m for m in mentions if m.end <= cutoff and not _in_spans(m.start, ignored)
              and not own.start_char <= m.start < own.end_char]
    recent = [p for p in previous if (p.speaker or p.speaker_label) and p.end <= cutoff]
    if recent and cutoff - recent[-1].end < PREVIOUS_WINDOW:
        last = recent[-1]
        between = [m for m in usable if m.start >= last.end and fits(m.actor) and m.actor != last.speaker]
        if cue_lemma in CONTINUATION_LEMMAS:
            between = [m for m in between if _is_subject(doc, m)]
        spoken = [p.speaker_span for p in previous if p.speaker_span]
        described = _described_speaker_between(doc, last.end, cutoff, word, spoken)
        if described is not None and last.speaker is not None and role_of(described) == last.speaker:
            described = None  # "the mayor" is the mayor who spoke last: no newcomer
        if not between and described is None:
            if last.speaker and fits(last.speaker):
                return last.speaker, None
            if last.speaker is None and last.speaker_label and word in PERSON_WORDS and \
                    _personal(last.speaker_label):
                return None, last.speaker_label  # the same described speaker goes on ("a spokesperson")
    near = [m for m in usable if fits(m.actor) and cutoff - m.end < NEAREST_WINDOW]
    if not near:
        return None, None
    nearest = near[-1]
    if not 0 <= nearest.head < len(doc):
        return None, None
    described = _described_speaker_between(doc, nearest.end, cutoff, word)
    if described is not None:
        # "The 26-year-old right wing said ...": a closer person, unnamed -- unless the article named the role
        # before ("Mayor Doug McCallum ... the mayor brought up ... he said")
        actor = role_of(described)
        return (actor, None) if actor is not None and fits(actor) else (None, None)
    sent = sent_of(doc[nearest.head])
    rivals = [m for m in near if sent.start_char <= m.start < sent.end_char]
    subjects = sorted({m.actor for m in rivals if _is_subject(doc, m)})
    if not subjects and depth > 0:
        # "He said the business, along with his friend Martin Legere, ...": the sentence is about "he"
        for p in sent:
            if p.lower_ == word and p.dep_ in _SUBJECT and p.idx < cutoff:
                return resolve(p, _At(p.idx), None, [f for f in previous if f.end <= p.idx], mentions,
                               actor_types, genders, ignored, depth - 1, roles)
    actors = sorted({m.actor for m in rivals})
    if len(actors) == 1:
        return nearest.actor, None
    if len(subjects) == 1:
        return subjects[0], None
    return None, None  # two candidates fit equally: better unattributed than wrong


class _At:
    """A position standing in for a quote when a pronoun is resolved on its own."""

    def __init__(self, offset: int):
        self.open_mark = offset


PERSON_NOUNS = frozenset("""
man woman person boy girl child resident student teacher doctor nurse patient mother father son daughter
wife husband friend neighbour neighbor victim witness mayor minister premier president senator governor
spokesman spokeswoman spokesperson official officer chief leader director manager chairman chairwoman
ceo founder owner lawyer attorney judge professor researcher expert analyst economist coach player
councillor councilor candidate member worker employee volunteer driver farmer veteran activist author
""".split())


def _personal(label: str) -> bool:
    """A described speaker who is one person ('a spokesperson', 'the official'), not 'Burnaby RCMP'."""
    return any(w in PERSON_NOUNS for w in re.findall(r"[a-z]+", label.lower())) and \
        not any(w in ("they", "it") for w in label.lower().split())


_NOT_PEOPLE = frozenset("""
report statement study document letter survey data poll release paper article story post video ad release
website site page decision ruling order filing lawsuit complaint email e-mail tweet message note plan bill
law policy rule memo analysis research figure number estimate forecast union company firm group government
agency department ministry police station board court committee council party campaign organization
organisation association city province state country team club network newspaper daily magazine
""".split())


def _described_speaker_between(doc, a: int, b: int, word: str, known=()):
    """The first subject between offsets a and b that is an unnamed person ('the 26-year-old right wing said',
    'the judge wrote'), a closer possible antecedent than any name before it, or None. `known`: speaker spans
    of earlier quotes (an unnamed source already speaking is no newcomer)."""
    if word not in PERSON_WORDS:
        return None
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return None
    for t in span:
        lemma = t.lemma_.lower()
        speaking = t.head.lemma_.lower() in SPEECH_LEMMAS and lemma not in _NOT_PEOPLE
        introduced = lemma in PERSON_NOUNS and any(c.dep_ == "det" for c in t.children)  # "the mayor brought up"
        if t.dep_ in _SUBJECT and t.pos_ == "NOUN" and (speaking or introduced) and not t.is_title and \
                any(c.dep_ in ("det", "poss") for c in t.children) and t.tag_ != "NNS" and \
                not any(x <= t.idx < y for x, y in known):
            return t
    return None


def _is_subject(doc, m) -> bool:
    return 0 <= m.head < len(doc) and doc[m.head].dep_ in _SUBJECT


def _in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)
