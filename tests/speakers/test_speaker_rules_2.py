"""Speaker resolution, second set: pronouns that continue the topic, crossheads, interviews, roles."""

from __future__ import annotations

from speaker_lookup import speakers_of

import sitat
from sitat.speakers.coreference import _indefinite_role, _introduced_unnamed
from sitat.speakers.lexicon import role_of

# --- A pronoun goes on with the subject of the sentence before it ---------------------------------

def test_pronoun_takes_the_subject_of_the_sentence_before_not_the_name_mentioned_last():
    # "Skjerdal" is named last, but the sentence before is about Myrvold.
    text = ("Bråket på rådhuset\n\n"
            "Avdelingsleder Arne Villy Myrvold skrev et notat om rektor Leif Ottar Skjerdal. "
            "Myrvold tviler på at Skjerdal er egnet, og la notatet fram for styret. "
            "Der hevder han at rektoren kjeftet på ham i kantina.")
    assert speakers_of(text)["rektoren kjeftet på ham i kantina"] == "Arne Villy Myrvold"


def test_pronoun_subject_before_hands_the_question_one_sentence_back():
    text = ("Forsinkelsene\n\n"
            "Blant dem som ble lei, var avdelingsleder Rolf Egil Sætrang. "
            "Han sendte i april en e-post til rektor Leif Ottar Skjerdal om forsinkelsene. "
            "Han hevder at rektoren sjelden svarer på e-poster fra lærerne.")
    assert speakers_of(text)["rektoren sjelden svarer på e-poster fra lærerne"] == "Rolf Egil Sætrang"


def test_dash_quote_with_pronoun_after_it_goes_to_the_person_introduced_just_before():
    # Marte is known female; Nerima, named earlier, is a name the first-name list does not know.
    text = ("Reaksjoner i galleriet\n\n"
            "Studenten Nerima (23) likte ikke utstillingen.\n\n"
            "– Selvsagt er jeg glad i byen min, sa hun etter omvisningen. "
            "Marte (31) stod helt stille foran maleriene uten å si et ord.\n\n"
            "– Byens ære er såret, kommenterte hun.")
    assert speakers_of(text)["Byens ære er såret"] == "Marte"


def test_a_crosshead_is_no_subject_for_the_pronoun_after_it():
    text = ("Sjukepleiarar i kommunen\n\n"
            "Forskar Solveig Nesheim meiner kommunen må satse på kompetanse.\n\n"
            "Undervurdert\n\n"
            "Ho sa at kommunens leiarar gløymer kor mykje sjukepleiarane faktisk kan.")
    assert speakers_of(text, "nn")["kommunens leiarar gløymer kor mykje sjukepleiarane faktisk kan"] == "Solveig Nesheim"


def test_plural_de_som_is_whoever_does_so():
    text = ("Rektoren\n\n"
            "Utdanningsdirektoratet har fulgt saken siden i fjor.\n\n"
            "De som støtter rektoren, sier at en direkte tone fører til at han blir feiltolket.")
    assert speakers_of(text)["en direkte tone fører til at han blir feiltolket"] is None


# --- Crossheads and interviews --------------------------------------------------------------------

def test_a_short_dash_crosshead_quotes_the_speaker_of_the_section_it_opens():
    text = ("Endelig hjemme i Bodø\n\n"
            "– Jeg er sliten, men veldig lykkelig, sier Sofie Lindqvist til lokalradioen.\n\n"
            "– Bare lettelse\n\n"
            "Sofies far, Henrik Lindqvist, vil nå takke naboene som stilte opp for dem.\n\n"
            "– Uten dem hadde vi aldri klart denne høsten, sier han.")
    found = speakers_of(text)
    assert found["Bare lettelse"] == "Henrik Lindqvist"
    assert found["Jeg er sliten, men veldig lykkelig"] == "Sofie Lindqvist"


def test_a_crosshead_with_no_attributed_quote_after_it_goes_on_with_the_voice_before():
    text = ("Brannøvinga\n\n"
            "– Slike øvingar kostar kommunen fleire hundre tusen kroner, seier brannmeister Torleif Haugsnes.\n\n"
            "– Verdt kvar krone\n\n"
            "I mars heldt brannvesenet ei tilsvarande øving ved ferjekaia.")
    assert speakers_of(text, "nn")["Verdt kvar krone"] == "Torleif Haugsnes"


