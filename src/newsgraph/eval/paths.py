"""Where the shared evaluation data lives: the one rule every scorer uses."""

from __future__ import annotations

import os
from pathlib import Path

from newsgraph.errors import NewsgraphError

#: ``../shared`` beside the repository (the project's layout).
REPO_SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def shared_dir(data: str | Path | None = None) -> Path:
    """An explicit folder, else ``$NEWSGRAPH_SHARED``, else ``../shared`` beside the repository."""
    path = Path(data or os.environ.get("NEWSGRAPH_SHARED") or REPO_SHARED)
    if not path.is_dir():
        raise NewsgraphError(f"shared data folder not found: {path} (pass --shared or set NEWSGRAPH_SHARED)")
    return path
