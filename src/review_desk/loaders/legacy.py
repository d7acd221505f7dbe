"""Legacy DOC, WPS and ET files: converted by LibreOffice headless, then read as DOCX/XLSX.

Each conversion runs in its own temporary folder with its own LibreOffice profile: two
conversions sharing a profile make one of them silently produce nothing. A conversion that
outlives its time limit is killed with its whole process group, so a stuck soffice never stalls
a batch.

A document can name things to fetch: a linked picture on a web address, a linked spreadsheet, a
template. Opening it must never make the reviewer's machine call out, so every conversion runs
without network (a fresh network namespace through ``unshare`` where the system allows one) and
with a profile that never updates links and sends anything it tries through a dead proxy.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from review_desk.core.document import Block, Notice
from review_desk.core.errors import ConversionFailedError, ConverterMissingError

#: Seconds one conversion may take; a fresh profile alone costs a few seconds.
CONVERSION_TIMEOUT = 120.0
#: Where LibreOffice lives when it is not on PATH (Windows and the upstream Linux packages).
SOFFICE_LOCATIONS: tuple[str, ...] = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_TARGETS = {".doc": "docx", ".wps": "docx", ".et": "xlsx", ".xls": "xlsx"}
#: A closed port on loopback: what the converter is told to use as its web proxy.
_DEAD_PROXY = ("127.0.0.1", 9)
#: (configuration node, property, value) written into each fresh profile.
_SETTINGS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "2"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "2"),
    ("/org.openoffice.Office.Calc/Formula/Load", "OOXMLRecalcMode", "1"),
    ("/org.openoffice.Office.Calc/Formula/Load", "ODFRecalcMode", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", _DEAD_PROXY[0]),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", str(_DEAD_PROXY[1])),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", _DEAD_PROXY[0]),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", str(_DEAD_PROXY[1])),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", _DEAD_PROXY[0]),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", str(_DEAD_PROXY[1])),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
    ("/org.openoffice.Office.Jobs/Jobs/UpdateCheck/Arguments", "AutoCheckEnabled", "false"),
)


def find_soffice() -> Path | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return Path(found)
    return next((Path(p) for p in SOFFICE_LOCATIONS if Path(p).is_file()), None)


def load_legacy(data: bytes, path: Path) -> tuple[Sequence[Block], list[Notice]]:
    suffix = path.suffix.lower()
    target = _TARGETS[suffix]
    converted = convert(data, suffix, target, path)
    if target == "docx":
        from review_desk.loaders.docx import load_docx

        blocks: Sequence[Block]
        blocks, notices = load_docx(converted, path)
    else:
        from review_desk.loaders.workbook import load_workbook

        blocks, notices = load_workbook(converted, path, zipped=True)
    note = Notice("converted", f"旧版 {suffix} 文件已由 LibreOffice 转换为 {target} 后审查")
    return blocks, [note, *notices]


def convert(data: bytes, suffix: str, target: str, path: Path) -> bytes:
    """Convert ``data`` (a file with ``suffix``) to ``target`` and return the converted bytes."""
    soffice = find_soffice()
    if soffice is None:
        raise ConverterMissingError(path=path)
    with tempfile.TemporaryDirectory(prefix="review_desk_lo_") as work:
        folder = Path(work)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        _write_profile(folder / "profile")
        _run([*no_network_prefix(), *_command(soffice, folder, source, target)], path)
        output = folder / "out" / f"input.{target}"
        if not output.is_file():
            raise ConversionFailedError("LibreOffice 没有生成输出文件", path)
        return output.read_bytes()


def _command(soffice: Path, folder: Path, source: Path, target: str) -> list[str]:
    return [
        str(soffice),
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        "--convert-to",
        target,
        "--outdir",
        str(folder / "out"),
        str(source),
    ]


def _write_profile(profile: Path) -> None:
    user = profile / "user"
    user.mkdir(parents=True)
    items = "".join(
        f'<item oor:path="{escape(node)}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{escape(value)}</value></prop></item>\n"
        for node, name, value in _SETTINGS
    )
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n",
        encoding="utf-8",
    )


@lru_cache(maxsize=1)
def no_network_prefix() -> tuple[str, ...]:
    """A command prefix that runs a program in a network namespace of its own (only a loopback
    that is down), or nothing where that is impossible (not Linux, no unshare, no namespaces)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    for flags in (("--net",), ("--user", "--map-root-user", "--net")):
        prefix = (unshare, *flags, "--")
        try:
            probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return prefix
    return ()


def _run(command: list[str], path: Path) -> None:
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as error:
        raise ConverterMissingError(f"无法启动 {command[0]}：{error.strerror}", path) from error
    try:
        output, _ = process.communicate(timeout=CONVERSION_TIMEOUT)
    except subprocess.TimeoutExpired as error:
        _kill_group(process)
        raise ConversionFailedError(f"转换超过 {CONVERSION_TIMEOUT:.0f} 秒未完成", path) from error
    if process.returncode != 0:
        tail = output.decode("utf-8", "replace").strip()[-300:]
        raise ConversionFailedError(f"退出码 {process.returncode}：{tail}", path)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """soffice starts a child (oosplash → soffice.bin): kill the whole session it leads."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()
    process.communicate()
