"""Quote detection rules from the dev and train errors of issue 3: where a reported clause ends
(coordination with "men" and "og", lists of verbs, relative clauses), particle verbs with an
adverb inside ("peker også på at"), deny and judge verbs, and objects that only look like clauses."""

from __future__ import annotations

import sitat
from sitat.extract import cue_filter
from sitat.language import load


def texts(text: str, lang: str = "nb") -> list[str]:
    return [q.text for q in sitat.extract("Saka\n\n" + text, lang=lang).quotes]


# --- where the complement ends ---

def test_a_verb_after_men_without_a_subject_goes_on_with_the_complement():
    found = texts("Vaktmesteren innrømmet at han ikke hadde låst døra, men hadde sjekket vinduene.")
    assert found == ["han ikke hadde låst døra, men hadde sjekket vinduene"]


def test_a_verb_of_saying_after_men_is_the_speakers_own_next_statement():
    found = texts("Rektor innrømmer at skolen har for få lærere, men mener at budsjettet er stramt.")
    assert "skolen har for få lærere" in found
    assert "budsjettet er stramt" in found


def test_a_new_subject_after_men_goes_on_unless_it_reports_speech():
    assert texts("Treneren sier at laget er i god form, men det blir tøft mot serielederen.") == [
        "laget er i god form, men det blir tøft mot serielederen"]
    found = texts("Avisa skriver at fergen var forsinket, men rederiet avviser dette.")
    assert found[0] == "fergen var forsinket"


def test_an_adverb_before_the_verb_after_men_opens_a_new_main_clause():
    found = texts("Brannsjefen trur at hallen kan reddast, men no skal han sjå på skadane.", "nn")
    assert found == ["hallen kan reddast"]


def test_a_list_of_verbs_after_a_modal_stays_in_the_complement():
    found = texts("Begge partiene lovet i går at de skulle stanse reformen, endre timeplanene, kutte prøvene "
                  "og flytte ansvaret til fylkene.")
    assert found == ["de skulle stanse reformen, endre timeplanene, kutte prøvene og flytte ansvaret til fylkene"]


def test_a_second_verb_of_saying_without_a_subject_ends_the_complement():
    found = texts("Nettstedet skriver at de har fått lese brevet og beskriver innholdet slik i artikkelen.")
    assert found == ["de har fått lese brevet"]


def test_a_relative_clause_with_the_speakers_view_inside_stays_in_the_complement():
    found = texts("Forskaren seier at nokre grupper har lært at sinne gjev merksemd, som ho meiner "
                  "øydelegg ordskiftet.", "nn")
    assert found == ["nokre grupper har lært at sinne gjev merksemd, som ho meiner øydelegg ordskiftet"]


def test_a_verb_about_a_topic_is_no_second_speaker():
    found = texts("Forfattaren fortalde at fleire i byen ser på henne som bondsk, fordi ho skriv om jordbruk "
                  "og fiske.", "nn")
    assert found == ["fleire i byen ser på henne som bondsk, fordi ho skriv om jordbruk og fiske"]


# --- particle verbs with an adverb inside ---

def test_a_particle_verb_with_an_adverb_inside_reports_its_clause():
    assert texts("Lensmannen pekte også på at veien var glatt den kvelden.") == ["veien var glatt den kvelden"]
    assert texts("Nemnda slo likevel fast at vedtaket var gyldig.") == ["vedtaket var gyldig"]
    assert texts("Lensmannen peikar òg på at vegen var glatt den kvelden.", "nn") == ["vegen var glatt den kvelden"]


def test_the_cue_prefilter_passes_a_particle_verb_with_an_adverb_inside():
    nlp = load("nb")
    assert cue_filter().needs_parse(nlp.make_doc("Nemnda slo likevel fast at vedtaket var gyldig."))


def test_an_adverb_inside_a_particle_verb_needs_an_at_clause():
    assert texts("Lensmannen pekte også på kartet over området.") == []


# --- deny, praise and judge ---

def test_benekte_reports_the_denied_clause():
    assert texts("Rederiet benektet at skipet hadde for lite mannskap.") == ["skipet hadde for lite mannskap"]
    assert texts("Reiarlaget benektar at skipet hadde for lite mannskap.", "nn") == ["skipet hadde for lite mannskap"]


def test_praise_and_judgement_with_som_name_what_something_is():
    assert texts("De sakkyndige vurderer den siktede som strafferettslig tilregnelig.") == [
        "strafferettslig tilregnelig"]
    assert texts("Supporterane hylla keeparen som kveldens store helt.", "nn") == ["kveldens store helt"]


def test_som_opening_a_relative_clause_is_not_what_something_is_called():
    assert texts("Kommunen vurderer tiltak som raskt kan hjelpe de eldre i sentrum.") == []


# --- objects that only look like clauses ---

def test_a_verb_inside_a_noun_phrase_makes_no_bare_clause():
    assert texts("Foreldrene frykter lengre skolevei dersom skolen blir lagt ned.") == []
    assert texts("Spillerne kan fort si dumme ting som dommerne reagerer på.") == []
    assert texts("Hun mener skolen er for liten.") == ["skolen er for liten"]


