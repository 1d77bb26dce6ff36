"""Load and validate PLOVER trigger patterns from YAML data files.

Patterns are data so that users can extend the coder without touching code
(``--patterns FILE``; see docs/patterns.md). A bad file fails early with the
file name, the entry id and what is wrong, never deep inside the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newsgraph.errors import NewsgraphError
from newsgraph.nlp.plover.data import DATA_DIR, Ontology, ontology
from newsgraph.nlp.plover.frame_spec import known_kinds, parse_frame

DEFAULT_PATTERN_FILES = ("triggers.yaml",)
ROLE_CONVENTIONS = ("default", "reciprocal", "visit", "host", "receive", "demand")
POS_TAGS = ("VERB", "NOUN", "ADJ", "PROPN")
#: Cooperative actions reported in the future are intentions (PLOVER AGREE);
#: a future RETREAT is an announced concession (CONCEDE).
#: An announced future coercion, sanction or attack is a threat (PLOVER: THREATEN
#: rather than ASSAULT + future).
FUTURE_TYPE = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
               "RETREAT": "CONCEDE", "COERCE": "THREATEN", "SANCTION": "THREATEN", "ASSAULT": "THREATEN"}


@dataclass(frozen=True)
class Pattern:
    """One trigger sense: which words fire which PLOVER type, and how roles are read."""

    id: str
    type: str
    lemmas: tuple[str, ...]
    example: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    pos: tuple[str, ...] = ("VERB",)
    with_any: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    prep: tuple[str, ...] = ()
    exclude_deps: tuple[str, ...] = ()
    #: The trigger must govern a that-clause with one of these modals ("said Y should Z").
    complement_modal: tuple[str, ...] = ()
    roles: str = "default"
    recipient_preps: tuple[str, ...] | None = None
    possessor: str = "actor"
    future_type: str | None = None
    confidence: float = 0.7
    source: str = ""
    #: Overrides of the type's frame (frames.yaml), e.g. ``{"recipient": "optional"}``.
    frame: dict | None = field(default=None, hash=False, compare=False)

    @property
    def specificity(self) -> int:
        return (2 if self.with_any or self.complement_modal else 0) + (1 if self.prep else 0) + (1 if self.mode else 0)


def _tuple(value, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise NewsgraphError(f"{where}: '{key}' must be a string or a list of strings "
                             "(quote words YAML reads as booleans: \"on\", \"off\", \"yes\", \"no\")")
    return tuple(value)


def _check_keys(raw: dict, where: str) -> None:
    """No unknown keys; all required keys present."""
    known = set(Pattern.__dataclass_fields__) - {"source"}
    unknown = set(raw) - known
    if unknown:
        raise NewsgraphError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "type", "lemmas", "example"):
        if not raw.get(key):
            raise NewsgraphError(f"{where}: missing required key '{key}'")


def _type_and_mode(raw: dict, where: str, onto: Ontology) -> tuple[str, str | None]:
    """The PLOVER type (upper-cased) and its mode, both checked against the ontology."""
    event_type = str(raw["type"]).upper()
    if event_type not in onto.types:
        raise NewsgraphError(f"{where}: type {raw['type']!r} is not a PLOVER type ({', '.join(onto.types)})")
    mode = raw.get("mode")
    if mode is not None and mode not in onto.types[event_type]:
        raise NewsgraphError(f"{where}: mode {mode!r} is not defined for {event_type} "
                             f"(allowed: {', '.join(sorted(onto.types[event_type])) or 'none'})")
    return event_type, mode


def _contexts_and_pos(raw: dict, where: str, onto: Ontology) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The checked contexts and parts of speech (default VERB)."""
    contexts = _tuple(raw.get("contexts"), where, "contexts")
    bad = [c for c in contexts if c not in onto.contexts]
    if bad:
        raise NewsgraphError(f"{where}: unknown contexts {bad}")
    pos = tuple(p.upper() for p in _tuple(raw.get("pos"), where, "pos")) or ("VERB",)
    if any(p not in POS_TAGS for p in pos):
        raise NewsgraphError(f"{where}: pos must be among {POS_TAGS}")
    return contexts, pos


