"""Who said it: attribution of direct quotes to the right named person, on the Gender Gap Tracker set.

`ggt_dev.jsonl` resolves every quote's speaker to a name (`reference`, even where the text says "she").
System direct and block quotes are matched one-to-one to gold direct quotes (those whose `quote` starts
with a quotation mark) by token Jaccard >= 0.3, as for PolNeAR. Each matched quote whose gold speaker is
a name (capitalised: "officials" and "protesters" are not scored) is then one of:
- right: the gold name's last word is among the words of the speaker actor's names (its canonical name
  and every surface form of its mentions), or, for a described speaker, among the words the site shows
  (speaker_label);
- wrong: given to a named actor that is not the gold speaker (words put in the wrong mouth);
- unattributed: no actor and no label naming the gold speaker.
Beside the project stands a naive baseline on the same matched quotes: the nearest PERSON mention
before the quote's opening mark.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from generator.evaluate.gold import parse_date
from generator.evaluate.metrics import PRF, jaccard, match_one_to_one, token_offsets

JACCARD = 0.3
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
OPEN_MARKS = "\"“”„«"


@dataclass
class GoldQuote:
    start: int  # the opening mark
    end: int  # past the closing mark
    reference: str


@dataclass
class GgtDoc:
    doc_id: str
    text: str
    dct: object
    quotes: list[GoldQuote]


@dataclass
class Shares:
    right: int = 0
    wrong: int = 0
    none: int = 0
    examples: list[tuple[str, str, str]] = field(default_factory=list)  # (quote, gold, ours) for wrong ones
    open_ones: list[tuple[str, str, str]] = field(default_factory=list)  # (quote, gold, speaker words): unattributed

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.none

    def share(self, n: int) -> float:
        return n / self.total if self.total else 0.0


def _quotations(row: dict) -> list[dict]:
    q = row.get("quotations") or []
    if isinstance(q, str):
        try:
            q = ast.literal_eval(q)
        except (ValueError, SyntaxError):
            return []
    return [x for x in q if isinstance(x, dict)]


def _locate(text: str, quote: str, hint: Optional[str]) -> int:
    """The quote's offset in the text; when it occurs more than once, the occurrence nearest the hint."""
    hits = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not hits:
        return -1
    try:
        near = ast.literal_eval(hint)[0] if hint else 0
    except (ValueError, SyntaxError, TypeError, IndexError):
        near = 0
    return min(hits, key=lambda h: (abs(h - near), h))


def load(path: Path) -> list[GgtDoc]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for row in rows:
        text = row.get("rawtext") or ""
        quotes = []
        for x in _quotations(row):
            quote = (x.get("quote") or "").strip()
            if not quote or quote[0] not in OPEN_MARKS:
                continue
            at = _locate(text, quote, x.get("quote_index"))
            if at < 0:
                continue
            quotes.append(GoldQuote(at, at + len(quote), (x.get("reference") or x.get("speaker") or "").strip()))
        docs.append(GgtDoc(str(row.get("doc_id") or row.get("_id")), text,
                           parse_date((row.get("objectid_utc") or "")[:10]), quotes))
    return docs


def surname(name: str) -> str:
    words = _WORD.findall(name.lower().replace("’", "'"))
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return words[-1] if words else ""


def _words(*texts: Optional[str]) -> set[str]:
    out: set[str] = set()
    for t in texts:
        for w in _WORD.findall((t or "").lower().replace("’", "'")):
            out.add(w[:-2] if w.endswith("'s") else w)
    return out


def judge(gold_name: str, speaker: Optional[str], label: Optional[str], names: dict[str, set[str]]) -> str:
    """'right', 'wrong' or 'none' for one matched quote."""
    want = surname(gold_name)
    if speaker:
        return "right" if want in names.get(speaker, set()) else "wrong"
    if label and want in _words(label):
        return "right"
    return "none"


def baseline_speaker(rec, quote_start: int) -> Optional[str]:
    """The naive attribution: the PERSON actor with the nearest mention ending before the quote."""
    best = None
    for a in rec.actors:
        if a.type != "PERSON":
            continue
        for s, e in a.spans:
            if e <= quote_start and (best is None or e > best[0]):
                best = (e, a.id)
    return best[1] if best else None


