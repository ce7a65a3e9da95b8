"""Reporting verbs, cue phrases and quote marks, as commented TSV files (loaded by sitat.quotes.cues)."""
