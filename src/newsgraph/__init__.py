"""newsgraph: who did what to whom, who said what, and when, from your own news corpus."""

__version__ = "0.1.0"
