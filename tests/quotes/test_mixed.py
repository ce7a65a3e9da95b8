"""Mixed quotes: indirect speech carrying «…» words, however many sentences the marks span."""

from __future__ import annotations

import sitat


def quotes(text: str, lang: str = "nb"):
    return [(q.text, q.type, q.speaker.name) for q in sitat.extract(text, lang=lang).quotes]


def test_quoted_words_running_past_the_sentence_end_stay_in_one_mixed_quote():
    text = ("Vaktmesteren\n\nRektor Kari Vassbotn skrev et brev i 2019. Hun hevder at Sveinhaug «sjelden svarer "
            "på henvendelser fra lærerne. Jeg har selv mange ganger ventet på deg i ukevis». Det avviser Sveinhaug.")
    found = quotes(text)
    assert ("Sveinhaug «sjelden svarer på henvendelser fra lærerne. Jeg har selv mange ganger ventet på deg i ukevis»",
            "mixed", "Kari Vassbotn") in found
    assert not any(t.startswith("Jeg har selv") for t, _, _ in found)  # no statement of its own


def test_comma_inside_the_marks_does_not_end_the_quote():
    text = ("Romanen\n\nForfattaren Jonas Eikrem sa at «ein roman endrar ikkje verda, men han kan "
            "endre ein lesar».")
    assert quotes(text, "nn") == [("«ein roman endrar ikkje verda, men han kan endre ein lesar»",
                                   "mixed", "Jonas Eikrem")]


def test_speech_reported_inside_an_indirect_quote_keeps_both_layers():
    text = ("Romanen\n\nEikrem opplyste i eit etterord at borgarmeister Alvrik Skarsmo kommenterte utgivinga med å "
            "skrive at ho berre var eit «litterært lureri».")
    inner = [q for q in quotes(text, "nn") if q[0].startswith("ho berre var")]
    assert inner and inner[0][1] == "mixed"


def test_a_multiword_reporting_phrase_starting_with_a_perception_verb_counts():
    text = "Skulen\n\nOrdførar Kari Brekkhus ser ikkje bort frå at skulen kan bli flytta til sentrum. Ho ser at foreldra er uroa."
    found = quotes(text, "nn")
    assert ("skulen kan bli flytta til sentrum", "indirect", "Kari Brekkhus") in found
    assert not any(t.startswith("foreldra er uroa") for t, _, _ in found)  # "ser at" alone is perception
