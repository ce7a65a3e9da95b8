"""The gold annotations load, their spans verify against the corpus, and the set is big enough."""

from pathlib import Path

import pytest

from sitat.evaluate.gold import load_ndt, load_own

ROOT = Path(__file__).parent.parent.parent
GOLD = ROOT / "eval" / "gold"


def test_own_gold_spans_resolve_in_our_articles():
    docs = load_own(GOLD, ROOT)
    assert len(docs) >= 15
    assert {d.lang for d in docs} == {"nb", "nn"} and {d.split for d in docs} == {"dev", "test"}
    for doc in docs:
        for quote in doc.quotes:
            span = doc.text[quote.start : quote.end]
            assert span == span.strip() and span, (doc.id, span)


@pytest.mark.parametrize("lang, split", [("nb", "dev"), ("nb", "test"), ("nn", "dev"), ("nn", "test")])
def test_ndt_gold_standoff_verifies(corpus_dir, lang, split):
    docs = load_ndt(GOLD, corpus_dir, lang, split)  # raises if any span hash differs
    assert docs and all(d.origin == "ndt" for d in docs)
    assert sum(len(d.quotes) for d in docs) > 100


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_ndt_train_gold_standoff_verifies(corpus_dir, lang):
    # The train split is annotation for tuning, smaller than dev/test but never empty.
    docs = load_ndt(GOLD, corpus_dir, lang, "train")
    assert docs and all(d.origin == "ndt" and d.split == "train" for d in docs)
    assert sum(len(d.quotes) for d in docs) > 40


def test_ndt_gold_covers_enough_news_documents(corpus_dir):
    counts = {lang: sum(len(load_ndt(GOLD, corpus_dir, lang, split)) for split in ("dev", "test")) for lang in ("nb", "nn")}
    assert counts["nb"] >= 60 and counts["nn"] >= 20 and sum(counts.values()) >= 80


def test_ndt_gold_holds_no_corpus_text():
    for path in (GOLD / "ndt").glob("*.jsonl"):
        text = path.read_text(encoding="utf-8")
        assert '"text"' not in text, f"{path} must be standoff only"
