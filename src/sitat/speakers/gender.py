"""Guess a person's likely gender from a first name: SSB's Norwegian names, then gender-guesser."""

from __future__ import annotations

from functools import lru_cache

from ..lexicon import read_tsv
from .lexicon import LEXICON

_GUESSER_ANSWERS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


@lru_cache(maxsize=1)
def _ssb() -> dict[str, str]:
    return {r["name"].lower(): r["gender"] for r in read_tsv(LEXICON, "first_names.tsv", required=("name",))}


@lru_cache(maxsize=1)
def _guesser():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def preload() -> None:
    """Read both name lists now rather than at the first name SSB lacks: gender-guesser parses its
    whole file (some 48,000 lines, about 1.8 s) when first asked, which a long-running worker
    should pay at start-up, as it pays for the pipeline."""
    _ssb()
    _guesser()


@lru_cache(maxsize=4096)
def gender_of_first_name(name: str) -> str | None:
    """"f", "m" or None for a first name ("Jens-Petter" is read by its first part)."""
    first = name.split("-")[0].strip()
    if not first or not first[0].isupper():
        return None
    known = _ssb().get(first.lower())
    if known is not None:
        return known or None
    answer = _guesser().get_gender(first, "norway")
    if answer in ("unknown", "andy"):
        answer = _guesser().get_gender(first)
    return _GUESSER_ANSWERS.get(answer)
