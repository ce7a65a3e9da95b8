"""What the pages draw: an article cut into marked segments, Norwegian labels, and chart geometry.

Nothing here builds HTML: templates do, with autoescaping on, so article text is always escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..analytics.buckets import GENDERS, ROLE_TYPES
from ..analytics.plot import COLOURS, GREY

SPEAKER_COLOURS = 8  # classes spk-0 … spk-7 in sitat.css; more speakers reuse them in turn

TYPE_LABELS = {"direct": "direkte", "indirect": "indirekte", "mixed": "blandet"}
GENDER_LABELS = {"f": "kvinner", "m": "menn", "unknown": "ukjent", "organisation": "organisasjoner"}
GENDER_SINGULAR = {"f": "kvinne", "m": "mann", "unknown": "ukjent", "organisation": "organisasjon"}
ROLE_TYPE_LABELS = {"politician": "politikere", "expert": "eksperter", "police": "politi", "business": "næringsliv",
                    "citizen": "privatpersoner", "media": "medier", "organisation": "organisasjoner",
                    "other": "andre", "unknown": "ukjent"}
KIND_LABELS = {"person": "person", "organisation": "organisasjon", "unknown": "ukjent"}
DIMENSION_TITLES = {"gender": "Kjønn", "party": "Parti", "role_type": "Rolletype", "country": "Land", "outlet": "Medium"}
OTHER_VALUES = {"none": "uten parti", "unknown": "ukjent"}
ROW_LABELS = {"unknown": "ukjent"}  # an outlet, month or section nobody gave
FIXED_ORDER = {"gender": GENDERS, "role_type": ROLE_TYPES}
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#666666",
           "#882255", "#44AA99", "#999933", "#AA4499")


def value_label(dim: str, value: str) -> str:
    """How a counted value is shown: Norwegian for the fixed buckets, as stored otherwise."""
    if dim == "gender":
        return GENDER_LABELS.get(value, value)
    if dim == "role_type":
        return ROLE_TYPE_LABELS.get(value, value)
    return OTHER_VALUES.get(value, value)


@dataclass
class Mark:
    """A stretch of the article to mark: a quote, its cue, or a mention of a speaker."""

    start: int
    end: int
    kind: str  # "quote", "cue" or "mention"
    quote: int | None = None  # the quote's id, for quotes and their cues
    colour: int | None = None  # speaker colour index; None for an anonymous source
    speaker: Any = None  # a mention's speaker (its key in the page's popup data)


@dataclass
class Segment:
    """A piece of text between two mark boundaries, with every mark that covers it."""

    text: str
    start: int
    end: int
    quote: int | None = None
    colour: int | None = None
    cue: bool = False
    mention: bool = False
    mention_colour: int | None = None
    mention_speaker: Any = None
    label_after: int | None = None  # the quote id whose label follows this segment (its last piece)
    anchor: int | None = None  # the quote id that starts here (the page's #q<id> target)
    classes: list[str] = field(default_factory=list)


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each piece knows the marks covering it.

    Offsets are Python ``str`` indices, used as they are; marks outside the text are clipped,
    empty ones dropped. Overlapping and nested marks (a mention inside a mixed quote) both show.
    """
    n = len(text)
    marks = [m for m in (Mark(max(0, m.start), min(n, m.end), m.kind, m.quote, m.colour, m.speaker) for m in marks)
             if m.start < m.end]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        seg = Segment(text=text[a:b], start=a, end=b)
        for m in marks:
            if m.start <= a and b <= m.end:
                if m.kind == "quote" and seg.quote is None:
                    seg.quote, seg.colour = m.quote, m.colour
                    if a == m.start:
                        seg.anchor = m.quote
                    if b == m.end:
                        seg.label_after = m.quote
                elif m.kind == "cue":
                    seg.cue = True
                elif m.kind == "mention":
                    seg.mention, seg.mention_colour = True, m.colour
                    seg.mention_speaker = m.speaker if m.speaker is not None else seg.mention_speaker
        if seg.quote is not None:
            seg.classes += ["q", f"spk-{seg.colour}" if seg.colour is not None else "spk-none"]
        if seg.cue:
            seg.classes.append("cue")
        if seg.mention:
            seg.classes += ["mention", f"mspk-{seg.mention_colour}" if seg.mention_colour is not None else "mspk-none"]
        out.append(seg)
    return out


