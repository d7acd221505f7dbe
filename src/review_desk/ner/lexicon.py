"""Name lexicon: surname frequencies and given-name characters.

Surnames and their shares (approximate percentages of the population, after the published
national surname rankings) come from ``rules/people.yaml``; they drive both the synthetic
training sentences and the ``surname`` class feature of the model.  The tail surnames get a
small uniform share.
"""

from __future__ import annotations

from review_desk.detect.config import load_people_rules

#: The surname list lives in rules/people.yaml (the detector's baseline reads it too): its order
#: is the rank this module's features use, its shares weigh the synthetic sentences.
_PEOPLE = load_people_rules()
#: Share (%) of a single-character surname the rules give no share, and of a compound one.
_TAIL_SHARE, _COMPOUND_SHARE = 0.02, 0.005

COMPOUND_SURNAMES: tuple[str, ...] = tuple(_PEOPLE.compound_surnames)
SURNAMES: list[tuple[str, float]] = [
    *((s, _PEOPLE.surname_shares.get(s, _TAIL_SHARE)) for s in _PEOPLE.surnames),
    *((s, _COMPOUND_SHARE) for s in COMPOUND_SURNAMES),
]

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
