"""The budgets of rules/limits.yaml: how much one file may cost to read, detect and report.

Loaders read them through ``limits()``; a test or an office with bigger files changes the YAML,
never the code.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from review_desk.rules import load_rules


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReadingLimits(_Strict):
    max_file_bytes: int = Field(gt=0)
    max_unpacked_bytes: int = Field(gt=0)
    max_part_bytes: int = Field(gt=0)
    max_stream_bytes: int = Field(gt=0)
    max_zip_entries: int = Field(gt=0)
    max_embedding_depth: int = Field(ge=0)
    max_sheet_cells: int = Field(gt=0)
    max_columns: int = Field(gt=0)
    max_line_chars: int = Field(gt=0)
    pdf_seconds: float = Field(gt=0)
    ocr_page_seconds: float = Field(ge=0)
    max_image_pixels: int = Field(gt=0)
    max_image_frames: int = Field(gt=0)


class DetectionLimits(_Strict):
    max_block_chars: int = Field(ge=1000)


class WorkerLimits(_Strict):
    seconds: float = Field(gt=0)
    seconds_per_mb: float = Field(ge=0)
    memory_mb: int = Field(gt=0)
    recycle_mb: int = Field(gt=0)

    def seconds_for(self, size: int) -> float:
        """Wall time allowed for a file of ``size`` bytes."""
        return self.seconds + self.seconds_per_mb * size / 1_000_000


class Limits(_Strict):
    reading: ReadingLimits
    detection: DetectionLimits
    worker: WorkerLimits


#: Limits in force instead of the rules folder's (tests set this; forked workers inherit it).
active: Limits | None = None


def limits() -> Limits:
    """The validated limits.yaml of the rules folder (cached after the first read)."""
    return active if active is not None else load_rules("limits", Limits)
