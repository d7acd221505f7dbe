"""OCR of scanned pages and images (issue 13): the engine, reading a page into lines with a box
and a confidence per character, and the layout that turns lines into blocks and tables.

Nothing here is imported until a page needs OCR: the engine pulls in OpenCV and three ONNX
models, which a batch of text files never needs.
"""
