"""Check sitat's lexicon TSV files: column counts, required cells, allowed values and duplicates.

Usage: python eval/check_lexicons.py [repo root]

Reads every *.tsv under src/sitat/quotes/lexicon and src/sitat/speakers/lexicon, prints one
`file:line: problem` line per problem and exits 1 if there were any (0 when all files are clean).
Standard library only, so it runs before sitat or spaCy are installed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LEXICON_DIRS = ("src/sitat/quotes/lexicon", "src/sitat/speakers/lexicon")

# Columns that may never be empty, wherever they appear.
REQUIRED = ("form", "phrase", "name", "abbreviation", "name_nb", "example")

STANDARD = {"nb", "nn", "both"}
GENDER = {"m", "f", "n", ""}

# Allowed values per (file, column); "*" applies to every file that has the column.
ALLOWED: dict[tuple[str, str], set[str]] = {
    ("*", "standard"): STANDARD,
    ("*", "gender"): GENDER,
    ("reporting_verbs.tsv", "use"): {"direct", "indirect", "both"},
    ("reporting_verbs.tsv", "kind"): {"speech", "writing", "opinion", "report", "naming", "naming_as"},
    ("cue_phrases.tsv", "kind"): {"according_to", "refer", "source_says", "to_medium", "report"},
    ("not_statements.tsv", "reason"): {"perception", "question", "hypothetical"},
    ("roles.tsv", "category"): {
        "politician", "government", "expert", "police", "legal", "business", "labour",
        "organisation", "media", "culture", "sports", "religion", "royal", "citizen", "other",
    },
    ("organisations.tsv", "kind"): {
        "media", "wire", "government", "police", "business", "labour", "organisation",
        "international", "political",
    },
    ("pronouns.tsv", "person"): {"1", "2", "3"},
    ("pronouns.tsv", "number"): {"sg", "pl"},
}

# The header each file must have, for the files whose layout is fixed.
HEADERS = {
    "reporting_verbs.tsv": ["form", "lemma", "standard", "use", "kind", "example"],
    "cue_phrases.tsv": ["phrase", "standard", "kind", "example"],
    "not_statements.tsv": ["form", "standard", "reason", "example"],
    "roles.tsv": ["form", "lemma", "standard", "category", "gender", "example"],
    "parties.tsv": ["abbreviation", "name_nb", "name_nn", "aliases", "country", "example"],
    "countries.tsv": ["name_nb", "name_nn", "iso", "adjective_nb", "adjective_nn", "demonym", "genitive", "example"],
    "organisations.tsv": ["name", "aliases", "kind", "country", "example"],
    "pronouns.tsv": ["form", "standard", "person", "gender", "number", "example"],
}

# Columns holding an ISO 3166-1 alpha-2 code (empty allowed).
ISO_COLUMNS = ("country", "iso")
ISO_CODE = re.compile(r"^[A-Z]{2}$")

# Columns that make up a row's identity for the duplicate check, in order of preference;
# "standard", or else "country", is added to the key when the file has it.
KEY_COLUMNS = ("form", "phrase", "abbreviation", "name", "name_nb", "dash", "open")


def check_file(path: Path, root: Path) -> list[str]:
    problems: list[str] = []
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return [f"{rel}:1: not valid UTF-8 ({exc.reason} at byte {exc.start})"]
    header: list[str] | None = None
    key_col: str | None = None
    extra_key: str | None = None
    seen: dict[tuple[str, str], int] = {}
    both_forms: dict[tuple[str, str], int] = {}
    split_forms: dict[tuple[str, str], int] = {}
    for line_no, line in enumerate(text.splitlines(), 1):
        where = f"{rel}:{line_no}"
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line != line.rstrip("\r"):
            problems.append(f"{where}: Windows line ending")
        cells = line.rstrip("\r").split("\t")
        if header is None:
            header = cells
            expected = HEADERS.get(path.name)
            if expected is not None and header != expected:
                problems.append(f"{where}: header is {header}, expected {expected}")
            if len(set(header)) != len(header):
                problems.append(f"{where}: repeated column name in header")
            key_col = next((c for c in KEY_COLUMNS if c in header), header[0])
            # function_words.tsv lists a word once per job it does, so its group is part of the key.
            extra_key = "group" if "group" in header else (
                "standard" if "standard" in header else ("country" if "country" in header else None))
            continue
        if len(cells) > len(header):
            problems.append(f"{where}: {len(cells)} cells, header has {len(header)} columns")
            continue
        row = {col: (cells[i] if i < len(cells) else "") for i, col in enumerate(header)}
        for i, cell in enumerate(cells):
            if cell != cell.strip():
                problems.append(f"{where}: column '{header[i]}' has leading or trailing spaces")
        for col in REQUIRED:
            if col in row and not row[col].strip():
                problems.append(f"{where}: empty value in required column '{col}'")
        for col, value in row.items():
            allowed = ALLOWED.get((path.name, col), ALLOWED.get(("*", col)))
            if allowed is not None and value.strip() not in allowed:
                problems.append(f"{where}: column '{col}' must be one of {sorted(allowed)}, got '{value}'")
            if col in ISO_COLUMNS and value.strip() and not ISO_CODE.match(value.strip()):
                problems.append(f"{where}: column '{col}' must be an ISO 3166-1 alpha-2 code, got '{value}'")
        for col in ("aliases", "demonym", "genitive", "adjective_nb", "adjective_nn"):
            if col in row and row[col] and any(not part.strip() for part in row[col].split("|")):
                problems.append(f"{where}: column '{col}' has an empty item between '|' separators")
        if "aliases" in row and row["aliases"]:
            parts = [p.strip().lower() for p in row["aliases"].split("|")]
            if len(set(parts)) != len(parts):
                problems.append(f"{where}: repeated alias in '{row['aliases']}'")
        # Duplicates: same key (form + standard, or name + country) twice in one file.
        form = row.get(key_col, "").strip().lower()
        if not form:
            continue
        key = (form, row.get(extra_key, "").strip() if extra_key else "")
        if key in seen and not _distinct_lemma(text, seen[key], row, header):
            problems.append(f"{where}: duplicate of line {seen[key]} ({key_col} '{form}'"
                            + (f", {extra_key} '{key[1]}')" if extra_key else ")"))
        seen.setdefault(key, line_no)
        # A form listed for both standards should not also be listed for one of them
        # (unless the rows name different lemmas).
        if extra_key == "standard":
            std = row["standard"].strip()
            lemma = row.get("lemma", "").strip()
            other = split_forms if std == "both" else both_forms if std in ("nb", "nn") else {}
            if (form, lemma) in other:
                problems.append(f"{where}: '{form}' is '{std}' here, but line {other[(form, lemma)]} lists it "
                                + ("for one standard" if std == "both" else "as 'both'"))
            (both_forms if std == "both" else split_forms).setdefault((form, lemma), line_no)
    if header is None:
        problems.append(f"{rel}:1: no header row")
    return problems


def _distinct_lemma(text: str, first_line: int, row: dict[str, str], header: list[str]) -> bool:
    """Same form and standard twice is fine when the rows name different lemmas (rare homographs)."""
    if "lemma" not in header:
        return False
    first = text.splitlines()[first_line - 1].split("\t")
    return first[header.index("lemma")].strip() != row["lemma"].strip()


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    files = sorted(p for d in LEXICON_DIRS for p in (root / d).glob("*.tsv"))
    if not files:
        print(f"{root}: no lexicon files found under {', '.join(LEXICON_DIRS)}")
        return 1
    problems = [p for f in files for p in check_file(f, root)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len(files)} file(s)", file=sys.stderr)
        return 1
    print(f"{len(files)} lexicon files OK", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