def score(docs: list[GgtDoc], records) -> tuple[Shares, Shares, PRF]:
    ours, base, detect = Shares(), Shares(), PRF()
    for doc, rec in zip(docs, records):
        names = {a.id: _words(a.name, *(doc.text[s:e] for s, e in a.spans)) for a in rec.actors}
        shown = {a.id: a.name for a in rec.actors}
        system = [q for q in rec.quotes if q.kind in ("direct", "block")]
        s_tok = [token_offsets(doc.text, [(q.start, q.end)]) for q in system]
        g_tok = [token_offsets(doc.text, [(g.start, g.end)]) for g in doc.quotes]
        pairs = match_one_to_one(range(len(system)), range(len(doc.quotes)),
                                 lambda i, j, s_tok=s_tok, g_tok=g_tok: v if (v := jaccard(s_tok[i], g_tok[j])) >= JACCARD else 0)
        detect.add(PRF(len(pairs), len(system), len(pairs), len(doc.quotes)))
        for i, j in sorted(pairs, key=lambda p: p[1]):
            gold = doc.quotes[j]
            if not gold.reference[:1].isupper():
                continue  # "officials", "protesters": no named person to reach
            q = system[i]
            verdict = judge(gold.reference, q.speaker, q.speaker_label, names)
            setattr(ours, verdict, getattr(ours, verdict) + 1)
            if verdict == "wrong":
                ours.examples.append((doc.text[q.start:q.end][:90], gold.reference,
                                      f"{shown.get(q.speaker or '', q.speaker)} ({q.speaker_text!r})"))
            elif verdict == "none":
                ours.open_ones.append((doc.text[q.start:q.end][:60], gold.reference,
                                       f"{q.speaker_text!r} / {q.speaker_label!r}"))
            b = judge(gold.reference, baseline_speaker(rec, q.start), None, names)
            setattr(base, b, getattr(base, b) + 1)
    return ours, base, detect


def report(data: Path, model: str, errors: int = 0) -> dict[str, float]:
    """Run the extractor on ggt_dev.jsonl and print the attribution table; {} when the set is absent."""
    path = data / "ggt_dev.jsonl"
    if not path.exists():
        return {}
    from generator.evaluate import runs

    docs = load(path)
    records, _ = runs.run_project([(d.text, d.dct) for d in docs], model)
    ours, base, detect = score(docs, records)
    n = sum(len(d.quotes) for d in docs)
    print(f"\nWHO SAID IT - GGT dev ({len(docs)} articles, {n} direct quotes; {ours.total} matched with a named "
          f"speaker)")
    print(f"  {'measure':<34}{'nearest person before':>22}{'project':>22}")
    print(f"  {'direct-quote detection P R F1':<34}{'':>22}{f'{detect.p:.3f} {detect.r:.3f} {detect.f1:.3f}':>22}")
    for label, key in (("right named person", "right"), ("WRONG named person", "wrong"), ("unattributed", "none")):
        b, o = getattr(base, key), getattr(ours, key)
        print(f"  {label:<34}{f'{base.share(b):.3f} ({b})':>22}{f'{ours.share(o):.3f} ({o})':>22}")
    right, wrong = ours.share(ours.right), ours.share(ours.wrong)
    for label, value, target, ok in (("right person", right, ">= 0.90", right >= 0.90),
                                     ("wrong person", wrong, "<= 0.03", wrong <= 0.03),
                                     ("direct-quote F1", detect.f1, ">= 0.90", detect.f1 >= 0.90)):
        print(f"  target: {label:<16} {value:.3f}  {target}  {'met' if ok else 'NOT MET'}")
    if errors:
        print(f"\n  wrong named person (quote, gold, ours): {len(ours.examples)}")
        for ex in ours.examples[:errors]:
            print("    -", ex)
        print(f"\n  unattributed (quote, gold, speaker words / label): {len(ours.open_ones)}")
        for ex in ours.open_ones[:errors]:
            print("    -", ex)
    return {"ggt_quote_f1": detect.f1, "right_person": ours.share(ours.right), "wrong_person": ours.share(ours.wrong)}
