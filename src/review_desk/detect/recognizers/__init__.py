"""One recognizer per module, each citing the standard it validates against."""
