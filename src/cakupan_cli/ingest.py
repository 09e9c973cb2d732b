"""``cakupan import`` and ``cakupan sources``: files in, every row accounted for."""

from __future__ import annotations

import contextlib
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from cakupan.formatting import format_number, format_percent
from cakupan.identity import parse_date
from cakupan.ingest import (
    ImportReport,
    Limits,
    list_snapshots,
    parse_map_options,
    register_by_desa,
    rejected_report,
    write_rejected,
)
from cakupan.pipeline import import_and_refresh
from cakupan.privacy import mask_nik
from cakupan.settings import load_settings
from cakupan.warehouse import Warehouse
from cakupan_cli._open import open_warehouse
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json

BIG_FILE = 5 << 20  # files larger than this get a progress display


class TypeName(str, Enum):
    register = "register"
    participants = "participants"
    participant_status = "participant-status"
    segment = "segment"
    companies = "companies"
    company_registration = "company-registration"
    denominator = "denominator"
    payouts = "payouts"
    cards = "cards"
    events = "events"
    pledges = "pledges"


class Language(str, Enum):
    id = "id"
    en = "en"


def _print_report(
    report: ImportReport, language: str, limit: int = 20, *, show_nik: bool = False
) -> None:
    en = language == "en"
    if report.duplicate_of is not None:
        console.print(
            (
                "Already imported as snapshot {id}; nothing loaded."
                if en
                else "Berkas ini sudah diimpor sebagai snapshot {id}; tidak dimuat ulang."
            ).format(id=report.duplicate_of)
        )
    head = (
        "Read {r} rows: {a} accepted, {x} rejected."
        if en
        else "Dibaca {r} baris: {a} diterima, {x} ditolak."
    )
    if report.layout:
        console.print(("Layout: {l}" if en else "Format berkas: {l}").format(l=report.layout))
    if report.desa:
        console.print(f"Desa: {report.desa}")
    console.print(
        head.format(
            r=format_number(report.rows_read),
            a=format_number(report.accepted),
            x=format_number(report.rejected),
        )
    )
    if report.set_aside:
        console.print(
            (
                "{n} residents who died, moved away or are missing are kept but not counted."
                if en
                else "{n} penduduk yang meninggal, pindah atau hilang disimpan tetapi tidak "
                "dihitung."
            ).format(n=format_number(report.set_aside))
        )
    if report.skipped:
        console.print(
            ("Set aside (not data): " if en else "Disisihkan (bukan data): ")
            + ", ".join(f"row {r} ({why})" for r, why in report.skipped[:10])
        )
    totals = report.totals()
    if totals:
        table = Table(title="Findings" if en else "Temuan")
        for name in ("code", "severity", "count"):
            table.add_column(name, justify="right" if name == "count" else "left")
        for code, t in totals.items():
            table.add_row(code, t["severity"], format_number(t["count"]))
        console.print(table)
        for f in report.findings[:limit]:
            text = f.message(language) if show_nik else mask_nik(f.message(language))
            console.print(
                f"  row {f.row} {f.column}: [{f.severity}] {text}",
                markup=False,
                highlight=False,
            )
        if len(report.findings) > limit:
            more = len(report.findings) - limit
            console.print(f"  … {more} more (use --json or --rejected FILE)")
    if report.snapshot_id is not None:
        console.print(
            ("Stored as snapshot {id}." if en else "Disimpan sebagai snapshot {id}.").format(
                id=report.snapshot_id
            )
        )
    elif report.dry_run:
        console.print("Dry run: nothing stored." if en else "Uji coba: tidak ada yang disimpan.")
    if report.coverage:
        ucj = format_percent(report.coverage.coverage.ucj)
        console.print(
            ("Coverage recomputed: UCJ {u}." if en else "Cakupan dihitung ulang: UCJ {u}.").format(
                u=ucj
            )
        )


