"""Speaker resolution, second set: pronouns that continue the topic, crossheads, interviews, roles."""

from __future__ import annotations

import sitat
from sitat.speakers.coreference import _indefinite_role, _introduced_unnamed
from sitat.speakers.lexicon import role_of


def speakers_of(text: str, lang: str = "nb") -> dict[str, str | None]:
    article = sitat.extract(text, lang=lang)
    return {q.text: q.speaker.name for q in article.quotes}


# --- A pronoun goes on with the subject of the sentence before it ---------------------------------

def test_pronoun_takes_the_subject_of_the_sentence_before_not_the_name_mentioned_last():
    # "Bertelsen" is named last, but the sentence before is about Hole.
    text = ("Striden i tinghuset\n\n"
            "Avdelingsleder Ove Kjell Hole skrev et notat om dommer Tor Holger Bertelsen. "
            "Hole er uenig i at Bertelsen er inhabil, og sendte notatet videre. "
            "Der hevder han at dommeren dyttet ham i korridoren.")
    assert speakers_of(text)["dommeren dyttet ham i korridoren"] == "Ove Kjell Hole"


def test_pronoun_subject_before_hands_the_question_one_sentence_back():
    text = ("Fraværet\n\n"
            "En av dem som irriterte seg, var avdelingsleder Åge Fred Pedersen. "
            "Han skrev i mars et brev til dommer Tor Holger Bertelsen om fraværet. "
            "Han hevder at dommeren ofte kommer for sent på arbeid.")
    assert speakers_of(text)["dommeren ofte kommer for sent på arbeid"] == "Åge Fred Pedersen"


def test_dash_quote_with_pronoun_after_it_goes_to_the_person_introduced_just_before():
    # Gulsum is a name the first-name list does not know; Perisat is known female and named earlier.
    text = ("Reaksjoner i salen\n\n"
            "Studenten Perisat (24) syntes dårlig om filmen.\n\n"
            "– Naturligvis elsker jeg landet mitt, sa hun etter forestillingen. "
            "Gulsum (28) satt som forstenet og så filmen uten å fortrekke en mine.\n\n"
            "– Landets verdighet er krenket, kommenterte hun.")
    assert speakers_of(text)["Landets verdighet er krenket"] == "Gulsum"


def test_a_crosshead_is_no_subject_for_the_pronoun_after_it():
    text = ("Akademikarar i fylket\n\n"
            "Forskar Anne Viken meiner fylket må tilby kvalitet.\n\n"
            "Mindreverdskompleks\n\n"
            "Ho sa at fylkets aviser ikkje speglar av at der finst akademikarar.")
    assert speakers_of(text, "nn")["fylkets aviser ikkje speglar av at der finst akademikarar"] == "Anne Viken"


def test_plural_de_som_is_whoever_does_so():
    text = ("Dommeren\n\n"
            "Justisdepartementet har behandlet saken i flere år.\n\n"
            "De som er positive til dommeren, sier at en uformell stil gjør at han blir misforstått.")
    assert speakers_of(text)["en uformell stil gjør at han blir misforstått"] is None


# --- Crossheads and interviews --------------------------------------------------------------------

def test_a_short_dash_crosshead_quotes_the_speaker_of_the_section_it_opens():
    text = ("Endelig til Disneyland\n\n"
            "– Jeg er henrykt og overveldet, sier Hannah Jones til TV-kanalen.\n\n"
            "– Gleder oss\n\n"
            "Hannahs far, Andrew Jones, takker nå alle som har hjulpet familien.\n\n"
            "– Vi er veldig glade for at vi får til dette, sier han.")
    found = speakers_of(text)
    assert found["Gleder oss"] == "Andrew Jones"
    assert found["Jeg er henrykt og overveldet"] == "Hannah Jones"


def test_a_crosshead_with_no_attributed_quote_after_it_goes_on_with_the_voice_before():
    text = ("Leiteaksjonen\n\n"
            "– Det er snakk om store summar for samfunnet, seier styrmann Kristian Hugøy.\n\n"
            "– Sløsing med ressursar\n\n"
            "I november i fjor var det også leiteaksjon etter ein sakna person.")
    assert speakers_of(text, "nn")["Sløsing med ressursar"] == "Kristian Hugøy"


