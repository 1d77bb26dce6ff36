"""BRAT reader and quote scorer, on fixtures written for the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import BadInput
from newsgraph.eval.brat import attributions_from_ann, read_split
from newsgraph.eval.quotes import coverage, match, score, speaker_correct
from newsgraph.model import Entity, Mention, Quote, Speaker

TEXT = "Ms. Park said the tunnel will open in June. It will not, the engineers replied."
# offsets: "Ms. Park" 0-8, "said" 9-13, content 14-42; content 44-55, source 57-70, cue 71-78
ANN = (
    "T1\tSource 0 8\tMs. Park\n"
    "T2\tCue 9 13\tsaid\n"
    "T3\tContent 14 42\tthe tunnel will open in June\n"
    "T4\tAttribution 9 13\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 44 49;50 55\tIt will not\n"
    "T6\tSource 57 70\tthe engineers\n"
    "T7\tCue 71 78\treplied\n"
    "T8\tAttribution-no-source 71 78\treplied\n"
    "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
    "a stray continuation line\n"
    "T9\tCue not-a-number\tjunk\n"
    "E3\tAttribution:T99 Content:T98\n"
)


def quote(start, end, speaker=None, entity_id=None, name=None):
    sp = Speaker(name, entity_id, *speaker, TEXT[speaker[0]:speaker[1]]) if speaker else None
    return Quote(start=start, end=end, content=TEXT[start:end], type="indirect", speaker=sp)


def test_ann_parsing_handles_fragments_and_junk():
    atts = attributions_from_ann(ANN)
    assert len(atts) == 2  # E3 points at nothing and is dropped
    first, second = atts
    assert first.source == [(0, 8)] and first.cue == [(9, 13)] and first.content == [(14, 42)]
    assert second.content == [(44, 49), (50, 55)]
    assert second.content_start == 44 and second.content_end == 55


def test_read_split_picks_one_annotation_per_article(tmp_path: Path):
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "story_bbbb.ann").write_text("", encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "story_aaaa.ann").write_text(ANN, encoding="utf-8")
    docs = read_split(tmp_path, "dev")
    assert len(docs) == 1
    assert docs[0].ann_path.endswith("story_aaaa.ann")
    assert len(docs[0].attributions) == 2


def test_read_split_names_a_missing_layout(tmp_path: Path):
    with pytest.raises(BadInput) as info:
        read_split(tmp_path, "test")
    assert "test" in str(info.value)


def test_coverage_and_one_to_one_matching():
    gold = attributions_from_ann(ANN)
    wide = quote(0, len(TEXT))  # covers both golds, may match only one
    exact = quote(14, 42)
    assert coverage(gold[0], exact) == 1.0
    assert coverage(gold[0], quote(14, 28)) == pytest.approx(0.5)
    pairs = match(gold, [wide, exact], 0.5)
    assert sorted(pairs) == [(0, 1), (1, 0)]
    assert match(gold, [quote(14, 26)], 0.5) == []  # 12/28 < 50%


def test_speaker_rules():
    gold = attributions_from_ann(ANN)
    # span overlap
    assert speaker_correct(TEXT, gold[0], quote(14, 42, speaker=(4, 8)), []) is True
    # same entity through another mention
    ent = Entity(id="e1", name="Jin Park", type="PERSON", mentions=[Mention(0, 8, "Ms. Park", "PERSON")])
    far = Quote(14, 42, "x", "indirect", speaker=Speaker("Jin Park", "e1", 60, 62, "she"))
    assert speaker_correct(TEXT, gold[0], far, [ent]) is True
    # head word of the gold source is a word of the predicted name
    named = Quote(14, 42, "x", "indirect", speaker=Speaker("Jin Park", None, None, None, None))
    assert speaker_correct(TEXT, gold[0], named, []) is True
    wrong = Quote(14, 42, "x", "indirect", speaker=Speaker("the engineers", None, 57, 70, "the engineers"))
    assert speaker_correct(TEXT, gold[0], wrong, []) is False
    assert speaker_correct(TEXT, gold[0], quote(14, 42), []) is False


def test_score_reports_all_figures():
    bdoc_gold = attributions_from_ann(ANN)

    class Doc:
        text = TEXT
        attributions = bdoc_gold

    result = score([(Doc, [quote(14, 42, speaker=(0, 8)), quote(44, 55, speaker=(0, 8))], [])])
    assert result["@50"]["matched"] == 2 and result["@50"]["f1"] == 1.0
    assert result["speaker_accuracy"] == 0.5
    assert result["end_to_end"]["matched"] == 1


SEED = Path(__file__).resolve().parents[2] / "shared" / "cases" / "seed"


@pytest.mark.shared
@pytest.mark.skipif(not (SEED / "gold.json").exists(), reason="seed case not present")
def test_seed_quotes_meet_targets():
    from newsgraph.eval.quotes import evaluate_seed

    result = evaluate_seed(SEED)
    assert result["missed"] == []
    assert result["from_non_body_lines"] == 0
    assert result["precision"] >= 0.9
