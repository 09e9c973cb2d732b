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


# Each server thread keeps its app-database connection between requests (checked before
# reuse): opening one per request cost a signed-in page ~20 ms once Django's end-of-request
# handling ran (benchmarks/README.md).
_PERSISTENT = {"CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": True}


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

        raise ConfigError("config.database_url")
    return {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parsed.path.lstrip("/") or "postgres",
            "USER": parsed.username or "",
            "PASSWORD": parsed.password or "",
            "HOST": parsed.hostname or "127.0.0.1",
            "PORT": str(parsed.port or 5432),
            **_PERSISTENT,
        }
    }


SECRET_KEY = _secret_key()
DEBUG = CAKUPAN.debug
_HOSTS = [h.strip() for h in CAKUPAN.allowed_hosts.split(",") if h.strip()]
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", CAKUPAN.host, "testserver", *_HOSTS]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "cakupan_web",
    "cakupan_web.accounts",
    "cakupan_web.dashboard",
    "cakupan_web.jobs",
    "cakupan_web.worklists",
    "cakupan_web.audit",
    "cakupan_web.areas",
    "cakupan_web.imports",
    "cakupan_web.review",
    "cakupan_web.pledges",
    "cakupan_web.events",
    "cakupan_web.reports",
    "ninja",  # the API's interactive documentation, served from its own static files
    "cakupan_web.api",
]
# The web app's writes are jobs in the app database, run one at a time by the worker
# (`cakupan worker`, started by `cakupan serve`).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "checks"],  # writes; checks of uploads (cakupan_web.server)
    }
}
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cakupan_web.middleware.DefaultLanguageMiddleware",
    "cakupan_web.middleware.CakupanErrorMiddleware",
    "cakupan_web.middleware.UploadLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cakupan_web.middleware.AccessLogUserMiddleware",
    "cakupan_web.scoping.ScopesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
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
                "cakupan_web.context.cakupan_permissions",
                "cakupan_web.context.cakupan_area",
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
# A new user's one-time link (and a new link for a forgotten password) works for three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- Hardening (docs/security.md) ---------------------------------------------------------
# Login throttling: five wrong passwords for one user name from one address lock that pair
# out for an hour; a Disnaker admin lifts it in the admin (Axes > Access attempts) or with
# `python -m django axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# No inline script anywhere: scripts and styles from this site only. Style attributes (bar
# widths, map colours) are allowed; they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

if CAKUPAN.https:  # behind a TLS-terminating proxy that sets X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in _HOSTS]

# Server errors (HTTP 500) are logged with their traceback: on standard error, and in
# server.log in the data folder (0600, as everything there).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "file": {
            "class": "cakupan_web.logs.DataFolderFileHandler",
            "filename": str(CAKUPAN.data_dir / "server.log"),
            "formatter": "plain",
            "delay": True,
        },
    },
    "loggers": {
        "django.request": {"handlers": ["console", "file"], "level": "ERROR"},
        "cakupan_web": {"handlers": ["console", "file"], "level": "WARNING"},
    },
}
