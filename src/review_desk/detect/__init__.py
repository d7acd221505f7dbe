"""Detection: typed findings in a Document, each with its POLICY.md §5 action.

Presidio's email recognizer pulls a public-suffix list over the network through tldextract on
first use; an empty URL list makes tldextract use the copy bundled with it. This runs before any
module of this package imports Presidio, so nothing here ever reaches the network.
"""

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
