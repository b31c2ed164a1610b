"""Article ids: a slug of the title, unique across the briefing and stable across builds and renames."""

from __future__ import annotations

import hashlib

from slugify import slugify

from generator.errors import Problems
from generator.records import RESERVED_IDS, Article


def make_slug(title: str, fallback: str) -> str:
    slug = slugify(title, max_length=60, word_boundary=True, save_order=True)
    return slug or slugify(fallback, max_length=60) or "article"


def drop_copies(articles: list[Article], known_ids: dict[str, str], problems: Problems) -> list[Article]:
    """One article per distinct seed content: a byte-identical copy is reported and left out. The copy that
    a record already names is kept (so adding a copy never moves an article); otherwise the first by path."""
    by_sha: dict[str, list[Article]] = {}
    for art in articles:
        by_sha.setdefault(art.source_sha256, []).append(art)
    dropped: set[str] = set()
    for copies in by_sha.values():
        if len(copies) < 2:
            continue
        keep = next((a for a in copies if a.source_file in known_ids), copies[0])
        for art in copies:
            if art is not keep:
                dropped.add(art.source_file)
                problems.add(art.source_file, None, "", f"the same bytes as {keep.source_file}: a duplicate, "
                             "not published twice — skipped", fix="delete one of the two files")
    return [a for a in articles if a.source_file not in dropped]


def assign_ids(articles: list[Article], known_ids: dict[str, str],
               problems: Problems | None = None, known_sha: dict[str, str] | None = None) -> list[Article]:
    """Unique ids: a source keeps the id it had; a new colliding slug gets a suffix from its file name.

    known_ids maps a source (a seed path, or content/articles/<id>.yml for a hand-written article) to the
    id its record has. Every one of those ids is taken, even when its seed is not in this batch: a new
    seed must never land on a hand-written article or an edited record (the store keeps those files,
    and the new article would silently vanish)."""
    taken: set[str] = {i for i in known_ids.values() if i} | RESERVED_IDS
    live = {a.source_file for a in articles}
    out: dict[str, Article] = {}
    for art in articles:
        kept = known_ids.get(art.source_file)
        renamed = None
        if not kept and known_sha:
            # a renamed seed: a record names a seed with these very bytes, and that seed is gone
            old = known_sha.get(art.source_sha256)
            if old and old not in live and known_ids.get(old) and known_ids[old] not in \
                    {o.id for o in out.values()}:
                kept, renamed = known_ids[old], old
        if kept:
            new_id = kept
        else:
            new_id = art.id
            if new_id in taken:
                digest = hashlib.sha256(art.source_file.encode()).hexdigest()[:6]
                new_id = f"{art.id}-{digest}"
            n = 2
            while new_id in taken:
                new_id, n = f"{art.id}-{n}", n + 1
            if new_id != art.id and problems is not None:
                why = "names one of the site's index pages" if art.id in RESERVED_IDS else "is already taken"
                problems.add(art.source_file, None, "title", f"its id '{art.id}' (from the title) {why}; "
                             f"this article's id is '{new_id}'", severity="warning")
        taken.add(new_id)
        out[art.source_file] = Article(**{**art.__dict__, "id": new_id, "renamed_from": renamed})
    return [out[a.source_file] for a in articles]
