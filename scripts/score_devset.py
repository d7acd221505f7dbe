"""Score a real scan of the labelled dev set; exit 1 when a quality target is missed.

.venv/bin/python scripts/score_devset.py [--dir DIR] [--workers N] [--examples N]
"""

from __future__ import annotations

import sys
from pathlib import Path

# The generator lives with the tests (fixtures are code, not blobs); make `tests` importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.devset.score import main

if __name__ == "__main__":
    sys.exit(main())
