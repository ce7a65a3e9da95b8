"""Mixed quotes: indirect speech carrying «…» words, however many sentences the marks span."""

from __future__ import annotations

import sitat


def quotes(text: str, lang: str = "nb"):
    return [(q.text, q.type, q.speaker.name) for q in sitat.extract(text, lang=lang).quotes]


def test_quoted_words_running_past_the_sentence_end_stay_in_one_mixed_quote():
    text = ("Dommeren\n\nSorenskriver Kari Bjørnøy skrev et brev i 2010. Hun hevder at Bertelsen «ofte kommer "
            "altfor sent på arbeid. Jeg har selv flere ganger sett deg komme løpende». Det avviser Bertelsen.")
    found = quotes(text)
    assert ("Bertelsen «ofte kommer altfor sent på arbeid. Jeg har selv flere ganger sett deg komme løpende»",
            "mixed", "Kari Bjørnøy") in found
    assert not any(t.startswith("Jeg har selv") for t, _, _ in found)  # no statement of its own


def test_comma_inside_the_marks_does_not_end_the_quote():
    text = ("Muren\n\nForfattaren David Grossman sa at «ein mur stoggar ikkje terror, og du kan ikkje "
            "byggje freden på ein vegg».")
    assert quotes(text, "nn") == [("«ein mur stoggar ikkje terror, og du kan ikkje byggje freden på ein vegg»",
                                   "mixed", "David Grossman")]


def test_speech_reported_inside_an_indirect_quote_keeps_both_layers():
    text = ("Boka\n\nGrossman opplyste i eit føreord at statsminister Yitzak Shamir kommenterte boka med å "
            "seie at ho ikkje var noko anna enn ein «journalistisk fabrikasjon».")
    inner = [q for q in quotes(text, "nn") if q[0].startswith("ho ikkje var")]
    assert inner and inner[0][1] == "mixed"


def test_a_multiword_reporting_phrase_starting_with_a_perception_verb_counts():
    text = "Kyrkja\n\nOrdførar Kari Lie ser ikkje vekk frå at bygningen kan bli bygd opp att. Ho ser at folk er lei seg."
    found = quotes(text, "nn")
    assert ("bygningen kan bli bygd opp att", "indirect", "Kari Lie") in found
    assert not any(t.startswith("folk er lei") for t, _, _ in found)  # "ser at" alone is perception
