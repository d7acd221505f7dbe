"""Synthetic government-domain training sentences with PER / LOC / ORG spans.

Recipient lists and 公示 lines, work reports naming officials with their posts, news and
decisions about private persons, rosters, bylines.  Names are drawn from the surname shares and
given-name characters in :mod:`review_desk.ner.lexicon`.  Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from review_desk.ner.lexicon import COMPOUND_SURNAMES, FEMALE_GIVEN, MALE_GIVEN, SURNAMES
from review_desk.ner.training.data import Record

PROVINCES = [
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
]
CITIES = [
    "杭州",
    "南京",
    "武汉",
    "成都",
    "西安",
    "长沙",
    "郑州",
    "济南",
    "合肥",
    "福州",
    "南昌",
    "太原",
    "石家庄",
    "沈阳",
    "长春",
    "哈尔滨",
    "昆明",
    "贵阳",
    "南宁",
    "兰州",
    "西宁",
    "银川",
    "海口",
    "苏州",
    "无锡",
    "宁波",
    "温州",
    "青岛",
    "大连",
    "厦门",
    "深圳",
    "广州",
    "佛山",
    "东莞",
    "珠海",
    "汕头",
    "洛阳",
    "开封",
    "襄阳",
    "宜昌",
    "岳阳",
    "株洲",
    "绵阳",
    "宝鸡",
    "遵义",
    "柳州",
    "桂林",
    "赣州",
    "九江",
    "芜湖",
    "蚌埠",
    "扬州",
    "徐州",
    "常州",
    "南通",
    "绍兴",
    "嘉兴",
    "金华",
    "台州",
    "潍坊",
    "烟台",
    "临沂",
    "保定",
    "唐山",
    "邯郸",
    "大同",
    "包头",
    "鞍山",
    "齐齐哈尔",
    "泉州",
    "漳州",
    "湛江",
    "茂名",
    "衡阳",
    "常德",
    "荆州",
    "南阳",
    "商丘",
    "信阳",
    "周口",
    "德州",
    "聊城",
    "菏泽",
    "淄博",
    "盐城",
    "连云港",
    "湖州",
    "丽水",
    "衢州",
    "舟山",
    "六安",
    "安庆",
]
PLACE_CHARS = "安平东西南北阳山河江湖宁丰城水清新兴长永德乐华泰昌和云龙明福康嘉林溪源泉桥峰"
DEPTS = [
    "财政局",
    "教育局",
    "公安局",
    "民政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "审计局",
    "统计局",
    "市场监督管理局",
    "应急管理局",
    "信访局",
    "司法局",
    "发展和改革委员会",
    "退役军人事务局",
    "医疗保障局",
    "税务局",
    "水利局",
]
POSTS_GOV = [
    "书记",
    "副书记",
    "市长",
    "副市长",
    "局长",
    "副局长",
    "主任",
    "副主任",
    "处长",
    "副处长",
    "科长",
    "副科长",
    "县长",
    "副县长",
    "区长",
    "副区长",
    "镇长",
    "乡长",
    "党组书记",
    "秘书长",
    "副秘书长",
    "调研员",
    "四级调研员",
    "一级主任科员",
    "二级主任科员",
]
ETHNIC = [
    "汉族",
    "汉族",
    "汉族",
    "汉族",
    "汉族",
    "回族",
    "满族",
    "壮族",
    "苗族",
    "土家族",
    "蒙古族",
    "藏族",
    "彝族",
    "侗族",
]
EDU = ["大学", "研究生", "大学本科", "大专", "硕士研究生", "中专"]
VERBS_OFFICIAL = [
    "出席会议并讲话",
    "主持会议",
    "作工作报告",
    "通报有关情况",
    "传达上级会议精神",
    "作总结讲话",
    "就下一步工作提出要求",
    "带队开展专项督查",
    "到基层调研",
    "参加座谈",
]
PRIVATE_EVENTS = [
    "因违规占用耕地被责令限期整改",
    "因未按规定申报被处以罚款",
    "提出政府信息公开申请",
    "申请最低生活保障",
    "被评为“最美家庭”",
    "见义勇为救起落水儿童",
    "申请办理不动产登记",
    "因醉酒驾驶被依法处理",
    "申请行政复议",
    "领取了困难群众救助金",
    "捐款五万元用于助学",
    "反映小区噪音扰民问题",
    "获得创业担保贷款",
    "被列入失信被执行人名单",
]
AWARDS = [
    "先进个人",
    "优秀共产党员",
    "优秀教师",
    "劳动模范",
    "三八红旗手",
    "优秀志愿者",
    "道德模范",
    "优秀公务员",
]

FOREIGN_CHARS = (
    "阿埃艾安奥巴贝本比波布达德迪多恩法菲弗福格古哈汉赫霍吉加杰卡凯科克库拉莱兰劳勒雷里利林卢鲁伦罗洛"
    "马麦曼梅米穆纳内尼诺帕佩皮普齐乔萨塞桑森沙舍斯松苏索塔泰特图托瓦韦维沃乌西希谢辛休雅亚扬耶伊尤约"
    "扎泽兹夫姆尔奇娃娜莎丝琳"
)
COUNTRIES = [
    "美国",
    "法国",
    "德国",
    "俄罗斯",
    "英国",
    "日本",
    "意大利",
    "西班牙",
    "巴西",
    "墨西哥",
    "埃及",
    "南非",
    "印度",
    "巴基斯坦",
    "泰国",
    "越南",
    "澳大利亚",
    "加拿大",
    "阿根廷",
    "智利",
    "肯尼亚",
    "尼日利亚",
    "土耳其",
    "伊朗",
    "以色列",
    "希腊",
    "波兰",
    "瑞典",
    "挪威",
    "芬兰",
]

_SUR_LIST = [s for s, _ in SURNAMES]
_SUR_W = [w for _, w in SURNAMES]

Seg = tuple[str, str | None]


class Synth:
    def __init__(self, seed: int, name_pool: Sequence[str] = ()) -> None:
        self.rng = random.Random(seed)
        self.name_pool = list(name_pool)

    def roster_name(self) -> str:
        """A name for a run-together roster: often a real name seen in the training corpora."""
        if self.name_pool and self.rng.random() < 0.6:
            return self.rng.choice(self.name_pool)
        return self.name()

    # --- name parts -------------------------------------------------------------------
    def name(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.015:  # transliterated / minority-style name
            a = "".join(
                rng.choice("阿买提古丽尔克木巴吉拉扎西次仁多吉卓玛热依汗江") for _ in range(3)
            )
            b = "".join(
                rng.choice("买提江尔肯木拉巴吉艾力热合曼") for _ in range(rng.choice((2, 3)))
            )
            return f"{a}·{b}"
        sur = rng.choices(_SUR_LIST, _SUR_W)[0]
        if rng.random() < 0.004:
            sur = rng.choice(COMPOUND_SURNAMES)
        pool = MALE_GIVEN if rng.random() < 0.55 else FEMALE_GIVEN
        n = 1 if rng.random() < 0.28 else 2
        given = "".join(rng.choice(pool) for _ in range(n))
        if rng.random() < 0.05:  # reduplicated given name
            given = given[0] * 2
        return sur + given

    def city(self) -> str:
        return self.rng.choice(CITIES)

    def county(self) -> str:
        return self.rng.choice(PLACE_CHARS) + self.rng.choice(PLACE_CHARS) + self.rng.choice("县区")

    def town(self) -> str:
        return (
            self.rng.choice(PLACE_CHARS)
            + self.rng.choice(PLACE_CHARS)
            + self.rng.choice(("镇", "乡", "街道"))
        )

    def org(self) -> str:
        rng = self.rng
        k = rng.random()
        if k < 0.45:
            return self.city() + "市" + rng.choice(DEPTS)
        if k < 0.6:
            return self.city() + "市人民政府"
        if k < 0.75:
            return self.county()[:-1] + rng.choice(("县", "区")) + rng.choice(DEPTS)
        if k < 0.85:
            return rng.choice(PROVINCES) + "省" + rng.choice(DEPTS).replace("局", "厅")
        return self.city() + rng.choice(("市第一中学", "市人民医院", "市实验小学", "市中心医院"))

    def date(self) -> str:
        return f"{self.rng.randint(1958, 2001)}年{self.rng.randint(1, 12)}月"

    # --- templates --------------------------------------------------------------------
    def gongshi(self) -> list[Seg]:
        rng = self.rng
        return [
            (self.name(), "PER"),
            (
                f"，{rng.choice('男女')}，{rng.choice(ETHNIC)}，{self.date()}生，{rng.choice(EDU)}学历，"
                f"中共党员，现任",
                None,
            ),
            (self.org(), "ORG"),
            (rng.choice(POSTS_GOV) + "，拟任" + rng.choice(POSTS_GOV) + "。", None),
        ]

    def roster(self) -> list[Seg]:
        rng = self.rng
        head = rng.choice(
            (
                "参会人员：",
                "出席：",
                "抄送：",
                "评审小组成员：",
                "名单如下：",
                "获奖人员：",
                "列席：",
                "请假：",
                "值班人员：",
                "",
            )
        )
        segs: list[Seg] = [(head, None)]
        sep = rng.choice(("、", "、", "，", "  ", " "))
        for i in range(rng.randint(2, 8)):
            if i:
                segs.append((sep, None))
            segs.append((self.name(), "PER"))
            if rng.random() < 0.2:
                segs.append(("（", None))
                segs.append((self.org(), "ORG"))
                segs.append(("）", None))
        segs.append((rng.choice(("。", "", "；")), None))
        return segs

    def report(self) -> list[Seg]:
        rng = self.rng
        segs: list[Seg] = []
        if rng.random() < 0.5:
            segs.append((rng.choice(("", "2023年", "3月15日，", "近日，", "上午，")), None))
        for i in range(rng.randint(1, 3)):
            if i:
                segs.append(("、", None))
            if rng.random() < 0.5:
                c = self.city()
                segs.append((c + "市", "LOC"))
                segs.append(("委" if rng.random() < 0.3 else "", None))
            segs.append((rng.choice(POSTS_GOV), None))
            segs.append((self.name(), "PER"))
        segs.append((rng.choice(VERBS_OFFICIAL) + "。", None))
        return segs

    def private(self) -> list[Seg]:
        rng = self.rng
        intro = rng.choice(
            (
                "家住{town}的村民",
                "{county}居民",
                "申请人",
                "当事人",
                "被处罚人",
                "群众",
                "{city}市民",
                "",
            )
        )
        segs: list[Seg] = []
        if "{town}" in intro:
            segs += [("家住", None), (self.county(), "LOC"), (self.town(), "LOC"), ("的村民", None)]
        elif "{county}" in intro:
            segs += [(self.county(), "LOC"), ("居民", None)]
        elif "{city}" in intro:
            segs += [(self.city(), "LOC"), ("市民", None)]
        else:
            segs.append((intro, None))
        segs.append((self.name(), "PER"))
        if rng.random() < 0.4:
            segs.append(
                (
                    f"（{rng.choice('男女')}，{rng.randint(18, 85)}岁，身份证号码"
                    f"{rng.randint(110000, 659999)}{rng.randint(1950, 2005)}"
                    f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
                    f"{rng.choice('0123456789X')}）",
                    None,
                )
            )
        segs.append((rng.choice(PRIVATE_EVENTS) + "。", None))
        return segs

    def byline(self) -> list[Seg]:
        rng = self.rng
        k = rng.random()
        if k < 0.3:
            return [
                ("（记者 ", None),
                (self.name(), "PER"),
                (" 通讯员 ", None),
                (self.name(), "PER"),
                ("）", None),
            ]
        if k < 0.6:
            return [
                (rng.choice(("责任编辑：", "审核：", "校对：", "撰稿：", "摄影：")), None),
                (self.name(), "PER"),
            ]
        if k < 0.8:
            return [
                ("联系人：", None),
                (self.name(), "PER"),
                (f"，联系电话：0{rng.randint(10, 999)}-{rng.randint(1000000, 89999999)}", None),
            ]
        return [
            ("签发人：", None),
            (self.name(), "PER"),
            ("  ", None),
            (self.org(), "ORG"),
            (f"  {rng.randint(2019, 2025)}年{rng.randint(1, 12)}月", None),
        ]

    def award(self) -> list[Seg]:
        rng = self.rng
        return [
            (self.org(), "ORG"),
            (rng.choice(("的", "")), None),
            (self.name(), "PER"),
            (rng.choice(("同志", "", "")), None),
            (f"被评为{rng.randint(2018, 2024)}年度{rng.choice(AWARDS)}。", None),
        ]

    def recipient(self) -> list[Seg]:
        rng = self.rng
        return [
            (self.name(), "PER"),
            (rng.choice(("同志：", "：", "先生：", "女士：")), None),
            (
                f"你于{rng.randint(2020, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日向",
                None,
            ),
            (self.org(), "ORG"),
            ("提出的政府信息公开申请收悉。", None),
        ]

    # --- extra kinds (stage 2 of the shipped model: generate_extra) --------------------
    def foreign_name(self) -> str:
        rng = self.rng

        def part(lo: int, hi: int) -> str:
            return "".join(rng.choice(FOREIGN_CHARS) for _ in range(rng.randint(lo, hi)))

        if rng.random() < 0.5:
            return part(2, 4) + "·" + part(2, 5)
        return part(2, 4)

    def roster_concat(self) -> list[Seg]:
        """Name lists run together without separators, as in printed rosters."""
        rng = self.rng
        segs: list[Seg] = [
            (
                rng.choice(
                    (
                        "出席会议的有：",
                        "主席团成员：",
                        "委员名单：",
                        "当选委员：",
                        "列席人员有",
                        "治丧委员会委员：",
                        "常务委员会委员：",
                        "",
                    )
                ),
                None,
            )
        ]
        for _ in range(rng.randint(5, 40)):
            segs.append((self.roster_name(), "PER"))
            k = rng.random()
            if k < 0.08:
                segs.append(("（女）", None))
            elif k < 0.12:
                segs.append((f"（{rng.choice(ETHNIC[5:])}）", None))
        segs.append((rng.choice(("", "等", "。", "等同志。")), None))
        return segs

    def foreign(self) -> list[Seg]:
        rng = self.rng
        k = rng.random()
        if k < 0.4:
            return [
                (rng.choice(COUNTRIES), "LOC"),
                (rng.choice(("总统", "总理", "外长", "驻华大使", "议长", "国防部长")), None),
                (self.foreign_name(), "PER"),
                (rng.choice(("会见了", "表示，", "说，", "一行抵达")), None),
                (rng.choice(CITIES), "LOC"),
                ("。", None),
            ]
        if k < 0.7:
            return [
                (self.foreign_name(), "PER"),
                (rng.choice(("先生", "女士", "")), None),
                (rng.choice(("会见了", "会晤了", "拜会了")), None),
                (self.name(), "PER"),
                (rng.choice(("一行。", "。", "等人。")), None),
            ]
        return [
            ("据", None),
            (rng.choice(COUNTRIES), "LOC"),
            ("媒体报道，", None),
            (self.foreign_name(), "PER"),
            ("与", None),
            (self.foreign_name(), "PER"),
            (rng.choice(("举行会谈。", "共同出席了签字仪式。", "通了电话。")), None),
        ]

    def sentence(self, extra: bool = False) -> Record:
        if extra:
            return self._assemble(
                [
                    (self.roster_concat, 2.0),
                    (self.foreign, 1.5),
                    (self.report, 1.0),
                    (self.private, 1.0),
                    (self.roster, 0.5),
                ]
            )
        makers: list[tuple[Callable[[], list[Seg]], float]] = [
            (self.gongshi, 1.0),
            (self.roster, 1.5),
            (self.report, 2.0),
            (self.private, 2.0),
            (self.byline, 1.0),
            (self.award, 1.0),
            (self.recipient, 0.8),
        ]
        return self._assemble(makers)

    def _assemble(self, makers: list[tuple[Callable[[], list[Seg]], float]]) -> Record:
        make = self.rng.choices([m for m, _ in makers], [w for _, w in makers])[0]
        text = ""
        spans: list[list[object]] = []
        for seg, label in make():
            if label is not None:
                spans.append([len(text), len(text) + len(seg), label])
            text += seg
        return {"text": text, "spans": spans}


def generate(n: int, seed: int = 7) -> list[Record]:
    """The government-domain sentences (stage 1 mix)."""
    s = Synth(seed)
    return [s.sentence() for _ in range(n)]


def generate_extra(n: int, seed: int = 8, name_pool: Sequence[str] = ()) -> list[Record]:
    """Run-together rosters and foreign names (added in stage 2 of the shipped model).

    ``name_pool``: real names (e.g. the PER spans of the training corpora) mixed into rosters.
    """
    s = Synth(seed, name_pool)
    return [s.sentence(extra=True) for _ in range(n)]


NATIONAL_LEADERS = [
    "习近平",
    "李强",
    "赵乐际",
    "王沪宁",
    "蔡奇",
    "丁薛祥",
    "李希",
    "韩正",
    "李克强",
    "胡锦涛",
    "温家宝",
    "江泽民",
    "栗战书",
    "汪洋",
    "王岐山",
]


NO_NAME_LINES = (
    # Words opening with a surname character that are not names (党建, 党组, 习惯, 高度…).
    "各村社区依托党建示范点开展志愿服务。",
    "加强党建工作，落实党组主体责任。",
    "党委理论学习中心组开展专题学习。",
    "全体党员干部养成良好习惯。",
    "打造“党建+政务服务”品牌，推进“一网通办”。",
    "高度重视信息公开工作，成立领导小组。",
    "党建引领基层治理，方便群众办事。",
    "严格落实保密审查制度，做到应公开尽公开。",
    # Phrases where a surname character sits inside ordinary words (规范依申请 -> 范依).
    "依法规范依申请公开工作，畅通申请渠道。",
    "进一步规范依申请公开办理流程。",
    "健全依申请公开协商工作机制。",
    "严格规范公正文明执法，依法依规答复。",
)

# Issuing-organ abbreviations of document numbers (鲁民〔2011〕1号: 鲁 = Shandong, 民 = civil
# affairs); the province abbreviation makes them look like a surname plus a given name.
PROVINCE_ABBREVIATIONS = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
ORGAN_ABBREVIATIONS = ("民", "民发", "政发", "政办发", "府办", "财社", "人社发", "卫健", "教", "农")


def generate_leaders(n: int, seed: int = 9) -> list[Record]:
    """Work-report sentences naming national leaders (names absent from the 1998 MSRA news).

    Used to fine-tune the shipped model after the base run (see the model card); mixes in
    provincial officials with generated names so the model learns the pattern, not a list.
    """
    s = Synth(seed)
    rng = s.rng
    heads = ("", "一是", "我们", "全县上下", "厅党组", "局党组", "各级各部门要", "会议要求，")
    tails = (
        "重要讲话精神。",
        "重要指示批示精神。",
        "关于政务公开工作的重要论述。",
        "系列重要讲话精神，扎实推进各项工作。",
    )
    out: list[Record] = []
    for _ in range(n):
        leader = rng.choice(NATIONAL_LEADERS)
        k = rng.random()
        segs: list[Seg]
        if k < 0.3:
            segs = [
                (rng.choice(heads) + rng.choice(("深入贯彻", "认真学习", "学习贯彻")), None),
                (leader, "PER"),
                (rng.choice(("总书记", "同志", "总书记")), None),
                (rng.choice(tails), None),
            ]
        elif k < 0.45:
            segs = [
                (leader, "PER"),
                (rng.choice(("总书记", "主席", "总理", "委员长", "同志")), None),
                (
                    rng.choice(
                        (
                            "指出，要全面推进政务公开。",
                            "强调，要坚持以人民为中心的发展思想。",
                            "在中央经济工作会议上发表重要讲话。",
                            "主持召开会议。",
                        )
                    ),
                    None,
                ),
            ]
        elif k < 0.52:
            segs = [(rng.choice(NO_NAME_LINES), None)]  # surname-initial words that are no names
        elif k < 0.58:
            number = (
                rng.choice(PROVINCE_ABBREVIATIONS)
                + rng.choice(ORGAN_ABBREVIATIONS)
                + f"〔{rng.randint(2008, 2025)}〕{rng.randint(1, 120)}号"
            )
            segs = [
                (
                    rng.choice(
                        ("印发了《关于进一步做好政务公开工作的通知》（", "根据《实施意见》（")
                    ),
                    None,
                ),
                (number, None),
                (rng.choice(("），要求深化政务公开。", "）要求，认真抓好落实。")), None),
            ]
        elif k < 0.64:
            segs = [
                (rng.choice(("坚持以", "以", "始终坚持以")), None),
                ("习近平", "PER"),
                ("新时代中国特色社会主义思想为指导，", None),
                (
                    rng.choice(("全面贯彻党的二十大精神。", "认真落实", "扎实做好政务公开工作。")),
                    None,
                ),
            ]
        else:
            prov = rng.choice(PROVINCES)
            segs = [
                (prov + "省", "LOC"),
                ("委书记", None),
                (s.name(), "PER"),
                ("、省长", None),
                (s.name(), "PER"),
                (rng.choice(("传达学习", "带头学习")), None),
                (leader, "PER"),
                (rng.choice(("总书记", "同志")), None),
                (rng.choice(tails), None),
            ]
        text = ""
        spans: list[list[object]] = []
        for seg, label in segs:
            if label is not None:
                spans.append([len(text), len(text) + len(seg), label])
            text += seg
        out.append({"text": text, "spans": spans})
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Write synthetic sentences as JSONL (e.g. the fine-tuning set of the shipped model)."""
    import argparse
    from pathlib import Path

    from review_desk.ner.training.data import write_jsonl

    ap = argparse.ArgumentParser(
        prog="python -m review_desk.ner.training.synth", description=main.__doc__
    )
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--general", type=int, default=0, help="generate(n, seed=10)")
    ap.add_argument("--leaders", type=int, default=0, help="generate_leaders(n, seed=9)")
    args = ap.parse_args(argv)
    recs = generate_leaders(args.leaders, seed=9) + generate(args.general, seed=10)
    print(f"wrote {write_jsonl(args.out, recs)} sentences to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