def test_so_much_that_is_a_result_not_a_report():
    assert texts("Funksjonen er blitt ønsket så sterkt at brukerne tilgir de små feilene.") == []


def test_a_second_object_after_a_topic_is_reported():
    found = texts("Lokalavisa har fleire gonger skrive om trekk i klasseromma, og at elevar har frose i timane.", "nn")
    assert found == ["elevar har frose i timane"]


# --- dash quotes attributed in mid-paragraph, with narration after ---

def test_a_speaker_named_as_one_of_a_group_ends_a_dash_quote():
    found = sitat.extract("Flommen\n\n- Vi våknet av at vannet rant inn i kjelleren, sier en av beboerne "
                          "til lokalavisen. Kommunen har satt opp telt ved skolen.", lang="nb").quotes
    assert [q.text for q in found] == ["Vi våknet av at vannet rant inn i kjelleren"]


def test_an_impersonal_attribution_naming_the_text_ends_a_dash_quote():
    found = texts("- Styret ser svært alvorlig på hendelsen, heter det i pressemeldingen. "
                  "Klubben har ikke svart på spørsmål.")
    assert found == ["Styret ser svært alvorlig på hendelsen"]


def test_nynorsk_uttalar_and_gjorde_merksam_paa_end_a_dash_quote():
    assert texts("- Vi må stå saman om skulen i bygda, uttalar Kari Dale. Møtet startar klokka sju.", "nn") == [
        "Vi må stå saman om skulen i bygda"]
    assert texts("- Fristen for klager gjekk ut i går, gjorde ho merksam på. Fleire parti var usamde.", "nn") == [
        "Fristen for klager gjekk ut i går"]


# --- naming with "for", theories, gapped clauses, Nynorsk "forklarar" ---

def test_the_name_in_kalle_x_for_y_starts_after_for():
    assert texts("Kritikerne kaller planen for naiv, og de vil stemme mot.") == ["naiv"]
    assert texts("Naboene kaller brua over elva for «et monster».") == ["«et monster»"]


def test_for_inside_the_name_stays():
    assert texts("Fiskerne kalte vedtaket et hardt slag for kysten.") == ["et hardt slag for kysten"]


def test_a_theory_about_a_clause_reports_it():
    assert texts("Etterforskerne har en teori om at brannen startet i et kjøleskap.") == [
        "brannen startet i et kjøleskap"]


def test_a_gapped_clause_reports_a_second_clause_with_the_same_verb():
    found = sitat.extract("Målingen\n\nI år svarer 40 prosent av medlemmene at klubben bør flytte, "
                          "35 prosent at den bør bli, mens resten ikke har bestemt seg.", lang="nb").quotes
    assert [q.text for q in found] == ["klubben bør flytte", "den bør bli"]


def test_forklarar_attributes_a_nynorsk_dash_quote():
    assert texts("- Vi hadde ikkje nok folk på vakt, forklarar brannsjefen til avisa. Kommunen vil no sjå på saka.",
                 "nn") == ["Vi hadde ikkje nok folk på vakt"]


# --- asides between commas ---

def test_an_aside_between_verb_and_at_is_skipped():
    assert texts("Når hun først har lovet, slik hun gjorde på årsmøtet i fjor, at klubbhuset skal pusses opp, "
                 "står hun ved det.") == ["klubbhuset skal pusses opp"]


def test_a_som_aside_inside_the_sentence_attributes_the_sentence():
    assert texts("Ikke bare var det et stort arbeid, som hun selv skriver i etterordet, å samle brevene.") == [
        "Ikke bare var det et stort arbeid, som hun selv skriver i etterordet, å samle brevene"]
    assert texts("Men, som han sier, bygda har faktisk plass til flere familier.") == [
        "bygda har faktisk plass til flere familier"]


def test_a_som_clause_about_a_topic_is_no_aside():
    assert texts("Saken, som lokalavisen skrev om i går, ble vedtatt i kommunestyret.") == []


def test_stressing_how_something_is_states_it():
    assert texts("Leiaren for aksjonen understreka òg kor viktig fødeavdelinga er for kvinnene i dalen.", "nn") == [
        "kor viktig fødeavdelinga er for kvinnene i dalen"]


def test_every_item_of_a_list_of_infinitives_stays_in_the_complement():
    found = texts("Forsvareren mener at hun umulig kunne rekke å kjøre hjem, hente nøkkelen, låse opp boden "
                  "og kjøre tilbake på ti minutter.")
    assert found == ["hun umulig kunne rekke å kjøre hjem, hente nøkkelen, låse opp boden "
                     "og kjøre tilbake på ti minutter"]


def test_a_title_in_quote_marks_after_a_work_noun_is_no_quote():
    assert texts('I diktet "Byen i regnet" skriver forfatteren om ensomhet og gamle gater.') == []
    assert texts("I romanen «Sommeren som forsvant» skriver hun om oppveksten på Sørlandet.") == []
