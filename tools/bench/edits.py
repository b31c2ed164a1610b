"""The editors' edits made between rebuilds: an entity description, an alias."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import yaml



def most_mentioned_entity(project: Path) -> Optional[Path]:
    """The registry file of the entity with the most mentions over all article records."""
    counts: dict[str, int] = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in (project / "content" / "articles").glob("*.yml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        for actor in data.get("actors") or []:
            counts[actor["id"]] = counts.get(actor["id"], 0) + int(actor.get("mentions") or 0)
    ents = project / "content" / "entities"
    for eid in sorted(counts, key=lambda e: (-counts[e], e)):
        if (ents / f"{eid}.yml").exists():
            return ents / f"{eid}.yml"
    files = sorted(ents.glob("*.yml"))
    return files[0] if files else None


def edit_entity(path: Path, description: str = "Edited by the benchmark: a new description.") -> None:
    """What an editor does: change the description in one entity YAML file."""
    from generator import yamlio

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["description"] = description
    path.write_text(yamlio.dumps(data), encoding="utf-8")


