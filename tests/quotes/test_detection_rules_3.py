"""Quote detection rules learned from the train split: attributions that wrap around their subject
("legger hun til", "skal han ha sagt"), more speakers listed after the attribution, and Nynorsk
and passive reporting forms that had only a Bokmål row in the lexicon."""

from __future__ import annotations

import sitat


def quotes(text: str, lang: str = "nb") -> list[tuple[str, str]]:
    return [(q.text, q.type) for q in sitat.extract(text, lang=lang).quotes]


def texts(text: str, lang: str = "nb") -> list[str]:
    return [t for t, _ in quotes(text, lang)]


# --- inverted attributions with the subject inside the verb ---

def test_a_particle_verb_around_a_pronoun_attributes_a_dash_quote():
    text = "Budsjettet\n\n- Men vi gir oss ikke før saken er avgjort, legger hun til."
    assert texts(text) == ["Men vi gir oss ikke før saken er avgjort"]


def test_a_particle_verb_around_a_name_attributes_a_nynorsk_dash_quote():
    text = "Sjukehuset\n\n- Dei som bur ytst i fylket, må køyre i tre timar, la Ola Haugen til."
    found = sitat.extract(text, lang="nn").quotes
    assert [q.text for q in found] == ["Dei som bur ytst i fylket, må køyre i tre timar"]
    assert found[0].speaker is not None and found[0].speaker.name == "Ola Haugen"


def test_a_hearsay_modal_with_a_perfect_attributes_a_dash_quote():
    text = ("Festen\n\n- Vi har bryllaup. Kom tilbake seinare, skal den tilsette ha sagt. "
            "Kontrollørane i kommunen reagerer skarpt på svaret.")
    found = texts(text, "nn")
    assert "Vi har bryllaup. Kom tilbake seinare" in found
    assert not any("reagerer" in t for t in found)


def test_a_modal_without_a_reporting_perfect_is_no_attribution():
    text = "Planen\n\n- Vi bygger ut i vår, skal kommunen ha bestemt. Naboene er glade for det."
    assert not any(t == "Vi bygger ut i vår" for t in texts(text))


# --- more speakers after the attribution ---

def test_a_list_of_speakers_after_the_attribution_is_not_more_quote():
    text = ("Skulen\n\n- Det er galskap å flytte mellomtrinnet til sentrum, hevdar lærar ved skulen, "
            "Kari Nes, foreldre og elevar i grenda. Ungane må då ta buss i ein time kvar dag.")
    found = texts(text, "nn")
    assert "Det er galskap å flytte mellomtrinnet til sentrum" in found
    assert not any("foreldre og elevar" in t for t in found)


def test_the_second_half_of_a_quote_split_by_its_attribution_stays_in_it():
    text = "Saka\n\n- Dette, seier han, er heilt feil av kommunen."
    assert texts(text, "nn") == ["Dette, seier han, er heilt feil av kommunen."]


# --- Nynorsk and passive reporting forms ---

def test_nynorsk_onskjer_at_reports_a_wish():
    text = "Ordføraren ønskjer at departementet gjev klare føringar for dei nye sentra."
    assert quotes(text, "nn") == [("departementet gjev klare føringar for dei nye sentra", "indirect")]


def test_a_passive_participle_reports_a_clause_without_a_speaker():
    text = "Kommunen bad om ei forklaring. Det vart då presisert at alle kontrollørar skal sleppe inn."
    assert "alle kontrollørar skal sleppe inn" in texts(text, "nn")


def test_fa_fram_at_states_the_speakers_point():
    text = "Ordføraren ville få fram at mange i fylket har lange avstandar til sjukehuset."
    assert texts(text, "nn") == ["mange i fylket har lange avstandar til sjukehuset"]


def test_er_redde_takes_a_bare_clause_but_not_an_infinitive():
    assert texts("Foreldra er redde dette er det fyrste steget mot nedlegging.", "nn") == [
        "dette er det fyrste steget mot nedlegging"]
    assert texts("Foreldra er redde for å miste skulen i grenda.", "nn") == []


def test_fremholder_at_reports_a_statement():
    text = "Forsvareren fremholder også at analysemetoden ikke er kjent i Norge."
    assert texts(text) == ["analysemetoden ikke er kjent i Norge"]


def test_hevdes_det_at_reports_a_statement_without_a_speaker():
    text = "I rapporten hevdes det imidlertid at tallene fra kommunen er feil."
    assert texts(text) == ["tallene fra kommunen er feil"]


# --- "ifølge" inside a relative clause ---

def test_ifolge_after_som_vouches_for_the_relative_clause_only():
    text = "Sjåføren, som ifølge politiet var kraftig beruset, ble pågrepet i natt."
    found = quotes(text)
    assert ("var kraftig beruset", "indirect") in found
    assert not any("pågrepet" in t for t, _ in found)


# --- ", som X seier." closing a sentence ---

def test_som_speaker_verb_at_the_end_attributes_the_sentence_before_it():
    text = "Ho avviser kritikken. Tvert om har det vakse fram eit klima som gjev dei mot, som ho seier."
    assert ("Tvert om har det vakse fram eit klima som gjev dei mot", "indirect") in quotes(text, "nn")


def test_a_relative_clause_with_a_non_reporting_verb_is_no_attribution():
    assert texts("Han helste på naboen i gata, som smilte.", "nn") == []
