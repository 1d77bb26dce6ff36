"""Actor resolution: how entities get a country (and where it came from), titles,
headlines, name clean-up, grouping, pronoun agreement in events, and how the
store keeps a fact over a context default. Texts are short and written for
these tests; dates matter (titles and KB roles are resolved on them)."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest

from newsgraph.model import Article, Entity, Event, Mention, Paragraph, Participant, Records
from newsgraph.nlp.actors import coding_groups
from newsgraph.nlp.actors.coding_groups import KB_HORIZON, _kb_actor, _org_country
from newsgraph.nlp.actors.gazetteer import load_gazetteer
from newsgraph.nlp.actors.grouping import Group
from newsgraph.nlp.actors.kb import KBActor, KBRole, load_kb
from newsgraph.nlp.actors.places import place_country
from newsgraph.nlp.events import _repeats
from newsgraph.store.db import connect
from newsgraph.store.migrations import MIGRATIONS, migrate
from newsgraph.store.writer import write_batch

BLAIR_ERA = "2005-02-01"

#: A British domestic story whose people nothing but the setting codes.
BRITISH_HUNT = [
    "Families in Gateshead and London said on Saturday that they would fight the ban on hunting with dogs.",
    "Richard Dodd, regional director of the Countryside Alliance, said the law was unfair.",
    "Mr Dodd said riders from Gateshead would ride out as usual. Northumbria Police said officers would "
    "watch the meet.",
]
#: A British story that names places, but neither the prime minister nor the chancellor.
BRITISH_BUDGET = [
    "Ministers met council leaders in Manchester and Leeds on Monday to discuss school funding.",
    "Speaking later in London, the prime minister said the plan would go ahead. In Birmingham, "
    "the chancellor said the money was in place.",
    "But the Tory leader said the plan came too late for schools in Liverpool.",
]


# ------------------------------------------------------------------ helpers

@pytest.fixture(scope="module")
def nlp():
    from newsgraph.nlp.pipeline import build_nlp

    return build_nlp(components=["newsgraph_entities", "newsgraph_timex", "newsgraph_events"])


def article(paras, published=BLAIR_ERA) -> Article:
    """An Article from paragraphs given as text (body) or (text, role), one a line."""
    text, out, pos = "", [], 0
    for i, p in enumerate(paras):
        body, role = p if isinstance(p, tuple) else (p, "body")
        out.append(Paragraph(i, pos, pos + len(body), role))
        text += body + "\n"
        pos += len(body) + 1
    return Article(text=text.rstrip("\n"), paragraphs=out, published=published)


def run(nlp, paras, published=BLAIR_ERA):
    from newsgraph.nlp.pipeline import make_doc

    return nlp(make_doc(nlp, article(paras, published)))


def by_name(doc, name) -> Entity:
    hits = [e for e in doc._.ng_entities if e.name == name]
    assert hits, f"{name!r} not among {[e.name for e in doc._.ng_entities]}"
    return hits[0]


def names(doc) -> list[str]:
    return [e.name for e in doc._.ng_entities]


def token(doc, text, nth=0):
    return [t for t in doc if t.text == text][nth]


def resolved(doc, text, nth=0):
    """Who resolve_person says the token ``text`` refers to (its name), or None."""
    from newsgraph.nlp.entities import resolve_person

    hit = resolve_person(doc, token(doc, text, nth))
    return hit.name if isinstance(hit, Entity) else hit


def pronoun(doc, text, nth=0) -> Participant | None:
    """The event coder's participant for a pronoun, with the sentences before it seen."""
    from newsgraph.nlp.plover.actors import ActorCoder

    tok = token(doc, text, nth)
    coder = ActorCoder(doc)
    for sent in doc.sents:
        if sent.start > tok.i:
            break
        coder.observe_sentence(sent)
    return coder._code_one(tok)


def person(entity_id, country, source, text="Nadia Ferro") -> Entity:
    return Entity(id=entity_id, name=text, type="PERSON", mentions=[Mention(0, len(text), text, "PERSON")],
                  country=country, country_source=source)


