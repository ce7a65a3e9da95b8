"""Speaker resolution, fourth set: crossheads that echo a quote further down."""

from __future__ import annotations

from speaker_lookup import speaker_of, speakers_of

import sitat

# --- Crossheads take the speaker whose quote repeats their words ---------------------------------

_LEAD_WITH_CROSSHEADS = (
    "Strid om ny bussvei\n\n"
    "– Altfor dyr løsning\n\n"
    "– Bussene må fram\n\n"
    "Kommunen vil legge en ny bussvei gjennom parken ved Solbakken, og det har skapt sterke reaksjoner blant naboene.\n\n"
    "– Vi har ventet på dette i mange år, sier trafikksjef Eirik Holm i kommunen.\n\n"
    "Han viser til at køene i sentrum har vokst hvert år siden planene ble lagt fram første gang.\n\n"
    "– Bussene må fram hvis folk skal la bilen stå, sier Holm.\n\n"
    "Nabo Randi Solstad leder aksjonen mot veien.\n\n"
    "– Dette er en altfor dyr løsning for et lite nabolag, sier Solstad.\n\n"
    "Saken kommer opp i bystyret i neste måned."
)


def test_crosshead_takes_the_speaker_whose_quote_repeats_its_words():
    # The first attributed quote after the crossheads is Holm's; the words "altfor dyr løsning"
    # are Solstad's, further down.
    assert speaker_of(_LEAD_WITH_CROSSHEADS, "Altfor dyr løsning") == "Randi Solstad"
    assert speaker_of(_LEAD_WITH_CROSSHEADS, "Bussene må fram") == "Eirik Holm"


def test_crosshead_echo_matches_inflected_words_nynorsk():
    text = (
        "Ny hall på Vik\n\n"
        "– Treng større garderobar\n\n"
        "Idrettslaget har venta lenge på ein ny hall, og no er pengane på plass.\n\n"
        "– Dette er ein stor dag for bygda, seier leiar Sigrid Nes i idrettslaget.\n\n"
        "Trenar Ola Bakke gler seg òg, men han peikar på ein ting.\n\n"
        "– Vi treng mykje større garderobe enn det vi har i dag, seier Bakke.\n\n"
        "Hallen skal stå ferdig til hausten."
    )
    assert speaker_of(text, "Treng større garderob", "nn") == "Ola Bakke"


# --- A bare role points back to the holder of a compound role ending in it --------------------------

def test_bare_role_points_back_to_holder_of_compound_role():
    text = (
        "Ny rapport om havet\n\n"
        "Havforsker Tone Vik har fulgt bestanden av makrell langs kysten i femten år.\n\n"
        "– Bestanden har aldri vært mindre enn nå, sier Vik til avisen.\n\n"
        "Fiskeriminister Per Lund (Sp) vil vente med å kutte kvotene.\n\n"
        "– Vi må kutte kvotene allerede neste år, sier forskeren."
    )
    assert speaker_of(text, "Vi må kutte kvotene") == "Tone Vik"


# --- A hotel is an organisation; "hotellet" refers back to it -------------------------------------

def test_definite_hotel_refers_back_to_the_named_hotel_nynorsk():
    text = (
        "Gjestar måtte vente ute\n\n"
        "Fleire gjestar på Strandli hotell i Balestrand måtte vente i to timar på romma sine laurdag.\n\n"
        "– Vi beklagar at nokon måtte vente, men reinhaldet tok lengre tid enn vanleg, skriv hotellet i ein e-post."
    )
    assert speaker_of(text, "Vi beklagar at nokon", "nn") == "Strandli hotell"


# --- An institution named only by a definite noun keeps that name ----------------------------------

def test_institution_named_by_definite_noun_alone_keeps_that_name():
    text = (
        "Uro etter kuppet\n\n"
        "Soldater har tatt kontroll over hovedstaden etter flere dager med uro.\n\n"
        "Ifølge militærregimet skal det holdes valg innen to år."
    )
    assert speaker_of(text, "skal det holdes valg") == "militærregimet"


# --- "«…», heter det i rapporten": the document's issuer speaks ----------------------------------

def test_document_frame_after_a_quote_gives_the_issuer_not_the_voice_before():
    text = (
        "Bråk på kaia\n\n"
        "– Vi fikk melding om slagsmål like etter midnatt, sier operasjonsleder Jon Berge.\n\n"
        "«Mannen var svært aggressiv og ville ikke sette seg i bilen», heter det i politirapporten."
    )
    assert speaker_of(text, "Mannen var svært aggressiv") == "Politiet"


