"""Event frames, speech-act and idiom filters, modality as flags (frames.yaml).

A trigger word codes an event only when its frame is filled: these sentences,
written for the tests, check each phenomenon once, not any article's wording.
"""

from __future__ import annotations

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.eval.plover import run, single_text_article
from newsgraph.nlp.plover.frame_spec import AGENT_KINDS, idioms, lexicon, parse_frame, parse_idiom
from newsgraph.nlp.plover.frames import frame_for
from newsgraph.nlp.plover.patterns import load_pattern_file, load_patterns, ontology

PATTERNS = {p.id: p for p in load_patterns()}


@pytest.fixture(scope="module")
def events_nlp():
    from newsgraph.nlp.pipeline import available_components, build_nlp

    wanted = [c for c in ("newsgraph_entities", "newsgraph_timex", "newsgraph_events") if c in available_components()]
    return build_nlp(components=wanted)


def events(nlp, text: str):
    return run(nlp, single_text_article(text, "2024-06-19"))._.ng_events


def types(nlp, text: str, realised: bool = False) -> set[str]:
    return {e.type for e in events(nlp, text) if not realised or not (e.negated or e.hypothetical)}


# ---------------------------------------------------------------- the data

def test_every_type_has_a_frame():
    assert set(lexicon().frames) == set(ontology().types)


def test_frames_say_what_the_issue_asks():
    frames = lexicon().frames
    assert frames["ASSAULT"].object_kinds >= {"person", "place", "state"}
    assert frames["CONSULT"].counterpart and frames["CONSULT"].recipient == "required"
    assert frames["THREATEN"].recipient == "required" and "clause" not in frames["THREATEN"].act
    assert frames["REQUEST"].act and frames["REQUEST"].recipient_kinds == AGENT_KINDS
    assert frames["AID"].recipient == "required" and "aid" in frames["AID"].object_kinds
    assert "group" not in frames["SANCTION"].actor_kinds


def test_a_pattern_overrides_its_types_frame():
    release = frame_for(PATTERNS["retreat-release"])
    assert release.recipient == "required" and frame_for(PATTERNS["retreat-withdraw"]).recipient == "optional"


