"""`sitat eval speakers`: pairwise precision and recall of cross-article speaker identity."""

from __future__ import annotations

from pathlib import Path

from ..errors import Errors, StoreError
from ..extract import extract_many
from ..lexicon import parse_tsv
from ..read.files import read_text_file
from ..store.database import connect, normalise_name
from ..store.writer import Writer



def pairwise_scores(gold: dict[tuple[str, str], str], predicted: dict[tuple[str, str], int | None]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of predicted clusters over the gold mentions.

    gold: (article, normalised name) -> gold cluster; predicted: the same keys -> speaker id
    (None: not found, a cluster of its own). RETURNS: precision, recall, f1, pairs counted.
    """
    keys = sorted(gold)
    tp = fp = fn = 0
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            same_gold = gold[a] == gold[b]
            pa, pb = predicted.get(a), predicted.get(b)
            same_pred = pa is not None and pa == pb
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": tp, "false_pairs": fp, "missed_pairs": fn}


def evaluate_identity(gold_path: str | Path, articles: str | Path, *, nlp=None) -> dict:
    """Ingest the gold's articles into a fresh in-memory store and score the speakers it makes.

    gold_path: a TSV with columns article, name, cluster (``eval/gold/identity.tsv``).
    articles: the folder holding the gold's article files (``tests/articles/identity``).
    RETURNS (dict): pairwise scores, plus the gold mentions sitat did not find (``missing``).
    """
    if not Path(gold_path).is_file():
        raise StoreError(Errors.E031.format(path=gold_path, reason="file not found (run from the repository root)"))
    rows = parse_tsv(Path(gold_path).read_text(encoding="utf-8"), str(gold_path), required=("article", "name", "cluster"))
    files = sorted({r["article"] for r in rows})
    items = [read_text_file(Path(articles) / name) for name in files]
    conn = connect(":memory:")
    try:
        Writer(conn, extractor="eval").write(list(zip(items, extract_many(items, nlp=nlp) if nlp else extract_many(items))))
        gold = {(r["article"], normalise_name(r["name"])): r["cluster"] for r in rows}
        predicted: dict[tuple[str, str], int | None] = {}
        for article, name in gold:
            row = conn.execute("SELECT ap.speaker_id FROM article_speakers ap JOIN articles a ON a.id = ap.article_id "
                               "WHERE a.source = ? AND sitat_norm_name(ap.name) = ?",
                               (str(Path(articles) / article), name)).fetchone()
            predicted[(article, name)] = row[0] if row else None
    finally:
        conn.close()
    scores = pairwise_scores(gold, predicted)
    scores["mentions"] = len(gold)
    scores["missing"] = [f"{a}\t{n}" for (a, n), sid in predicted.items() if sid is None]
    return scores
