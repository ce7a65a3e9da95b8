"""Copy a trained pipeline into the package (src/sitat/language/model) with its meta.json filled in.

Usage: python training/install_model.py training/output/w128/model-best [--scores scores.json]

Records the model's version, the data commits it was trained on, the training config and,
when given, the scores `sitat eval language --json` measured, so `sitat info` can show them.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import srsly

TARGET = Path(__file__).parent.parent / "src" / "sitat" / "language" / "model"

# The upstream commits of the shared data (from ../shared/data/README.md).
DATA_SOURCES = [
    {"name": "NorNE (ltgoslo/norne), NDT chunk files with NE tags", "commit": "bd311de55b5a7fc1255aee7b088364f8271c2330",
     "license": "CC0 annotations; texts by permission of the National Library of Norway"},
]


def install(model: Path, *, scores: Path | None = None, version: str | None = None) -> Path:
    meta = srsly.read_json(model / "meta.json")
    meta["name"] = "sitat_nb_nn"
    meta["version"] = version or meta.get("version", "0.0.0")
    meta["description"] = (
        "sitat's joint Bokmål + Nynorsk pipeline (tokenizer rules for news, tagger, lemmatizer, "
        "parser, NER with the NorNE types), trained on NDT + NorNE train splits."
    )
    meta["sources"] = DATA_SOURCES
    meta["license"] = "CC BY-SA 4.0 (trained on data distributed under CC BY-SA 4.0 / CC0)"
    if scores is not None:
        meta["sitat_eval_language"] = json.loads(scores.read_text())
    if TARGET.exists():
        shutil.rmtree(TARGET)
    # Only what spaCy needs to load the pipeline; training leftovers stay behind.
    shutil.copytree(model, TARGET, ignore=shutil.ignore_patterns("*.tmp"))
    srsly.write_json(TARGET / "meta.json", meta)
    return TARGET


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--scores", type=Path, default=None, help="JSON from `sitat eval language --json`")
    parser.add_argument("--version", default=None)
    args = parser.parse_args()
    target = install(args.model, scores=args.scores, version=args.version)
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    print(f"installed {args.model} -> {target} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
