"""Calibrated event confidence: the shipped model, the features, the probability, bad files."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.errors import NewsgraphError
from newsgraph.model import Entity, Event, Paragraph, Participant
from newsgraph.nlp.plover.confidence import (
    CONFIDENCE_FILE, FEATURES, TYPE_PREFIX, ConfidenceModel, calibrated_confidence, event_features,
    known_feature, load_model, parse_model)
from newsgraph.nlp.plover.patterns import ontology

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("calibrate_events", ROOT / "tools" / "calibrate_events.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("calibrate_events", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ the shipped JSON

def test_shipped_model_loads_and_validates():
    raw = json.loads(CONFIDENCE_FILE.read_text("utf-8"))
    model = load_model()
    assert len(model.features) == len(model.coefficients)  # none: the base rate alone
    assert all(known_feature(f) for f in model.features)
    assert all(math.isfinite(w) for w in model.coefficients) and math.isfinite(model.intercept)
    assert model.needs_recipient and model.needs_recipient <= set(ontology().types)
    fit = raw["fit"]
    assert fit["date"] and "calibrate_events.py" in fit["command"]
    assert fit["events"] == fit["right"] + fit["wrong"] > 0
    assert set(raw["coefficients"]) == set(raw["features"])


def test_a_model_without_features_is_the_base_rate():
    model = parse_model({"features": [], "coefficients": {}, "intercept": 1.0, "needs_recipient": []}, "test")
    assert model.probability({"has_actor": 1.0}) == pytest.approx(1 / (1 + math.exp(-1.0)))


def test_type_features_are_plover_types_only():
    assert known_feature("type=ACCUSE") and known_feature("has_actor")
    assert not known_feature("type=NOT_A_TYPE") and not known_feature("colour")


# ------------------------------------------------------------------ features of a hand-made Doc

def _doc(words, pos, deps, heads, lemmas, spaces=None):
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words, spaces=spaces, pos=pos, deps=deps, heads=heads, lemmas=lemmas)
    doc._.ng_paragraphs = [Paragraph(0, 0, len(doc.text), "body")]
    return doc


MODEL = ConfidenceModel(("has_actor",), (0.0,), 0.0, frozenset({"ACCUSE", "CONSULT"}))


def test_features_of_a_hand_made_event():
    # "Smith criticised the government on Monday."
    doc = _doc(["Smith", "criticised", "the", "government", "on", "Monday", "."],
               ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
               [1, 1, 3, 1, 1, 4, 1],
               ["Smith", "criticise", "the", "government", "on", "Monday", "."],
               spaces=[True, True, True, True, True, False, False])
    doc._.ng_entities = [Entity(id="e1", name="Smith", type="PERSON", country="GBR")]
    start = doc.text.index("criticised")
    event = Event(type="ACCUSE", trigger_start=start, trigger_end=start + len("criticised"),
                  trigger_text="criticised", sentence_start=0, sentence_end=len(doc.text),
                  actor=[Participant("actor", "Smith", "e1", "Smith", "GBR", None, 0, 5)])
    f = event_features(event, doc, MODEL)
    assert set(FEATURES) <= set(f)
    expected = {
        "has_actor": 1, "has_recipient": 0, "actor_country": 1, "recipient_country": 0,
        "actor_named": 1, "recipient_named": 0, "needs_recipient": 1, "missing_recipient": 1,
        "trigger_verb": 1, "trigger_noun": 0, "trigger_root": 1, "trigger_subordinate": 0,
        "future": 0, "historical": 0, "in_quotation_marks": 0, "in_title": 0,
    }
    assert {k: f[k] for k in expected} == expected
    assert f["sentence_length"] == pytest.approx(7 / 25)
    assert f["pattern_prior"] == pytest.approx(0.7)  # every built-in pattern has the default
    assert f[TYPE_PREFIX + "ACCUSE"] == 1.0
    assert not any(k.startswith(TYPE_PREFIX) and k != "type=ACCUSE" for k in f)


def test_features_of_a_quoted_subordinate_noun_trigger_with_a_named_recipient():
    # '"They will hold talks with the EU," he said.'
    words = ['"', "They", "will", "hold", "talks", "with", "the", "EU", ",", '"', "he", "said", "."]
    doc = _doc(words,
               ["PUNCT", "PRON", "AUX", "VERB", "NOUN", "ADP", "DET", "PROPN", "PUNCT", "PUNCT", "PRON", "VERB",
                "PUNCT"],
               ["punct", "nsubj", "aux", "ccomp", "dobj", "prep", "det", "pobj", "punct", "punct", "nsubj", "ROOT",
                "punct"],
               [11, 3, 3, 11, 3, 4, 7, 5, 11, 11, 11, 11, 11],
               ['"', "they", "will", "hold", "talk", "with", "the", "EU", ",", '"', "he", "say", "."],
               spaces=[False, True, True, True, True, True, True, False, False, True, True, False, False])
    doc._.ng_entities = [Entity(id="eu", name="EU", type="ORG", country=None)]
    hold = doc.text.index("hold")
    eu = doc.text.index("EU")
    event = Event(type="CONSULT", trigger_start=hold, trigger_end=hold + 4, trigger_text="hold",
                  sentence_start=0, sentence_end=len(doc.text), future=True,
                  recipient=[Participant("recipient", "EU", "eu", "the EU", None, None, eu, eu + 2)])
    f = event_features(event, doc, MODEL)
    assert f["in_quotation_marks"] == 1.0
    assert f["trigger_subordinate"] == 1.0 and f["trigger_root"] == 0.0 and f["trigger_verb"] == 1.0
    assert f["has_actor"] == 0.0 and f["has_recipient"] == 1.0 and f["recipient_named"] == 1.0
    assert f["recipient_country"] == 0.0 and f["missing_recipient"] == 0.0 and f["needs_recipient"] == 1.0
    assert f["future"] == 1.0
    noun = doc.text.index("talks")
    f = event_features(Event(type="CONSULT", trigger_start=noun, trigger_end=noun + 5, trigger_text="talks",
                             sentence_start=0, sentence_end=len(doc.text)), doc, MODEL)
    assert f["trigger_noun"] == 1.0 and f["trigger_verb"] == 0.0 and f["missing_recipient"] == 1.0


def test_after_the_closing_mark_is_not_quoted():
    doc = _doc(['"', "Go", '"', ",", "he", "urged", "."],
               ["PUNCT", "VERB", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT"],
               ["punct", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"],
               [5, 5, 5, 5, 5, 5, 5], ['"', "go", '"', ",", "he", "urge", "."],
               spaces=[False, False, False, True, True, False, False])
    start = doc.text.index("urged")
    event = Event(type="REQUEST", trigger_start=start, trigger_end=start + 5, trigger_text="urged",
                  sentence_start=0, sentence_end=len(doc.text))
    assert event_features(event, doc, MODEL)["in_quotation_marks"] == 0.0


# ------------------------------------------------------------------ the probability

def test_probability_is_monotone_in_a_positively_weighted_feature():
    model = parse_model({"features": ["has_actor", "type=ACCUSE", "sentence_length"],
                         "coefficients": {"has_actor": 0.8, "type=ACCUSE": -0.5, "sentence_length": 1.5},
                         "intercept": -0.2, "needs_recipient": ["ACCUSE"]}, "test")
    base = {"has_actor": 0.0, "type=ACCUSE": 1.0, "sentence_length": 0.4}
    assert model.probability({**base, "has_actor": 1.0}) > model.probability(base)
    lengths = [model.probability({**base, "sentence_length": x}) for x in (0.0, 0.5, 1.0, 2.0)]
    assert lengths == sorted(lengths) and len(set(lengths)) == 4
    assert model.probability({**base, "type=ACCUSE": 0.0}) > model.probability(base)  # negative weight
    assert model.probability({}) == pytest.approx(1 / (1 + math.exp(0.2)))


def test_shipped_model_is_monotone_in_each_positive_coefficient():
    model = load_model()
    for name, weight in zip(model.features, model.coefficients):
        lo, hi = model.probability({name: 0.0}), model.probability({name: 1.0})
        if weight > 0:
            assert hi > lo, name
        elif weight < 0:
            assert hi < lo, name


def test_calibrated_confidence_is_a_rounded_probability():
    doc = _doc(["Smith", "criticised", "Jones", "."], ["PROPN", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], ["Smith", "criticise", "Jones", "."],
               spaces=[True, True, False, False])
    doc._.ng_entities = []
    event = Event(type="ACCUSE", trigger_start=6, trigger_end=16, trigger_text="criticised",
                  sentence_start=0, sentence_end=len(doc.text))
    value = calibrated_confidence(event, doc)
    assert 0.0 < value < 1.0 and value == round(value, 2)
    model = load_model()
    assert value == round(model.probability(event_features(event, doc, model)), 2)


# ------------------------------------------------------------------ bad files

def test_missing_model_file_names_the_file(tmp_path):
    path = tmp_path / "nowhere.json"
    with pytest.raises(NewsgraphError, match="nowhere.json"):
        load_model(path)


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not valid JSON"),
    ('{"features": ["has_actor"], "coefficients": {"has_actor": NaN}, "intercept": 0, "needs_recipient": []}',
     "finite"),
    ('{"features": ["has_actor"], "coefficients": {"has_actor": "1"}, "intercept": 0, "needs_recipient": []}',
     "finite"),
    ('{"features": ["shoe_size"], "coefficients": {"shoe_size": 1}, "intercept": 0, "needs_recipient": []}',
     "unknown features"),
    ('{"features": ["has_actor", "future"], "coefficients": {"has_actor": 1}, "intercept": 0, '
     '"needs_recipient": []}', "missing"),
    ('{"features": ["has_actor"], "coefficients": {"has_actor": 1}, "needs_recipient": []}', "intercept"),
    ('{"features": ["has_actor"], "coefficients": {"has_actor": 1}, "intercept": 0}', "needs_recipient"),
    ('{"features": "has_actor", "coefficients": {}, "intercept": 0, "needs_recipient": []}', "features"),
    ("[1, 2]", "JSON object"),
])
def test_corrupt_model_file_gives_a_clear_error(tmp_path, content, problem):
    path = tmp_path / "confidence.json"
    path.write_text(content, "utf-8")
    with pytest.raises(NewsgraphError) as info:
        load_model(path)
    assert str(path) in str(info.value) and problem in str(info.value)


# ------------------------------------------------------------------ the tool's measures

def test_terciles_share_tied_scores_out_in_proportion():
    tool = _tool()
    # Six events, all tied: every third gets the overall rate, whatever the order.
    thirds = tool.ranked_groups([0.7] * 6, [True, True, True, False, False, False], 3)
    assert [round(r / n, 3) for n, r in thirds] == [0.5, 0.5, 0.5]
    # Distinct scores: plain ranking.
    thirds = tool.ranked_groups([0.9, 0.8, 0.6, 0.5, 0.2, 0.1], [True, True, True, False, False, False], 3)
    assert [(n, r) for n, r in thirds] == [(2, 2), (2, 1), (2, 0)]
    assert tool.auc([0.9, 0.1], [True, False]) == 1.0 and tool.auc([0.5, 0.5], [True, False]) == 0.5


def test_reliability_bins_count_every_event():
    tool = _tool()
    rows = tool.reliability([0.05, 0.15, 0.15, 1.0], [False, True, False, True])
    assert [(r["bin"], r["n"], r["right"]) for r in rows] == [("0.0-0.1", 1, 0), ("0.1-0.2", 2, 1), ("0.9-1.0", 1, 1)]


# ------------------------------------------------------------------ on the pipeline's own events

@pytest.mark.slow
def test_recomputed_confidences_on_pipeline_events(nlp):
    from newsgraph.eval.plover import run, single_text_article

    doc = run(nlp, single_text_article(
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday. "
        "Russia accused Ukraine of shelling the Zaporizhzhia plant.", published="2024-03-14"))
    assert doc._.ng_events
    for event in doc._.ng_events:
        value = calibrated_confidence(event, doc)
        assert 0.0 <= value <= 1.0 and value == round(value, 2)
