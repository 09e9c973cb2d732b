"""Django settings, derived from the one typed :class:`cakupan.settings.Settings`."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlparse

from cakupan.settings import load_settings

CAKUPAN = load_settings()
BASE_DIR = Path(__file__).resolve().parent


def _secret_key() -> str:
    """The configured key, else the one ``cakupan_web.server.prepare_app`` keeps in the data
    folder, else (tests, one-off commands) a key for this process only."""
    if CAKUPAN.secret_key:
        return CAKUPAN.secret_key
    try:
        return (CAKUPAN.data_dir / "secret_key.txt").read_text(encoding="utf-8").strip()
    except OSError:
        return secrets.token_urlsafe(50)


def _databases() -> dict[str, dict[str, object]]:
    url = CAKUPAN.database_url
    if not url:
        return {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(CAKUPAN.data_dir / "app.sqlite3"),
            }
        }
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        from cakupan.errors import ConfigError

        raise ConfigError("config.database_url", "CAKUPAN_DATABASE_URL must be postgresql://…")
    return {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parsed.path.lstrip("/") or "postgres",
            "USER": parsed.username or "",
            "PASSWORD": parsed.password or "",
            "HOST": parsed.hostname or "127.0.0.1",
            "PORT": str(parsed.port or 5432),
        }
    }


SECRET_KEY = _secret_key()
DEBUG = CAKUPAN.debug
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", CAKUPAN.host, "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "cakupan_web",
    "cakupan_web.dashboard",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cakupan_web.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "cakupan_web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
WSGI_APPLICATION = "cakupan_web.wsgi.application"
DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = CAKUPAN.language
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"

STATIC_URL = "/static/"
STATICFILES_DIRS: list[Path] = []
# Static files are served by WhiteNoise straight from the apps (no collectstatic step).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
