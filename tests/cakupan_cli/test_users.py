"""``cakupan user``: users with a role and a scope, made without Django's admin."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CLI = "import sys; from cakupan_cli import main; main(sys.argv[1:])"


def _cli(tmp_path, *args, stdin=""):
    env = dict(os.environ, CAKUPAN_LANGUAGE="en", CAKUPAN_DATA_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-c", CLI, *args], input=stdin, env=env, capture_output=True,
        text=True, check=False,
    )  # fmt: skip


def test_users_with_roles_and_scopes(tmp_path):
    made = _cli(tmp_path, "user", "add", "op_jabon", "--role", "kecamatan_operator",
                "--area", "35.16.17", "--json")  # fmt: skip
    assert made.returncode == 0, made.stderr
    new = json.loads(made.stdout)
    assert new["areas"] == ["35.16.17"] and new["setup_path"].startswith("/accounts/setup/")
    assert (
        _cli(tmp_path, "user", "add", "bri", "--role", "partner", "--partner", "BRI").returncode
        == 0
    )
    # Each role's scope is checked: an operator needs areas of its own level in the regency.
    refused = _cli(tmp_path, "user", "add", "x", "--role", "desa_operator", "--area", "35.16.17")
    assert refused.returncode == 1 and "[user.bad_area]" in refused.stderr
    assert (
        "[user.area_required]"
        in _cli(tmp_path, "user", "add", "y", "--role", "desa_operator").stderr
    )
    assert "[user.bad_role]" in _cli(tmp_path, "user", "add", "z", "--role", "bupati").stderr
    assert "[user.exists]" in _cli(tmp_path, "user", "add", "bri", "--role", "executive").stderr
    weak = _cli(tmp_path, "user", "set-password", "bri", "--password-stdin", stdin="123\n")
    assert weak.returncode == 1 and "[user.weak_password]" in weak.stderr
    strong = _cli(tmp_path, "user", "set-password", "bri", "--password-stdin",
                  stdin="kopi-tubruk-jatim-2026\n")  # fmt: skip
    assert strong.returncode == 0, strong.stderr
    again = _cli(tmp_path, "user", "link", "op_jabon")
    assert again.returncode == 0 and "/accounts/setup/" in again.stdout
    assert _cli(tmp_path, "user", "disable", "op_jabon").returncode == 0
    assert "[user.disabled]" in _cli(tmp_path, "user", "link", "op_jabon").stderr
    users = {
        u["username"]: u
        for u in json.loads(_cli(tmp_path, "user", "list", "--json").stdout)["users"]
    }
    assert (
        users["op_jabon"]["role"] == "kecamatan_operator" and users["op_jabon"]["active"] is False
    )
    assert users["bri"]["partner"] == "BRI" and users["bri"]["active"] is True


def test_a_partner_the_data_does_not_name_is_pointed_out(tmp_path, demo_settings, demo_build):
    import shutil

    shutil.copytree(demo_settings.data_dir / "published", tmp_path / "published")
    made = _cli(tmp_path, "user", "add", "bri", "--role", "partner", "--partner", "Bank BRI")
    assert made.returncode == 0, made.stderr
    assert "No published list or pledge names the partner 'Bank BRI'" in made.stdout
    assert "Did you mean BRI?" in made.stdout
    made = _cli(tmp_path, "user", "add", "bni", "--role", "partner", "--partner", "BNI")
    assert made.returncode == 0 and "No published list" not in made.stdout
