"""The dev-set documents as data: parts (paragraphs and tables) plus gold labels.

Each scenario states which row of POLICY.md §3 and which bullet of §5 it exercises (``covers``),
the attribute a correct tool proposes, and every personal or keep-worthy item with the action a
correct tool takes on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.devset.values import Values, mask_id, mask_mobile, mask_name

#: Rows of POLICY.md §3 and bullets of §5 the whole set must exercise.
COVERAGE = frozenset(
    {
        "§3.1 secrecy marking",
        "§3.2 work secret",
        "§3.3 note 不予公开",
        "§3.4 internal mark",
        "§3.4 process info",
        "§3.4 draft for public comment",
        "§3.4 note 依申请公开",
        "§3.5 redact finding",
        "§3.6 otherwise",
        "§3 conflict with note",
        "§5 officials",
        "§5 private persons",
        "§5 commendation",
        "§5 bylines",
        "§5 office contact",
        "§5 masked values",
        "§5 labels",
        "§5 mentions",
        "§5 organisation codes",
        "§5 bad check digit",
    }
)


@dataclass(frozen=True)
class Item:
    type: str
    text: str
    expect: str  # redact | keep | review
    kind: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Part = str | Table


@dataclass
class Spec:
    name: str
    attribute: str
    covers: tuple[str, ...]
    tabular: bool = False
    conflicts: int = 0
    parts: list[Part] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    def redact(self, kind_type: str, text: str, kind: str = "private") -> str:
        self.items.append(Item(kind_type, text, "redact", kind))
        return text

    def keep(self, kind_type: str, text: str, kind: str) -> str:
        self.items.append(Item(kind_type, text, "keep", kind))
        return text

    def review(self, kind_type: str, text: str, kind: str) -> str:
        self.items.append(Item(kind_type, text, "review", kind))
        return text

    def para(self, *texts: str) -> None:
        self.parts.extend(texts)

    def table(self, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        self.parts.append(Table(header, tuple(rows)))


#: Wording that varies with the seed, so another seed is a held-out set, not just new values.
LIST_TITLES = ("城乡最低生活保障对象公示", "低保对象花名册", "临时救助对象公示", "特困供养人员名单")
NAME_HEADERS = ("户主姓名", "姓名", "申请人", "救助对象", "户主")
ID_HEADERS = ("身份证号", "身份证号码", "公民身份号码", "证件号码")
ADDRESS_HEADERS = ("家庭住址", "住址", "居住地址", "家庭地址")
PHONE_HEADERS = ("联系电话", "手机号码", "电话", "联系方式")
POSTS = ("厅长", "副厅长", "局长", "副局长", "副县长", "县长", "主任", "党组书记", "处长")
OFFICIAL_SENTENCES = (
    "一年来，在{post}{name}同志的带领下，全厅推进政务公开。",
    "{post}{name}出席会议并讲话，要求做好重点领域信息公开。",
    "会议由{name}{post}主持，研究部署政务公开工作。",
    "{name}（{post}）通报了全年政务公开工作情况。",
    "新闻发言人{name}介绍了有关情况。",
)
PRIVATE_LABELS = ("村民", "申请人", "户主", "低保对象", "救助对象")
COMPLAINTS = (
    "{label}{name}（联系电话{mobile}，住{address}）来信反映其家属长期患病、生活困难。",
    "{label}{name}，家住{address}，手机{mobile}，来电反映其家属长期患病、生活困难。",
    "{label}{name}来信反映家庭困难，联系方式{mobile}，住址{address}。",
)


def recipient_list(v: Values) -> Spec:
    s = Spec("recipient_dibao", "redacted", ("§3.5 redact finding", "§5 private persons"), True)
    s.para(f"{v.pick(('护国街道', '大观街道'))}2024年第三季度{v.pick(LIST_TITLES)}")
    header = (
        "序号",
        v.pick(NAME_HEADERS),
        v.pick(ID_HEADERS),
        v.pick(ADDRESS_HEADERS),
        v.pick(PHONE_HEADERS),
        "保障人数",
        "金额",
    )
    s.table(header, [_recipient_row(s, v, i) for i in range(1, 9)])
    s.para(f"公示期间如有异议，请拨打监督电话：{s.keep('PHONE_NUMBER', v.landline(), 'agency')}")
    return s


def _recipient_row(s: Spec, v: Values, index: int) -> tuple[str, ...]:
    return (
        str(index),
        s.redact("PERSON", v.name()),
        s.redact("CN_RESIDENT_ID", v.resident_id()),
        s.redact("ADDRESS", v.address()),
        s.redact("PHONE_NUMBER", v.mobile()),
        str(1 + index % 4),
        v.amount(),
    )


def assistance_with_bank_cards(v: Values) -> Spec:
    s = Spec("recipient_tekun", "redacted", ("§3.5 redact finding", "§5 private persons"), True)
    s.para("2024年特困人员救助供养金发放名单")
    header = ("序号", "救助对象", "身份证号码", "银行卡号", "开户行", "供养金额（元）")
    rows = [
        (
            str(i),
            s.redact("PERSON", v.name()),
            s.redact("CN_RESIDENT_ID", v.resident_id()),
            s.redact("BANK_CARD", v.bank_card()),
            "农村信用社",
            v.amount(),
        )
        for i in range(1, 9)
    ]
    s.table(header, rows)
    return s


def masked_list(v: Values) -> Spec:
    s = Spec("masked_list", "proactive", ("§5 masked values", "§3.6 otherwise"), True)
    s.para("2024年临时救助对象公示（已脱敏）")
    rows = [
        (
            str(i),
            s.keep("PERSON", _masked_name(v, i), "masked"),
            s.keep("CN_RESIDENT_ID", mask_id(v.resident_id()), "masked"),
            s.keep("PHONE_NUMBER", mask_mobile(v.mobile()), "masked"),
            f"{v.pick(('大村', '小河村', '新民村'))}",
            v.amount(),
        )
        for i in range(1, 9)
    ]
    s.table(("序号", "姓名", "身份证号", "联系电话", "村（社区）", "救助金额"), rows)
    return s


def masked_prose(v: Values) -> Spec:
    s = Spec("masked_prose", "proactive", ("§5 masked values", "§3.6 otherwise"))
    s.para(
        "临时救助审批结果公示",
        f"申请人{s.keep('PERSON', mask_name(v.name()), 'masked')}，身份证号"
        f"{s.keep('CN_RESIDENT_ID', mask_id(v.resident_id()), 'masked')}，联系电话"
        f"{s.keep('PHONE_NUMBER', mask_mobile(v.mobile()), 'masked')}，经审核给予临时救助。",
        f"申请人{s.keep('PERSON', v.name()[0] + '某某', 'masked')}，因病致贫，经审核给予临时救助。",
        f"填写示例：姓名{s.keep('PERSON', 'XXX', 'placeholder')}，身份证号"
        f"{s.keep('CN_RESIDENT_ID', 'X' * 18, 'placeholder')}。",
    )
    return s


def _masked_name(v: Values, index: int) -> str:
    name = v.name()
    return (name[0] + "某" * (1 + index % 2)) if index % 3 == 0 else mask_name(name)


def blank_form(v: Values) -> Spec:
    s = Spec("blank_form", "proactive", ("§5 labels", "§3.6 otherwise"), True)
    s.para("最低生活保障申请表（空白样表）")
    header = (
        s.keep("PERSON", "申请人姓名", "label"),
        s.keep("CN_RESIDENT_ID", "身份证号", "label"),
        s.keep("HEALTH_INFO", "健康状况", "label"),
        s.keep("PHONE_NUMBER", "联系电话", "label"),
        s.keep("ADDRESS", "家庭住址", "label"),
        s.keep("BANK_CARD", "银行卡号", "label"),
    )
    s.table(header, [("", "", "", "", "", "") for _ in range(3)])
    return s


def commendation(v: Values) -> Spec:
    s = Spec("commendation", "redacted", ("§5 commendation", "§3.5 redact finding"), True)
    s.para(
        "关于表彰2024年度见义勇为先进个人的决定", "经评审，决定授予下列同志“见义勇为先进个人”称号："
    )
    rows = [
        (
            s.keep("PERSON", v.name(), "commended"),
            v.pick(("男", "女")),
            s.redact("CN_RESIDENT_ID", v.resident_id()),
            "见义勇为先进个人",
            v.pick(("勇救落水儿童", "协助民警制止抢劫", "火场救出被困群众")),
        )
        for _ in range(6)
    ]
    s.table(("姓名", "性别", "身份证号", "荣誉称号", "主要事迹"), rows)
    return s


def commendation_prose(v: Values) -> Spec:
    s = Spec("commendation_prose", "redacted", ("§5 commendation", "§3.5 redact finding"))
    hero, found = v.name(), v.name()
    s.para(
        "关于授予见义勇为先进个人称号的决定",
        f"{s.keep('PERSON', hero, 'commended')}同志在危急关头挺身而出，勇救落水儿童。",
        f"经研究，决定授予{s.keep('PERSON', hero, 'commended')}同志“见义勇为先进个人”称号，"
        f"奖金汇入其银行卡{s.redact('BANK_CARD', v.bank_card())}。",
        "寻亲公告",
        f"{s.keep('PERSON', found, 'commended')}，男，约65岁，于2024年3月在五华区被救助，"
        "现在市救助管理站生活，请其亲属与我站联系。",
        f"联系电话：{s.keep('PHONE_NUMBER', v.landline(), 'agency')}。",
    )
    return s


def bad_check_digits(v: Values) -> Spec:
    covers = ("§5 bad check digit", "§5 private persons", "§3.5 redact finding")
    s = Spec("bad_check", "redacted", covers, True)
    s.para("2024年临时救助对象名单")
    rows = []
    for i in range(1, 9):
        if i % 3 == 0:
            number = s.review("CN_RESIDENT_ID", v.resident_id(valid=False), "bad_check")
        elif i % 4 == 0:
            number = s.redact("CN_RESIDENT_ID", v.legacy_id())
        else:
            number = s.redact("CN_RESIDENT_ID", v.resident_id())
        rows.append((str(i), s.redact("PERSON", v.name()), number, v.amount()))
    s.table(("序号", "申请人", "身份证号", "救助金额"), rows)
    return s


#: Registration prefixes (GB 32100): letters occur in the first two places (N2 rural
#: collectives, Y1 other registrations), which a digits-only validator gets wrong.
USCC_PREFIXES = ("91", "91", "92", "12", "N2", "Y1")


def enterprise_codes(v: Values) -> Spec:
    s = Spec("enterprises", "proactive", ("§5 organisation codes", "§3.6 otherwise"), True)
    s.para("2024年度“双随机、一公开”抽查结果")
    firms = (
        "云南滇池物流有限公司",
        "昆明春城食品有限公司",
        "五华区恒达建材经营部",
        "盘龙区社会福利院",
        "罗免镇大村股份经济合作社",
        "富民县基督教堂",
    )
    rows = [
        (
            str(i),
            firm,
            s.keep("CN_USCC", v.uscc(prefix), "organisation"),
            v.pick(("未发现问题", "责令整改")),
        )
        for i, (firm, prefix) in enumerate(zip(firms, USCC_PREFIXES, strict=True), 1)
    ]
    s.table(("序号", "单位名称", "统一社会信用代码", "检查结果"), rows)
    return s


def work_report(v: Values) -> Spec:
    covers = (
        "§5 officials",
        "§5 bylines",
        "§5 office contact",
        "§5 organisation codes",
        "§3.6 otherwise",
    )
    s = Spec("work_report", "proactive", covers)
    leader, member, contact = v.name(), v.name(), v.name()
    s.para(
        f"索引号：{s.keep('CN_USCC', v.uscc('11'), 'organisation')}/2024-00231",
        "公开方式：主动公开",
        "2024年政府信息公开工作年度报告",
        *(_official_sentence(s, v, template) for template in v.sample(OFFICIAL_SENTENCES, 2)),
        f"成立政务公开工作领导小组，组长：{s.keep('PERSON', leader, 'official')}"
        f"（{v.pick(POSTS)}），成员：{s.keep('PERSON', member, 'official')}（办公室主任）。",
        f"政务服务热线：{s.keep('PHONE_NUMBER', '12345', 'agency')}；"
        f"咨询电话：{s.keep('PHONE_NUMBER', v.landline(), 'agency')}。",
        f"本机关政府信息公开工作机构邮箱：{s.keep('EMAIL', 'ynmzt_xxgk@163.com', 'agency')}。",
        f"全年公开{s.keep('HEALTH_INFO', v.illness(), 'topic')}救助政策解读3篇，及时回应群众关切。",
        f"联系人：{s.keep('PERSON', contact, 'agency')}，"
        f"传真：{s.keep('PHONE_NUMBER', v.landline(), 'agency')}。",
        f"（记者 {s.keep('PERSON', v.name(), 'byline')} 通讯员 "
        f"{s.keep('PERSON', v.name(), 'byline')}）",
    )
    return s


def _official_sentence(s: Spec, v: Values, template: str) -> str:
    name = s.keep("PERSON", v.name(), "official")
    return template.format(post=v.pick(POSTS), name=name)


def case_story(v: Values) -> Spec:
    covers = ("§5 private persons", "§5 office contact", "§3.5 redact finding")
    s = Spec("case_story", "redacted", covers)
    resident, patient = v.name(), v.name()
    s.para(
        "关于群众来信反映问题的办理情况通报",
        v.pick(COMPLAINTS).format(
            label=v.pick(PRIVATE_LABELS),
            name=s.redact("PERSON", resident),
            mobile=s.redact("PHONE_NUMBER", v.mobile()),
            address=s.redact("ADDRESS", v.address()),
        ),
        f"经核实，其家属{s.redact('PERSON', patient)}患有"
        f"{s.redact('HEALTH_INFO', v.illness(), 'health')}，已纳入临时救助。",
        f"来信人电子邮箱{s.redact('EMAIL', v.email())}，护照号码"
        f"{s.redact('PASSPORT', v.passport())}，车辆号牌{s.redact('LICENSE_PLATE', v.plate())}。",
        f"如对办理结果有异议，可拨打监督电话{s.keep('PHONE_NUMBER', v.landline(), 'agency')}。",
    )
    return s


def health_story(v: Values) -> Spec:
    s = Spec("health_story", "redacted", ("§5 private persons", "§3.5 redact finding"))
    patient, disabled = v.name(), v.name()
    s.para(
        "医疗救助典型案例",
        f"救助对象{s.redact('PERSON', patient)}，身份证号"
        f"{s.redact('CN_RESIDENT_ID', v.resident_id())}，"
        f"确诊{s.redact('HEALTH_INFO', v.illness(), 'health')}，获得医疗救助。",
        f"残疾人{s.redact('PERSON', disabled)}，系{s.redact('HEALTH_INFO', '肢体残疾二级', 'health')}"
        f"，家住{s.redact('ADDRESS', v.address())}。",
    )
    return s


SECRECY_HEADS = ("机密★1年", "秘密★6个月", "機密★１年", "绝密★长期", "秘密")


def secret_head(v: Values, variant: int) -> Spec:
    s = Spec(f"secret_head_{variant}", "withheld", ("§3.1 secrecy marking",))
    mark = SECRECY_HEADS[variant % len(SECRECY_HEADS)]
    s.para("000012", mark, "特急", "关于做好重要敏感时期安全稳定工作的通知")
    s.para(f"各州（市）民政局：请{s.keep('PERSON', v.name(), 'official')}局长牵头落实。")
    return s


def secret_mention(v: Values) -> Spec:
    s = Spec("secret_mention", "proactive", ("§5 mentions", "§3.6 otherwise"))
    s.para(
        "保密教育培训讲义",
        "国家秘密的密级分为绝密、机密、秘密三级。",
        "标注示例：公文首页左上角标注“秘密★1年”，表示保密期限为一年。",
        "工作人员应当依法保护个人隐私，不得泄露国家秘密。",
    )
    return s


def work_secret(v: Values) -> Spec:
    s = Spec("work_secret", "withheld", ("§3.2 work secret",))
    s.para("关于2025年度预算安排的说明", "（此件属工作秘密，注意保管）", "一、总体情况。略。")
    return s


def note_withheld(v: Values) -> Spec:
    s = Spec("note_withheld", "withheld", ("§3.3 note 不予公开",))
    s.para("关于调整内部值班安排的通知", "各处室：现将值班安排通知如下。", "（此件不予公开）")
    return s


def internal_mark(v: Values) -> Spec:
    s = Spec("internal", "on_request", ("§3.4 internal mark",))
    s.para("内部资料 注意保存", "民政工作情况简报（第12期）", "本期简报反映了各地工作进展。")
    return s


def process_info(v: Values) -> Spec:
    s = Spec("process", "on_request", ("§3.4 process info",))
    s.para(
        "关于修订社会救助实施办法的请示",
        "（征求意见稿）",
        "省人民政府：为进一步规范社会救助工作，我厅起草了实施办法，现请示如下。",
    )
    return s


def public_consultation(v: Values) -> Spec:
    s = Spec("public_consultation", "proactive", ("§3.4 draft for public comment",))
    s.para(
        "关于公开征求《云南省社会救助实施办法（征求意见稿）》意见的公告",
        "为提高立法质量，现将征求意见稿全文公布，向社会公开征求意见。",
        f"意见反馈邮箱：{s.keep('EMAIL', 'ynmzt_fgc@163.com', 'agency')}，"
        f"电话：{s.keep('PHONE_NUMBER', v.landline(), 'agency')}。",
    )
    return s


def note_on_request(v: Values) -> Spec:
    s = Spec("note_on_request", "on_request", ("§3.4 note 依申请公开",))
    s.para(
        "关于印发养老机构等级评定细则的通知",
        "各州（市）民政局：现印发给你们。",
        "（此件依申请公开）",
    )
    return s


def note_conflict(v: Values) -> Spec:
    s = Spec("note_conflict", "redacted", ("§3 conflict with note", "§3.5 redact finding"))
    s.conflicts = 1
    s.para(
        "关于给予申请人临时救助的决定",
        f"申请人{s.redact('PERSON', v.name())}，身份证号"
        f"{s.redact('CN_RESIDENT_ID', v.resident_id())}，因突发火灾导致生活困难，"
        "经审核给予临时救助。",
        "（此件主动公开）",
    )
    return s


Scenario = Callable[[Values], Spec]

#: Tables fit every format; prose fits the paged formats only.
TABULAR: tuple[Scenario, ...] = (
    recipient_list,
    assistance_with_bank_cards,
    masked_list,
    blank_form,
    commendation,
    bad_check_digits,
    enterprise_codes,
)
PROSE: tuple[Scenario, ...] = (
    work_report,
    masked_prose,
    commendation_prose,
    public_consultation,
    case_story,
    health_story,
    secret_mention,
    work_secret,
    note_withheld,
    internal_mark,
    process_info,
    note_on_request,
    note_conflict,
)
SECRET_VARIANTS = len(SECRECY_HEADS)
