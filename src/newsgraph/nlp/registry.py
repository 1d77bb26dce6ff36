"""Register our components under a plain and a versioned name.

``nlp.add_pipe("newsgraph_quotes")`` takes the current version;
``nlp.add_pipe("newsgraph_quotes_v1")`` pins one (spaCy forbids "." in factory
names, so the version is joined with "_").
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language


def component(name: str, version: int, *, default_config: dict | None = None,
              assigns: list[str] | None = None, requires: list[str] | None = None) -> Callable:
    def decorator(factory: Callable) -> Callable:
        for registered in (name, f"{name}_v{version}"):  # spaCy forbids "." in factory names
            Language.factory(
                registered,
                default_config=default_config or {},
                assigns=assigns or [],
                requires=requires or [],
                func=factory,
            )
        return factory

    return decorator
