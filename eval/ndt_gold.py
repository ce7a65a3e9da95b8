"""Tools for the NDT/NorNE quote gold (standoff annotations, see docs/annotation.md).

The corpus texts may not be stored in this repository, so annotation happens in a
working file outside it (JSON lines, one document a line)::

    {"doc": "nb/ap014_0005/71", "quotes": [{"text": "exact substring", "occurrence": 1,
      "type": "direct", "speaker": "Heidi Jansson", "cue": "sier"}]}

and ``standoff`` turns it into ``eval/gold/ndt/<lang>-<split>.jsonl`` with character
offsets and a SHA-1 prefix of each span instead of the text.

    python eval/ndt_gold.py show --lang nb --split test --list [--news]
    python eval/ndt_gold.py show nb/ap014_0005/71
    python eval/ndt_gold.py standoff /tmp/ndt-work/nb-test.jsonl --out eval/gold/ndt/nb-test.jsonl
    python eval/ndt_gold.py check eval/gold/ndt/*.jsonl

Optional keys in a working quote: ``cue_occurrence`` (1-based, which whole-word
occurrence of the cue in the document is meant; default: the one nearest the span)
and ``note`` (ignored).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

try:
    from sitat.evaluate.gold import find_occurrence, sha1_prefix
    from sitat.evaluate.ndt_documents import NdtDocument, document, documents
    from sitat.language.ndt import data_dir
except ImportError:  # run from a checkout without PYTHONPATH=src
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from sitat.evaluate.gold import find_occurrence, sha1_prefix
    from sitat.evaluate.ndt_documents import NdtDocument, document, documents
    from sitat.language.ndt import data_dir

TYPES = ("direct", "indirect", "mixed")
CUE_WINDOW = 400  # max characters between a span and its cue when the nearest cue is taken
SIGNALS = {
    "dash": re.compile(r"^[-–—] ", re.M),
    "«»": re.compile(r"«"),
    "sier": re.compile(r"\b(?:sier|seier)\b"),
    "sa": re.compile(r"\bsa\b"),
    "mener": re.compile(r"\b(?:mener|meiner)\b"),
    "ifølge": re.compile(r"\b(?:ifølge|ifølgje)\b", re.I),
}


class GoldError(Exception):
    pass


def paragraphs(doc: NdtDocument) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of the rebuilt text."""
    spans, pos = [], 0
    for part in doc.text.split("\n\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 2
    return spans


def cmd_show(args: argparse.Namespace) -> None:
    data = data_dir(args.data)
    if args.list:
        if not (args.lang and args.split):
            raise SystemExit("show --list needs --lang and --split")
        print("id\tnews\tsents\ttitle_chars\t" + "\t".join(SIGNALS) + "\ttitle")
        for doc in documents(args.lang, args.split, data):
            if args.news and not doc.news:
                continue
            counts = [len(rx.findall(doc.text)) for rx in SIGNALS.values()]
            print(f"{doc.id}\t{int(doc.news)}\t{len(doc.sentences)}\t{len(doc.title or '')}\t"
                  + "\t".join(map(str, counts)) + f"\t{doc.title or ''}")
        return
    if not args.doc:
        raise SystemExit("show needs a DOC_ID or --list")
    doc = document(args.doc, data)
    print(f"# {doc.id}  split={doc.split} news={doc.news} source={doc.source} "
          f"sentences={len(doc.sentences)}\n# title: {doc.title}\n")
    for n, (a, b) in enumerate(paragraphs(doc), 1):
        print(f"[{n}] {doc.text[a:b]}\n")


def _cuts_word(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum()


def locate_cue(doc: NdtDocument, cue: str, start: int, end: int, occurrence: int | None) -> int:
    """Offset of the cue word: the given whole-word occurrence, else the nearest to the span."""
    hits = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", doc.text, re.I)]
    if not hits:
        raise GoldError(f"cue {cue!r} not found in the document")
    if occurrence is not None:
        if not 1 <= occurrence <= len(hits):
            raise GoldError(f"cue {cue!r} occurs {len(hits)} times, cue_occurrence={occurrence}")
        return hits[occurrence - 1]

    def distance(pos: int) -> tuple[int, int]:
        if start <= pos < end:
            return (0, 0)
        return (start - pos if pos < start else pos - end, 1 if pos < start else 0)

    best = min(hits, key=distance)
    if distance(best)[0] > CUE_WINDOW:
        raise GoldError(f"nearest cue {cue!r} is {distance(best)[0]} characters from the span")
    return best


def to_standoff(record: dict, data: Path) -> dict:
    doc = document(record["doc"], data)
    quotes = []
    for q in record.get("quotes", []):
        text, occurrence = q["text"], int(q.get("occurrence", 1))
        if q.get("type") not in TYPES:
            raise GoldError(f"bad type {q.get('type')!r} for {text[:40]!r}")
        if not text or text != text.strip():
            raise GoldError(f"empty span or span with outer whitespace: {text[:40]!r}")
        start = find_occurrence(doc.text, text, occurrence)
        if start < 0:
            count = doc.text.count(text)
            raise GoldError(f"text {text[:60]!r} occurrence {occurrence} not found "
                            f"(occurs {count} times)")
        end = start + len(text)
        if _cuts_word(doc.text, start) or _cuts_word(doc.text, end):
            raise GoldError(f"text {text[:60]!r} occurrence {occurrence} cuts through a word")
        cue = q.get("cue")
        cue_start = locate_cue(doc, cue, start, end, q.get("cue_occurrence")) if cue else None
        quotes.append({"start": start, "end": end, "sha1": sha1_prefix(text), "type": q["type"],
                       "speaker": q.get("speaker"), "cue": cue, "cue_start": cue_start})
    quotes.sort(key=lambda q: (q["start"], q["end"]))
    return {"doc": doc.id, "lang": doc.lang, "split": doc.split, "quotes": quotes}


def cmd_standoff(args: argparse.Namespace) -> None:
    data = data_dir(args.data)
    out, seen = [], set()
    with open(args.workfile, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{args.workfile}:{line_no}"
            try:
                record = json.loads(line)
                if record["doc"] in seen:
                    raise GoldError(f"document {record['doc']} annotated twice")
                seen.add(record["doc"])
                out.append(to_standoff(record, data))
            except (GoldError, KeyError, ValueError) as exc:
                raise SystemExit(f"{where}: {exc}") from None
    splits = {(r["lang"], r["split"]) for r in out}
    if len(splits) > 1:
        raise SystemExit(f"{args.workfile}: documents from several lang/splits: {sorted(splits)}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for record in out:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} documents, {sum(len(r['quotes']) for r in out)} quotes to {args.out}")


def cmd_check(args: argparse.Namespace) -> None:
    data = data_dir(args.data)
    bad = 0
    for path in args.files:
        docs, types, empty, anonymous = 0, Counter(), 0, 0
        with open(path, encoding="utf-8") as f:
            for line_no, line in enumerate(f, 1):
                if not line.strip():
                    continue
                record = json.loads(line)
                doc = document(record["doc"], data)
                docs += 1
                empty += not record["quotes"]
                if (doc.lang, doc.split) != (record["lang"], record["split"]):
                    print(f"{path}:{line_no}: lang/split mismatch for {doc.id}")
                    bad += 1
                for q in record["quotes"]:
                    types[q["type"]] += 1
                    anonymous += q["speaker"] is None
                    span = doc.text[q["start"]:q["end"]]
                    if sha1_prefix(span) != q["sha1"]:
                        print(f"{path}:{line_no}: hash mismatch in {doc.id} at {q['start']}-{q['end']}")
                        bad += 1
                    cue, at = q.get("cue"), q.get("cue_start")
                    if cue and (at is None or doc.text[at:at + len(cue)].lower() != cue.lower()):
                        print(f"{path}:{line_no}: cue {cue!r} not at {at} in {doc.id}")
                        bad += 1
        print(f"{path}: {docs} docs ({empty} without quotes), {sum(types.values())} quotes "
              f"({', '.join(f'{t} {types[t]}' for t in TYPES)}), speaker null {anonymous}")
    if bad:
        raise SystemExit(f"{bad} problems")
    print("all spans verified")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="shared data folder (default: $SITAT_DATA or ../shared/data)")
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("show", help="print a document with paragraph numbers, or list documents")
    show.add_argument("doc", nargs="?", help="document id, e.g. nb/ap014_0005/71")
    show.add_argument("--lang", choices=("nb", "nn"))
    show.add_argument("--split", choices=("train", "dev", "test"))
    show.add_argument("--list", action="store_true", help="list the documents of --lang/--split")
    show.add_argument("--news", action="store_true", help="with --list: news documents only")
    show.set_defaults(func=cmd_show)
    standoff = sub.add_parser("standoff", help="working annotation file -> standoff gold file")
    standoff.add_argument("workfile")
    standoff.add_argument("--out", required=True)
    standoff.set_defaults(func=cmd_standoff)
    check = sub.add_parser("check", help="verify the spans of standoff gold files")
    check.add_argument("files", nargs="+")
    check.set_defaults(func=cmd_check)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
