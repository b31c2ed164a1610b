"""Safe YAML in and out: line numbers for every key, no aliases, bounded size, atomic writes.

Editors' files are read with PyYAML's safe loader only (no object construction). Anchors and aliases
are refused outright: content files never need them and they are the vector of "billion laughs" bombs.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

MAX_YAML_BYTES = 2_000_000
MAX_YAML_DEPTH = 40  # content files nest 3-4 levels; deeper input is an attack or an accident
# values (scalars, lists, mappings) in one file: the record of a 250,000-character article has ~30,000.
# PyYAML composes ~20,000 a second, so this also bounds the time a hostile file can cost.
MAX_YAML_NODES = 100_000

Path_ = tuple  # a key path such as ("quotes", 3, "speaker")


class YamlFileError(Exception):
    def __init__(self, line: int | None, message: str, fix: str = ""):
        self.line, self.fix = line, fix
        super().__init__(message)


SYNTAX_FIX = "check indentation, colons and quotes on that line"


@dataclass
class LoadedYaml:
    data: Any
    lines: dict[Path_, int]  # key path -> 1-based line number

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest known prefix of `path` (an error about a missing key points at its parent)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, anchors, duplicate keys, impossible dates and deep nesting."""

    _depth = 0
    _nodes = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlFileError(event.start_mark.line + 1,
                                "YAML aliases (*name) are not allowed (briefing YAML holds plain values only)",
                                "write the value out in full")
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlFileError(event.start_mark.line + 1,
                                f"YAML anchors (&{anchor}) are not allowed (briefing YAML holds plain values only)",
                                "remove the &name and write every value out in full")
        tag = getattr(event, "tag", None)
        if tag and tag not in _PLAIN_TAGS and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlFileError(event.start_mark.line + 1,
                                f"the YAML tag '{shown}' is not allowed (briefing YAML holds plain values only)",
                                "remove the tag (the word starting with !) and write a plain value")
        self._nodes += 1
        if self._nodes > MAX_YAML_NODES:
            raise YamlFileError(event.start_mark.line + 1, f"more than {MAX_YAML_NODES:,} values in one file",
                                "split the file; no content file needs that many")
        if self._depth >= MAX_YAML_DEPTH:
            raise YamlFileError(event.start_mark.line + 1,
                                f"nested more than {MAX_YAML_DEPTH} levels deep; briefing YAML never needs that",
                                "check the brackets on that line")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: dict = {}
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = (key_node.tag, key_node.value)
                    if key in seen:
                        raise YamlFileError(key_node.start_mark.line + 1,
                                            f"key '{key_node.value}' appears twice (first on line {seen[key]}); "
                                            "YAML would silently keep only the last one",
                                            "keep one of the two")
                    seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise YamlFileError(node.start_mark.line + 1,
                                f"'{node.value}' is not a real date or time ({exc})",
                                "write a real date as YYYY-MM-DD") from None


_NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", _NoAliasLoader.construct_yaml_timestamp)


