"""Qt-free domain types. Nothing here imports Qt, spaCy or Presidio."""
