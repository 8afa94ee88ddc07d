"""Broadsheet settings: one module, configured by environment variables.

Every variable read here is documented in `.env.example`; a test fails when one
is not. Values are parsed by small typed helpers that fail loudly on a bad value
rather than guess.
"""

import ipaddress
import os
import secrets
from email.utils import getaddresses
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


def envfloat(name: str, default: float, minimum: float = 0.0) -> float:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is None or not number >= minimum:
        raise ImproperlyConfigured(f"{name} must be a number >= {minimum}")
    return number


GROUP_AND_OTHERS = 0o077


def private_data_dir(data_dir: Path) -> None:
    """The data directory holds the database, the secret key and the cache:
    nobody but its owner may list it or write in it. It keeps (or gets, when
    new) the "x" bit for others, so that a web server can still reach the
    public media/ and static/ inside it by name. Best effort: a directory
    this process does not own (a read-only container) is left as it is."""
    try:
        data_dir.mkdir(mode=0o711, parents=True, exist_ok=True)
        strip_access(data_dir, 0o066)
    except OSError:
        pass


def private_file(path: Path) -> None:
    """Create `path` readable by its owner only, or make it so (SQLite files:
    the reviewer found the database 0644, password hashes and commenters'
    emails readable by every local user)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        strip_access(path, GROUP_AND_OTHERS)
    except OSError:
        pass


def strip_access(path: Path, bits: int) -> None:
    try:
        status = path.stat()
        if status.st_uid == os.getuid() and status.st_mode & bits:
            path.chmod(status.st_mode & 0o7777 & ~bits)
    except OSError:
        pass


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
private_data_dir(DATA_DIR)
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
    "broadsheet.caching",
    "broadsheet.cdn",
    "broadsheet.accounts",
    "broadsheet.images",
    "broadsheet.news",
    "broadsheet.comments",
    "broadsheet.home",
    "broadsheet.search",
    "broadsheet.feeds",
    "broadsheet.demo",
    "broadsheet.wire",
    "broadsheet.enrich",
    "broadsheet.desk",
    "broadsheet.corrections",
    "broadsheet.history",
    "broadsheet.live",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app, with administrators kept within their own rights.
    "broadsheet.accounts.apps.WagtailUsersConfig",
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
    # /healthz and /readyz: answered first, before host checks, and not logged.
    "broadsheet.core.health.HealthCheckMiddleware",
    # One logfmt line per request, timed around everything below.
    "broadsheet.core.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "broadsheet.core.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads request.POST (see the module).
    "broadsheet.core.charset.FormCharsetMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside the session and CSRF middleware, to see the cookies they set:
    # what a CDN or Varnish in front may store, and its tags (broadsheet/cdn).
    "broadsheet.cdn.middleware.CdnHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF: cached pages get each reader's token, and the CSRF
    # middleware sets the cookie it belongs to.
    "broadsheet.caching.middleware.ReaderPageCacheMiddleware",
    # Inside the page cache: marks the pages it must fill in (placeholders.py).
    "broadsheet.core.placeholders.PlaceholderMiddleware",
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
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        # SQLite gives its -wal and -shm files the database file's mode.
        database_file = Path(DATABASES["default"]["NAME"])
        private_file(database_file)
        for suffix in ("-wal", "-shm"):
            strip_access(
                database_file.with_name(database_file.name + suffix), GROUP_AND_OTHERS
            )
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
    # Fault-tolerant (broadsheet/core/resilient_cache.py): while Redis is
    # away, each process answers from a small memory tier of its own and
    # asks Redis again every CACHE_RETRY_SECONDS.
    CACHES = {
        "default": {
            "BACKEND": "broadsheet.core.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "broadsheet",
            "OPTIONS": {
                "socket_timeout": envfloat("CACHE_TIMEOUT", 0.5, minimum=0.01),
                "socket_connect_timeout": envfloat("CACHE_TIMEOUT", 0.5, minimum=0.01),
                "retry_after": envfloat("CACHE_RETRY_SECONDS", 1.0, minimum=0.1),
                "local_max_bytes": envint("CACHE_LOCAL_MEMORY_MB", 32) * 1024 * 1024,
            },
        }
    }
else:
    # A file cache is shared by every server process, so a publish seen by
    # one worker invalidates what the others show.
    CACHES = {
        "default": {
            "BACKEND": "broadsheet.caching.filecache.FileCache",
            "LOCATION": str(DATA_DIR / "cache"),
            # Bounded: past this many files a third are dropped. A cull
            # lists the folder, so it stays in the thousands.
            "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 3000, minimum=100)},
        }
    }

# "training": the weekly section-model training (minutes at 100,000 stories)
# runs in a worker of its own, so it never holds up scheduled publishing.
TASK_QUEUES = ["default", "training"]
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": TASK_QUEUES,
    }
}
# `broadsheet worker`'s periodic jobs: (dotted path of a function that takes
# no arguments, seconds between runs). Each turn runs on one worker only.
# Seconds between the worker's looks for due stories ("within a minute").
WORKER_PUBLISH_SECONDS = envint("WORKER_PUBLISH_SECONDS", 10, minimum=1)
# A worker silent this long is taken for dead: its running task is queued
# again for another worker.
WORKER_LEASE_SECONDS = envint("WORKER_LEASE_SECONDS", 60, minimum=2)
DAY = 24 * 3600
WORKER_JOBS = [
    ("broadsheet.comments.moderation.prune_ip_hashes", DAY),
    ("broadsheet.enrich.jobs.queue_section_training", DAY),
    # Starts the fetches of due sources, writes those that arrived.
    ("broadsheet.wire.polling.poll_due_sources", 10),
    # Wire items a lost task left off the desk (assignment runs as a task).
    ("broadsheet.desk.tasks.queue_waiting", 60),
    # Live blogs start and end at the coverage times their editors set.
    ("broadsheet.live.jobs.follow_coverage_times", 60),
]

# A CDN or Varnish in front (broadsheet/cdn, docs/deploy.md "CDN in front"):
# which one to purge when content changes; none by default, and then no
# response is marked for a cache in front.
CDN_PURGE_BACKENDS = {
    "varnish": "broadsheet.cdn.backends.varnish.VarnishBackend",
    "fastly": "broadsheet.cdn.backends.fastly.FastlyBackend",
    "cloudflare": "broadsheet.cdn.backends.cloudflare.CloudflareBackend",
}
CDN_PURGE_BACKEND = os.environ.get("CDN_PURGE_BACKEND", "").strip().lower()
if CDN_PURGE_BACKEND and CDN_PURGE_BACKEND not in CDN_PURGE_BACKENDS:
    raise ImproperlyConfigured(
        f"CDN_PURGE_BACKEND must be one of {', '.join(CDN_PURGE_BACKENDS)} "
        f"or empty, not {CDN_PURGE_BACKEND!r}"
    )
# Varnish: every Varnish's address; Fastly, Cloudflare: their API's, if not
# the public one.
CDN_PURGE_URLS = envlist("CDN_PURGE_URLS", [])
if CDN_PURGE_BACKEND == "varnish" and not CDN_PURGE_URLS:
    raise ImproperlyConfigured("CDN_PURGE_BACKEND=varnish needs CDN_PURGE_URLS")
CDN_SERVICE_ID = os.environ.get("CDN_SERVICE_ID", "")
CDN_API_TOKEN = os.environ.get("CDN_API_TOKEN", "")
if CDN_PURGE_BACKEND in ("fastly", "cloudflare") and not (
    CDN_SERVICE_ID and CDN_API_TOKEN
):
    raise ImproperlyConfigured(
        f"CDN_PURGE_BACKEND={CDN_PURGE_BACKEND} needs CDN_SERVICE_ID and CDN_API_TOKEN"
    )
CDN_SOFT_PURGE = envbool("CDN_SOFT_PURGE", False)
CDN_PURGE_TIMEOUT = envfloat("CDN_PURGE_TIMEOUT", 2.0, minimum=0.1)
CDN_TAG_HEADERS = envlist("CDN_TAG_HEADERS", [])
CDN_MAX_AGE = envint("CDN_MAX_AGE", 600, minimum=1)
CDN_STALE_SECONDS = envint("CDN_STALE_SECONDS", 30)

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
# Nothing may frame our pages; Wagtail's page previews, framed by the admin,
# allow the same origin themselves (xframe_options_sameorigin_override).
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if SITE_URL.startswith("https://"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The proxy that ends TLS must say so (nginx: proxy_set_header
    # X-Forwarded-Proto $scheme), or the redirect below would loop.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe health over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz)/?$"]
    # Browsers remember to use HTTPS only; a year, as preload lists ask.
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # Preloading is hard to undo: only when the operator asks (check --deploy
    # warns W021 until then, on purpose).
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)

# Password guessing (broadsheet/accounts/): failures allowed per window of
# LOCKOUT_SECONDS, per account and per address, at admin sign-in and at
# password-protected pages; then attempts wait for the window to end.
LOGIN_ATTEMPTS_PER_ACCOUNT = envint("LOGIN_ATTEMPTS_PER_ACCOUNT", 10, minimum=1)
LOGIN_ATTEMPTS_PER_ADDRESS = envint("LOGIN_ATTEMPTS_PER_ADDRESS", 50, minimum=1)
PAGE_PASSWORD_ATTEMPTS_PER_PAGE = envint(
    "PAGE_PASSWORD_ATTEMPTS_PER_PAGE", 100, minimum=1
)
PAGE_PASSWORD_ATTEMPTS_PER_ADDRESS = envint(
    "PAGE_PASSWORD_ATTEMPTS_PER_ADDRESS", 10, minimum=1
)
LOCKOUT_SECONDS = envint("LOCKOUT_SECONDS", 15 * 60, minimum=1)
WAGTAILADMIN_USER_LOGIN_FORM = "broadsheet.accounts.logins.ThrottledLoginForm"

WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_IMAGE_MODEL = "images.NewsImage"
# Decompression bombs: an upload's pixels (counting every frame) and frames are
# capped (broadsheet/images/forms.py), and a larger stored picture is resized
# only by the background task, never inside a request. 40 megapixels still
# takes a 50-megapixel camera's frame once cropped, or any agency picture.
IMAGE_MAX_PIXELS = envint("IMAGE_MAX_PIXELS", 40_000_000, minimum=1)
IMAGE_MAX_FRAMES = envint("IMAGE_MAX_FRAMES", 100, minimum=1)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS
WAGTAILIMAGES_IMAGE_FORM_BASE = "broadsheet.images.forms.NewsImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True

# Error reports: with ADMINS set ("Name <address>, address"), every server
# error is mailed to them (Django's mail_admins handler) and the 500 page says
# the newsroom was told; without it, it says nothing of the kind.
ADMINS = [
    (name, address)
    for name, address in getaddresses(envlist("ADMINS", []))
    if "@" in address
]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "broadsheet@localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", SERVER_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "broadsheet": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "broadsheet.requests": {
            "handlers": ["console"],
            "level": "INFO" if envbool("REQUEST_LOG", True) else "WARNING",
            "propagate": False,
        },
    },
}

# --- FAQ generation: back ends (broadsheet/enrich/backends/) ----------------------
# Every story gets 4-6 questions answered by quotes from its own sentences. The
# default generator runs offline; "openai" asks any OpenAI-compatible server
# (llama.cpp, vLLM, Ollama, a hosted service) and falls back to the default
# whenever the server fails or its answers do not pass the grounding check.


# Which of a story's FAQ pairs readers see: enrichment decides for the pairs
# it generated (the article page asks through this path, not an import).
READER_FAQS = "broadsheet.enrich.reader_faqs.live_faqs"
# The Wire copy panel in a story's editor: the desk renders it.
EDITOR_WIRE_COPY = "broadsheet.desk.editor.wire_copy"

# Settings models (SiteSetting.current) in readers' renders come from the
# cache, which stands above core: core asks through this path.
READER_SITE_SETTINGS = "broadsheet.caching.site_settings.for_reader"

# A story's public history (<story>/history/) is drawn by the history app;
# the article page asks through this path, not an import.
STORY_HISTORY_VIEW = "broadsheet.history.views.story_history"

# Head tags of page types that apps above feeds add ({% page_head %} asks
# through these paths): a live blog is a LiveBlogPosting, not a NewsArticle.
PAGE_HEADS = {"live.LiveBlogPage": "broadsheet.live.head.for_live_blog"}

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

# --- The wire: sources polled by the worker and agencies that push ---------------
# (broadsheet/wire/sources/). Fetches never reach loopback, private, link-local
# (cloud metadata) or other non-public addresses, except the networks named here.


def networks(name: str, networks: list[str]) -> list[str]:
    """The value of `name`, each an IP address or CIDR network."""
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {network!r} is not an IP address or CIDR network"
            ) from None
    return networks


WIRE_ALLOWED_NETWORKS = networks(
    "WIRE_ALLOWED_NETWORKS", envlist("WIRE_ALLOWED_NETWORKS", [])
)
WIRE_FETCH_TIMEOUT = envint("WIRE_FETCH_TIMEOUT", 30, minimum=1)
WIRE_MAX_BYTES = envint("WIRE_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
WIRE_POLL_WORKERS = envint("WIRE_POLL_WORKERS", 8, minimum=1)
WIRE_HOST_GAP = envint("WIRE_HOST_GAP", 2)


# The wire desk: a story stays open to new copy this many days after its
# latest (by publication time); older copy leaves the clusterer's window.
DESK_WINDOW_DAYS = envint("DESK_WINDOW_DAYS", 7, minimum=1)
