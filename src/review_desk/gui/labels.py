"""The core's vocabulary as the window shows it: translated labels and the colours of badges
and highlights.

The core's labels are Chinese (rules/labels.yaml, core.findings, core.review); the English
translation looks them up in the "Labels" context. Each shipped label is listed here with
QT_TRANSLATE_NOOP so that lupdate collects it; a label an office adds to rules/labels.yaml has
no translation and is shown as written.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from review_desk.core.findings import (
    ACTION_LABELS,
    ATTRIBUTE_LABELS,
    GROUND_LABELS,
    TYPE_LABELS,
    Action,
    Attribute,
    FindingType,
    Ground,
)
from review_desk.core.review import DECISION_LABELS, STATE_LABELS, Decision, EventKind, ReviewState

_CONTEXT = "Labels"

EVENT_LABELS: dict[EventKind, str] = {
    EventKind.DOCUMENT_REGISTERED: str(QT_TRANSLATE_NOOP("Labels", "登记")),
    EventKind.SCAN_RECORDED: str(QT_TRANSLATE_NOOP("Labels", "记录扫描结果")),
    EventKind.FINDINGS_RECORDED: str(QT_TRANSLATE_NOOP("Labels", "记录扫描结果（续）")),
    EventKind.REVIEW_STARTED: str(QT_TRANSLATE_NOOP("Labels", "开始审查")),
    EventKind.FINDING_DECIDED: str(QT_TRANSLATE_NOOP("Labels", "逐条决定")),
    EventKind.FINDING_ADDED: str(QT_TRANSLATE_NOOP("Labels", "手工添加发现")),
    EventKind.PROPOSALS_ACCEPTED: str(QT_TRANSLATE_NOOP("Labels", "批量接受建议")),
    EventKind.DOCUMENT_DECIDED: str(QT_TRANSLATE_NOOP("Labels", "决定公开属性")),
    EventKind.APPROVED: str(QT_TRANSLATE_NOOP("Labels", "审核通过")),
    EventKind.RETURNED: str(QT_TRANSLATE_NOOP("Labels", "退回")),
    EventKind.EXPORTED: str(QT_TRANSLATE_NOOP("Labels", "导出删减后副本")),
    EventKind.EXPORT_REFUSED: str(QT_TRANSLATE_NOOP("Labels", "删减后副本自检未通过，已删除")),
    EventKind.PAGE_CONFIRMED: str(QT_TRANSLATE_NOOP("Labels", "人工确认未识别页面")),
    EventKind.LOG_EXPORTED: str(QT_TRANSLATE_NOOP("Labels", "导出审查记录")),
    EventKind.STORE_CONFIGURED: str(QT_TRANSLATE_NOOP("Labels", "记录库设置")),
}

# The core's own labels and two of the window's, listed for lupdate only: what is looked up
# at run time is the label itself (from core or rules/labels.yaml).
_SHIPPED = (
    QT_TRANSLATE_NOOP("Labels", "主动公开"),
    QT_TRANSLATE_NOOP("Labels", "删减后公开"),
    QT_TRANSLATE_NOOP("Labels", "依申请公开"),
    QT_TRANSLATE_NOOP("Labels", "不予公开"),
    QT_TRANSLATE_NOOP("Labels", "已扫描"),
    QT_TRANSLATE_NOOP("Labels", "审查中"),
    QT_TRANSLATE_NOOP("Labels", "待审核"),
    QT_TRANSLATE_NOOP("Labels", "已审核"),
    QT_TRANSLATE_NOOP("Labels", "已退回"),
    QT_TRANSLATE_NOOP("Labels", "已导出"),
    QT_TRANSLATE_NOOP("Labels", "保留"),
    QT_TRANSLATE_NOOP("Labels", "删除/遮盖"),
    QT_TRANSLATE_NOOP("Labels", "自定义遮盖"),
    QT_TRANSLATE_NOOP("Labels", "待人工判断"),
    QT_TRANSLATE_NOOP("Labels", "手工添加"),
    QT_TRANSLATE_NOOP("Labels", "待定"),
    QT_TRANSLATE_NOOP("Labels", "自然人姓名"),
    QT_TRANSLATE_NOOP("Labels", "公民身份号码"),
    QT_TRANSLATE_NOOP("Labels", "电话号码"),
    QT_TRANSLATE_NOOP("Labels", "银行卡号"),
    QT_TRANSLATE_NOOP("Labels", "电子邮箱"),
    QT_TRANSLATE_NOOP("Labels", "详细住址"),
    QT_TRANSLATE_NOOP("Labels", "护照号码"),
    QT_TRANSLATE_NOOP("Labels", "通行证号码"),
    QT_TRANSLATE_NOOP("Labels", "机动车号牌"),
    QT_TRANSLATE_NOOP("Labels", "健康信息"),
    QT_TRANSLATE_NOOP("Labels", "统一社会信用代码"),
    QT_TRANSLATE_NOOP("Labels", "密级标志"),
    QT_TRANSLATE_NOOP("Labels", "工作秘密"),
    QT_TRANSLATE_NOOP("Labels", "内部资料标注"),
    QT_TRANSLATE_NOOP("Labels", "过程性信息"),
    QT_TRANSLATE_NOOP("Labels", "公开属性附注"),
    QT_TRANSLATE_NOOP("Labels", "国家秘密"),
    QT_TRANSLATE_NOOP("Labels", "公文附注"),
    QT_TRANSLATE_NOOP("Labels", "内部事务信息"),
    QT_TRANSLATE_NOOP("Labels", "行政执法案卷信息"),
    QT_TRANSLATE_NOOP("Labels", "个人隐私"),
    QT_TRANSLATE_NOOP("Labels", "商业秘密"),
    QT_TRANSLATE_NOOP("Labels", "法律、行政法规禁止公开"),
    QT_TRANSLATE_NOOP("Labels", "危及国家安全、公共安全、经济安全、社会稳定"),
    QT_TRANSLATE_NOOP("Labels", "不公开会对公共利益造成重大影响"),
    QT_TRANSLATE_NOOP("Labels", "第三方同意公开"),
)

#: Badge colours of the four attributes: green publishes, amber publishes in part, blue on
#: request, red not at all.
ATTRIBUTE_COLOURS: dict[Attribute, str] = {
    Attribute.PROACTIVE: "#2e7d32",
    Attribute.REDACTED: "#b26a00",
    Attribute.ON_REQUEST: "#1565c0",
    Attribute.WITHHELD: "#c62828",
}

#: Highlight backgrounds by the decision in force; an undecided ``review`` finding is amber.
DECISION_COLOURS: dict[Decision, str] = {
    Decision.REDACT: "#f8c9c4",
    Decision.EDIT_MASK: "#f3d1ea",
    Decision.KEEP: "#d5ecd4",
}
UNDECIDED_COLOUR = "#fbe7a6"

#: Underline colours by type: personal data, organisation codes, document-level markings.
PERSONAL_UNDERLINE = "#8e24aa"
DOCUMENT_UNDERLINE = "#c62828"
OTHER_UNDERLINE = "#546e7a"


def _label(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def attribute_label(attribute: Attribute) -> str:
    return _label(ATTRIBUTE_LABELS[attribute])


def state_label(state: ReviewState) -> str:
    return _label(STATE_LABELS[state])


def decision_label(decision: Decision) -> str:
    return _label(DECISION_LABELS[decision])


def action_label(action: Action | None) -> str:
    return _label(ACTION_LABELS[action]) if action is not None else _label("手工添加")


def type_label(kind: FindingType) -> str:
    return _label(TYPE_LABELS[kind])


def ground_label(ground: Ground) -> str:
    return _label(GROUND_LABELS[ground])


def event_label(kind: EventKind) -> str:
    return _label(EVENT_LABELS[kind])


def undecided_label() -> str:
    return _label("待定")
