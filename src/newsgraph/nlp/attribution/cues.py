"""Load the cue lexicon and source phrases from ``data/quotes/*.yaml``.

Lexicons are data so a user can extend them without touching code; a
malformed file raises :class:`newsgraph.errors.BadInput` naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from newsgraph.errors import BadInput

FRAMES = ("clause", "infinitive", "object")
PACKAGED = Path(__file__).resolve().parents[2] / "data" / "quotes"


@dataclass(frozen=True)
class CueLexicon:
    #: frame -> lemma -> reliability (0..1)
    frames: dict[str, dict[str, float]]
    #: lemma -> prepositions that carry its content
    prepositions: dict[str, tuple[str, ...]]
    noun_clause: frozenset[str]
    according_phrases: tuple[tuple[str, ...], ...]
    media: frozenset[str]
    not_speech: frozenset[str]
    #: lemmas whose infinitive complement is what was said ("urged them to", "vowed to")
    infinitive_speech: frozenset[str]
    media_prepositions: frozenset[str]
    addressing: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: frame -> the least reliability a cue needs in that frame, whatever the caller asks
    minimum: dict[str, float] = field(default_factory=dict)
    #: lemma -> reliability when the cue sits inside another attribution's content
    nested: dict[str, float] = field(default_factory=dict)
    nested_default: float = 1.0

    def reliability(self, frame: str, lemma: str) -> float:
        return self.frames.get(frame, {}).get(lemma, 0.0)

    def nested_reliability(self, lemma: str) -> float:
        return self.nested.get(lemma, self.nested_default)

    def threshold(self, frame: str, min_reliability: float) -> float:
        return max(min_reliability, self.minimum.get(frame, 0.0))

    def any_frame(self, lemma: str) -> float:
        return max((self.frames[f].get(lemma, 0.0) for f in self.frames), default=0.0)


def _read(path: Path | None, name: str) -> dict:
    try:
        where = str((path or PACKAGED) / name)
        text = Path(where).read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BadInput(str((path or PACKAGED) / name), f"cannot read quote lexicon: {exc}") from None
    if not isinstance(data, dict):
        raise BadInput(where, "expected a mapping at top level")
    return data


def _word(value: object) -> str:
    """YAML 1.1 reads an unquoted ``on``/``off`` as a boolean; a preposition was meant."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value).lower()


@lru_cache(maxsize=4)
def load_lexicon(data_dir: str | None = None) -> CueLexicon:
    """The cue lexicon; ``data_dir`` overrides the packaged ``data/quotes``."""
    path = Path(data_dir) if data_dir else None
    cues = _read(path, "cues.yaml")
    sources = _read(path, "sources.yaml")
    frames = {}
    for frame in FRAMES:
        entries = cues.get(frame) or {}
        if isinstance(entries, list):
            entries = {lemma: 1.0 for lemma in entries}
        frames[frame] = {str(k).lower(): float(v) for k, v in entries.items()}
    preps = {str(k).lower(): tuple(_word(p) for p in v)
             for k, v in (cues.get("preposition") or {}).items()}
    return CueLexicon(
        frames=frames,
        prepositions=preps,
        noun_clause=frozenset(str(n).lower() for n in cues.get("noun_clause") or []),
        according_phrases=tuple(tuple(p.lower().split()) for p in sources.get("according_phrases") or []),
        media=frozenset(str(m).lower() for m in sources.get("media") or []),
        not_speech=frozenset(str(w).lower() for w in cues.get("not_speech") or []),
        infinitive_speech=frozenset(str(w).lower() for w in cues.get("infinitive_speech") or []),
        media_prepositions=frozenset(sources.get("media_prepositions") or []),
        addressing={str(k).lower(): tuple(v) for k, v in (sources.get("addressing") or {}).items()},
        minimum={str(k): float(v) for k, v in (cues.get("minimum") or {}).items()},
        nested={str(k).lower(): float(v) for k, v in (cues.get("nested") or {}).items()},
        nested_default=float(cues.get("nested_default", 1.0)),
    )
