"""A quote standing alone after the sentence that reports its speaker's words.

    Matlow said all three levels of government should work in tandem.

    "I think that's something we need to fight for."

News writing introduces a speaker in reported speech and then gives their words as a paragraph of their own,
with no cue. `lead_in(doc, body, q, spans, para_of)` names that speaker when, and only when:
- the quote is the whole of its sentences (no words of the writer's outside the marks);
- the sentence just before it, in the same paragraph or the one before, holds no spoken quote of its own (a
  quote there is the continuation rule's business) and is no page furniture;
- that sentence has speech verbs ("said", "told", "admits", "added") whose subjects, outside any quote, are one
  and the same words (two speakers in it: nobody is chosen). (A sentence ending in a colon is the colon
  introduction of cues.find_attribution.)
The caller resolves the subject it returns like any other speaker words.
"""

from __future__ import annotations

from generator.extract.cues import SPEECH_LEMMAS, is_furniture, phrase, sent_of, subject_of

# verbs that report what someone said; not "call", "describe", "report" or "announce", whose subject is as often
# a document or a body as a speaker, nor "continue", "read", "post" (a sign reads, a page posts)
_REPORTING = SPEECH_LEMMAS - frozenset("call describe report announce continue read post mention point estimate "
                                       "sing chant predict".split())
_PERSONAL = frozenset({"he", "she", "they"})
_QUOTE_MARKS = '"“”«»'


def _stands_alone(doc, body: str, q) -> bool:
    first = doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
    last = doc.char_span(q.close_mark, q.close_mark + 1, alignment_mode="expand")
    if first is None or last is None or not len(first) or not len(last):
        return False
    opening, closing = sent_of(first[0]), sent_of(last[-1])
    before = body[opening.start_char:q.open_mark]
    after = body[q.close_mark + 1:closing.end_char]
    return not any(c.isalnum() for c in before + after)


def _previous_sentence(doc, sent):
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return sent_of(doc[i]) if i >= 0 else None


def lead_in(doc, body: str, q, spoken: list[tuple[int, int]], para_of):
    """(cue token or None, subject token, speaker words span) or None. `spoken`: (open, close) marks of the
    article's spoken (not partial) quotes."""
    if not _stands_alone(doc, body, q):
        return None
    first = doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
    prev = _previous_sentence(doc, sent_of(first[0]))
    if prev is None or is_furniture(prev) or para_of(prev.start_char) < para_of(q.open_mark) - 1:
        return None
    if any(prev.start_char <= a < prev.end_char for a, _ in spoken):
        return None
    marks = [i for i in range(prev.start_char, prev.end_char) if body[i] in _QUOTE_MARKS]
    quoted = list(zip(marks[::2], marks[1::2]))

    def outside(tok) -> bool:
        return not any(a <= tok.idx <= b for a, b in quoted)

    found = []
    for tok in prev:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in _REPORTING and outside(tok):
            subj = subject_of(tok)
            if subj is not None and outside(subj):
                found.append((tok, subj))
    if not found or len({subj.lower_ if subj.lower_ in _PERSONAL else body[slice(*phrase(subj, body))]
                         for _, subj in found}) != 1:
        return None
    cue, subj = found[0]
    return cue, subj, phrase(subj, body)
