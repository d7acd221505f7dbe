"""Atomic output: an export is either complete at its target or absent, never half-written."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from review_desk.core.errors import ReviewDeskError


class ExportError(ReviewDeskError):
    key = "export_failed"
    summary = "导出失败"


@contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; move it onto ``out`` only if the block succeeds.

    The temporary file lives in the target's folder so that :func:`os.replace` is a rename on
    one file system, which a reader never sees half-done.
    """
    if not out.parent.is_dir():
        raise ExportError(f"文件夹不存在：{out.parent}", path=out)
    temp = _create_beside(out)
    try:
        yield temp
        os.replace(temp, out)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ExportError(error.strerror or str(error), path=out) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _create_beside(out: Path) -> Path:
    # os.open with 0o666 honours the umask, so the export gets the permissions any file the user
    # saves would get (tempfile.mkstemp would leave it readable by its owner only).
    temp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except OSError as error:
        raise ExportError(f"无法在 {out.parent} 中写入：{error.strerror}", path=out) from error
    return temp
