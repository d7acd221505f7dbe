"""The engine: offline, lazy, one per process, the Qt environment left alone, pages read in
any of the four orientations."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from review_desk.ocr.engine import engine
from tests.ocr.pages import Damage, damaged, recipient_page

SMALL = (5.2, 2.2)


def test_the_engine_reads_with_sockets_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network refused in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = recipient_page(2, size=SMALL)
    text = engine().read(page.image)
    joined = "".join(line.text for line in text.lines)
    assert all(r.resident_id in joined for r in page.recipients)


def test_one_engine_per_process() -> None:
    assert engine() is engine()


def test_importing_the_engine_leaves_the_qt_variables_alone() -> None:
    code = (
        "import os; from review_desk.ocr.engine import engine; engine();"
        "print(sorted(k for k in os.environ if k.startswith('QT_QPA')))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_loading_a_pdf_does_not_load_opencv() -> None:
    code = "import sys, review_desk.loaders.pdf; print('cv2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_a_page_on_its_side_or_upside_down_is_turned_upright(turns: int) -> None:
    page = recipient_page(2, size=SMALL)
    text = engine().read(damaged(page.image, Damage(turns=turns)))
    assert text.rotation == (360 - 90 * turns) % 360
    joined = "".join(line.text for line in text.lines)
    assert all(r.resident_id in joined for r in page.recipients)


def test_boxes_of_a_turned_page_land_on_the_image_as_given() -> None:
    page = recipient_page(1, size=SMALL)
    turned = damaged(page.image, Damage(turns=1))
    text = engine().read(turned)
    for line in text.lines:
        for box in line.boxes:
            x0, y0, x1, y1 = text.to_source(box)
            assert 0 <= x0 <= x1 <= turned.width + 1 and 0 <= y0 <= y1 <= turned.height + 1
    # The table runs down the turned page: the ID's boxes are stacked, not side by side.
    id_line = next(line for line in text.lines if page.recipients[0].resident_id in line.text)
    first, last = (text.to_source(b) for b in (id_line.boxes[0], id_line.boxes[-1]))
    assert abs(last[1] - first[1]) > abs(last[0] - first[0])
