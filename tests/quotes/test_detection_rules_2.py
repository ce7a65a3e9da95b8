"""Quote detection rules learned from the dev errors of issue 3: narration in flattened text,
naming with "som", questions, clause ends, continued complements, noun cues and "ifølge" sources."""

from __future__ import annotations

import sitat


def quotes(text: str, lang: str = "nb") -> list[tuple[str, str]]:
    return [(q.text, q.type) for q in sitat.extract(text, lang=lang).quotes]


def texts(text: str, lang: str = "nb") -> list[str]:
    return [t for t, _ in quotes(text, lang)]


# --- unattributed dash quotes in text without paragraph breaks ---

def test_a_pronoun_sentence_stays_in_an_unattributed_dash_quote():
    text = ("Butikken\n\n- Vi åpnet i fjor, sier Kari Dahl.\n\n"
            "- Det har gått bra. Kundene kommer tilbake, og de handler mer enn før.")
    assert "Det har gått bra. Kundene kommer tilbake, og de handler mer enn før." in texts(text)


def test_a_sentence_naming_someone_ends_an_unattributed_dash_quote():
    text = ("Butikken\n\n- Vi åpnet i fjor, sier Kari Dahl.\n\n"
            "- Det har gått bra. Kundene kommer tilbake. Ola Nordmann driver kafeen ved siden av.")
    found = texts(text)
    assert "Det har gått bra. Kundene kommer tilbake." in found
    assert not any("Ola Nordmann" in t for t in found)


def test_reported_speech_of_a_named_person_ends_an_unattributed_dash_quote():
    text = ("Boka\n\n- Jeg skrev den på ett år, sier forfatteren Kari Dahl.\n\n"
            "- Det var en hard vinter. Tangvald mener likevel at boka kan diskuteres.")
    found = texts(text)
    assert "Det var en hard vinter." in found
    assert "boka kan diskuteres" in found


def test_the_speakers_own_generic_man_si_at_stays_in_the_quote():
    text = ("Boka\n\n- Jeg skrev den på ett år, sier forfatteren Kari Dahl.\n\n"
            "- Det var en hard vinter. Man kan si at boka handler om kampen for å skrive.")
    assert "Det var en hard vinter. Man kan si at boka handler om kampen for å skrive." in texts(text)


def test_a_caption_run_into_an_unattributed_dash_quote_ends_it():
    text = ("Fiskeværet\n\n- Jeg vokste opp i Storvika, sier Signe Dahl.\n\n"
            "- Vi hadde det fint der. Det var langt til skolen. Sommerglede: Barna bader i fjæra ved Nordneset.")
    found = texts(text)
    assert "Vi hadde det fint der. Det var langt til skolen." in found
    assert not any("bader i fjæra" in t for t in found)


def test_a_short_question_to_du_is_the_interviewers():
    text = ("Intervjuet\n\n- Mat er politikk, sier Signe Dahl.\n\n"
            "- Mat er politikk. Er det derfor du skrev en hel bok om poteter?")
    assert texts(text) == ["Mat er politikk"]


# --- naming verbs ---

def test_beskrive_counts_only_with_som():
    text = "Romanen\n\nSelv om hun beskriver konfliktene og sinnet i bygda, er romanen mest en kjærlighetshistorie."
    assert texts(text) == []
    found = texts("Møtet\n\nStatsministeren beskrev møtet med kollegene som konstruktivt.")
    assert found == ["konstruktivt"]


def test_nevne_x_som_y_names_y():
    text = "Skolen\n\nRektor Tangen nevner leksehjelpen som et viktig tilbud for elevene."
    assert texts(text) == ["et viktig tilbud for elevene"]


def test_a_name_in_common_use_is_no_statement():
    text = "Bussen\n\nFram til i fjor nytta skulen ein gamal buss, populært kalla «mjølkeruta»."
    assert texts(text, "nn") == []
    assert texts("Stien\n\nDei sykla forbi det som vert kalla Kvernbakken.", "nn") == []


