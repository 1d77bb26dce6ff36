"""Who fills an event's roles: named people in apposition, the authority a policy
judgement is addressed to, plural and coordinated pronouns, demands whose target is
the passive subject, offers withdrawn, and questions or proposals that report no act.

Every sentence here is written for the tests; each checks one phenomenon.
"""

from __future__ import annotations

import pytest


def realised(doc, event_type: str):
    return [e for e in doc._.ng_events if e.type == event_type and not (e.negated or e.hypothetical)]


def found(doc, event_type: str):
    """The realised events of one type, failing with every event coded when there is none."""
    events = realised(doc, event_type)
    assert events, [(e.type, e.trigger_text) for e in doc._.ng_events]
    return events


def names(parties) -> list[str]:
    return sorted(p.name or p.country or "" for p in parties)


# ---------------------------------------------------------------- actors


def test_a_second_pronoun_in_coordinated_clauses_is_the_same_speaker(analyse):
    doc = analyse("Senator Nora Klein spoke to reporters on Monday. Representative Paul Dorsey "
                  "stood beside her. She said the vote was close and she urged colleagues to "
                  "back the bill.")
    requests = realised(doc, "REQUEST")
    assert any(names(e.actor) == ["Nora Klein"] for e in requests), \
        [(names(e.actor), e.trigger_text) for e in requests]
    assert not any(names(e.actor) == ["Paul Dorsey"] for e in requests)


# ---------------------------------------------------------------- recipients

@pytest.mark.parametrize("text, event_type", [
    # judging a measure addresses the government that made it
    ("Ottawa announced a ban on single-use plastics on Monday. Teachers in Canada welcomed "
     "the ban, saying it was overdue.", "SUPPORT"),
    # a mayor asking is no home government, so it does not block that recipient
    ("Ottawa has kept the audit secret for a year. The mayor of Toronto, Jim Hallett, called "
     "for the full audit to be published.", "REQUEST"),
])
def test_a_demand_or_judgement_with_no_named_target_addresses_the_home_government(analyse, text, event_type):
    events = found(analyse(text), event_type)
    assert any(p.country == "CAN" for e in events for p in e.recipient)


def test_owned_plans_are_not_judged_as_the_government(analyse):
    doc = analyse("Premier Dale Morrow of Ontario defended his plan to widen the highway.")
    assert not any(e.recipient for e in realised(doc, "SUPPORT"))


def test_the_one_to_be_forced_out_is_the_target_of_a_demand(analyse):
    doc = analyse('Senator Rick Lawton said: "Secretary Dana Pruitt should be forced to resign."')
    events = found(doc, "REQUEST")
    assert any("Dana Pruitt" in names(e.recipient) for e in events)


# ---------------------------------------------------------------- what is no act

def test_withdrawing_an_offer_is_a_concession(analyse):
    doc = analyse("Halden Bank withdrew its takeover offer for Marrow Savings on Friday.")
    assert found(doc, "CONCEDE")


def test_a_quoted_question_is_no_request(analyse):
    doc = analyse('Senator Rick Lawton asked: "Why has nobody at the ministry been held '
                  'to account?"')
    assert not realised(doc, "REQUEST")


def test_a_call_to_act_is_no_realised_act(analyse):
    doc = analyse("The minister repeated her calls to sharply raise fuel taxes on Tuesday.")
    assert not any(e.trigger_text.lower().startswith("raise")
                   for e in doc._.ng_events if not (e.negated or e.hypothetical))


# ---------------------------------------------------------------- discourse

def test_a_describing_subject_takes_up_the_person_just_named(analyse):
    doc = analyse("Governor Ann Pike attacked President Leo Marsh on Sunday. The presumptive "
                  "Republican nominee went so far as to say Marsh should resign.")
    requests = found(doc, "REQUEST")
    assert names(requests[0].actor) == ["Ann Pike"]
    assert "Leo Marsh" in names(requests[0].recipient)


def test_a_description_with_no_person_before_it_stays_unresolved(analyse):
    doc = analyse("The veteran senator said the budget should be cut.")
    assert not any(p.name for e in doc._.ng_events for p in e.actor)


def test_each_coordinated_demand_has_its_own_target(analyse):
    doc = analyse("Senator Tom Hale said Governor Ann Pike should resign and Mayor Jo Brant "
                  "should apologise.")
    targets = {n for e in realised(doc, "REQUEST") for n in names(e.recipient)}
    assert {"Ann Pike", "Jo Brant"} <= targets


def test_one_demand_in_a_sentence_is_coded_once(analyse):
    doc = analyse("Senator Tom Hale said Governor Ann Pike should resign.")
    assert len(realised(doc, "REQUEST")) == 1


