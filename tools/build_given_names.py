#!/usr/bin/env python3
"""Compile ``given_names.tsv.gz``: a given name -> the gender it almost always marks.

The entities component reads it to know that "Dmitry Bam" is a "he" and
"Nancy Pelosi" a "she", so that pronouns and quotes resolve to a person of the
right gender (honorifics such as "Mrs" already tell; most news names come
without one). Run ``make gazetteer`` after changing a source; the output is
committed and shipped as package data, so run time needs no extra package.

Sources:

* the ``names`` package (build extra): the 1990 US census lists of male and
  female first names with the share of the population bearing each (public
  domain data). A name is kept for a gender when that gender's share is at
  least ``DOMINANCE`` times the other's (so "Michael" is male, "Jordan" and
  "Jean" are neither).
* ``src/newsgraph/data/gazetteer/given_names_extra.csv`` -- given names common
  in international news that the census lists lack (Dmitry, Angela's
  counterparts abroad, Arabic, Slavic, South Asian, East European names), one
  row per name with its gender; a row the census already decides the same way
  is reported as redundant, and ``--check`` fails on it.

Output rows: ``name<TAB>m|f``, names lowercased and sorted; gzip with mtime 0.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "data" / "gazetteer" / "given_names.tsv.gz"
EXTRA = ROOT / "src" / "newsgraph" / "data" / "gazetteer" / "given_names_extra.csv"
#: A name marks a gender when that gender's census share is this many times the other's.
DOMINANCE = 10.0


def census_shares() -> tuple[dict[str, float], dict[str, float]]:
    try:
        import names
    except ImportError:
        sys.exit("build_given_names: install the build extra first (pip install -e '.[build]')")
    folder = Path(names.__file__).parent

    def read(path: Path) -> dict[str, float]:
        out = {}
        for line in path.read_text("ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0].lower()] = float(parts[1])
        return out
    return read(folder / "dist.male.first"), read(folder / "dist.female.first")


def census_genders(male: dict[str, float], female: dict[str, float]) -> dict[str, str]:
    out = {}
    for name in set(male) | set(female):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= DOMINANCE * f and m > 0:
            out[name] = "m"
        elif f >= DOMINANCE * m and f > 0:
            out[name] = "f"
    return out


def extra_genders() -> tuple[dict[str, str], list[str]]:
    out, problems = {}, []
    with EXTRA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            name, gender = row["name"].strip().lower(), row["gender"].strip().lower()
            if gender not in ("m", "f"):
                problems.append(f"{EXTRA.name}: {row['name']}: gender must be m or f")
            elif name in out and out[name] != gender:
                problems.append(f"{EXTRA.name}: {row['name']}: listed as both genders")
            out[name] = gender
    return out, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail on redundant or bad extra rows")
    args = parser.parse_args(argv)
    genders = census_genders(*census_shares())
    extra, problems = extra_genders()
    for name, gender in sorted(extra.items()):
        if genders.get(name) == gender:
            problems.append(f"{EXTRA.name}: {name}: redundant, the census lists already say {gender}")
        genders[name] = gender
    for p in problems:
        print(p, file=sys.stderr)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as gz:
        gz.write("".join(f"{n}\t{g}\n" for n, g in sorted(genders.items())).encode("utf-8"))
    OUT.write_bytes(buffer.getvalue())
    print(f"{OUT.relative_to(ROOT)}: {len(genders)} names "
          f"({sum(g == 'm' for g in genders.values())} male, {sum(g == 'f' for g in genders.values())} female)")
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
