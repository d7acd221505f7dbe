"""Plain text: each line rewritten in place, line breaks and encoding exactly as they were.

The loader numbers lines by splitting on every kind of line break (``loaders.text``); the
writer splits the same way but keeps the breaks, so an untouched file comes back byte for byte.
"""

from __future__ import annotations

import re
from pathlib import Path

from review_desk.redact.plan import WriteJob, check_found
from review_desk.redact.textcodec import decode_source

#: The loader's line breaks (loaders.text._LINE_BREAK), captured so that they are kept.
_LINE_BREAK = re.compile(r"(\r\n|[\n\r\u2028\u2029\x0b\x0c\x85])")


def write_txt(job: WriteJob, out: Path) -> None:
    source, plan = job.source, job.plan
    text, codec = decode_source(job.data, source)
    parts = _LINE_BREAK.split(text)
    # parts alternates line, break, line, …: line n sits at index 2n.
    for block_id, edit in plan.edits.items():
        index = 2 * _line_number(block_id)
        check_found(parts[index], edit.original, block_id, source)
        parts[index] = edit.text
    out.write_bytes(codec.encode("".join(parts)))


def _line_number(block_id: str) -> int:
    return int(block_id.removeprefix("p"))