def test_an_answer_does_not_take_the_voice_of_a_name_inside_the_interviewers_question():
    text = ("Intervjuet\n\n"
            "– Jeg håper folk har glemt den episoden, sier kjøkkensjef Hedda Moltubakk.\n\n"
            "Det var sommeren 1998, og restauranten feiret tiårsjubileum med fest i bakgården.\n\n"
            "– Kritikeren Rolf Bakkevig kalte deg byens beste kokk?\n\n"
            "– Ja, noe i den retning. Jeg fortalte det nok til altfor mange gjester den sommeren.")
    found = speakers_of(text)
    answer = next(q for q in found if q.startswith("Ja, noe i den retning"))
    assert found[answer] == "Hedda Moltubakk"


def test_an_answer_after_a_question_goes_to_the_person_the_pronoun_narration_is_about():
    text = ("Bompenger\n\n"
            "– Vi har nådd ut til pendlerne, sier SVs Torstein Vikse.\n\n"
            "Uenighet\n\n"
            "I motsetning til SV har Helge Rødal (H) et helt annet syn på bompenger: "
            "Han vil fjerne alle bomstasjonene rundt byen før neste valg.\n\n"
            "– Blir du skuffet over at motstanden er så liten?\n\n"
            "– Nei, ikke når man ser hvordan undersøkelsen ble gjort.")
    assert speakers_of(text)["Nei, ikke når man ser hvordan undersøkelsen ble gjort."] == "Helge Rødal"


# --- Roles ----------------------------------------------------------------------------------------

def test_family_role_tells_apart_two_people_with_the_same_surname():
    text = ("Bratlie best i Lahti\n\n"
            "Pappa Einar Bratlie reiste til Lahti for å se sønnen hoppe.\n\n"
            "– Det var nettopp dette jeg kom for, sier Einar Bratlie mens sønnen Henrik Kvamme Bratlie "
            "går opp på seierspallen.\n\n"
            "– Større enn dette blir det neppe, konstaterer pappa Bratlie.")
    assert speakers_of(text)["Større enn dette blir det neppe"] == "Einar Bratlie"


def test_a_role_the_article_brought_in_by_an_indefinite_article_stays_unnamed():
    text = ("Innbrot på Vik\n\n"
            "Foto Oddvar Rustøy\n\n"
            "Politiet kom til butikken etter ein alarm i natt. Eit vitne såg ein raud varebil bak bygget. "
            "Vitnet fortel at mennene som bar ut varene hadde hettar.")
    assert speakers_of(text, "nn")["mennene som bar ut varene hadde hettar"] is None


def test_an_indefinite_role_is_one_of_many_and_names_no_one():
    text = ("Høyre\n\n"
            "Kristin Moholt er en tydelig partileder. "
            "Likevel sier faktisk hver tredje Høyre-velger at han ønsker seg en annen partileder.")
    assert speakers_of(text)["han ønsker seg en annen partileder"] is None


def test_a_party_prefixed_secretary_is_the_party_secretary():
    text = ("Lærernormen\n\n"
            "Aps partisekretær Marianne Holtet er oppgitt over at Høyre nøler med flere lærere.\n\n"
            "Ap-sekretæren frykter det snart blir nødvendig med en ny runde om lærernormen.")
    found = speakers_of(text)
    assert found["det snart blir nødvendig med en ny runde om lærernormen"] == "Marianne Holtet"


def test_role_helpers():
    assert role_of("Ap-sekretæren") is not None
    assert role_of("pappa").lemma == "far"
    assert _introduced_unnamed("Men eit vitne tok bilete av varebilen.", "vitne")
    assert not _introduced_unnamed("Vitnet Sigrid Aasen tok bilete av varebilen.", "vitne")


def test_indefinite_role_needs_the_bare_lemma_and_no_genitive(nlp):
    velger = list(nlp.make_doc("hver fjerde Høyre-velger"))
    assert _indefinite_role(velger, velger[-1], "velger")
    sekretaer = list(nlp.make_doc("Aps partisekretær"))
    assert not _indefinite_role(sekretaer, sekretaer[-1], "partisekretær")
    sjefen = list(nlp.make_doc("teatersjefen"))
    assert not _indefinite_role(sjefen, sjefen[-1], "teatersjef")


# --- Unnamed sources, joint speakers, issuers and subjects ---------------------------------------

def test_vedkommende_after_an_anonymous_source_stays_unnamed():
    text = ("Lekkasjen\n\n"
            "Rektor Leif Ottar Skjerdal har hele tiden avvist at han lekket rapporten. "
            "Avisen har vært i kontakt med en kilde som satt i møterommet den uken.\n\n"
            "– Jeg aner ikke hvem som sendte ut dokumentet, sier vedkommende.")
    assert speakers_of(text)["Jeg aner ikke hvem som sendte ut dokumentet"] is None


