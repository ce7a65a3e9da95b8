"""`sitat eval language`: score the shipped pipeline on the NorNE/NDT dev or test split."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from spacy.scorer import Scorer
from spacy.training import Example

from ..errors import Errors, SitatError
from ..language.ndt import chunks, data_dir, read_chunk, sentences_to_doc
from ..language.pipeline import load

# NDT's punctuation labels; UAS/LAS leave punctuation out, as the published scores do.
PUNCT_LABELS = ("IP", "IK")
SENTENCES_PER_DOC = 10


def gold_docs(lang: str, split: str, data: Path, vocab) -> list:
    files = chunks(lang, split, data)
    if not files:
        raise SitatError(Errors.E030.format(path=data))
    docs = []
    for path in files:
        batch = []
        for sentence in read_chunk(path):
            batch.append(sentence)
            if len(batch) == SENTENCES_PER_DOC:
                docs.append(sentences_to_doc(vocab, batch))
                batch = []
        if batch:
            docs.append(sentences_to_doc(vocab, batch))
    return docs


def evaluate_language(lang: str, split: str, *, data: Path | None = None) -> dict[str, Any]:
    """NER P/R/F (overall and per type), POS, UAS, LAS, lemma accuracy and words/s.

    RETURNS (dict): fractions in 0..1, plus ``words_per_second`` and ``words``.
    """
    root = data_dir(data)
    if not (root / f"norne-{lang}" / "ndt").is_dir():
        raise SitatError(Errors.E030.format(path=root))
    nlp = load(lang)
    golds = gold_docs(lang, split, root, nlp.vocab)
    texts = [doc.text for doc in golds]
    list(nlp.pipe(texts[:20], batch_size=64))  # warm up (allocations, lazy tables) before timing
    started = time.perf_counter()
    predicted = list(nlp.pipe(texts, batch_size=64))
    seconds = time.perf_counter() - started
    examples = [Example(p, g) for p, g in zip(predicted, golds)]
    words = sum(len(g) for g in golds)
    ents = Scorer.score_spans(examples, "ents")
    tags = Scorer.score_token_attr(examples, "tag")
    pos = Scorer.score_token_attr(examples, "pos")
    lemmas = Scorer.score_token_attr(examples, "lemma")
    deps = Scorer.score_deps(
        examples, "dep", getter=lambda token, attr: getattr(token, attr), head_attr="head",
        ignore_labels=PUNCT_LABELS,
    )
    sents = Scorer.score_spans(examples, "sents", has_annotation=lambda doc: doc.has_annotation("SENT_START"))
    per_type = {label: round(scores["f"], 4) for label, scores in sorted(ents["ents_per_type"].items())}
    return {
        "ner_f1": round(ents["ents_f"], 4),
        "ner_precision": round(ents["ents_p"], 4),
        "ner_recall": round(ents["ents_r"], 4),
        "ner_per_type": per_type,
        "pos_acc": round(pos["pos_acc"], 4),
        "tag_acc": round(tags["tag_acc"], 4),
        "uas": round(deps["dep_uas"], 4),
        "las": round(deps["dep_las"], 4),
        "lemma_acc": round(lemmas["lemma_acc"], 4),
        "sents_f": round(sents["sents_f"], 4),
        "words_per_second": round(words / seconds),
        "words": words,
    }


def print_language_report(results: dict[str, dict[str, Any]], split: str) -> None:
    console = Console()
    table = Table(title=f"sitat language pipeline, NorNE/NDT {split}")
    table.add_column("metric")
    for lang in results:
        table.add_column(lang, justify="right")
    for key in ("ner_f1", "ner_precision", "ner_recall", "pos_acc", "tag_acc", "uas", "las", "lemma_acc", "sents_f"):
        table.add_row(key, *[f"{r[key] * 100:.1f}" for r in results.values()])
    labels = sorted({label for r in results.values() for label in r["ner_per_type"]})
    for label in labels:
        table.add_row(f"NER {label}", *[f"{r['ner_per_type'].get(label, 0) * 100:.1f}" for r in results.values()])
    table.add_row("words/s", *[f"{r['words_per_second']:,}" for r in results.values()])
    console.print(table)