def test_naming_question_put_to_the_interviewee_is_no_statement():
    assert texts("Intervjuet\n\nKalte hun deg ikke landets beste kokk?") == []


# --- verb first, conjunctions and relative clauses ---

def test_a_reporting_verb_first_in_the_sentence_is_a_condition_not_a_report():
    text = "Hagen\n\nMener hun at hagen din er for vill, så kommer hun gjerne med råd til eieren."
    assert texts(text) == []


def test_etter_at_is_no_complement_of_the_verb():
    text = "Stafetten\n\nEirik heldt unna på siste runde, seier Per Stakkestad etter at laget sikra sølvet."
    assert not any(t.startswith("laget sikra") for t in texts(text, "nn"))


def test_a_second_speaker_after_og_ends_the_first_complement():
    text = ("Brua\n\nGranskinga synte at brua hadde rustskadar og vegsjefen meinte "
            "reparasjonen ikkje var god nok.")
    found = texts(text, "nn")
    assert "brua hadde rustskadar" in found
    assert "reparasjonen ikkje var god nok" in found


def test_mens_after_a_comma_ends_the_complement():
    text = ("Innlegget\n\nNaboene mente en rektor ikke burde skrive slikt, mens flere foreldre "
            "og lærere forsvarte innlegget.")
    assert "en rektor ikke burde skrive slikt" in texts(text)


def test_a_comma_closing_a_relative_clause_keeps_the_complement_whole():
    text = "Trening\n\nBrennvoll mener at tiltak som får eldre til å bevege seg mer, er et gode."
    assert texts(text) == ["tiltak som får eldre til å bevege seg mer, er et gode"]


def test_det_han_mener_er_is_a_relative_clause():
    text = "Budsjettet\n\nNå tar hun et oppgjør med det hun mener er sløsing fra styret."
    assert texts(text) == []


def test_a_relative_som_is_subject_enough_for_a_bare_clause():
    text = "Klubben\n\nI klubben er det lett å finne medlemmer som mener banen bør stenges i vinter."
    assert texts(text) == ["banen bør stenges i vinter"]


# --- the same speaker's words inside their own reported speech ---

def test_the_speakers_own_opinion_inside_reported_speech_is_no_second_quote():
    text = ("Dugnaden\n\nHo ler når ho fortel at ho ikkje trur hagen hadde vorte så fin "
            "utan hjelp frå naboen.")
    found = texts(text, "nn")
    assert len(found) == 1 and found[0].startswith("ho ikkje trur")


def test_a_sentence_opening_with_at_continues_the_reported_speech():
    text = ("Vaktmesteren\n\nSveinhaug hevder at han er offer for en heksejakt. "
            "At styret lenge har ønsket å fjerne ham, og gjør alt for å presse ham ut.")
    found = texts(text)
    assert "han er offer for en heksejakt" in found
    assert "styret lenge har ønsket å fjerne ham, og gjør alt for å presse ham ut" in found


# --- new cues ---

def test_fikk_beskjed_om_at_reports_what_was_said():
    text = "Sykehuset\n\nEtter kontrollen fikk 62-åringen beskjed om at hofta måtte byttes."
    assert texts(text) == ["hofta måtte byttes"]


def test_the_subject_inside_a_long_phrase():
    text = "Prisen\n\nI helsinga si la ordførar Tveitnes vekt på at paret har gjort bygda kjend."
    assert texts(text, "nn") == ["paret har gjort bygda kjend"]


def test_the_tail_of_a_split_phrase_passes_the_cue_prefilter():
    from sitat.extract import cue_filter
    from sitat.language import load

    doc = load("nb").make_doc("Etter kontrollen fikk 62-åringen beskjed om at operasjonen var nødvendig.")
    assert cue_filter().needs_parse(doc)


def test_ifolge_after_the_complement_is_not_part_of_it():
    text = ("Sykehuset\n\nEtter kontrollen fikk 62-åringen beskjed om at hofta måtte byttes, "
            "ifølge avisen.")
    assert "hofta måtte byttes" in texts(text)


