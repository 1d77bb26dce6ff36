"""Errors newsgraph reports to users: one clear line, no traceback."""


class NewsgraphError(Exception):
    """A problem the user can act on (bad option, missing model, unreadable database)."""


class BadInput(NewsgraphError):
    """One input item cannot be ingested; the run goes on with the rest."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
