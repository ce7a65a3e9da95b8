"""News-specific tokenizer rules on top of spaCy's Norwegian defaults."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.util import compile_prefix_regex

from ..lexicon import read_tsv

# A dash glued to the first word of a quote ("-Vi er klare") is still the dash-dialogue marker.
DASH_BEFORE_WORD = r"[-–—](?=[A-Za-zÆØÅæøåÉé«\"])"


def customize_tokenizer(nlp: Language) -> Language:
    """Add sitat's abbreviations and dash prefix to ``nlp``'s tokenizer, in place.

    The rules are stored with the tokenizer when the pipeline is saved, so a
    pipeline trained after this call needs no code to tokenize the same way.
    """
    for row in read_tsv("sitat.language", "abbreviations.tsv", required=("form",)):
        form = row["form"]
        nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
        capitalised = form[0].upper() + form[1:]
        if capitalised != form:
            nlp.tokenizer.add_special_case(capitalised, [{"ORTH": capitalised}])
    prefixes = [DASH_BEFORE_WORD, *nlp.Defaults.prefixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp


@spacy.registry.callbacks("sitat.news_tokenizer.v1")
def create_news_tokenizer_callback():
    """Config callback (``[initialize.before_init]``) applying ``customize_tokenizer``."""

    def before_init(nlp: Language) -> Language:
        return customize_tokenizer(nlp)

    return before_init
