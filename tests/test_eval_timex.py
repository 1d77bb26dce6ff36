"""Readers (TimeML, MEANTIME CAT) and the TIMEX3 scorer, on small fixtures written for these tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from newsgraph.errors import BadInput
from newsgraph.eval.meantime import read_cat
from newsgraph.eval.timeml import read_timeml
from newsgraph.eval.timex_score import AQUAINT_SKIP, align, aquaint_docs, evaluate_seed, score_pairs

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>fixture_1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-02-14" functionInDocument="CREATION_TIME">Feb 14, 2020</TIMEX3></DCT>
<TITLE>Harbour reopens</TITLE>
<TEXT>
The harbour <EVENT eid="e1" class="OCCURRENCE">reopened</EVENT> <TIMEX3 tid="t1" type="DATE" value="2020-02-13">Thursday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3>.
</TEXT>
</TimeML>
"""

CAT = """<Document doc_name="fixture_cat">
<token t_id="1" sentence="0" number="0">Harbour</token>
<token t_id="2" sentence="0" number="1">reopens</token>
<token t_id="3" sentence="1" number="2">February</token>
<token t_id="4" sentence="1" number="3">14</token>
<token t_id="5" sentence="1" number="4">,</token>
<token t_id="6" sentence="1" number="5">2020</token>
<token t_id="7" sentence="2" number="6">The</token>
<token t_id="8" sentence="2" number="7">harbour</token>
<token t_id="9" sentence="2" number="8">reopened</token>
<token t_id="10" sentence="2" number="9">on</token>
<token t_id="11" sentence="2" number="10">Thursday</token>
<token t_id="12" sentence="2" number="11">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="8"/></ENTITY_MENTION>
<TIMEX3 m_id="2" type="DATE" value="2020-02-13" functionInDocument="NONE"><token_anchor t_id="11"/></TIMEX3>
<TIMEX3 m_id="3" type="DATE" value="2020-02-14" functionInDocument="CREATION_TIME">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<ENTITY m_id="4" ent_type="LOC" TAG_DESCRIPTOR="harbour" external_ref="http://example.org/harbour"/>
</Markables>
<Relations>
<REFERS_TO r_id="10"><source m_id="1"/><target m_id="4"/></REFERS_TO>
</Relations>
</Document>
"""


def test_read_timeml(tmp_path):
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.doc_id == "fixture_1" and doc.dct == "2020-02-14"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Thursday", "DATE", "2020-02-13"), ("three weeks", "DURATION", "P3W")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_read_timeml_bad_file_names_it(tmp_path):
    path = tmp_path / "broken.tml"
    path.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(BadInput, match="broken.tml"):
        read_timeml(path)


def test_aquaint_docs_skip_the_misdated_copy(tmp_path):
    (tmp_path / "A1.tml").write_text(TIMEML, encoding="utf-8")
    (tmp_path / next(iter(AQUAINT_SKIP))).write_text(TIMEML.replace("fixture_1", "copy"), encoding="utf-8")
    docs = aquaint_docs(tmp_path)
    assert [d.doc_id for d in docs] == ["fixture_1"]
    assert docs[0].dct == "2020-02-14"
    assert [(g.text, g.value) for g in docs[0].gold] == [("Thursday", "2020-02-13"), ("three weeks", "P3W")]


def test_read_cat(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text(CAT, encoding="utf-8")
    doc = read_cat(path)
    assert doc.text.split("\n") == ["Harbour reopens", "February 14, 2020", "The harbour reopened on Thursday."]
    assert doc.dct == "2020-02-14"
    gold = doc.gold_timexes()
    assert [(g.text, g.value) for g in gold] == [("Thursday", "2020-02-13")]
    mention = doc.markables["1"]
    assert doc.text_of(mention) == "harbour"
    assert doc.markables["4"].attrs["external_ref"] == "http://example.org/harbour"
    refers = doc.relations_of("REFERS_TO")[0]
    assert (refers.sources, refers.targets) == (["1"], ["4"])
    assert doc.creation_time_sentences() == {1}
    assert doc.annotated_end() == len(doc.text)


@dataclass
class Span:
    start: int
    end: int
    type: str
    value: str
    text: str = ""


def test_scorer_relaxed_strict_and_value():
    gold = [Span(0, 8, "DATE", "2020-02-13"), Span(15, 26, "DURATION", "P3W"), Span(40, 44, "DATE", "2019")]
    pred = [Span(0, 8, "DATE", "2020-02-13"), Span(9, 26, "DURATION", "P2W"), Span(50, 55, "DATE", "2020")]
    result = score_pairs([("d", gold, pred)])
    assert result["strict"]["tp"] == 1
    assert result["relaxed"]["tp"] == 2
    assert result["value"]["tp"] == 1
    assert result["relaxed"]["p"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["type_accuracy"] == 1.0
    kinds = sorted(e["kind"] for e in result["errors"])
    assert kinds == ["missed", "spurious", "value"]


def test_align_is_one_to_one():
    gold = [Span(0, 10, "DATE", "x")]
    pred = [Span(0, 4, "DATE", "x"), Span(5, 10, "DATE", "x")]
    assert len(align(gold, pred)) == 1


SEED = Path(__file__).resolve().parents[1].parent / "shared" / "cases" / "seed"


@pytest.mark.skipif(not (SEED / "gold.json").exists(), reason="seed case not available")
def test_seed_every_required_timex_with_its_value():
    result = evaluate_seed(SEED)
    assert result["missed"] == [] and result["wrong_value"] == []
    assert result["found_with_value"] == result["required"]
    assert result["from_non_body_lines"] == []
