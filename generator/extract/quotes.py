"""Quotes with their speakers, on a spaCy parse.

Spans come from `quotespans.find_quotes`; each is classified (direct, partial, block) and attributed:
1. a speech cue in the quote's own sentence ("...," he said / X said: "..." / according to X);
2. a quote with no cue of its own that follows another quote in the same or previous paragraph
   continues that speaker;
3. a cue in the next sentence ("'...' That was how X put it" is rare; "He added: ..." is not).
The speaker words are then resolved to an actor: a name inside them; a pronoun to the previous speaker
(he added / she continued) or the nearest person before the quote; a description ("the firm's CEO")
to the person an apposition named so ("the firm's CEO, Richard Yu"); an unnamed source ("a senior
official") stays described (speaker null, speaker_label its words), never a wrong name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from generator.extract.actors import ResolvedMention
from generator.extract.quotespans import QuoteSpan, find_quotes

SPEECH_LEMMAS = frozenset("""
say tell add state claim explain note ask argue insist warn write reply respond suggest comment announce
declare admit acknowledge recall stress confirm deny report predict continue conclude emphasise emphasize
observe remark tweet post complain concede contend assert maintain agree caution urge vow promise
describe call quip joke boast testify reveal recount mention point acknowledge estimate
""".split())
CONTINUATION_LEMMAS = frozenset({"add", "continue", "conclude"})
PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "i": "x", "me": "x"}
GROUP_PRONOUNS = {"they", "them", "we", "us", "it"}
ROLE_WORDS = frozenset("""
ceo executive chief chairman chairwoman chair president founder director spokesman spokeswoman spokesperson
official minister secretary senator representative governor mayor analyst lawyer attorney economist
manager head leader commissioner chancellor premier ambassador adviser advisor aide officer professor
researcher expert source owner partner editor author
""".split())
ORG_WORDS = frozenset("company firm group giant carrier maker manufacturer business operator agency "
                      "ministry department government administration bank retailer startup corporation "
                      "organisation organization regulator commission party union".split())


@dataclass
class QuoteFact:
    text: str
    start: int
    end: int
    kind: str
    cue: Optional[str] = None
    speaker: Optional[str] = None
    speaker_text: Optional[str] = None
    speaker_span: Optional[tuple[int, int]] = None
    speaker_label: Optional[str] = None


def classify(span: QuoteSpan, body: str, doc) -> str:
    """block: runs over paragraphs; direct: stands as speech (opens a sentence or follows a cue and a comma
    or colon); partial: embedded in the writer's sentence (a fragment, a scare quote, a title)."""
    if span.paragraphs > 1:
        return "block"
    content = body[span.start:span.end].strip()
    words = content.split()
    before = body[:span.open_mark].rstrip()
    at_sentence_start = not before or before[-1] in ".!?\n\"”" or body[span.open_mark - 1:span.open_mark] == "\n"
    after_cue = before[-1:] in (":", ",") or before.lower().endswith((" said", " says", " added", " asked"))
    if len(words) >= 3 and (at_sentence_start or after_cue):
        return "direct"
    return "partial"


