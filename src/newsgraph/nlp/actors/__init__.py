"""Actors: gazetteer, name variants, roles, coding and coreference for newsgraph_entities."""
