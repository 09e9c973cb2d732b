"""``cakupan exchange``: who is a member, learnt from BPJS on keyed hashes (no NIK, no name
and no membership number crosses between the regency and the branch)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cakupan.exchange import (
    ANSWER_HEADER,
    REQUEST_HEADER,
    answer_rows,
    key_file_read,
    key_file_write,
    key_list,
    key_new,
    read_request,
    request_tokens,
    write_rows,
)
from cakupan.ingest import Limits, import_file
from cakupan.settings import load_settings
from cakupan.warehouse import Warehouse
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir
from cakupan_cli._output import console

exchange_app = typer.Typer(help="Status exchange with BPJS on keyed hashes.")
key_app = typer.Typer(help="The secret keys of the exchange.", invoke_without_command=True)
exchange_app.add_typer(key_app, name="key")


@key_app.callback()
def keys(ctx: typer.Context, data_dir: DataDir = None) -> None:
    """List the keys (ids and dates; never the secrets)."""
    if ctx.invoked_subcommand is not None:
        return
    with open_warehouse(data_dir) as (_settings, wh):
        for key_id, made in key_list(wh):
            console.print(f"{key_id}  {made:%Y-%m-%d %H:%M}" if made else key_id)


@key_app.command("new")
def new_key(
    out: Annotated[Path, typer.Option("--out", help="Key file to give the branch (0600).")],
    data_dir: DataDir = None,
) -> None:
    """Make a new key (the newest one makes requests); write it to a file for the branch."""
    with open_warehouse(data_dir, write=True, what="exchange key") as (_settings, wh):
        key = key_new(wh)
        key_file_write(key, out)
    console.print(f"Key {key.key_id} made; give {out} to the branch in person, never by e-mail.")


@exchange_app.command("request")
def request(
    out: Annotated[Path, typer.Option("--out", help="The request file (CSV) for the branch.")],
    source: Annotated[
        str,
        typer.Argument(help="register (default), or a list's file (NIK, name, birth date)."),
    ] = "register",
    key_id: Annotated[str | None, typer.Option("--key", help="Key id (default: newest).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Write one token per person of the register or of a list (NIK; name and birth date):
    no NIK, no name, nothing else."""
    people = None
    if source != "register":  # a list, read as an import reads it, kept nowhere
        settings = load_settings(data_dir=data_dir)
        with Warehouse.memory() as memory:
            import_file(memory, Path(source), "segment", segment="REQUEST",
                        limits=Limits.from_settings(settings))  # fmt: skip
            people = memory.query("SELECT nik, name, birth_date FROM segment_member")
    with open_warehouse(data_dir) as (_settings, wh):
        key, tokens = request_tokens(wh, key_id=key_id, people=people)
    count = write_rows(out, REQUEST_HEADER, ((key.key_id, kind, t) for kind, t in tokens))
    console.print(f"{count} tokens (key {key.key_id}) written to {out}")


@exchange_app.command("answer")
def answer(
    request_file: Annotated[Path, typer.Argument(help="The regency's request (CSV).")],
    participants: Annotated[
        Path, typer.Option("--participants", help="The branch's participant extract.")
    ],
    key_file: Annotated[Path, typer.Option("--key-file", help="The regency's key file.")],
    out: Annotated[Path, typer.Option("--out", help="The answer file (CSV) to send back.")],
    data_dir: DataDir = None,
) -> None:
    """The branch's side: active/inactive, kind and last month paid for every token of the
    request one of its participants gives; nothing about anyone else."""
    key = key_file_read(key_file)
    settings = load_settings(data_dir=data_dir)
    tokens = read_request(request_file, key, limits=Limits.from_settings(settings))
    with Warehouse.memory() as wh:  # the extract read as an import reads it, kept nowhere
        import_file(wh, participants, "participants", limits=Limits.from_settings(settings))
        rows = answer_rows(wh, tokens, key)
    count = write_rows(out, ANSWER_HEADER, rows)
    console.print(f"{count} of {len(tokens)} tokens answered (key {key.key_id}); written to {out}")
