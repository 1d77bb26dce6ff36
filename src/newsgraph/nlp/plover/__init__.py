"""PLOVER event coding parts: pattern data, trigger matching, roles, modality, actors, dates."""
