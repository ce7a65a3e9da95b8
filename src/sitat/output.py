"""Write extraction results and search hits as a Rich table, JSON Lines, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Iterator

from rich.console import Console
from rich.table import Table

from .article import Article

if TYPE_CHECKING:
    from rich.text import Text

    from .store.search import SearchHit

CSV_COLUMNS = ["source", "lang", "quote_start", "quote_end", "type", "text", "speaker", "mention",
               "cue", "role", "organisation", "party", "country", "gender", "confidence"]


@contextmanager
def _target(output: Path | None) -> Iterator[IO[str]]:
    if output is None:
        yield sys.stdout
        return
    # Write next to the target and rename, so a failed run never leaves half a file behind.
    tmp = output.with_name(output.name + ".partial")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        yield f
    tmp.replace(output)


def write_articles(articles: Iterable[Article], fmt: str, *, output: Path | None = None, explain: bool = False) -> None:
    if fmt == "table":
        _write_tables(articles, output=output, explain=explain)
        return
    with _target(output) as out:
        if fmt == "jsonl":
            for article in articles:
                out.write(json.dumps(article.to_dict(explain=explain), ensure_ascii=False) + "\n")
                out.flush()
        elif fmt == "json":
            out.write(json.dumps([a.to_dict(explain=explain) for a in articles], ensure_ascii=False, indent=2) + "\n")
        elif fmt == "csv":
            writer = csv.writer(out)
            writer.writerow(CSV_COLUMNS + (["explanation"] if explain else []))
            for article in articles:
                for row in csv_rows(article, explain=explain):
                    writer.writerow(row)
        else:
            raise ValueError(f"unknown format {fmt!r}")


def csv_rows(article: Article, *, explain: bool = False) -> Iterator[list]:
    for q in article.quotes:
        s = q.speaker
        row = [article.source, article.lang, q.start, q.end, q.type, q.text, s.name,
               s.mention.text if s.mention else None, q.cue.text if q.cue else None, s.role,
               s.organisation, s.party, s.country, s.gender, q.confidence]
        yield row + (["; ".join(q.explanation)] if explain else [])


def _write_tables(articles: Iterable[Article], *, output: Path | None, explain: bool) -> None:
    with _target(output) as out:
        console = Console(file=out, width=None if output is None else 160)
        for article in articles:
            table = Table(title=f"{article.source} ({article.lang}): {article.title or ''}", show_lines=True)
            table.add_column("#", justify="right")
            table.add_column("type")
            table.add_column("quote", ratio=3)
            table.add_column("speaker", ratio=1)
            table.add_column("cue")
            if explain:
                table.add_column("why", ratio=2)
            for n, q in enumerate(article.quotes, 1):
                s = q.speaker
                who = s.name or (f"({s.mention.text})" if s.mention else "–")
                extras = ", ".join(x for x in (s.role, s.party, s.organisation) if x)
                row = [str(n), q.type, q.text, who + (f"\n{extras}" if extras else ""), q.cue.text if q.cue else ""]
                if explain:
                    row.append("\n".join(q.explanation))
                table.add_row(*row)
            console.print(table)


def highlighted_text(marked: str, *, style: str = "bold yellow") -> Text:
    """Rich Text of a search hit, the words between MARK tags in ``style``."""
    from rich.text import Text

    from .store.search import MARK

    text = Text()
    for n, piece in enumerate(marked.replace(MARK[1], MARK[0]).split(MARK[0])):
        text.append(piece, style=style if n % 2 else None)
    return text


def write_hits(hits: Iterable[SearchHit], fmt: str, *, out: IO[str] | None = None) -> None:
    """Search hits as a Rich table (``table``) or one JSON object per line (``jsonl``)."""
    out = out or sys.stdout
    if fmt == "jsonl":
        for hit in hits:
            out.write(json.dumps(hit.to_dict(), ensure_ascii=False) + "\n")
        return
    table = Table(show_lines=True)
    table.add_column("published", no_wrap=True)
    table.add_column("speaker", min_width=14, ratio=1)
    table.add_column("type", no_wrap=True)
    table.add_column("quote", ratio=4)
    for hit in hits:
        who = hit.speaker or (f"({hit.mention})" if hit.mention else "–")
        extras = ", ".join(x for x in (hit.role, hit.party) if x)
        quote = highlighted_text(hit.highlighted)
        quote.append(f"\n{hit.title or hit.source}", style="dim")
        table.add_row(f"{(hit.published or '')[:10]}\n{hit.outlet or ''}".strip(), who + (f"\n{extras}" if extras else ""),
                      hit.type, quote)
    Console(file=out).print(table)
