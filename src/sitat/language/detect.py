"""Tell Bokmål from Nynorsk, per article."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetectorBuilder

_CODES = {Language.BOKMAL: "nb", Language.NYNORSK: "nn"}


@lru_cache(maxsize=1)
def _detector():
    # Only the two written standards: every article we get is Norwegian, and a two-way
    # choice is both faster and more reliable than picking among all of lingua's languages.
    return LanguageDetectorBuilder.from_languages(*_CODES).with_preloaded_language_models().build()


def detect_standard(text: str) -> str:
    """Return "nb" or "nn" for a Norwegian text (Bokmål when the text gives no evidence).

    text (str): the article text, or any part of it.
    RETURNS (str): "nb" or "nn".
    """
    sample = text[:5000]
    if not sample.strip():
        return "nb"
    language = _detector().detect_language_of(sample)
    return _CODES.get(language, "nb")
