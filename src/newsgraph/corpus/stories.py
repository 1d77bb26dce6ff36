"""Story clusters: articles that are copies or near-copies of each other.

Syndicated copies and lightly edited rewrites of one report share most of
their word 5-grams. Each article gets a MinHash signature of its body text
(computed once, stored in ``article_signatures``); locality-sensitive hashing
over bands of the signature proposes candidate pairs, and a pair whose
estimated Jaccard similarity reaches ``threshold`` joins one cluster. A
cluster's id is its earliest-ingested member's id, so ids are stable as the
corpus grows.

The MinHash is ours rather than ``datasketch``'s: on the same shingles it
signs about twice as fast (CRC32 and one numpy pass against SHA-1 per
shingle) and gives the same clusters on ``examples/corpus`` (BENCHMARKS.md);
the LSH bands live in SQLite so that clustering is incremental across runs.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from array import array

import numpy as np

from newsgraph.store.transaction import transaction

NUM_HASHES = 64
BANDS = 16  # 16 bands of 4 rows: pairs at Jaccard 0.5 collide in some band with p ≈ 0.65, at 0.7 with p ≈ 0.98
ROWS = NUM_HASHES // BANDS
SHINGLE = 5
THRESHOLD = 0.6
_PRIME = (1 << 31) - 1  # a*s+b < 2**63 for 31-bit a, b and 32-bit s: no uint64 overflow
_MASK = (1 << 32) - 1
# Fixed coefficients: signatures must be identical on every run and machine.
_A = np.array([(i * 0x9E3779B1 + 0x7F4A7C15) % _PRIME | 1 for i in range(1, NUM_HASHES + 1)], dtype=np.uint64)
_B = np.array([(i * 0x85EBCA77 + 0xC2B2AE3D) % _PRIME for i in range(1, NUM_HASHES + 1)], dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> array:
    sh = shingles(text)
    if not sh:
        return array("Q", [_MASK] * NUM_HASHES)
    values = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    hashed = (values[None, :] * _A[:, None] + _B[:, None]) % _PRIME
    return array("Q", hashed.min(axis=1).tolist())


def similarity(a: array, b: array) -> float:
    return sum(x == y for x, y in zip(a, b)) / NUM_HASHES


def _bands(sig: array) -> list[int]:
    return [zlib.crc32(sig[i * ROWS:(i + 1) * ROWS].tobytes()) for i in range(BANDS)]


def body_text(db: sqlite3.Connection, article_id: str, text: str) -> str:
    """Only body paragraphs: footers and related links differ between copies of one story."""
    parts = [text[s:e] for s, e in db.execute(
        "SELECT start, \"end\" FROM paragraphs WHERE article_id = ? AND role = 'body' ORDER BY idx",
        (article_id,))]
    return "\n".join(parts) or text


def update_story_clusters(db: sqlite3.Connection, threshold: float = THRESHOLD) -> dict[str, str]:
    """Sign new articles, link them to similar ones, and (re)assign cluster ids.

    Returns each newly signed article's cluster id: those clusters are the
    only ones whose membership changed.
    """
    unsigned = ("SELECT a.id, a.text FROM articles a WHERE NOT EXISTS "
                "(SELECT 1 FROM article_signatures s WHERE s.article_id = a.id) ORDER BY a.rowid")
    if db.execute(unsigned + " LIMIT 1").fetchone() is None:
        return {}
    with transaction(db):
        # read again under the write lock: a concurrent ingest may have signed them meanwhile
        new = db.execute(unsigned).fetchall()
        for article_id, text in new:
            sig = signature(body_text(db, article_id, text))
            bands = _bands(sig)
            candidates: set[str] = set()
            for band, h in enumerate(bands):
                candidates.update(r[0] for r in db.execute(
                    "SELECT article_id FROM article_bands WHERE band = ? AND hash = ?", (band, h)))
            db.execute("INSERT INTO article_signatures (article_id, signature) VALUES (?, ?)",
                       (article_id, sig.tobytes()))
            db.executemany("INSERT INTO article_bands (band, hash, article_id) VALUES (?, ?, ?)",
                           [(band, h, article_id) for band, h in enumerate(bands)])
            own = db.execute("SELECT cluster_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
            cluster = own or article_id
            for other in sorted(candidates):
                blob = db.execute("SELECT signature FROM article_signatures WHERE article_id = ?",
                                  (other,)).fetchone()[0]
                if similarity(sig, array("Q", blob)) >= threshold:
                    other_cluster = db.execute("SELECT coalesce(cluster_id, id) FROM articles WHERE id = ?",
                                               (other,)).fetchone()[0]
                    cluster = _merge(db, cluster, other_cluster)
            db.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", (cluster, article_id))
        placed = {article_id: db.execute("SELECT cluster_id FROM articles WHERE id = ?",
                                         (article_id,)).fetchone()[0] for article_id, _ in new}
    return placed


def _merge(db: sqlite3.Connection, a: str, b: str) -> str:
    """Merge clusters ``a`` and ``b`` under the id of whichever was ingested first."""
    if a == b:
        return a
    order = {r[0]: r[1] for r in db.execute(
        "SELECT id, rowid FROM articles WHERE id IN (?, ?)", (a, b))}
    keep, drop = sorted((a, b), key=lambda x: order.get(x, float("inf")))
    db.execute("UPDATE articles SET cluster_id = ? WHERE cluster_id = ? OR id = ?", (keep, drop, drop))
    return keep
