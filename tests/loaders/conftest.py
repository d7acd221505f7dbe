"""Generated inputs shared by the loader tests (built once per session, in a temp folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.document import Document
from review_desk.loaders import load
from tests.loaders import fixtures


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("loader_inputs")


@pytest.fixture(scope="session")
def hiding_docx(files: Path) -> Document:
    return load(fixtures.write_hiding_places_docx(files / "hiding.docx"))


@pytest.fixture(scope="session")
def recipients_xlsx(files: Path) -> Document:
    return load(fixtures.write_recipient_xlsx(files / "recipients.xlsx", 20))


@pytest.fixture(scope="session")
def chinese_pdf(files: Path) -> Document:
    return load(fixtures.write_chinese_pdf(files / "notice.pdf"))