def import_command(
    type_name: Annotated[TypeName, typer.Argument(metavar="TYPE", help="Source type.")],
    file: Annotated[Path, typer.Argument(help="CSV, XLSX, XLSM, XLS, ODS or Parquet file.")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date the data describes (default today).")
    ] = None,
    segment: Annotated[
        str | None, typer.Option("--segment", help="Segment label of a list (KUR, GURU_TPQ…).")
    ] = None,
    partner: Annotated[
        str | None, typer.Option("--partner", help="Who sent the list (BRI, DPMD…).")
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Sheet of a workbook.")] = None,
    desa: Annotated[
        str | None,
        typer.Option(
            "--desa",
            help="Village of a register file without a desa column (an OpenSID export): "
            "code (35.16.12.2008 or 3516122008) or name.",
        ),
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option("--map", help='Map a header to a column: "KOLOM X=nik" (repeatable).'),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Validate and report; store nothing.")
    ] = False,
    rejected: Annotated[
        Path | None,
        typer.Option("--rejected", help="Write rejected rows with reasons to FILE.csv/.xlsx."),
    ] = None,
    as_json: JsonFlag = False,
    lang: Annotated[Language, typer.Option("--lang", help="Language of messages.")] = Language.id,
    show_nik: Annotated[
        bool, typer.Option("--show-nik", help="Show NIKs in findings unmasked.")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Import a file as a new snapshot of a source; report every accepted and rejected row."""
    day = parse_date(as_of) if as_of else None
    overrides = parse_map_options(maps)
    with contextlib.ExitStack() as stack:
        if dry_run:  # nothing stored: a warehouse in memory, no turn to wait for
            settings = load_settings(data_dir=data_dir)
            wh = stack.enter_context(Warehouse.memory())
        else:
            what = f"import {type_name.value} {file.name}"
            settings, wh = stack.enter_context(open_warehouse(data_dir, write=True, what=what))
        options: dict[str, Any] = {
            "as_of": day,
            "segment": segment,
            "partner": partner,
            "sheet": sheet,
            "desa": desa,
            "limits": Limits.from_settings(settings),
            "overrides": overrides,
            "dry_run": dry_run,
        }
        if file.exists() and file.stat().st_size > BIG_FILE and not as_json:
            bar = stack.enter_context(
                Progress(
                    SpinnerColumn(),
                    TextColumn("{task.description}"),
                    TimeElapsedColumn(),
                    console=console,
                    transient=True,
                )
            )
            task = bar.add_task(f"{file.name}: read", total=4)

            def on_step(step: str, done: int, total: int) -> None:
                bar.update(task, completed=done, description=f"{file.name}: {step}")

            options["progress"] = on_step
        report = import_and_refresh(
            wh, file, type_name.value, regency=settings.regency_code, **options
        )
    if rejected is not None:
        write_rejected(report, rejected, language=lang.value, log_dir=settings.data_dir)
    if as_json:
        print_json(report.as_dict(lang.value), show_nik=show_nik)
    else:
        _print_report(report, lang.value, show_nik=show_nik)
        if rejected is not None:
            console.print(f"Rejected rows: {rejected}")


sources_app = typer.Typer(help="Snapshots of every imported source.", invoke_without_command=True)


@sources_app.callback()
def sources(
    ctx: typer.Context,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """List the snapshots, newest first; the current one of each source is marked."""
    if ctx.invoked_subcommand is not None:
        return
    settings = load_settings(data_dir=data_dir)
    rows, by_desa = [], []
    if settings.warehouse_path.exists():
        with Warehouse(settings.warehouse_path, read_only=True) as wh:
            rows = list_snapshots(wh)
            by_desa = register_by_desa(wh, regency=settings.regency_code)
    if as_json:
        print_json({"snapshots": rows})
        return
    table = Table(title=f"Snapshots in {settings.warehouse_path}")
    for name in (
        "id",
        "type",
        "segment",
        "partner",
        "file",
        "as of",
        "read",
        "accepted",
        "rejected",
        "current",
    ):
        table.add_column(name)
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["source_type"],
            r["segment"] or "",
            r["partner"] or "",
            r["file_name"],
            str(r["as_of"]),
            format_number(r["rows_read"]),
            format_number(r["accepted"]),
            format_number(r["rejected"]),
            "✓" if r["current"] else "",
        )
    console.print(table)
    if by_desa:
        have = sum(1 for r in by_desa if r["snapshot_id"] is not None)
        console.print(
            f"Register: {have} of {len(by_desa)} desa loaded "
            "(per desa: cakupan sources desa; missing: cakupan sources desa --missing)."
        )


@sources_app.command("desa")
def sources_desa(
    missing: Annotated[
        bool, typer.Option("--missing", help="Only the desa the register does not have yet.")
    ] = False,
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Per desa: whether the register has it, from which file, as of when, how many residents."""
    settings = load_settings(data_dir=data_dir)
    rows = []
    if settings.warehouse_path.exists():
        with Warehouse(settings.warehouse_path, read_only=True) as wh:
            rows = register_by_desa(wh, regency=settings.regency_code)
    if missing:
        rows = [r for r in rows if r["snapshot_id"] is None]
    if as_json:
        print_json({"desa": rows})
        return
    have = sum(1 for r in rows if r["snapshot_id"] is not None)
    table = Table(title=f"Register by desa: {have} of {len(rows)} loaded")
    for name in (
        "desa",
        "name",
        "kecamatan",
        "snapshot",
        "file",
        "as of",
        "residents",
        "set aside",
    ):
        table.add_column(name, justify="right" if name in ("residents", "set aside") else "left")
    for r in rows:
        table.add_row(
            r["desa"],
            r["name"],
            r["kecamatan"],
            str(r["snapshot_id"] or "—"),
            r["file_name"] or "",
            str(r["as_of"] or ""),
            format_number(r["residents"]),
            format_number(r["set_aside"]),
        )
    console.print(table)


@sources_app.command("rejected")
def sources_rejected(
    snapshot: Annotated[int, typer.Argument(help="Snapshot id (see cakupan sources).")],
    out: Annotated[Path, typer.Option("--out", help="FILE.csv or FILE.xlsx to write.")],
    lang: Annotated[Language, typer.Option("--lang", help="Language of reasons.")] = Language.id,
    data_dir: DataDir = None,
) -> None:
    """Download the rejected rows of a snapshot, with a reason column."""
    with open_warehouse(data_dir) as (settings, wh):
        report = rejected_report(wh, snapshot)
    write_rejected(report, out, language=lang.value, log_dir=settings.data_dir)
    console.print(f"{report.rejected} rejected rows of snapshot {snapshot} written to {out}")
