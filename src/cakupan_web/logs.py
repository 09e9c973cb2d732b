"""Logging handlers of the web app."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path


class DataFolderFileHandler(logging.FileHandler):
    """A file handler whose folder (the data folder) and file are private (0700, 0600),
    created when first needed."""

    def _open(self) -> io.TextIOWrapper:
        path = Path(self.baseFilename)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Tracebacks may quote personal data: the file is its owner's alone, whatever the
        # umask of the process that first writes it (a test run, a shell).
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.close(fd)
        path.chmod(0o600)
        return super()._open()
