"""real-dev scorer: matching rules and pooling, on a case written for the project.

The fixture (``fixtures/real_dev_case/cases/real-dev/harbour-strike``) is a
made-up four-line story with its gold; predictions are built by hand so the
rules are tested without the pipeline. Tests that run the pipeline are slow.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from newsgraph.eval import real_dev
from newsgraph.eval.real_dev import (
    GoldNames, evaluate_real_dev, name_key, phrase_agrees, score_entities, score_events, score_quotes,
    score_timexes, sector_agrees, summarise,
)
from newsgraph.eval.seed import line_of, line_spans, load_case_article, load_gold
from newsgraph.model import Entity, Event, Mention, Participant, Quote, Speaker, Timex

SHARED = Path(__file__).parent / "fixtures" / "real_dev_case"
CASE = SHARED / "cases" / "real-dev" / "harbour-strike"
ARTICLE = load_case_article(CASE)
TEXT = ARTICLE.text
LINE = line_of(ARTICLE, CASE)


def gold() -> dict:
    return load_gold(CASE)


def at(s: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(s, start + 1)
    return start, start + len(s)


def entity(eid, name, aliases=(), country=None, sector=None, etype="PERSON", mentions=None):
    texts = mentions if mentions is not None else [name, *aliases]
    ms = [Mention(*at(t), t, etype) for t in dict.fromkeys(texts)]
    return Entity(eid, name, etype, ms, country=country, sector=sector, aliases=list(dict.fromkeys([name, *aliases])))


def quote(content, speaker=None, cue="said", eid=None):
    start, end = at(content)
    sp = Speaker(speaker, eid, None, None, speaker) if speaker else None
    return Quote(start, end, content, "indirect", cue=cue, speaker=sp)


def part(role, name, text=None, country=None, eid=None):
    return Participant(role, name, eid, text or name, country=country)


def event(etype, trigger, actor=(), recipient=(), nth=0, **kw):
    start, end = at(trigger, nth)
    return Event(etype, start, end, trigger, 0, 0, actor=list(actor), recipient=list(recipient), **kw)


def timex(text, value, ttype="DATE", nth=0):
    return Timex(*at(text, nth), text, ttype, value)


def problems_sink():
    out: list[str] = []
    return out, out.append


# ------------------------------------------------------------------ case loading

def test_case_lines_follow_the_file():
    spans = line_spans(ARTICLE, CASE)
    assert sorted(spans) == [1, 2, 3, 4]
    assert LINE(at("Monday")[0]) == 2 and LINE(at("Friday")[0]) == 3 and LINE(at("Sweden offered")[0]) == 4
    assert ARTICLE.published == "2025-03-05"


# ------------------------------------------------------------------ names

def test_names_compare_normalised_and_without_honorific():
    assert name_key("Ms. Haugland") == "haugland" and name_key("Mr") == "mr"
    names = GoldNames(gold()["entities"])
    assert names.agrees("Ingrid Haugland", ["Haugland"])  # gold alias "Ms Haugland" without its honorific
    assert not names.agrees("Erik Dahl", ["Dahl"]) and not names.agrees("Ingrid Haugland", ["Ingrid"])
    assert names.agrees("Ingrid Haugland", ["Ms Haugland"]) and names.agrees("Ms Haugland", ["ingrid haugland"])
    # a gold name that is no entity: its words must run inside the predicted text
    assert names.agrees("dock workers", ["Striking dock workers"])
    assert not names.agrees("dock workers", ["workers"])
    assert phrase_agrees("pro-hunt supporters", "Pro hunt supporters") and not phrase_agrees("x", None)


# ------------------------------------------------------------------ entities

def test_entities_grouping_country_distinct_and_false_entities():
    g = gold()
    preds = [
        entity("a", "Ingrid Haugland", aliases=["Haugland"], country="NOR", sector="LAB"),
        entity("a2", "Haugland", mentions=["Haugland"]),  # fewer gold aliases: not the match
        entity("b", "Norwegian Dock Workers Union", etype="ORG", country="NOR"),
        entity("c", "Erik Dahl", country="SWE", sector="GOV"),
        entity("d", "Norway", etype="GPE", country="NOR"),
        entity("e", "Port", etype="ORG"),  # a not_entity
        # Sweden and the Swedish Foreign Ministry are missing; optional Bergen is not needed
    ]
    counts, (out, problem) = Counter(), problems_sink()
    score_entities(g, preds, counts, problem)
    assert counts["entities.gold"] == 6  # optional Bergen counts neither way
    assert counts["entities.found"] == 4 and counts["entities.grouped"] == 4  # "Ms Haugland" ~ "Haugland"
    assert (counts["entities.country_ok"], counts["entities.with_country"]) == (3, 6)
    assert (counts["entities.sector_ok"], counts["entities.with_sector"]) == (2, 4)
    assert (counts["entities.distinct_ok"], counts["entities.distinct_pairs"]) == (1, 1)
    assert counts["entities.false_entities"] == 1
    assert "Erik Dahl: country SWE != NOR" in out
    assert any(p.startswith("Sweden: missing") for p in out) and "false entity: Port" in out


def test_entities_not_grouped_and_not_kept_apart():
    g = gold()
    both = entity("x", "Ingrid Haugland", aliases=["Erik Dahl"], country="NOR")
    counts, (out, problem) = Counter(), problems_sink()
    score_entities(g, [both, entity("y", "Haugland", mentions=["Haugland"])], counts, problem)
    assert counts["entities.found"] == 2
    assert counts["entities.grouped"] == 1  # Ingrid Haugland's "Ms Haugland" is in another entity
    assert counts["entities.distinct_ok"] == 0
    assert any("aliases not grouped [Ms Haugland]" in p and "in [Haugland]" in p for p in out)
    assert "not kept apart: [Ingrid Haugland, Erik Dahl]" in out


# ------------------------------------------------------------------ quotes

def test_quotes_found_speaker_and_precision():
    g = gold()
    preds = [
        quote("We will not go back until the offer improves", "Ms Haugland"),  # alias of the gold speaker
        quote("the union had met Labour Minister", "Erik Dahl"),  # 6 of 10 gold words: found, wrong speaker
        quote("Sweden offered to mediate", "Swedish Foreign Ministry", cue="according to"),  # optional: neither way
        quote("their union's demand for higher wages", "Norwegian government", cue="rejected"),  # false
    ]
    counts, (out, problem) = Counter(), problems_sink()
    score_quotes(g, preds, LINE, counts, problem)
    assert (counts["quotes.found"], counts["quotes.gold"]) == (2, 2)
    assert counts["quotes.speaker_ok"] == 1
    assert (counts["quotes.pred_correct"], counts["quotes.pred_counted"]) == (2, 3)
    assert any("speaker 'Erik Dahl' != 'Ingrid Haugland'" in p for p in out)
    assert any(p.startswith("line 2: false quote") for p in out)


def test_quote_content_needs_most_words_on_the_same_line():
    g = gold()
    counts, (out, problem) = Counter(), problems_sink()
    score_quotes(g, [quote("the union had met", "Ingrid Haugland")], LINE, counts, problem)  # 4/10 words
    assert counts["quotes.found"] == 0 and counts["quotes.pred_counted"] == 1
    g["quotes"][1]["line"] = 2
    counts = Counter()
    score_quotes(g, [quote("the union had met Labour Minister Erik Dahl", "Ingrid Haugland")], LINE, counts,
                 lambda _: None)
    assert counts["quotes.found"] == 0  # right words, wrong line


# ------------------------------------------------------------------ events

def test_event_levels_type_countries_names():
    g = gold()
    ents = [entity("u", "Norwegian Dock Workers Union", etype="ORG", country="NOR"),
            entity("d", "Erik Dahl", aliases=["Dahl"], country="NOR")]
    preds = [
        # PROTEST: all three levels (a non-entity gold name matched inside the participant text)
        event("PROTEST", "strike", [part("actor", "workers", "Dock workers in Bergen", "NOR")],
              [part("recipient", "Norway", "the Norwegian government", "NOR")]),
        # REJECT (gold lists REJECT or ACCUSE): type only, the recipient country is missing
        event("REJECT", "rejected", [part("actor", "Norway", "the Norwegian government", "NOR")]),
        # CONSULT: countries right, recipient named by an alias of its entity, actor wrong
        event("CONSULT", "met", [part("actor", "Ingrid Haugland", "Ms Haugland", "NOR")],
              [part("recipient", "Dahl", "Erik Dahl", "NOR", eid="d")]),
        # optional REJECT on the title: neither way
        event("REJECT", "rejects", [part("actor", "Norway", "Norway", "NOR")]),
        # a false event, and a negated one that is left out
        event("AID", "offer", [part("actor", "Norway", "Norway", "NOR")]),
        event("ASSAULT", "walk out", negated=True),
    ]
    counts, (out, problem) = Counter(), problems_sink()
    score_events(g, preds, ents, LINE, counts, problem)
    assert counts["events.gold"] == 3 and counts["events.modal_left_out"] == 1
    assert counts["events.type.found"] == 3
    assert counts["events.countries.found"] == 2
    assert counts["events.names.found"] == 1
    assert (counts["events.type.pred_correct"], counts["events.type.pred_counted"]) == (3, 4)
    assert (counts["events.countries.pred_correct"], counts["events.countries.pred_counted"]) == (2, 4)
    assert (counts["events.names.pred_correct"], counts["events.names.pred_counted"]) == (1, 4)
    assert any("ACCUSE/REJECT 'rejected': countries wrong" in p for p in out)
    assert any("CONSULT 'met': names wrong" in p for p in out)
    assert any("false event AID 'offer'" in p for p in out)


def test_events_on_not_event_lines_are_false_and_never_found():
    g = gold()
    g["not_event_lines"] = [2]
    pred = event("PROTEST", "strike", [part("actor", "workers", "Dock workers", "NOR")],
                 [part("recipient", "Norway", "the Norwegian government", "NOR")])
    counts, (out, problem) = Counter(), problems_sink()
    score_events(g, [pred], [], LINE, counts, problem)
    assert counts["events.type.found"] == 0
    assert (counts["events.type.pred_correct"], counts["events.type.pred_counted"]) == (0, 1)
    assert any("not_event line" in p for p in out)


# ------------------------------------------------------------------ time expressions

def test_timexes_overlap_value_and_precision():
    g = gold()
    g["timexes"].append({"line": 4, "text": "statement", "type": "DATE", "value": "X", "optional": True})
    preds = [
        timex("two-day strike", "P2D", "DURATION"),  # overlaps the gold text: found, right value
        timex("Monday", "2025-03-10"),  # found, wrong value
        timex("higher", "FUTURE_REF"),  # extra
        timex("statement", "X"),  # matches an optional gold: neither way
        # Friday is missed
    ]
    counts, (out, problem) = Counter(), problems_sink()
    score_timexes(g, preds, LINE, line_spans(ARTICLE, CASE), TEXT, counts, problem)
    assert (counts["timex.found"], counts["timex.value_ok"], counts["timex.gold"]) == (2, 1, 3)
    assert (counts["timex.pred_correct"], counts["timex.pred_counted"]) == (2, 3)
    assert "line 2: 'Monday' value 2025-03-10 != 2025-03-03 (predicted 'Monday')" in out
    assert any(p.startswith("line 3: missed timex 'Friday'") for p in out)


def test_timexes_match_one_to_one():
    g = gold()
    g["timexes"] = [{"line": 2, "text": "Monday", "type": "DATE", "value": "2025-03-03"},
                    {"line": 2, "text": "Monday", "type": "DATE", "value": "2025-03-03"}]
    counts = Counter()
    score_timexes(g, [timex("Monday", "2025-03-03")], LINE, line_spans(ARTICLE, CASE), TEXT, counts, lambda _: None)
    assert counts["timex.found"] == 1 and counts["timex.gold"] == 2


# ------------------------------------------------------------------ pooling

class FakeNlp:
    """Stands in for the pipeline: hands out prepared records, one analysis per call, and counts calls."""

    def __init__(self, records: list[dict]):
        import spacy

        self.blank = spacy.blank("en")
        self.records = list(records)
        self.calls = 0

    def make_doc(self, text):
        return self.blank.make_doc(text)

    def __call__(self, doc):
        self.calls += 1
        rec = self.records.pop(0)
        doc._.ng_entities = rec.get("entities", [])
        doc._.ng_quotes = rec.get("quotes", [])
        doc._.ng_events = rec.get("events", [])
        doc._.ng_timexes = rec.get("timexes", [])
        return doc


def test_figures_are_pooled_over_cases_not_averaged(tmp_path):
    for name in ("a-case", "b-case"):
        shutil.copytree(CASE, tmp_path / name)
    small = json.loads((tmp_path / "b-case" / "gold.json").read_text())
    small["timexes"] = small["timexes"][1:2]  # Monday only
    (tmp_path / "b-case" / "gold.json").write_text(json.dumps(small))
    all_three = [timex("two-day", "P2D", "DURATION"), timex("Monday", "2025-03-03"), timex("Friday", "2025-02-28")]
    nlp = FakeNlp([{"timexes": all_three}, {"timexes": []}])
    result = evaluate_real_dev(tmp_path, nlp=nlp)
    assert nlp.calls == 2  # one analysis per article, shared by every component
    assert result["cases"] == 2
    assert result["counts"]["timex.found"] == "3/4"
    assert result["timex.found"] == 0.75  # pooled; the mean of per-case figures would be 0.5
    assert result["per_case"]["b-case"]["timex.found"] == "0/1"
    assert result["entities.found"] == 0.0 and result["quotes.precision"] is None
    assert result["problems"]["timex"] == ["b-case: line 2: missed timex 'Monday' (DATE 2025-03-03)"]
    assert all(p.startswith(("a-case: ", "b-case: ")) for ps in result["problems"].values() for p in ps)
    one = evaluate_real_dev(tmp_path, nlp=FakeNlp([{"timexes": all_three}]), case="a-case")
    assert one["cases"] == 1 and one["timex.found"] == 1.0


def test_summarise_and_missing_cases(tmp_path):
    out = summarise(Counter({"quotes.found": 3, "quotes.gold": 4}))
    assert out["quotes.found"] == 0.75 and out["quotes.speaker"] == 0.0
    assert out["timex.found"] is None and out["entities.false_entities"] == 0
    from newsgraph.errors import NewsgraphError

    with pytest.raises(NewsgraphError):
        real_dev.case_dirs(tmp_path)
    with pytest.raises(NewsgraphError):
        real_dev.case_dirs(CASE.parent, case="no-such-case")


# ------------------------------------------------------------------ gate and command line

def test_gate_skips_real_dev_without_its_data(tmp_path):
    from newsgraph.eval.gate import GROUPS, SCORERS, run_gate

    assert SCORERS["real-dev"].optional and GROUPS["real-dev"] == ["real-dev"]
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"real-dev": {"quotes.found": 0.5}}))
    log: list[str] = []
    assert run_gate(tmp_path, floors, log=log.append) is True
    assert log and log[0].startswith("skip scorer real-dev")


def test_floors_cover_the_real_dev_figures():
    floors = json.loads((Path(__file__).resolve().parents[1] / "eval" / "floors.json").read_text())
    pinned = floors["real-dev"]
    assert {"entities.grouped", "entities.country", "quotes.found", "quotes.speaker", "quotes.precision",
            "events.type.recall", "events.countries.recall", "events.names.recall", "timex.found",
            "timex.value"} <= set(pinned)
    assert set(pinned) - {"entities.false_entities"} <= set(real_dev.RATIOS)


def test_cli_names_missing_cases(runner, tmp_path):
    from newsgraph.cli.main import cli

    result = runner.invoke(cli, ["eval", "real-dev", "--shared", str(tmp_path)])
    assert result.exit_code == 1 and "no real-dev cases" in result.output


@pytest.mark.slow
def test_pipeline_run_on_the_fixture(runner):
    from newsgraph.cli.main import cli

    result = runner.invoke(cli, ["eval", "real-dev", "--shared", str(SHARED), "--problems"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["real-dev"]
    assert figures["cases"] == 1
    assert figures["counts"]["entities.found"].endswith("/6")
    assert figures["counts"]["quotes.found"].endswith("/2") and figures["counts"]["timex.found"].endswith("/3")
    for name in real_dev.RATIOS:
        assert figures[name] is None or 0.0 <= figures[name] <= 1.0
    assert set(figures["problems"]) == {"entities", "quotes", "events", "timex"}
    # the story is plain: the pipeline finds its people and dates
    assert figures["entities.found"] >= 0.5 and figures["timex.found"] >= 0.66
    quiet = json.loads(runner.invoke(cli, ["eval", "real-dev", "--shared", str(SHARED),
                                           "--case", "harbour-strike"]).output)["real-dev"]
    assert "problems" not in quiet and quiet["cases"] == 1


@pytest.mark.parametrize("gold_sector, predicted, agrees", [
    ("MED", "JRN", True),    # the guidelines' MED is CAMEO's media, PLOVER's JRN
    ("GOV", "GOV", True),
    ("JRN", "MED", False),   # PLOVER's MED is health
    ("GOV", "OPP", False),
    ("MED", None, False),
])
def test_media_sector_of_the_guidelines_is_plovers_jrn(gold_sector, predicted, agrees):
    assert sector_agrees(gold_sector, predicted) is agrees
