"""Typed, user-facing errors.

Every error carries a stable English key (for logs, tests and scripts) and a Chinese message
for the reviewer, and names the file it concerns, so a batch run can report it and go on.
"""

from __future__ import annotations

from pathlib import Path


class ReviewDeskError(Exception):
    """Base of every error the tool reports to a person instead of crashing."""

    key = "review_desk_error"
    summary = "处理失败"

    def __init__(self, detail: str = "", path: Path | str | None = None) -> None:
        self.detail = detail
        self.path = Path(path) if path is not None else None
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.path.name}：" if self.path is not None else ""
        tail = f"（{self.detail}）" if self.detail else ""
        return f"{where}{self.summary}{tail} [{self.key}]"


class LoadError(ReviewDeskError):
    key = "load_failed"
    summary = "无法读取文件"

    #: The digest of the bytes that were read, when reading got that far.
    sha256: str | None = None


class EmptyFileError(LoadError):
    key = "empty_file"
    summary = "文件为空"


class UnsupportedFormatError(LoadError):
    key = "unsupported_format"
    summary = "不支持的文件格式"


class WrongExtensionError(LoadError):
    key = "wrong_extension"
    summary = "文件扩展名与实际内容不符"


class CorruptFileError(LoadError):
    key = "corrupt_file"
    summary = "文件已损坏或格式不正确"


class EncryptedFileError(LoadError):
    key = "encrypted_file"
    summary = "文件已加密，请先解除密码保护再审查"


class FileTooLargeError(LoadError):
    key = "file_too_large"
    summary = "文件解压后过大，疑似压缩炸弹，已拒绝读取"


class UnsafeContentError(LoadError):
    key = "unsafe_content"
    summary = "文件含有不安全的内容（如外部实体引用），已拒绝读取"


class FileVanishedError(LoadError):
    key = "file_vanished"
    summary = "文件在读取过程中被移动或删除"


class NotRegularFileError(LoadError):
    key = "not_regular_file"
    summary = "不是普通文件（如管道、设备、套接字），已拒绝读取"


class FolderGivenError(LoadError):
    key = "is_folder"
    summary = "这是一个文件夹，不是文件"


class EmptyFolderError(LoadError):
    key = "empty_folder"
    summary = "文件夹中没有可审查的文件"


class OutsideFolderError(LoadError):
    key = "outside_folder"
    summary = "符号链接指向所扫描的文件夹之外，未读取"


class ResourceLimitError(LoadError):
    """A budget of rules/limits.yaml ran out: the file is too big or too costly to read whole."""

    key = "too_large"
    summary = "文件超出审查的资源上限，未能完整读取（上限见 rules/limits.yaml）"


class TimeLimitError(LoadError):
    key = "timeout"
    summary = "处理超时，已停止（上限见 rules/limits.yaml）"


class WorkerCrashedError(ReviewDeskError):
    """The process reading one file of a batch died: that file fails, the batch goes on."""

    key = "worker_crashed"
    summary = "处理该文件的子进程异常终止"


class ConverterMissingError(LoadError):
    key = "converter_missing"
    summary = "读取旧版格式需要安装 LibreOffice（Debian：apt-get install libreoffice-writer-nogui libreoffice-calc-nogui）"


class ConversionFailedError(LoadError):
    key = "conversion_failed"
    summary = "LibreOffice 转换失败"


class RulesError(ReviewDeskError):
    key = "rules_invalid"
    summary = "规则文件有误"
