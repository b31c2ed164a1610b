"""The tense a time expression is read with: that of the finite verb governing it, so that "announced Friday
that it will ..." reads Friday as past and "is to take over on Jan. 1" reads it as future.

- "will", "shall", "would", "going to", "is to", and an infinitive under a verb or noun of intent ("plans to
  visit", "expected to vote", "its intention to leave") are future, but not for a possessive ("an attempt to
  reach voters at Monday's debate": the debate is not in the attempt's future);
- a past verb, a perfect ("has refused") or a bare participle ("announced Friday") is past, but a participle
  of planning that modifies a noun ("the vote scheduled for Wednesday", "a visit planned for May") is read as
  the present: the weekday in the publication's week, the month in the publication's year, either side of it;
- an infinitive, or a gerund used as a preposition or a complement, has no tense of its own: the verb it
  hangs from decides ("avoided taking her ... following her scare on Sunday" is past); a participle clause
  ("..., resulting in closures during the fourth quarter") keeps its present.
"""

from __future__ import annotations

from typing import Optional

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would"})
_PLANNED = frozenset("schedule slate plan".split())
_INTENT = frozenset("plan intend expect schedule set slate aim hope want vow promise pledge propose due likely "
                    "poise prepare intention deadline".split())


def _verb_up(token):
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    return verb


def _auxes(verb) -> list:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def tense_of(token) -> Optional[str]:
    """future, past, present or None, of the verb governing `token` (a spaCy token)."""
    possessive = any(c.tag_ == "POS" for c in token.children)  # "Monday's debate" names its own time
    verb = _verb_up(token)
    for _ in range(4):
        auxes = _auxes(verb)
        if any(a.lower_ in _FUTURE_AUX for a in auxes) or (verb.lower_ == "going" and any(
                c.lower_ == "to" for c in verb.children)):
            return "future"
        infinitive = verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes)
        if infinitive and verb.head is not verb:
            head = verb.head
            if not possessive and (head.lemma_ == "be" or head.lemma_.lower() in _INTENT):
                return "future"  # "is to take over", "plans to visit", "its intention to leave"
            up = _verb_up(head)
            if up is verb:
                break
            verb = up
            continue
        if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("prep", "xcomp", "pcomp") and verb.head is not verb:
            up = _verb_up(verb.head)  # "following her scare on Sunday": the clause's own verb decides
            if up is verb:
                break
            verb = up
            continue
        break
    auxes = _auxes(verb)
    if verb.tag_ in ("VBD",) or any(a.tag_ == "VBD" for a in auxes) or \
            (verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes)):
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        # "proposals scheduled for consideration Wednesday": a plan, read forward; "announced Friday" is past
        return "present" if verb.lemma_.lower() in _PLANNED and verb.dep_ in ("acl", "amod") else "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "present"
    return None


_DEFER = frozenset("postpone delay defer adjourn extend suspend recess put push".split())


def deferred(span) -> bool:
    """Is the span's verb one of putting off ("postponed a decision until June")? Its "until" date lies after
    the verb's own time, so it reads forward even in the past tense."""
    return span is not None and _verb_up(span.root).lemma_.lower() in _DEFER


def planned(span) -> bool:
    """Is the span's verb one of planning ("had been set for December", "is scheduled for Monday")?"""
    return span is not None and _verb_up(span.root).lemma_.lower() in _PLANNED | {"set"}


def finite_past(span) -> bool:
    """Is the verb governing the span a finite past or a perfect ('served', 'was', 'had been', 'has refused'),
    not a participle ('shut')?"""
    if span is None:
        return False
    verb = _verb_up(span.root)
    auxes = _auxes(verb)
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes) or \
        (verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes))