def _role_reading(raw: dict, where: str, onto: Ontology) -> tuple[str, str, str | None, float]:
    """The checked roles convention, possessor, future type and confidence."""
    roles = raw.get("roles", "default")
    if roles not in ROLE_CONVENTIONS:
        raise NewsgraphError(f"{where}: roles must be one of {ROLE_CONVENTIONS}")
    possessor = raw.get("possessor", "actor")
    if possessor not in ("actor", "recipient"):
        raise NewsgraphError(f"{where}: possessor must be 'actor' or 'recipient'")
    future_type = raw.get("future_type")
    if future_type is not None and future_type not in onto.types:
        raise NewsgraphError(f"{where}: future_type {future_type!r} is not a PLOVER type")
    try:
        confidence = float(raw.get("confidence", 0.7))
    except (TypeError, ValueError):
        raise NewsgraphError(f"{where}: confidence must be a number") from None
    return roles, possessor, future_type, confidence


def _check_frame(frame, where: str) -> None:
    if frame is not None:
        parse_frame(frame, f"{where}: frame", known_kinds())


def parse_pattern(raw: dict, source: str, index: int) -> Pattern:
    label = raw.get("id", "no id") if isinstance(raw, dict) else repr(raw)
    where = f"{source}: pattern #{index + 1} ({label})"
    if not isinstance(raw, dict):
        raise NewsgraphError(f"{where}: each pattern must be a mapping")
    _check_keys(raw, where)
    onto = ontology()
    event_type, mode = _type_and_mode(raw, where, onto)
    contexts, pos = _contexts_and_pos(raw, where, onto)
    roles, possessor, future_type, confidence = _role_reading(raw, where, onto)
    rp = raw.get("recipient_preps")
    frame = raw.get("frame")
    _check_frame(frame, where)
    return Pattern(
        id=str(raw["id"]), type=event_type, mode=mode, contexts=contexts,
        lemmas=tuple(lemma.lower() for lemma in _tuple(raw["lemmas"], where, "lemmas")),
        example=str(raw["example"]), pos=pos,
        with_any=tuple(w.lower() for w in _tuple(raw.get("with_any"), where, "with_any")),
        without=tuple(w.lower() for w in _tuple(raw.get("without"), where, "without")),
        prep=tuple(w.lower() for w in _tuple(raw.get("prep"), where, "prep")),
        exclude_deps=_tuple(raw.get("exclude_deps"), where, "exclude_deps"),
        complement_modal=tuple(w.lower() for w in _tuple(raw.get("complement_modal"), where, "complement_modal")),
        roles=roles, recipient_preps=None if rp is None else _tuple(rp, where, "recipient_preps"),
        possessor=possessor,
        future_type=future_type or FUTURE_TYPE.get(event_type), confidence=confidence, source=source,
        frame=dict(frame) if frame else None,
    )


def load_pattern_file(path: str | Path) -> list[Pattern]:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise NewsgraphError(f"Cannot read patterns file {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise NewsgraphError(f"{path}: not valid YAML: {exc}") from None
    entries = raw.get("patterns") if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        raise NewsgraphError(f"{path}: expected a list of patterns (or a mapping with 'patterns:')")
    return [parse_pattern(entry, str(path), i) for i, entry in enumerate(entries)]


def load_patterns(extra: str | Path | list | None = None) -> list[Pattern]:
    """Built-in patterns plus the user's file(s); a user id replaces a built-in one."""
    patterns: dict[str, Pattern] = {}
    files: list[Path] = [DATA_DIR / name for name in DEFAULT_PATTERN_FILES]
    if extra:
        files += [Path(p) for p in (extra if isinstance(extra, (list, tuple)) else [extra])]
    for path in files:
        seen: set[str] = set()
        for pattern in load_pattern_file(path):
            if pattern.id in seen:
                raise NewsgraphError(f"{path}: duplicate pattern id {pattern.id!r}")
            seen.add(pattern.id)
            patterns[pattern.id] = pattern
    return list(patterns.values())
