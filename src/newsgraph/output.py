"""Write query results the way sqlite-utils does: JSON by default, ``--nl``, ``--csv``, ``-t``.

Rows are written as they come: only the first :data:`SAMPLE_ROWS` are held, to
choose the CSV columns and the table's column widths. Text tables are laid out
by ``rich`` and fit the terminal: the longest columns are cut first, with an
ellipsis; ``wide`` keeps every character.
"""

from __future__ import annotations

import csv
import itertools
import json
import shutil
from typing import Iterable, Iterator, TextIO

#: Rows read ahead to decide CSV columns and table widths; the rest stream through.
SAMPLE_ROWS = 200
#: A header wider than its column's values is cut to this many cells at most (``hypothe…`` over 0/1 flags).
HEADER_WIDTH = 8
#: Cells between two columns of a text table.
GAP = 2


def write_rows(rows: Iterable[dict], out: TextIO, fmt: str = "json", *, width: int | None = None,
               wide: bool = False) -> None:
    """Write ``rows`` to ``out`` as ``json``, ``nl``, ``csv`` or ``table``.

    ``width`` is the table width in cells (default: the terminal's); ``wide`` turns truncation off.
    """
    rows = iter(rows)
    if fmt == "nl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        write_csv(rows, out)
    elif fmt == "table":
        write_table(rows, out, width=width, wide=wide)
    else:
        write_json_array(rows, out)


def write_json_array(rows: Iterator[dict], out: TextIO) -> None:
    """The text ``json.dumps(list(rows), indent=2)`` would give, one row at a time."""
    first = True
    for row in rows:
        body = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("[\n  " if first else ",\n  ") + body)
        first = False
    out.write("[]\n" if first else "\n]\n")


def write_csv(rows: Iterator[dict], out: TextIO) -> None:
    sample, rest = _peek(rows)
    columns = _columns(sample)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in itertools.chain(sample, rest):
        writer.writerow({k: _flat(v) for k, v in row.items()})


def _peek(rows: Iterator[dict]) -> tuple[list[dict], Iterator[dict]]:
    return list(itertools.islice(rows, SAMPLE_ROWS)), rows


def _columns(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(k for row in rows for k in row))


def _flat(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _cell(value) -> str:
    text = "" if value is None else str(_flat(value))
    return " ".join(text.split()) if "\n" in text or "\t" in text or "\r" in text else text


def terminal_width() -> int:
    """Cells available on a line: ``COLUMNS``, else the terminal's width, else 100."""
    return shutil.get_terminal_size(fallback=(100, 24)).columns


def fit_widths(natural: list[int], available: int) -> list[int]:
    """Column widths summing to at most ``available``: the widest columns give way first.

    Columns narrower than a cap keep their full width and the ones above it are
    cut to it (the largest cap that fits), so dates, codes and flags stay whole
    while titles and sentences lose their ends. Every column keeps
    ``min(natural, floor)`` cells, the floor lowered from 12 only as far as the
    line needs; when even one cell per column does not fit, the line overflows.
    """
    if sum(natural) <= available:
        return list(natural)
    for floor in (12, 10, 8, 6, 4, 3, 2, 1):
        floors = [min(n, floor) for n in natural]
        if sum(floors) <= available:
            break
    else:
        return floors
    low, high = floor, max(natural)  # the largest cap whose widths still fit
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for n, f in zip(natural, floors)) <= available:
            low = cap
        else:
            high = cap - 1
    widths = [max(f, min(n, low)) for n, f in zip(natural, floors)]
    spare = available - sum(widths)
    for i, n in enumerate(natural):  # hand out what the integer cap left over, left to right
        extra = min(spare, n - widths[i])
        widths[i] += extra
        spare -= extra
    return widths


def write_table(rows: Iterable[dict], out: TextIO, *, width: int | None = None, wide: bool = False) -> None:
    """A text table of ``rows``, ``width`` cells wide at most unless ``wide``."""
    from rich.cells import cell_len

    sample, rest = _peek(iter(rows))
    if not sample:
        out.write("(no rows)\n")
        return
    columns = _columns(sample)
    natural = [max(min(cell_len(c), HEADER_WIDTH), *(cell_len(_cell(r.get(c))) for r in sample)) for c in columns]
    if wide:
        widths = natural
    else:
        available = (width or terminal_width()) - GAP * (len(columns) - 1)
        widths = fit_widths(natural, max(available, 1))
    _print_chunk(out, columns, widths, sample, header=True, wide=wide)
    while chunk := list(itertools.islice(rest, SAMPLE_ROWS)):
        if wide:  # later rows may be longer: widen, never cut
            widths = [max(w, *(cell_len(_cell(r.get(c))) for r in chunk)) for w, c in zip(widths, columns)]
        _print_chunk(out, columns, widths, chunk, header=False, wide=wide)


def _print_chunk(out: TextIO, columns: list[str], widths: list[int], rows: list[dict], *,
                 header: bool, wide: bool) -> None:
    """Lay out one chunk of rows with ``rich`` at fixed widths, so chunks line up."""
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # The box's column divider is one blank cell; one cell of right padding makes the GAP.
    table = Table(box=box.SIMPLE_HEAD, show_header=header, show_edge=False, pad_edge=False,
                  padding=(0, GAP - 1, 0, 0), header_style="bold")
    for name, w in zip(columns, widths):
        table.add_column(Text(name), width=w, no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(Text(_cell(row.get(c))) for c in columns))
    buffer = io.StringIO()
    colour = out.isatty() if hasattr(out, "isatty") else False
    console = Console(file=buffer, width=sum(widths) + GAP * len(widths), highlight=False, emoji=False,
                      force_terminal=colour, no_color=not colour)
    console.print(table, crop=not wide)
    out.write("\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n")
