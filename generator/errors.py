"""One family of user-facing errors. Library code raises these; only the CLI turns them into exit codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


def plural(n: int, noun: str, many: str | None = None) -> str:
    """'1 article', '2 articles', '0 entities' (many: the plural when it is not noun + 's')."""
    return f"{n} {noun if n == 1 else many or noun + 's'}"


def count(problems: Iterable["Problem"]) -> str:
    """The one wording of a problem count, everywhere: '2 errors, 1 warning' (a zero part is left out)."""
    items = list(problems)
    errors = sum(1 for p in items if p.severity == "error")
    parts = [plural(errors, "error")] if errors else []
    if len(items) - errors:
        parts.append(plural(len(items) - errors, "warning"))
    return ", ".join(parts) or "no problems"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input, phrased for the person who has to fix it."""

    file: str
    line: int | None
    key: str
    message: str
    fix: str = ""
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f" {self.key}:" if self.key else ""
        fix = f" (fix: {self.fix})" if self.fix else ""
        level = "" if self.severity == "error" else f" {self.severity}:"
        return f"{where}:{level}{key} {self.message}{fix}"


class BriefingError(Exception):
    """Base of every error meant for a user; its message is the whole story, no traceback needed."""


class ContentError(BriefingError):
    """Invalid content: carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Problems:
    """Collects problems during a stage so that all of them are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str | Path, line: int | None, key: str, message: str, fix: str = "",
            severity: str = "error") -> None:
        self.items.append(Problem(str(file), line, key, message, fix, severity))

    def extend(self, other: "Problems | list[Problem]") -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity != "error")

    def __bool__(self) -> bool:
        return bool(self.items)