def test_both_of_them_is_the_two_people_named_last_together():
    text = ("Til Australia\n\n"
            "Eirik Nesvold Haugland og Sindre Tveito frå Vinje skal studere i Sydney til hausten.\n\n"
            "– Vi må berre kaste oss uti det, seier Sindre Tveito. "
            "Båe to seier at dei truleg vil sakne fjella heime.")
    found = speakers_of(text, "nn")
    assert found["dei truleg vil sakne fjella heime"] == "Eirik Nesvold Haugland og Sindre Tveito"


def test_a_time_genitive_before_a_poll_names_no_issuer():
    text = ("Målingen\n\n"
            "Avisa Dagen har fulgt partiene tett i høst. "
            "Dagens meningsmåling viser at KrF nå ligger langt under fire prosent.")
    assert speakers_of(text)["KrF nå ligger langt under fire prosent"] != "Dagen"


def test_a_surname_in_the_genitive_introduces_the_quote_after_it():
    text = ("Kontrakten\n\n"
            "Høsten 2014 ble økonomisjef Arne Villy Myrvold klar over at rektor Leif Ottar Skjerdal "
            "hadde signert kontrakten uten anbud. Skjerdal mener han gjorde alt riktig.\n\n"
            "– Jeg registrerer at jeg blir kritisert for å spare skolen penger, sier Skjerdal.\n\n"
            "Myrvolds konklusjon var: «Dette bryter med skolens egne innkjøpsregler.»")
    assert speakers_of(text)["Dette bryter med skolens egne innkjøpsregler."] == "Arne Villy Myrvold"


def test_a_place_after_a_preposition_is_no_subject_of_the_subordinate_clause():
    text = ("Debatten\n\n"
            "Hanne Fjeldstad er SV-leder. Det straffer seg for Fjeldstad da hun i VG TVs "
            "debatt i går kveld sa at hele landet taper hvis høyresiden vinner valget.")
    found = speakers_of(text)
    assert found["hele landet taper hvis høyresiden vinner valget"] == "Hanne Fjeldstad"


def test_a_known_newspaper_the_ner_took_for_a_person_is_what_lokalavisen_refers_to():
    text = ("Fikk ny nyre\n\n"
            "– Inngrepet gikk etter planen, sier faren Olav Rustad til Tønsbergs Blads nettutgave.\n\n"
            "Rustad fikk vite at en ny nyre var den siste muligheten, ifølge lokalavisen.")
    article = sitat.extract(text, lang="nb")
    assert all(s.name != "Tønsbergs Blad" or s.kind == "organisation" for s in article.speakers)
    found = {q.text: q.speaker.name for q in article.quotes}
    quote = next(q for q in found if q.endswith("den siste muligheten"))
    assert found[quote] == "Tønsbergs Blad"


def test_one_of_a_persons_bodyguards_is_not_that_person():
    text = ("Opprøret\n\n"
            "President Amadou Sekou Tembely ble pågrepet tirsdag. "
            "Ifølge en av Tembelys livvakter ankom omtrent 30 soldater i tre lastebiler.")
    found = speakers_of(text)
    quote = next(q for q in found if "30 soldater" in q)
    assert found[quote] not in ("Tembelys", "Amadou Sekou Tembely")


def test_a_compound_spelled_without_its_linking_s_is_the_same_organisation():
    text = ("Skogvokteren\n\n"
            "Skogsadministrasjonen mener at skogvokteren ikke har gjort jobben sin.\n\n"
            "Arbeidsgiveren hans, Skogadministrasjonen, konkluderer med at skogvokteren låste seg inne i hytta.")
    assert speakers_of(text)["skogvokteren låste seg inne i hytta"] == "Skogsadministrasjonen"


def test_name_end_takes_the_untagged_surname_and_stops_at_another_entity(nlp):
    from spacy.tokens import Doc

    from sitat.speakers.entities import name_end

    doc = Doc(nlp.vocab, words=["Ola", "Berg", "Vindenes", "sier"], pos=["PROPN", "PROPN", "PROPN", "VERB"],
              ents=["B-PER", "I-PER", "O", "O"])
    assert name_end(doc, 2) == 3  # "Vindenes", left out by the NER, is part of the name
    assert name_end(list(doc), 2) == 3  # a list of tokens works the same
    doc = Doc(nlp.vocab, words=["Kari", "Holm", "Dagbladet"], pos=["PROPN", "PROPN", "PROPN"],
              ents=["B-PER", "I-PER", "B-ORG"])
    assert name_end(doc, 2) == 2  # the newspaper after the name is an entity of its own