def test_bad_frame_keys_fail_with_the_entry(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text("patterns:\n  - id: x1\n    type: AID\n    lemmas: [give]\n    example: A gave B.\n"
                    "    frame: {recipient: sometimes}\n", encoding="utf-8")
    with pytest.raises(NewsgraphError, match=r"extra.yaml: pattern #1 \(x1\).*recipient must be one of"):
        load_pattern_file(path)
    with pytest.raises(NewsgraphError, match="unknown kind 'robot'"):
        parse_frame({"recipient_kinds": ["robot"]}, "here", {"person"})
    with pytest.raises(NewsgraphError, match="unknown frame keys"):
        parse_frame({"actors": "required"}, "here", {"person"})


def test_an_idiom_drops_or_recodes_never_both():
    with pytest.raises(NewsgraphError, match="either 'drop: true' or a 'type'"):
        parse_idiom({"id": "x", "lemmas": ["hit"], "example": "A hit B."}, "here", {"person"})
    with pytest.raises(NewsgraphError, match="mode 'beat' is not defined for ACCUSE"):
        parse_idiom({"id": "x", "lemmas": ["hit"], "example": "A hit B.", "type": "ACCUSE", "mode": "beat"},
                    "here", {"person"})


# ---------------------------------------------------------------- every idiom's example

@pytest.mark.slow
@pytest.mark.parametrize("idiom", idioms(), ids=[i.id for i in idioms()])
def test_idiom_example(events_nlp, idiom):
    found = [(e.type, e.mode) for e in events(events_nlp, idiom.example)]
    if idiom.drop:
        assert not [t for t, _ in found if t in (idiom.types or {t for t, _ in found})], \
            f"{idiom.example!r} gave {found}"
    else:
        assert (idiom.type, idiom.mode) in found, f"{idiom.example!r} gave {found}"
        assert not [t for t, _ in found if t in idiom.types], f"{idiom.example!r} gave {found}"


# ---------------------------------------------------------------- frames at work

@pytest.mark.slow
@pytest.mark.parametrize("text, absent", [
    ("The finance minister warned that the economy would slow next year.", "THREATEN"),  # speech, no threat
    ("Councils are to be given powers to close roads.", "AID"),                # powers are no aid
    ("Foreign firms were given an extra year to comply with the rules.", "AID"),
    ("The ministry released the report on Monday.", "RETREAT"),                # a report is no prisoner
    ("Indian exports are set to hit a record this year.", "ASSAULT"),          # a record is no target
    ("Indian exports are set to hit a record this year.", "THREATEN"),
    ("Serbia and Kosovo struck a deal on Monday.", "ASSAULT"),                 # light verb: AGREE
    ("The governor called for an inquiry into the fire.", "CONSULT"),          # "called for": REQUEST
    ("The actress was holding a photo of the president.", "COERCE"),           # a photo is nobody arrested
    ("The French minister met the deficit target.", "CONSULT"),                # no counterpart
    ("The bank called 911 during the robbery.", "CONSULT"),
    ("Animal welfare groups welcomed the ban.", "CONSULT"),                    # a ban is no guest
    ("In the wake of the Orlando attack, the senator demanded new gun laws.", "ASSAULT"),  # a reference
    ("Rebels imposed an embargo on the town.", "SANCTION"),                    # no authority
])
def test_frame_not_met_codes_no_such_event(events_nlp, text, absent):
    assert absent not in types(events_nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize("text, present", [
    ("Iran warned Israel of retaliation.", "THREATEN"),
    ("Serbia and Kosovo struck a deal on Monday.", "AGREE"),
    ("The governor called for an inquiry into the fire.", "REQUEST"),
    ("Animal welfare groups welcomed the ban.", "SUPPORT"),
    ("Serbian and Kosovar negotiators met in Brussels.", "CONSULT"),          # a plural actor is a counterpart
    ("The Egyptian president phoned the Jordanian king on Tuesday.", "CONSULT"),
    ("The United States sanctioned three Iranian banks.", "SANCTION"),
    ("The opposition leader called the prime minister a liar.", "ACCUSE"),
])
def test_frame_met_codes_the_event(events_nlp, text, present):
    assert present in types(events_nlp, text)


# ---------------------------------------------------------------- modality and roles

@pytest.mark.slow
def test_negation_is_a_flag_not_a_type(events_nlp):
    found = events(events_nlp, "Germany has not agreed to send tanks to Ukraine.")
    assert [(e.type, e.negated) for e in found] == [("AGREE", True)]
    released = events(events_nlp, "Iran did not release the British nationals.")
    assert {(e.type, e.negated) for e in released} == {("RETREAT", True)}


@pytest.mark.slow
@pytest.mark.parametrize("text", ["Poland refused to send tanks to Ukraine.", "Hungary will not accept the refugees."])
def test_refusals_stay_reject(events_nlp, text):
    found = events(events_nlp, text)
    assert any(e.type == "REJECT" and not e.negated for e in found), [(e.type, e.negated) for e in found]


@pytest.mark.slow
def test_an_obligation_is_hypothetical(events_nlp):
    assert "CONCEDE" not in types(events_nlp, "Survey data showed India needed to ease rules on foreign investment.",
                                  realised=True)


@pytest.mark.slow
def test_a_demand_is_request_from_the_speaker_to_the_one_who_should_act(events_nlp):
    found = [e for e in events(events_nlp, "The French foreign minister said Mali should hold elections.")
             if e.type == "REQUEST"]
    assert found and found[0].actor[0].country == "FRA"
    assert [p.text for p in found[0].recipient] == ["Mali"]
    urged = [e for e in events(events_nlp, "The opposition leader urged the president to resign.") if e.type == "REQUEST"]
    assert urged and [p.text for p in urged[0].recipient] == ["the president"]


@pytest.mark.slow
def test_passive_by_agent_is_actor_subject_is_recipient(events_nlp):
    found = [e for e in events(events_nlp, "The Russian journalist was arrested by Belarusian police.")
             if e.type == "COERCE"]
    assert found
    assert [p.country for p in found[0].actor] == ["BLR"]
    assert [p.country for p in found[0].recipient] == ["RUS"]


@pytest.mark.slow
def test_a_mandative_subjunctive_makes_its_subject_the_addressee():
    from newsgraph.model import Article, Paragraph
    from newsgraph.nlp.pipeline import build_nlp, make_doc

    nlp = build_nlp()
    text = "Democrats demanded that Attorney General William Barr release the full report."
    doc = nlp(make_doc(nlp, Article(text=text, paragraphs=[Paragraph(0, 0, len(text), "body")],
                                    published="2019-03-25")))
    requests = [e for e in doc._.ng_events if e.type == "REQUEST"]
    assert requests and [p.name for p in requests[0].recipient] == ["William Barr"]
