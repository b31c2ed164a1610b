"""Settings: briefing.yml at the project root (optional), overridden by BRIEFING_<KEY> environment variables."""

from __future__ import annotations

import os
from pathlib import Path

from generator import yamlio
from generator.errors import ContentError, Problems
from generator.records import Config
from generator.validate import validate_data

CONFIG_FILE = "briefing.yml"


def load_config(root: Path) -> Config:
    problems = Problems()
    data: dict = {}
    path = root / CONFIG_FILE
    if path.exists():
        try:
            loaded = yamlio.load_file(path)
        except yamlio.YamlFileError as exc:
            raise ContentError([_p(exc.line, str(exc))]) from None
        cfg = validate_data(loaded, Config, CONFIG_FILE, problems) if loaded.data is not None else Config()
        if problems or cfg is None:
            raise ContentError(problems.items)
        data = cfg.model_dump()
    for key in Config.model_fields:
        env = os.environ.get(f"BRIEFING_{key.upper()}")
        if env is not None:
            data[key] = env
    try:
        return Config.model_validate(data)
    except Exception as exc:  # pydantic.ValidationError from an environment variable
        raise ContentError([_p(None, f"bad setting from the environment: {exc}")]) from None


def _p(line, message):
    from generator.errors import Problem
    return Problem(CONFIG_FILE, line, "", message)
