"""``cakupan match`` and ``cakupan review``: who is who, and the pairs a person decides."""

from __future__ import annotations

import dataclasses
import getpass
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cakupan.errors import InputError
from cakupan.formatting import format_number, format_percent
from cakupan.ingest import Limits
from cakupan.matching import MatchOptions, match_files, write_matches
from cakupan.matching.review import review_list
from cakupan.pipeline import decide_and_refresh, refresh
from cakupan.privacy import os_account
from cakupan.scope import Scope
from cakupan.settings import load_settings
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json


def _working(message: str, *, quiet: bool) -> AbstractContextManager[object]:
    """A spinner on the terminal while long work runs (none with --json)."""
    return nullcontext() if quiet else console.status(message)


_FIELD_NAMES = {"nik": "NIK", "name": "name", "birth_date": "birth date", "area": "desa/kecamatan"}


def _fields_line(fields: list[str]) -> str:
    used = ", ".join(_FIELD_NAMES[f] for f in fields) or "nothing"
    missing = [_FIELD_NAMES[f] for f in _FIELD_NAMES if f not in fields]
    return f"Compared on: {used}" + (f" (no {', '.join(missing)})." if missing else ".")


def match(
    list_file: Annotated[
        Path | None, typer.Argument(help="A list to match against --against (file mode).")
    ] = None,
    against: Annotated[
        Path | None, typer.Option("--against", help="Participant extract (file mode).")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="OUT.csv of the pairs.")] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help="Link at or above this.")
    ] = 0.5,
    retrain: Annotated[
        bool, typer.Option("--retrain", help="Train the model again on the current data.")
    ] = False,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Match every source to persons, or one LIST_FILE against a participant file.

    Without LIST_FILE: exact NIK, then the model, then coverage again. With it: see --against.
    """
    if list_file is not None:
        if against is None or out is None:
            raise InputError("match.file_mode")
        with _working(f"Matching {list_file.name} against {against.name}…", quiet=as_json):
            settings = load_settings(data_dir=data_dir)
            result = match_files(
                list_file, against, threshold=threshold, limits=Limits.from_settings(settings)
            )
        write_matches(result, out, log_dir=settings.data_dir)
        methods: dict[str, int] = {}
        for r in result.rows:
            methods[r["method"]] = methods.get(r["method"], 0) + 1
        payload = {
            "out": str(out),
            "list_rows": result.list_report.rows_read,
            "participant_rows": result.participants_report.rows_read,
            "methods": methods,
            "fields": result.summary.get("fields", []),
            "seconds": round(result.seconds, 2),
        }
        if as_json:
            print_json(payload)
        else:
            console.print(
                f"{format_number(result.list_report.rows_read)} list rows against "
                f"{format_number(result.participants_report.rows_read)} participants: "
                + ", ".join(f"{k} {format_number(v)}" for k, v in methods.items())
                + f". Written to {out}."
            )
            console.print(_fields_line(result.summary.get("fields", [])))
        return
    with (
        open_warehouse(data_dir, write=True, what="matching") as (settings, wh),
        _working("Matching every source, then coverage again…", quiet=as_json),
    ):
        summary = refresh(wh, regency=settings.regency_code, matching=MatchOptions(retrain=retrain))
    if summary is None:
        raise InputError(
            "match.not_ready",
        )
    if as_json:
        print_json({"matching": summary.matching, "ucj": summary.coverage.ucj})
        return
    m = summary.matching
    console.print(
        f"{format_number(m.records)} records → {format_number(m.persons)} persons: "
        f"{format_number(m.exact_links)} linked by NIK, "
        f"{format_number(m.probabilistic_links)} by the model"
        f"{' (retrained)' if m.trained else ''}, "
        f"{format_number(m.review_pending)} pairs to review ({m.seconds:.0f} s). "
        f"UCJ {format_percent(summary.coverage.ucj)}."
    )
    console.print(_fields_line(list(m.fields)))


review_app = typer.Typer(help="Pairs the model is unsure of.", invoke_without_command=True)


@review_app.callback()
def review(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many pairs to show.")] = 20,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """List the pairs waiting for a decision, with the evidence of each field."""
    if ctx.invoked_subcommand is not None:
        return
    with open_warehouse(data_dir) as (_settings, wh):
        pairs = review_list(wh, scope=Scope.whole_regency(os_account()), limit=limit)
    if as_json:
        print_json({"pairs": [dataclasses.asdict(p) for p in pairs]})
        return
    table = Table(title="Pairs to review (accept or reject by id)")
    for name in ("id", "p", "left", "right", "evidence (bits)"):
        table.add_column(name)
    for p in pairs:
        sides = [
            " · ".join(v or "–" for v in (r.name, r.birth_date, r.nik, r.desa))
            for r in (p.left, p.right)
        ]
        evidence = ", ".join(f"{e.field} {e.weight:+.1f}" for e in p.evidence)
        table.add_row(p.id, f"{p.match_probability:.2f}", sides[0], sides[1], evidence)
    console.print(table)


def _decide(ids: list[str], decision: str, data_dir: Path | None) -> None:
    with open_warehouse(data_dir, write=True, what=f"review {decision}") as (settings, wh):
        count, summary = decide_and_refresh(
            wh, ids, decision=decision, by=getpass.getuser(), regency=settings.regency_code
        )
    ucj = f" UCJ {format_percent(summary.coverage.ucj)}." if summary else ""
    console.print(f"{count} pair(s) {decision}; matching and coverage recomputed.{ucj}")


@review_app.command("accept")
def review_accept(
    ids: Annotated[list[str], typer.Argument(help="Pair ids from 'cakupan review'.")],
    data_dir: DataDir = None,
) -> None:
    """Accept pairs: they are the same person, whatever the model says."""
    _decide(ids, "accepted", data_dir)


@review_app.command("reject")
def review_reject(
    ids: Annotated[list[str], typer.Argument(help="Pair ids from 'cakupan review'.")],
    data_dir: DataDir = None,
) -> None:
    """Reject pairs: they are different persons, whatever the model says."""
    _decide(ids, "rejected", data_dir)
