"""PLOVER quad classes and their colours for the web pages: the lookups live in
:mod:`newsgraph.quads` (the store's filters need them too); re-exported here for
the web modules and templates that import them from this place."""

from newsgraph.quads import PLOVER_FILE, all_types, ontology, quad_of, quads, type_to_quad, types_for  # noqa: F401

__all__ = ["PLOVER_FILE", "all_types", "ontology", "quad_of", "quads", "type_to_quad", "types_for"]
