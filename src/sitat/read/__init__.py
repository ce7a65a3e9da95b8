"""Turn files and streams into Article inputs (text + metadata), leaving offsets untouched."""

from .files import ArticleInput, count_inputs, expand_paths, iter_inputs, read_text_file
from .html import html_to_input
from .jsonl import read_jsonl
from .paragraphs import Paragraph, split_paragraphs

__all__ = ["ArticleInput", "Paragraph", "count_inputs", "expand_paths", "html_to_input", "iter_inputs",
           "read_jsonl", "read_text_file", "split_paragraphs"]
