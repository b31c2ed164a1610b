"""Quotes with their speakers, on a spaCy parse.

Spans come from `quotespans.find_quotes`; each is classified (direct, partial, block) and attributed:
1. where the quote's own words name the speaker (`cues.find_attribution`: a speech cue in its sentence,
   a bare cue right after the closing mark, a colon introduction, a dash signature);
2. otherwise a spoken quote that follows another in the same or the previous paragraph, with nobody else
   speaking in between, continues that speaker (even an unresolved "he": the words go on together);
3. otherwise a cue in the next sentence (never in page furniture: "READ MORE:", "Story continues below");
4. otherwise, for a quote that is a sentence of its own, the one speaker of the sentence just before
   (leadin.py: 'Matlow said ... / "I think ..."').
Partial quotes (scare quotes, titles, fragments inside the writer's sentence) only take a speaker from
a cue of their own. The speaker words are then resolved to an actor: a name inside them that stands for
their head (a person or an organisation; a place only as the subject itself, "Ottawa said"); a pronoun by
agreement and salience (pronouns.py), or nobody when that is not decided; a statement to its author ("her
statement"); a description ("the firm's CEO") to the person an apposition named so ("the firm's CEO,
Richard Yu"); "the daily" to the newspaper named before; an unnamed source ("a senior official", "a
spokesperson for X") stays described (speaker null, speaker_label its words, speaker_org X), never a
borrowed name. "A," she said. "B.": B records `continues` (the index of A).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from typing import Optional

from generator.extract import gender, pronouns
from generator.extract.actors import ResolvedMention
from generator.extract.leadin import lead_in
from generator.extract.cues import (SPEECH_LEMMAS, find_attribution, next_sentence_attribution, phrase, sent_of,
                                    subject_of)
from generator.extract.quotespans import QuoteSpan, find_quotes
from generator.extract.speakers import captions

ROLE_WORDS = frozenset("""
ceo executive chief chairman chairwoman chair president founder director spokesman spokeswoman spokesperson
official minister secretary senator representative governor mayor analyst lawyer attorney economist
manager head leader commissioner chancellor premier ambassador adviser advisor aide officer professor
researcher expert source owner partner editor author staff employee worker member
""".split())
STATEMENT_WORDS = frozenset("statement release letter post tweet email e-mail message column affidavit memo "
                             "blog essay op-ed submission".split())
MEDIA_WORDS = frozenset("newspaper paper daily weekly magazine broadcaster network outlet publication "
                         "tabloid editorial".split())
_MEDIA_NAME = re.compile(r"\b(?:Times|Post|Journal|News|Herald|Tribune|Globe|Star|Gazette|Guardian|Telegraph|"
                         r"Chronicle|Sun|Mail|Express|Economist|Review|Magazine|Press|Observer|Daily|Monde|"
                         r"Zeitung|Spiegel|Radio|TV|BBC|CBC|CNN|NBC|CBS|ABC|Fox|Reuters)\b")
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "NORP"})
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
    speaker_org: Optional[str] = None  # the organisation a described speaker speaks for
    continues: Optional[int] = None  # index of the quote this one goes on from ("A," she said. "B.")


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
    if _is_title(words):
        return "partial"
    spoken = len(words) >= 3 or content[-1:] in ",.!?"  # "'It's heartbreaking,' Ryan said."
    if spoken and (at_sentence_start or after_cue):
        return "direct"
    return "partial"


@dataclass
class _Context:
    body: str
    mentions: list[ResolvedMention]
    actor_types: dict[str, str]
    roles: dict[str, list[tuple[int, str]]]  # role word -> [(offset, person actor id)]
    starts: list[int] = dataclasses.field(default_factory=list)  # mention starts, sorted (mentions are)
    doc: object = None
    quoted: list[tuple[int, int]] = dataclasses.field(default_factory=list)  # spoken quotes' mark spans
    _genders: Optional[dict[str, Optional[str]]] = None

    def genders(self) -> dict[str, Optional[str]]:
        if self._genders is None:
            self._genders = gender.genders(self.doc, self.body, self.mentions, self.actor_types)
        return self._genders


def _mention_in(ctx: _Context, a: int, b: int, head_idx: int | None) -> Optional[ResolvedMention]:
    lo = bisect.bisect_left(ctx.starts, a)
    hi = bisect.bisect_right(ctx.starts, b)
    inside = [m for m in ctx.mentions[lo:hi] if m.end <= b]
    if not inside:
        return None
    for m in inside:
        if head_idx is not None and m.head == head_idx:
            return m
    people = [m for m in inside if ctx.actor_types.get(m.actor) == "PERSON"]
    return (people or inside)[-1]


def _author(tok):
    """Whose words a statement is: its possessor, or the object of 'from' / 'by' on it or on its participle."""
    for c in tok.children:
        if c.dep_ == "poss":
            return c
    for c in list(tok.children) + [g for k in tok.children if k.dep_ == "acl" for g in k.children]:
        if (c.dep_ == "prep" and c.lower_ in ("from", "by")) or c.dep_ == "agent":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _bound(name_head, tok) -> bool:
    """The name stands for the speaker words' head: 'Green Leader Andrew Weaver', 'the CEO, Richard Yu'."""
    if name_head.head.i == tok.i and name_head.dep_ in ("appos", "flat"):
        return True  # not a compound: "Apple CEO", "Surrey staff" describe someone speaking for the name
    return tok.head.i == name_head.i and tok.dep_ in ("appos", "compound")


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
             previous: list[QuoteFact], depth: int = 1) -> tuple[Optional[str], Optional[str]]:
    """(actor id, descriptive label) for the speaker words body[a:b] whose head is `tok`."""
    m = _mention_in(ctx, a, b, tok.i)
    if m is not None:
        typ = ctx.actor_types.get(m.actor)
        own = m.head == tok.i or _bound(tok.doc[m.head], tok)
        if typ == "ORG" and not own and tok.lemma_.lower() in ROLE_WORDS:
            return None, " ".join(ctx.body[a:b].split())  # "a spokesperson for X": described (speaker_org: X)
        if own and (typ in SPEAKER_TYPES or (typ == "GPE" and m.head == tok.i)):
            return m.actor, None  # a place speaks only as the subject itself ("Ottawa said": its government)
        if typ == "ORG" and not own:
            return m.actor, None
        # "the Kentucky Republican", "a lawyer for Trump": a place is never the speaker, and a person named
        # inside a description is not the one described
    word = tok.lower_
    if word in ("who", "that") and tok.head.dep_ == "relcl" and tok.head.head is not tok.head:
        antecedent = tok.head.head  # "Smith, who said ...": the speaker is the noun the clause hangs from
        x, y = phrase(antecedent, ctx.body)
        m = _mention_in(ctx, x, y, antecedent.i)
        return (m.actor, None) if m is not None else (None, None)
    if pronouns.is_pronoun(tok):
        return pronouns.resolve(tok, q, cue_lemma, previous, ctx.mentions, ctx.actor_types, ctx.genders(),
                                ctx.quoted, roles=ctx.roles)
    lemma = tok.lemma_.lower()
    if lemma in STATEMENT_WORDS and depth > 0:
        src = _author(tok)  # "her statement", "a statement from X", "a letter e-mailed by X"
        if src is not None:
            x, y = phrase(src, ctx.body)
            found = _resolve(ctx, src, x, y, q, cue_lemma, previous, depth - 1)
            if found != (None, None) and found[1] != ctx.body[x:y]:
                return found
    if lemma in ROLE_WORDS:
        bound = [actor for off, actor in ctx.roles.get(lemma, []) if off < a]
        if bound:
            return bound[-1], None
        # "the official" after "a senior official in X's administration": the same unnamed source
        for p in reversed(previous):
            if p.speaker is None and p.speaker_label and lemma in p.speaker_label.lower():
                return None, p.speaker_label
        return None, _introduction(tok, ctx.body) or ctx.body[a:b]
    if lemma in MEDIA_WORDS and any(t.lower_ in ("the", "its") for t in tok.lefts):
        # "the influential US daily wrote": the newspaper named before, and only a newspaper
        papers = [x for x in ctx.mentions if x.end <= a and a - x.end < 3000 and
                  ctx.actor_types.get(x.actor) == "ORG" and _MEDIA_NAME.search(x.text)]
        if papers and len({x.actor for x in papers}) == 1:
            return papers[-1].actor, None
        return None, " ".join(ctx.body[a:b].split())
    if lemma in ORG_WORDS:
        orgs = [x for x in ctx.mentions if x.end <= a and ctx.actor_types.get(x.actor) == "ORG"
                and a - x.end < 1500 and not any(s <= x.start < e for s, e in ctx.quoted)]
        if orgs and any(t.lower_ in ("the", "its", "their") for t in tok.lefts):
            last = orgs[-1]
            sent = sent_of(tok.doc[last.head]) if 0 <= last.head < len(tok.doc) else None
            rivals = {x.actor for x in orgs if sent is not None and sent.start_char <= x.start < sent.end_char}
            if len(rivals) == 1:
                return last.actor, None  # "the company" and one company named in the sentence before
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
            a, b = phrase(earlier, body)
            return " ".join(body[a:b].split())
    return None


