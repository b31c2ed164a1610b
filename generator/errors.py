"""One family of user-facing errors. Library code raises these; only the CLI turns them into exit codes."""

from __future__ import annotations

import re
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
        return printable(f"{where}:{level}{key} {self.message}{fix}")


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def printable(text: str) -> str:
    """One line of output, whatever a file name holds: a newline, ESC or a bidi override is shown as an
    escape (\\n, \\x1b, \\u202e), so a seed's name can neither fake a message line nor reorder one."""
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def shown_path(path: Path, root: Path) -> str:
    """A path as messages and records name it: relative to the project when inside it, with forward slashes."""
    path = Path(path)
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def os_error_message(exc: OSError) -> str:
    """An operating-system error as one line naming the file and what to do: permission, read-only, disk full."""
    import errno
    import os

    name = exc.filename or "a file"
    name = str(name)
    folder = os.path.dirname(name) or "."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"{name}: permission denied (fix: make {folder} writable, e.g. chmod u+w '{folder}', or run the "
                "build as the folder's owner)")
    if exc.errno == errno.EROFS:
        return f"{name}: the file system is read-only (fix: set the folder setting to a writable place)"
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return (f"{name}: the disk is full (fix: free some space on the disk that holds {folder} and build again; "
                "files are written whole or not at all, so nothing was left half-written)")
    return f"{name}: {exc.strerror or exc}"


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
