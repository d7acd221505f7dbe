"""Names already de-identified in the source: 张*明, 张某, 李某某, 王XX, 欧阳×× (POLICY.md §5),
and a surname with a form of address in place of the given name (王女士, 李先生, 张大爷), as
news and typical-case texts refer to a person they do not name.

A masked name is compliant (GB/T 35273-2020 §3.15, 去标识化), not a leak: it is reported as
PERSON with action ``keep`` and the explanation "already masked". A surname from the list must
precede the mask, so "某某单位" and "XX县" are not names.
"""

from __future__ import annotations

import re

from review_desk.detect.config import PeopleRules


class MaskedNameRecognizer:
    NAME = "masked_name"

    def __init__(self, rules: PeopleRules) -> None:
        surname = "|".join([*map(re.escape, rules.compound_surnames), f"[{rules.surnames}]"])
        symbols = re.escape(rules.mask_chars.replace("某", ""))
        # After 某 a determiner's second character makes no masked name ("但某些", "张某单位").
        determiners = re.escape(rules.mask_determiners)
        # 张某/李某某 end at the mask; 张*明 keeps the unmasked last character (POLICY §7 style).
        address = "|".join(map(re.escape, sorted(rules.forms_of_address, key=len, reverse=True)))
        forms = f"|(?:{address})" if address else ""
        self._pattern = re.compile(
            rf"(?:{surname})(?:某某?(?![{determiners}])|[{symbols}]{{1,2}}[\u4e00-\u9fff]?{forms})"
        )
        self._mask_chars = frozenset(rules.mask_chars)
        self._forms = tuple(rules.forms_of_address)

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [match.span() for match in self._pattern.finditer(text)]

    def is_masked(self, name: str) -> bool:
        return any(c in self._mask_chars for c in name[1:]) or name.endswith(self._forms)
