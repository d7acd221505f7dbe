"""Training, evaluation and retraining of the NER model (``python -m review_desk.ner.training.*``).

Developer and office tooling: the detector and the scan never import it, so a scan does not pay
for it (tests/ner/test_runtime_imports.py).
"""