def test_document_frame_report_points_to_the_organisation_named_before():
    text = (
        "Brua må stenges\n\n"
        "Statens vegvesen har gått gjennom alle bruene i fylket etter ulykken i vinter.\n\n"
        "– Dette tar vi på største alvor, sier fylkesordfører Anne Rød.\n\n"
        "«Brua har store skader og bør stenges for tungtransport», heter det i rapporten."
    )
    assert speaker_of(text, "Brua har store skader") == "Statens vegvesen"



# --- An abbreviation the article spells out speaks for its organisation ----------------------------

def test_abbreviation_that_is_also_a_function_word_is_the_organisation_it_stands_for():
    # "DA" is also the word "da" (then, when): in capitals it is the name.
    text = (
        "Strid om dommeren\n\n"
        "Domstoladministrasjonen (DA) har lenge vært kritisk til dommeren i Bergen.\n\n"
        "DA hevder at dommeren har vært borte fra jobben i flere måneder uten å melde fra."
    )
    assert speaker_of(text, "dommeren har vært borte") == "Domstoladministrasjonen"


# --- A name in the title alone does not speak the quotes under it --------------------------------

def test_person_named_only_in_the_title_is_not_the_voice_of_an_opening_quote():
    text = (
        "Erna Solberg som dukke i satireprogram\n\n"
        "– Nå skal jeg ta dere alle\n\n"
        "Et nytt satireprogram på lokal-TV har fått mange klager fra seerne etter første sending.\n\n"
        "Programmet viser en dukke med lyst hår og dress som jager barn rundt i et klasserom."
    )
    article = sitat.extract(text, lang="nb", title_line=True)
    assert [q.speaker.name for q in article.quotes if q.text.startswith("Nå skal jeg ta dere")] == [None]


# --- A meeting's minutes speak for the organisation that wrote them --------------------------------

def test_minutes_are_a_document_of_the_organisation_named_before():
    text = (
        "Tunnelen blir stengt\n\n"
        "Statens vegvesen møttes tirsdag for å drøfte tunnelen under fjorden.\n\n"
        "Ifølge møtereferatet må tunnelen stenges før sommeren."
    )
    assert speaker_of(text, "må tunnelen stenges") == "Statens vegvesen"


# --- A pronoun later in a quoting paragraph is that paragraph's speaker ---------------------------

def test_pronoun_after_a_quote_in_the_same_paragraph_is_its_speaker():
    text = (
        "Fiskerne vil ha svar\n\n"
        "Leder Marit Holm i Kystfiskarlaget er bekymret for kvotene.\n\n"
        "– Vi har sendt tre brev uten å få svar, sier Holm. Laget har også bedt om møte med "
        "fiskeriminister Kari Strand. Hun mener at kystflåten blir glemt når kvotene fordeles."
    )
    assert speaker_of(text, "kystflåten blir glemt") == "Marit Holm"


def test_genitive_of_an_organisation_noun_names_the_documents_issuer():
    text = (
        "Klagen ble avvist\n\n"
        "Familien klaget saken inn for Kunnskapsdepartementet i vinter.\n\n"
        "«Skolen har fulgt reglene, og klagen gis ikke medhold», står det i departementets vurdering av klagen."
    )
    assert speaker_of(text, "Skolen har fulgt reglene") == "Kunnskapsdepartementet"


# --- Two parties joined by "og" speak together, abbreviations included -----------------------------

def test_two_party_abbreviations_joined_by_og_are_one_joint_speaker():
    text = (
        "Strid om skolematen\n\n"
        "Frp og KrF mener at gratis skolemat blir for dyrt for kommunene.\n\n"
        "Ap og SV har lovet at de vil innføre et varmt måltid hver dag."
    )
    found = speakers_of(text)
    assert found["gratis skolemat blir for dyrt for kommunene"] == "Frp og KrF"
    assert found["de vil innføre et varmt måltid hver dag"] == "Ap og SV"


# --- A bare role is not the person its own quote talks about ---------------------------------------

def test_bare_role_is_not_the_person_named_inside_its_quote():
    text = (
        "Dom i tyverisaken\n\n"
        "Tobias Brekke ble fredag dømt til seks måneders fengsel for tyveri fra lageret på Hamar. "
        "Dommeren mente at ingenting tyder på at Brekke planla tyveriet sammen med andre."
    )
    found = [name for quote, name in speakers_of(text).items() if quote.startswith("ingenting tyder på")]
    assert found and found[0] != "Tobias Brekke"


