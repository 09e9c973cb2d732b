"""The ``cakupan`` command line: a thin Typer shell over the library.

Every command parses its input, makes one library call and renders the result. Errors
become one line on standard error, in the language of the ``language`` setting, with their
code (``docs/errors.md``) and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import logging
import os
import sys

import typer

from cakupan.errors import CakupanError
from cakupan.privacy import PRIVATE_UMASK, mask_nik
from cakupan.settings import load_settings
from cakupan_cli._app import app

__all__ = ["app", "main"]


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (a test may have replaced it)."""

    @property  # type: ignore[override]
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass


def _warnings_to_stderr() -> None:
    """Library warnings (a data file that was readable by others) as one line each."""
    logger = logging.getLogger("cakupan")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("cakupan: warning: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)


def _language() -> str:
    """The language of error messages: the ``language`` setting (``CAKUPAN_LANGUAGE``)."""
    try:
        return load_settings().language
    except CakupanError:  # the settings themselves are broken: the default
        return "id"


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``cakupan`` command."""
    # Everything this process writes holds personal data: owner-only files (0600/0700).
    os.umask(PRIVATE_UMASK)
    _warnings_to_stderr()
    args = sys.argv[1:] if argv is None else list(argv)
    command = typer.main.get_command(app)
    try:
        result = command.main(args=args, prog_name="cakupan", standalone_mode=False)
    except typer.Abort:
        typer.echo("cakupan: aborted", err=True)
        sys.exit(1)
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            sys.exit(2)  # the help was printed already
        typer.echo(f"cakupan: {exc.format_message()} (see 'cakupan --help')", err=True)
        sys.exit(2)
    except CakupanError as exc:
        text = exc.message_in(_language())
        typer.echo(f"cakupan: {mask_nik(text)} [{exc.code}]", err=True)
        sys.exit(1)
    except OSError as exc:
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        typer.echo(f"cakupan: cannot use{where}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("cakupan: interrupted", err=True)
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)
