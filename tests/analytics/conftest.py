"""Analytics fixtures: a small store of hand-built articles (no model needed) with known shares.

Three articles, eight quotes, six named sources:

| article | outlet, section, published | quotes (speaker, gender, party, role) |
|---|---|---|
| 1 | Vestlandsposten, Bergen, 2024-10-03 | Kari Nordvik (f, Sp, ordfører); Torstein Haugland (m, Ap, finansminister) |
| 2 | Nyhetsbyrået, Innenriks, 2024-11-12 | Torstein Haugland; Marte Lunde (f, H, stortingsrepresentant); politiet (organisation) |
| 3 | Vestlandsposten, Bergen, 2024-11-20 | Bjørn Tangen (m, FrP, gruppeleder); Silje Moe (f, forsker); one anonymous quote |
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitat.article import Article, Quote, Speaker, SpeakerProfile, TextSpan
from sitat.read.inputs import ArticleInput
from sitat.store.database import connect
from sitat.store.writer import Writer

# (snippet that is the quote, type, name or None, kind, gender, party, role, organisation, country)
Spec = tuple[str, str, str | None, str | None, str | None, str | None, str | None, str | None, str | None]

ARTICLES: list[tuple[str, dict, list[Spec]]] = [
    (
        "Bybanen må bygges nå\n\n– Vi kan ikke vente lenger på bybanen, sier ordfører Kari Nordvik (Sp).\n\n"
        "Finansminister Torstein Haugland (Ap) sier at staten vil betale halvparten.",
        {"id": "vp-1", "outlet": "Vestlandsposten", "section": "Bergen", "published": "2024-10-03T09:12:00+02:00"},
        [("Vi kan ikke vente lenger på bybanen", "direct", "Kari Nordvik", "person", "f", "Sp", "ordfører", None, "NO"),
         ("staten vil betale halvparten", "indirect", "Torstein Haugland", "person", "m", "Ap", "finansminister", None, "NO")],
    ),
    (
        "Statsbudsjettet er lagt fram\n\n– Dette er et ansvarlig budsjett, sier finansminister Torstein Haugland (Ap).\n\n"
        "Stortingsrepresentant Marte Lunde (H) mener budsjettet er et lappeteppe.\n\n"
        "Ifølge politiet gikk demonstrasjonen rolig for seg.",
        {"id": "nb-2", "outlet": "Nyhetsbyrået", "section": "Innenriks", "published": "2024-11-12T08:00:00+01:00"},
        [("Dette er et ansvarlig budsjett", "direct", "Torstein Haugland", "person", "m", "Ap", "finansminister", None, "NO"),
         ("budsjettet er et lappeteppe", "indirect", "Marte Lunde", "person", "f", "H", "stortingsrepresentant", None, "NO"),
         ("gikk demonstrasjonen rolig for seg", "indirect", "politiet", "organisation", None, None, None, "Politiet", "NO")],
    ),
    (
        "Strid om bompengene\n\n– Bilistene har betalt nok, sier gruppeleder Bjørn Tangen (FrP).\n\n"
        "– Køene blir ikke kortere av lavere takster, sier forsker Silje Moe.\n\n"
        "Flere naboer sier at støyen er verre enn før.",
        {"id": "vp-3", "outlet": "Vestlandsposten", "section": "Bergen", "published": "2024-11-20"},
        [("Bilistene har betalt nok", "direct", "Bjørn Tangen", "person", "m", "FrP", "gruppeleder", None, "NO"),
         ("Køene blir ikke kortere av lavere takster", "direct", "Silje Moe", "person", "f", None, "forsker", None, None),
         ("støyen er verre enn før", "indirect", None, None, None, None, None, None, None)],
    ),
]


def build(text: str, meta: dict, specs: list[Spec], *, source: str | None = None) -> tuple[ArticleInput, Article]:
    """An input and the article the engine would make of it, the quotes given by snippet."""
    profiles: dict[str, SpeakerProfile] = {}
    quotes = []
    for snippet, type_, name, kind, gender, party, role, org, country in specs:
        start = text.index(snippet)
        speaker = Speaker(name=None)
        if name:
            profile = next((p for p in profiles.values() if p.name == name), None)
            if profile is None:
                profile = SpeakerProfile(entity=f"e{len(profiles) + 1}", name=name, kind=kind, role=role,
                                         organisation=org, party=party, country=country, gender=gender)
                profiles[profile.entity] = profile
                at = text.index(name.split()[-1])
                profile.mentions.append(TextSpan(name.split()[-1], at, at + len(name.split()[-1])))
            profile.quotes += 1
            speaker = Speaker(name=name, mention=profile.mentions[0], entity=profile.entity, role=role,
                              organisation=org, party=party, country=country, gender=gender, kind=kind)
        quotes.append(Quote(text=snippet, start=start, end=start + len(snippet), type=type_, cue=None,
                            speaker=speaker, confidence=0.9))
    title = text.split("\n", 1)[0]
    source = source or f"{meta['id']}.txt"
    item = ArticleInput(text=text, source=source, title=title, meta=dict(meta))
    return item, Article(text=text, lang="nb", title=title, source=source, quotes=quotes,
                         speakers=list(profiles.values()), meta=dict(meta))


def write_store(path: Path, articles=ARTICLES) -> Path:
    conn = connect(path)
    try:
        Writer(conn, extractor="test").write([build(text, meta, specs) for text, meta, specs in articles])
    finally:
        conn.close()
    return path


@pytest.fixture
def store(tmp_path) -> Path:
    """The three-article store above, as a file."""
    return write_store(tmp_path / "nyheter.db")
