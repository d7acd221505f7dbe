"""Review-log exports, Qt-free (POLICY.md §9): the log as CSV or XLSX, the printable 审查单 PDF
of one document, and the statistics workbook for the annual report. Each is written atomically
and carries the chain head it was made at, so a later rewrite of the store is detectable."""

from review_desk.audit.exports._files import ExportError
from review_desk.audit.exports._fonts import FontMissingError
from review_desk.audit.exports.log import write_log
from review_desk.audit.exports.sheet import write_sheet
from review_desk.audit.exports.stats import write_stats

__all__ = ["ExportError", "FontMissingError", "write_log", "write_sheet", "write_stats"]
