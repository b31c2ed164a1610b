"""Publication dates as seeds write them."""

from __future__ import annotations

import datetime as dt

from generator.ingest.text import IngestError


def parse_iso_date(value: str, line: int | None, key: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise IngestError(f"'{value}' is not a real date", line=line, key=key) from None
