"""Notices for content a loader cannot read as text, so the reviewer looks at it.

Scanned ID cards pasted into Word as pictures are common in submitted material; they carry
personal data that no text detector can see. Embedded documents are read (``embedded``); the
pictures are only counted.
"""

from __future__ import annotations

from review_desk.core.document import Notice

_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf")


def unread_parts(names: list[str], folder: str) -> list[Notice]:
    """Images inside an OOXML package's main folder (``word/``, ``xl/``)."""
    images = [
        n for n in names if n.startswith(f"{folder}media/") and n.lower().endswith(_IMAGE_SUFFIXES)
    ]
    if not images:
        return []
    return [
        Notice(
            "images",
            f"文件含有 {len(images)} 张图片，其中的文字（扫描件、截图）未经审查，请人工查看",
        )
    ]