class Colours:
    """A colour index per speaker, in order of first appearance."""

    def __init__(self) -> None:
        self._seen: dict[Any, int] = {}

    def __call__(self, key: Any) -> int | None:
        if key is None:
            return None
        if key not in self._seen:
            self._seen[key] = len(self._seen) % SPEAKER_COLOURS
        return self._seen[key]


# --- charts (inline SVG, drawn by the templates from these numbers) ------------------------------

def colour_of(dim: str, value: str, rank: int) -> str:
    if value in ("unknown", "none"):
        return GREY
    if dim in COLOURS:
        return COLOURS[dim].get(value, GREY)
    return PALETTE[rank % len(PALETTE)]


def stacked_rows(groups: list[dict[str, Any]], dim: str, *, width: float = 100.0, top: int = 8) -> dict[str, Any]:
    """Rows of a 100 % stacked bar chart: one per group, one segment per value's share of quotes.

    The ``top`` values by quotes over all groups get colours of their own; the rest are pooled
    as "andre" so the legend stays readable. x and w are in per cent of the bar width.
    """
    totals: dict[str, int] = {}
    for g in groups:
        for d in g["dimensions"][dim]:
            totals[d["value"]] = totals.get(d["value"], 0) + d["quotes"]
    fixed = FIXED_ORDER.get(dim)
    if fixed:  # the same order in every chart: women first, unknown last
        ranked = sorted(totals, key=lambda v: (fixed.index(v) if v in fixed else len(fixed), v))
    else:
        ranked = sorted(totals, key=lambda v: (-totals[v], v in ("unknown", "none"), v))
    shown = ranked[:top]
    colours = {v: colour_of(dim, v, i) for i, v in enumerate(shown)}
    legend = [{"value": v, "label": value_label(dim, v), "colour": colours[v]} for v in shown]
    if len(ranked) > top:
        legend.append({"value": "_rest", "label": "andre", "colour": "#DDDDDD"})
    rows = []
    for g in groups:
        quotes = g["totals"]["quotes"]
        by_value = {d["value"]: d["quotes"] for d in g["dimensions"][dim]}
        x, segs = 0.0, []
        parts = [(v, by_value.get(v, 0)) for v in shown]
        parts.append(("_rest", sum(n for v, n in by_value.items() if v not in colours)))
        for value, count in parts:
            if not count or not quotes:
                continue
            w = width * count / quotes
            label = "andre" if value == "_rest" else value_label(dim, value)
            segs.append({"value": value, "label": label, "count": count, "share": count / quotes,
                         "x": round(x, 3), "w": round(w, 3), "colour": colours.get(value, "#DDDDDD")})
            x += w
        rows.append({"key": ROW_LABELS.get(g["key"], g["key"]), "quotes": quotes, "segments": segs})
    return {"dimension": dim, "title": DIMENSION_TITLES.get(dim, dim), "legend": legend, "rows": rows}


def month_range(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last``, inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while (y, m) <= (int(last[:4]), int(last[5:7])) and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline_bars(timeline: list[dict[str, Any]], *, height: float = 120.0, bar: float = 18.0,
                  gap: float = 4.0) -> dict[str, Any]:
    """Bars of quotes per month, months without quotes included; undated quotes in a last bar."""
    counts = {r["month"]: r["quotes"] for r in timeline}
    months = [k for k in counts if len(k) == 7 and k[4] == "-"]
    keys = month_range(min(months), max(months)) if months else []
    if "unknown" in counts:
        keys.append("unknown")
    peak = max(counts.values(), default=0) or 1
    bars = []
    for i, key in enumerate(keys):
        n = counts.get(key, 0)
        h = height * n / peak
        bars.append({"label": "uten dato" if key == "unknown" else key, "quotes": n,
                     "x": i * (bar + gap), "y": height - h, "w": bar, "h": h})
    return {"bars": bars, "width": max(len(keys) * (bar + gap), bar), "height": height, "peak": peak}
