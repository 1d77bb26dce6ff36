"""The NLP backbone: one function builds the spaCy pipeline (see :mod:`.pipeline`)."""
