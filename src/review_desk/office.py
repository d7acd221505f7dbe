"""The office's own lists, layered over ``rules/``: its roster of officials and the terms it always
redacts, kept in the user's config folder (``office.yaml``) and applied to every new scan.

POLICY.md §5: officials acting in office are public. The detector decides that from the words
around a name; an office knows its own officials by name, so a name on its roster is kept
wherever it stands. The other list is the office's deny list: a protected person's name, a
case's code word, redacted at every occurrence whatever the detector thought of it.

The file is edited in the window and by hand, so it is validated like ``rules/*.yaml`` (pydantic,
unknown keys refused) and a wrong edit is reported with the file, the key and the line.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import platformdirs
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from review_desk.core.document import Document
from review_desk.core.errors import RulesError
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.core.normalize import normalize
from review_desk.rules import line_of

OFFICE_FILE = "office.yaml"
#: The explanation a kept roster name and an added always-redact finding carry (the reviewer
#: sees it under "why flagged", the log counts the detector).
ROSTER_EXPLANATION = "本单位公职人员名册"
ALWAYS_REDACT_EXPLANATION = "本单位始终删除词表"
OFFICE_DETECTOR = "office_list"

_HEADER = """\
# 本单位名单（review_desk 在每次扫描时使用，叠加在 rules/ 之上）
# officials: 本单位公职人员名册：名册上的姓名作为依法履职的公职人员始终保留
# always_redact: 始终删除的词：在每一处出现的位置删除（type 为发现类型，默认 PERSON）
"""


class OfficeListsError(RulesError):
    key = "office_lists_invalid"
    summary = "本单位名单有误"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Official(_Entry):
    name: str = Field(min_length=1, max_length=40)
    post: str = ""

    @field_validator("name", "post")
    @classmethod
    def _stripped(cls, value: str) -> str:
        return value.strip()

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value:
            raise ValueError("姓名不能为空")
        return value


class RedactTerm(_Entry):
    term: str = Field(min_length=1, max_length=200)
    type: FindingType = FindingType.PERSON

    @field_validator("term")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        value = value.strip()
        # A one-character term would redact that character everywhere (every 王 in a report).
        if len(_compact(value)) < 2:
            raise ValueError("始终删除的词至少两个字")
        return value


class OfficeLists(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    officials: list[Official] = []
    always_redact: list[RedactTerm] = []

    @model_validator(mode="after")
    def _consistent(self) -> OfficeLists:
        names = [_compact(o.name) for o in self.officials]
        terms = [_compact(t.term) for t in self.always_redact]
        for label, values in (("名册中的姓名", names), ("始终删除的词", terms)):
            doubled = sorted({v for v in values if values.count(v) > 1})
            if doubled:
                raise ValueError(f"{label}重复：{'、'.join(doubled)}")
        both = sorted(set(names) & set(terms))
        if both:
            raise ValueError(f"既在名册中又在始终删除词表中：{'、'.join(both)}")
        return self


def office_path() -> Path:
    return Path(platformdirs.user_config_dir("review-desk")) / OFFICE_FILE


def load_office_lists(path: Path | None = None) -> OfficeLists:
    """The lists in ``path`` (default: the user's config folder); none yet means empty lists.
    Read afresh every time: the window saves the file and the next scan must see the change."""
    path = path or office_path()
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return OfficeLists()
    except OSError as exc:
        raise OfficeListsError(f"无法打开：{exc.strerror}", path) from exc
    return parse_office_lists(source, path)


def parse_office_lists(source: str, path: Path | None = None) -> OfficeLists:
    try:
        node = yaml.compose(source)
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise OfficeListsError(
            f"YAML 语法错误 {where}：{getattr(exc, 'problem', exc)}", path
        ) from exc
    try:
        return OfficeLists.model_validate(data if data is not None else {})
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "（整个文件）"
        line = line_of(node, first["loc"])
        where = f"第 {line} 行，" if line else ""
        raise OfficeListsError(f"{where}键 {key}：{first['msg']}", path) from exc


def save_office_lists(lists: OfficeLists, path: Path | None = None) -> Path:
    """Write the lists atomically (a crash leaves the old file, never half a new one)."""
    path = path or office_path()
    data = lists.model_dump(mode="json")
    # Entries without a post or with the default type stay one short line each.
    data["officials"] = [{k: v for k, v in o.items() if v} for o in data["officials"]]
    data["always_redact"] = [
        {k: v for k, v in t.items() if k != "type" or v != FindingType.PERSON}
        for t in data["always_redact"]
    ]
    text = _HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    parse_office_lists(text, path)  # what is written must load again
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".office-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def add_official(name: str, post: str = "", path: Path | None = None) -> OfficeLists:
    """Put one name on the roster (a reviewer's "keep every occurrence of this name"); a name
    already there is left as it is."""
    lists = load_office_lists(path)
    if _compact(name) in {_compact(o.name) for o in lists.officials}:
        return lists
    updated = OfficeLists(
        officials=[*lists.officials, Official(name=name, post=post)],
        always_redact=list(lists.always_redact),
    )
    save_office_lists(updated, path)
    return updated


def apply_office_lists(
    document: Document, findings: Sequence[Finding], lists: OfficeLists | None = None
) -> list[Finding]:
    """The findings with the office's lists applied: a ``PERSON`` finding of a roster name is
    kept, and every occurrence of an always-redact term is redacted (an existing finding on the
    same span is turned to redact, otherwise a finding is added)."""
    lists = lists if lists is not None else load_office_lists()
    roster = {_compact(o.name) for o in lists.officials}
    result = [_kept_if_official(f, roster) for f in findings]
    if not lists.always_redact:
        return result
    by_span = {(f.block, f.start, f.end): i for i, f in enumerate(result)}
    redacted: dict[str, list[Finding]] = {}
    for finding in result:
        if finding.action == Action.REDACT:
            redacted.setdefault(finding.block, []).append(finding)
    added: list[Finding] = []
    for hit in _term_hits(document, lists.always_redact):
        index = by_span.get((hit.block, hit.start, hit.end))
        if index is None and not _covered(hit, redacted.get(hit.block, ())):
            by_span[(hit.block, hit.start, hit.end)] = -1
            added.append(hit)
        elif index is not None and index >= 0:
            result[index] = dataclasses.replace(
                result[index], action=Action.REDACT, explanation=ALWAYS_REDACT_EXPLANATION
            )
    if not added:
        return result
    order = {block.id: i for i, block in enumerate(document.blocks)}
    return sorted([*result, *added], key=lambda f: (order.get(f.block, -1), f.start, f.end))


def _covered(hit: Finding, redacted: Sequence[Finding]) -> bool:
    """Whether a redacted finding already masks the whole hit (a term inside an address)."""
    return any(f.start <= hit.start and hit.end <= f.end for f in redacted)


def _kept_if_official(finding: Finding, roster: set[str]) -> Finding:
    if finding.type != FindingType.PERSON or _compact(finding.text) not in roster:
        return finding
    return dataclasses.replace(finding, action=Action.KEEP, explanation=ROSTER_EXPLANATION)


def _term_hits(document: Document, terms: Sequence[RedactTerm]) -> list[Finding]:
    """Every occurrence of every term, matched on the normalised text (full-width letters,
    traditional characters) and reported at the original offsets."""
    wanted = [(normalize(t.term).text, t.type) for t in terms]
    hits: list[Finding] = []
    for block in document.blocks:
        text = block.text
        # Most cells of a big sheet are numbers: a Chinese term cannot occur in ASCII text.
        candidates = [(t, k) for t, k in wanted if t.isascii() or not text.isascii()]
        if not text or not candidates:
            continue
        folded = block.normalized
        for term, kind in candidates:
            at = folded.text.find(term)
            while at >= 0:
                start, end = folded.to_original(at, at + len(term))
                hits.append(
                    Finding(
                        kind,
                        block.id,
                        start,
                        end,
                        text[start:end],
                        1.0,
                        Action.REDACT,
                        OFFICE_DETECTOR,
                        ALWAYS_REDACT_EXPLANATION,
                    )
                )
                at = folded.text.find(term, at + len(term))
    return hits


def _compact(value: str) -> str:
    return "".join(normalize(value).text.split())
