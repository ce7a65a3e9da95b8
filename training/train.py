"""Rebuild sitat's shipped Norwegian pipeline from the NDT/NorNE chunk files.

Usage: python training/train.py [--data DIR] [--config training/configs/sitat.cfg]
                                [--output training/output] [--install] [overrides...]

Converts the corpus (training/convert.py), trains with spaCy, and with
--install copies model-best into src/sitat/language/model/ with its meta.json
filled in (version, data commits, scores). Run by hand, never in CI.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from spacy.cli.train import train
from spacy.cli._util import parse_config_overrides

import sitat.language.tokenizer  # noqa: F401  registers sitat.news_tokenizer.v1

HERE = Path(__file__).parent
ROOT = HERE.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--config", default=HERE / "configs" / "sitat.cfg", type=Path)
    parser.add_argument("--output", default=HERE / "output", type=Path)
    parser.add_argument("--install", action="store_true", help="copy model-best into the package")
    args, rest = parser.parse_known_args()
    corpus = HERE / "corpus"
    convert = [sys.executable, str(HERE / "convert.py"), "--out", str(corpus)]
    if args.data:
        convert += ["--data", args.data]
    subprocess.run(convert, check=True)
    overrides = parse_config_overrides(rest)
    overrides.setdefault("paths.train", str(corpus / "train"))
    overrides.setdefault("paths.dev", str(corpus / "dev"))
    overrides.setdefault("paths.tag_map", str(ROOT / "src" / "sitat" / "language" / "tag_map.json"))
    train(args.config, args.output, use_gpu=-1, overrides=overrides)
    if args.install:
        from install_model import install

        install(args.output / "model-best")


if __name__ == "__main__":
    main()
