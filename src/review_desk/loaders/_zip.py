"""ZIP containers (DOCX, XLSX, ODS) opened with a cap on what they may expand to.

A zip bomb is refused on its declared sizes before anything is inflated, and every read is
bounded again while inflating, because declared sizes can lie.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from review_desk.core.errors import CorruptFileError, FileTooLargeError
from review_desk.loaders._xml import reject_doctype

#: All parts of one container together may not expand past this.
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
#: Office XML compresses about 5–30 : 1; a part far beyond that, and big, is a bomb.
MAX_RATIO = 200
_RATIO_APPLIES_FROM = 1024 * 1024
_CHUNK = 1024 * 1024
_MARKER_OVERLAP = 512


class SafeZip:
    """Read-only view of a ZIP held in memory, with size caps on every part."""

    def __init__(self, data: bytes, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
            raise CorruptFileError("ZIP 结构损坏", path) from error
        self._sizes = {info.filename: info.file_size for info in infos}
        _check_declared_sizes(infos, path)
        self._budget = MAX_TOTAL_UNCOMPRESSED

    def names(self) -> list[str]:
        return list(self._sizes)

    def has(self, name: str) -> bool:
        return name in self._sizes

    def read(self, name: str) -> bytes:
        """Inflate one part, refusing it once it passes the remaining budget of the container."""
        return b"".join(self._inflate(name))

    def verify(self, marker: re.Pattern[bytes] | None = None) -> set[str]:
        """Inflate every part once, bounded and discarded, before a native library re-reads it.

        Refuses a DOCTYPE in any XML prolog; returns the parts in which ``marker`` occurs (found
        while inflating anyway, so a second pass over a 60 MB sheet is saved).
        """
        marked: set[str] = set()
        for name in self._sizes:
            first, tail = b"", b""
            for chunk in self._inflate(name):
                first = first or chunk
                if marker is not None and name not in marked:
                    if marker.search(tail + chunk):
                        marked.add(name)
                    tail = chunk[-_MARKER_OVERLAP:]
            if name.endswith((".xml", ".rels")):
                reject_doctype(first, name, self.path)
        return marked

    def _inflate(self, name: str) -> Iterator[bytes]:
        try:
            with self._zip.open(name) as part:
                while chunk := part.read(_CHUNK):
                    self._budget -= len(chunk)
                    if self._budget < 0:
                        raise FileTooLargeError(f"{name} 解压后超过上限", self.path)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
            raise CorruptFileError(f"{name} 无法解压", self.path) from error
        except RuntimeError as error:  # zipfile's way of saying "this member is encrypted"
            raise CorruptFileError(f"{name} 受密码保护或无法解压", self.path) from error


def _check_declared_sizes(infos: list[zipfile.ZipInfo], path: Path) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise FileTooLargeError(f"声明的解压大小共 {total} 字节", path)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_APPLIES_FROM and ratio > MAX_RATIO:
            raise FileTooLargeError(f"{info.filename} 压缩比 {ratio:.0f}:1", path)