def test_an_answer_does_not_take_the_voice_of_a_name_inside_the_interviewers_question():
    text = ("Portrettet\n\n"
            "– Jeg skulle ønske den historien var glemt, sier redaktør Signy Fardal.\n\n"
            "Det var tidlig på totusentallet, og det var hagefest hos forlaget.\n\n"
            "– Tegneren Finn Graff mente at du var landets eneste sexsymbol?\n\n"
            "– Ja, noe sånt. Jeg gjentok nok disse komplimentene en del ganger utover kvelden.")
    found = speakers_of(text)
    answer = next(q for q in found if q.startswith("Ja, noe sånt"))
    assert found[answer] == "Signy Fardal"


def test_an_answer_after_a_question_goes_to_the_person_the_pronoun_narration_is_about():
    text = ("Gasskraft\n\n"
            "– Vi har fått fram budskapet vårt, sier SVs Bjørn Jacobsen.\n\n"
            "Folkeopplysning\n\n"
            "Sett i forhold til SV har Petter Løvik (H) motsatt syn på gasskraft: "
            "Han vil bygge gasskraftverk nå, med dagens teknologi.\n\n"
            "– Er du overrasket over at skepsisen er så stor?\n\n"
            "– Nei, ikke slik spørsmålet er stilt i denne målingen.")
    assert speakers_of(text)["Nei, ikke slik spørsmålet er stilt i denne målingen."] == "Petter Løvik"


# --- Roles ----------------------------------------------------------------------------------------

def test_family_role_tells_apart_two_people_with_the_same_surname():
    text = ("Svindal vant\n\n"
            "Pappa Bjørn Svindal var i Beaver Creek og så sønnen vinne.\n\n"
            "– Derfor er jeg glad for at jeg er her, sier Bjørn Svindal mens sønnen Aksel Lund Svindal "
            "klatrer opp på pallen.\n\n"
            "– Det blir ikke bedre enn dette, konstaterer pappa Svindal.")
    assert speakers_of(text)["Det blir ikke bedre enn dette"] == "Bjørn Svindal"


def test_a_role_the_article_brought_in_by_an_indefinite_article_stays_unnamed():
    text = ("Slåstkamp i sentrum\n\n"
            "Foto Bent Are Iversen\n\n"
            "Politiet rykka ut etter melding om slossing. Eit vitne såg at to bilar køyrde frå staden. "
            "Vitnet fortel at ungdommane som sloss var unge.")
    assert speakers_of(text, "nn")["ungdommane som sloss var unge"] is None


def test_an_indefinite_role_is_one_of_many_and_names_no_one():
    text = ("Høyre\n\n"
            "Erna Solberg er en ryddig politiker. "
            "Fortsatt sier riktignok hver fjerde Høyre-velger at han foretrekker en annen regjering.")
    assert speakers_of(text)["han foretrekker en annen regjering"] is None


def test_a_party_prefixed_secretary_is_the_party_secretary():
    text = ("Eldreløftet\n\n"
            "Aps partisekretær Raymond Johansen er lei av at Frp skylder på andre.\n\n"
            "Ap-sekretæren frykter det til slutt vil tvinge seg fram en diskusjon om øremerking.")
    found = speakers_of(text)
    assert found["det til slutt vil tvinge seg fram en diskusjon om øremerking"] == "Raymond Johansen"


def test_role_helpers():
    assert role_of("Ap-sekretæren") is not None
    assert role_of("pappa").lemma == "far"
    assert _introduced_unnamed("Men eit vitne fekk notert registreringsnummera.", "vitne")
    assert not _introduced_unnamed("Vitnet Kari Lie fekk notert registreringsnummera.", "vitne")


def test_indefinite_role_needs_the_bare_lemma_and_no_genitive(nlp):
    velger = list(nlp.make_doc("hver fjerde Høyre-velger"))
    assert _indefinite_role(velger, velger[-1], "velger")
    sekretaer = list(nlp.make_doc("Aps partisekretær"))
    assert not _indefinite_role(sekretaer, sekretaer[-1], "partisekretær")
    sjefen = list(nlp.make_doc("teatersjefen"))
    assert not _indefinite_role(sjefen, sjefen[-1], "teatersjef")


# --- Unnamed sources, joint speakers, issuers and subjects ---------------------------------------

def test_vedkommende_after_an_anonymous_source_stays_unnamed():
    text = ("Barrikadesaken\n\n"
            "Dommer Tor Holger Bertelsen har alltid nektet for at han barrikaderte seg. "
            "Avisen har snakket med en kilde som var på kontoret den dagen.\n\n"
            "– Jeg vet ikke hvor den opplysningen kommer fra, sier vedkommende.")
    assert speakers_of(text)["Jeg vet ikke hvor den opplysningen kommer fra"] is None


