"""Events made by speech: evaluations (ACCUSE, SUPPORT) and demands (REQUEST) in what
a named speaker says, and the discourse fixes they lean on (speaker descriptions,
pronoun gender from given names, quoted sentences and the pronoun's reach).

Every sentence here is written for the tests; each checks one phenomenon.
"""

from __future__ import annotations

import pytest

from newsgraph.nlp.actors.genders import gender_of_name, given_names
from newsgraph.nlp.plover.stance import stance_lexicon



def coded(doc, event_type: str):
    """(actor names, recipient names, trigger) of the realised events of one type."""
    return [(sorted(p.name for p in e.actor), sorted(p.name or p.country for p in e.recipient), e.trigger_text)
            for e in doc._.ng_events if e.type == event_type and not (e.negated or e.hypothetical)]


# ---------------------------------------------------------------- the data

def test_lexicon_has_both_judgements_and_no_word_twice_within_a_type():
    lex = stance_lexicon()
    assert set(lex) == {"ACCUSE", "SUPPORT"}
    assert lex["ACCUSE"][0] == "disapprove"
    for _, phrases in lex.values():
        assert len(phrases) == len(set(phrases))
    assert not set(lex["ACCUSE"][1]) & set(lex["SUPPORT"][1])


def test_given_names_mark_gender_only_when_the_name_does():
    names = given_names()
    assert names["nancy"] == "f" and names["dmitry"] == "m"
    assert "jordan" not in names  # borne by both
    assert gender_of_name(["dmitry", "bam"]) == "m"
    assert gender_of_name(["bam"]) is None  # a surname alone says nothing


# ---------------------------------------------------------------- evaluations

def test_a_judgement_of_another_party_is_an_accusation_by_the_speaker(analyse):
    doc = analyse("Senator Maria Valdes said that Governor Tom Reyes was a liar.")
    assert (["Maria Valdes"], ["Tom Reyes"], "liar") in coded(doc, "ACCUSE")


def test_the_owner_of_what_is_judged_is_the_party_judged(analyse):
    doc = analyse('Professor Alan Greaves wrote that Judge Helen Marsh\'s remarks were "beyond the pale."')
    assert any(actor == ["Alan Greaves"] and recipient == ["Helen Marsh"]
               for actor, recipient, _ in coded(doc, "ACCUSE"))


def test_a_negated_or_supposed_judgement_codes_nothing(analyse):
    assert not coded(analyse("Senator Maria Valdes said Governor Tom Reyes was not a liar."), "ACCUSE")
    assert not coded(analyse("Senator Maria Valdes said it would be a mistake to raise taxes."), "ACCUSE")


def test_a_judgement_of_nobody_in_particular_codes_nothing(analyse):
    assert not coded(analyse('Senator Maria Valdes said: "This is ridiculous."'), "ACCUSE")


def test_gladness_at_what_another_does_is_support(analyse):
    doc = analyse("Senator Maria Valdes said she was pleased the governor, Tom Reyes, had signed the bill.")
    assert any(actor == ["Maria Valdes"] and recipient == ["Tom Reyes"] for actor, recipient, _ in coded(doc, "SUPPORT"))


# ---------------------------------------------------------------- demands

def test_an_obligation_put_on_a_named_party_is_a_request(analyse):
    doc = analyse('Senator Maria Valdes said: "Governor Tom Reyes must resign."')
    assert any(actor == ["Maria Valdes"] and recipient == ["Tom Reyes"] for actor, recipient, _ in coded(doc, "REQUEST"))


def test_a_passive_demand_is_addressed_to_the_story_s_government(analyse):
    doc = analyse('In Washington, Senator Maria Valdes of Ohio wrote: "The report must be made public."')
    requests = coded(doc, "REQUEST")
    assert requests and all(actor == ["Maria Valdes"] for actor, _, _ in requests)
    assert any(recipient == ["USA"] for _, recipient, _ in requests)


def test_the_speakers_own_side_or_everyone_is_no_addressee(analyse):
    assert not coded(analyse('Senator Maria Valdes said: "We must win this election."'), "REQUEST")
    assert not coded(analyse("Senator Maria Valdes said the country needs to heal."), "REQUEST")


