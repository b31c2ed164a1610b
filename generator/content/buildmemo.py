"""The content side of the last build, kept on disk for the next process (`make site` is a new one each time).

What is kept (.cache/state/content.memo): the canon stamp the build ended with, the ingested articles, what each
seed file gave (by stat, like the live preview's SeedMemo), the canonical records (each with a digest of the
record and body it was made from, and of the registry it was made with), and the warnings the skipped stages
gave. A build whose canon stamp is the kept one goes from loading content straight to resolve, as the live
preview does in-process; otherwise the canonical records whose record, body and registry are unchanged are
reused by store (adding one article canonicalises that one).

Never stale: the stamp covers the code, the model, the settings, the seeds by stat, the record files that exist
and the registry as extraction and canonicalisation see it; each canonical record is reused only for a record
and body with the same content digest. Never trusted blindly: the payload's sha256 is checked before it is
unpickled and any failure (corrupt, truncated, another format) means the memo is ignored and rebuilt.
The file is this project's own state (like the Jinja bytecode cache beside it), never shared or downloaded.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path

from generator.content.registry import Registry
from generator.errors import Problem, Problems
from generator.ingest import SeedMemo
from generator.records import Article, ArticleRecord

FORMAT = b"briefing-content-memo 2"  # bump when ContentState or ResolveMemo change
FILE = "content.memo"


@dataclass
class ResolveMemo:
    """Canonical records by article id, each valid for the very record object and body it was made from, or
    (once sealed, e.g. kept on disk for the next process) for a record and body with the same content digest.
    `registry` names the registry the records were canonicalised with (registry_digest); the owner of the memo
    checks it."""

    entries: dict[str, tuple[ArticleRecord, str, ArticleRecord, Problems]] = field(default_factory=dict)
    sealed: dict[str, tuple[str, str, ArticleRecord, Problems]] = field(default_factory=dict)
    registry: str = ""

    def get(self, rec: ArticleRecord, body: str) -> tuple[ArticleRecord, Problems] | None:
        hit = self.entries.get(rec.id)
        if hit is not None and hit[0] is rec and hit[1] is body:
            return hit[2], hit[3]
        kept = self.sealed.get(rec.id)
        if kept is not None and kept[1] == body_digest(body) and kept[0] == record_digest(rec):
            self.entries[rec.id] = (rec, body, kept[2], kept[3])
            return kept[2], kept[3]
        return None

    def put(self, rec: ArticleRecord, body: str, canon: ArticleRecord, found: Problems) -> None:
        self.entries[rec.id] = (rec, body, canon, found)

    def seal(self) -> None:
        """Key every entry by content instead of object identity (before it leaves this process)."""
        for aid, (rec, body, canon, found) in self.entries.items():
            kept = self.sealed.get(aid)
            if kept is None or kept[2] is not canon:
                self.sealed[aid] = (record_digest(rec), body_digest(body), canon, found)

    def __getstate__(self) -> dict:
        self.seal()
        return {"sealed": self.sealed, "registry": self.registry}

    def __setstate__(self, state: dict) -> None:
        self.entries, self.sealed, self.registry = {}, state["sealed"], state["registry"]


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
    articles: list[Article] = field(default_factory=list)
    seeds: SeedMemo = field(default_factory=dict)
    resolved: ResolveMemo = field(default_factory=ResolveMemo)  # for resolve: by the record content/ holds
    canonised: ResolveMemo = field(default_factory=ResolveMemo)  # for store: by the record extraction gave
    problems: list[Problem] = field(default_factory=list)  # ingest, extract, grow and store said these
    kept: list[str] = field(default_factory=list)  # records store kept as edited by hand


def load(state: Path) -> ContentState | None:
    """The kept state, or None when there is none or it cannot be trusted (it is then rebuilt)."""
    try:
        data = (state / FILE).read_bytes()
        head, _, payload = data.partition(b"\n")
        fmt, _, digest = head.rpartition(b" ")
        if fmt != FORMAT or hashlib.sha256(payload).hexdigest().encode() != digest:
            return None
        kept = pickle.loads(payload)
        if not isinstance(kept, ContentState) or not all(hasattr(kept, f.name) for f in fields(ContentState)):
            return None  # made by other code (an unpickled dataclass has only the fields it was saved with)
        return kept
    except Exception:  # unreadable, corrupt, or made by other code: ignored, never fatal
        return None


def save(state: Path, kept: ContentState) -> None:
    """Written atomically; the record digests are computed here, once, for the entries made by this build."""
    kept.resolved.seal()
    payload = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
    head = FORMAT + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n"
    state.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{FILE}.", suffix=".tmp", dir=state)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(head + payload)
        os.replace(tmp, state / FILE)  # readers see the old memo or the new one, never half of one
    except BaseException:
        forget_file(Path(tmp))
        raise


def forget(state: Path) -> None:
    """A build that could not finish its content side leaves no memo behind."""
    forget_file(state / FILE)


def forget_file(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
