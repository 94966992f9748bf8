"""Documents read as jobs: the shared job machinery (``base``), the local process pool and the Celery workers.

Imports the pipeline and the layers under it; the interfaces import from here, never the reverse.
"""
