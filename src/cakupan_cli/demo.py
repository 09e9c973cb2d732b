"""``cakupan demo``: build a synthetic Kabupaten Mojokerto and serve its dashboard."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from cakupan.formatting import format_number, format_percent
from cakupan.pipeline import build_demo, province_check
from cakupan.settings import load_settings
from cakupan_cli._options import DataDir
from cakupan_cli._output import announce_url, console


def demo(
    people: Annotated[
        int, typer.Option("--people", min=500, help="People in the synthetic register.")
    ] = 1_120_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same data.")] = 2023,
    data_dir: DataDir = None,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Only build the warehouse; do not serve.")
    ] = False,
    port: Annotated[
        int | None, typer.Option("--port", help="Port of the dashboard (default $PORT or 8000).")
    ] = None,
    province: Annotated[
        str | None,
        typer.Option(
            "--province",
            help="A province's code (35 = Jawa Timur): spread the people over all its regencies.",
        ),
    ] = None,
) -> None:
    """Build a synthetic Kabupaten Mojokerto and serve its dashboard (http://127.0.0.1:8000/).

    Generates the files, imports them, matches, computes coverage, then serves. With
    --province, the same for a whole province (its real regencies, kecamatan and desa).
    """
    if province is not None:
        province_check(province)
    settings = load_settings(data_dir=data_dir, port=port, regency_code=province)
    started = time.monotonic()
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[step]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        gen = bar.add_task("Generating files", total=6, step="")
        load = bar.add_task("Building warehouse", total=6, step="", start=False)

        def on_files(step: str, done: int, total: int) -> None:
            bar.update(gen, completed=done, total=total, step=step)

        def on_build(step: str, done: int, total: int) -> None:
            bar.start_task(load)
            bar.update(load, completed=done, total=total, step=step)

        result = build_demo(
            settings, people=people, seed=seed, progress=on_build, files_progress=on_files
        )
    s, m = result.summary.coverage, result.summary.matching
    console.print(
        f"UCJ {s.year}: [bold]{format_percent(s.ucj)}[/bold] = "
        f"{format_number(s.active_persons)} active persons ÷ "
        f"{format_number(s.denominator)} working population "
        f"({format_number(s.participants_linked)} of {format_number(s.participant_rows)} "
        f"participant rows linked to the register: "
        f"{format_number(m.exact_links)} by NIK, "
        f"{format_number(m.probabilistic_links)} by the model, "
        f"{format_number(m.review_pending)} pairs to review)."
    )
    console.print(
        f"Warehouse: {settings.warehouse_path}  (built in {time.monotonic() - started:.0f} s)"
    )

    from cakupan_web.server import prepare_app, serve

    login = prepare_app(settings)
    console.print(f"Admin login: [bold]{login.username}[/bold] / [bold]{login.password}[/bold]")
    if no_serve:
        return
    serve(settings, on_ready=announce_url)
