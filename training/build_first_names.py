"""Build src/sitat/speakers/lexicon/first_names.tsv from Statistics Norway's first-name table.

Usage: python training/build_first_names.py [--data DIR]

Reads names/norwaynames_all.csv (SSB table 10467 via the norwaynames R package, CC BY 4.0) and
writes one row per name with the share of births that were girls, summed over all years.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

from sitat.language.ndt import data_dir

OUT = Path(__file__).parent.parent / "src" / "sitat" / "speakers" / "lexicon" / "first_names.tsv"

HEADER = """\
# Norwegian first names and the share of girls among those given the name (1880-2017).
# Source: Statistics Norway (SSB), table 10467 "born persons by first name", compiled in the
# norwaynames R package by Emily Kothe; CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).
# Built by training/build_first_names.py: yearly percentages summed per sex; gender is f or m
# when one sex has at least 95 % of the weight, else empty. Used to guess a speaker's likely
# gender when no pronoun in the article says it.
name\tgender\tfemale_share\texample
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None)
    args = parser.parse_args()
    weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    with (data_dir(args.data) / "names" / "norwaynames_all.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            weights[row["first_name"]][0 if row["sex"] == "Female" else 1] += float(row["Percent"] or 0)
    with OUT.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for name in sorted(weights):
            female, male = weights[name]
            share = female / (female + male) if female + male else 0.5
            gender = "f" if share >= 0.95 else "m" if share <= 0.05 else ""
            pronoun = {"f": "hun", "m": "han"}.get(gender, "hen")
            out.write(f"{name}\t{gender}\t{share:.3f}\t{name} Berg sier at {pronoun} er fornøyd.\n")
    print(f"{OUT}: {len(weights)} names")


if __name__ == "__main__":
    main()
