"""The bundled gazetteer and users' actors files."""

from __future__ import annotations

import csv
import re

import pytest

import newsgraph.nlp.entities  # noqa: F401
from newsgraph.errors import NewsgraphError
from newsgraph.model import Article, Paragraph
from newsgraph.nlp.actors.gazetteer import DATA_DIR, SECTORS, load_actors_file, load_gazetteer
from newsgraph.nlp.pipeline import build_nlp, make_doc


def test_every_country_row_is_well_formed():
    rows = list(csv.DictReader((DATA_DIR / "countries.csv").read_text(encoding="utf-8").splitlines()))
    assert len({r["iso3"] for r in rows}) >= 195
    for r in rows:
        assert re.fullmatch(r"[A-Z]{3}", r["iso3"]), r
        assert not r["wikidata"] or re.fullmatch(r"Q[1-9]\d*", r["wikidata"]), r


def test_lookups_cover_names_demonyms_capitals_and_bodies():
    gaz = load_gazetteer()
    assert gaz.lookup("the U.S.")[0].country == "USA"
    assert gaz.lookup("Türkiye")[0].country == "TUR"
    assert gaz.demonyms["north korean"] == "PRK"
    assert gaz.lookup("Pyongyang")[0].capital_of == "PRK"
    assert (gaz.lookup("TASS")[0].country, gaz.lookup("TASS")[0].sector) == ("RUS", "JRN")
    assert gaz.lookup("NATO")[0].kb_id == "Q7184"
    assert all(e.sector in SECTORS for e in gaz.entries if e.sector)


def test_office_holder_follows_tenure():
    gaz = load_gazetteer()
    assert gaz.holder("RUS", ["defense_minister"], "2024-01-10")[0].name == "Sergei Shoigu"
    assert gaz.holder("RUS", ["defense_minister"], "2024-06-19")[0].name == "Andrey Belousov"
    assert gaz.holder("USA", ["head_of_state"], "2022-03-01")[0].name == "Joe Biden"
    entry, dated = gaz.holder("GBR", ["leader"], None)
    assert entry is not None and dated is False
    assert gaz.holder("PRK", ["leader"], "2005-01-01")[0].name == "Kim Jong Il"


def test_user_yaml_entries_win_and_are_used(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- name: Ilse Brandvold\n  aliases: [I. Brandvold]\n  country: NOR\n  sector: BUS\n"
        "- name: Vladimir Putin\n  country: RUS\n  sector: MIL\n", encoding="utf-8")
    gaz = load_gazetteer(path)
    assert gaz.lookup("I. Brandvold")[0].sector == "BUS"
    assert gaz.lookup("Vladimir Putin")[0].sector == "MIL"
    assert load_gazetteer().lookup("Vladimir Putin")[0].sector == "GOV"
    nlp = build_nlp(components=["newsgraph_entities"], config={"newsgraph_entities": {"actors_file": str(path)}})
    text = "Ilse Brandvold bought the shipyard."
    doc = nlp(make_doc(nlp, Article(text=text, paragraphs=[Paragraph(0, 0, len(text))])))
    ent = doc._.ng_entities[0]
    assert (ent.country, ent.sector) == ("NOR", "BUS")


def test_user_csv_with_office_and_tenure(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,type,country,sector,office,start,end\n"
                    "Ana Ferreira,PERSON,PRT,GOV,head_of_government,2031-01-01,\n", encoding="utf-8")
    gaz = load_gazetteer(path)
    assert gaz.holder("PRT", ["head_of_government"], "2032-05-05")[0].name == "Ana Ferreira"


@pytest.mark.parametrize("content,suffix,line", [
    ("- name: Good Person\n  country: FRA\n- name: Bad Person\n  country: France\n", ".yaml", 3),
    ("- name: Good Person\n- country: FRA\n", ".yaml", 2),
    ("- name: X\n  sector: BOSS\n", ".yaml", 1),
    ("- name: X\n  positions: [{office: head_of_state, start: 12 May 2020}]\n", ".yaml", 1),
    ("- name: [unclosed\n", ".yaml", 2),  # where the parser noticed
    ("name,country\nAlpha,FRA\nBeta,FRA,extra\n", ".csv", 3),
    ("name,kb_id\nAlpha,Q12x\n", ".csv", 2),
])
def test_malformed_actors_file_names_file_and_line(tmp_path, content, suffix, line):
    path = tmp_path / f"actors{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NewsgraphError) as info:
        load_actors_file(path)
    assert f"{path}:{line}" in str(info.value)


def test_malformed_file_loads_nothing(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("- name: Zora Quillfeather\n  country: FRA\n- name: Bad\n  type: ROBOT\n", encoding="utf-8")
    with pytest.raises(NewsgraphError):
        load_gazetteer(path)
    assert not load_gazetteer().lookup("Zora Quillfeather")


def test_missing_actors_file_is_a_clear_error(tmp_path):
    with pytest.raises(NewsgraphError, match="cannot read actors file"):
        load_gazetteer(tmp_path / "nope.yaml")
