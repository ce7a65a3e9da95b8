"""What the serve tests share: the invented records (one hostile) and the API token."""

from __future__ import annotations

from pathlib import Path

ARTICLES = Path(__file__).parent.parent / "articles"
TOKEN = "test-token-9f2c"
# Our own .txt articles that go in (a handful keeps the session quick; both standards).
TEXT_ARTICLES = ("statsbudsjett.txt", "flaum_voss.txt", "ukraina_diplomati.txt", "strompris.txt")

SCRIPT_QUOTE = '<script>alert("sitat-xss")</script>'
IMG_PROBE = '"><img src=x onerror=alert(2)>'
HOSTILE = [SCRIPT_QUOTE, IMG_PROBE, "<b onmouseover=alert(3)>", "<svg onload=alert(4)>", '<script>alert("tittel")</script>']

RECORDS = [
    {"id": "vp-2024-0115", "outlet": "Vestlandsposten", "section": "Bergen", "published": "2024-01-15T08:00:00+01:00",
     "authors": ["Marit Aasen"], "title": "Bybrua stenges i to måneder",
     "text": "Bybrua i Bergen stenges for all trafikk fra mars.\n\n"
             "– Vi har ikke noe valg, brua er i for dårlig stand, sier byrådsleder Ingrid Solberg (Ap).\n\n"
             "Næringslivet i sentrum frykter tapte inntekter.\n\n"
             "– Dette kommer midt i den travleste perioden, sier daglig leder Per Aasen i Bergen Sentrum AS."},
    {"id": "nb-2024-0210", "outlet": "Nyhetsbyrået", "section": "Innenriks", "published": "2024-02-10",
     "title": "Skattekutt for pensjonister",
     "text": "Regjeringen vil kutte skatten for pensjonister neste år.\n\n"
             "– Pensjonistene har hatt en tøff vinter med høye priser, sier finansminister Torstein Haugland (Ap).\n\n"
             "Stortingsrepresentant Marte Lunde (H) mener skattekuttet er altfor lite.\n\n"
             "– Dette er smuler, og pensjonistene vet det, sier Lunde."},
    {"id": "xss-2024-0305", "outlet": '"><svg onload=alert(4)>Nettavisa', "published": "2024-03-05",
     "title": '<script>alert("tittel")</script> Hackerangrep mot rådhuset',
     "text": "Hackere angrep nettsidene til kommunen natt til tirsdag.\n\n"
             f"– {SCRIPT_QUOTE} er ikke noe vi godtar på våre sider, sier ordfører Kari Nordvik (Sp).\n\n"
             f"– Angrepet kom fra {IMG_PROBE} og lignende lenker, sier IT-sjef Jonas Berg.\n\n"
             "Ifølge politiet var angrepet <b onmouseover=alert(3)>godt planlagt</b> og kom fra utlandet."},
]
