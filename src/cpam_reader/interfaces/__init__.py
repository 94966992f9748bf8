"""The edges: the command line, the watch folder and its journal, the web service.

Where errors become exit codes and HTTP statuses; nothing below imports from here.
"""