def test_a_reply_without_a_target_is_aimed_at_the_party_just_dealt_with(analyse):
    doc = analyse("Senator Rick Lawton accused Governor Ann Pike of lying about the budget.\n\n"
                  "On Tuesday Senator Rick Lawton fired back with a statement of his own.")
    replies = [e for e in realised(doc, "ACCUSE") if e.trigger_text == "fired"]
    assert replies, [(e.type, e.trigger_text) for e in doc._.ng_events]
    assert names(replies[0].recipient) == ["Ann Pike"]


def test_no_target_is_carried_across_distant_paragraphs(analyse):
    doc = analyse("Senator Rick Lawton accused Governor Ann Pike of lying about the budget.\n\n"
                  "The budget runs to 400 pages.\n\nIt covers roads.\n\nIt covers schools.\n\n"
                  "On Tuesday Senator Rick Lawton fired back with a statement of his own.")
    replies = [e for e in realised(doc, "ACCUSE") if e.trigger_text == "fired"]
    assert replies and not replies[0].recipient


# ---------------------------------------------------------------- attacks in words

@pytest.mark.parametrize("text, event_type", [
    ("Senator Ray Collins attacked Governor Ann Pike over the budget on Monday.", "ACCUSE"),
    ("Senator Ray Collins attacked Governor Ann Pike with a knife outside her home.", "ASSAULT"),
    ("Senator Ray Collins attacked Governor Ann Pike, who was injured.", "ASSAULT"),
    ("President Vladimir Putin attacked Ukraine in February.", "ASSAULT"),
])
def test_one_person_attacking_another_without_arms_or_harm_is_criticism(analyse, text, event_type):
    coded = {e.type for e in analyse(text)._.ng_events if e.trigger_text == "attacked"}
    assert coded == {event_type}


def test_a_complaint_that_a_party_did_wrong_is_aimed_at_that_party(analyse):
    doc = analyse("Many foreign firms had protested that the Securities and Exchange Commission "
                  "was imposing an unfair burden.")
    events = found(doc, "ACCUSE")
    assert any("Securities and Exchange Commission" in names(e.recipient) for e in events)


def test_a_quoted_first_person_remark_that_is_no_performed_act_codes_nothing(analyse):
    doc = analyse("\u201cWe have given them everything,\u201d Governor Tom Hale of Texas said.")
    assert not [e for e in doc._.ng_events if e.type == "AID"]


def test_agreeing_to_hold_talks_with_a_partner_makes_the_partner_the_recipient(analyse):
    planned = found(analyse("Russia will hold talks with China next week."), "AGREE")
    assert names(planned[0].actor) == ["Russia"] and names(planned[0].recipient) == ["China"]
    held = found(analyse("Russia held talks with China on Monday."), "CONSULT")
    assert names(held[0].actor) == ["China", "Russia"] and not held[0].recipient


def test_a_people_noun_keeps_the_name_its_people_belong_to_in_its_text(analyse):
    doc = analyse("Minister Jane Hale of Britain promised the Anglican bishop of Leeds to review the rules.")
    events = found(doc, "AGREE")
    assert any(p.text == "the Anglican bishop of Leeds" for p in events[0].recipient), \
        [p.text for p in events[0].recipient]


@pytest.mark.parametrize("text, event_type, actor, recipient", [
    # who takes up what was offered is the one it was offered to
    ("Ukraine no longer needs the loans offered by Japan.", "AGREE", "Japan", "Ukraine"),
    # who turns down a thing deals with whoever made it
    ("Hungary rejected the plan put forward by France.", "REJECT", "Hungary", "France"),
])
def test_an_offered_thing_links_its_maker_and_its_taker(analyse, text, event_type, actor, recipient):
    events = found(analyse(text), event_type)
    assert any(names(e.actor) == [actor] and names(e.recipient) == [recipient] for e in events)


def test_a_country_the_recogniser_missed_is_still_coded_from_the_gazetteer(analyse):
    doc = analyse("Fiji, Tonga and the Seychelles accepted the Paris Club offer on Friday.")
    events = found(doc, "AGREE")
    assert {"FJI", "TON", "SYC"} <= {p.country for p in events[0].actor}


def test_backing_ones_own_proposal_is_no_support_of_anyone(analyse):
    assert not realised(analyse("Senator Tom Hale defended his proposals on Monday."), "SUPPORT")
    assert found(analyse("Senator Tom Hale defended Governor Ann Pike on Monday."), "SUPPORT")


def test_a_relative_pronoun_acts_as_the_noun_its_clause_describes(analyse):
    doc = analyse("Japan offered a debt freeze to Laos. Laos, which accepted the debt freeze offer, "
                  "owes Japan about $2bn.")
    events = [e for e in realised(doc, "AGREE") if e.trigger_text == "accepted"]
    assert events and names(events[0].actor) == ["Laos"] and names(events[0].recipient) == ["Japan"]


