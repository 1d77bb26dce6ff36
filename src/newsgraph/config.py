"""Run configuration: command-line flags over a config file over defaults.

A config file is TOML (``--config FILE``, else ``./newsgraph.toml`` when
present)::

    model = "en_core_web_sm"
    actors = "my_actors.yaml"     # extra actors; their entries win over the gazetteer
    patterns = "my_patterns.yaml" # extra PLOVER event patterns
    workers = 2

This module sits above the pipeline: :class:`PipelineConfig` (what the pipeline
extracts) and the component names belong to :mod:`newsgraph.nlp.pipeline`; a
run adds how many workers, which runner and the batch size.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.nlp.pipeline import PipelineConfig, parse_components

__all__ = ["DEFAULT_CONFIG_FILE", "PipelineConfig", "RunConfig", "load_config", "parse_components"]

DEFAULT_CONFIG_FILE = "newsgraph.toml"


@dataclass(frozen=True)
class RunConfig:
    pipeline: PipelineConfig = PipelineConfig()
    workers: int = 1
    runner: str = "local"
    batch_size: int | None = None  # None: chosen from the number of workers

    @property
    def effective_batch_size(self) -> int:
        """Articles per batch (and per transaction).

        One process wants big batches (spaCy pipes them efficiently); several
        want small ones, so that no worker idles while the last big batch of
        another finishes.
        """
        if self.batch_size:
            return self.batch_size
        return 32 if self.workers <= 1 else 8


def load_config(path: str | Path | None = None, **overrides) -> RunConfig:
    """Read the config file (if any) and apply non-None command-line overrides."""
    values: dict = {}
    file = Path(path) if path else Path(DEFAULT_CONFIG_FILE)
    if path and not file.exists():
        raise NewsgraphError(f"{file}: config file not found")
    if file.exists():
        try:
            values = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise NewsgraphError(f"{file}: invalid config: {exc}") from None
        known = {"model", "actors", "patterns", "components", "workers", "runner", "batch_size"}
        unknown = set(values) - known
        if unknown:
            raise NewsgraphError(f"{file}: unknown config keys: {', '.join(sorted(unknown))}")
        base = file.parent
        for key in ("actors", "patterns"):
            if values.get(key):
                values[key] = str((base / values[key]).resolve())
    values.update({k: v for k, v in overrides.items() if v is not None})
    if values.get("components") is not None:
        values["components"] = parse_components(values["components"])
    pipeline = PipelineConfig(**{f.name: values.get(f.name) for f in fields(PipelineConfig)})
    run = RunConfig(pipeline=pipeline)
    for key in ("workers", "runner", "batch_size"):
        if key in values:
            run = replace(run, **{key: values[key]})
    if run.workers < 1:
        raise NewsgraphError("workers must be at least 1")
    return run
