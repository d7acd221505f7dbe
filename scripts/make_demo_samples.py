"""Write the demo documents the window opens on a first run (resources/samples/).

    .venv/bin/python scripts/make_demo_samples.py [--out resources/samples]

Four documents a 政府信息公开 office sees every week, every value synthetic (resident IDs carry
a valid GB 11643 check digit so the detectors treat them as real):
- 低保对象名单.xlsx and 临时救助对象名单.docx: recipient lists (names, IDs, phones, addresses);
- 专项工作方案（机密）.docx: a document with the secrecy marking 机密★1年 on its first line;
- 政府工作报告.docx: a public work report naming officials in office, a footer and a comment.
The generated files are committed; run this again after changing it.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

import xlsxwriter
from docx import Document
from docx.document import Document as DocxDocument

ROOT = Path(__file__).resolve().parents[1]
#: A fixed time for the files' own metadata, so that a rerun changes only what changed.
STAMP = datetime(2024, 10, 8, 9, 0, 0)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

RECIPIENTS = [
    ("王秀兰", "城关镇幸福村3组12号", "13907710231"),
    ("李建国", "城关镇东门社区7栋2单元301室", "13877125684"),
    ("张丽华", "河口乡河口村5组", "15977303412"),
    ("陈志强", "城关镇南街28号", "18277154019"),
    ("刘桂芳", "石门镇石门村1组6号", "13737188265"),
    ("黄德明", "河口乡新塘村2组", "15177460937"),
    ("周玉梅", "城关镇北环路15号院3栋502室", "13597012846"),
    ("吴国平", "石门镇龙潭村4组9号", "18807715523"),
]


def resident_id(region: str, birth: str, sequence: int) -> str:
    body = f"{region}{birth}{sequence:03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, _WEIGHTS, strict=True))
    return body + _CHECK[total % 11]


def _id(row: int) -> str:
    return resident_id("450122", f"19{50 + row * 3}0{1 + row % 9}1{row}", 100 + row * 7)


def recipient_xlsx(path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties({"title": "低保对象名单", "author": "某县民政局", "created": STAMP})
    sheet = workbook.add_worksheet("低保名单")
    title = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
    sheet.merge_range(0, 0, 0, 5, "2024年第三季度城乡最低生活保障对象名单", title)
    sheet.write_string(1, 0, "填报单位：某县民政局")
    header = ("序号", "姓名", "身份证号", "家庭住址", "联系电话", "保障人数")
    for column, text in enumerate(header):
        sheet.write_string(2, column, text)
    for row, (name, address, phone) in enumerate(RECIPIENTS):
        values = (str(row + 1), name, _id(row), address, phone, str(1 + row % 4))
        for column, value in enumerate(values):
            sheet.write_string(3 + row, column, value)
    sheet.set_column(1, 1, 10)
    sheet.set_column(2, 2, 22)
    sheet.set_column(3, 3, 30)
    sheet.set_column(4, 4, 14)
    workbook.close()


def _stamped(document: DocxDocument, title: str, author: str) -> DocxDocument:
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, author, author
    properties.comments = "演示文件，数据均为虚构"
    properties.created = properties.modified = STAMP
    properties.revision = 1
    return document


def recipient_docx(path: Path) -> None:
    document = _stamped(Document(), "临时救助对象公示", "某县民政局")
    document.add_heading("关于2024年第三季度临时救助对象的公示", level=1)
    document.add_paragraph(
        "根据《社会救助暂行办法》，经申请人申请、乡镇审核、县民政局审批，"
        "现将2024年第三季度临时救助对象名单公示如下。公示期为7天，如有异议，"
        "请拨打监督电话0771-5621234反映。"
    )
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("姓名", "身份证号", "救助原因", "救助金额（元）"), strict=True
    ):
        cell.text = text
    reasons = ("因病致困", "突发火灾", "因病致困", "意外伤害")
    for row, (name, _, _) in enumerate(RECIPIENTS[:4]):
        cells = table.add_row().cells
        for cell, text in zip(
            cells, (name, _id(row), reasons[row], str(1500 + row * 500)), strict=True
        ):
            cell.text = text
    document.add_paragraph("某县民政局")
    document.add_paragraph("2024年10月8日")
    document.save(str(path))


def secret_docx(path: Path) -> None:
    document = _stamped(Document(), "专项整治工作方案", "某县综治办")
    document.add_paragraph("000018")
    document.add_paragraph("机密★1年")
    document.add_paragraph("特急")
    document.add_heading("某县2024年重点区域专项整治工作方案", level=1)
    document.add_paragraph(
        "为做好重点区域专项整治工作，经县委、县政府研究，决定于10月至12月开展专项行动。"
        "行动部署、警力安排和重点目标见附件，仅限参与单位主要负责人阅知。"
    )
    document.add_paragraph(
        "一、组织领导。成立专项整治工作领导小组，县长王建华任组长，副县长李明任副组长。"
    )
    document.add_paragraph("二、工作要求。各单位要严格落实保密要求，不得擅自扩大知悉范围。")
    document.add_paragraph("（此件不予公开）")
    document.save(str(path))


def report_docx(path: Path) -> None:
    document = _stamped(Document(), "2024年政府工作报告", "某县人民政府办公室")
    document.sections[0].footer.paragraphs[0].text = "某县人民政府办公室　2024年1月印发"
    document.add_heading("2024年某县人民政府工作报告", level=1)
    document.add_paragraph("——2024年1月10日在某县第十七届人民代表大会第四次会议上")
    document.add_paragraph("县长　王建华")
    opening = document.add_paragraph(
        "各位代表：现在，我代表县人民政府向大会报告工作，请予审议，并请县政协委员和列席人员提出意见。"
    )
    document.add_paragraph(
        "过去一年，在县委的坚强领导下，全县地区生产总值增长6.2%，城乡居民人均可支配收入增长7.1%。"
        "副县长李明同志带队推进乡村振兴项目42个，县民政局局长陈卫东同志牵头完成社会救助提标工作。"
    )
    document.add_paragraph(
        "今年的主要任务是：稳增长、保民生、促改革。县政府新闻发言人刘晓燕将在会后介绍有关情况，"
        "咨询电话0771-5625678。"
    )
    document.add_paragraph("（此件主动公开）")
    document.add_comment(
        opening.runs, text="数据已与统计局核对", author="县政府办公室", initials="BGS"
    )
    document.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "samples")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    recipient_xlsx(out / "低保对象名单.xlsx")
    recipient_docx(out / "临时救助对象公示.docx")
    secret_docx(out / "专项整治工作方案（机密）.docx")
    report_docx(out / "2024年政府工作报告.docx")
    for path in sorted(out.iterdir()):
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size} 字节"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
