"""A page image made readable and read: the sheet found and flattened, light, grain, scale and tilt, then OCR.

``reading.read_page`` is the stage; ``ocr`` is the one adapter to Tesseract. Imports ``base`` only.
"""
