"""Reading a file once, whole, with its digest: every loader parses these bytes, never the path.

Reading once means the digest always describes exactly the bytes that were reviewed, and a file
replaced or truncated while we read it is noticed instead of yielding half a document. Only
regular files are read, judged on the opened descriptor (a path checked first can be swapped for
a FIFO before it is opened), and the open itself never waits: a FIFO without a writer, or a
symlink to /dev/zero, is refused at once instead of hanging or filling the memory.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from review_desk.core.errors import (
    EmptyFileError,
    FileTooLargeError,
    FileVanishedError,
    FolderGivenError,
    LoadError,
    NotRegularFileError,
)
from review_desk.loaders.limits import limits

_CHUNK = 1024 * 1024
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


@dataclass(frozen=True)
class RawFile:
    path: Path
    data: bytes
    sha256: str


def read_file(path: Path) -> RawFile:
    """Read the whole file; a file that disappears, shrinks or grows while read is refused."""
    with _regular_file(path) as (descriptor, size):
        data = _read_chunks(descriptor, size)
    if len(data) != size:
        raise FileVanishedError("读取时文件大小发生变化", path)
    return RawFile(path, data, hashlib.sha256(data).hexdigest())


def file_digest(path: Path) -> str | None:
    """SHA-256 of a regular file within the size limit, or None: for the report of a file whose
    reading failed elsewhere (a crashed worker), never a read without bounds."""
    try:
        with _regular_file(path) as (descriptor, size):
            digest = hashlib.sha256()
            for chunk in _chunks(descriptor, size):
                digest.update(chunk)
            return digest.hexdigest()
    except EmptyFileError:
        return hashlib.sha256(b"").hexdigest()
    except LoadError:
        return None


@contextmanager
def _regular_file(path: Path) -> Iterator[tuple[int, int]]:
    """An open descriptor of a regular file within the size limit, and its size."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _open_error(error, path) from error
    try:
        size = _check_descriptor(descriptor, path)
        yield descriptor, size
    except OSError as error:
        raise LoadError(f"读取出错：{error.strerror or error}", path) from error
    finally:
        os.close(descriptor)


def _open_error(error: OSError, path: Path) -> LoadError:
    if isinstance(error, FileNotFoundError):
        return FileVanishedError("文件不存在", path)
    if isinstance(error, IsADirectoryError):
        return FolderGivenError(path=path)
    if isinstance(error, PermissionError):
        return LoadError("没有读取权限", path)
    return LoadError(f"读取出错：{error.strerror or error}", path)


def _check_descriptor(descriptor: int, path: Path) -> int:
    info = os.fstat(descriptor)
    if stat.S_ISDIR(info.st_mode):
        raise FolderGivenError(path=path)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFileError(path=path)
    if info.st_size == 0:
        raise EmptyFileError(path=path)
    largest = limits().reading.max_file_bytes
    if info.st_size > largest:
        raise FileTooLargeError(f"文件大小 {info.st_size} 字节，超过上限 {largest} 字节", path)
    return info.st_size


def _read_chunks(descriptor: int, size: int) -> bytes:
    return b"".join(_chunks(descriptor, size))


def _chunks(descriptor: int, size: int) -> Iterator[bytes]:
    total = 0
    # Read one byte past the announced size so that a file growing under us is noticed too.
    while total <= size:
        chunk = os.read(descriptor, min(_CHUNK, size + 1 - total))
        if not chunk:
            return
        total += len(chunk)
        yield chunk
