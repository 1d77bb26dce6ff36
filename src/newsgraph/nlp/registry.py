"""Pinned component names, made from the one ``@Language.factory`` declaration.

``nlp.add_pipe("newsgraph_quotes")`` takes the current version;
``nlp.add_pipe("newsgraph_quotes_v1")`` pins one (spaCy forbids "." in factory
names, so the version is joined with "_"). Put :func:`versioned` above the
factory decorator: it copies the name's ``requires``/``assigns``/config from
what spaCy recorded, so nothing is declared twice.
"""

from __future__ import annotations

from typing import Callable

import spacy
from spacy.language import Language


def versioned(version: int) -> Callable:
    def decorator(factory: Callable) -> Callable:
        names = [name for name, func in spacy.registry.factories.get_all().items()
                 if func is factory and Language.has_factory(name)]
        if len(names) != 1:
            raise ValueError(f"@versioned goes above one @Language.factory ({factory.__name__}: {names})")
        meta = Language.get_factory_meta(names[0])
        Language.factory(f"{names[0]}_v{version}", default_config=meta.default_config, assigns=meta.assigns,
                         requires=meta.requires, retokenizes=meta.retokenizes,
                         default_score_weights=meta.default_score_weights, func=factory)
        return factory

    return decorator
