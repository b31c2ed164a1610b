"""The story threads of the last render, kept on disk (.cache/state/threads-memo.json) and reused when exactly
the inputs the threads are made from are unchanged: an entity's description edited, a link added.

made_threads (threads.py) reads the records and their texts, each entity's name, type and aliases, the
topics and which entities have a page (Views are derived from these). The memo's key is a digest of exactly
these, of the code (any change of generator/
makes the memo stale) and of this module's FORMAT. A thread refers to records, quotes and timeline entries
of the current Views; the memo stores them as ids and positions (article id; speaker key and index in
v.quotes_by; index in v.timeline), which the same inputs give the same Views. A memo that is missing,
unreadable, of another format or key, or that does not fit the Views is ignored and the threads are built
again: it can only save time, never change a page. Threads that start reading another entity field must add
it to `key` (tests/site/test_thread_memo.py checks that descriptions and links do not change threads).
The automatic threads are kept without their ids: name_threads gives them from the last published build's
threads on every build (cheap), so that the build after one that changed the threads reuses them too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Callable, Optional

from generator import yamlio
from generator.site import thread_parts
from generator.site.forked import Forked
from generator.site.thread_parts import Parts
from generator.site.threads import Thread, name_threads
from generator.site.views import Views

FORMAT = 2  # 2: the automatic threads kept without ids
FILE = "threads-memo.json"
FIELDS = ("id", "title", "summary", "articles", "actors", "names", "topic", "quotes", "key_quote", "events")


def key(v: Views, record_digest: Callable, code: str) -> str:
    """Digest of everything made_threads reads (record_digest: a record's digest, text included)."""
    b = v.briefing
    h = hashlib.sha256(json.dumps([FORMAT, code, sorted(v.pages)]).encode())
    for rec in b.articles:
        h.update(record_digest(rec).encode())
    h.update(json.dumps([[eid, e.name, e.type, list(e.aliases)] for eid, e in sorted(b.entities.items())]).encode())
    h.update(json.dumps([t.model_dump(mode="json") for _, t in sorted(b.topics.items())]).encode())
    return h.hexdigest()


def _encode(threads: list[Thread], v: Views) -> list[dict]:
    quote_ref = {id(q): [k, i] for k, qs in v.quotes_by.items() for i, q in enumerate(qs)}
    event_ref = {id(e): i for i, e in enumerate(v.timeline)}
    return [{"id": t.id, "title": t.title, "summary": list(t.summary), "articles": [r.id for r in t.articles],
             "actors": [list(a) for a in t.actors], "names": list(t.names), "topic": t.topic,
             "quotes": [quote_ref[id(q)] for q in t.quotes],
             "key_quote": quote_ref[id(t.key_quote)] if t.key_quote is not None else None,
             "events": [event_ref[id(e)] for e in t.events]} for t in threads]


def _decode(data: list[dict], v: Views) -> list[Thread]:
    """Raises (KeyError, IndexError, TypeError, ValueError) when the data does not fit these Views."""
    by_id = {r.id: r for r in v.briefing.articles}

    def quote(ref):
        k, i = ref
        if i < 0:
            raise IndexError(i)
        return v.quotes_by[k][i]

    def event(i):
        if i < 0:
            raise IndexError(i)
        return v.timeline[i]

    return [Thread(str(d["id"]), str(d["title"]), [str(s) for s in d["summary"]],
                   [by_id[a] for a in d["articles"]], actors=[(str(e), int(n)) for e, n in d["actors"]],
                   names=[str(n) for n in d["names"]], topic=d["topic"], quotes=[quote(q) for q in d["quotes"]],
                   key_quote=quote(d["key_quote"]) if d["key_quote"] is not None else None,
                   events=[event(i) for i in d["events"]]) for d in data]


def load(file: Path, wanted: str, v: Views) -> Optional[list[Thread]]:
    """The memo's threads when it was made from exactly these inputs; None otherwise (or when unreadable)."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != wanted:
            return None
        threads = _decode(data["threads"], v)
        return threads if all(t.articles for t in threads) else None
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None


def save(file: Path, k: str, threads: list[Thread], v: Views) -> None:
    try:
        text = json.dumps({"format": FORMAT, "key": k, "threads": _encode(threads, v)}, ensure_ascii=False)
    except KeyError:  # a thread holds a quote or event not in these Views: nothing to keep
        file.unlink(missing_ok=True)
        return
    yamlio.atomic_write_text(file, text, durable=False)


FORK_FROM = 300  # articles: from here the threads are made in a forked child while the render goes on
TIMEOUT = 900.0  # seconds the render waits for that child before making the threads itself


class Pending:
    """The threads of one render: the memo's, or being made, in a forked child (forked.py) when `fork` and
    the briefing has FORK_FROM articles or more, while the caller renders the pages that do not show
    threads. result() gives name_threads(made, previous); the child's threads come through the memo file
    (the child saves it, as the in-process path does), and a child that fails, is killed or leaves a memo
    that does not load makes the threads in-process: the same threads either way. close() reaps the child
    (it may still be saving the parts); call it before the render returns."""

    def __init__(self, v: Views, previous: Optional[dict[str, list[str]]], make: Callable,
                 memo_dir: Optional[Path], record_digest: Callable, code: str, fork: bool = True):
        self.v, self.previous, self.make, self.memo_dir = v, previous, make, memo_dir
        self._threads: Optional[list[Thread]] = None
        self._child: Optional[Forked] = None
        if memo_dir is None or tuple(f.name for f in dataclasses.fields(Thread)) != FIELDS:
            self._threads = name_threads(make(v), previous)  # a Thread with fields this memo does not know
            return
        self.file = memo_dir / FILE
        self.k = key(v, record_digest, code)
        found = load(self.file, self.k, v)
        if found is not None:
            self._threads = name_threads(found, previous)
            return
        memo_dir.mkdir(parents=True, exist_ok=True)
        if fork and len(v.briefing.articles) >= FORK_FROM:
            self._child = Forked(self._made, TIMEOUT)

    def _made(self, done: Callable[[], None] = lambda: None) -> list[Thread]:
        """make(v, parts), saved in the memo (then done()) and the parts kept for the next build."""
        assert self.memo_dir is not None
        parts = Parts(self.memo_dir / thread_parts.FILE)  # what each article's text alone gives, kept per text
        made = self.make(self.v, parts)
        save(self.file, self.k, made, self.v)
        done()
        parts.save()
        return made

    def result(self) -> list[Thread]:
        if self._threads is None:
            made = load(self.file, self.k, self.v) if self._child is not None and self._child.wait() else None
            if made is None:
                self.close(kill=True)  # never two writers of the memo and the parts
                made = self._made()
            self._threads = name_threads(made, self.previous)
        return self._threads

    def close(self, kill: bool = False) -> None:
        if self._child is not None:
            self._child.close(kill=kill)
            self._child = None


def threads(v: Views, previous: Optional[dict[str, list[str]]], make: Callable, memo_dir: Optional[Path],
            record_digest: Callable, code: str) -> list[Thread]:
    """name_threads(make(v, parts), previous), with the memo's made threads when made from the same inputs;
    the memo is kept up to date. `parts` (thread_parts.py) keeps what each article's text alone gives, for
    the next build that cannot reuse the whole threads (an article added: every other article's text is read
    from there). In this process; Pending for the render's overlap."""
    return Pending(v, previous, make, memo_dir, record_digest, code, fork=False).result()
