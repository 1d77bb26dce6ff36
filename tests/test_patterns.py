"""Pattern files: every entry's example fires its type and mode; bad files fail clearly."""

from __future__ import annotations

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.eval.plover import run, single_text_article
from newsgraph.nlp.plover.patterns import load_pattern_file, load_patterns

PATTERNS = load_patterns()


@pytest.fixture(scope="module")
def events_nlp():
    from newsgraph.nlp.pipeline import available_components, build_nlp

    wanted = [c for c in ("newsgraph_entities", "newsgraph_timex", "newsgraph_events") if c in available_components()]
    return build_nlp(components=wanted)


def test_pattern_ids_are_unique_and_examples_present():
    ids = [p.id for p in PATTERNS]
    assert len(ids) == len(set(ids))
    assert all(p.example.strip() for p in PATTERNS)
    assert {p.type for p in PATTERNS} == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
        "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.mark.slow
@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.id for p in PATTERNS])
def test_example_fires_its_type_and_mode(events_nlp, pattern):
    doc = run(events_nlp, single_text_article(pattern.example, "2024-06-19"))
    hits = [(e.type, e.mode) for e in doc._.ng_events]
    assert (pattern.type, pattern.mode) in hits, f"{pattern.example!r} gave {hits}"


def _write(tmp_path, body: str):
    path = tmp_path / "extra.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_unknown_type_is_reported_with_file_and_id(tmp_path):
    path = _write(tmp_path, "patterns:\n  - id: x1\n    type: HUG\n    lemmas: [hug]\n    example: A hugged B.\n")
    with pytest.raises(NewsgraphError, match=r"extra.yaml: pattern #1 \(x1\).*HUG"):
        load_pattern_file(path)


def test_mode_must_belong_to_type(tmp_path):
    path = _write(tmp_path, "patterns:\n  - id: x2\n    type: AID\n    mode: visit\n    lemmas: [give]\n    example: A gave B.\n")
    with pytest.raises(NewsgraphError, match="mode 'visit' is not defined for AID"):
        load_pattern_file(path)


def test_missing_example_is_rejected(tmp_path):
    path = _write(tmp_path, "patterns:\n  - id: x3\n    type: AID\n    lemmas: [give]\n")
    with pytest.raises(NewsgraphError, match="missing required key 'example'"):
        load_pattern_file(path)


def test_yaml_boolean_word_gets_a_hint(tmp_path):
    path = _write(tmp_path, "patterns:\n  - id: x4\n    type: REQUEST\n    lemmas: [call]\n    prep: [on]\n"
                            "    example: A called on B.\n")
    with pytest.raises(NewsgraphError, match='quote words YAML reads as booleans'):
        load_pattern_file(path)


def test_unreadable_file_names_the_path(tmp_path):
    with pytest.raises(NewsgraphError, match="Cannot read patterns file"):
        load_pattern_file(tmp_path / "missing.yaml")


def test_user_file_adds_and_overrides(tmp_path):
    path = _write(tmp_path, "patterns:\n  - id: protest-hug\n    type: PROTEST\n    mode: demo\n"
                            "    lemmas: [picnic]\n    example: Farmers picnicked outside the ministry.\n"
                            "  - id: agree-verb\n    type: AGREE\n    lemmas: [agree]\n    example: A agreed.\n")
    patterns = {p.id: p for p in load_patterns(path)}
    assert "protest-hug" in patterns
    assert patterns["agree-verb"].lemmas == ("agree",)
    assert len(patterns) == len(PATTERNS) + 1
