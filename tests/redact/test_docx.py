import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from review_desk.core.document import Document
from review_desk.core.findings import FindingType as T
from review_desk.loaders import load
from review_desk.redact import ExportResult, redact_file
from review_desk.redact.docx_map import DocxMap, part_text
from review_desk.redact.ooxml import CHAIN_HEAD_PROPERTY, Package
from tests.loaders import fixtures as loader_fixtures
from tests.redact.fixtures import (
    ID,
    NAME,
    PHONE,
    W,
    package_texts,
    redactions_for,
    residues,
    write_adversarial_docx,
)

#: Where the adversarial notice hides the values (block ids as the loader gives them).
HIDING_PLACES = [
    "p0",  # body, each value split across runs with different formatting
    "p1:hidden",
    "t0:r1:c1",  # table
    "t0:r1:c0:t0:r0:c0",  # nested table
    "h1:p0",
    "f1:p0",
    "c0:p0",  # comment
    "c0:author",
    "prop:core:creator",
    "prop:core:title",
    "prop:custom:经办人",
    "prop:revision_author:0",
    "p2",  # tracked insertion, field result
    "p2:del",
    "p2:link0",  # hyperlink relationship target
    "p2:link1",  # HYPERLINK field code
    "p2:tb0:p0",  # text box
    "fn1:p0",
    "prop:docvar:applicant",
]


@pytest.fixture(scope="module")
def adversarial(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document, ExportResult]:
    folder = tmp_path_factory.mktemp("docx")
    source = write_adversarial_docx(folder / "通知.docx")
    document = load(source)
    result = redact_file(source, document, redactions_for(document), folder, chain_head="c0ffee")
    return source, document, result


def test_values_sit_in_every_hiding_place(adversarial: tuple[Path, Document, ExportResult]) -> None:
    source, document, _ = adversarial
    holding = {r.block for r in redactions_for(document)}
    assert set(HIDING_PLACES) <= holding and len(holding) >= 15
    assert residues(package_texts(source))  # the fixture really plants them in the raw parts


def test_no_part_of_the_copy_holds_a_value_in_any_form(
    adversarial: tuple[Path, Document, ExportResult],
) -> None:
    _, _, result = adversarial
    assert result.verified and result.residues == []
    assert residues(package_texts(result.output)) == []
    loaded = load(result.output)
    assert residues((block.id, block.text) for block in loaded.blocks) == []


def test_masks_keep_each_runs_formatting(adversarial: tuple[Path, Document, ExportResult]) -> None:
    _, _, result = adversarial
    body = etree.fromstring(zipfile.ZipFile(result.output).read("word/document.xml"))
    first = body.find(f"{{{W}}}body/{{{W}}}p")
    assert first is not None
    runs = [(run.findtext(f"{{{W}}}t"), run.find(f"{{{W}}}rPr")) for run in first.iter(f"{{{W}}}r")]
    texts = [text for text, _ in runs]
    assert texts[:4] == ["申请人", "张", "*国", "，公民身份号码"]
    assert texts[4:7] == [ID[:2] + "****", "********", "*" + ID[-3:]]
    assert texts[7:] == ["，联系电话138", "****" + PHONE[-4:]]
    bold, italic = runs[1][1], runs[2][1]
    assert bold is not None and bold.find(f"{{{W}}}b") is not None
    assert italic is not None and italic.find(f"{{{W}}}i") is not None


