"""Invented Norwegian news for the feed tests: article pages, RSS 2.0 and Atom feeds (our own text)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Story:
    path: str
    title: str
    published: str            # ISO 8601, as the page's meta tag gives it
    author: str
    paragraphs: tuple[str, ...]
    lang: str = "nb"

    def html(self, *, site: str = "Vestlandsposten", charset: str = "utf-8", extra: str = "") -> str:
        body = "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in self.paragraphs)
        return f"""<!DOCTYPE html>
<html lang="{'nn' if self.lang == 'nn' else 'nb'}">
<head>
<meta charset="{charset}">
<title>{escape(self.title)} – {site}</title>
<meta property="og:title" content="{escape(self.title)}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{self.published}">
<meta name="author" content="{escape(self.author)}">
</head>
<body>
<header><nav><a href="/">Forsiden</a> <a href="/sport">Sport</a> <a href="/kultur">Kultur</a></nav></header>
<main><article>
<h1>{escape(self.title)}</h1>
<p class="byline">Av {escape(self.author)}</p>
{body}
{extra}
</article></main>
<footer><p>Ansvarlig redaktør: Eva Lunde. Vestlandsposten følger Vær Varsom-plakaten.</p></footer>
</body>
</html>"""


BRYGGEN = Story(
    "/nyheter/bryggen-bilfri", "Byrådet vil stenge Bryggen for biltrafikk", "2026-11-24T07:30:00+01:00",
    "Lars Hovland", (
        "Byrådet i Bergen foreslår å stenge Bryggen for all gjennomgangstrafikk fra neste sommer. "
        "Forslaget legges fram for bystyret i desember.",
        "– Vi må gi byen tilbake til dem som går og sykler, sier byrådsleder Mona Strand (Ap).",
        "Hun viser til at luftkvaliteten langs Vågen har vært dårlig flere vintre på rad, "
        "og at gatene er for smale for både busser, varebiler og turister.",
        "Forslaget møter motstand fra næringslivet. Daglig leder Per Kvamme i Bergen Næringsråd "
        "mener stengingen vil ramme butikkene i sentrum.",
        "«Dette er et forslag som er laget uten at vi er blitt spurt», sier Kvamme.",
        "Ifølge Statens vegvesen kjører rundt 9000 biler over Bryggen hver dag.",
    ))

SKOLE = Story(
    "/nyheter/ny-skole-tromso", "Ny skole i Tromsø åpner etter to års forsinkelse", "2026-11-24T09:05:00+01:00",
    "Sara Eira", (
        "Etter to års forsinkelse kunne elevene ved Kvaløysletta skole endelig ta de nye klasserommene i bruk mandag.",
        "– Elevene har ventet lenge nok, og nå får de en skole de fortjener, sier rektor Ingrid Nilsen.",
        "Byggingen stoppet opp i 2024 da entreprenøren fant ustabil leire under tomten.",
        "Oppvekstdirektør Svein Hanssen beklager forsinkelsen. «Vi undervurderte hvor krevende grunnforholdene var», "
        "sier Hanssen.",
        "Skolen har plass til 420 elever og eget bibliotek.",
    ))

STROM = Story(
    "/nyheter/strompris-sor", "Strømprisen stiger kraftig i Sør-Norge", "2026-11-24T11:40:00+01:00",
    "Øyvind Sæther", (
        "Kaldt vær og lite vind i Nord-Europa gir de høyeste strømprisene i Sør-Norge på to år.",
        "– Vi ser at mange husholdninger får høyere regninger enn de er vant til, sier analytiker Åse Bråten "
        "i Nordisk Kraftanalyse.",
        "Hun tror prisene vil holde seg høye til over nyttår.",
        "Forbrukerrådet ber folk følge med på forbruket sitt. «Det lønner seg å senke temperaturen om natten», "
        "sier fagdirektør Jørn Ødegård.",
    ))

FERJE = Story(
    "/nyheter/ferje-solund", "Ferja til Solund får ny rute", "2026-11-24T12:15:00+01:00", "Kari Nesbø", (
        "Frå nyttår går ferja mellom Rutledal og Hardbakke seks gonger i døgnet, mot fire i dag.",
        "– Dette er ein stor dag for øysamfunnet, seier ordførar Kari Hjelmeland.",
        "Ho meiner den nye ruta gjer det lettare for unge å busetje seg i kommunen.",
        "Fylkesdirektør Arne Sunde seier at fylkeskommunen har funne pengar til ruta i budsjettet for neste år.",
    ), lang="nn")

KVOTE = Story(
    "/kyst/torskekvote", "Fiskere frykter lavere torskekvote", "2026-11-24T13:00:00+01:00", "Mats Pedersen", (
        "Havforskerne anbefaler å kutte torskekvoten i Barentshavet med en femtedel neste år.",
        "– Dette rammer hele kysten, fra Finnmark til Møre, sier fisker Tor Arne Jakobsen i Båtsfjord.",
        "Fiskeriminister Hanne Lie (Sp) vil ikke si hva regjeringen lander på før forhandlingene med Russland.",
        "«Vi skal ta hensyn både til bestanden og til folk som lever av havet», sier Lie.",
    ))

# The Bryggen story after the newsroom updated it: a new quote and a corrected number.
BRYGGEN_UPDATED = Story(
    BRYGGEN.path, BRYGGEN.title, BRYGGEN.published, BRYGGEN.author,
    BRYGGEN.paragraphs[:-1] + (
        "Ifølge Statens vegvesen kjører rundt 11 000 biler over Bryggen hver dag.",
        "– Vi kommer til å kjempe mot dette forslaget i bystyret, sier gruppeleder Tone Berge (H).",
    ))


@dataclass(frozen=True)
class Item:
    path: str
    title: str
    date: str  # RFC 822 for RSS, RFC 3339 for Atom
    guid: str | None = None


def rss(base: str, items: list[Item], *, title: str = "Vestlandsposten – innenriks") -> str:
    entries = "\n".join(
        f"""<item><title>{escape(i.title)}</title><link>{base}{i.path}</link>
<guid isPermaLink="false">{escape(i.guid or i.path)}</guid><pubDate>{i.date}</pubDate>
<description>{escape(i.title)}</description></item>""" for i in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{escape(title)}</title><link>{base}/</link>
<description>Siste nytt</description><language>nb</language>
{entries}
</channel></rss>"""


def atom(base: str, items: list[Item], *, title: str = "Kystavisa") -> str:
    entries = "\n".join(
        f"""<entry><title>{escape(i.title)}</title><link href="{base}{i.path}"/>
<id>urn:kystavisa:{escape(i.guid or i.path)}</id><updated>{i.date}</updated></entry>""" for i in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title><id>urn:kystavisa</id>
<updated>2026-11-24T13:00:00+01:00</updated><link href="{base}/"/>
{entries}
</feed>"""
