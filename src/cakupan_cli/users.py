"""``cakupan user``: the people who use the web app, their roles and scopes."""

from __future__ import annotations

import dataclasses
import sys
from typing import Annotated

import typer

from cakupan.settings import Settings, load_settings
from cakupan_cli._options import DataDir, JsonFlag
from cakupan_cli._output import console, print_json, print_table

user_app = typer.Typer(help="Users of the web app: roles and scopes.", no_args_is_help=True)


def _django(data_dir: object) -> Settings:
    """The settings, with Django set up on the app database (created or upgraded)."""
    from cakupan_web.server import ready_app

    settings = load_settings(data_dir=data_dir)  # type: ignore[arg-type]
    ready_app(settings)
    return settings


@user_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="User name (to sign in).")],
    role: Annotated[
        str,
        typer.Option(
            "--role",
            help="disnaker_admin, executive, kecamatan_operator, desa_operator, bpjs_officer "
            "or partner.",
        ),
    ],
    area: Annotated[
        list[str] | None,
        typer.Option("--area", help="Kecamatan or desa code of an operator (repeatable)."),
    ] = None,
    partner: Annotated[str, typer.Option("--partner", help="The partner (BRI…).")] = "",
    email: Annotated[str, typer.Option("--email", help="E-mail address.")] = "",
    as_json: JsonFlag = False,
    data_dir: DataDir = None,
) -> None:
    """Add a user with a role and its scope; prints a one-time link where they choose their
    password."""
    settings = _django(data_dir)
    from cakupan_web.accounts.services import user_add

    new = user_add(
        username=name,
        role=role,
        area_codes=list(area or []),
        partner=partner,
        email=email,
        regency=settings.regency_code,
        data_dir=settings.data_dir,
    )
    if as_json:
        print_json(dataclasses.asdict(new))
        return
    scope = ", ".join(new.areas) or new.partner or "the whole regency"
    console.print(f"User {new.username} ({new.role}: {scope}) added.")
    if new.partner_unknown:
        hint = (
            f" Did you mean {' or '.join(new.partner_suggestions)}?"
            if new.partner_suggestions
            else ""
        )
        console.print(
            f"[yellow]No published list or pledge names the partner {new.partner!r}: this user "
            f"sees nothing until one does.{hint}[/yellow] (cakupan user add with the name as "
            "the lists write it)"
        )
    _print_link(settings, new.setup_path)


def _print_link(settings: Settings, path: str) -> None:
    console.print(
        f"One-time link (works once, for three days): [bold]{_base_url(settings)}{path}[/bold]"
        "\nGive it to them in person or by a private message; they choose their password there."
    )


def _base_url(settings: Settings) -> str:
    """Where users open Cakupan: the first configured host behind HTTPS, else host:port."""
    hosts = [h.strip() for h in settings.allowed_hosts.split(",") if h.strip()]
    if settings.https and hosts:
        return f"https://{hosts[0]}"
    return f"http://{settings.host}:{settings.port}"


@user_app.command("link")
def link(name: Annotated[str, typer.Argument(help="User name.")], data_dir: DataDir = None) -> None:
    """Print a new one-time link where a user chooses a password (a forgotten one)."""
    settings = _django(data_dir)
    from cakupan_web.accounts.services import user_setup_link

    _print_link(settings, user_setup_link(username=name))


@user_app.command("list")
def list_users(as_json: JsonFlag = False, data_dir: DataDir = None) -> None:
    """Every user with role, scope, whether they can sign in and their last sign-in."""
    _django(data_dir)
    from cakupan_web.accounts.selectors import user_list

    rows = user_list()
    if as_json:
        print_json({"users": rows})
        return
    print_table(
        "Users",
        ["user", "role", "scope", "active", "last sign-in"],
        [
            [
                r.username,
                r.role or "–",
                ", ".join(r.areas) or r.partner or "regency",
                "yes" if r.active else "no",
                r.last_login or "–",
            ]
            for r in rows
        ],
    )


@user_app.command("disable")
def disable(
    name: Annotated[str, typer.Argument(help="User name.")], data_dir: DataDir = None
) -> None:
    """Stop a user from signing in (their records stay)."""
    _django(data_dir)
    from cakupan_web.accounts.services import user_disable

    user_disable(username=name)
    console.print(f"User {name} can no longer sign in.")


@user_app.command("set-password")
def set_password(
    name: Annotated[str, typer.Argument(help="User name.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Set a user's password (asked twice, hidden; or one line from standard input)."""
    _django(data_dir)
    from cakupan_web.accounts.services import user_set_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    user_set_password(username=name, password=password)
    console.print(f"Password of {name} set.")


@user_app.command("token")
def token(
    name: Annotated[str, typer.Argument(help="User name.")], data_dir: DataDir = None
) -> None:
    """Print a new API token of a user (shown once; the API answers it as that user)."""
    _django(data_dir)
    from cakupan_web.api.services import token_issue

    console.print(token_issue(username=name), markup=False, highlight=False)
    console.print("Shown once: keep it like a password (Authorization: Bearer …).", style="dim")
