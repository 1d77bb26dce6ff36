"""Calibrated event confidence: the probability that a coded event is right.

``Event.confidence`` should mean something: of the events coded with
confidence 0.7, about 70% should have the right type on the right line
(``docs/confidence.md``). This module computes that probability from a
logistic model whose coefficients ``tools/calibrate_events.py`` fits on the
hand-annotated real articles and writes to ``data/plover/confidence.json``.
Run time needs no fitting library: the JSON is read once and the probability
is ``1 / (1 + exp(-(intercept + sum(weight * feature))))`` in plain Python.

Features come from the :class:`~newsgraph.model.Event` record and its Doc
only (:func:`event_features`), never from the coder's internals, so the model
keeps working whatever the coder does; after the coder changes, re-run the
fit (``python tools/calibrate_events.py --shared ../shared``).
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from newsgraph.errors import NewsgraphError
from newsgraph.model import Event, Participant
from newsgraph.nlp.extensions import paragraphs  # also registers the Doc._ extensions

CONFIDENCE_FILE = Path(__file__).resolve().parents[2] / "data" / "plover" / "confidence.json"

#: Every feature :func:`event_features` computes, in a fixed order; the JSON
#: names the ones its model uses, and an unknown name there is an error.
FEATURES = (
    "has_actor",               # an actor participant
    "has_recipient",           # a recipient participant
    "actor_country",           # an actor coded with a country
    "recipient_country",       # a recipient coded with a country
    "actor_named",             # an actor that is a PERSON/ORG/GPE entity of the doc
    "recipient_named",         # a recipient that is a PERSON/ORG/GPE entity of the doc
    "needs_recipient",         # the type takes a recipient by PLOVER convention (list in the JSON)
    "missing_recipient",       # ... and the event has none
    "trigger_verb",            # trigger is a verb
    "trigger_noun",            # trigger is a noun
    "trigger_root",            # trigger is the root of its sentence
    "trigger_subordinate",     # trigger heads a subordinate or complement clause
    "future",                  # Event.future
    "historical",              # Event.historical
    "in_quotation_marks",      # trigger inside quotation marks (in its paragraph)
    "in_title",                # coded from the headline or a heading
    "sentence_length",         # tokens in the event's sentence / 25
    "pattern_prior",           # the trigger pattern's own confidence, recovered from type, mode and lemma
)

#: Prefix of the per-type features: ``type=ACCUSE`` is 1.0 for an ACCUSE event. Every
#: pattern's own ``confidence`` is the default 0.7 today, so the type stands in for the
#: pattern's prior; only the types the model was fitted on are named in the JSON.
TYPE_PREFIX = "type="

#: Named-entity types that make a participant "named".
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE"})
#: Dependency labels of a trigger that heads a subordinate or complement clause.
SUBORDINATE_DEPS = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "csubj", "csubjpass", "pcomp"})
SENTENCE_SCALE = 25.0
DEFAULT_PATTERN_CONFIDENCE = 0.7


@dataclass(frozen=True)
class ConfidenceModel:
    """A fitted logistic model: ``features`` in order, one coefficient each, and an intercept."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    needs_recipient: frozenset[str]
    source: str = ""

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(w * values.get(name, 0.0) for name, w in zip(self.features, self.coefficients))
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        ez = math.exp(z)
        return ez / (1.0 + ez)


def known_feature(name: str) -> bool:
    """One of :data:`FEATURES`, or ``type=<PLOVER type>``."""
    if name in FEATURES:
        return True
    if name.startswith(TYPE_PREFIX):
        from newsgraph.nlp.plover.patterns import ontology

        return name[len(TYPE_PREFIX):] in ontology().types
    return False


