"""Per-document scoring of entities, time expressions and quotes against gold (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.evaluate.gold import NAME_TYPES, EntityDoc, QuoteDoc, Span
from generator.evaluate.metrics import (PRF, Ratio, content_words, jaccard, match_one_to_one, normal_span,
                                        overlaps, span_match_score, token_offsets)

QUOTE_JACCARD = 0.3


@dataclass
class EntityScore:
    span: PRF = field(default_factory=PRF)
    typed: PRF = field(default_factory=PRF)
    head: PRF = field(default_factory=PRF)  # same last word (the name's head), overlapping, same type
    by_type: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in NAME_TYPES})

    def add(self, other: "EntityScore") -> None:
        self.span.add(other.span)
        self.typed.add(other.typed)
        self.head.add(other.head)
        for t in NAME_TYPES:
            self.by_type[t].add(other.by_type[t])


def score_entities(doc: EntityDoc, system: list[Span]) -> EntityScore:
    """Exact span match after dropping a leading article and a trailing possessive on both sides.
    A system name equal to a composite gold name ('Boeing and Lockheed Martin') is not counted."""
    norm = lambda s: normal_span(doc.text, s.start, s.end)  # noqa: E731
    gold = {(*norm(g), g.label) for g in doc.entities}
    gold_spans = {(a, b) for a, b, _ in gold}
    skip = {norm(c) for c in doc.composites}
    found = {(*norm(s), s.label) for s in system if s.end > s.start and s.end <= doc.scored_end}
    found = {f for f in found if f[:2] not in skip or f[:2] in gold_spans}
    found_spans = {(a, b) for a, b, _ in found}
    out = EntityScore()
    out.span = PRF(len(found_spans & gold_spans), len(found_spans), len(gold_spans & found_spans), len(gold_spans))
    out.typed = PRF(len(found & gold), len(found), len(gold & found), len(gold))
    # head match: MEANTIME extents take in premodifiers ("aircraft manufacturer Boeing", "Senator McCain")
    by_end = {(b, lab): (a, b) for a, b, lab in gold}
    hits = {x for x in found if (x[1], x[2]) in by_end and x[0] >= by_end[(x[1], x[2])][0]}
    gold_hit = {(*by_end[(x[1], x[2])], x[2]) for x in hits}
    out.head = PRF(len(hits), len(found), len(gold_hit), len(gold))
    for t in NAME_TYPES:
        g = {x for x in gold if x[2] == t}
        f = {x for x in found if x[2] == t}
        out.by_type[t] = PRF(len(f & g), len(f), len(g & f), len(g))
    return out


@dataclass
class TimexScore:
    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    value: PRF = field(default_factory=PRF)
    date_value: Ratio = field(default_factory=Ratio)
    errors: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)

    def add(self, other: "TimexScore") -> None:
        self.strict.add(other.strict)
        self.relaxed.add(other.relaxed)
        self.value.add(other.value)
        self.date_value.hits += other.date_value.hits
        self.date_value.total += other.date_value.total
        self.errors += other.errors


def score_timexes(doc: EntityDoc, system: list[Span]) -> TimexScore:
    """TempEval-3 style: strict and relaxed (overlap) span F1; value F1 over relaxed matches, all types
    (a correct value counts for precision over all system expressions and for recall over all gold ones)."""
    text = doc.text
    gold = doc.timexes
    sys_ = [s for s in system if s.end > s.start and s.end <= doc.scored_end]
    out = TimexScore()
    strip = lambda s: normal_span(text, s.start, s.end)  # noqa: E731
    exact = {strip(g) for g in gold} & {strip(s) for s in sys_}
    out.strict = PRF(len(exact), len({strip(s) for s in sys_}), len(exact), len({strip(g) for g in gold}))
    pairs = match_one_to_one(sys_, gold, span_match_score)
    out.relaxed = PRF(len(pairs), len(sys_), len(pairs), len(gold))
    good = 0
    for i, j in pairs:
        ok = sys_[i].value is not None and sys_[i].value == gold[j].value
        good += ok
        if gold[j].label == "DATE":
            out.date_value.add(ok)
        if not ok:
            out.errors.append((text[gold[j].start:gold[j].end], text[sys_[i].start:sys_[i].end],
                               gold[j].value, sys_[i].value))
    for j, g in enumerate(gold):
        if j not in {p[1] for p in pairs}:
            out.errors.append((text[g.start:g.end], "", g.value, "MISSED"))
    for i, x in enumerate(sys_):
        if i not in {p[0] for p in pairs}:
            out.errors.append(("SPURIOUS", text[x.start:x.end], None, x.value))
    out.value = PRF(good, len(sys_), good, len(gold))
    return out


@dataclass
class QuoteScore:
    detect: PRF = field(default_factory=PRF)
    speaker: Ratio = field(default_factory=Ratio)
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    wrong_speaker: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def add(self, other: "QuoteScore") -> None:
        self.detect.add(other.detect)
        self.speaker.hits += other.speaker.hits
        self.speaker.total += other.speaker.total
        self.misses += other.misses
        self.false += other.false
        self.wrong_speaker += other.wrong_speaker


def merge_fragments(quotes: list[dict], paragraphs: list[tuple[int, int]]) -> list[dict]:
    """'"A," he said. "B."' is one quotation: join consecutive quotes of one paragraph with one speaker."""
    def para(off: int) -> int:
        return next((i for i, (a, b) in enumerate(paragraphs) if a <= off < b), -1)

    out: list[dict] = []
    for q in sorted(quotes, key=lambda q: q["start"]):
        prev = out[-1] if out else None
        same = prev is not None and para(prev["start"]) == para(q["start"]) and q.get("speaker_span") and \
            prev.get("speaker_span") == q.get("speaker_span")
        if same:
            prev["end"] = max(prev["end"], q["end"])
        else:
            out.append(dict(q))
    return out


def speaker_ok(q: dict, source: tuple[int, int] | None, source_text: str | None) -> bool:
    """The speaker words overlap the gold source: the same characters, or a shared word (name or pronoun)."""
    if q.get("speaker_span") and source and overlaps(tuple(q["speaker_span"]), source):
        return True
    ours = content_words(q.get("speaker_text")) | content_words(q.get("speaker_name"))
    return bool(ours & content_words(source_text))


def score_quotes(doc: QuoteDoc, system: list[dict]) -> QuoteScore:
    text = doc.text
    direct = [a for a in doc.attributions if a.direct and a.contents]
    indirect = [a for a in doc.attributions if not a.direct and a.contents]
    g_tok = [token_offsets(text, a.contents) for a in direct]
    i_tok = [token_offsets(text, a.contents) for a in indirect]
    s_tok = [token_offsets(text, [(q["start"], q["end"])]) for q in system]
    keep = lambda v: v if v >= QUOTE_JACCARD else 0  # noqa: E731
    pairs = match_one_to_one(range(len(system)), range(len(direct)), lambda i, j: keep(jaccard(s_tok[i], g_tok[j])))
    matched_s = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    out = QuoteScore()
    fp = 0
    for i, q in enumerate(system):
        if i in matched_s:
            continue
        if any(jaccard(s_tok[i], t) >= QUOTE_JACCARD for t in i_tok):
            continue  # a quote the gold set files as indirect attribution: not a false positive
        fp += 1
        out.false.append(text[q["start"]:q["end"]][:120])
    out.detect = PRF(len(pairs), len(pairs) + fp, len(pairs), len(direct))
    for j, a in enumerate(direct):
        if j not in matched_g:
            out.misses.append(" | ".join(text[x:y] for x, y in a.contents)[:160])
    for i, j in pairs:
        a = direct[j]
        if a.source is None and not a.source_text:
            continue
        ok = speaker_ok(system[i], a.source, a.source_text)
        out.speaker.add(ok)
        if not ok:
            out.wrong_speaker.append((text[system[i]["start"]:system[i]["end"]][:80], a.source_text,
                                      system[i].get("speaker_text")))
    return out
