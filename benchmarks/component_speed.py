"""CPU seconds per spaCy component of the shipped model, for comparing spaCy builds.

Usage: python benchmarks/component_speed.py [--numpy] [--save-batches FILE | --batches FILE] [--json]

The articles of benchmarks/extract_speed.py, split into paragraphs and batched as `sitat extract`
batches them (256 paragraphs, 4,000 tokens), run through every component but the lemmatizer,
every paragraph parsed. spaCy loads the model as it is (thinc's BLIS for the matrix products);
--numpy routes them through NumPy's BLAS as `sitat.language.load` does.

To time another spaCy build (docs/performance.md, "Which spaCy build runs the parser and NER"),
save the batches with sitat installed, then time them in a virtual environment that has only
that spaCy (it reads the batches and the model, and imports nothing of sitat):

    python benchmarks/component_speed.py --save-batches /tmp/batches.json
    python -m venv /tmp/sp375 && /tmp/sp375/bin/pip install "spacy==3.7.5"
    /tmp/sp375/bin/python benchmarks/component_speed.py --batches /tmp/batches.json
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # before NumPy loads: one process, one core

import argparse
import json
import time
from pathlib import Path

import spacy

MODEL = Path(__file__).parent.parent / "src" / "sitat" / "language" / "model"
SKIPPED = ["trainable_lemmatizer"]  # as sitat.extract.UNUSED_COMPONENTS


def sitat_batches() -> list[list[str]]:
    """The benchmark's paragraphs in the batches `sitat extract` makes of them."""
    from extract_speed import corpus
    from sitat.language import load
    from sitat.language.selective import DEFAULT_BATCH_SIZE, DEFAULT_MAX_TOKENS, _batches
    from sitat.read.paragraphs import split_paragraphs

    nlp = load(None)
    texts = [item.text[p.start : p.end] for item in corpus()
             for p in split_paragraphs(item.text, title_line=item.title_line)]
    return [[doc.text for doc in batch]
            for batch in _batches((nlp.make_doc(t) for t in texts), DEFAULT_BATCH_SIZE, DEFAULT_MAX_TOKENS)]


def measure(batches: list[list[str]], numpy: bool) -> dict:
    nlp = spacy.load(MODEL, exclude=SKIPPED)
    if numpy:
        from sitat.language.pipeline import use_numpy_matmul

        use_numpy_matmul(nlp)
    docs = [[nlp.make_doc(text) for text in batch] for batch in batches]
    seconds = {}
    for name, component in nlp.pipeline:
        started = time.process_time()
        for batch in docs:
            list(component.pipe(batch, batch_size=len(batch)))
        seconds[name] = round(time.process_time() - started, 2)
    return {"spacy": spacy.__version__, "matrix_products": "numpy" if numpy else "thinc",
            "words": sum(len(text.split()) for batch in batches for text in batch),
            "cpu_seconds": seconds, "total": round(sum(seconds.values()), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numpy", action="store_true", help="multiply with NumPy's BLAS, as sitat does")
    parser.add_argument("--save-batches", type=Path, help="write the batches as JSON for another environment")
    parser.add_argument("--batches", type=Path, help="read batches written by --save-batches (needs only spaCy)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    batches = json.loads(args.batches.read_text(encoding="utf-8")) if args.batches else sitat_batches()
    if args.save_batches:
        args.save_batches.write_text(json.dumps(batches, ensure_ascii=False), encoding="utf-8")
    result = measure(batches, args.numpy)
    if args.json:
        print(json.dumps(result))
        return
    print(f"spaCy {result['spacy']}, {result['matrix_products']} matrix products, {result['words']:,} words")
    for name, seconds in result["cpu_seconds"].items():
        print(f"  {name:16} {seconds:6.2f} CPU s")
    print(f"  {'all':16} {result['total']:6.2f} CPU s")


if __name__ == "__main__":
    main()
