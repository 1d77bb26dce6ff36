#!/usr/bin/env python3
"""Compile ``us_congress.csv``: members of the US Congress with the dates they sat.

    python tools/build_us_congress.py --source path/to/congress-legislators

Reads ``legislators-current.yaml`` and, when present, ``legislators-historical.yaml``
from a checkout of https://github.com/unitedstates/congress-legislators (public
domain, CC0 1.0) and writes one row per person whose terms reach 1975 or later:

    name, aliases (|-separated), roles (;-separated "LEG,start,end" with the
    chamber's ISO dates), party (of the last term)

``tools/build_actor_kb.py`` (``make gazetteer``) merges the file into the actor
knowledge base: a member the PETRARCH2 dictionaries already list as an American
gets the terms as LEG roles, anyone else becomes a new actor. So "Bernie
Sanders" in a 2016 story is a legislator of the USA even though the 2014
dictionaries do not know him, and "Nancy Pelosi" in 2019 is one again after
her years as Speaker. The output is committed (facts: names and dates), sorted
by name, so a rebuild from the same source gives the same bytes.

Names: nickname (else first name) + last name as the display name ("Bernie
Sanders" for Bernard Sanders), then first + last and the ``official_full`` name,
each also with the suffix ("Jr.") when there is one. Terms that follow one
another (a new Congress, a move from the House to the Senate) are one role.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "data" / "gazetteer" / "us_congress.csv"
FILES = ("legislators-current.yaml", "legislators-historical.yaml")
SINCE = "1975-01-01"  # terms that ended before are of no use to news
CHAMBERS = {"sen": "LEG", "rep": "LEG"}
FIELDS = ("name", "aliases", "roles", "party")
JOIN_DAYS = 45  # a new Congress starts a few days after the last one ends; a special election takes weeks

#: libyaml's parser when PyYAML has it (the historical file is 9 MB).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def names(person: dict) -> tuple[str, list[str]]:
    """The display name and the other names a story may use."""
    n = person.get("name", {})
    first, last = n.get("first", ""), n.get("last", "")
    suffix = f" {n['suffix']}" if n.get("suffix") else ""
    display = " ".join(f"{n.get('nickname') or first} {last}".split())
    forms = [display, f"{first} {last}", n.get("official_full", "")]
    forms = [" ".join(f.split()) for f in forms if len(f.split()) > 1]
    forms += [f + suffix for f in forms if suffix and not f.endswith(suffix)]
    return display, [f for f in dict.fromkeys(forms) if f != display]


def _days(end: str, start: str) -> int:
    return (date.fromisoformat(start) - date.fromisoformat(end)).days


def roles(terms: list[dict]) -> list[tuple[str, str, str]]:
    """(sector, start, end) per stretch in one chamber, adjacent terms joined."""
    out: list[list[str]] = []
    for term in sorted(terms, key=lambda t: t.get("start", "")):
        sector = CHAMBERS.get(term.get("type"))
        start, end = term.get("start"), term.get("end")
        if not sector or not start or not end or end < SINCE:
            continue
        if out and out[-1][0] == sector and _days(out[-1][2], start) <= JOIN_DAYS:
            out[-1][2] = max(out[-1][2], end)
        else:
            out.append([sector, start, end])
    return [tuple(r) for r in out]


def rows(people: list[dict]) -> list[dict]:
    found = []
    for person in people:
        spans = roles(person.get("terms") or [])
        if not spans:
            continue
        name, aliases = names(person)
        party = next((t.get("party") for t in reversed(person["terms"]) if t.get("party")), "")
        found.append({"name": name, "aliases": "|".join(aliases),
                      "roles": ";".join(",".join(r) for r in spans), "party": party or ""})
    return sorted(found, key=lambda r: (r["name"], r["roles"]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", required=True, help="a checkout of unitedstates/congress-legislators")
    ap.add_argument("--out", default=str(OUT), help=f"output CSV (default: {OUT.relative_to(ROOT)})")
    args = ap.parse_args(argv)
    people, read = [], []
    for name in FILES:
        path = Path(args.source) / name
        if path.is_file():
            people += yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
            read.append(name)
    if not read:
        print(f"error: {args.source}: none of {', '.join(FILES)} there", file=sys.stderr)
        return 1
    table = rows(people)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    Path(args.out).write_text(buf.getvalue(), encoding="utf-8")
    print(f"{args.out}: {len(table):,} members from {', '.join(read)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
