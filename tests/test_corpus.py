"""The corpus pass: story clusters for near-copies, one merged event for repeated reports."""

from newsgraph.corpus import finalize
from newsgraph.corpus.stories import signature, similarity
from newsgraph.model import Article, Event, Paragraph, Participant, Records
from newsgraph.store.db import connect
from newsgraph.store.writer import write_batch

STORY = ("The port authority in Gdansk said on Friday that two grain ships had been held at anchor for "
         "three days while inspectors checked their papers. Officials said the checks were routine and "
         "that both vessels would be allowed to sail once customs had finished. The shipping company "
         "declined to comment on the delay, which traders said had pushed up local prices.")
OTHER = ("A court in Valencia fined a regional airline for misleading customers about baggage fees. "
         "The judge said the company had hidden charges in small print and ordered refunds for "
         "passengers who complained during the summer season, according to the ruling.")


def records(text, title, event_date="2024-02-02"):
    art = Article(text=text, paragraphs=[Paragraph(0, 0, len(text))], title=title)
    ev = Event(type="COERCE", trigger_start=0, trigger_end=4, trigger_text="held", sentence_start=0,
               sentence_end=20, date=event_date,
               actor=[Participant("actor", "Poland", None, "port authority", "POL", "GOV")])
    return Records(art, events=[ev])


def test_signature_similarity_tracks_overlap():
    edited = STORY.replace("three days", "four days").replace("declined", "refused")
    assert similarity(signature(STORY), signature(edited)) > 0.6
    assert similarity(signature(STORY), signature(OTHER)) < 0.2
    assert signature(STORY) == signature(STORY)  # deterministic


def test_near_copies_share_a_cluster_and_events_merge(tmp_path):
    db = connect(tmp_path / "c.db")
    copy = STORY.replace("declined to comment on", "would not discuss") + " (Syndicated.)"
    write_batch(db, [records(STORY, "a"), records(OTHER, "b"), records(copy, "c")])
    first = finalize(db)
    assert first["articles_clustered"] == 3
    clusters = dict(db.execute("SELECT title, cluster_id FROM articles").fetchall())
    assert clusters["a"] == clusters["c"] != clusters["b"]
    merged = db.execute("SELECT count(*) FROM events WHERE merged_event_id IS NOT NULL").fetchone()[0]
    assert merged == 1
    assert finalize(db)["articles_clustered"] == 0  # idempotent


# An article that reports two stories at once: P+Q and Q+R are told apart, P+Q+R bridges them.
_P = ("Port officials in Gdansk said on Friday that two grain ships had been held at anchor for three days "
      "while inspectors checked their papers and weighed the cargo against the manifests filed in Odesa. "
      "A harbour pilot said the crews had been told to stay on board until further notice. ")
_Q = ("The ministry of agriculture said the checks were routine and that both vessels would be allowed to "
      "sail once customs had finished its work. Traders in Warsaw said the delay had already pushed up local "
      "wheat prices, and farmers' unions warned that further holds would leave silos full before the harvest. "
      "The shipping company declined to comment on the inspections, which began after a complaint from a "
      "rival exporter about mislabelled sacks. ")
_R = ("In Brussels, a spokesman for the European Commission said it was following the matter closely and "
      "expected member states to apply the same rules to every cargo arriving from the Black Sea. "
      "Romanian and Bulgarian ports reported no similar holds this week.")


def test_an_article_joining_two_clusters_merges_them(tmp_path):
    left, right, bridge = _P + _Q, _Q + _R, _P + _Q + _R
    assert similarity(signature(left), signature(right)) < 0.6  # on their own: two stories
    db = connect(tmp_path / "c.db")
    write_batch(db, [records(left, "left"), records(right, "right")])
    finalize(db)
    before = dict(db.execute("SELECT title, cluster_id FROM articles").fetchall())
    assert before["left"] != before["right"]
    assert db.execute("SELECT count(*) FROM events WHERE merged_event_id IS NOT NULL").fetchone()[0] == 0

    write_batch(db, [records(bridge, "bridge")])
    result = finalize(db)
    assert result["articles_clustered"] == 1
    after = dict(db.execute("SELECT title, cluster_id FROM articles").fetchall())
    left_id = db.execute("SELECT id FROM articles WHERE title = 'left'").fetchone()[0]
    # one cluster, named after its earliest-ingested member, so the left story's id survives
    assert after == {"left": left_id, "right": left_id, "bridge": left_id}
    # the same event reported by all three now points to the first report
    rows = db.execute("SELECT a.title, e.id, e.merged_event_id FROM events e "
                      "JOIN articles a ON a.id = e.article_id ORDER BY a.rowid").fetchall()
    first = rows[0][1]
    assert [(title, merged) for title, _, merged in rows] == [("left", None), ("right", first), ("bridge", first)]
    assert result["events_merged"] == 2
