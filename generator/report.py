"""What a build did: counts, problems and the time of each stage, and the summary the CLI prints."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from generator.errors import Problems, count, plural
from generator.extract.run import ExtractStats


@dataclass
class BuildReport:
    articles: int = 0
    extract: ExtractStats = field(default_factory=ExtractStats)
    new_entities: int = 0
    new_topics: int = 0
    records_written: int = 0
    records_kept: list[str] = field(default_factory=list)
    pages: int = 0
    pages_written: int = 0
    problems: Problems = field(default_factory=Problems)
    timings: dict[str, float] = field(default_factory=dict)
    search: str = "material"
    published: bool = False  # False: site/ was already up to date
    unchanged: bool = False  # True: no input changed since the last build; nothing was done
    site: dict = field(default_factory=dict)  # publish: {"full": bool, "rendered": pages, "pages": pages}

    def timed(self, stage: str) -> "StageTimer":
        """`with report.timed("extract"):` adds the block's wall time to that stage's figure."""
        return StageTimer(self, stage)

    def summary(self) -> str:
        if self.unchanged:
            return (f"nothing changed since the last build ({plural(self.articles, 'article')}, "
                    f"{plural(self.pages, 'page')}): site/ is up to date")
        lines = [
            f"built {plural(self.articles, 'article')}: {self.extract.parsed} parsed, {self.extract.cached} from cache"
            f"; {plural(self.new_entities, 'new entity', 'new entities')}, {plural(self.new_topics, 'new topic')}",
            f"records: {self.records_written} written, {len(self.records_kept)} kept as edited by hand",
            f"pages: {self.pages} ({self.pages_written} changed); search: {self.search}"
            + ("" if self.published or "publish" not in self.timings else "; site/ already up to date"),
            "time: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items()),
        ]
        if self.problems:
            lines.append(f"problems: {count(self.problems.items)} (see the messages above; errors are skipped files)"
                         if self.problems.errors else f"problems: {count(self.problems.items)} (see the messages above)")
        return "\n".join(lines)


class StageTimer:
    def __init__(self, report: BuildReport, stage: str):
        self.report, self.stage = report, stage

    def __enter__(self) -> None:
        self.t0 = time.perf_counter()

    def __exit__(self, *exc) -> None:
        self.report.timings[self.stage] = self.report.timings.get(self.stage, 0.0) + time.perf_counter() - self.t0
