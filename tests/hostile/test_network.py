"""A document must never make the reviewer's machine call out (issue 11): LibreOffice, asked to
convert a .doc whose picture is linked from a web address, fetched it (OPTIONS, HEAD, GET)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from review_desk.loaders import legacy, load
from tests.hostile import make
from tests.loaders import fixtures

pytestmark = pytest.mark.skipif(legacy.find_soffice() is None, reason="LibreOffice not installed")

_A = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str]]] = []

    def _any(self) -> None:
        self.requests.append((self.command, self.path))
        self.send_response(404)
        self.end_headers()

    do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = do_POST = _any

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads ``requests``."""


@pytest.fixture
def server() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/pic.png", _Recorder.requests
    httpd.shutdown()
    thread.join(5)


def _linked_picture_docx(url: str) -> bytes:
    drawing = (
        f"<w:p><w:r><w:t>申请人张三</w:t></w:r><w:r><w:drawing><wp:inline {_A}>"
        '<wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="pic"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="1" name="pic"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        '<a:blip r:link="rIdImg"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>'
        '<a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r></w:p>"
    )
    rel = (
        '<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/image" Target="{url}" TargetMode="External"/>'
    )
    return make.with_parts(fixtures.docx_bytes(drawing), {}, [rel])


@pytest.mark.parametrize("namespace", [True, False], ids=["no-network", "settings-only"])
def test_converting_a_doc_with_a_linked_picture_sends_no_request(
    tmp_path: Path,
    server: tuple[str, list[tuple[str, str]]],
    monkeypatch: pytest.MonkeyPatch,
    namespace: bool,
) -> None:
    url, requests = server
    if not namespace:  # where unshare is impossible the profile settings must hold alone
        monkeypatch.setattr(legacy, "no_network_prefix", lambda: ())
    doc = legacy.convert(_linked_picture_docx(url), ".docx", "doc", tmp_path / "source.docx")
    assert url.encode() in doc or url.encode("utf-16-le") in doc  # the link is in the .doc
    path = tmp_path / "linked.doc"
    path.write_bytes(doc)
    document = load(path)
    assert "申请人张三" in {b.text for b in document.blocks}
    assert requests == []
