#!/usr/bin/env python3
"""Check the hand-made gold files in eval/gold/own/ against their articles.

For every eval/gold/own/*.json this verifies that

* the JSON has the keys and values that docs/annotation.md allows
  (lang nb/nn, split dev/test, type direct/indirect/mixed, occurrence >= 1,
  speaker and cue a non-empty string or null),
* the article file exists and is laid out as the guide says (title line, blank
  line, paragraphs separated by single blank lines),
* each quote's text occurs at least `occurrence` times in the article,
* the quotes are listed in text order (by resolved start offset),
* no text begins or ends with whitespace, a quotation mark or a dash.
  Exception: a `mixed` quote may begin or end with a quotation mark when the
  marks inside its text are balanced (``et «lappeteppe uten retning»``).

Every problem is printed as ``file: quote N: problem`` (N is 1-based; problems
with the file as a whole use ``quote -``) and the script exits 1. Without
problems it prints a summary: articles, and quotes per type, lang and split.

Only the standard library is used. Run from anywhere:

    python eval/check_own_gold.py [--gold-dir DIR] [--root DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

try:
    from sitat.evaluate.gold import find_occurrence
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from sitat.evaluate.gold import find_occurrence

REPO_ROOT = Path(__file__).resolve().parent.parent

REQUIRED_KEYS = {"article", "lang", "split", "quotes"}
QUOTE_KEYS = {"text", "occurrence", "type", "speaker", "cue"}
LANGS = {"nb", "nn"}
SPLITS = {"dev", "test"}
TYPES = {"direct", "indirect", "mixed"}

OPENING_MARKS = "«„“‘‚‹\"'"
CLOSING_MARKS = "»“”’‘›\"'"
QUOTE_MARKS = set(OPENING_MARKS) | set(CLOSING_MARKS) | {"‟", "❝", "❞"}
DASHES = {"-", "‐", "‑", "‒", "–", "—", "―", "−"}

# Pairs used to decide whether the marks inside a mixed quote are balanced.
MARK_PAIRS = [("«", "»"), ("„", "“"), ("‹", "›")]


def marks_balanced(text: str) -> bool:
    for opening, closing in MARK_PAIRS:
        if text.count(opening) != text.count(closing):
            return False
    return text.count('"') % 2 == 0


def boundary_problems(text: str, qtype: str) -> list[str]:
    problems = []
    for side, ch in (("begins", text[0]), ("ends", text[-1])):
        if ch.isspace():
            problems.append(f"text {side} with whitespace")
        elif ch in DASHES:
            problems.append(f"text {side} with a dash {ch!r}")
        elif ch in QUOTE_MARKS:
            if qtype == "mixed" and marks_balanced(text):
                continue
            problems.append(f"text {side} with a quotation mark {ch!r}")
    return problems


def layout_problems(article_text: str) -> list[str]:
    problems = []
    if "\r" in article_text:
        problems.append("article has carriage returns")
    lines = article_text.rstrip("\n").split("\n")
    if len(lines) < 3 or not lines[0].strip() or lines[1] != "":
        problems.append("article must start with a title line followed by a blank line")
    if "\n\n\n" in article_text:
        problems.append("article has more than one blank line between paragraphs")
    for i, line in enumerate(lines, start=1):
        if line != line.strip():
            problems.append(f"article line {i} has leading or trailing whitespace")
    return problems


def check_file(path: Path, root: Path, stats: dict[str, Counter]) -> list[str]:
    name = path.name
    out: list[str] = []

    def bad(where: str, msg: str) -> None:
        out.append(f"{name}: quote {where}: {msg}")

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        bad("-", f"cannot read JSON ({exc})")
        return out
    if not isinstance(data, dict):
        bad("-", "top level is not an object")
        return out

    missing = REQUIRED_KEYS - data.keys()
    extra = data.keys() - REQUIRED_KEYS
    if missing:
        bad("-", f"missing keys {sorted(missing)}")
    if extra:
        bad("-", f"unexpected keys {sorted(extra)}")
    if data.get("lang") not in LANGS:
        bad("-", f"lang {data.get('lang')!r} not in {sorted(LANGS)}")
    if data.get("split") not in SPLITS:
        bad("-", f"split {data.get('split')!r} not in {sorted(SPLITS)}")

    article = data.get("article")
    if not isinstance(article, str):
        bad("-", "article is not a string")
        return out
    expected = f"tests/articles/{path.stem}.txt"
    if article != expected:
        bad("-", f"article is {article!r}, expected {expected!r}")
    article_path = root / article
    if not article_path.is_file():
        bad("-", f"article file {article} does not exist")
        return out
    text = article_path.read_text(encoding="utf-8")
    for msg in layout_problems(text):
        bad("-", msg)

    quotes = data.get("quotes")
    if not isinstance(quotes, list) or not quotes:
        bad("-", "quotes is not a non-empty list")
        return out

    prev_start = -1
    counted = []
    for n, q in enumerate(quotes, start=1):
        where = str(n)
        if not isinstance(q, dict):
            bad(where, "not an object")
            continue
        if q.keys() != QUOTE_KEYS:
            missing_q = QUOTE_KEYS - q.keys()
            extra_q = q.keys() - QUOTE_KEYS
            if missing_q:
                bad(where, f"missing keys {sorted(missing_q)}")
            if extra_q:
                bad(where, f"unexpected keys {sorted(extra_q)}")
        qtype = q.get("type")
        if qtype not in TYPES:
            bad(where, f"type {qtype!r} not in {sorted(TYPES)}")
        for key in ("speaker", "cue"):
            value = q.get(key)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                bad(where, f"{key} must be a non-empty string or null")
            elif isinstance(value, str) and value != value.strip():
                bad(where, f"{key} has leading or trailing whitespace")
        occ = q.get("occurrence")
        if not isinstance(occ, int) or isinstance(occ, bool) or occ < 1:
            bad(where, f"occurrence {occ!r} is not an integer >= 1")
            continue
        qtext = q.get("text")
        if not isinstance(qtext, str) or not qtext:
            bad(where, "text is not a non-empty string")
            continue
        for msg in boundary_problems(qtext, qtype if isinstance(qtype, str) else ""):
            bad(where, msg)
        start = find_occurrence(text, qtext, occ)
        if start < 0:
            found = text.count(qtext)
            bad(where, f"text occurs {found} time(s), occurrence {occ} asked: {qtext[:60]!r}")
            continue
        if start < prev_start:
            bad(where, f"out of text order (starts at {start}, previous quote at {prev_start})")
        prev_start = max(prev_start, start)
        counted.append(q)

    if not out:
        lang, split = data["lang"], data["split"]
        stats["articles"][f"{lang}/{split}"] += 1
        for q in counted:
            stats["type"][q["type"]] += 1
            stats["lang"][lang] += 1
            stats["split"][split] += 1
            stats["speaker"]["null" if q["speaker"] is None else "named"] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO_ROOT,
                        help="repository root that article paths are relative to (default: %(default)s)")
    parser.add_argument("--gold-dir", type=Path, default=None,
                        help="folder with the gold JSON files (default: ROOT/eval/gold/own)")
    args = parser.parse_args(argv)
    gold_dir = args.gold_dir or args.root / "eval" / "gold" / "own"

    files = sorted(gold_dir.glob("*.json"))
    if not files:
        print(f"{gold_dir}: quote -: no gold files found")
        return 1

    stats: dict[str, Counter] = {k: Counter() for k in ("articles", "type", "lang", "split", "speaker")}
    problems: list[str] = []
    for path in files:
        problems.extend(check_file(path, args.root, stats))

    if problems:
        for line in problems:
            print(line)
        print(f"{len(problems)} problem(s) in {len(files)} file(s)", file=sys.stderr)
        return 1

    def fmt(counter: Counter) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(counter.items()))

    total = sum(stats["type"].values())
    print(f"articles: {len(files)} ({fmt(stats['articles'])})")
    print(f"quotes: {total}")
    print(f"  per type:  {fmt(stats['type'])}")
    print(f"  per lang:  {fmt(stats['lang'])}")
    print(f"  per split: {fmt(stats['split'])}")
    print(f"  speaker:   {fmt(stats['speaker'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