def _number(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise NewsgraphError(f"{where} must be a finite number, not {value!r}")
    return float(value)


def parse_model(raw, source: str = "confidence model") -> ConfidenceModel:
    """Validate the JSON's content; every problem names ``source`` and what is wrong."""
    if not isinstance(raw, dict):
        raise NewsgraphError(f"{source}: expected a JSON object")
    features = raw.get("features")
    if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
        raise NewsgraphError(f"{source}: 'features' must be a list of feature names (empty: the base rate alone)")
    unknown = [f for f in features if not known_feature(f)]
    if unknown:
        raise NewsgraphError(f"{source}: unknown features {unknown} (known: {', '.join(FEATURES)}, "
                             f"and {TYPE_PREFIX}<PLOVER type>)")
    if len(set(features)) != len(features):
        raise NewsgraphError(f"{source}: a feature is listed twice in 'features'")
    coefs = raw.get("coefficients")
    if not isinstance(coefs, dict):
        raise NewsgraphError(f"{source}: 'coefficients' must be an object: feature name -> number")
    missing = [f for f in features if f not in coefs]
    extra = [f for f in coefs if f not in features]
    if missing or extra:
        raise NewsgraphError(f"{source}: 'coefficients' must name exactly the features "
                             f"(missing {missing}, not in 'features' {extra})")
    weights = tuple(_number(coefs[f], f"{source}: coefficient {f!r}") for f in features)
    if "intercept" not in raw:
        raise NewsgraphError(f"{source}: missing 'intercept'")
    intercept = _number(raw["intercept"], f"{source}: 'intercept'")
    needs = raw.get("needs_recipient")
    if not isinstance(needs, list) or not all(isinstance(t, str) for t in needs):
        raise NewsgraphError(f"{source}: 'needs_recipient' must be a list of PLOVER types")
    return ConfidenceModel(tuple(features), weights, intercept, frozenset(t.upper() for t in needs), source)


def load_model(path: str | Path | None = None) -> ConfidenceModel:
    """The model in ``path`` (default: the shipped ``data/plover/confidence.json``)."""
    if path is None:
        return _default_model()
    return _read_model(Path(path))


@lru_cache(maxsize=1)
def _default_model() -> ConfidenceModel:
    return _read_model(CONFIDENCE_FILE)


def _read_model(path: Path) -> ConfidenceModel:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise NewsgraphError(f"Cannot read confidence model {path}: {exc.strerror or exc} "
                             "(re-create it with: python tools/calibrate_events.py --shared ../shared)") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NewsgraphError(f"{path}: not valid JSON ({exc}); re-create it with "
                             "python tools/calibrate_events.py --shared ../shared") from None
    return parse_model(raw, str(path))


# ------------------------------------------------------------------ features

def trigger_token(event: Event, doc: Doc) -> Token | None:
    span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _entity_types(doc: Doc) -> dict[str, str]:
    return {e.id: e.type for e in (doc._.ng_entities or [])}


def _named(participants: list[Participant], types: dict[str, str]) -> bool:
    return any(p.entity_id and types.get(p.entity_id) in NAMED_TYPES for p in participants)


def _paragraph_start(doc: Doc, char: int) -> int:
    paras = paragraphs(doc)
    i = bisect_right([p.start for p in paras], char) - 1
    return paras[i].start if i >= 0 else 0


def in_quotation_marks(doc: Doc, char: int) -> bool:
    """An open quotation mark before ``char`` in its paragraph: more “ than ”, or an odd count of "."""
    start = _paragraph_start(doc, char)
    if char <= start:
        return False
    span = doc.char_span(start, char, alignment_mode="contract")
    if span is None:
        return False
    before = span.text
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def _sentence_tokens(event: Event, doc: Doc, token: Token | None) -> int:
    span = doc.char_span(event.sentence_start, event.sentence_end, alignment_mode="expand")
    if span is not None and len(span):
        return len(span)
    return len(token.sent) if token is not None else 0


@lru_cache(maxsize=1)
def _patterns_by_lemma() -> dict[str, list]:
    from newsgraph.nlp.plover.patterns import load_patterns

    table: dict[str, list] = {}
    for pattern in load_patterns():
        for lemma in pattern.lemmas:
            table.setdefault(lemma, []).append(pattern)
    return table


def pattern_prior(event: Event, token: Token | None) -> float:
    """The confidence of the built-in pattern that most plausibly fired: one with the
    trigger's lemma that gives the event's type (directly or as its future type) and
    mode; ``DEFAULT_PATTERN_CONFIDENCE`` when none is found (a user's own pattern)."""
    if token is None:
        return DEFAULT_PATTERN_CONFIDENCE
    table = _patterns_by_lemma()
    candidates = table.get(token.lemma_.lower()) or table.get(token.lower_) or []
    fits = [p for p in candidates if event.type in (p.type, p.future_type) and (p.mode == event.mode or event.mode is None)]
    return max((p.confidence for p in fits), default=DEFAULT_PATTERN_CONFIDENCE)


def event_features(event: Event, doc: Doc, model: ConfidenceModel | None = None) -> dict[str, float]:
    """Every feature in :data:`FEATURES` for ``event`` (coded on ``doc``), as floats, and
    ``type=<its type>``: 1.0 (the other types' indicators are absent, i.e. 0)."""
    model = model or load_model()
    token = trigger_token(event, doc)
    types = _entity_types(doc)
    has_recipient = bool(event.recipient)
    needs = event.type in model.needs_recipient
    pos = token.pos_ if token is not None else ""
    dep = token.dep_ if token is not None else ""
    values = {
        "has_actor": bool(event.actor),
        "has_recipient": has_recipient,
        "actor_country": any(p.country for p in event.actor),
        "recipient_country": any(p.country for p in event.recipient),
        "actor_named": _named(event.actor, types),
        "recipient_named": _named(event.recipient, types),
        "needs_recipient": needs,
        "missing_recipient": needs and not has_recipient,
        "trigger_verb": pos in ("VERB", "AUX"),
        "trigger_noun": pos in ("NOUN", "PROPN"),
        "trigger_root": dep == "ROOT",
        "trigger_subordinate": dep in SUBORDINATE_DEPS,
        "future": event.future,
        "historical": event.historical,
        "in_quotation_marks": in_quotation_marks(doc, event.trigger_start),
        "in_title": bool(getattr(event, "in_title", False)),
        "sentence_length": _sentence_tokens(event, doc, token) / SENTENCE_SCALE,
        "pattern_prior": pattern_prior(event, token),
    }
    out = {name: float(values[name]) for name in FEATURES}
    out[TYPE_PREFIX + event.type] = 1.0
    return out


def calibrated_confidence(event: Event, doc: Doc, model: ConfidenceModel | None = None) -> float:
    """The model's probability that ``event`` is right (type on the right line), to 2 decimals."""
    model = model or load_model()
    return round(model.probability(event_features(event, doc, model)), 2)
