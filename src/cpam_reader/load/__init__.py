"""The loaders: a file or bytes made into pages (a PDF's text layer or its rendered images, a photo decoded).

The only layer, with the OCR adapter, that touches files; it imports from ``base`` only.
"""
