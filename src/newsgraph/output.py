"""Write query results the way sqlite-utils does: JSON by default, ``--nl``, ``--csv``, ``-t``."""

from __future__ import annotations

import csv
import json
from typing import Iterable, TextIO


def write_rows(rows: Iterable[dict], out: TextIO, fmt: str = "json") -> None:
    rows = list(rows)
    if fmt == "nl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        columns = list(dict.fromkeys(k for row in rows for k in row))
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _flat(v) for k, v in row.items()})
    elif fmt == "table":
        write_table(rows, out)
    else:
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


def _flat(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_table(rows: list[dict], out: TextIO, max_width: int = 60) -> None:
    if not rows:
        out.write("(no rows)\n")
        return
    columns = list(dict.fromkeys(k for row in rows for k in row))

    def cell(v) -> str:
        s = "" if v is None else str(_flat(v))
        s = s.replace("\n", " ")
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    table = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in table)) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in table:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")