def extract_quotes(doc, body: str, paragraphs, mentions: list[ResolvedMention],
                   actor_types: dict[str, str]) -> list[QuoteFact]:
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    ctx = _Context(body, mentions, actor_types, role_map(doc, mentions, actor_types), [m.start for m in mentions])
    spans = find_quotes(body, paragraphs)
    ctx.doc = doc
    ctx.quoted = [(q.open_mark, q.close_mark + 1) for q in spans if len(body[q.start:q.end].split()) >= 3]
    ctx.quoted += captions(body, paragraphs)
    facts: list[QuoteFact] = []
    para_of = _paragraph_index(paragraphs)
    for q in spans:
        kind = classify(q, body, doc)
        fact = QuoteFact(body[q.start:q.end], q.start, q.end, kind)
        cue, subj, where = find_attribution(doc, body, q, mentions)
        if where is None and kind != "partial":
            spoken = [f for f in facts if f.kind != "partial"]
            prev = spoken[-1] if spoken else None
            if prev is not None and para_of(prev.start) >= para_of(q.start) - 1 and \
                    (prev.speaker or prev.speaker_label or prev.speaker_span) and \
                    len(body[prev.end:q.open_mark]) < 400 and \
                    not _other_speaker_between(doc, prev, q.open_mark):
                fact.speaker, fact.speaker_label = prev.speaker, prev.speaker_label
                fact.speaker_text, fact.speaker_span = prev.speaker_text, prev.speaker_span
                facts.append(fact)
                continue
            found = next_sentence_attribution(doc, body, q, spans)
            if found is None:
                spoken_marks = [(f.start, f.end) for f in facts if f.kind != "partial"]
                found = lead_in(doc, body, q, spoken_marks, para_of)
            if found is not None:
                cue, subj, where = found
        if where is not None:
            a, b = where
            fact.speaker_text, fact.speaker_span = body[a:b], (a, b)
            if cue is not None:
                fact.cue = cue.text.lower() if cue.lower_ != "according" else "according to"
            if subj is not None:
                fact.speaker, fact.speaker_label = _resolve(ctx, subj, a, b, q, cue.lemma_.lower() if cue else None,
                                                            facts)
            else:
                m = _mention_in(ctx, a, b, None)
                fact.speaker = m.actor if m else None
                fact.speaker_label = None if m else body[a:b]
        facts.append(fact)
    for i, fact in enumerate(facts):
        if fact.speaker is None and fact.speaker_label and fact.speaker_span:
            orgs = [m for m in mentions if fact.speaker_span[0] <= m.start and m.end <= fact.speaker_span[1]
                    and actor_types.get(m.actor) == "ORG"]
            fact.speaker_org = orgs[0].actor if orgs else None
        fact.continues = _continues(body, facts, i, para_of)
    return facts


