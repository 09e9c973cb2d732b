"""Logging handlers of the web app."""

from __future__ import annotations

import io
import logging
from pathlib import Path


class DataFolderFileHandler(logging.FileHandler):
    """A file handler whose folder (the data folder) is created private when first needed."""

    def _open(self) -> io.TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return super()._open()
