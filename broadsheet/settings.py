"""Broadsheet settings: one module, configured by environment variables.

Every variable read here is documented in `.env.example`; a test fails when one
is not. Values are parsed by small typed helpers that fail loudly on a bad value
rather than guess.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE_WORDS:
        return True
    if value.strip().lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def read_or_create_secret_key(data_dir: Path) -> str:
    """The key is generated once per installation and kept beside its data.

    A fixed key in the code would let anyone forge sessions on every install.
    """
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        # Created readable by its owner only, never briefly by anyone else.
        try:
            descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process of this install made it first
            pass
        else:
            with os.fdopen(descriptor, "w") as out:
                out.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


DATA_DIR = Path(os.environ.get("BROADSHEET_DATA_DIR", Path.cwd() / "data")).resolve()
DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or read_or_create_secret_key(DATA_DIR)

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Broadsheet")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = [SITE_URL]
# How many reverse proxies (nginx, a load balancer) stand in front of the site
# and append to X-Forwarded-For; 0 means readers connect directly.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

INSTALLED_APPS = [
    "broadsheet.core",
    "broadsheet.images",
    "broadsheet.news",
    "broadsheet.comments",
    "broadsheet.home",
    "broadsheet.search",
    "broadsheet.feeds",
    "broadsheet.demo",
    "broadsheet.wire",
    "broadsheet.enrich",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF: cached pages get each reader's token, and the CSRF
    # middleware sets the cookie it belongs to.
    "broadsheet.core.middleware.ReaderPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "broadsheet.urls"
WSGI_APPLICATION = "broadsheet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "broadsheet.home.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL")
        or f"sqlite:///{DATA_DIR / 'broadsheet.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while the worker publishes; IMMEDIATE avoids
    # "database is locked" when two processes upgrade a read to a write.
    # Each request opens its own connection, so SQLite's page cache starts
    # empty every time; reading the file through a memory map instead takes
    # pages straight from the operating system's cache (a rendered front
    # page at 100,000 stories: 139 -> 106 ms).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=20000; PRAGMA mmap_size=268435456;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "broadsheet",
        }
    }
else:
    # A file cache is shared by every server process, so a publish seen by
    # one worker invalidates what the others show.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"  # noqa: E501
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
SERVE_MEDIA = envbool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names let static files be cached for a year; whitenoise
        # serves the pre-compressed (gzip and Brotli) copies.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 365 * 24 * 3600

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
if SITE_URL.startswith("https://"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_IMAGE_MODEL = "images.NewsImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "broadsheet": {"handlers": ["console"], "level": "INFO", "propagate": False}
    },
}

# --- FAQ generation: back ends (broadsheet/enrich/backends/) ----------------------
# Every story gets 4-6 questions answered by quotes from its own sentences. The
# default generator runs offline; "openai" asks any OpenAI-compatible server
# (llama.cpp, vLLM, Ollama, a hosted service) and falls back to the default
# whenever the server fails or its answers do not pass the grounding check.


def envint(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number >= {minimum}")
    return number


# Which of a story's FAQ pairs readers see: enrichment decides for the pairs
# it generated (the article page asks through this path, not an import).
READER_FAQS = "broadsheet.enrich.reader_faqs.live_faqs"

BROADSHEET_FAQ_BACKENDS = {
    "default": "broadsheet.enrich.backends.default.DefaultBackend",
    "openai": "broadsheet.enrich.backends.openai.OpenAIBackend",
    "dummy": "broadsheet.enrich.backends.dummy.DummyBackend",
}
BROADSHEET_LLM_URL = os.environ.get("BROADSHEET_LLM_URL", "").strip().rstrip("/")
BROADSHEET_LLM_MODEL = os.environ.get("BROADSHEET_LLM_MODEL", "").strip()
BROADSHEET_LLM_API_KEY = os.environ.get("BROADSHEET_LLM_API_KEY", "").strip()
BROADSHEET_LLM_TIMEOUT = envint("BROADSHEET_LLM_TIMEOUT", 20, minimum=1)
BROADSHEET_LLM_RETRIES = envint("BROADSHEET_LLM_RETRIES", 2)
# Setting a server's address is enough to use it.
BROADSHEET_FAQ_BACKEND = os.environ.get("BROADSHEET_FAQ_BACKEND", "").strip() or (
    "openai" if BROADSHEET_LLM_URL else "default"
)
if BROADSHEET_FAQ_BACKEND not in BROADSHEET_FAQ_BACKENDS:
    raise ImproperlyConfigured(
        f"BROADSHEET_FAQ_BACKEND must be one of {', '.join(BROADSHEET_FAQ_BACKENDS)}"
    )
if BROADSHEET_LLM_URL and not BROADSHEET_LLM_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("BROADSHEET_LLM_URL must be an http:// or https:// URL")
if BROADSHEET_FAQ_BACKEND == "openai" and not (
    BROADSHEET_LLM_URL and BROADSHEET_LLM_MODEL
):
    raise ImproperlyConfigured(
        "BROADSHEET_FAQ_BACKEND=openai needs BROADSHEET_LLM_URL and "
        "BROADSHEET_LLM_MODEL"
    )
