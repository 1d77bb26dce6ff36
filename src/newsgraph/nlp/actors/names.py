"""Name variants for the actor modules: the plain string functions live in
:mod:`newsgraph.names` (below ``nlp/``, so the corpus pass and the store reach
them without importing the pipeline); they are re-exported here for the
modules of ``nlp/actors`` that have always imported them from this place."""

from newsgraph.names import (  # noqa: F401 (re-exported)
    CONNECTORS,
    fold,
    initials,
    is_all_caps,
    is_title_case,
    looks_like_acronym,
    name_words,
    normalize_name,
    strip_possessive,
)

__all__ = ["CONNECTORS", "fold", "initials", "is_all_caps", "is_title_case", "looks_like_acronym", "name_words",
           "normalize_name", "strip_possessive"]
