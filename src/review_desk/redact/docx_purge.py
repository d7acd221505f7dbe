"""Everything a published DOCX must not carry, removed after the masks are in (POLICY.md §7).

- comments, their ranges and references, and the parts naming their authors (people.xml);
- tracked changes: insertions and moves accepted, deletions dropped with their text, every
  formatting-change record (each carries the old formatting and an author);
- hidden text (``w:vanish``): the runs go ("webHidden" runs stay: they print, e.g. the page
  numbers of a table of contents, and the loader reads them, so they were reviewed and masked);
- ``mc:Fallback`` copies of text boxes and shapes: they repeat the redacted ``mc:Choice`` text
  unredacted, for old readers;
- document variables, the attached template (a path with a user name), mail-merge sources,
  hyperlink tooltips;
- custom XML (parts, wrappers, data bindings), the glossary (building blocks), embedded objects
  (the previews stay as pictures), the thumbnail. (An altChunk with a redaction in it is removed
  by the writer; one without stays, and the self-check searches its part like any other.)

Headers, footers, footnotes, endnotes and text boxes stay, redacted in place.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from review_desk.redact.ooxml import Package

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OLE = "{urn:schemas-microsoft-com:office:office}OLEObject"
_OFF = ("0", "false", "off")
_EMBEDDINGS = (_OLE, _W + "objectEmbed", _W + "objectLink")
_COMMENT_MARKS = frozenset(
    _W + n for n in ("commentRangeStart", "commentRangeEnd", "commentReference")
)
_CHANGE_RECORDS = frozenset(
    _W + name
    for name in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
        "delText",
        "delInstrText",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
    )
)
_ACCEPTED = frozenset({_W + "ins", _W + "moveTo"})
_REJECTED = frozenset({_W + "del", _W + "moveFrom"})
#: Properties in which w:ins/w:del only mark a paragraph mark or a row as changed.
_MARK_HOLDERS = frozenset({_W + "rPr", _W + "trPr", _W + "tcPr", _W + "pPr"})
_SETTINGS_DROPPED = frozenset(_W + n for n in ("docVars", "attachedTemplate", "mailMerge"))
_FIELD_CHAR = _W + "fldChar"
_SETTINGS_RELS = "word/_rels/settings.xml.rels"
_REMOVED_PARTS = (
    "word/comments",
    "word/people.xml",
    "word/glossary/",
    "word/embeddings/",
    "customXml/",
    "docProps/thumbnail",
)


def purge(package: Package) -> None:
    package.remove(lambda name: name.startswith(_REMOVED_PARTS))
    for name in package.names():
        if name.startswith("word/") and name.endswith(".xml"):
            _purge_part(package.xml(name))
    if package.has("word/settings.xml"):
        _drop(child for child in package.xml("word/settings.xml") if child.tag in _SETTINGS_DROPPED)
    # What the settings referred to: the template's and the merge source's paths.
    if package.has(_SETTINGS_RELS):
        _drop(list(package.xml(_SETTINGS_RELS)))


def _purge_part(root: etree._Element) -> None:
    dropped = (
        _MC + "Fallback",
        _W + "dataBinding",
        *_EMBEDDINGS,
        *_COMMENT_MARKS,
        *_CHANGE_RECORDS,
    )
    _drop(root.iter(*dropped))
    _drop_comment_runs(root)
    _resolve_revisions(root)
    _drop_vanished(root)
    _unwrap(list(root.iter(_W + "customXml")), drop_first=_W + "customXmlPr")
    for link in root.iter(_W + "hyperlink"):
        if _W + "tooltip" in link.attrib:
            del link.attrib[_W + "tooltip"]


def _resolve_revisions(root: etree._Element) -> None:
    """Accept insertions and moves in, drop deletions and moves out (innermost first)."""
    for element in reversed(list(root.iter(*_ACCEPTED, *_REJECTED))):
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag in _REJECTED and parent.tag == _W + "trPr":
            row = parent.getparent()
            if row is not None and row.getparent() is not None:
                _drop([row])  # a deleted table row
                continue
        if parent.tag in _MARK_HOLDERS or element.tag in _REJECTED:
            _drop([element])
        else:
            _unwrap([element])


def _drop_vanished(root: etree._Element) -> None:
    for run in list(root.iter(_W + "r")):
        if not _vanished(run):
            continue
        if run.find(_FIELD_CHAR) is None:
            _drop([run])
        else:  # a hidden field boundary: its text goes, the field stays well-formed
            _drop(child for child in run if child.tag in (_W + "t", _W + "instrText"))


def _vanished(run: etree._Element) -> bool:
    """Hidden by w:vanish/w:specVanish (what the loader calls hidden, less w:webHidden)."""
    properties = run.find(_W + "rPr")
    if properties is None:
        return False
    marks = (properties.find(_W + "vanish"), properties.find(_W + "specVanish"))
    return any(m is not None and m.get(_W + "val", "true") not in _OFF for m in marks)


def _drop_comment_runs(root: etree._Element) -> None:
    """Runs that only carried a comment reference are empty now."""
    for run in list(root.iter(_W + "r")):
        if all(child.tag == _W + "rPr" for child in run):
            _drop([run])


def _unwrap(elements: Iterable[etree._Element], drop_first: str | None = None) -> None:
    """Replace each element by its children, in place."""
    for element in elements:
        parent = element.getparent()
        if parent is None:
            continue
        index = parent.index(element)
        children = [child for child in element if child.tag != drop_first]
        for offset, child in enumerate(children):
            parent.insert(index + offset, child)
        _drop([element])


def _drop(elements: Iterable[etree._Element]) -> None:
    for element in list(elements):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
