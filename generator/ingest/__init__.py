"""Ingest: seed files (.txt, .md with front matter, .html) -> Article records with a clean body.

Plain-text seeds arrive as they were pasted: an optional leading `date YYYY-MM-DD` line (sometimes with
the headline on the same line), a headline, standfirst lines, the body, and stray end marks (a lone
`µ`, `■`, `ENDS`). The body is kept as written (offsets index it); only the framing is removed.
"""

from __future__ import annotations

from typing import Optional

import datetime as dt
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

from slugify import slugify

from generator import yamlio
from generator.errors import Problems
from generator.records import RESERVED_IDS, Article
from generator.ingest.seedfiles import read_bounded, seed_files, shown_path
from generator.ingest.truecase import truecase

SEED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# possessive quantifiers (*+): no backtracking, so a first line of 20,000 spaces costs microseconds, not seconds
_DATE_LINE = re.compile(r"^\s*+(?:date|published|dateline)\s*+:?\s*+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$", re.I)
_END_MARK = re.compile(r"(?:\s+(?:[µ■□▪●•◆♦#*~†‡§¶]|\(?ENDS?\)?|-30-|###|\[END\]))+\s*$")
_PARA_SPLIT = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
MAX_TITLE_CHARS = 110
# spaCy needs ~1 GB of memory per 250,000 characters and the quote stage slows down sharply on long
# texts; a news article is 2,000-20,000 characters. Longer bodies are refused with this limit named.
MAX_BODY_CHARS = 250_000
MAX_HEADLINE_CHARS = 300
# C0 controls other than tab/newline/CR, DEL, C1 controls and unpaired surrogates: never text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class IngestError(Exception):
    def __init__(self, message: str, line: int | None = None, key: str = ""):
        self.line, self.key = line, key
        super().__init__(message)


def decode(raw: bytes) -> tuple[str, str | None]:
    """Bytes -> text. Returns (text, warning). Raises IngestError for binary data.

    UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16 without one, else Windows-1252 with a
    warning. Control characters become spaces (same length, so nothing else moves)."""
    text, warning = _decode(raw)
    if _CONTROL.search(text):
        n = len(_CONTROL.findall(text))
        line = text[: _CONTROL.search(text).start()].count("\n") + 1
        text = _CONTROL.sub(" ", text)
        warning = (warning + "; " if warning else "") + (
            f"{n} control character(s) replaced by spaces (first on line {line})")
    return text, warning


def _decode(raw: bytes) -> tuple[str, str | None]:
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec), None
            except UnicodeDecodeError as exc:
                raise IngestError(f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
                                  f"(bad bytes at offset {exc.start}); save it as UTF-8") from None
    head = raw[:8192]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if len(head) >= 4 and max(even, odd) >= len(head) // 4 and min(even, odd) == 0:
            codec = "utf-16-le" if odd else "utf-16-be"
            try:
                return raw.decode(codec), f"read as {codec.upper()} (no byte-order mark); save it as UTF-8"
            except UnicodeDecodeError:
                pass
        raise IngestError("binary file, not text (it contains NUL bytes); seeds must be text, Markdown or HTML")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return raw.decode("cp1252", errors="replace"), (
            f"not UTF-8 (first bad byte on line {line}); read as Windows-1252/Latin-1. Save it as UTF-8")


def paragraph_spans(body: str) -> tuple[tuple[int, int], ...]:
    spans, pos = [], 0
    for m in _PARA_SPLIT.finditer(body):
        if body[pos:m.start()].strip():
            spans.append(_strip_span(body, pos, m.start()))
        pos = m.end()
    if body[pos:].strip():
        spans.append(_strip_span(body, pos, len(body)))
    return tuple(spans)


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _is_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 200 and "\n" not in line and not _SENTENCE_END.search(line)


