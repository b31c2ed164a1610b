"""The content side of the last build, kept on disk for the next process (`make site` is a new one each time).

What is kept (.cache/state/content.memo): the canon stamp the build ended with, the ingested articles, what each
seed file gave (by stat, like the live preview's SeedMemo), the canonical records (each with a digest of the
record and body it was made from, and of the registry it was made with), and the warnings the skipped stages
gave. A build whose canon stamp is the kept one goes from loading content straight to resolve, as the live
preview does in-process; otherwise the canonical records whose record, body and registry are unchanged are
reused by store (adding one article canonicalises that one).

Never stale: the stamp covers the code, the model, the settings, the seeds by stat, the record files that exist
and the registry as extraction and canonicalisation see it; each canonical record is reused only for a record
and body with the same content digest. Never trusted blindly: the payload (JSON) is checked against its sha256 before it
is read, and any failure (corrupt, truncated, another format) means the memo is ignored and rebuilt.
The file is this project's own state (like the Jinja bytecode cache beside it), never shared or downloaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import datetime as dt
import json
from dataclasses import asdict, astuple, dataclass, field
from pathlib import Path

from generator import yamlio
from generator.content.registry import Registry
from generator.errors import Problem, Problems
from generator.ingest import SeedMemo
from generator.records import Article, ArticleRecord

FORMAT = b"briefing-content-memo 5"  # bump when ContentState or ResolveMemo change
FILE = "content.memo"


@dataclass
class ResolveMemo:
    """Canonical records by article id, each valid for the very record object and body it was made from, or
    (once sealed, e.g. kept on disk for the next process) for a record and body with the same content digest
    (the canonical record's own digest is kept beside its JSON: the record content/ holds, when it is that one,
    is taken as it is instead of validating the JSON again).
    `registry` names the registry the records were canonicalised with (registry_digest); the owner of the memo
    checks it."""

    entries: dict[str, tuple[ArticleRecord, str, ArticleRecord, Problems]] = field(default_factory=dict)
    sealed: dict[str, tuple[str, str, str | None, list, str | None]] = field(default_factory=dict)
    registry: str = ""
    _from_sealed: dict[str, tuple] = field(default_factory=dict, repr=False)  # entries get() read from `sealed`

    def get(self, rec: ArticleRecord, body: str,
            held: ArticleRecord | None = None) -> tuple[ArticleRecord, Problems] | None:
        """`held`: the record content/ holds for this article, if any. When it is the canonical record kept (the
        same content digest, its review block aside), it is taken instead of reading the kept JSON again."""
        hit = self.entries.get(rec.id)
        if hit is not None and hit[0] is rec and hit[1] is body:
            return hit[2], hit[3]
        kept = self.sealed.get(rec.id)
        if kept is None or kept[1] != body_digest(body) or kept[0] != record_digest(rec):
            return None
        # None: the canonical record is the record itself (what content/ holds); a str: its JSON
        canon = rec if kept[2] is None else self._held(rec, held, kept[4]) or ArticleRecord.model_validate_json(kept[2])
        found = Problems([Problem(*p) for p in kept[3]])
        self.entries[rec.id] = (rec, body, canon, found)
        self._from_sealed[rec.id] = (rec, body, canon, kept)
        return canon, found

    @staticmethod
    def _held(rec: ArticleRecord, held: ArticleRecord | None, digest: str | None) -> ArticleRecord | None:
        if held is None or digest is None:
            return None
        candidate = held.model_copy(update={"review": rec.review})  # canonical_record keeps rec's review
        return candidate if record_digest(candidate) == digest else None

    def put(self, rec: ArticleRecord, body: str, canon: ArticleRecord, found: Problems,
            source: "ResolveMemo | None" = None) -> None:
        """`source`: the memo `canon` was read from (its sealed entry is kept as it is, not made again)."""
        self.entries[rec.id] = (rec, body, canon, found)
        came = source._from_sealed.get(rec.id) if source is not None else None
        if came is not None and came[0] is rec and came[1] is body and came[2] is canon:
            self._from_sealed[rec.id] = came
        else:
            self._from_sealed.pop(rec.id, None)

    def seal(self) -> None:
        """Key every entry by content instead of object identity (before it leaves this process)."""
        for aid, (rec, body, canon, found) in self.entries.items():
            came = self._from_sealed.get(aid)
            if came is not None and came[0] is rec and came[1] is body and came[2] is canon:
                self.sealed[aid] = came[3]  # read from the sealed entry: the same digests and JSON
                continue
            text = None if canon is rec else canon.model_dump_json()
            self.sealed[aid] = (record_digest(rec), body_digest(body), text,
                                [list(astuple(p)) for p in found.items],
                                None if text is None else hashlib.sha256(text.encode()).hexdigest())

    def to_json(self) -> dict:
        self.seal()
        return {"registry": self.registry, "sealed": self.sealed}

    @classmethod
    def from_json(cls, data: dict) -> "ResolveMemo":
        sealed = {aid: (str(v[0]), str(v[1]), v[2], v[3], v[4]) for aid, v in data["sealed"].items()}
        return cls(sealed=sealed, registry=str(data["registry"]))


def record_digest(rec: ArticleRecord) -> str:
    return hashlib.sha256(rec.model_dump_json().encode()).hexdigest()


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def registry_digest(registry: Registry) -> str:
    """The registry as canonical_record sees it: every field of every entity but the ones it never reads
    (description, links), and the topics. A new field counts until it is said not to."""
    h = hashlib.sha256()
    for _, ent in sorted(registry.entities.items()):
        h.update(ent.model_dump_json(exclude={"description", "links"}).encode() + b"\0")
    for _, topic in sorted(registry.topics.items()):
        h.update(topic.model_dump_json().encode() + b"\0")
    return h.hexdigest()



@dataclass
class ContentState:
    canon: str  # the canon stamp the build ended with: the same stamp, the same seed records
    code: str = ""  # the code and model that made it: any other code reads no part of it (seeds, canonical records)
    articles: list[Article] = field(default_factory=list)
    seeds: SeedMemo = field(default_factory=dict)
    resolved: ResolveMemo = field(default_factory=ResolveMemo)  # for resolve: by the record content/ holds
    canonised: ResolveMemo = field(default_factory=ResolveMemo)  # for store: by the record extraction gave
    problems: list[Problem] = field(default_factory=list)  # ingest, extract, grow and store said these
    kept: list[str] = field(default_factory=list)  # records store kept as edited by hand


def _article(d: dict) -> Article:
    return Article(**{**d, "published": dt.date.fromisoformat(d["published"]) if d["published"] else None,
                      "standfirst": tuple(d["standfirst"]), "paragraphs": tuple(tuple(p) for p in d["paragraphs"])})


def _article_json(a: Article) -> dict:
    d = asdict(a)
    d["published"] = a.published.isoformat() if a.published else None
    return d


def to_json(kept: ContentState) -> dict:
    return {"canon": kept.canon, "code": kept.code, "articles": [_article_json(a) for a in kept.articles],
            "seeds": {path: [list(key), _article_json(art), warning] for path, (key, (art, warning))
                      in sorted(kept.seeds.items())},
            "resolved": kept.resolved.to_json(), "canonised": kept.canonised.to_json(),
            "problems": [list(astuple(p)) for p in kept.problems], "kept": kept.kept}


def from_json(data: dict) -> ContentState:
    return ContentState(
        canon=str(data["canon"]), code=str(data["code"]), articles=[_article(a) for a in data["articles"]],
        seeds={path: (tuple(key), (_article(art), warning)) for path, (key, art, warning) in data["seeds"].items()},
        resolved=ResolveMemo.from_json(data["resolved"]), canonised=ResolveMemo.from_json(data["canonised"]),
        problems=[Problem(*p) for p in data["problems"]], kept=[str(k) for k in data["kept"]])


def load(state: Path) -> ContentState | None:
    """The kept state, or None when there is none or it cannot be trusted (it is then rebuilt)."""
    try:
        data = (state / FILE).read_bytes()
        head, _, payload = data.partition(b"\n")
        fmt, _, digest = head.rpartition(b" ")
        if fmt != FORMAT or hashlib.sha256(payload).hexdigest().encode() != digest:
            return None
        return from_json(json.loads(payload))
    except Exception:  # unreadable, corrupt, or made by other code: ignored, never fatal
        return None


def save(state: Path, kept: ContentState) -> None:
    """Written atomically; the record digests are computed here, once, for the entries made by this build."""
    payload = json.dumps(to_json(kept), ensure_ascii=False, separators=(",", ":"))
    head = FORMAT.decode() + " " + hashlib.sha256(payload.encode()).hexdigest() + "\n"
    yamlio.atomic_write_text(state / FILE, head + payload, durable=False)  # the old memo or the new one, never half


def forget(state: Path) -> None:
    """A build that could not finish its content side leaves no memo behind."""
    with contextlib.suppress(OSError):
        (state / FILE).unlink(missing_ok=True)
