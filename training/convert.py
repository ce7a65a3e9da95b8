"""Convert the NDT/NorNE chunk files into spaCy DocBin files for training.

Usage: python training/convert.py [--data DIR] [--out training/corpus]

Writes {train,dev,test}/{nb,nn}.spacy. Roots are relabelled ROOT (spaCy's parser
always predicts ROOT for a root), the ``|`` headline markers are dropped, and the
sentences are grouped into Docs of ten sentences in text order, never across chunk files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from sitat.language.ndt import chunks, data_dir, read_chunk, sentences_to_doc
from sitat.language.tokenizer import customize_tokenizer

SENTENCES_PER_DOC = 10


def convert(lang: str, split: str, data: Path, nlp) -> DocBin:
    doc_bin = DocBin(store_user_data=False)
    for path in chunks(lang, split, data):
        batch = []
        for sentence in read_chunk(path):
            batch.append(sentence)
            if len(batch) == SENTENCES_PER_DOC:
                doc_bin.add(sentences_to_doc(nlp.vocab, batch))
                batch = []
        if batch:
            doc_bin.add(sentences_to_doc(nlp.vocab, batch))
    return doc_bin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="shared data directory (default: $SITAT_DATA or ../shared/data)")
    parser.add_argument("--out", default="training/corpus", type=Path)
    args = parser.parse_args()
    data = data_dir(args.data)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("nb")
    customize_tokenizer(nlp)
    for lang in ("nb", "nn"):
        for split in ("train", "dev", "test"):
            doc_bin = convert(lang, split, data, nlp)
            # One folder per split, so the training corpus reader takes both standards at once.
            target = args.out / split / f"{lang}.spacy"
            target.parent.mkdir(parents=True, exist_ok=True)
            doc_bin.to_disk(target)
            print(f"{target}: {len(doc_bin)} docs")


if __name__ == "__main__":
    main()