def title_from_lede(body: str) -> str:
    """A readable title when a seed has no headline: the first sentence, re-cased, cut at a word."""
    first = paragraph_spans(body)[0] if body.strip() else (0, 0)
    text = truecase(body)[first[0]:first[1]]
    m = re.search(r"[.!?](?=\s|$)", text)
    sentence = text[: m.start()] if m else text
    sentence = " ".join(sentence.split())
    if len(sentence) <= MAX_TITLE_CHARS:
        return sentence
    cut = sentence[:MAX_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


def split_plain_text(text: str) -> tuple[dt.date | None, str | None, list[str], str]:
    """(published, headline, standfirst lines, body) from a plain-text seed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    published = None
    headline = None
    first_nl = text.find("\n")
    first_line = text if first_nl < 0 else text[:first_nl]
    m = _DATE_LINE.match(first_line)
    rest = text
    if m:
        published = _parse_iso_date(m.group(1), line=1, key="date")
        rest = text[len(first_line):]
        if m.group(2).strip():
            headline = m.group(2).strip()
    paragraphs = [p for p in _PARA_SPLIT.split(rest) if p.strip()]
    if headline is None and len(paragraphs) > 1 and _is_headline(paragraphs[0]):
        headline = paragraphs.pop(0).strip()
    standfirst: list[str] = []
    if headline is not None:
        while len(paragraphs) > 1 and _is_headline(paragraphs[0]) and len(paragraphs[0]) <= 160:
            standfirst.append(" ".join(paragraphs.pop(0).split()))
    # the body is the original text from the first body paragraph on, framing removed
    if paragraphs:
        start = rest.find(paragraphs[0])
        body = rest[start:]
    else:
        body = ""
    body = strip_end_marks(body)
    return published, headline, standfirst, body


def strip_end_marks(body: str) -> str:
    """Remove stray end marks (µ, ■, ENDS, -30-) and trailing space. The pattern only ever matches at the
    very end, and run over a long stretch of spaces it is quadratic (20,000 spaces took 7 s): it only
    looks at the last 300 characters."""
    body = body.rstrip()
    cut = max(0, len(body) - 300)
    return (body[:cut] + _END_MARK.sub("", body[cut:])).rstrip()


def _parse_iso_date(value: str, line: int | None, key: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise IngestError(f"'{value}' is not a real date", line=line, key=key) from None


def split_front_matter(text: str) -> tuple[dict, str]:
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if not end:
        raise IngestError("front matter starts with '---' but has no closing '---' line", line=1,
                          key="front matter")
    try:  # a leading newline stands for the opening '---', so that every line number is the file's
        loaded = yamlio.loads("\n" + text[4:4 + end.start()])
    except yamlio.YamlFileError as exc:
        raise IngestError(str(exc), line=exc.line, key="front matter") from None
    meta = loaded.data or {}
    if not isinstance(meta, dict):
        raise IngestError("front matter must be a mapping of keys to values", line=2, key="front matter")
    allowed = {"title", "published", "date", "source", "url", "standfirst"}
    for key in meta:
        line = loaded.lines.get((key,)) or 1
        if key not in allowed:
            raise IngestError(f"unknown front-matter key (allowed: {', '.join(sorted(allowed))})",
                              line=line, key=str(key))
        value = meta[key]
        if value is None:
            continue
        if key in ("published", "date"):
            ok = isinstance(value, (dt.date, str))
        elif key == "standfirst":
            ok = isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        else:
            ok = isinstance(value, str) or (key == "title" and isinstance(value, (int, float))
                                            and not isinstance(value, bool))
        if not ok:
            want = {"published": "a date YYYY-MM-DD", "date": "a date YYYY-MM-DD",
                    "standfirst": "text or a list of lines of text"}.get(key, "text")
            raise IngestError(f"must be {want}, not {type(value).__name__}", line=line, key=str(key))
    return meta, text[4 + end.end():].lstrip("\n")


class _HTMLText(HTMLParser):
    BLOCKS = {"p", "div", "h1", "h2", "h3", "li", "blockquote", "br", "article", "section"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "template"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "template") and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._skip:
            return
        if self._in_title:
            self.title += data
        else:
            # keep one space where the text had any, so that words either side of a tag stay apart
            text = " ".join(data.split())
            self.parts.append((" " if data[:1].isspace() else "") + text + (" " if data[-1:].isspace() and text else "")
                              if text else " ")


def _html_to_text(text: str) -> tuple[str, str]:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    joined = "".join(parser.parts)
    paras = [" ".join(p.split()) for p in _PARA_SPLIT.split(joined) if p.strip()]
    return html.unescape(parser.title).strip(), "\n\n".join(paras)


def make_slug(title: str, fallback: str) -> str:
    slug = slugify(title, max_length=60, word_boundary=True, save_order=True)
    return slug or slugify(fallback, max_length=60) or "article"


def ingest_text(text: str, source_file: str, sha256: str) -> Article:
    """Parse the text of one seed file (already decoded)."""
    suffix = Path(source_file).suffix.lower()
    meta: dict = {}
    standfirst: list[str] = []
    published = None
    if suffix in (".md", ".markdown"):
        meta, body = split_front_matter(text)
        body = strip_end_marks(body.replace("\r\n", "\n"))
        headline = meta.get("title")
        raw_date = meta.get("published", meta.get("date"))
        if isinstance(raw_date, dt.datetime):
            published = raw_date.date()
        elif isinstance(raw_date, dt.date):
            published = raw_date
        elif raw_date not in (None, ""):
            published = _parse_iso_date(str(raw_date), line=None, key="published")
        sf = meta.get("standfirst") or []
        standfirst = [sf] if isinstance(sf, str) else [str(s) for s in sf]
    elif suffix in (".html", ".htm"):
        headline, flat = _html_to_text(text)
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
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
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
    articles = _drop_copies(articles, known_ids, problems)
    if memo is not None:
        for gone in set(memo) - {str(p) for p in files}:
            del memo[gone]
    return assign_ids(articles, known_ids, problems, known_sha)


def _drop_copies(articles: list[Article], known_ids: dict[str, str], problems: Problems) -> list[Article]:
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
