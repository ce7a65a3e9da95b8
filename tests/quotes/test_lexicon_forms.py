"""Inflected forms added to the reporting-verb lexicon in the form audit (issue 3): present, past
and perfect forms in both written standards, particle perfects, and verbs that were missing
altogether. Each test fails if its row is removed from reporting_verbs.tsv."""

from __future__ import annotations

import sitat


def found(text: str, lang: str) -> list[tuple[str, str]]:
    return [(q.text, q.type) for q in sitat.extract(text, lang=lang).quotes]


# --- Nynorsk e-verb forms beside the a-verb forms ---

def test_nynorsk_e_verb_present_of_stadfeste_reports_a_clause():
    text = "Brannen\n\nPolitiet stadfester at ein mann i trettiåra er sikta for brannen i sentrum."
    assert found(text, "nn") == [("ein mann i trettiåra er sikta for brannen i sentrum", "indirect")]


def test_nynorsk_e_verb_present_of_paapeike_ends_a_dash_quote():
    text = "Fergja\n\n– Kaia er for kort for dei nye fergjene, påpeiker hamnesjefen."
    assert found(text, "nn") == [("Kaia er for kort for dei nye fergjene", "direct")]


# --- Nynorsk opinion and concession verbs that were missing ---

def test_tykkje_attributes_a_nynorsk_dash_quote():
    text = "Bygda\n\n– Dette er ei god løysing for heile bygda, tykkjer ordføraren."
    assert found(text, "nn") == [("Dette er ei god løysing for heile bygda", "direct")]


def test_vone_reports_a_nynorsk_clause():
    text = "Vegen\n\nOrdføraren vonar at den nye tunnelen opnar før sommaren."
    assert found(text, "nn") == [("den nye tunnelen opnar før sommaren", "indirect")]


def test_medgje_attributes_a_nynorsk_dash_quote():
    text = "Kyrkja\n\n– Vi var for seine med å varsle naboane, medgjev kyrkjevergen."
    assert found(text, "nn") == [("Vi var for seine med å varsle naboane", "direct")]


# --- Bokmål verbs that were missing ---

def test_antyde_reports_a_bokmaal_clause():
    text = "Skatten\n\nFinansministeren antydet at momsen på mat kan bli satt ned neste år."
    assert found(text, "nb") == [("momsen på mat kan bli satt ned neste år", "indirect")]


def test_insistere_attributes_a_dash_quote_to_the_named_speaker():
    text = "Saken\n\n– Vi har fulgt alle regler fra første dag, insisterer daglig leder Kari Holm."
    quotes = sitat.extract(text, lang="nb").quotes
    assert [q.text for q in quotes] == ["Vi har fulgt alle regler fra første dag"]
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Kari Holm"


def test_avkrefte_reports_a_clause_in_both_standards():
    assert found("Kommunen\n\nRådmannen avkrefter at skolen i grenda skal legges ned.", "nb") == [
        ("skolen i grenda skal legges ned", "indirect")]
    assert found("Kommunen\n\nRådmannen avkrefta at skulen i grenda skal leggjast ned.", "nn") == [
        ("skulen i grenda skal leggjast ned", "indirect")]


# --- perfect of a particle verb ---

def test_perfect_of_slaa_fast_reports_a_clause():
    text = "Dommen\n\nLagmannsretten har slått fast at oppsigelsen av sjåføren var ulovlig."
    assert found(text, "nb") == [("oppsigelsen av sjåføren var ulovlig", "indirect")]


# --- forms left out on purpose ---

def test_the_noun_den_mistenkte_is_no_reporting_verb():
    text = "Ranet\n\nDen mistenkte ble pågrepet i en leilighet på Grünerløkka natt til søndag."
    assert found(text, "nb") == []


# --- the two infinitives that are statements after a modal ---

def test_maa_innromme_reports_a_clause():
    text = "Kampen\n\nTreneren må innrømme at laget ikke var godt nok i andre omgang."
    assert found(text, "nb") == [("laget ikke var godt nok i andre omgang", "indirect")]


def test_har_vist_seg_is_no_report():
    text = "Planen\n\nDet har vist seg at planen var altfor dyr for kommunen."
    assert found(text, "nb") == []