def _line_map(node: yaml.Node, path: Path_, out: dict[Path_, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            out[path + (key,)] = key_node.start_mark.line + 1
            _line_map(value_node, path + (key,), out)
            out[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, path + (i,), out)


def loads(text: str) -> LoadedYaml:
    """Parse one YAML document; raise YamlFileError with a line number on any problem."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise YamlFileError(None, f"file is larger than the {MAX_YAML_BYTES // 1_000_000} MB limit for content files",
                            "split it, or move long text out of it")
    loader = None
    try:
        loader = _NoAliasLoader(text)
        node = loader.get_single_node()
        if node is None:
            return LoadedYaml(None, {})
        lines: dict[Path_, int] = {}
        _line_map(node, (), lines)
        data = loader.construct_document(node)
    except YamlFileError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and any(w in str(exc.problem or "") for w in ("stream end", "end of stream")):
            mark = exc.context_mark  # an unclosed bracket or quote: point where it was opened
        line = mark.line + 1 if mark else None
        message = f"not valid YAML: {exc.problem or exc.context}"
        if exc.problem and exc.context and mark is exc.context_mark:
            message += f" ({exc.context.replace('while scanning', 'while reading')} opened here)"
        raise YamlFileError(line, message, SYNTAX_FIX) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        raise YamlFileError(line, f"not valid YAML: control character #x{exc.character:04x} is not allowed "
                            "(remove it)" if isinstance(exc.character, int) else f"not valid YAML: {exc.reason}",
                            "delete the invisible character (retype the line)") from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise YamlFileError(None, f"not valid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return LoadedYaml(data, lines)


def load_file(path: Path) -> LoadedYaml:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFileError(None, f"cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_YAML_BYTES:
        raise YamlFileError(None, f"file is larger than the {MAX_YAML_BYTES // 1_000_000} MB limit for content files",
                            "split it, or move long text out of it")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlFileError(line, "file is not UTF-8 text", "save it as UTF-8") from None
    return loads(text)


if TYPE_CHECKING:
    _BaseDumper = yaml.SafeDumper
else:
    _BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: faster, same text


class _Dumper(_BaseDumper):
    """Block style for mappings, flow style for short lists of scalars (spans, ids)."""


def _flow(data: list | tuple) -> bool:
    """Flow style ([a, b]) for a short list of scalars or a list of number pairs (spans)."""
    flat = all(isinstance(x, (int, float, str, bool, type(None))) for x in data)
    pairs = all(isinstance(x, (list, tuple)) and all(isinstance(y, (int, float)) for y in x) for x in data)
    short_strings = flat and sum(len(str(x)) + 2 for x in data) < 80 and all("\n" not in str(x) for x in data)
    return bool(data) and ((flat and short_strings) or pairs)


def _represent_list(dumper: yaml.SafeDumper, data: list | tuple) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=_flow(data))


_YAML_BREAKS = re.compile("[\r\x85\u2028\u2029]")  # line breaks to YAML that a block scalar would not keep


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if _YAML_BREAKS.search(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')  # escaped: \r \N \L \P
    style = "|" if "\n" in data and not data.endswith((" ", "\t")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(tuple, _represent_list)
_Dumper.add_representer(str, _represent_str)
_Dumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]


def plain(data: Any) -> Any:
    """Tuples to lists, recursively, so that records dump as plain YAML (dates stay dates)."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [plain(v) for v in data]
    return data


def dumps(data: Any) -> str:
    """The YAML text of `data`: what yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
    width=100, default_flow_style=False) writes, byte for byte, with the node tree built here (see _node)."""
    stream = io.StringIO()
    dumper = _Dumper(stream, default_flow_style=False, allow_unicode=True, width=100, sort_keys=False)
    try:
        dumper.open()
        dumper.serialize(_node(dumper, data))
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOL, _NULL, _TIME = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _node(dumper: yaml.SafeDumper, data: Any) -> yaml.Node:
    """PyYAML's representer for the plain types records are made of, without its per-value dispatch and
    alias bookkeeping (most of the time of a dump): the same nodes _Dumper.represent_data makes. Any
    other type goes through represent_data itself (which refuses what a safe dumper cannot write)."""
    kind = type(data)
    if kind is str:
        return _represent_str(dumper, data) if "\n" in data or _YAML_BREAKS.search(data) else \
            yaml.ScalarNode(_STR, data)
    if kind is dict:
        return yaml.MappingNode(_MAP, [(_node(dumper, k), _node(dumper, v)) for k, v in data.items()],
                                flow_style=False)
    if kind is list or kind is tuple:
        return yaml.SequenceNode(_SEQ, [_node(dumper, x) for x in data], flow_style=_flow(data))
    if kind is int:
        return yaml.ScalarNode(_INT, str(data))
    if kind is bool:
        return yaml.ScalarNode(_BOOL, "true" if data else "false")
    if data is None:
        return yaml.ScalarNode(_NULL, "null")
    if kind is dt.date:
        return yaml.ScalarNode(_TIME, data.isoformat())
    if kind is dt.datetime:
        return yaml.ScalarNode(_TIME, data.isoformat(" "))
    return dumper.represent_data(data)  # floats (their special values) and anything unusual, as PyYAML does


_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what atomic_write_text's mkstemp names look like


def sweep_temp_files(*dirs: Path) -> int:
    """Remove temporary files a killed process left behind (call only while holding the build lock)."""
    removed = 0
    for directory in dirs:
        if Path(directory).is_dir():
            for path in Path(directory).rglob(".*.tmp"):
                if path.is_file() and _TEMP_NAME.match(path.name):
                    path.unlink(missing_ok=True)
                    removed += 1
    return removed


def atomic_write_text(path: Path, text: str, durable: bool = True) -> bool:
    """Write via a temporary file and rename; return False (and touch nothing) when unchanged.

    durable: fsync before the rename (editors' files); rebuildable output (docs/, the cache) skips it."""
    return write_text_stat(path, text, durable) is not None


def write_text_stat(path: Path, text: str, durable: bool = True) -> os.stat_result | None:
    """atomic_write_text, returning the stat of the file written (None when unchanged). The stat is taken
    before the rename, so it is never that of a version someone else saved right after it."""
    path = Path(path)
    try:
        if path.read_text(encoding="utf-8") == text:
            return None
    except (OSError, UnicodeDecodeError):
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # name the file being written, not a random temporary name
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        # mkstemp makes the file 0600: give it the mode a plain open() would (0644 under umask 022), or the
        # mode of the file it replaces, so that a web server, a colleague or a backup can read it
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
            written = os.fstat(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None  # ENOSPC from write() names no file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once, at import: os.umask can only be read by setting it


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def value_count(data: Any) -> int:
    """How many YAML nodes (keys included) `data` becomes: what the loader counts against MAX_YAML_NODES."""
    if isinstance(data, dict):
        return 1 + sum(1 + value_count(v) for v in data.values())
    if isinstance(data, (list, tuple)):
        return 1 + sum(value_count(v) for v in data)
    return 1


def readable(data: Any, text: str) -> bool:
    """True when a file holding `text` (the dump of `data`) is within the loader's limits."""
    return len(text.encode("utf-8", "surrogatepass")) <= MAX_YAML_BYTES and value_count(data) <= MAX_YAML_NODES
