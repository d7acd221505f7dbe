"""Reading a file once, whole, with its digest: every loader parses these bytes, never the path.

Reading once means the digest always describes exactly the bytes that were reviewed, and a file
replaced or truncated while we read it is noticed instead of yielding half a document.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from review_desk.core.errors import (
    EmptyFileError,
    FileTooLargeError,
    FileVanishedError,
    LoadError,
)

#: Larger inputs are refused before reading: no office document for review comes near this.
MAX_FILE_BYTES = 512 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class RawFile:
    path: Path
    data: bytes
    sha256: str


def read_file(path: Path) -> RawFile:
    """Read the whole file; a file that disappears, shrinks or grows while read is refused."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            _check_size(size, path)
            data = _read_chunks(handle, size)
    except FileNotFoundError as error:
        raise FileVanishedError("文件不存在", path) from error
    except IsADirectoryError as error:
        raise LoadError("这是一个文件夹，不是文件", path) from error
    except PermissionError as error:
        raise LoadError("没有读取权限", path) from error
    except OSError as error:
        raise LoadError(f"读取出错：{error.strerror or error}", path) from error
    if len(data) != size:
        raise FileVanishedError("读取时文件大小发生变化", path)
    return RawFile(path, data, hashlib.sha256(data).hexdigest())


def _check_size(size: int, path: Path) -> None:
    if size == 0:
        raise EmptyFileError(path=path)
    if size > MAX_FILE_BYTES:
        raise FileTooLargeError(f"文件大小 {size} 字节，超过上限 {MAX_FILE_BYTES} 字节", path)


def _read_chunks(handle: BinaryIO, size: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    # Read one byte past the announced size so that a file growing under us is noticed too.
    while total <= size:
        chunk = handle.read(_CHUNK)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