def test_hidden_places_are_purged(adversarial: tuple[Path, Document, ExportResult]) -> None:
    _, _, result = adversarial
    names = set(zipfile.ZipFile(result.output).namelist())
    assert not {
        n for n in names if n.startswith(("word/comments", "customXml/", "docProps/thumbnail"))
    }
    assert "docProps/app.xml" not in names and "word/people.xml" not in names
    blocks = {b.id: b.text for b in load(result.output).blocks}
    gone = [
        i
        for i in blocks
        if i.endswith((":hidden", ":del")) or i.startswith(("c0:", "prop:core", "prop:docvar"))
    ]
    assert gone == []
    assert blocks[f"prop:custom:{CHAIN_HEAD_PROPERTY}"] == "c0ffee"
    document = zipfile.ZipFile(result.output).read("word/document.xml").decode()
    for marker in (
        "w:ins ",
        "w:del ",
        "w:delText",
        "w:vanish",
        "mc:Fallback",
        "w:tooltip",
        "commentRange",
    ):
        assert marker not in document
    assert f'QUOTE "{ID[:2]}' in document  # a field code no loader reads, masked all the same


def test_the_headers_and_notes_stay_redacted_in_place(
    adversarial: tuple[Path, Document, ExportResult],
) -> None:
    _, _, result = adversarial
    blocks = {b.id: b.text for b in load(result.output).blocks}
    assert blocks["h1:p0"] == "经办：张*国 138****5678"
    assert blocks["fn1:p0"] == f"脚注：张*国，{ID[:2]}{'*' * 13}{ID[-3:]}"
    assert blocks["p2:tb0:p0"] == "文本框：张*国 138****5678"
    assert blocks["p2:link1"] == "tel:138****5678"
    assert NAME not in blocks["p2"]


@pytest.mark.parametrize(
    "make",
    [loader_fixtures.write_hiding_places_docx, write_adversarial_docx],
    ids=["hiding_places", "adversarial"],
)
def test_the_writer_finds_every_block_where_the_loader_read_it(
    tmp_path: Path, make: object
) -> None:
    source = make(tmp_path / "in.docx")  # type: ignore[operator]
    places = DocxMap(Package(source.read_bytes(), source)).places
    for block in load(source).blocks:
        if block.id.startswith("prop:") or re.match(r"c-?\d+:", block.id):
            continue  # comments and properties are removed whole, never mapped
        assert "".join(part_text(part) for part in places[block.id]) == block.text, block.id


def _chunked(tmp_path: Path, number: str) -> Path:
    from tests.hostile import make

    html = f'<html><head><meta charset="utf-8"></head><body><p>身份证号 {number}</p></body></html>'
    source = tmp_path / "chunk.docx"
    source.write_bytes(make.alt_chunk_docx(html))
    return source


def test_an_imported_chunk_with_a_redaction_goes_whole(tmp_path: Path) -> None:
    number = loader_fixtures.resident_id(4)
    source = _chunked(tmp_path, number)
    document = load(source)
    result = redact_file(
        source,
        document,
        redactions_for(document, {number: T.CN_RESIDENT_ID}),
        tmp_path,
        chain_head="h",
    )
    names = zipfile.ZipFile(result.output).namelist()
    assert "word/afchunk.htm" not in names
    assert residues(package_texts(result.output), {number: T.CN_RESIDENT_ID}) == []
    assert [b.text for b in load(result.output).blocks if b.id == "p0"] == ["封面"]


def test_an_imported_chunk_without_redactions_stays(tmp_path: Path) -> None:
    source = _chunked(tmp_path, loader_fixtures.resident_id(4))
    result = redact_file(source, load(source), [], tmp_path, chain_head="h")
    assert "word/afchunk.htm" in zipfile.ZipFile(result.output).namelist()


def test_an_embedded_document_is_removed(tmp_path: Path) -> None:
    from tests.hostile import make

    number = loader_fixtures.resident_id(5)
    inner = loader_fixtures.docx_bytes(make.paragraph(f"名单 {number}"))
    source = tmp_path / "outer.docx"
    source.write_bytes(make.embedded_docx(inner, as_ole=False))
    document = load(source)
    result = redact_file(
        source,
        document,
        redactions_for(document, {number: T.CN_RESIDENT_ID}),
        tmp_path,
        chain_head="h",
    )
    assert not [n for n in zipfile.ZipFile(result.output).namelist() if "embeddings" in n]
