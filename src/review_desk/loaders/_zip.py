"""ZIP containers (DOCX, XLSX, ODS) opened with a cap on what they may expand to.

A zip bomb is refused on its declared sizes before anything is inflated, and every read is
bounded again while inflating, because declared sizes can lie. The inflated bytes count against
the budget of the file being read (``budget``), shared with the documents embedded in it. A
container with two members of one name is refused: readers would silently see only one of them.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from review_desk.core.errors import CorruptFileError, FileTooLargeError
from review_desk.loaders import budget
from review_desk.loaders._xml import DoctypeScanner
from review_desk.loaders.limits import limits

#: Office XML compresses about 5–30 : 1; a part far beyond that, and big, is a bomb.
MAX_RATIO = 200
_RATIO_APPLIES_FROM = 1024 * 1024
_CHUNK = 1024 * 1024


class SafeZip:
    """Read-only view of a ZIP held in memory, with size caps on every part."""

    def __init__(self, data: bytes, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
            raise CorruptFileError("ZIP 结构损坏", path) from error
        _check_members(infos, path)
        self._sizes = {info.filename: info.file_size for info in infos}
        self._budget = budget.current()

    def names(self) -> list[str]:
        return list(self._sizes)

    def has(self, name: str) -> bool:
        return name in self._sizes

    def read(self, name: str) -> bytes:
        """Inflate one part to keep (and parse): refused past the part cap, which keeps an lxml
        tree of it within memory, or past the remaining budget of the file."""
        return b"".join(self._inflate(name, limits().reading.max_part_bytes))

    def verify(self, observe: Callable[[str, bytes], None] | None = None) -> None:
        """Inflate every part once, bounded and discarded, before a native library re-reads it.

        Refuses a DOCTYPE anywhere in an XML part; ``observe(part, chunk)`` sees every chunk
        (so facts about a 60 MB sheet are gathered without a second pass). Only the file's
        budget applies: a 400 MB sheet is streamed by calamine, never held as a tree.
        """
        for name in self._sizes:
            scanner = DoctypeScanner(name, self.path) if _is_xml(name) else None
            for chunk in self._inflate(name, None):
                if scanner is not None:
                    scanner.feed(chunk)
                if observe is not None:
                    observe(name, chunk)

    def _inflate(self, name: str, part_limit: int | None) -> Iterator[bytes]:
        size = 0
        try:
            with self._zip.open(name) as part:
                while chunk := part.read(_CHUNK):
                    size += len(chunk)
                    if part_limit is not None and size > part_limit:
                        raise FileTooLargeError(f"{name} 解压后超过 {part_limit} 字节", self.path)
                    self._budget.spend(len(chunk), name, self.path)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
            raise CorruptFileError(f"{name} 无法解压", self.path) from error
        except RuntimeError as error:  # zipfile's way of saying "this member is encrypted"
            raise CorruptFileError(f"{name} 受密码保护或无法解压", self.path) from error


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _check_members(infos: list[zipfile.ZipInfo], path: Path) -> None:
    reading = limits().reading
    if len(infos) > reading.max_zip_entries:
        raise FileTooLargeError(f"ZIP 含有 {len(infos)} 个成员，超过上限", path)
    # Part names are case-insensitive in Office (OPC); zipfile would keep the last of each.
    seen: set[str] = set()
    for info in infos:
        folded = info.filename.casefold()
        if folded in seen:
            raise CorruptFileError(f"ZIP 中有重复的部件名 {info.filename}", path)
        seen.add(folded)
    total = sum(info.file_size for info in infos)
    if total > reading.max_unpacked_bytes:
        raise FileTooLargeError(f"声明的解压大小共 {total} 字节", path)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_APPLIES_FROM and ratio > MAX_RATIO:
            raise FileTooLargeError(f"{info.filename} 压缩比 {ratio:.0f}:1", path)
