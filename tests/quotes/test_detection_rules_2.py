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
            "- Det var en hard vinter. Hverven mener likevel at boka kan diskuteres.")
    found = texts(text)
    assert "Det var en hard vinter." in found
    assert "boka kan diskuteres" in found


def test_the_speakers_own_generic_man_si_at_stays_in_the_quote():
    text = ("Boka\n\n- Jeg skrev den på ett år, sier forfatteren Kari Dahl.\n\n"
            "- Det var en hard vinter. Man kan si at boka handler om kampen for å skrive.")
    assert "Det var en hard vinter. Man kan si at boka handler om kampen for å skrive." in texts(text)


def test_a_caption_run_into_an_unattributed_dash_quote_ends_it():
    text = ("Motedronninga\n\n- Jeg vokste opp i Sogndal, sier Signe Dahl.\n\n"
            "- Vi hadde det fint der. Det var langt til byen. Vinterlykke: Familien aker i snøen på St. Hanshaugen.")
    found = texts(text)
    assert "Vi hadde det fint der. Det var langt til byen." in found
    assert not any("aker i snøen" in t for t in found)


def test_a_short_question_to_du_is_the_interviewers():
    text = ("Intervjuet\n\n- Mote er makt, sier Signe Dahl.\n\n"
            "- Mote er makt. Er det store ord du åpner boka med?")
    assert texts(text) == ["Mote er makt"]


# --- naming verbs ---

def test_beskrive_counts_only_with_som():
    text = "Boka\n\nSelv om han beskriver problemene og aggresjonen, er boka mest en hverdagsroman."
    assert texts(text) == []
    found = texts("Møtet\n\nStatsministeren beskrev møtet med kollegene som konstruktivt.")
    assert found == ["konstruktivt"]


def test_nevne_x_som_y_names_y():
    text = "Borten\n\nBerntsen nevner offentlighetsloven som en viktig sak for Borten."
    assert texts(text) == ["en viktig sak for Borten"]


def test_a_name_in_common_use_is_no_statement():
    text = "Orgelet\n\nI mellomtida brukte kyrkja eit tråorgel, populært kalla «salmesykkel»."
    assert texts(text, "nn") == []
    assert texts("Stien\n\nDei gjekk langs det som vert kalla Israelsstigen.", "nn") == []


def test_naming_question_put_to_the_interviewee_is_no_statement():
    assert texts("Intervjuet\n\nKalte han deg ikke Norges beste designer?") == []


# --- verb first, conjunctions and relative clauses ---

def test_a_reporting_verb_first_in_the_sentence_is_a_condition_not_a_report():
    text = "Spillet\n\nMener han at laget ditt ikke er sterkt nok, så kommer han med tips til spillere."
    assert texts(text) == []


def test_etter_at_is_no_complement_of_the_verb():
    text = "Stafetten\n\nTrygve gjorde eit godt løp, seier Odd Hansen etter at laget sikra femteplassen."
    assert not any(t.startswith("laget sikra") for t in texts(text, "nn"))


def test_a_second_speaker_after_og_ends_the_first_complement():
    text = ("Dødsfallet\n\nObduksjonen synte at kvinna leid av blodpropp og fylkeslegen meinte "
            "behandlinga ikkje var forsvarleg.")
    found = texts(text, "nn")
    assert "kvinna leid av blodpropp" in found
    assert "behandlinga ikkje var forsvarleg" in found


def test_mens_after_a_comma_ends_the_complement():
    text = ("Kritikken\n\nKritikerne mente en dommer ikke burde uttale seg slik, mens flere dommere "
            "og eksperter støttet uttalelsene.")
    assert "en dommer ikke burde uttale seg slik" in texts(text)


def test_a_comma_closing_a_relative_clause_keeps_the_complement_whole():
    text = "Mote\n\nFardal mener at alt som får jenter til å føle seg suverene, er veldig bra."
    assert texts(text) == ["alt som får jenter til å føle seg suverene, er veldig bra"]


def test_det_han_mener_er_is_a_relative_clause():
    text = "Eldreomsorgen\n\nNå går han til angrep på det han mener er ansvarsfraskrivelse fra partiet."
    assert texts(text) == []


def test_a_relative_som_is_subject_enough_for_a_bare_clause():
    text = "Ap\n\nI Ap er det lett å finne folk som mener det vil være uansvarlig å vente."
    assert texts(text) == ["det vil være uansvarlig å vente"]


# --- the same speaker's words inside their own reported speech ---

def test_the_speakers_own_opinion_inside_reported_speech_is_no_second_quote():
    text = ("Sommaren\n\nHan smiler når han fortel at han ikkje trur timelønna hadde vore stor "
            "om han hadde rekna på det.")
    found = texts(text, "nn")
    assert len(found) == 1 and found[0].startswith("han ikkje trur")


def test_a_sentence_opening_with_at_continues_the_reported_speech():
    text = ("Dommeren\n\nBertelsen hevder at han er utsatt for en vendetta. "
            "At lederne lenge har villet bli kvitt ham, og bruker alt de kan mot ham.")
    found = texts(text)
    assert "han er utsatt for en vendetta" in found
    assert "lederne lenge har villet bli kvitt ham, og bruker alt de kan mot ham" in found


