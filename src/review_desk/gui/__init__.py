"""PySide6 face of review_desk: windows, widgets, Qt models and workers; no domain logic."""
