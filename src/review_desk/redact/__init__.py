"""Redacted copies from which nothing can be recovered, in every format, self-verified.

``redact_file`` takes the loaded Document of a file and the reviewer's redactions (block id and
offsets in the block's original text), masks each value as rules/masking.yaml says, writes the
copy with the writer for its format, re-reads it and refuses to finish while any redacted value
can still be found (``ResidueError``; the copy is deleted).
"""

from review_desk.redact.errors import (
    InvalidRedactionError,
    OutputIsSourceError,
    RedactionError,
    ResidueError,
    UnsupportedRedactionError,
)
from review_desk.redact.export import OUTPUT_MARK, ExportResult, output_path, redact_file
from review_desk.redact.masking import Masker
from review_desk.redact.plan import Redaction

__all__ = [
    "OUTPUT_MARK",
    "ExportResult",
    "InvalidRedactionError",
    "Masker",
    "OutputIsSourceError",
    "Redaction",
    "RedactionError",
    "ResidueError",
    "UnsupportedRedactionError",
    "output_path",
    "redact_file",
]
