"""Run configuration: command-line flags over a config file over defaults.

A config file is TOML (``--config FILE``, else ``./newsgraph.toml`` when
present)::

    model = "en_core_web_sm"
    actors = "my_actors.yaml"     # extra actors; their entries win over the gazetteer
    patterns = "my_patterns.yaml" # extra PLOVER event patterns
    workers = 2
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from newsgraph.errors import NewsgraphError

DEFAULT_CONFIG_FILE = "newsgraph.toml"


@dataclass(frozen=True)
class PipelineConfig:
    """Everything that determines what the pipeline extracts (hashable: one pipeline per config)."""

    model: str | None = None
    actors: str | None = None
    patterns: str | None = None
    components: tuple[str, ...] | None = None  # None: all of ours, in pipeline order

    def component_config(self) -> dict[str, dict]:
        config: dict[str, dict] = {}
        if self.actors:
            config["newsgraph_entities"] = {"actors_file": str(self.actors)}
        if self.patterns:
            config["newsgraph_events"] = {"patterns_file": str(self.patterns)}
        return config


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


def parse_components(value: str | list | tuple) -> tuple[str, ...]:
    """"entities,timex" or a list -> ("newsgraph_entities", "newsgraph_timex"); "none" -> ()."""
    from newsgraph.nlp.pipeline import COMPONENTS, REQUIRES

    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip() for n in names if n.strip()]
    if names == ["none"]:
        return ()
    known = [name for name, _ in COMPONENTS]
    wanted = []
    for name in names:
        full = name if name.startswith("newsgraph_") else f"newsgraph_{name}"
        if full not in known:
            raise NewsgraphError(f"unknown component {name!r} (choose from "
                                 f"{', '.join(k.removeprefix('newsgraph_') for k in known)}, or none)")
        wanted.append(full)
    for name in list(wanted):  # what a component reads must run before it
        wanted += REQUIRES.get(name, [])
    return tuple(k for k in known if k in wanted)  # pipeline order, whatever the order given