# --- "X har en teori om at …": the view belongs to the one who has it ------------------------------

def test_noun_cue_object_of_have_takes_the_subject_of_have(nlp):
    from spacy.tokens import Doc

    from sitat.quotes.attribution import mention_from_subject

    words = ["Brannvesenet", "har", "en", "teori", "om", "at", "det", "var", "påsatt"]
    doc = Doc(nlp.vocab, words=words, pos=["NOUN", "VERB", "DET", "NOUN", "ADP", "SCONJ", "PRON", "VERB", "ADJ"],
              deps=["SUBJ", "ROOT", "DET", "DOBJ", "ATR", "SBU", "SUBJ", "PUTFYLL", "SPRED"],
              heads=[1, 1, 3, 1, 3, 7, 7, 4, 7])
    assert [t.text for t in mention_from_subject(list(doc), 3)] == ["Brannvesenet"]


# --- "de" is an organisation only when one was named just before -----------------------------------

def test_plural_pronoun_far_from_any_organisation_names_nobody():
    text = (
        "Fiskarane vil ha svar\n\n"
        "Fiskeridirektoratet la fram nye kvotar for kysten i januar. Etter det har mange fiskarar i "
        "nord stått utan arbeid i fleire veker, og dei små bruka i bygdene har mista mykje av inntekta si. "
        "Fleire båtar har lege ved kai heile vinteren, og ingen veit kor lenge det varer. "
        "På kaia i Vardø står garna stabla i høge haugar, og mannskapa har reist heim til familiane sine.\n\n"
        "Dei meiner at kvotane må aukast før sommaren."
    )
    found = [name for quote, name in speakers_of(text, "nn").items() if quote.startswith("kvotane må aukast")]
    assert found == [None]


# --- "som hun selv skriver": the pronoun before "selv" is the speaker ------------------------------

def test_pronoun_with_selv_is_resolved_like_the_pronoun():
    text = (
        "Ny bok om krigen\n\n"
        "Historikeren Kari Holm har brukt ti år på boka om krigen i Finnmark. Ikke bare var det vanskelig "
        "å finne kildene, som hun selv skriver i forordet, det var også tungt å lese dem."
    )
    assert speaker_of(text, "Ikke bare var det vanskelig") == "Kari Holm"


# --- "fikk beskjed om at …": the one told is not the speaker ---------------------------------------

def test_the_one_told_is_not_the_speaker_the_organisation_telling_is():
    text = (
        "Fikk nytt hjerte\n\n"
        "Ordfører Per Hansen i Sandvik har fått nytt hjerte.\n\n"
        "Etter mange undersøkelser ved Rikshospitalet i høst fikk Hansen beskjed om at hjertet hans var for svakt."
    )
    assert speaker_of(text, "hjertet hans var for svakt") == "Rikshospitalet"


def test_the_one_told_with_nobody_named_as_teller_gives_no_speaker():
    text = (
        "Mister jobben\n\n"
        "Lagerarbeider Ola Strand har jobbet på fabrikken i tjue år.\n\n"
        "I forrige uke fikk Strand beskjed om at stillingen hans blir borte etter nyttår."
    )
    assert speaker_of(text, "stillingen hans blir borte") is None


# --- "ordføraren som likevel vedgår at": the relative clause hangs on the speaker ------------------

def test_relative_clause_without_comma_hangs_on_the_role_before_som_nynorsk():
    text = (
        "Brannbil til byen\n\n"
        "Ordførar Trond Lunde i Sandvik vil ha ny brannbil før jul.\n\n"
        "– Vi har venta lenge nok, seier ordføraren som likevel vedgår at "
        "kommunen må låne pengar til bilen."
    )
    assert speaker_of(text, "kommunen må låne pengar", "nn") == "Trond Lunde"


def test_public_services_keep_their_own_name_as_speaker():
    """"brannvesenet", "Statens vegvesen": services are organisations (organisation_suffixes.tsv)."""
    found = speakers_of("Ifølge brannvesenet er tre naust totalskadd etter brannen i Vik.\n\n"
                        "Statens vegvesen opplyser at fylkesvegen er stengt til søndag.")
    assert found["er tre naust totalskadd etter brannen i Vik"] == "brannvesenet"
    assert found["fylkesvegen er stengt til søndag"] == "Statens vegvesen"