# --- new cues ---

def test_fikk_beskjed_om_at_reports_what_was_said():
    text = "Sjukehuset\n\nUnder utredningen fikk 47-åringen beskjed om at en transplantasjon var eneste utvei."
    assert texts(text) == ["en transplantasjon var eneste utvei"]


def test_the_subject_inside_a_long_phrase():
    text = "Prisen\n\nI tala si la konsul Carlsten vekt på at dei to har bygd opp ein kulturinstitusjon."
    assert texts(text, "nn") == ["dei to har bygd opp ein kulturinstitusjon"]


def test_the_tail_of_a_split_phrase_passes_the_cue_prefilter():
    from sitat.extract import cue_filter
    from sitat.language import load

    doc = load("nb").make_doc("Under utredningen fikk 47-åringen beskjed om at operasjonen var eneste utvei.")
    assert cue_filter().needs_parse(doc)


def test_ifolge_after_the_complement_is_not_part_of_it():
    text = ("Sjukehuset\n\nUnder utredningen fikk 47-åringen beskjed om at en transplantasjon var eneste utvei, "
            "ifølge avisen.")
    assert "en transplantasjon var eneste utvei" in texts(text)


def test_a_noun_of_saying_with_om_at():
    text = "Valget\n\nSponheims tanker om at Venstre kan støtte budsjettet, vekker debatt i partiet."
    assert "Venstre kan støtte budsjettet" in texts(text)


def test_gar_det_fram_at_reports_a_document():
    text = "Utslepp\n\nAv rapporten går det fram at tilsynet har behandla 344 søknader."
    assert texts(text, "nn") == ["tilsynet har behandla 344 søknader"]


def test_kyte_after_a_bare_clause_is_indirect_speech():
    text = "Kyrkja\n\nDei har sett opp kyrkja og gjort ein kjempejobb, kyter Ola Urbø."
    assert quotes(text, "nn") == [("Dei har sett opp kyrkja og gjort ein kjempejobb", "indirect")]


# --- "ifølge" sources ---

def test_ifolge_en_av_x():
    text = "Kuppet\n\nIfølge en av presidentens livvakter var det rundt 20 soldater som kom."
    assert texts(text) == ["var det rundt 20 soldater som kom"]


def test_i_fylgje_after_the_clause():
    text = "Kyrkja\n\nFør dei tok tak i prosjektet låg det daudt i mange år, i fylgje Urbø."
    assert texts(text, "nn") == ["Før dei tok tak i prosjektet låg det daudt i mange år"]


def test_a_relative_clause_in_the_ifolge_source_ends_at_its_comma():
    text = "Slagsmål\n\nI følgje eit vitne avisa har snakka med, skal nokre av ungdommane ha reist frå staden."
    assert texts(text, "nn") == ["skal nokre av ungdommane ha reist frå staden"]


def test_ifolge_after_men_opens_its_own_clause():
    text = ("Besøket\n\nHva som ble sagt på møtet er ikke kjent, men ifølge flere amerikanske medier skal "
            "besøket ha åpnet en kanal for dialog.")
    assert texts(text) == ["skal besøket ha åpnet en kanal for dialog"]


# --- not statements written as two words, and more cue shapes ---

def test_det_viste_seg_at_is_no_report():
    text = "Slagsmål\n\nKampen skjedde i sentrum, og det viste seg at ein mann var alvorleg skadd."
    assert texts(text, "nn") == []


def test_negation_before_the_verb_in_a_subordinate_clause():
    text = "Brannvernet\n\nOrdføraren, som heller ikkje legg skjul på at ho er skuffa, vil ha stigebil."
    assert texts(text, "nn") == ["ho er skuffa"]


def test_det_viser_a_report_frames_the_sentence_before():
    text = ("Strømpris\n\nHusholdningene må belage seg på høyere strømpriser i vinter. "
            "Det viser en ny prognose fra Norges vassdrags- og energidirektorat.")
    assert texts(text) == ["Husholdningene må belage seg på høyere strømpriser i vinter"]


def test_quote_marks_attributed_in_a_som_clause():
    text = ("Valget\n\nAngrepet på Høyre for å ville «gjenføde tidenes mest upopulære regjering», som Jensen "
            "sa til avisen i går, er god musikk for velgerne.")
    found = sitat.extract(text, lang="nb").quotes
    assert [(q.text, q.speaker.name) for q in found] == [("gjenføde tidenes mest upopulære regjering", "Jensen")]


def test_an_infinitive_with_no_subject_is_nobodys_statement():
    text = "Målingen\n\nNår det gjelder de minste partiene, er det viktig å understreke at feilmarginene er store."
    assert texts(text) == []
    # With a subject up the verb chain it is the subject's statement.
    found = texts("Partiet\n\nHun var tidlig ute med å annonsere at partiet vil stemme for.")
    assert found == ["partiet vil stemme for"]


def test_a_document_that_says_nothing_about_it_reports_nothing():
    text = "Dommeren\n\nI rapporten fra politiet står det ingenting om at dommeren hadde låst døren."
    assert texts(text) == []
    assert texts("Dommeren\n\nI rapporten står det at dommeren hadde låst døren.") == ["dommeren hadde låst døren"]