def records(text, *entities) -> Records:
    return Records(Article(text=text, paragraphs=[Paragraph(0, 0, len(text), "body")], published="2020-01-01"),
                   list(entities))


def stored_country(db, entity_id):
    row = db.execute("SELECT country, country_source FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return tuple(row)


class FakeKB:
    def __init__(self, *actors):
        self.actors = actors

    def lookup(self, name):
        return [a for a in self.actors if a.name == name]


# ------------------------------------------------------------------ 1-2: knowledge base

@pytest.mark.slow
def test_gazetteer_and_kb_people_get_their_country_without_a_country_word(nlp):
    """Tony Blair (gazetteer) and Peter Hain (actor KB only) are British in a 2005 story naming no country."""
    assert load_kb().lookup("Peter Hain") and not load_gazetteer().lookup("Peter Hain")
    doc = run(nlp, ["Tony Blair met union leaders on Monday morning. Peter Hain said the talks had gone well."])
    blair, hain = by_name(doc, "Tony Blair"), by_name(doc, "Peter Hain")
    assert blair.country == "GBR" and blair.country_source in ("gazetteer", "kb")
    assert (hain.country, hain.country_source) == ("GBR", "kb")


@pytest.mark.slow
def test_foreign_kb_namesake_is_not_taken_in_a_later_story(nlp):
    """The KB's only John Delaney is a Bahamian official (open role from 2010): not the 2019 US candidate."""
    [kb_delaney] = load_kb().lookup("John Delaney")
    assert kb_delaney.country == "BHS" and kb_delaney.roles[0].end is None
    doc = run(nlp, ["John Delaney told voters in Iowa that he would fix health care. Delaney spoke at a diner.",
                    "Other Democrats in the race campaigned in New Hampshire."], published="2019-03-02")
    delaney = by_name(doc, "John Delaney")
    assert delaney.country != "BHS" and delaney.country_source != "kb"


def test_kb_actor_needs_the_country_named_or_a_role_on_the_date(monkeypatch):
    """_kb_actor: an open-ended role counts only up to the KB horizon; a named country always counts."""
    role = KBRole("BHS", "GOV", "2010-08-01", None, "BHSGOV")
    actor = KBActor("Tomas Ferrant", "PERSON", "BHS", "GOV", (role,), (), "Countries")
    monkeypatch.setattr(coding_groups, "load_kb", lambda: FakeKB(actor))
    g = Group("per:tomas ferrant")
    assert KB_HORIZON < "2019-03-02"
    assert _kb_actor("Tomas Ferrant", "PERSON", g, {"USA"}, "2019-03-02") is None
    assert _kb_actor("Tomas Ferrant", "PERSON", g, {"USA"}, "2012-05-01") is actor
    assert _kb_actor("Tomas Ferrant", "PERSON", g, {"BHS"}, "2019-03-02") is actor
    assert _kb_actor("Ferrant", "PERSON", g, {"BHS"}, "2019-03-02") is None  # never a bare surname


# ------------------------------------------------------------------ 3: places

@pytest.mark.slow
def test_places_and_local_institutions_are_coded_by_place(nlp):
    """Gateshead is GBR (place), Northumbria Police is GBR; Morgan Stanley is not British because of Stanley."""
    doc = run(nlp, ["Families in Gateshead and London said they would protest.",
                    "Northumbria Police said officers would be there. Analysts at Morgan Stanley said little."])
    gateshead = by_name(doc, "Gateshead")
    assert (gateshead.type, gateshead.country, gateshead.country_source) == ("GPE", "GBR", "place")
    police = by_name(doc, "Northumbria Police")
    assert police.country == "GBR" and police.country_source in ("place", "context")
    assert place_country("Stanley") == "GBR"  # the trap is real ...
    assert _org_country(load_gazetteer(), "Morgan Stanley") == (None, None)  # ... and avoided
    assert by_name(doc, "Morgan Stanley").country_source != "place"


# ------------------------------------------------------------------ 4: home country

@pytest.mark.slow
def test_british_domestic_story_codes_unknown_people_by_context(nlp):
    """Mr Dodd of a Gateshead hunting story is British by context, and the home country is GBR."""
    doc = run(nlp, BRITISH_HUNT)
    assert doc._.ng_home_country == "GBR"
    dodd = by_name(doc, "Richard Dodd")
    assert (dodd.country, dodd.country_source) == ("GBR", "context")
    assert by_name(doc, "Gateshead").country_source == "place"  # a place codes itself, never by context


@pytest.mark.slow
def test_story_without_a_dominant_country_leaves_unknown_people_uncoded(nlp):
    """Three countries named twice each: no home, and the adviser stays uncoded."""
    doc = run(nlp, ["Delegates from Brazil, Argentina and Chile met on Monday. Marta Quiroga, an adviser to "
                    "the talks, said progress was slow.",
                    "Brazil, Argentina and Chile will meet again in June."], published="2019-05-07")
    assert doc._.ng_home_country is None
    quiroga = by_name(doc, "Marta Quiroga")
    assert quiroga.country is None and quiroga.country_source is None


@pytest.mark.slow
def test_two_countries_named_equally_give_no_home(nlp):
    """Brazil and Argentina named twice each: no home country, the adviser stays uncoded."""
    doc = run(nlp, ["Delegates from Brazil and Argentina met on Monday. Marta Quiroga, an adviser to the "
                    "talks, said progress was slow.",
                    "Brazil and Argentina will meet again in June."], published="2019-05-07")
    assert doc._.ng_home_country is None
    assert by_name(doc, "Marta Quiroga").country is None


# ------------------------------------------------------------------ 5: titles

@pytest.mark.slow
def test_definite_titles_resolve_to_office_holders_of_the_home_country(nlp):
    """In a British 2005 story "the prime minister" is Blair, "the chancellor" Brown, "the Tory leader" neither."""
    doc = run(nlp, BRITISH_BUDGET)
    assert doc._.ng_home_country == "GBR"
    assert resolved(doc, "minister") == "Tony Blair"
    assert resolved(doc, "chancellor") == "Gordon Brown"
    assert resolved(doc, "leader") not in ("Tony Blair", "Gordon Brown")


def test_the_lord_chancellor_and_the_attorney_general_are_their_holders_on_the_date(nlp):
    doc = run(nlp, ["Judges in Leeds and London met on Monday. The lord chancellor said the plan would go ahead."])
    assert resolved(doc, "chancellor") == "Charles Falconer"
    us = run(nlp, ["Officials in Washington and Ohio met on Monday. The attorney general said the report "
                   "would be released."], published="2019-03-25")
    assert resolved(us, "general") == "William Barr"


def test_a_person_named_as_the_object_is_not_the_one_acting_on_them(nlp):
    doc = run(nlp, ["Minister Paul Hale of Britain spoke in London. Minister Ann Reid of Britain praised "
                    "his minister on Monday."])
    assert resolved(doc, "minister") == "Paul Hale"


@pytest.mark.slow
def test_definite_titles_become_mentions_of_the_holder(nlp):
    """The entity list of the British story has Tony Blair and Gordon Brown, each with a title mention."""
    doc = run(nlp, BRITISH_BUDGET)
    text = doc.text
    blair, brown = by_name(doc, "Tony Blair"), by_name(doc, "Gordon Brown")
    assert "prime minister" in [text[m.start:m.end].lower() for m in blair.mentions]
    assert "chancellor" in [text[m.start:m.end].lower() for m in brown.mentions]
    leader_at = text.index("Tory leader")
    assert all(not (m.start <= leader_at + 5 < m.end) for m in blair.mentions)


@pytest.mark.slow
def test_titles_resolve_to_nobody_without_a_home_country(nlp):
    """The same titles in a story about France and Germany in Brussels name nobody."""
    doc = run(nlp, ["Officials from France and Germany met in Brussels on Monday.",
                    "The prime minister said the plan would go ahead. The chancellor said the money was "
                    "in place. France and Germany agreed."])
    assert doc._.ng_home_country is None
    assert resolved(doc, "minister") is None and resolved(doc, "chancellor") is None
    assert not {"Tony Blair", "Gordon Brown"} & set(names(doc))


# ------------------------------------------------------------------ 6-7: headline guard, spaced dash

@pytest.mark.slow
def test_title_case_headline_gives_no_false_names_but_keeps_body_names(nlp):
    """"Senator Smith Lays Out Plan": no "Smith Lays"/"Lays", and the headline "Smith" is Alan Smith."""
    doc = run(nlp, [("Senator Smith Lays Out Plan", "heading"),
                    "Senator Alan Smith of Ohio set out a farm plan on Tuesday. Smith said growers in Ohio "
                    "needed help."], published="2019-05-07")
    assert not [n for n in names(doc) if "Lays" in n]
    assert not [m for e in doc._.ng_entities for m in e.mentions if "Lays" in m.text]
    smith = by_name(doc, "Alan Smith")
    head_end = doc._.ng_paragraphs[0].end
    assert [m.text for m in smith.mentions if m.end <= head_end] == ["Smith"]


@pytest.mark.slow
def test_spaced_dash_ends_a_name(nlp):
    """"the House of Lords - which ..." is "House of Lords"; a hyphen inside a name stays."""
    doc = run(nlp, ["Engineers at Rolls-Royce said on Monday that the House of Lords - which had asked for "
                    "the report - would get it soon."])
    lords = by_name(doc, "House of Lords")
    assert [m.text for m in lords.mentions] == ["House of Lords"]
    assert "Rolls-Royce" in names(doc)
    assert not [n for n in names(doc) if n.rstrip().endswith(("-", "–", "—"))]


# ------------------------------------------------------------------ 8-9: aliases and org short forms

@pytest.mark.slow
def test_honorific_alias_and_no_false_honorific(nlp):
    """"Mr Dodd" is an alias of Richard Dodd; "Vice President Cheney" gives no "President Cheney"."""
    doc = run(nlp, BRITISH_HUNT)
    dodds = [e for e in doc._.ng_entities if "Dodd" in e.name]
    assert len(dodds) == 1 and "Mr Dodd" in dodds[0].aliases
    doc = run(nlp, ["Vice President Dick Cheney visited troops in Kuwait on Sunday. Later, Vice President "
                    "Cheney said the mission was going well."])
    cheney = by_name(doc, "Dick Cheney")
    assert [m.text for m in cheney.mentions] == ["Dick Cheney", "Cheney"]
    assert "President Cheney" not in cheney.aliases


@pytest.mark.slow
def test_short_org_name_joins_the_long_one_but_a_place_stays_apart(nlp):
    """"Petrel" is Petrel Resources; "Texas" beside "Texas Instruments" stays the state."""
    doc = run(nlp, ["Petrel Resources said on Monday that it had found oil off Iraq. Petrel said drilling "
                    "would begin in May."])
    assert "Petrel" not in names(doc)
    assert [m.text for m in by_name(doc, "Petrel Resources").mentions] == ["Petrel Resources", "Petrel"]
    doc = run(nlp, ["Texas Instruments opened a plant in Dallas. Officials in Texas welcomed the jobs. "
                    "Texas Instruments employs 30,000 people."])
    texas = by_name(doc, "Texas")
    assert texas.type == "GPE" and texas.country == "USA"
    assert [m.text for m in by_name(doc, "Texas Instruments").mentions] == ["Texas Instruments"] * 2


# ------------------------------------------------------------------ 10-11: parties, government nominals

@pytest.mark.slow
def test_party_names_group_under_the_party(nlp):
    """"Republicans", "GOP" and "Republican Party" are one American party."""
    doc = run(nlp, ["Republicans in the Senate blocked the bill on Thursday. GOP leaders said the Republican "
                    "Party would offer its own plan."], published="2019-05-07")
    party = by_name(doc, "Republican Party")
    assert (party.type, party.country) == ("ORG", "USA")
    assert {"Republicans", "GOP", "Republican Party"} <= {m.text for m in party.mentions}
    assert not {"Republicans", "GOP"} & set(names(doc))


@pytest.mark.slow
def test_party_word_in_a_premodifier_role_gives_the_country(nlp):
    """"Tory leader X": an unknown X is British by role; Michael Howard is British and keeps the role."""
    doc = run(nlp, ["Tory leader Alan Pryce said on Tuesday that taxes were too high. Mr Pryce spoke to "
                    "reporters."], published="2019-05-07")
    pryce = by_name(doc, "Alan Pryce")
    assert (pryce.country, pryce.country_source) == ("GBR", "role")
    assert "Tory leader" in pryce.roles
    doc = run(nlp, ["Tory leader Michael Howard said on Tuesday that taxes were too high."])
    howard = by_name(doc, "Michael Howard")
    assert howard.country == "GBR" and howard.country_source in ("gazetteer", "role")
    assert "Tory leader" in howard.roles


@pytest.mark.slow
def test_demonym_government_is_a_government_org(nlp):
    """"the Russian government said" is an ORG "Russian government", RUS, GOV."""
    doc = run(nlp, ["The Russian government said on Friday it would raise gas prices for Ukraine."],
              published="2006-01-01")
    gov = by_name(doc, "Russian government")
    assert (gov.type, gov.country, gov.sector) == ("ORG", "RUS", "GOV")


# ------------------------------------------------------------------ 12: store

def test_a_fact_from_any_article_beats_a_context_default(db_path):
    """context GBR then kb IRL -> IRL/kb; kb IRL then context GBR -> still IRL/kb."""
    db = connect(db_path)
    write_batch(db, [records("Nadia Ferro spoke.", person("p1", "GBR", "context"))])
    assert stored_country(db, "p1") == ("GBR", "context")
    write_batch(db, [records("Nadia Ferro spoke again.", person("p1", "IRL", "kb"))])
    assert stored_country(db, "p1") == ("IRL", "kb")
    write_batch(db, [records("Nadia Ferro, once more.", person("p2", "IRL", "kb")),
                     records("Nadia Ferro, at last.", person("p2", "GBR", "context"))])
    assert stored_country(db, "p2") == ("IRL", "kb")
    write_batch(db, [records("Nadia Ferro left.", person("p2", "FRA", "role"))])
    assert stored_country(db, "p2") == ("IRL", "kb")  # a fact does not replace another fact


@pytest.mark.slow
def test_pipeline_records_store_a_later_fact_over_a_context_default(nlp, db_path):
    """Richard Dodd: GBR by context in a hunting story, IRL by role later; the store and export keep IRL/role."""
    from newsgraph.export import article_document
    from newsgraph.process import process

    first = article(BRITISH_HUNT)
    second = article(["Irish Senator Richard Dodd said on Monday that the border plan was unworkable. "
                      "Dodd spoke in Dublin."], published="2005-03-01")
    recs = process([first, second], nlp=nlp)
    dodds = [next(e for e in r.entities if e.name == "Richard Dodd") for r in recs]
    assert [(e.country, e.country_source) for e in dodds] == [("GBR", "context"), ("IRL", "role")]
    assert dodds[0].id == dodds[1].id
    db = connect(db_path)
    for r in recs:
        write_batch(db, [r])
    assert stored_country(db, dodds[0].id) == ("IRL", "role")
    exported = next(e for e in article_document(db, first.id)["entities"] if e["name"] == "Richard Dodd")
    assert (exported["country"], exported["country_source"]) == ("IRL", "role")


def test_m005_adds_country_source(db_path, tmp_path):
    """A fresh database has entities.country_source; an older one gains it by migration."""
    db = connect(db_path)
    assert "country_source" in {r["name"] for r in db.execute("PRAGMA table_info(entities)")}
    old = sqlite3.connect(str(tmp_path / "old.db"), isolation_level=None)
    old.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    order = [fn.__name__ for fn in MIGRATIONS]
    for fn in MIGRATIONS[:order.index("m005_entity_country_source")]:
        old.executescript(f"BEGIN;\n{fn()}\nINSERT INTO _migrations VALUES ('{fn.__name__}', 'then');\nCOMMIT;")
    assert "country_source" not in {r[1] for r in old.execute("PRAGMA table_info(entities)")}
    assert "m005_entity_country_source" in migrate(old)
    assert "country_source" in {r[1] for r in old.execute("PRAGMA table_info(entities)")}


# ------------------------------------------------------------------ 13: pronouns in events

@pytest.mark.slow
def test_they_is_never_a_country_named_before(nlp):
    """"South Korea warned ... LG Card's creditors met ... They agreed": "They" is not South Korea."""
    doc = run(nlp, ["South Korea warned lenders on Sunday. LG Card's creditors met on Monday. They agreed to "
                    "a rescue."], published="2004-01-05")
    assert pronoun(doc, "They") is None
    they = doc.text.index("They")
    assert not [p for e in doc._.ng_events for p in e.actor + e.recipient if p.start == they and p.country]


@pytest.mark.slow
def test_pronouns_agree_in_number_with_their_antecedent(nlp):
    """"They" skips a later country for the Republicans; "it"/"its" skip the plural party for a country or firm."""
    doc = run(nlp, ["The Republicans criticised Ukraine on Monday. They demanded a new gas deal."],
              published="2006-01-03")
    assert pronoun(doc, "They").name == "Republican Party"
    doc = run(nlp, ["Ukraine was criticised by the Republicans on Monday. It rejected the criticism."],
              published="2006-01-03")
    assert pronoun(doc, "It").name == "Ukraine"
    assert any(p.text == "It" and p.country == "UKR" for e in doc._.ng_events for p in e.actor)
    doc = run(nlp, ["Gazprom was criticised by the Republicans on Monday. Its chairman rejected the criticism."],
              published="2006-01-03")
    its = pronoun(doc, "Its")
    assert (its.name, its.country) == ("Gazprom", "RUS")


@pytest.mark.slow
def test_pronoun_does_not_reach_past_pronoun_reach(nlp):
    """A country named three sentences before "It" is too far back to be what it means."""
    from newsgraph.nlp.plover.actors import PRONOUN_REACH

    assert PRONOUN_REACH == 2
    doc = run(nlp, ["South Korea criticised the lenders on Sunday. The talks went on. Markets were calm. "
                    "Prices rose. It promised to protect savers."], published="2004-01-05")
    assert pronoun(doc, "It") is None
    doc = run(nlp, ["South Korea criticised the lenders on Sunday. It promised to protect savers."],
              published="2004-01-05")
    assert pronoun(doc, "It").name == "South Korea"


def test_same_type_nominal_event_repeats_only_with_the_same_actor():
    """_repeats: two American actors coded by country alone are not one act; the same entity is."""
    def event(entity_id, date="2019-05-07"):
        return Event(type="CONSULT", mode="visit", trigger_start=0, trigger_end=5, trigger_text="visit",
                     sentence_start=0, sentence_end=10, date=date, date_inferred=False,
                     actor=[Participant("actor", "X", entity_id, "X", "USA", "GOV")])
    noun = SimpleNamespace(pos_="NOUN")
    assert _repeats(event("e1"), noun, [event("e1")])
    assert not _repeats(event("e2"), noun, [event("e1")])
    assert not _repeats(event("e1"), SimpleNamespace(pos_="VERB"), [event("e1")])


# ------------------------------------------------------------------ businesses the recogniser mistypes

def test_a_business_described_beside_its_name_is_an_organisation_and_a_business(nlp):
    """Made-up firms, so no dictionary knows them: the text's description decides."""
    doc = run(nlp, ["The deal was struck by state-owned oil firm Kavrenko on Monday, and shares in "
                    "mining giant Torvelia fell. The ministry sold the Zamyatin subsidiary last year."])
    for name in ("Kavrenko", "Torvelia", "Zamyatin"):
        ent = by_name(doc, name)
        assert (ent.type, ent.sector) == ("ORG", "BUS"), name


def test_a_firm_named_after_its_description_or_a_countrys_possessive(nlp):
    """Made-up firms: "a Canadian company, named X" is a Canadian business; an unknown
    "place" right after a country's possessive is an organisation of that country."""
    doc = run(nlp, ["A Canadian company, named Orvana, is reported to have won the contract. "
                    "Turkey's Kelvaro won another. Iraq's Kirkuk stayed calm."])
    orvana = by_name(doc, "Orvana")
    assert (orvana.type, orvana.country, orvana.sector) == ("ORG", "CAN", "BUS")
    kelvaro = by_name(doc, "Kelvaro")
    assert (kelvaro.type, kelvaro.country) == ("ORG", "TUR")
    assert by_name(doc, "Kirkuk").type == "GPE"


def test_the_kind_of_outlet_after_its_name_is_no_part_of_it(nlp):
    doc = run(nlp, ["A deputy minister told AFP news agency that the offer stood. Earlier he told AP."])
    afp = by_name(doc, "Agence France-Presse")
    assert [m.text for m in afp.mentions] == ["AFP"] and afp.country == "FRA"
    assert by_name(doc, "Associated Press") is not afp


def test_a_name_ending_like_an_organisation_is_no_person():
    """The recogniser sometimes takes a firm for a person ("Baikal Finance Group"); a
    person's surname that is also a word ("Frank Church", "Emily Post") stays a person."""
    gaz = load_gazetteer()

    def group(*texts):
        return SimpleNamespace(mentions=[SimpleNamespace(text=t, source="ner") for t in texts])

    assert coding_groups._named_as_organisation(gaz, group("Ostrava Kettering Group", "Ostrava"))
    assert coding_groups._named_as_organisation(gaz, group("Kettering Holdings"))
    assert not coding_groups._named_as_organisation(gaz, group("Frank Church", "Church"))
    assert not coding_groups._named_as_organisation(gaz, group("Emily Post"))
    assert not coding_groups._named_as_organisation(gaz, group("Group"))


def test_the_employer_of_a_market_economist_is_a_business(nlp):
    doc = run(nlp, ['"Growth is slowing," said Marie Lenoir, an economist at Vasquet Brunel. Pierre Duval, '
                    'an analyst at BCQ, agreed.'])
    for name in ("Vasquet Brunel", "BCQ"):
        assert by_name(doc, name).sector == "BUS", name


def test_a_film_producer_or_a_rebel_group_is_not_a_business(nlp):
    doc = run(nlp, ["Film producer Anna Kessler met members of rebel group Tavra Front in the capital."])
    assert by_name(doc, "Anna Kessler").type == "PERSON"
    assert by_name(doc, "Tavra Front").sector != "BUS"


def test_the_company_takes_up_the_business_named_most_often(nlp):
    """Of two firms in one phrase, "the company" is the one the story is about."""
    doc = run(nlp, ["Kavrenko, the oil company, said profits rose. Kavrenko shares gained. Officials put "
                    "Kavrenko's Zamyatin subsidiary up for sale after fining the company $2bn."])
    assert by_name(doc, "Zamyatin").sector == "BUS"
    assert resolved(doc, "company", 1) == "Kavrenko"


def test_a_person_takes_the_sector_of_the_employer_as_the_article_coded_it(nlp):
    """The short form alone ("the SEC's") is unknown; the article named it in full first."""
    doc = run(nlp, ["The Securities and Exchange Commission relaxed the rule on Wednesday.",
                    '"It will help," said Donald Varley, the SEC\'s chief accountant.'])
    assert by_name(doc, "Donald Varley").sector == "GOV"
