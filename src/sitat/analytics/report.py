"""Rich tables for ``sitat stats``, ``sitat speakers``, ``sitat speaker``, ``sitat reuse`` and ``sitat quote``."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .stats import DIMENSIONS

TITLES = {"gender": "Gender", "party": "Party", "role_type": "Role type", "country": "Country", "outlet": "Outlet"}


def _pct(share: float) -> str:
    return f"{share * 100:.1f} %"


def _dimension_table(title: str, values: list[dict[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("value")
    for name in ("quotes", "share of quotes", "sources", "share of sources"):
        table.add_column(name, justify="right")
    for v in values:
        table.add_row(str(v["value"]), str(v["quotes"]), _pct(v["quote_share"]), str(v["sources"]), _pct(v["source_share"]))
    return table


def _totals_line(totals: dict[str, int]) -> str:
    return (f"{totals['quotes']} quotes ({totals['anonymous_quotes']} anonymous) by {totals['sources']} "
            f"distinct sources in {totals['articles']} articles")


def print_stats(result: dict[str, Any], console: Console) -> None:
    """Totals, then one table per dimension; with ``--by``, a gender and role-type table per group."""
    console.print(_totals_line(result["totals"]), highlight=False)
    for dim in DIMENSIONS:
        console.print(_dimension_table(TITLES[dim], result["dimensions"][dim]))
    for group in result.get("groups", []):
        console.print(f"\n[bold]{result['filters']['by']}: {group['key']}[/bold]  {_totals_line(group['totals'])}",
                      highlight=False)
        for dim in ("gender", "role_type", "party"):
            console.print(_dimension_table(TITLES[dim], group["dimensions"][dim]))


def print_speakers(rows: list[dict[str, Any]], console: Console) -> None:
    table = Table()
    table.add_column("#", justify="right")
    table.add_column("speaker")
    for name in ("gender", "party", "role", "role type"):
        table.add_column(name)
    for name in ("quotes", "articles"):
        table.add_column(name, justify="right")
    for i, r in enumerate(rows, 1):
        table.add_row(str(i), r["name"], r["gender"], r["party"] or "", r["role"] or "", r["role_type"],
                      str(r["quotes"]), str(r["articles"]))
    console.print(table)


def print_profile(p: dict[str, Any], console: Console) -> None:
    facts = [p["kind"], f"gender {p['gender']}", f"role type {p['role_type']}"]
    facts += [f"party {p['party']}"] if p["party"] else []
    facts += [p["country"]] if p["country"] else []
    console.print(f"[bold]{p['name']}[/bold]  " + ", ".join(facts), highlight=False)
    console.print(f"{p['quotes']} quotes in {p['articles']} articles, "
                  f"{(p['first_quoted'] or '?')[:10]} – {(p['last_quoted'] or '?')[:10]}", highlight=False)
    if p["other_matches"]:
        console.print(f"also matched: {', '.join(p['other_matches'])}", highlight=False)
    if p["roles"]:
        table = Table(title="Roles and organisations", title_justify="left")
        for name in ("role", "organisation", "party", "articles", "first", "last"):
            table.add_column(name)
        for r in p["roles"]:
            table.add_row(r["role"] or "", r["organisation"] or "", r["party"] or "", str(r["articles"]),
                          (r["first"] or "")[:10], (r["last"] or "")[:10])
        console.print(table)
    table = Table(title="Outlets", title_justify="left")
    table.add_column("outlet")
    table.add_column("quotes", justify="right")
    for r in p["outlets"]:
        table.add_row(r["outlet"], str(r["quotes"]))
    console.print(table)
    table = Table(title="Quotes by month", title_justify="left")
    table.add_column("month")
    table.add_column("quotes", justify="right")
    for r in p["timeline"]:
        table.add_row(r["month"], str(r["quotes"]))
    console.print(table)
    table = Table(title="Latest quotes", title_justify="left")
    for name in ("date", "outlet", "type", "quote"):
        table.add_column(name)
    for r in p["latest_quotes"]:
        table.add_row((r["published"] or "")[:10], r["outlet"] or "", r["type"], r["text"])
    console.print(table)


def print_reuse(rows: list[dict[str, Any]], console: Console | None = None) -> None:
    """The most reused statements (``sitat reuse``): first appearance, articles, outlets, wire copy."""
    console = console or Console()
    table = Table(show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("first printed", no_wrap=True)
    table.add_column("speaker", ratio=1)
    table.add_column("statement", ratio=4)
    table.add_column("articles", justify="right")
    table.add_column("outlets", ratio=2)
    for i, r in enumerate(rows, 1):
        outlets = ", ".join(r["outlet_names"]) + (f"\nwire: {', '.join(r['wire'])}" if r["wire"] else "")
        table.add_row(str(i), f"{(r['first_published'] or '')[:10]}\n{r['first_outlet'] or ''}".strip(),
                      r["speaker"] or "–", f"{escape(r['text'])}\n[dim]sitat quote {r['quote_id']}[/dim]",
                      str(r["articles"]), outlets)
    console.print(table)


def print_quote_reuse(data: dict[str, Any], console: Console | None = None) -> None:
    """One quote and its reuse cluster (``sitat quote ID``)."""
    console = console or Console()
    console.print(f"[bold]quote {data['quote_id']}[/bold]: {escape(data['text'])}", highlight=False)
    reuse = data["reuse"]
    if reuse is None:
        console.print("too short to link to other articles", highlight=False)
        return
    first = reuse["first"]
    console.print(f"first printed {(first['published'] or 'undated')[:10]} in {first['outlet'] or first['source']} "
                  f"(article {first['article_id']}: {escape(first['title'] or '')}); "
                  f"in {reuse['articles']} articles" + (f"; wire copy: {', '.join(reuse['wire'])}" if reuse["wire"] else ""),
                  highlight=False)
    table = Table(title="Printed in", title_justify="left")
    for name in ("published", "outlet", "wire", "speaker", "similarity", "article"):
        table.add_column(name)
    for q in reuse["quotes"]:
        table.add_row((q["published"] or "")[:10], q["outlet"] or "", q["wire"] or "", q["speaker"] or "–",
                      f"{q['similarity']:.0f}", escape(f"{q['article_id']}: {q['title'] or q['source']}"))
    console.print(table)
