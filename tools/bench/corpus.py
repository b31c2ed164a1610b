"""Corpus stories as seed files of a throwaway project outside the repository."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from tools.bench.common import REPO


@dataclass(frozen=True)
class Story:
    key: str                       # stable corpus id, used for the seed file name
    title: str
    published: Optional[str]       # ISO date or None
    text: str


def parse_size(spec: str) -> tuple[str, Optional[int]]:
    """'bbc' -> ('bbc', None) (all stories); 'reuters:1000' -> ('reuters', 1000)."""
    name, _, n = spec.partition(":")
    name = name.strip().lower()
    if name not in ("bbc", "reuters"):
        raise ValueError(f"unknown corpus '{name}' (bbc or reuters)")
    if n and (not n.isdigit() or int(n) < 1):
        raise ValueError(f"bad size '{n}' in '{spec}' (a positive number)")
    return name, int(n) if n else None


def corpus_file(data_dir: Path, name: str) -> Path:
    return data_dir / ("bbc.jsonl" if name == "bbc" else "reuters21578.jsonl")


def story_from_json(name: str, obj: dict) -> Optional[Story]:
    """One corpus line -> Story; None for lines without a body (Reuters has ~2,500 of them)."""
    text = (obj.get("text") or "").strip()
    if not text:
        return None
    if name == "bbc":
        return Story(key=str(obj["id"]).replace("/", "-"), title=" ".join((obj.get("title") or "").split()),
                     published=None, text=text)
    date = (obj.get("date") or "")[:10] or None
    return Story(key=f"reuters-{int(obj['newid']):05d}", title=" ".join((obj.get("title") or "").split()),
                 published=date, text=text)


def load_stories(path: Path, name: str, n: Optional[int], extra: int = 1) -> list[Story]:
    """The first n stories with a body, in corpus order (so 1,000 is a prefix of 10,000), plus `extra`
    more held back for the add-an-article rebuild."""
    out: list[Story] = []
    want = None if n is None else n + extra
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            story = story_from_json(name, json.loads(line))
            if story is not None:
                out.append(story)
                if want is not None and len(out) >= want:
                    break
    return out


def seed_text(story: Story) -> str:
    """A Markdown seed with YAML front matter (title, published when the corpus has a date)."""
    meta: dict = {"title": story.title or story.key}
    if story.published:
        meta["published"] = story.published
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{story.text.rstrip()}\n"


def write_seed(project: Path, index: int, story: Story) -> Path:
    path = project / "seeds" / f"{index:05d}_{story.key}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(seed_text(story), encoding="utf-8")
    return path


def make_project(dest: Path, stories: list[Story], repo: Path = REPO) -> Path:
    """A fresh project at dest: the repo's templates/ and mkdocs.yml, empty content/, the stories as seeds."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(repo / "templates", dest / "templates")
    shutil.copy2(repo / "mkdocs.yml", dest / "mkdocs.yml")
    for sub in ("articles", "entities", "topics"):
        (dest / "content" / sub).mkdir(parents=True)
    for i, story in enumerate(stories):
        write_seed(dest, i, story)
    return dest


