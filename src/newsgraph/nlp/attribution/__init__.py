"""Building blocks of the newsgraph_quotes component (cue lexicon, quote marks, finders, speakers)."""
