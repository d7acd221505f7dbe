import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review_desk.core.normalize import _fold_char, normalize

# Characters that exercise every folding rule: full-width digits and letters, dash variants,
# gaps inside digit runs, traditional characters, and NFKC expansions such as ㈠ → (一).
_ALPHABET = st.sampled_from(
    list("0123456789１２３Ｘx －—–‐　\u00a0機密秘★年號碼㈠①ｱabc身份证，。\n")
)
_TEXTS = st.text(alphabet=_ALPHABET, max_size=60)


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("１３８－１２３４　５６７８", "138-12345678"),
        ("機密★１年", "机密★1年"),
        ("秘密★1 年", "秘密★1 年"),
        ("110105 1990 0101 123Ｘ", "11010519900101123X"),
        ("电话：0577—88886666", "电话:0577-88886666"),
        ("㈠总则", "(一)总则"),
        ("", ""),
    ],
)
def test_normalized_text(original: str, expected: str) -> None:
    assert normalize(original).text == expected


def test_span_maps_back_to_the_original_characters() -> None:
    original = "身份证号：１１０１０５　１９９００１０１１２３Ｘ，完"
    norm = normalize(original)
    match = re.search(r"\d{17}[\dX]", norm.text)
    assert match is not None
    start, end = norm.to_original(*match.span())
    assert original[start:end] == "１１０１０５　１９９００１０１１２３Ｘ"


@given(_TEXTS, st.data())
def test_every_normalized_span_maps_to_a_valid_original_span(
    original: str, data: st.DataObject
) -> None:
    norm = normalize(original)
    start = data.draw(st.integers(0, len(norm.text)))
    end = data.draw(st.integers(start, len(norm.text)))
    o_start, o_end = norm.to_original(start, end)
    assert 0 <= o_start <= o_end <= len(original)
    if start < end:
        # the original span, normalised again, contains what was matched
        assert norm.text[start:end] in normalize(original[o_start:o_end]).text


@given(_TEXTS)
def test_mapping_is_monotonic(original: str) -> None:
    norm = normalize(original)
    assert list(norm.starts) == sorted(norm.starts)
    assert all(0 <= s < len(original) for s in norm.starts)


@given(_TEXTS)
def test_digit_runs_found_in_normalized_text_map_back_to_digits(original: str) -> None:
    norm = normalize(original)
    for match in re.finditer(r"\d+", norm.text):
        o_start, o_end = norm.to_original(*match.span())
        assert normalize(original[o_start:o_end]).text == match.group()


def test_out_of_range_span_is_rejected() -> None:
    with pytest.raises(ValueError):
        normalize("abc").to_original(2, 5)


def _normalize_char_by_char(original: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The definition, without shortcuts: each character folded, each folded character mapped
    to the one it came from, then the gaps inside digit runs dropped."""
    chars: list[str] = []
    starts: list[int] = []
    for index, char in enumerate(original):
        piece = _fold_char(char)
        chars.extend(piece)
        starts.extend([index] * len(piece))
    joined = "".join(chars)
    gaps = {
        i
        for m in re.finditer(r"(?<=[0-9])[ \u00a0\u2002\u2009\u3000]+(?=[0-9])", joined)
        for i in range(*m.span())
    }
    kept = [i for i in range(len(joined)) if i not in gaps]
    text = "".join(joined[i] for i in kept)
    return text, tuple(starts[i] for i in kept), tuple(starts[i] + 1 for i in kept)


@given(_TEXTS)
def test_the_shortcut_for_one_character_per_character_changes_nothing(original: str) -> None:
    norm = normalize(original)
    assert (norm.text, norm.starts, norm.ends) == _normalize_char_by_char(original)