def test_a_vow_that_something_will_never_happen_is_a_refusal(analyse):
    doc = analyse("President Lopez vowed that Mexico would never pay for the wall.")
    assert "REJECT" in {e.type for e in doc._.ng_events}
    assert "AGREE" not in {e.type for e in doc._.ng_events}


# ---------------------------------------------------------------- speakers

def test_a_described_speaker_is_the_name_in_apposition(analyse):
    doc = analyse('The party\'s health spokeswoman, Eleanor Marsh, said: "The ban is welcome."')
    assert [q.speaker.name for q in doc._.ng_quotes] == ["Eleanor Marsh"]


def test_a_spokesman_speaks_for_his_company(analyse):
    doc = analyse('A Gazcorp spokesman said the company would appeal. Gazcorp is based in Oslo.')
    assert doc._.ng_quotes and doc._.ng_quotes[0].speaker.name == "Gazcorp"


def test_she_is_not_a_man_named_before_her(analyse):
    text = ("Justice Helen Marsh spoke at a conference on Monday. "
            "Sergei Lavrenko, a law professor, said \"there is little doubt that she has crossed a line.\"")
    doc = analyse(text)
    accusations = coded(doc, "ACCUSE")
    assert any(actor == ["Sergei Lavrenko"] and recipient == ["Helen Marsh"] for actor, recipient, _ in accusations)


def test_a_quoted_tweet_does_not_use_up_the_pronoun_s_reach(analyse):
    text = ("Senator Maria Valdes pointed to a vote in the House. "
            "\u201cCongress asked for the report. The members voted for it. The people deserve it. "
            "Release it now,\u201d she wrote on Twitter.")
    doc = analyse(text)
    assert [q.speaker.name for q in doc._.ng_quotes if q.cue == "wrote"] == ["Maria Valdes"]


def test_it_said_is_the_body_in_focus(analyse):
    doc = analyse("The Coastal Fisheries Authority rejected the plan on Monday. "
                  "It said the quotas were too low.")
    assert [q.speaker.name for q in doc._.ng_quotes if q.cue == "said"] == ["Coastal Fisheries Authority"]


def test_it_after_its_report_is_not_the_body_the_report_names(analyse):
    doc = analyse("The Coastal Fisheries Authority met on Monday. "
                  "The Northern Trade Union, in particular, was imposing new rules, it noted.")
    assert [q.speaker.name for q in doc._.ng_quotes if q.cue == "noted"] == ["Coastal Fisheries Authority"]


# ---------------------------------------------------------------- discourse

def test_an_organisation_can_be_they(analyse):
    doc = analyse("Britain's Coastal Fisheries Authority met the minister on Monday. "
                  "They have agreed to share the catch data with Norway.")
    agreements = [e for e in doc._.ng_events if e.type == "AGREE"]
    assert agreements and agreements[0].actor[0].name == "Coastal Fisheries Authority"


def test_the_offer_is_made_by_whoever_offered_it(analyse):
    doc = analyse("Japan offered a debt freeze to Indonesia on Monday. "
                  "Thailand declined the offer on Tuesday.")
    refusals = [e for e in doc._.ng_events if e.type == "REJECT"]
    assert refusals and [p.name for p in refusals[0].recipient] == ["Japan"]


def test_claiming_what_one_is_owed_is_a_request_to_the_authorities(analyse):
    doc = analyse('In Washington, Senator Maria Valdes of Ohio said: "The American people deserve the full report."')
    requests = coded(doc, "REQUEST")
    assert any(actor == ["Maria Valdes"] and recipient == ["USA"] for actor, recipient, _ in requests)
    assert not coded(analyse('Senator Maria Valdes of Ohio said: "We want peace."'), "REQUEST")


def test_details_surrounding_an_attack_report_no_attack(analyse):
    doc = analyse("Details surrounding the attack on the embassy in Kabul have fuelled tensions in Washington.")
    assert "ASSAULT" not in {e.type for e in doc._.ng_events}


def test_a_description_in_the_simple_present_is_no_act(analyse):
    doc = analyse("Congress cut the budget of the Medicaid programme, which provides aid to poor families in Ohio.")
    assert "AID" not in {e.type for e in doc._.ng_events}
    doc = analyse("The ministry, which provided aid to Haiti in March, said it would do so again.")
    assert "AID" in {e.type for e in doc._.ng_events}
