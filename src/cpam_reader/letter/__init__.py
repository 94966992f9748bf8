"""What the letter is and says beyond the number: its kind, the documents asked for, dates, advice, review.

Pure functions on text. Imports ``base`` and ``number``.
"""