def test_both_of_them_is_the_two_people_named_last_together():
    text = ("Ut i verda\n\n"
            "Kristian Tveit Diskerud og Joakim Teigen frå Kviteseid er ferdige på skulen.\n\n"
            "– Det handlar om å jobbe hardt, seier Joakim Teigen. "
            "Båe to seier at dei kjem til å reise heim i feriane.")
    found = speakers_of(text, "nn")
    assert found["dei kjem til å reise heim i feriane"] == "Kristian Tveit Diskerud og Joakim Teigen"


def test_a_time_genitive_before_a_poll_names_no_issuer():
    text = ("Valget\n\n"
            "Avisa Dagen har skrevet mye om valget. "
            "Dagens meningsmåling viser at Venstre igjen er farlig nær sperregrensen.")
    assert speakers_of(text)["Venstre igjen er farlig nær sperregrensen"] != "Dagen"


def test_a_surname_in_the_genitive_introduces_the_quote_after_it():
    text = ("Samtalene\n\n"
            "Sommeren 2009 ble avdelingsleder Ove Kjell Hole klar over at dommer Tor Holger Bertelsen "
            "snakket med barn alene. Bertelsen mener han fulgte loven.\n\n"
            "– Jeg konstaterer at jeg fikk kritikk for å følge loven, sier Bertelsen.\n\n"
            "Holes konklusjon var: «Dette var i strid med den aksepterte praksisen.»")
    assert speakers_of(text)["Dette var i strid med den aksepterte praksisen."] == "Ove Kjell Hole"


def test_a_place_after_a_preposition_is_no_subject_of_the_subordinate_clause():
    text = ("Valgkampen\n\n"
            "Kristin Halvorsen er SV-leder. Det slår tilbake på Halvorsen selv når hun i VG TVs "
            "partilederdebatt i går sa at det er farlig for land og folk om de borgerlige kommer til makten.")
    found = speakers_of(text)
    assert found["det er farlig for land og folk om de borgerlige kommer til makten"] == "Kristin Halvorsen"


def test_a_known_newspaper_the_ner_took_for_a_person_is_what_lokalavisen_refers_to():
    text = ("Fikk nytt hjerte\n\n"
            "– Operasjonen har vært vellykket, sier broren Pål Olsen til Tønsbergs Blads nettutgave.\n\n"
            "Olsen fikk beskjed om at en transplantasjon var eneste utvei, ifølge lokalavisen.")
    article = sitat.extract(text, lang="nb")
    assert all(s.name != "Tønsbergs Blad" or s.kind == "organisation" for s in article.speakers)
    found = {q.text: q.speaker.name for q in article.quotes}
    quote = next(q for q in found if q.endswith("eneste utvei"))
    assert found[quote] == "Tønsbergs Blad"


def test_one_of_a_persons_bodyguards_is_not_that_person():
    text = ("Kuppet\n\n"
            "Statsminister Cheick Modibo Diarra ble arrestert mandag. "
            "Ifølge en av Diarras livvakter kom det rundt 20 soldater fra en militærleir.")
    found = speakers_of(text)
    quote = next(q for q in found if "20 soldater" in q)
    assert found[quote] not in ("Diarras", "Cheick Modibo Diarra")


def test_a_compound_spelled_without_its_linking_s_is_the_same_organisation():
    text = ("Dommeren\n\n"
            "Domstolsadministrasjonen mener at dommeren ikke er skikket.\n\n"
            "Arbeidsgiveren hans, Domstoladministrasjonen, slår fast at dommeren barrikaderte seg på kontoret.")
    assert speakers_of(text)["dommeren barrikaderte seg på kontoret"] == "Domstolsadministrasjonen"


def test_name_end_takes_the_untagged_surname_and_stops_at_another_entity(nlp):
    from spacy.tokens import Doc

    from sitat.speakers.entities import name_end

    doc = Doc(nlp.vocab, words=["Jon", "Helt", "Haarder", "sier"], pos=["PROPN", "PROPN", "PROPN", "VERB"],
              ents=["B-PER", "I-PER", "O", "O"])
    assert name_end(doc, 2) == 3  # "Haarder", left out by the NER, is part of the name
    assert name_end(list(doc), 2) == 3  # a list of tokens works the same
    doc = Doc(nlp.vocab, words=["Kari", "Holm", "Dagbladet"], pos=["PROPN", "PROPN", "PROPN"],
              ents=["B-PER", "I-PER", "B-ORG"])
    assert name_end(doc, 2) == 2  # the newspaper after the name is an entity of its own