def _token_range(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span


def _subject_of(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subject_of(verb.head) if verb.head.lemma_ in SPEECH_LEMMAS else None
    return None


def _phrase(token, body: str) -> tuple[int, int]:
    """The speaker's words: the subject and its modifiers, without relative clauses or long tails."""
    keep = [t for t in token.subtree if not any(a.dep_ in ("relcl", "acl", "punct") and a.head.i >= token.i
                                                 and a.i != token.i and a in t.ancestors or
                                                 (a is t and a.dep_ in ("relcl", "acl"))
                                                 for a in [t] + list(t.ancestors) if a.i != token.i)]
    if not keep:
        keep = [token]
    left = min(t.i for t in keep)
    right = max(t.i for t in keep)
    # keep it to a contiguous, short phrase around the head
    left = max(left, token.i - 8)
    right = min(right, token.i + 8)
    doc = token.doc
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _cues_in(doc, sent, q: QuoteSpan):
    """Speech verbs of `sent` outside the quote, nearest to the quote first."""
    cues = []
    for tok in sent:
        if q.open_mark <= tok.idx <= q.close_mark:
            continue
        if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX"):
            distance = tok.idx - q.close_mark if tok.idx > q.close_mark else q.open_mark - tok.idx
            cues.append((distance, tok.i, tok))
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            distance = tok.idx - q.close_mark if tok.idx > q.close_mark else q.open_mark - tok.idx
            cues.append((distance, tok.i, tok))
    return [t for _, _, t in sorted(cues)]


def _speaker_token(cue):
    if cue.lower_ == "according":
        to = cue.doc[cue.i + 1]
        for child in to.children:
            if child.dep_ == "pobj":
                return child
        return None
    return _subject_of(cue)


@dataclass
class _Context:
    body: str
    mentions: list[ResolvedMention]
    actor_types: dict[str, str]
    roles: dict[str, list[tuple[int, str]]]  # role word -> [(offset, person actor id)]


def _mention_in(ctx: _Context, a: int, b: int, head_idx: int | None) -> Optional[ResolvedMention]:
    inside = [m for m in ctx.mentions if m.start >= a and m.end <= b]
    if not inside:
        return None
    for m in inside:
        if head_idx is not None and m.head == head_idx:
            return m
    people = [m for m in inside if ctx.actor_types.get(m.actor) == "PERSON"]
    return (people or inside)[-1]


def role_map(doc, mentions: list[ResolvedMention], actor_types: dict[str, str]) -> dict[str, list[tuple[int, str]]]:
    """Role words bound to people by apposition or compound: 'the firm's CEO, Richard Yu' -> ceo: richard-yu."""
    by_token: dict[int, ResolvedMention] = {}
    for m in mentions:
        if actor_types.get(m.actor) == "PERSON":
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    by_token[t.i] = m
    roles: dict[str, list[tuple[int, str]]] = {}
    for i, m in by_token.items():
        tok = doc[i]
        related = [c for c in tok.children if c.dep_ in ("appos", "compound")]
        if tok.dep_ == "appos":
            related.append(tok.head)
        related += [c for r in list(related) for c in r.children if c.dep_ == "compound"]
        for r in related:
            word = r.lemma_.lower()
            if word in ROLE_WORDS and r.i not in by_token:
                roles.setdefault(word, []).append((r.idx, m.actor))
    return roles


def _resolve(ctx: _Context, tok, a: int, b: int, q: QuoteSpan, cue_lemma: str | None,
             previous: list[QuoteFact]) -> tuple[Optional[str], Optional[str]]:
    """(actor id, descriptive label) for the speaker words body[a:b] whose head is `tok`."""
    m = _mention_in(ctx, a, b, tok.i)
    if m is not None:
        return m.actor, None
    word = tok.lower_
    if tok.pos_ == "PRON" or word in PERSON_PRONOUNS or word in GROUP_PRONOUNS:
        recent = [p for p in previous if p.speaker or p.speaker_label]
        personal = word in PERSON_PRONOUNS
        if recent:
            last = recent[-1]
            last_type = ctx.actor_types.get(last.speaker or "", "PERSON" if last.speaker_label else None)
            close = q.open_mark - last.end < 1500
            if close and (cue_lemma in CONTINUATION_LEMMAS or (personal and last_type == "PERSON")
                          or (not personal and last_type != "PERSON")):
                return last.speaker, last.speaker_label
        wanted = ("PERSON",) if personal else ("ORG", "GPE")
        before = [x for x in ctx.mentions if x.end <= q.open_mark and ctx.actor_types.get(x.actor) in wanted
                  and q.open_mark - x.end < 1200]
        if before:
            return before[-1].actor, None
        return None, None
    lemma = tok.lemma_.lower()
    if lemma in ROLE_WORDS:
        bound = [actor for off, actor in ctx.roles.get(lemma, []) if off < a]
        if bound:
            return bound[-1], None
        # "the official" after "a senior official in X's administration": the same unnamed source
        for p in reversed(previous):
            if p.speaker is None and p.speaker_label and lemma in p.speaker_label.lower():
                return None, p.speaker_label
        return None, _introduction(tok, ctx.body) or ctx.body[a:b]
    if lemma in ORG_WORDS:
        orgs = [x for x in ctx.mentions if x.end <= a and ctx.actor_types.get(x.actor) == "ORG"
                and a - x.end < 1500]
        if orgs and any(t.lower_ in ("the", "its", "their") for t in tok.lefts):
            return orgs[-1].actor, None
        return None, ctx.body[a:b]
    return None, ctx.body[a:b]


def _introduction(tok, body: str) -> Optional[str]:
    """'the official' -> the words that introduced that unnamed source earlier ('A senior official in
    Trump's administration'), when the article introduced exactly such a person with an indefinite article."""
    if not any(t.lower_ in ("the", "this", "that") for t in tok.lefts):
        return None
    lemma = tok.lemma_.lower()
    for earlier in reversed(tok.doc[max(0, tok.i - 400):tok.i]):
        if earlier.lemma_.lower() == lemma and any(t.lower_ in ("a", "an", "one") for t in earlier.lefts):
            a, b = _phrase(earlier, body)
            return " ".join(body[a:b].split())
    return None


def extract_quotes(doc, body: str, paragraphs, mentions: list[ResolvedMention],
                   actor_types: dict[str, str]) -> list[QuoteFact]:
    ctx = _Context(body, mentions, actor_types, role_map(doc, mentions, actor_types))
    spans = find_quotes(body, paragraphs)
    facts: list[QuoteFact] = []
    para_of = _paragraph_index(paragraphs, len(body))
    for q in spans:
        kind = classify(q, body, doc)
        fact = QuoteFact(body[q.start:q.end], q.start, q.end, kind)
        cue_tok = None
        sents = _sentences_around(doc, q)
        for sent in sents:
            cues = _cues_in(doc, sent, q)
            for cue in cues:
                subj = _speaker_token(cue)
                if subj is not None and not (q.open_mark <= subj.idx <= q.close_mark):
                    cue_tok = (cue, subj)
                    break
            if cue_tok:
                break
        if cue_tok is None and kind != "partial":
            prev = facts[-1] if facts else None
            if prev is not None and para_of(prev.start) >= para_of(q.start) - 1 and \
                    (prev.speaker or prev.speaker_label) and prev.kind != "partial":
                between = body[prev.end:q.open_mark]
                if len(between) < 400:
                    fact.speaker, fact.speaker_label = prev.speaker, prev.speaker_label
                    fact.speaker_text, fact.speaker_span = prev.speaker_text, prev.speaker_span
            if fact.speaker is None and fact.speaker_label is None:
                nxt = _next_sentence(doc, q)
                if nxt is not None and not any(x.start >= nxt.start_char and x.start < nxt.end_char for x in spans):
                    for cue in _cues_in(doc, nxt, q):
                        subj = _speaker_token(cue)
                        if subj is not None:
                            cue_tok = (cue, subj)
                            break
        if cue_tok is not None:
            cue, subj = cue_tok
            a, b = _phrase(subj, body)
            fact.cue = cue.text.lower() if cue.lower_ != "according" else "according to"
            fact.speaker_text, fact.speaker_span = body[a:b], (a, b)
            fact.speaker, fact.speaker_label = _resolve(ctx, subj, a, b, q, cue.lemma_.lower(), facts)
        elif kind == "partial":
            pass  # a scare quote or a title: no speaker
        facts.append(fact)
    return facts


def _paragraph_index(paragraphs, n):
    starts = [a for a, _ in paragraphs] or [0]

    def index(offset: int) -> int:
        lo = 0
        for i, s in enumerate(starts):
            if s <= offset:
                lo = i
        return lo
    return index


def _sentences_around(doc, q: QuoteSpan):
    """The sentence holding the closing mark, then the one holding the opening mark (if different)."""
    out = []
    for off in (q.close_mark, max(q.open_mark, 0)):
        if off >= len(doc.text):
            off = len(doc.text) - 1
        span = doc.char_span(off, off + 1, alignment_mode="expand")
        if span is None:
            continue
        sent = span[0].sent
        if all(s.start != sent.start for s in out):
            out.append(sent)
    # a quote running over several sentences: the sentence right after the close may hold "he said"
    return out


def _next_sentence(doc, q: QuoteSpan):
    span = doc.char_span(min(q.close_mark, len(doc.text) - 1), min(q.close_mark + 1, len(doc.text)),
                         alignment_mode="expand")
    if span is None:
        return None
    sent = span[0].sent
    if sent.end < len(doc):
        nxt = doc[sent.end].sent
        return nxt if nxt.text.strip() else None
    return None
