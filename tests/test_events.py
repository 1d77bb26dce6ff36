"""newsgraph_events on sentences written for these tests: types, roles, modality, provenance."""

from __future__ import annotations

import pytest

from newsgraph.eval.plover import run
from newsgraph.model import Article, Paragraph
from newsgraph.nlp.plover.modality import historical_by_date

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def events_nlp():
    from newsgraph.nlp.pipeline import available_components, build_nlp

    wanted = [c for c in ("newsgraph_entities", "newsgraph_timex", "newsgraph_events") if c in available_components()]
    return build_nlp(components=wanted)


def article(*paragraphs: tuple[str, str], published: str = "2024-03-14") -> Article:
    text, paras, pos = "", [], 0
    for i, (body, role) in enumerate(paragraphs):
        paras.append(Paragraph(i, pos, pos + len(body), role))
        text += body + "\n"
        pos += len(body) + 1
    return Article(text=text.rstrip("\n"), paragraphs=paras, published=published)


def events_of(nlp, *sentences, **kw):
    doc = run(nlp, article(*[(s, "body") for s in sentences], **kw))
    return doc, doc._.ng_events


def countries(participants):
    return sorted(p.country for p in participants if p.country)


def test_visit_codes_visitor_as_actor_and_host_as_recipient(events_nlp):
    doc, events = events_of(events_nlp, "Italian Prime Minister Giorgia Meloni visited Egypt on Tuesday.")
    [event] = events
    assert (event.type, event.mode) == ("CONSULT", "visit")
    assert countries(event.actor) == ["ITA"] and countries(event.recipient) == ["EGY"]
    assert doc.text[event.trigger_start:event.trigger_end] == "visited"
    assert event.sentence_start == 0 and event.sentence_end == len(doc.text)
    assert event.date == "2024-03-12" or event.date_inferred


def test_reciprocal_signing_lists_both_parties_as_actors(events_nlp):
    _, events = events_of(events_nlp, "Kenya and Uganda signed a trade agreement in Nairobi.")
    [event] = [e for e in events if e.type == "SUPPORT"]
    assert countries(event.actor) == ["KEN", "UGA"] and event.recipient == []


def test_negated_and_hypothetical_and_future(events_nlp):
    _, negated = events_of(events_nlp, "Poland did not sign the treaty with Germany.")
    assert negated and all(e.negated for e in negated)
    _, hypo = events_of(events_nlp, "France could supply tanks to Ukraine.")
    assert hypo and all(e.hypothetical for e in hypo)
    _, future = events_of(events_nlp, "The Chinese president is expected to travel to Brazil.")
    [event] = future
    assert event.future and event.type == "AGREE"  # PLOVER: future cooperation is AGREE


def test_historical_from_date():
    assert historical_by_date("2000-07", "2024-06-19", inferred=False)
    assert not historical_by_date("2024-06-18", "2024-06-19", inferred=False)
    assert not historical_by_date("2000-07", "2024-06-19", inferred=True)


def test_nominal_events_take_possessor_and_demonym(events_nlp):
    _, events = events_of(events_nlp, "The Russian invasion of Ukraine began in February.")
    [event] = [e for e in events if e.type == "ASSAULT"]
    assert countries(event.actor) == ["RUS"] and countries(event.recipient) == ["UKR"]


def test_passive_agent_is_actor(events_nlp):
    _, events = events_of(events_nlp, "Three journalists were arrested by Egyptian police in Cairo.")
    [event] = [e for e in events if e.type == "COERCE"]
    assert event.mode == "arrest"
    assert any(p.sector == "COP" or p.country == "EGY" for p in event.actor)


def test_no_event_from_related_or_footer_paragraphs(events_nlp):
    art = article(("Germany condemned the Belarusian crackdown.", "related"),
                  ("This story first appeared elsewhere: Japan visited Peru.", "footer"))
    doc = run(events_nlp, art)
    assert doc._.ng_events == []


def test_quote_content_is_not_an_event_but_a_framed_act_is(events_nlp):
    _, events = events_of(events_nlp, 'The minister said: "Our army will attack Armenia tomorrow if needed."')
    assert not [e for e in events if e.type == "ASSAULT" and not e.hypothetical]
    _, framed = events_of(events_nlp, 'Japan is "deeply concerned" about North Korean missile launches.')
    assert [e for e in framed if e.type == "ACCUSE"]


def test_pronoun_takes_the_reporting_subject(events_nlp):
    _, events = events_of(events_nlp, "Brazilian President Lula told reporters he backed Argentina's claim.")
    [event] = [e for e in events if e.type == "SUPPORT"]
    assert countries(event.actor) == ["BRA"] and countries(event.recipient) == ["ARG"]


def test_garbage_text_does_not_crash(events_nlp):
    _, events = events_of(events_nlp, "???? ... ;;; 12 34")
    assert events == []


def test_events_without_entities_fail_clearly():
    from newsgraph.errors import NewsgraphError
    from newsgraph.nlp.pipeline import build_nlp

    nlp = build_nlp(components=["newsgraph_timex", "newsgraph_events"])
    with pytest.raises(NewsgraphError, match="add newsgraph_entities before newsgraph_events"):
        run(nlp, article(("Chile sent aid to Peru.", "body")))


def test_country_words_come_from_the_gazetteer():
    from newsgraph.nlp.actors.coding import country_of_phrase
    from newsgraph.nlp.actors.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert country_of_phrase(gaz, "Peruvian") == "PER"  # demonym
    assert country_of_phrase(gaz, "the Philippines") == "PHL"  # name with article
    assert country_of_phrase(gaz, "Canberra") == "AUS"  # capital as metonym
    assert country_of_phrase(gaz, "the Kremlin") == "RUS"  # seat of government
    assert country_of_phrase(gaz, "NATO") is None  # an organisation, not a country
    assert country_of_phrase(gaz, "bridge") is None


def test_demonym_modifier_codes_a_common_noun_actor(events_nlp):
    _, events = events_of(events_nlp, "Chilean troops attacked the border post on Monday.")
    [event] = [e for e in events if e.type == "ASSAULT"]
    assert countries(event.actor) == ["CHL"] and event.actor[0].sector == "MIL"


def test_a_past_sentence_without_a_date_continues_the_previous_one(events_nlp):
    _, events = events_of(events_nlp, "In March 2011, Chile's president traveled to Lima. "
                                      "He met Peru's foreign minister.")
    [meeting] = [e for e in events if e.trigger_text == "met"]
    assert meeting.date == "2011-03" and meeting.date_inferred and meeting.historical


def test_generic_people_take_the_country_the_story_is_set_in(events_nlp):
    doc, events = events_of(events_nlp,
                            "Gateshead Council and Northumbria Police met in Gateshead on Monday.",
                            "Protesters marched through Newcastle and Gateshead on Tuesday against the plan.",
                            "In Sunderland, the council said the road would close.")
    assert doc._.ng_home_country == "GBR"
    protest = [e for e in events if e.type == "PROTEST"]
    assert protest and countries(protest[0].actor) == ["GBR"]


def test_creditors_stay_uncoded_without_a_country_in_the_text(events_nlp):
    doc, events = events_of(events_nlp,
                            "Gateshead Council and Northumbria Police met in Gateshead on Monday.",
                            "Creditors rejected the council's offer on Tuesday.")
    rejects = [e for e in events if e.type == "REJECT"]
    assert all(not countries(e.actor) for e in rejects)