def test_an_act_in_an_adverbial_clause_is_not_the_content_of_a_demand(analyse):
    doc = analyse("Opposition MPs of Britain urged Minister Ann Reid to publish the letter as they "
                  "accused the government of hiding it.")
    assert found(doc, "REQUEST") and found(doc, "ACCUSE")


def test_whom_a_visitor_goes_to_meet_is_visited_too(analyse):
    doc = analyse("President Ana Ruiz of Chile flew to Peru on Monday to meet with President Luis Vera of Peru.")
    events = found(doc, "CONSULT")
    assert "Luis Vera" in names(events[0].recipient)


# ---------------------------------------------------------------- one event's parties

@pytest.mark.parametrize("text, event_type, actor, recipient", [
    pytest.param("A senior Democrat, Senator Clara Whitfield, accused Senator Ron Tully of blocking the "
                 "inquiry.", "ACCUSE", "Clara Whitfield", "Ron Tully", id="person-in-apposition-acts"),
    pytest.param("British minister Paul Brant spoke on Monday. After he condemned the Italian government, "
                 "US Senator Tom Hale left the room.", "ACCUSE", "Tom Hale", None,
                 id="pronoun-before-its-name-is-the-main-subject"),
    pytest.param("Governor Ann Pike responded to Senator Ray Collins's attacks on Monday.", "ACCUSE",
                 "Ray Collins", "Ann Pike", id="who-answers-an-attack-was-its-target"),
    pytest.param("Japan's Halden Mitsui Financial has withdrawn its takeover offer for rival bank Marrow "
                 "Holdings.", "CONCEDE", None, "Marrow Holdings", id="target-of-a-withdrawn-offer"),
    pytest.param("Governor Maria Lopez went further on Thursday, tweeting:\n\n\u201cSenator Ray Collins, who "
                 "spent a year misleading voters, should be forced to resign!\u201d", "REQUEST", "Maria Lopez",
                 "Ray Collins", id="quoted-demand-that-someone-be-forced-out"),
    pytest.param("Governor Tom Hale of Texas spoke about Senator Ray Collins on Monday.\n\n\u201cHe is not "
                 "welcome here. We reject his visit,\u201d Governor Tom Hale told reporters.", "REJECT",
                 "Tom Hale", "Ray Collins", id="quoted-first-person-act-is-the-speakers"),
    pytest.param("Governor Tom Hale of Texas told Senator Ray Collins he backed the new law.", "SUPPORT",
                 "Tom Hale", None, id="he-in-reported-speech-may-be-the-speaker"),
    pytest.param("Investors fled Valtrix Energy on Monday. The Norwegian government seized its assets after "
                 "hitting the company with a huge tax bill.", "SANCTION", "Norwegian government",
                 "Valtrix Energy", id="the-company-and-a-gerunds-subject"),
    pytest.param("Interior Minister Jan Kovar of the Czech Republic said on Monday that he would publish part "
                 "of the report. Opposition parties in Prague demanded that the full report be published.",
                 "REQUEST", None, "Jan Kovar", id="demand-goes-to-the-member-of-government-just-named"),
])
def test_the_first_event_of_its_type_has_these_parties(analyse, text, event_type, actor, recipient):
    event = found(analyse(text), event_type)[0]
    if actor is not None:
        assert names(event.actor) == [actor]
    if recipient is not None:
        assert names(event.recipient) == [recipient]


@pytest.mark.parametrize("text", [
    # a body named after its leader stands for the leader the article names
    "President Dana Whitfield spoke in Ohio on Monday. Senator Carl Ames opposed the "
    "Whitfield administration's decision to sell the port.",
    # "the administration" alone: the leader of the story's country on its date
    "Washington and Congress argued over the budget in Ohio on Monday. Senator Carl Ames of "
    "Ohio, a Democrat, criticised the administration for its budget.",
])
def test_an_administration_stands_for_the_leader_who_heads_it(analyse, text):
    events = [e for t in ("REJECT", "ACCUSE") for e in realised(analyse(text), t)]
    assert events, "no judgement coded"
    leaders = {"Dana Whitfield"} if "Whitfield" in text else {"Joe Biden"}
    assert any(set(names(e.recipient)) & leaders for e in events), \
        [(e.trigger_text, names(e.recipient)) for e in events]


def test_a_gerund_naming_a_kind_of_act_is_no_event(analyse):
    doc = analyse("The report left out the cost of funding Ukraine's army for a decade. "
                  "Ohio funded the schools of Dayton last year.")
    assert not any(e.trigger_text == "funding" for e in doc._.ng_events)
    assert any(e.trigger_text == "funded" for e in doc._.ng_events), \
        [(e.type, e.trigger_text) for e in doc._.ng_events]


