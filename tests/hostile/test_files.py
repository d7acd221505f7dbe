"""Paths that are not plain files, names that are not UTF-8, folders that point outside."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from review_desk import cli
from review_desk.core.errors import LoadError
from review_desk.loaders import _io, load
from review_desk.scan import Refused, collect_targets
from tests.hostile.conftest import in_child

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and byte names")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    code = cli.main(["scan", *args])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_symlink_to_a_device_is_refused_at_once(tmp_path: Path, target: str) -> None:
    link = tmp_path / "x.txt"
    link.symlink_to(target)
    run = in_child(lambda: load(link), timeout=20)
    assert run.value == "not_regular_file"
    assert run.seconds < 5 and run.growth_mb < 50


def test_a_fifo_without_a_writer_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)
    run = in_child(lambda: load(fifo), timeout=20)
    assert (run.value, run.seconds < 5) == ("not_regular_file", True)


def test_a_fifo_swapped_in_after_listing_is_judged_on_the_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("正文", "utf-8")
    real_open = os.open

    def swap_then_open(name: object, flags: int, *args: int) -> int:
        if Path(str(name)) == path:  # replaced between the listing and the open
            path.unlink()
            os.mkfifo(path)
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_io.os, "open", swap_then_open)
    with pytest.raises(LoadError) as raised:
        load(path)
    assert raised.value.key == "not_regular_file"


def test_failed_paths_are_hashed_with_bounds(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert in_child(lambda: (_io.file_digest(link), _io.file_digest(fifo)), 20).value == (
        None,
        None,
    )


@pytest.mark.usefixtures("fake_detector")
def test_devices_and_fifos_in_a_batch_get_error_objects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.csv")
    good = tmp_path / "good.txt"
    good.write_text("正文", "utf-8")
    started = time.monotonic()
    code, reports = run_cli(
        capsys, str(tmp_path / "zero.txt"), str(tmp_path / "pipe.csv"), str(good)
    )
    assert time.monotonic() - started < 30
    assert code == 1
    assert [r["errors"][0]["key"] if r["errors"] else None for r in reports] == [  # type: ignore[index]
        "not_regular_file",
        "not_regular_file",
        None,
    ]
    assert [r["sha256"] is None for r in reports] == [True, True, False]


@pytest.mark.usefixtures("fake_detector")
def test_a_folder_named_like_a_file_gets_an_error_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "empty.docx"
    folder.mkdir()
    code, reports = run_cli(capsys, str(folder))
    assert code == 1
    [report] = reports
    assert report["path"] == str(folder)
    assert [e["key"] for e in report["errors"]] == ["empty_folder"]  # type: ignore[attr-defined]


@pytest.mark.usefixtures("fake_detector")
def test_a_non_utf8_file_name_still_gives_valid_utf8_jsonl(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    raw_name = os.fsencode(tmp_path) + b"/\xff\xfe\xb3\xa4.txt"
    with open(raw_name, "wb") as handle:
        handle.write("身份证号 110105194001010009".encode())
    missing = os.fsencode(tmp_path) + b"/gone\xff.txt"
    code = cli.main(["scan", os.fsdecode(raw_name), os.fsdecode(missing)])
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()  # strict: valid UTF-8
    read, failed = (json.loads(line) for line in lines)
    assert code == 1
    assert read["path"].endswith("\ufffd\ufffd\ufffd\ufffd.txt")
    assert bytes.fromhex(read["path_bytes_hex"]) == raw_name
    assert read["findings"][0]["text"] == "110105194001010009"
    assert bytes.fromhex(failed["path_bytes_hex"]) == missing
    assert "\ufffd" in failed["errors"][0]["message"]


def test_a_folder_walk_does_not_follow_links_out_of_the_tree(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("正文", "utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "same.txt").symlink_to(folder / "a.txt")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("机密", "utf-8")
    (folder / "out").symlink_to(outside, target_is_directory=True)
    targets = collect_targets([folder])
    names = [t.path.name if isinstance(t, Refused) else t.name for t in targets]
    assert names == ["a.txt", "passwd.txt", "same.txt"]
    refused = targets[1]
    assert isinstance(refused, Refused) and refused.error.key == "outside_folder"
    assert "/etc/passwd" in refused.error.message


@pytest.mark.usefixtures("fake_detector")
def test_a_refused_link_is_named_in_the_report_and_never_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    code, [report] = run_cli(capsys, str(tmp_path))
    assert code == 1
    assert (report["sha256"], report["blocks"]) == (None, 0)
    assert report["errors"][0]["key"] == "outside_folder"  # type: ignore[index]


def test_reading_a_growing_fifo_writer_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(b"x" * 10), daemon=True)
    writer.start()
    with pytest.raises(LoadError, match="not_regular_file"):
        load(fifo)
    with open(fifo, "rb") as drain:  # let the writer finish
        drain.read()
    writer.join(5)
