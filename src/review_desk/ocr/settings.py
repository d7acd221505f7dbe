"""The settings of rules/ocr.yaml, validated at load (an office may turn OCR off or tune it)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from review_desk.rules import load_rules


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EngineSettings(_Strict):
    threads: int = Field(ge=1, le=64)
    det_side: int = Field(ge=320, le=8192)
    min_line_score: float = Field(ge=0, le=1)
    det_box_threshold: float = Field(gt=0, lt=1)
    det_unclip_ratio: float = Field(gt=1, le=4)


class ConfidenceSettings(_Strict):
    low_char: float = Field(ge=0, le=1)
    low_page: float = Field(ge=0, le=1)


class OrientationSettings(_Strict):
    sample_lines: int = Field(ge=1, le=100)


class LayoutSettings(_Strict):
    cell_gap: float = Field(gt=0)
    row_tolerance: float = Field(gt=0)
    column_tolerance: float = Field(gt=0)
    min_table_rows: int = Field(ge=2)
    min_table_columns: int = Field(ge=2)


class OcrSettings(_Strict):
    enabled: bool
    engine: EngineSettings
    render_dpi: int = Field(ge=72, le=600)
    image_dpi: int = Field(ge=72, le=1200)
    confidence: ConfidenceSettings
    orientation: OrientationSettings
    layout: LayoutSettings


#: Settings in force instead of the rules folder's (tests set this; forked workers inherit it).
active: OcrSettings | None = None


def ocr_settings() -> OcrSettings:
    """The validated ocr.yaml of the rules folder (cached after the first read)."""
    return active if active is not None else load_rules("ocr", OcrSettings)
