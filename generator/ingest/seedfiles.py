"""Which files under seeds/ are seeds, and reading one safely.

- Symbolic links are followed only to a regular file inside the seeds folder (a second name for a seed);
  a link out of it (`passwd.txt -> /etc/passwd`), to a folder, a broken link and a loop of links are each
  reported and skipped. Folders are walked without following links.
- FIFOs, sockets and devices are reported and never opened for a blocking read.
- A read never takes more than max_article_bytes + 1 bytes, whatever the file's size claims.
- Names are shown with control characters escaped, so a file name cannot fake a line of output.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import Problems, shown_path


def seed_files(seeds_dir: Path, root: Path, problems: Problems) -> list[Path]:
    """Every candidate seed under seeds_dir, sorted by path; hidden files and folders are left out."""
    out: list[Path] = []
    if not seeds_dir.is_dir():
        return out
    inside = seeds_dir.resolve()
    for dirpath, dirnames, filenames in os.walk(seeds_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in sorted(filenames + [d for d in dirnames if (base / d).is_symlink()]):
            if name.startswith("."):
                continue
            path = base / name
            why = _refusal(path, inside)
            if why is None:
                out.append(path)
            else:
                problems.add(shown_path(path, root), None, "", f"{why} — skipped")
        # a link to a folder is listed (and refused) above, never walked
        dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
    return sorted(out)


def _refusal(path: Path, inside: Path) -> str | None:
    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"cannot read: {exc.strerror}"
    if stat.S_ISLNK(st.st_mode):
        target = os.readlink(path)
        try:
            real = path.resolve(strict=True)
        except RuntimeError:
            return f"a loop of symbolic links (-> {target}); not followed"
        except OSError as exc:
            if exc.errno == 40:  # ELOOP
                return f"a loop of symbolic links (-> {target}); not followed"
            return f"a broken symbolic link (-> {target}: no such file)"
        if real.is_dir():
            return f"a symbolic link to a folder (-> {target}); not followed: put the files themselves in seeds/"
        if not real.is_relative_to(inside):
            return (f"a symbolic link to a file outside the seeds folder (-> {target}); not followed: copy the "
                    "file into seeds/ if it is an article")
        st = os.stat(real)
    if not stat.S_ISREG(st.st_mode):
        return f"{kind(st.st_mode)}, not a regular file; seeds must be text, Markdown or HTML files"
    return None


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most max_bytes. A FIFO, socket or device is refused without
    waiting (opened non-blocking, checked on the open file), and no more than max_bytes + 1 bytes are ever
    read, whatever the size says (/dev/zero, a file still growing)."""
    from generator.ingest import IngestError

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise IngestError(f"{kind(st.st_mode)}, not a regular file; seeds must be text, Markdown or HTML files")
        if st.st_size > max_bytes:
            raise IngestError(f"file is {st.st_size:,} bytes, over the max_article_bytes limit of {max_bytes:,}")
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > max_bytes:
        raise IngestError(f"file is over the max_article_bytes limit of {max_bytes:,} bytes (it grew while read)")
    return b"".join(chunks)


def kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "a special file"
