"""Score a real scan of the labelled dev set; exit 1 when a quality target is missed.

.venv/bin/python scripts/score_devset.py [--dir DIR] [--workers N] [--examples N]
.venv/bin/python scripts/score_devset.py --heldout [--docs DIR] [--dir DIR] [--workers N]
    [--reports FILE]
    scores the held-out set (tests/heldout, issue 10) instead: documents written apart from the
    dev-set generator, with the stricter issue-10 targets. Every other argument goes to
    tests/heldout/score.py; --docs tests/heldout/fresh scores set B.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The generator lives with the tests (fixtures are code, not blobs); make `tests` importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.devset.score import main

if __name__ == "__main__":
    if "--heldout" in sys.argv[1:]:
        from tests.heldout.score import main as heldout_main

        sys.exit(heldout_main([a for a in sys.argv[1:] if a != "--heldout"]))
    sys.exit(main())
