"""Validate YAML files against the pydantic records; every error becomes `file:line: key: message (fix)`."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Optional, TypeVar

from pydantic import BaseModel, ValidationError

from generator import yamlio
from generator.errors import Problems

M = TypeVar("M", bound=BaseModel)

_FIXES = {
    "missing": "add this key",
    "string_type": "write it as text (quote it if it looks like a number or date)",
    "int_type": "write a whole number",
    "int_parsing": "write a whole number",
    "bool_type": "write true or false",
    "list_type": "write a list, e.g. [a, b] or one '- item' per line",
    "dict_type": "write a mapping of keys to values",
    "model_type": "write a mapping of keys to values",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
    "date_parsing": "write the date as YYYY-MM-DD",
    "date_type": "write the date as YYYY-MM-DD",
    "date_from_datetime_inexact": "write the date as YYYY-MM-DD",
    "string_pattern_mismatch": "use lower-case letters, digits and single hyphens, e.g. richard-yu",
    "literal_error": "use one of the values listed",
    "greater_than_equal": "use a larger number",
    "string_too_short": "write some text here",
    "too_short": "add at least one item",
    "tuple_type": "write a pair like [start, end]",
}


def _key(loc: tuple) -> str:
    return ".".join(str(p) for p in loc) if loc else "(top level)"


def problems_from_validation(exc: ValidationError, loaded: yamlio.LoadedYaml, rel: str, model: type[BaseModel],
                             problems: Problems) -> None:
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"])
        line = loaded.line_of(loc)
        typ = err["type"]
        if typ == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            known = sorted(parent.model_fields) if parent else []
            close = difflib.get_close_matches(str(loc[-1]), known, n=1)
            fix = f"did you mean '{close[0]}'?" if close else (f"known keys: {', '.join(known)}" if known else "")
            problems.add(rel, line, _key(loc), "unknown key", fix=fix)
            continue
        message = err["msg"]
        if typ == "missing":
            message = "required key is missing"
        problems.add(rel, line, _key(loc), message, fix=_FIXES.get(typ, ""))


def _model_at(model: type[BaseModel], loc: tuple) -> Optional[type[BaseModel]]:
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation) -> object:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_data(loaded: yamlio.LoadedYaml, model: type[M], rel: str, problems: Problems) -> Optional[M]:
    if loaded.data is None:
        problems.add(rel, 1, "", "file is empty", fix="fill it in, or delete it")
        return None
    if not isinstance(loaded.data, dict):
        problems.add(rel, 1, "", "the file must be a mapping of keys to values (key: value lines)")
        return None
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        problems_from_validation(exc, loaded, rel, model, problems)
        return None


def validate_file(path: Path, model: type[M], rel: str, problems: Problems) -> Optional[M]:
    try:
        loaded = yamlio.load_file(path)
    except yamlio.YamlFileError as exc:
        problems.add(rel, exc.line, "", str(exc), fix=exc.fix)
        return None
    return validate_data(loaded, model, rel, problems)
