"""One build's context: the project root, its settings and every path derived from them, named once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.records import Config


@dataclass(frozen=True)
class BuildContext:
    root: Path
    cfg: Config

    @property
    def seeds(self) -> Path:
        return self.root / self.cfg.seeds_dir

    @property
    def content(self) -> Path:
        return self.root / self.cfg.content_dir

    @property
    def articles_dir(self) -> Path:
        return self.content / "articles"

    @property
    def entities_dir(self) -> Path:
        return self.content / "entities"

    @property
    def topics_dir(self) -> Path:
        return self.content / "topics"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def docs(self) -> Path:
        return self.root / self.cfg.docs_dir

    @property
    def site(self) -> Path:
        return self.root / self.cfg.site_dir

    @property
    def cache(self) -> Path:
        return self.root / self.cfg.cache_dir

    @property
    def state(self) -> Path:
        """What this project's last build made (stamps, the record memo, page keys), kept in the project like
        the build lock: the extraction cache (cache_dir) may be shared by several projects, this may not."""
        return self.root / ".cache" / "state"

    def rel(self, path: Path) -> str:
        """`path` as messages name it: relative to the project root, with forward slashes."""
        return path.relative_to(self.root).as_posix()

    def article_file(self, article_id: str) -> str:
        """The record file of an article, as messages and sources name it (content/articles/<id>.yml)."""
        return self.rel(self.articles_dir / f"{article_id}.yml")
