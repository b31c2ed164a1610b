"""Thread ids that last: a thread's page URL and the topic file that keeps it do not change when its title
or its articles do.

Two rules, both deterministic:

1. **Inherited.** A thread of the last published build passes its id on to the thread of this build that
   holds more than half of its articles (only one can). A thread that holds the majority of several old
   threads takes the id of the one it shares most articles with (ties: the smaller id). So adding articles
   to a story, or its title shifting, keeps its id.
2. **Founded.** Any other thread (every thread of a first build) is named after its founding article, the
   oldest one (undated articles count after dated ones; ties and undated corpora: the smallest article id).
   A story that grows with newer articles keeps its founder, so its id also lasts without any saved state
   (a fresh clone builds the same ids as the machine that built the site before).

An id already taken (by an editor's topic, a reserved page or another thread) gets a -2, -3... suffix.
"""

from __future__ import annotations

from generator.records import ArticleRecord


def founder(recs: list[ArticleRecord]) -> str:
    return min(recs, key=lambda r: (r.published is None, r.published.toordinal() if r.published else 0, r.id)).id


def inherited(groups: list[set[str]], previous: dict[str, list[str]]) -> dict[int, str]:
    """group index -> the previous thread id it keeps."""
    where: dict[str, int] = {}
    for i, g in enumerate(groups):
        for aid in g:
            where[aid] = i
    claims: dict[int, list[tuple[int, str]]] = {}
    for pid in sorted(previous):
        arts = set(previous[pid])
        counts: dict[int, int] = {}
        for aid in arts:
            if aid in where:
                counts[where[aid]] = counts.get(where[aid], 0) + 1
        for i, k in counts.items():
            if 2 * k > len(arts):
                claims.setdefault(i, []).append((-k, pid))
    return {i: min(c)[1] for i, c in claims.items()}


def stable_ids(groups: list[set[str]], records: list[list[ArticleRecord]], previous: dict[str, list[str]],
               taken: set[str]) -> list[str]:
    """One id per group (article ids, and the same groups' records), in the groups' order."""
    keep = inherited(groups, previous)
    ids: list[str] = [""] * len(groups)
    used = set(taken)
    for i in sorted(keep, key=lambda i: keep[i]):  # inherited ids first: they are what readers have linked to
        if keep[i] not in used:
            ids[i] = keep[i]
            used.add(keep[i])
    for i, recs in enumerate(records):
        if not ids[i]:
            base = tid = founder(recs)
            k = 2
            while tid in used:
                tid, k = f"{base}-{k}", k + 1
            ids[i] = tid
            used.add(tid)
    return ids


def moved(previous: dict[str, list[str]], earlier: dict[str, str], groups: dict[str, set[str]]) -> dict[str, str]:
    """Old thread ids that are no thread now -> the thread that holds most of their articles (ties: the smaller
    id), so that an old link still leads to the story; `earlier`: the ids that had moved before (followed)."""
    where: dict[str, str] = {}
    for tid in sorted(groups):
        for aid in groups[tid]:
            where.setdefault(aid, tid)

    def home(arts: list[str]) -> str | None:
        counts: dict[str, int] = {}
        for aid in arts:
            if aid in where:
                counts[where[aid]] = counts.get(where[aid], 0) + 1
        return min(counts, key=lambda t: (-counts[t], t)) if counts else None

    out: dict[str, str] = {}
    for pid in sorted(previous):
        if pid not in groups and (target := home(previous[pid])):
            out[pid] = target
    for old in sorted(earlier):
        if old in groups or old in out:
            continue
        via = earlier[old]
        target = via if via in groups else out.get(via) or (home(previous[via]) if via in previous else None)
        if target:
            out[old] = target
    return out
