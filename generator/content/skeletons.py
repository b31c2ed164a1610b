"""`generator new article|entity|topic TITLE`: a valid, commented skeleton an editor fills in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slugify import slugify

from generator import yamlio
from generator.errors import BriefingError
from generator.records import RESERVED_IDS, ArticleRecord, Entity, Review, Source, Topic, TopicMatch
from generator.content.registry import entity_file_text

ARTICLE_HEADER = ("# A hand-written article (no seed file). It appears in the site like an extracted one,\n"
                  "# marked as editorial. Offsets (start/end, spans) index the body text below.\n")


def _other_name(path: Path, title: str) -> bool:
    """The entity file at `path` names something else than `title` (not the same name, not one of its aliases)."""
    from generator.content.registry import norm

    try:
        data = yamlio.load_file(path).data or {}
    except yamlio.YamlFileError:
        return False
    if not isinstance(data, dict):
        return False
    names = [data.get("name") or ""] + list(data.get("aliases") or [])
    return norm(title) not in {norm(str(n)) for n in names}


def write_skeleton(root: Path, kind: str, title: str, etype: str = "ORG", published: dt.date | None = None) -> Path:
    ident = slugify(title, max_length=60, word_boundary=True)
    if not ident:
        raise BriefingError(f"'{title}' gives no usable id: use letters or digits in the title")
    if ident in RESERVED_IDS:
        raise BriefingError(f"'{title}' gives the id '{ident}', which names the site's index page of {kind}s: "
                            f"choose another title (e.g. '{title} note')")
    directory = root / "content" / f"{kind}s" if kind != "entity" else root / "content" / "entities"
    path = directory / f"{ident}.yml"
    if kind == "entity" and path.exists() and _other_name(path, title):
        # "Muller Group" beside "Müller Group" (one id once accents are dropped): the split the guide describes
        n = 2
        while (directory / f"{ident}-{n}.yml").exists():
            n += 1
        ident, path = f"{ident}-{n}", directory / f"{ident}-{n}.yml"
    if path.exists():
        raise BriefingError(f"{path.relative_to(root)} already exists; edit it, or choose another title")
    if kind == "entity":
        text = entity_file_text(Entity(id=ident, name=title, type=etype))
    elif kind == "topic":
        topic = Topic(id=ident, title=title, summary="What this topic is about, in a sentence or two.",
                      match=TopicMatch(entities=[], keywords=[title.lower()]))
        text = ("# A topic: articles join it when they mention one of match.entities or match.keywords,\n"
                "# or list it under their own topics:.\n" + yamlio.dumps(topic.model_dump()))
    else:
        record = ArticleRecord(id=ident, title=title, published=published or dt.date.today(),
                               source=Source(name="Editorial"), summary="One or two sentences.",
                               body="Write the article text here. Each paragraph is separated by a blank line.",
                               review=Review(status="reviewed"))
        data = yamlio.plain(record.model_dump(mode="python"))
        data["review"] = {"status": "reviewed"}
        for key in ("keywords", "sentences"):
            data.pop(key, None)
        text = ARTICLE_HEADER + yamlio.dumps(data)
    yamlio.atomic_write_text(path, text)
    return path