@pytest.mark.parametrize("text, actor", [
    # a member of the government reporting what the country does acts for it
    ("US President Dana Whitfield said the United States backed Ukraine's bid to join the "
     "alliance.", "Dana Whitfield"),
    # a legislator is no voice of the government: the country stays the actor
    ("Senator Carl Ames of Ohio said the United States backed Ukraine's bid to join the "
     "alliance.", "United States"),
])
def test_a_country_acting_in_its_leaders_reported_words_acts_through_the_leader(analyse, text, actor):
    events = found(analyse(text), "SUPPORT")
    assert [names(e.actor) for e in events] == [[actor]]


def test_the_thing_sent_is_no_recipient_when_the_text_says_whom_it_goes_to(analyse):
    doc = analyse("Berlin is weighing more help. Defence Minister Ilse Brandt of Germany said "
                  "Germany would send tanks to Ukraine.")
    sends = [e for e in doc._.ng_events if e.trigger_text == "send"]
    assert sends, [(e.type, e.trigger_text) for e in doc._.ng_events]
    assert [names(e.recipient) for e in sends] == [["Ukraine"]]


@pytest.mark.parametrize("text, event_type", [
    # what the subject wins or receives comes from the from- or of-phrase
    ("Britain's cabinet met in London on Monday. Home Secretary Ann Lowe won broad support "
     "from the Unionist parties.", "SUPPORT"),
    ("Britain's cabinet met in London on Monday. Home Secretary Ann Lowe won the backing of "
     "the Unionist parties.", "SUPPORT"),
    ("Britain's cabinet met in London on Monday. Home Secretary Ann Lowe is under pressure "
     "from the Unionist parties to resign.", "REQUEST"),
])
def test_what_a_party_receives_comes_from_the_giver(analyse, text, event_type):
    events = found(analyse(text), event_type)
    assert [(names(e.actor), names(e.recipient)) for e in events] == [(["Unionist parties"], ["Ann Lowe"])]


def test_support_nobody_gives_is_no_event(analyse):
    doc = analyse("Britain's cabinet met in London on Monday. Public support for the war fell.")
    assert not realised(doc, "SUPPORT")


def test_parties_to_a_dispute_are_not_political_parties(analyse):
    doc = analyse("Britain's cabinet met in London on Monday. Talks may end if cooperation by "
                  "all parties fails, the foreign secretary said.")
    assert not any(p.sector == "PTY" for e in doc._.ng_events for p in e.actor + e.recipient)


def test_the_noun_of_a_light_verb_phrase_is_no_party_its_object_is(analyse):
    doc = analyse("The dockers' unions have voiced their anger at the Indian government's reform plans.")
    events = found(doc, "ACCUSE")
    assert [p.country for e in events for p in e.recipient] == ["IND"], \
        [(e.trigger_text, names(e.recipient)) for e in events]


def test_a_possessing_institution_stands_for_its_country(analyse):
    # and the unions of a country are not its government
    doc = analyse("India is debating the reforms in New Delhi. The dockers' unions in Mumbai have "
                  "voiced their anger at the government's reform plans.")
    events = found(doc, "ACCUSE")
    assert [p.country for e in events for p in e.recipient] == ["IND"], \
        [(e.trigger_text, names(e.recipient)) for e in events]


@pytest.mark.parametrize("text, actor, recipient", [
    ("The World Bank's $2bn aid package for Kenya was approved on Monday.", "World Bank", "Kenya"),
    ("Norway sent an aid convoy to Haiti.", "Norway", "Haiti"),
])
def test_an_event_noun_modifying_a_package_takes_the_package_phrase_roles(analyse, text, actor, recipient):
    """"an aid package for Kenya": the for-phrase and the possessor belong to the aid."""
    aid = found(analyse(text), "AID")
    assert any(names(e.actor) == [actor] and names(e.recipient) == [recipient] for e in aid), \
        [(names(e.actor), names(e.recipient), e.trigger_text) for e in aid]


def test_an_act_criticised_is_coded_too_and_its_doer_is_the_one_criticised(analyse):
    doc = analyse("Senator Dana Whitfield opposed the Canadian government's talks with Iran on Monday.")
    [talks] = found(doc, "CONSULT")
    assert "Iran" in names(talks.actor)
    judged = [e for e in doc._.ng_events if e.type in ("REJECT", "ACCUSE")]
    assert judged and all("Iran" not in names(e.recipient) for e in judged)


def test_an_act_only_asked_for_is_not_coded_as_done(analyse):
    doc = analyse("Senator Dana Whitfield urged the government to hold talks with Iran.")
    assert not realised(doc, "CONSULT")
