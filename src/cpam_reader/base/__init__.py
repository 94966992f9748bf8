"""The base layer: the result types, the error tree, text rows and stage timing, which every other layer uses.

Nothing here imports from another layer of cpam_reader.
"""