def _continues(body: str, facts: list[QuoteFact], i: int, para_of) -> Optional[int]:
    """'"A," she said. "B."': B goes on from A when both are speech of one paragraph, with the same speaker
    words, and only the attribution stands between them."""
    q = facts[i]
    if i == 0 or q.kind == "partial" or q.speaker_span is None:
        return None
    prev = facts[i - 1]
    if prev.kind == "partial" or prev.speaker_span != q.speaker_span or para_of(prev.start) != para_of(q.start):
        return None
    between = body[prev.end:q.start]
    a, b = q.speaker_span
    if prev.end <= a and b <= q.start:
        between = body[prev.end:a] + body[b:q.start]  # the speaker's words themselves may stand between
    if len(between) > 60 or sum(c.isalpha() for c in between) > 25:
        return None
    return i - 1


_MINOR = frozenset("a an the and or but of in on at to for with by from as is are isn't not vs".split())


def _is_title(words: list[str]) -> bool:
    """'All Bets Are Off.', 'Legend in the Coal Fields': a headline or a work's title, not speech."""
    if not 2 <= len(words) <= 10:
        return False
    major = [w for w in words if w.lower().strip(".,!?'’\"") not in _MINOR]
    capital = [w for w in major if w[:1].isupper() or w[:1].isdigit()]
    return len(major) >= 2 and len(capital) == len(major)


def _other_speaker_between(doc, prev: QuoteFact, b: int) -> bool:
    """Someone else speaks between two quotes ('...,' Tester said. Vitter said: '...'): no continuation."""
    span = doc.char_span(prev.end, b, alignment_mode="contract")
    if span is None:
        return False
    own = prev.speaker_span or (-1, -1)
    for t in span:
        if t.lemma_.lower() in SPEECH_LEMMAS and t.pos_ == "VERB":
            subj = subject_of(t)
            if subj is not None and not own[0] <= subj.idx < own[1]:
                return True
    return False


def _paragraph_index(paragraphs):
    starts = [a for a, _ in paragraphs] or [0]

    def index(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)
    return index
