"""Notices for content a loader deliberately does not read, so the reviewer looks at it.

Scanned ID cards pasted into Word as pictures and whole spreadsheets embedded as objects are
common in submitted material; they carry personal data that no text detector can see.
"""

from __future__ import annotations

from review_desk.core.document import Notice

_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf")


def unread_parts(names: list[str], folder: str) -> list[Notice]:
    """Images and embedded objects inside an OOXML package's main folder (``word/``, ``xl/``)."""
    images = [
        n for n in names if n.startswith(f"{folder}media/") and n.lower().endswith(_IMAGE_SUFFIXES)
    ]
    objects = [n for n in names if n.startswith(f"{folder}embeddings/")]
    notices = []
    if images:
        notices.append(
            Notice(
                "images",
                f"文件含有 {len(images)} 张图片，其中的文字（扫描件、截图）未经审查，请人工查看",
            )
        )
    if objects:
        notices.append(
            Notice(
                "embedded_objects",
                f"文件内嵌了 {len(objects)} 个对象（如表格、文档），其内容未读取，请另行打开审查",
            )
        )
    return notices
