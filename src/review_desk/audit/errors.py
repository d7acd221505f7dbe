"""Errors of the audit store, each a clear message naming the store and what to do."""

from __future__ import annotations

from review_desk.core.errors import ReviewDeskError


class StoreError(ReviewDeskError):
    key = "store_error"
    summary = "审查记录库出错"


class StoreUnreachableError(StoreError):
    key = "store_unreachable"
    summary = "无法连接审查记录库，请检查地址、网络和账号"


class StoreNotDatabaseError(StoreError):
    key = "store_not_database"
    summary = "该文件不是审查记录库（不是 SQLite 数据库），未作任何修改"


class StoreReadOnlyError(StoreError):
    key = "store_read_only"
    summary = "审查记录库所在文件夹或文件不可写"


class StoreTooNewError(StoreError):
    key = "store_too_new"
    summary = "审查记录库由更新版本的程序创建，请升级 review_desk 后再打开"


class StoreRefusedError(StoreError):
    key = "store_refused"
    summary = "审查记录库拒绝了这次写入"


class UnknownDocumentError(StoreError):
    key = "unknown_document"
    summary = "审查记录库中没有这份文件"


class AmbiguousDocumentError(StoreError):
    key = "ambiguous_document"
    summary = "有多份文件符合，请给出完整的文件编号或 SHA-256"


class KeyFileError(StoreError):
    key = "hmac_key_unusable"
    summary = "无法读取或创建审查记录的密钥文件"
