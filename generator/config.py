"""Settings: briefing.yml at the project root (optional), overridden by BRIEFING_<KEY> environment variables."""

from __future__ import annotations

import os
from pathlib import Path

from generator import yamlio
from generator.errors import ContentError, Problems
from generator.layout import layout_problems
from generator.records import Config
from generator.validate import validate_data

CONFIG_FILE = "briefing.yml"


def load_config(root: Path) -> Config:
    problems = Problems()
    data: dict = {}
    where: dict[str, tuple[str, int | None]] = {}  # setting -> where it was set (for the layout's messages)
    path = root / CONFIG_FILE
    if path.exists():
        try:
            loaded = yamlio.load_file(path)
        except yamlio.YamlFileError as exc:
            raise ContentError([_p(exc.line, str(exc))]) from None
        cfg = validate_data(loaded, Config, CONFIG_FILE, problems) if loaded.data is not None else Config()
        if problems:
            raise ContentError(problems.items)
        data = cfg.model_dump()
        if isinstance(loaded.data, dict):
            where = {str(k): (CONFIG_FILE, loaded.line_of((k,))) for k in loaded.data}
    for key, field in Config.model_fields.items():
        env = os.environ.get(f"BRIEFING_{key.upper()}")
        if env is not None:
            data[key] = env
            where[key] = (f"BRIEFING_{key.upper()} (environment)", None)
    try:
        cfg = Config.model_validate(data)
    except Exception as exc:  # pydantic.ValidationError from an environment variable
        raise ContentError([_p(None, f"bad setting from the environment: {exc}")]) from None
    overlaps = layout_problems(root, cfg, where)
    if overlaps:  # an output folder on top of the inputs or the project: the build would delete them
        raise ContentError(overlaps)
    return cfg


def _p(line, message):
    from generator.errors import Problem
    return Problem(CONFIG_FILE, line, "", message)
