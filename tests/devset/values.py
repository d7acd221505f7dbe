"""Synthetic but valid identifiers and personal values (POLICY.md §8), from a seeded generator.

Every value is unique within one generator, so a gold item can be matched to findings by its
text alone.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

REGIONS = ("530102", "530111", "532301", "110105", "310104", "350102", "440305", "510104")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程"
GIVEN = "秀英桂芳玉兰丽华明国建平志强春梅海燕文杰晓红德富金凤永福春生淑珍振宇光辉立新"
STREETS = ("青年路", "人民中路", "北京路", "环城西路", "东风东路", "金碧路", "滇池路", "白塔路")
TOWNS = ("护国街道", "大观街道", "龙泉街道", "小板桥街道", "阿拉彝族乡", "团结街道")
VILLAGES = ("大村", "小河村", "新民村", "柏枝营村", "石坝村", "龙潭村")
COUNTIES = ("五华区", "盘龙区", "官渡区", "西山区", "晋宁区", "富民县")
ILLNESSES = ("尿毒症", "肢体残疾二级", "精神分裂症", "白血病", "视力残疾一级", "脑梗塞后遗症")


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_check_char(body: str) -> str:
    total = sum(int(c) * w for c, w in zip(body, ORG_WEIGHTS, strict=True))
    return {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))


def luhn_complete(digits: str) -> str:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return digits + str((10 - total % 10) % 10)


class Values:
    """Unique personal values; the same seed gives the same values in the same order."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._used: set[str] = set()

    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(1000):
            value = make()
            if value not in self._used:
                self._used.add(value)
                return value
        raise RuntimeError("value space exhausted")

    def name(self) -> str:
        rng = self._rng
        return self._unique(
            lambda: rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2, 2))))
        )

    def resident_id(self, valid: bool = True) -> str:
        def make() -> str:
            born = date(1940, 1, 1) + timedelta(days=self._rng.randrange(365 * 64))
            first17 = f"{self._rng.choice(REGIONS)}{born:%Y%m%d}{self._rng.randrange(1000):03d}"
            check = id_check_char(first17)
            if not valid:
                check = ID_CHECK[(ID_CHECK.index(check) + 1 + self._rng.randrange(10)) % 11]
            return first17 + check

        return self._unique(make)

    def legacy_id(self) -> str:
        def make() -> str:
            born = date(1940, 1, 1) + timedelta(days=self._rng.randrange(365 * 59))
            return f"{self._rng.choice(REGIONS)}{born:%y%m%d}{self._rng.randrange(1000):03d}"

        return self._unique(make)

    def mobile(self) -> str:
        rng = self._rng
        return self._unique(lambda: f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}")

    def landline(self) -> str:
        return self._unique(lambda: f"0871-6{self._rng.randrange(10**7):07d}")

    def bank_card(self) -> str:
        return self._unique(lambda: luhn_complete(f"6217{self._rng.randrange(10**14):014d}"))

    def uscc(self, prefix: str = "11") -> str:
        """Registration prefix + region + organisation code (GB 11714 digits and its own check
        character) + check character: the structure real codes have, not just a valid check."""

        def make() -> str:
            org = f"{self._rng.randrange(10**8):08d}"
            body = prefix + self._rng.choice(REGIONS) + org + org_check_char(org)
            return body + uscc_check_char(body)

        return self._unique(make)

    def address(self) -> str:
        rng = self._rng
        if rng.random() < 0.5:
            return self._unique(
                lambda: (
                    f"云南省昆明市{rng.choice(COUNTIES)}{rng.choice(TOWNS)}{rng.choice(STREETS)}"
                    f"{rng.randrange(1, 300)}号{rng.randrange(1, 12)}栋{rng.randrange(1, 5)}单元"
                    f"{rng.randrange(1, 20)}0{rng.randrange(1, 5)}室"
                )
            )
        return self._unique(
            lambda: (
                f"{rng.choice(COUNTIES)}{rng.choice(TOWNS)}{rng.choice(VILLAGES)}"
                f"{rng.randrange(1, 15)}组{rng.randrange(1, 99)}号"
            )
        )

    def illness(self) -> str:
        return self._rng.choice(ILLNESSES)

    def email(self) -> str:
        rng = self._rng
        return self._unique(
            lambda: (
                f"{rng.choice(('zhang', 'li', 'wang', 'liu'))}{rng.randrange(1960, 2005)}"
                f"{rng.choice(('@163.com', '@qq.com', '@126.com'))}"
            )
        )

    def passport(self) -> str:
        return self._unique(lambda: f"E{self._rng.randrange(10**8):08d}")

    def plate(self) -> str:
        rng = self._rng
        return self._unique(lambda: f"云A{rng.choice('BCDFG')}{rng.randrange(10**4):04d}")

    def amount(self) -> str:
        return f"{self._rng.randrange(300, 2000)}"

    def pick(self, options: tuple[str, ...]) -> str:
        return self._rng.choice(options)

    def sample(self, options: tuple[str, ...], count: int) -> list[str]:
        return self._rng.sample(options, count)

    def chance(self, probability: float) -> bool:
        return self._rng.random() < probability


def mask_name(name: str) -> str:
    return name[0] + "*" + (name[-1] if len(name) == 3 else "")


def mask_id(value: str) -> str:
    return value[:2] + "*" * (len(value) - 5) + value[-3:]


def mask_mobile(value: str) -> str:
    return value[:3] + "****" + value[-4:]
