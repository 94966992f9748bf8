"""The social security number: its rules (``nir``), finding it in text rows, its status, and the second look.

Pure functions on strings and arrays; the second look re-reads rows through the OCR engine it is given.
Imports ``base`` and ``image``.
"""