def test_a_noun_of_saying_with_om_at():
    text = "Tomta\n\nHaugviks tanker om at kommunen kan selge tomta, vekker debatt i bystyret."
    assert "kommunen kan selge tomta" in texts(text)


def test_gar_det_fram_at_reports_a_document():
    text = "Museet\n\nAv årsmeldinga går det fram at museet har fått 87 nye gåver."
    assert texts(text, "nn") == ["museet har fått 87 nye gåver"]


def test_kyte_after_a_bare_clause_is_indirect_speech():
    text = "Naustet\n\nDei har måla naustet og skifta taket sjølve, kyter Ola Sagvold."
    assert quotes(text, "nn") == [("Dei har måla naustet og skifta taket sjølve", "indirect")]


# --- "ifølge" sources ---

def test_ifolge_en_av_x():
    text = "Festivalen\n\nIfølge en av festivalens vakter var det rundt 300 gjester som kom inn uten billett."
    assert texts(text) == ["var det rundt 300 gjester som kom inn uten billett"]


def test_i_fylgje_after_the_clause():
    text = "Garden\n\nFør laget tok over garden stod fjøset tomt i over ti år, i fylgje Sagvold."
    assert texts(text, "nn") == ["Før laget tok over garden stod fjøset tomt i over ti år"]


def test_a_relative_clause_in_the_ifolge_source_ends_at_its_comma():
    text = "Festen\n\nI følgje ein nabo lokalavisa har prata med, skal to av gjestene ha forlate festen tidleg."
    assert texts(text, "nn") == ["skal to av gjestene ha forlate festen tidleg"]


def test_ifolge_after_men_opens_its_own_clause():
    text = ("Forhandlingene\n\nHva som ble avtalt i forhandlingene er fortsatt uklart, men ifølge flere lokale aviser skal "
            "partene ha funnet en mulig løsning.")
    assert texts(text) == ["skal partene ha funnet en mulig løsning"]


# --- not statements written as two words, and more cue shapes ---

def test_det_viste_seg_at_is_no_report():
    text = "Brannen\n\nBrannen starta på loftet, men det viste seg at ingen var heime."
    assert texts(text, "nn") == []


def test_negation_before_the_verb_in_a_subordinate_clause():
    text = "Gymsalen\n\nRektoren, som ikkje la skjul på at ho var lei seg, ville ha ny gymsal."
    assert texts(text, "nn") == ["ho var lei seg"]


def test_det_viser_a_report_frames_the_sentence_before():
    text = ("Strømpris\n\nHusholdningene må belage seg på høyere strømpriser i vinter. "
            "Det viser en ny prognose fra Norges vassdrags- og energidirektorat.")
    assert texts(text) == ["Husholdningene må belage seg på høyere strømpriser i vinter"]


def test_quote_marks_attributed_in_a_som_clause():
    text = ("Svømmehallen\n\nUtspillet om å «legge ned byens eneste svømmehall», som Fjellvik "
            "sa til avisen i går, har skapt sterke reaksjoner.")
    found = sitat.extract(text, lang="nb").quotes
    assert [(q.text, q.speaker.name) for q in found] == [("legge ned byens eneste svømmehall", "Fjellvik")]


def test_an_infinitive_with_no_subject_is_nobodys_statement():
    text = "Målingen\n\nVed tolkningen av målingen er det viktig å understreke at utvalget var lite."
    assert texts(text) == []
    # With a subject up the verb chain it is the subject's statement.
    found = texts("Anken\n\nHan var raskt ute med å kunngjøre at laget vil anke dommen.")
    assert found == ["laget vil anke dommen"]


def test_a_document_that_says_nothing_about_it_reports_nothing():
    text = "Kjøpet\n\nI referatet fra møtet står det likevel ingenting om at styret hadde godkjent kjøpet."
    assert texts(text) == []
    assert texts("Kjøpet\n\nI referatet står det at styret hadde godkjent kjøpet.") == ["styret hadde godkjent kjøpet"]
