"""Turn files and streams into Article inputs (text + metadata), leaving offsets untouched."""

from .paragraphs import Paragraph, split_paragraphs
from .files import ArticleInput, iter_inputs, read_text_file

__all__ = ["ArticleInput", "Paragraph", "iter_inputs", "read_text_file", "split_paragraphs"]
