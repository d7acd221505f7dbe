"""Name lexicon: surname frequencies and given-name characters.

Surname shares are approximate percentages of the population (rounded, after the published
national surname rankings); they drive both the synthetic training sentences and the
``surname`` class feature of the model.  The tail surnames get a small uniform share.
"""

from __future__ import annotations

_TOP_SURNAMES = (
    "王7.12 李7.00 张6.74 刘5.10 陈4.61 杨3.22 黄2.45 赵2.00 吴1.99 周1.87 徐1.45 孙1.38 "
    "马1.29 朱1.28 胡1.16 郭1.13 何1.06 林1.02 高1.00 罗0.95 郑0.87 梁0.84 谢0.81 宋0.76 "
    "唐0.73 许0.70 韩0.68 冯0.66 邓0.65 曹0.63 彭0.58 曾0.57 肖0.56 田0.55 董0.53 袁0.52 "
    "潘0.51 于0.50 蒋0.49 蔡0.47 余0.46 杜0.45 叶0.44 程0.43 苏0.42 魏0.41 吕0.40 丁0.39 "
    "任0.38 沈0.37 姚0.36 卢0.35 姜0.34 崔0.33 钟0.32 谭0.31 陆0.30 汪0.29 范0.28 金0.27 "
    "石0.26 廖0.25 贾0.24 夏0.23 韦0.22 付0.21 方0.20 白0.19 邹0.18 孟0.17 熊0.16 秦0.15 "
    "邱0.15 江0.14 尹0.14 薛0.13 闫0.13 段0.12 雷0.12 侯0.11 龙0.11 史0.10 陶0.10 黎0.10 "
    "贺0.10 顾0.09 毛0.09 郝0.09 龚0.09 邵0.08 万0.08 钱0.08 严0.08 覃0.08 武0.08 戴0.07 "
    "莫0.07 孔0.07 向0.07 汤0.07"
)

_TAIL_SURNAMES = (
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
    "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简"
    "车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑"
    "郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位"
    "厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦"
    "戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干"
    "但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)

COMPOUND_SURNAMES: tuple[str, ...] = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "司徒",
    "夏侯",
    "长孙",
    "宇文",
    "端木",
    "独孤",
    "西门",
    "南宫",
    "轩辕",
    "呼延",
)


def _parse_top() -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for item in _TOP_SURNAMES.split():
        out.append((item[0], float(item[1:])))
    return out


SURNAMES: list[tuple[str, float]] = _parse_top()
_seen = {s for s, _ in SURNAMES}
SURNAMES += [(s, 0.02) for s in _TAIL_SURNAMES if s not in _seen]
SURNAMES += [(s, 0.005) for s in COMPOUND_SURNAMES]

#: rank of each single-character surname (0 = most frequent)
SURNAME_RANK: dict[str, int] = {s: i for i, (s, _) in enumerate(SURNAMES) if len(s) == 1}

MALE_GIVEN = (
    "伟强磊军洋勇杰涛明超平刚华辉力永健世广志义兴良海山仁波贵福生龙元全胜学祥才发武新利清飞彬富顺"
    "信子昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆民友裕河哲江"
    "浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠"
    "策腾楠榕风航弘国文宇凯鑫军峰东春晓俊毅锋瑞卫红云金根立新平继保长荣"
)
FEMALE_GIVEN = (
    "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳"
    "瑞凡佳嘉琼勤珍贞莉桂娣叶璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓仪荷丹蓉眉君琴蕊薇"
    "菁梦岚婕馨琰韵园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣育滢筠柔竹凝晓欢霄枫芸菲寒伊亚宜可舒影荔丽"
    "阳妮宝贝晴睿雯萱彦雨曼紫逸蝶思文敏"
)
GIVEN_NAME_CHARS: frozenset[str] = frozenset(MALE_GIVEN + FEMALE_GIVEN)
