"""Generated scans for the OCR tests and the bench: a 低保 recipient table rendered with the
WenQuanYi Micro Hei font, optionally degraded like a real scan or photo (skew, rotation, noise,
blur, JPEG compression, a phone's perspective), and wrapped as an image-only PDF or an image."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

import img2pdf  # type: ignore[import-untyped]
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests.devset.values import Values

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
TITLE = "2025年第三季度城乡最低生活保障对象公示"
HEADER = ("序号", "户主姓名", "身份证号", "联系电话")
#: Column starts in inches from the left edge.
_COLUMNS = (0.8, 1.4, 2.5, 5.0)
A4 = (8.27, 11.69)


@dataclass(frozen=True)
class Recipient:
    name: str
    resident_id: str
    mobile: str


@dataclass(frozen=True)
class Page:
    image: Image.Image
    recipients: list[Recipient]
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Damage:
    """How the page is spoilt: skew in degrees, a quarter-turn count (clockwise), Gaussian
    noise, blur radius, JPEG quality (None: lossless), a photo's perspective pull (0–0.1)."""

    skew: float = 0.0
    turns: int = 0
    noise: float = 0.0
    blur: float = 0.0
    jpeg: int | None = None
    perspective: float = 0.0


def recipient_page(
    rows: int, dpi: int = 150, seed: int = 1, size: tuple[float, float] = A4, points: float = 11
) -> Page:
    """A white page with the title, the header and ``rows`` recipients (valid IDs)."""
    values = Values(seed)
    recipients = [
        Recipient(values.name(), values.resident_id(), values.mobile()) for _ in range(rows)
    ]
    image = Image.new("L", (int(size[0] * dpi), int(size[1] * dpi)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), round(points / 72 * dpi))
    draw.text((int(0.8 * dpi), int(0.6 * dpi)), TITLE, font=font, fill=0)
    table = [HEADER] + [
        (str(i + 1), r.name, r.resident_id, r.mobile) for i, r in enumerate(recipients)
    ]
    y = 1.0 * dpi
    for row in table:
        for x, text in zip(_COLUMNS, row, strict=True):
            draw.text((int(x * dpi), int(y)), text, font=font, fill=0)
        y += points / 72 * dpi * 2
    lines = [TITLE, *(" ".join(row) for row in table)]
    return Page(image, recipients, lines)


def damaged(image: Image.Image, damage: Damage, seed: int = 1) -> Image.Image:
    out = image
    if damage.perspective:
        out = _perspective(out, damage.perspective)
    if damage.skew:
        out = out.rotate(damage.skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if damage.blur:
        out = out.filter(ImageFilter.GaussianBlur(damage.blur))
    if damage.noise:
        out = _noisy(out, damage.noise, seed)
    if damage.turns:
        out = out.rotate(-90 * damage.turns, expand=True)
    if damage.jpeg is not None:
        buffer = io.BytesIO()
        out.save(buffer, format="JPEG", quality=damage.jpeg)
        out = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return out


def _noisy(image: Image.Image, sigma: float, seed: int) -> Image.Image:
    noise = Image.effect_noise(image.size, sigma)
    rng = random.Random(seed)
    offset = rng.randrange(-8, 8)
    return Image.blend(image, noise.point(lambda v: min(255, max(0, v + offset))), 0.25)


def _perspective(image: Image.Image, pull: float) -> Image.Image:
    """The page as a phone sees it held a little off-square: the top edge narrower."""
    width, height = image.size
    inset = pull * width
    quad = (-inset, 0, -inset / 3, height, width + inset / 3, height, width + inset, 0)
    return image.transform(
        image.size, Image.Transform.QUAD, quad, Image.Resampling.BICUBIC, fillcolor=255
    )


def write_pdf(image: Image.Image, path: Path, dpi: int) -> Path:
    """An image-only PDF (no text layer), as a scanner writes it."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    path.write_bytes(img2pdf.convert(buffer.getvalue(), layout_fun=layout))
    return path


def write_image(images: list[Image.Image], path: Path, dpi: int) -> Path:
    """The images in the format of ``path``'s suffix (a multi-page TIFF for several)."""
    first, *rest = images
    options: dict[str, object] = {"dpi": (dpi, dpi)}
    if rest:
        options.update(save_all=True, append_images=rest)
    first.save(path, **options)
    return path
