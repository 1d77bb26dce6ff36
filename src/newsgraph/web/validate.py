"""Checks on query-string values and on links taken from the data.

Query-string values come from anyone who can reach the server. A value the
pages cannot use is never dropped or clamped quietly: each check returns the
list of problems, and the view answers 400 with them (a page saying what is
wrong, or ``{"ok": false, "errors": [...]}`` for a ``.json`` URL).

Links whose target comes from the data (an article's original URL) are only
rendered as links when they are absolute ``http(s)`` URLs; anything else
(``javascript:``, ``data:``, ``vbscript:``, relative paths…) is shown as text.
"""

from __future__ import annotations

import datetime as dt
import re

from . import plover

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
COUNTRY_RE = re.compile(r"^[A-Za-z0-9_-]{1,8}$")
FOCUS_RE = re.compile(r"^(\d{1,9})-(\d{1,9})$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HTTP_RE = re.compile(r"^https?://[^/\\?#\s]", re.IGNORECASE)
FLAGS = ("hypothetical", "future", "negated", "noquotes", "all_dates")
MAX_TEXT = 200
MAX_QUERY = 300
MAX_PAGE = 1000
DATE_HELP = "expected YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date"


class InvalidRequest(Exception):
    """The query string holds values the page cannot use."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


def http_url(value) -> str | None:
    """``value`` if it is an absolute http(s) URL safe to put in ``href``, else None.

    Browsers strip leading and trailing spaces and control characters and drop
    tabs and newlines inside a URL (so ``" java\\tscript:"`` is ``javascript:``);
    any URL that needs such repair is refused rather than repaired.
    """
    if not isinstance(value, str) or value != value.strip() or re.search(r"[\x00-\x20\x7f]", value):
        return None
    return value if HTTP_RE.match(value) else None


def local_url(value) -> str | None:
    """``value`` if it is a same-site path (``/…``, not ``//host``) or an http(s) URL."""
    if not isinstance(value, str) or re.search(r"[\x00-\x20\x7f\\]", value):
        return http_url(value)
    if value.startswith("/") and not value.startswith("//"):
        return value
    return http_url(value)


def check_date(name: str, raw: str | None, errors: list[str]) -> str | None:
    value = (raw or "").strip()
    if not value:
        return None
    m = DATE_RE.match(value)
    ok = False
    if m:
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        try:
            ok = year >= 1 and bool(dt.date(year, month, day))
        except ValueError:
            ok = False
    if not ok:
        errors.append(f"{name}={show(raw)} is not a valid date: {DATE_HELP}.")
        return None
    return value


def show(raw: str) -> str:
    """A value quoted for an error message, shortened so a huge input stays readable."""
    raw = raw if len(raw) <= 60 else raw[:57] + "…"
    return repr(raw)


def _common(args, errors: list[str]) -> None:
    for key in args:
        for value in args.getlist(key):
            if CONTROL_RE.search(value):
                errors.append(f"{key}={show(value)} contains control characters.")


def _text(args, key: str, limit: int, errors: list[str]) -> None:
    value = args.get(key) or ""
    if len(value.strip()) > limit:
        errors.append(f"{key} is {len(value.strip()):,} characters long; the limit is {limit}.")


def _range(args, errors: list[str]) -> None:
    start = check_date("start", args.get("start"), errors)
    end = check_date("end", args.get("end"), errors)
    if start and end and start[:len(end)] > end:
        errors.append(f"start={start!r} is after end={end!r}.")


def event_args(args) -> list[str]:
    """Problems with the filters of the timeline and network pages."""
    errors: list[str] = []
    _common(args, errors)
    for key in ("actor", "recipient"):
        _text(args, key, MAX_TEXT, errors)
    country = (args.get("country") or "").strip()
    if country and not COUNTRY_RE.match(country):
        errors.append(f"country={show(country)} is not a country code (letters such as ESP).")
    kind = (args.get("type") or "").strip()
    if kind and not plover.types_for(kind):
        errors.append(f"type={show(kind)} is not a PLOVER event type or quad "
                      f"(for example AGREE, PROTEST or verbal_conflict).")
    _range(args, errors)
    for key in FLAGS:
        value = args.get(key)
        if value not in (None, "", "0", "1"):
            errors.append(f"{key}={show(value)} must be 1 (on) or 0 (off).")
    return errors


def quote_args(args) -> list[str]:
    """Problems with the quote search's values (the full-text syntax is checked by SQLite)."""
    errors: list[str] = []
    _common(args, errors)
    _text(args, "q", MAX_QUERY, errors)
    _text(args, "speaker", MAX_TEXT, errors)
    _range(args, errors)
    page_number(args.get("page"), errors)
    quote_type(args.get("type"), errors)
    return errors


def quote_type(raw: str | None, errors: list[str] | None = None) -> str:
    """``type`` of the quote search: "" (reported speech: every type but attribution), "all" or one type."""
    from newsgraph.listings import QUOTE_TYPES

    value = (raw or "").strip().lower()
    if value in ("", "all", *QUOTE_TYPES):
        return value
    if errors is not None:
        errors.append(f"type={show(raw)} must be all or one of {', '.join(QUOTE_TYPES)}.")
    return ""


def page_number(raw: str | None, errors: list[str] | None = None) -> int:
    value = (raw or "").strip()
    if not value:
        return 1
    if re.fullmatch(r"\d{1,6}", value) and 1 <= int(value) <= MAX_PAGE:
        return int(value)
    if errors is not None:
        errors.append(f"page={show(raw)} must be a whole number from 1 to {MAX_PAGE}.")
    return 1


def article_args(args) -> list[str]:
    errors: list[str] = []
    _common(args, errors)
    focus = args.get("focus")
    if focus:
        m = FOCUS_RE.match(focus)
        if not m or int(m[1]) >= int(m[2]):
            errors.append(f"focus={show(focus)} must be START-END character offsets with START < END.")
    return errors


def fts_problem(q: str, escaped: str | None) -> str | None:
    """Why a search cannot run, when it is known before asking SQLite."""
    if q and not (escaped or "").strip('" '):
        return f"q={show(q)} is not a valid search: it has no words to look for."
    return None
