"""Speaker resolution, third set: role words, names set off by commas, abbreviations, relative clauses, pairs."""

from __future__ import annotations

from speaker_lookup import speaker_of, speakers_of

from sitat.speakers.entities import spelled_out
from sitat.speakers.lexicon import role_of

# --- Role words as compound tails and as epithets --------------------------------------------------

def test_new_role_words_end_compound_job_titles():
    for compound in ("folkehelsekoordinator", "undervisningsinspektør", "fagansvarleg", "popstjerna"):
        assert role_of(compound) is not None, compound
    assert role_of("spissen").lemma == "spiss"
    assert role_of("koordinatoren").lemma == "koordinator"


def test_definite_star_epithet_points_back_to_the_person_just_named():
    text = ("Sangerinnen tar pause\n\n"
            "Lise Hovland gir seg etter tjue år på scenen. "
            "Den 52 år gamle popstjerna sier hun trenger tid med familien.")
    assert speaker_of(text, "hun trenger tid") == "Lise Hovland"


# --- A name set off by commas after a role ---------------------------------------------------------

def test_name_set_off_by_commas_after_a_role_is_the_speaker():
    text = ("Nye regler i kommunen\n\n"
            "– Vi må ta hensyn til alle ansatte, sier kommunens helsekoordinator, Tone Aasheim, til avisen.")
    assert speaker_of(text, "Vi må ta hensyn") == "Tone Aasheim"


def test_name_after_role_and_workplace_set_off_by_comma_nynorsk():
    text = ("Utslepp i fjorden\n\n"
            "– Bedrifta må rydde opp etter seg, seier fagansvarleg for miljø i Naturvernlaget, Sindre Hovden til avisa.")
    assert speaker_of(text, "Bedrifta må rydde", "nn") == "Sindre Hovden"


# --- Abbreviations of organisations ---------------------------------------------------------------

def test_abbreviation_in_parentheses_isspelled_out():
    text = "Kritikken kom fra Norsk forening for trafikksikkerhet (NFT) i går."
    assert spelled_out(text, "NFT") == "Norsk forening for trafikksikkerhet"


def test_person_with_party_in_parentheses_is_nospelled_out_organisation():
    assert spelled_out("Det sa Kari Lie (KrF) i går.", "KrF") is None


def test_web_address_is_the_fullest_form_of_a_site_name():
    assert spelled_out("Nettstedet Sladder.com skriver at paret er skilt. Ifølge Sladder er det over.", "Sladder") is None
    assert spelled_out("Ifølge FKX.com er paret skilt. FKX skriver at det er over.", "FKX") == "FKX.com"


def test_abbreviation_resolves_to_the_organisationspelled_out_before():
    text = ("Mange kjører uten førerkort\n\n"
            "– Det er farlig, sier sjefen for Grensepolitiet, Per Ravnås, til kanalen. "
            "Ifølge GP er det også mange som kjører med feil klasse.")
    assert speaker_of(text, "er det også mange") == "Grensepolitiet"


# --- A name with a relative clause: ", som sier at" ------------------------------------------------

def test_name_before_relative_som_clause_is_the_speaker():
    text = ("Debatt om tonen\n\n"
            "Det same gjeld ordføraren i Fjellbygda, Arne Solbakken, som seier til lokalavisa at partiet "
            "må dempe språkbruken.")
    assert speaker_of(text, "partiet må dempe", "nn") == "Arne Solbakken"


# --- Two speakers whose second name has a compound title -----------------------------------------

def test_two_titled_names_joined_by_og_speak_together():
    text = ("Samla mot nedlegging\n\n"
            "Innbyggjarane i dalen demonstrerte laurdag. "
            "Dette meiner Dalen-ordførar Kari Haugland og Berg-ordførar Nils Tveit er det viktigaste "
            "dei kan gjere for sjukehuset.")
    names = [name for name in speakers_of(text, "nn").values() if name]
    assert "Kari Haugland og Nils Tveit" in names


def test_role_in_an_opening_quote_goes_to_the_untitled_person_named_right_after():
    text = ("Klare for kampen\n\n"
            "– Vi har ingenting å tape, sier spissen. Jonas Eriksen er lagets store profil, og han gleder seg.")
    assert speaker_of(text, "Vi har ingenting") == "Jonas Eriksen"
