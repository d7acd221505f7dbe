"""Detection speed on 1 MB of Chinese prose, with its two baselines measured in the same run.

    .venv/bin/python bench/bench_detect.py [--megabytes 1]

Prints, for the same text:
- the Detector (every rule detector: identifiers through Presidio, markings, health terms, the
  baseline name source, actions), run per block as in production; target ≤ 3 s per MB;
- the analyzer alone (Presidio per block, our recognizers and context enhancer), and what a
  blank spaCy ``zh`` NLP step would add to it (the analyzer uses Presidio's NoOpNlpEngine);
- stock Presidio: an AnalyzerEngine with PatternRecognizers for the same ID and phone patterns,
  the default lemma context enhancer and a blank spaCy ``zh`` pipeline (char segmenter), on the
  whole text in one call, the way Presidio is usually used;
- a plain ``re`` scan with the same ID and phone patterns over the whole text: the floor.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from review_desk.core.document import Block, BlockKind, Document
from review_desk.detect.engine import Detector
from review_desk.detect.recognizers.phone import PhoneRecognizer
from review_desk.detect.recognizers.resident_id import ResidentIdRecognizer

SAMPLES = Path("/work/shared/samples")
#: Used when the shared samples are absent, so the bench runs anywhere.
FALLBACK = (
    "2017年，我厅认真落实政务公开工作要点，结合民政工作职能，全面推进民政政务公开，着力抓好"
    "重点领域信息工作。全年主动公开政府信息1200余条，办理依申请公开30件，均在法定期限内答复。"
)
#: Identifiers sprinkled into the prose so that every recognizer has work to do.
SPRINKLES = (
    "低保对象张伟，身份证号11010519491231002X，手机13812345678，家住东仰村3组。",
    "联系电话：0871-65123456，服务热线12345，统一社会信用代码91350100M000100Y43。",
    "段丽元厅长出席会议并讲话，电子邮箱ynmz@mca.gov.cn。",
)
ID_AND_PHONE = [rx for _, rx in ResidentIdRecognizer.PATTERNS + PhoneRecognizer.PATTERNS[:2]]


def prose(megabytes: float) -> list[str]:
    """Paragraphs of real report text (plus identifiers) up to the size in UTF-8 bytes."""
    if SAMPLES.is_dir():
        source = [
            line
            for path in sorted(SAMPLES.glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    else:
        source = [FALLBACK] * 20
    target = int(megabytes * 1024 * 1024)
    paragraphs: list[str] = []
    size = 0
    index = 0
    while size < target:
        # A paragraph number makes every block unique, so no cache (normalisation is memoised
        # per text) flatters the figures.
        paragraph = f"{source[index % len(source)]}（{index}）"
        if index % 7 == 0:
            paragraph += SPRINKLES[index % len(SPRINKLES)]
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
        index += 1
    return paragraphs


def timed(run: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def blank_zh_tokenisation(texts: list[str]) -> float:
    """What a spaCy NLP step would add: a blank ``zh`` pipeline (char segmenter) per block."""
    import spacy

    nlp = spacy.blank("zh")
    took, _ = timed(lambda: list(nlp.pipe(texts)))
    return took


def stock_presidio() -> Callable[[str], int]:
    """AnalyzerEngine as Presidio ships it, with our ID and phone regexes as PatternRecognizers."""
    import spacy
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    # SpacyNlpEngine loads a pipeline from a path; the blank one only needs to exist while loading.
    with tempfile.TemporaryDirectory(prefix="blank_zh_") as folder:
        spacy.blank("zh").to_disk(folder)
        engine = SpacyNlpEngine(models=[{"lang_code": "zh", "model_name": folder}])
        engine.load()
    recognizers = [
        PatternRecognizer(
            supported_entity="CN_RESIDENT_ID",
            supported_language="zh",
            patterns=[Pattern("id", ID_AND_PHONE[0], 0.5), Pattern("id15", ID_AND_PHONE[1], 0.3)],
            context=["身份证", "公民身份号码"],
        ),
        PatternRecognizer(
            supported_entity="PHONE_NUMBER",
            supported_language="zh",
            patterns=[
                Pattern("mobile", ID_AND_PHONE[2], 0.5),
                Pattern("tel", ID_AND_PHONE[3], 0.4),
            ],
            context=["电话", "手机"],
        ),
    ]
    analyzer = AnalyzerEngine(
        registry=RecognizerRegistry(recognizers=recognizers, supported_languages=["zh"]),
        nlp_engine=engine,
        supported_languages=["zh"],
    )
    return lambda text: len(analyzer.analyze(text=text, language="zh"))


def plain_re(text: str) -> int:
    patterns = [re.compile(rx) for rx in ID_AND_PHONE]
    return sum(1 for pattern in patterns for _ in pattern.finditer(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()

    paragraphs = prose(args.megabytes)
    text = "\n".join(paragraphs)
    size_mb = len(text.encode("utf-8")) / 1024 / 1024
    blocks = [Block(f"p{i}", BlockKind.PARAGRAPH, p) for i, p in enumerate(paragraphs)]
    document = Document("bench.txt", "0", "text", blocks)
    print(f"text: {size_mb:.2f} MB UTF-8, {len(text):,} characters, {len(blocks):,} blocks")

    build, detector = timed(Detector)
    print(f"Detector build:                 {build * 1000:8.1f} ms")
    assert isinstance(detector, Detector)
    # Normalisation is cached per block; time it apart so the detector figure is honest.
    norm, _ = timed(lambda: [b.normalized for b in blocks])
    seconds, findings = timed(lambda: detector.detect(document))
    assert isinstance(findings, list)
    full = norm + seconds
    print(f"normalisation (per block):      {norm:8.3f} s")
    print(f"Detector.detect (all rules):    {seconds:8.3f} s  ({len(findings):,} findings)")
    print(f"  -> per MB incl. normalisation: {full / size_mb:7.3f} s   (target ≤ 3 s)")
    analyzer_s, _ = timed(lambda: [detector.analyzer.analyze(b.normalized.text) for b in blocks])
    print(f"analyzer only (Presidio/block): {analyzer_s:8.3f} s")
    spacy_s = blank_zh_tokenisation([b.normalized.text for b in blocks])
    print(f"blank spaCy zh per block:       {spacy_s:8.3f} s  (the NLP step NoOpNlpEngine avoids)")

    floor, hits = timed(lambda: plain_re(text))
    print(
        f"plain re, ID+phone, whole text: {floor:8.3f} s  ({hits} hits)  ratio {full / floor:,.0f}x"
    )

    stock = stock_presidio()
    took, count = timed(lambda: stock(text))
    print(
        f"stock Presidio, whole text:     {took:8.3f} s  ({count} hits)  ratio {took / full:,.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
