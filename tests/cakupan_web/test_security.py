"""Web hardening: login throttling, password rules, a Content-Security-Policy, HTTPS settings."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command


@pytest.mark.django_db
def test_thirty_wrong_passwords_lock_the_account_until_an_admin_lifts_it(client, django_user_model):
    django_user_model.objects.create_user("operator", password="Benar-sekali-2026")
    for _ in range(30):
        client.post("/login/", {"username": "operator", "password": "salah"})
    response = client.post("/login/", {"username": "operator", "password": "Benar-sekali-2026"})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (403, 429)
    call_command("axes_reset_username", "operator", verbosity=0)
    client.post("/login/", {"username": "operator", "password": "Benar-sekali-2026"})
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("password", ["x", "12345678901", "password123", "operator"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)
    validate_password("Kerja-Keras-Bebas-Cemas-2023")


@pytest.mark.django_db
def test_pages_carry_a_policy_without_inline_script(client, demo_site):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src-attr")[0]
    )
    assert "frame-ancestors 'none'" in policy
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # every script from a file
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
    login = client.get("/login/")
    assert "Content-Security-Policy" in login


def test_deploy_check_is_clean_behind_https(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cakupan_web.settings",
        "CAKUPAN_HTTPS": "1",
        "CAKUPAN_SECRET_KEY": secrets.token_urlsafe(64),
        "CAKUPAN_ALLOWED_HOSTS": "cakupan.mojokertokab.go.id",
        "CAKUPAN_DATA_DIR": str(tmp_path),
    }
    env.pop("CAKUPAN_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    probe = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/', HTTP_HOST='cakupan.mojokertokab.go.id', secure=True); "
        "print(r.status_code, r.get('Strict-Transport-Security'), sep='|')"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    status, hsts = done.stdout.strip().splitlines()[-1].split("|")
    assert status != "400" and "max-age=31536000" in hsts, done.stderr


def test_server_errors_are_logged():
    from django.conf import settings

    request_log = settings.LOGGING["loggers"]["django.request"]
    assert request_log["level"] == "ERROR" and "file" in request_log["handlers"]
