"""Ingest: seed files (.txt, .md with front matter, .html) -> Article records with a clean body.

Plain-text seeds arrive as they were pasted: an optional leading `date YYYY-MM-DD` line (sometimes with
the headline on the same line), a headline, standfirst lines, the body, and stray end marks (a lone
`µ`, `■`, `ENDS`). The body is kept as written (offsets index it); only the framing is removed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Optional

from generator.errors import Problems, shown_path
from generator.ingest.htmlpage import html_to_text
from generator.ingest.ids import assign_ids, drop_copies, make_slug
from generator.ingest.markdown import read_markdown, split_front_matter
from generator.ingest.plain import split_plain_text
from generator.ingest.seedfiles import read_bounded, seed_files
from generator.ingest.text import IngestError, decode, paragraph_spans, strip_end_marks
from generator.ingest.titles import title_from_lede
from generator.records import Article

__all__ = ["IngestError", "SeedMemo", "assign_ids", "decode", "ingest_file", "ingest_seeds", "ingest_text",
           "make_slug", "paragraph_spans", "split_front_matter", "split_plain_text", "strip_end_marks",
           "title_from_lede"]

SEED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# spaCy needs about 1 GB of memory per 250,000 characters and the quote stage slows down sharply on long
# texts; a news article is 2,000-20,000 characters. Longer bodies are refused with this limit named.
MAX_BODY_CHARS = 250_000
MAX_HEADLINE_CHARS = 300


def ingest_text(text: str, source_file: str, sha256: str) -> Article:
    """Parse the text of one seed file (already decoded)."""
    suffix = Path(source_file).suffix.lower()
    meta: dict = {}
    standfirst: list[str] = []
    published = None
    if suffix in (".md", ".markdown"):
        meta, published, headline, standfirst, body = read_markdown(text)
    elif suffix in (".html", ".htm"):
        headline, flat = html_to_text(text)
        published, head2, standfirst, body = split_plain_text(flat)
        headline = head2 or headline or None
    else:
        published, headline, standfirst, body = split_plain_text(text)
    if not body.strip():
        raise IngestError("no article text after the headline" if headline else "empty file: no article text")
    if not any(ch.isalnum() for ch in body):
        raise IngestError("no words: the text is only punctuation, quote marks or symbols")
    if len(body) > MAX_BODY_CHARS:
        raise IngestError(f"article text is {len(body):,} characters, over the limit of {MAX_BODY_CHARS:,} "
                          "(split it into several seeds)")
    title = " ".join(str(headline).split()) if headline else title_from_lede(body)
    if not any(ch.isalnum() for ch in title) and not headline:
        # the first sentence has no words (". a", "— …"): the first words of the text, or the file name
        words = re.findall(r"\w[\w'’&.-]*", body)[:12]
        title = " ".join(words) or Path(source_file).stem
    if len(title) > MAX_HEADLINE_CHARS:
        title = title[:MAX_HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"
    source = meta.get("source")
    return Article(
        id=make_slug(title, Path(source_file).stem),
        title=title,
        published=published,
        source_file=source_file,
        source_sha256=sha256,
        body=body,
        standfirst=tuple(standfirst),
        source_name=str(source) if source else None,
        url=str(meta["url"]) if meta.get("url") else None,
        paragraphs=paragraph_spans(body),
    )


def ingest_file(path: Path, root: Path, max_bytes: int) -> tuple[Article, str | None]:
    rel = shown_path(path, root)
    raw = read_bounded(path, max_bytes)
    text, warning = decode(raw)
    return ingest_text(text, rel, hashlib.sha256(raw).hexdigest()), warning


# The live preview's memo of ingest: seed path -> (inode, size, mtime, ctime, size limit) and what that file gave.
SeedMemo = dict[str, tuple[tuple[int, ...], tuple[Article, Optional[str]]]]


def _ingest_file_memo(path: Path, root: Path, max_bytes: int, memo: SeedMemo | None) -> tuple[Article, str | None]:
    if memo is None:
        return ingest_file(path, root, max_bytes)
    st = path.stat()
    key = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, max_bytes)  # ctime: also `cp -p`, `touch -r`
    hit = memo.get(str(path))
    if hit is None or hit[0] != key:
        hit = (key, ingest_file(path, root, max_bytes))  # a bad file raises: it is read again next time
        memo[str(path)] = hit
    return hit[1]


def ingest_seeds(seeds_dir: Path, root: Path, problems: Problems, max_bytes: int,
                 known_ids: dict[str, str] | None = None, memo: SeedMemo | None = None,
                 known_sha: dict[str, str] | None = None) -> list[Article]:
    """Every seed under seeds_dir, sorted by path; bad files become problems and are skipped.

    known_ids maps a source file to the id its record already has, so ids stay stable when a new seed
    with a colliding title arrives later; known_sha maps a record's seed hash to its source file, so that a
    renamed seed (same bytes, new name) keeps its article's id. A byte-identical copy of another seed is
    reported as a duplicate and skipped (the copy a record already names is the one kept). memo (the live
    preview's, kept between builds) holds what each file gave, by inode, size, mtime and ctime: an unchanged
    seed is not read again.
    """
    known_ids = known_ids or {}
    articles: list[Article] = []
    files = seed_files(seeds_dir, root, problems)
    for path in files:
        rel = shown_path(path, root)
        if path.suffix.lower() not in SEED_SUFFIXES:
            problems.add(rel, None, "", f"not a seed file type; ignored (seeds are {', '.join(SEED_SUFFIXES)})",
                         severity="warning")
            continue
        try:
            article, warning = _ingest_file_memo(path, root, max_bytes, memo)
        except IngestError as exc:
            problems.add(rel, exc.line, exc.key, f"{exc} — skipped")
            continue
        except OSError as exc:
            problems.add(rel, None, "", f"cannot read: {exc.strerror} — skipped")
            continue
        except Exception as exc:  # a bug must not cost the other seeds (or show a traceback)
            problems.add(rel, None, "", f"could not be read ({type(exc).__name__}: {exc}) — skipped; "
                         "please report this file")
            continue
        if warning:
            problems.add(rel, None, "", warning, severity="warning")
        articles.append(article)
    articles = drop_copies(articles, known_ids, problems)
    if memo is not None:
        for gone in set(memo) - {str(p) for p in files}:
            del memo[gone]
    return assign_ids(articles, known_ids, problems, known_sha)
