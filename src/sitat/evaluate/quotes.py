"""`sitat eval quotes`: precision, recall and F1 of quotes, and speaker accuracy, against gold."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from ..errors import Errors, SitatError
from ..extract import extract_many
from ..language.ndt import data_dir
from ..read.files import ArticleInput
from .gold import TYPES, GoldDocument, GoldQuote, load_ndt, load_own

LENIENT, STRICT = 0.3, 0.8  # character overlap as a share of the longer span


def overlap_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    longest = max(a[1] - a[0], b[1] - b[0])
    return shared / longest if shared > 0 and longest > 0 else 0.0


def match(gold: list[GoldQuote], predicted: list, threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best overlaps first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            ratio = overlap_ratio((g.start, g.end), (p.start, p.end))
            if ratio >= threshold:
                pairs.append((ratio, i, j))
    used_g, used_p, result = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            result.append((i, j))
    return result


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    normal = lambda s: " ".join(s.casefold().split()) if s else None  # noqa: E731
    return normal(gold) == normal(predicted)


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": n_g, "predicted": n_p}


def score(docs: list[GoldDocument], predictions: list[list], *, keep_errors: bool = False) -> dict[str, Any]:
    result: dict[str, Any] = {"documents": len(docs)}
    errors: list[dict[str, Any]] = []
    for name, threshold in (("lenient", LENIENT), ("strict", STRICT)):
        n_g = n_p = tp = 0
        per_type = {t: [0, 0, 0, 0] for t in TYPES}  # matched predicted, predicted, matched gold, gold
        speaker_ok = speaker_n = 0
        for doc, predicted in zip(docs, predictions):
            pairs = match(doc.quotes, predicted, threshold)
            n_g += len(doc.quotes)
            n_p += len(predicted)
            tp += len(pairs)
            matched_g = {i for i, _ in pairs}
            matched_p = {j for _, j in pairs}
            for i, g in enumerate(doc.quotes):
                per_type[g.type][3] += 1
                per_type[g.type][2] += i in matched_g
            for j, p in enumerate(predicted):
                per_type[p.type][1] += 1
                per_type[p.type][0] += j in matched_p
            for i, j in pairs:
                g, p = doc.quotes[i], predicted[j]
                if keep_errors and name == "lenient" and overlap_ratio((g.start, g.end), (p.start, p.end)) < STRICT:
                    errors.append({"doc": doc.id, "kind": "boundary", "gold": doc.text[g.start:g.end][:100],
                                   "predicted": p.text[:100], "gold_end": doc.text[max(g.end - 30, g.start):g.end],
                                   "predicted_end": p.text[-30:]})
                speaker_n += 1
                ok = same_speaker(doc.quotes[i].speaker, predicted[j].speaker.name)
                speaker_ok += ok
                if keep_errors and name == "lenient" and not ok:
                    errors.append({"doc": doc.id, "kind": "speaker", "text": doc.text[doc.quotes[i].start:doc.quotes[i].end][:80],
                                   "gold": doc.quotes[i].speaker, "predicted": predicted[j].speaker.name,
                                   "why": predicted[j].explanation})
            if keep_errors and name == "lenient":
                for i, g in enumerate(doc.quotes):
                    if i not in matched_g:
                        errors.append({"doc": doc.id, "kind": "missed", "type": g.type, "text": doc.text[g.start:g.end][:100]})
                for j, p in enumerate(predicted):
                    if j not in matched_p:
                        errors.append({"doc": doc.id, "kind": "spurious", "type": p.type, "text": p.text[:100],
                                       "rule": p.explanation[0] if p.explanation else None})
        result[name] = _prf(tp, n_p, tp, n_g)
        result[name]["per_type"] = {t: _prf(v[0], v[1], v[2], v[3]) for t, v in per_type.items()}
        result[name]["speaker_accuracy"] = round(speaker_ok / speaker_n, 4) if speaker_n else 0.0
    if keep_errors:
        result["errors"] = errors
    return result


def evaluate_quotes(split: str, langs: list[str], *, gold: Path, data: Path | None = None,
                    keep_errors: bool = False) -> dict[str, Any]:
    """Score extraction on the gold documents of ``split``, per written standard and source."""
    root = Path.cwd()
    data = data_dir(data)
    if not any(gold.glob("own/*.json")) and not any(gold.glob("ndt/*.jsonl")):
        raise SitatError(Errors.E032.format(path=gold))
    own = [d for d in load_own(gold, root) if d.split == split]
    results: dict[str, Any] = {"split": split}
    all_errors = []
    for lang in langs:
        docs = [d for d in own if d.lang == lang]
        if (data / f"norne-{lang}" / "ndt").is_dir():
            docs += load_ndt(gold, data, lang, split)
        items = [ArticleInput(text=d.text, source=d.id, title_line=True) for d in docs]
        started = time.perf_counter()
        articles = list(extract_many(items, lang=lang))
        seconds = time.perf_counter() - started
        predictions = [a.quotes for a in articles]
        scores = score(docs, predictions, keep_errors=keep_errors)
        words = sum(len(d.text.split()) for d in docs)
        scores["words_per_second"] = round(words / seconds) if seconds else 0
        for origin in ("own", "ndt"):
            subset = [(d, p) for d, p in zip(docs, predictions) if d.origin == origin]
            if subset:
                part = score([d for d, _ in subset], [p for _, p in subset])
                scores[origin] = {k: part[k] for k in ("documents", "lenient", "strict")}
        all_errors += scores.pop("errors", [])
        results[lang] = scores
    if keep_errors:
        results["errors"] = all_errors
    return results


def print_quote_report(results: dict[str, Any], *, show_errors: bool = False) -> None:
    console = Console(width=max(Console().width, 110))
    table = Table(title=f"sitat quotes, gold {results['split']} split")
    table.add_column("set")
    for col in ("docs", "gold", "lenient P/R/F1", "strict P/R/F1", "speaker acc."):
        table.add_column(col, justify="right")
    for lang, scores in results.items():
        if lang in ("split", "errors"):
            continue
        rows = [(lang, scores)] + [(f"{lang} {o}", scores[o]) for o in ("own", "ndt") if o in scores]
        for label, s in rows:
            le, st = s["lenient"], s["strict"]
            table.add_row(label, str(s["documents"]), str(le["gold"]),
                          f"{le['precision']:.2f}/{le['recall']:.2f}/{le['f1']:.3f}",
                          f"{st['precision']:.2f}/{st['recall']:.2f}/{st['f1']:.3f}",
                          f"{le['speaker_accuracy']:.3f}")
        for t, s in scores["lenient"]["per_type"].items():
            table.add_row(f"  {lang} {t}", "", str(s["gold"]), f"{s['precision']:.2f}/{s['recall']:.2f}/{s['f1']:.3f}", "", "")
    console.print(table)
    if show_errors:
        for error in results.get("errors", []):
            console.print(json.dumps(error, ensure_ascii=False), highlight=False, soft_wrap=True)
