"""Settings for Ruang Runding, read from environment variables (see the README's configuration table).

Production is the default: without DEBUG=1 the process refuses to start unless SECRET_KEY and ALLOWED_HOSTS
are set, and every security setting below is on.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from ruangrunding.env import (
    cache_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_required,
    env_str,
    env_time,
    env_weekdays,
)
from ruangrunding.inlined import script_hashes, style_hashes

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    # A fixed key is only acceptable on a developer's laptop.
    SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production-ruang-runding"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env_required("SECRET_KEY", "production needs a long random secret (DEBUG is off)")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set (comma-separated host names) when DEBUG is off")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.syndication",
    "django.forms",
    "django_filters",
    "ruangrunding.tasks_app.TasksDatabaseConfig",  # django_tasks_db, with an Indonesian name in the admin
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "ruangrunding",
    "wilayah",
    "kalender",
    "accounts",
    "perencanaan",  # RPJMD priorities and the agencies' Renstra programmes (Musrenbang links to them)
    "rpjpd",
    "konsultasi",
    "pustaka",
    "musrenbang",
    "pengaduan",
    "pengumuman",
    "agenda",
    "api",  # the JSON API for the agencies' planning systems (django-ninja; docs/api.md)
    "insight",
    "beranda",  # the home page, showing what is open in every module
    "demo",  # the top: `manage.py seed_demo`, the only code that knows every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed by the app itself, whatever sits in front (ruangrunding.middleware).
    "ruangrunding.middleware.TextGZipMiddleware",
    "ruangrunding.middleware.SaveDataMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, taking the person's row read with the session when Django's checks hold (accounts.sessions).
    "accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "ruangrunding.urls"
WSGI_APPLICATION = "ruangrunding.wsgi.application"
ASGI_APPLICATION = "ruangrunding.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Django's cached loader, which also renders each constant {% translate %} and {% url %} once per
            # language and URL configuration (ruangrunding.template_folding).
            "loaders": [
                (
                    "ruangrunding.template_folding.Loader",
                    ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "ruangrunding.context_processors.save_data",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wilayah.context_processors.region_profile",
                "konsultasi.context_processors.expert_inbox",
            ],
        },
    }
]
FORM_RENDERER = "ruangrunding.forms.SiteFormRenderer"

# Database: PostgreSQL in production and CI; a SQLite file under var/ for trying the portal on a laptop.
if not env_str("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)
# DATABASE_POOLER=transaction: DATABASE_URL points at a pooler in transaction mode (PgBouncer, docs/scale.md),
# where consecutive transactions of one connection may run on different server connections. Then nothing may
# outlive a transaction: no server-side cursors (a named cursor lives in the session) and no persistent
# connections (a connection to the pooler is cheap; the pooler keeps the server ones), and no prepared
# statements (Django prepares none; ruangrunding.postgresql prepares a few hot ones, but not behind a pooler).
DATABASE_POOLER = env_choice("DATABASE_POOLER", "none", {"none", "transaction"})
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'ruangrunding.sqlite3'}",
        conn_max_age=0 if DATABASE_POOLER == "transaction" else env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
        disable_server_side_cursors=DATABASE_POOLER == "transaction",
    )
}
# DATABASE_REPLICA_URL: a PostgreSQL streaming replica of the primary (docs/scale.md "Read replica"). The plain
# reads of web requests go there (ruangrunding.db_routing); writes, transactions, the task worker and commands
# stay on the primary, and so does a browser that wrote in the last DATABASE_READ_YOUR_WRITES_SECONDS. A replica
# that does not answer, or is more than DATABASE_REPLICA_MAX_LAG_SECONDS behind, is not read from.
DATABASE_REPLICA_MAX_LAG_SECONDS = env_int("DATABASE_REPLICA_MAX_LAG_SECONDS", 5, minimum=0)
DATABASE_READ_YOUR_WRITES_SECONDS = env_int("DATABASE_READ_YOUR_WRITES_SECONDS", 10, minimum=1)
DATABASE_ROUTERS: list[str] = []
if _replica_url := env_str("DATABASE_REPLICA_URL"):
    if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs PostgreSQL in DATABASE_URL too")
    _replica = dj_database_url.parse(
        _replica_url,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
        disable_server_side_cursors=DATABASE_POOLER == "transaction",
    )
    if not _replica["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must be a postgres:// URL")
    # A replica that stops answering costs one request at most this long every few seconds (then the primary).
    _replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    # Django's test runner creates no test database on the (read-only) replica: the alias mirrors the default.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["ruangrunding.db_routing.ReplicaRouter"]
# Django's PostgreSQL backend, its health check of kept connections done without a round trip when the
# connection's socket shows the server has said nothing (ruangrunding.postgresql).
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database["ENGINE"] = "ruangrunding.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if DATABASE_ROUTERS:
    # Before the session middleware: loading the session is a read like any other (ruangrunding.db_routing).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "ruangrunding.db_routing.ReadRoutingMiddleware",
    )

# Cache: in the database by default, so allauth's rate limits hold across all gunicorn workers and servers.
CACHES = {
    "default": cache_from_url(env_str("CACHE_URL") or "db://django_cache"),
    # Pages as anonymous visitors see them, kept a few seconds in each process (ruangrunding.caching).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
# Sessions in the database, read with the signed-in person's row in one query (accounts.sessions); the cache
# engines for Redis (docs/scale.md).
SESSION_ENGINE = env_choice(
    "SESSION_ENGINE",
    "accounts.sessions",
    {
        "accounts.sessions",
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
    },
)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Internationalisation: Indonesian everywhere, Kutai Kartanegara's time zone (WITA).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE") or "Asia/Makassar"
USE_I18N = True
USE_TZ = True

# Static files are compressed and fingerprinted by whitenoise; media are uploads (local disk or S3-compatible).
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL") or "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Private uploads (consultation attachments, library files, complaint attachments, recap imports): never
    # under MEDIA_ROOT, never given a public URL; served by views that check who is asking (ruangrunding.storage).
    "private": {"BACKEND": "ruangrunding.storage.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT") or VAR_DIR / "private")
PUSTAKA_FILE_MAX_BYTES = env_int("PUSTAKA_FILE_MAX_MB", 50, minimum=1) * 1024 * 1024
# Seconds a worker may keep a search's ranked ids under the library's version (pustaka.search; 0: never).
PUSTAKA_SEARCH_CACHE_SECONDS = env_int("PUSTAKA_SEARCH_CACHE_SECONDS", 600, minimum=0)
# A library search found in more documents than this is shown newest first instead of ranked (docs/scale.md).
PUSTAKA_RANK_LIMIT = env_int("PUSTAKA_RANK_LIMIT", 5000, minimum=1)
KONSULTASI_ATTACHMENT_MAX_BYTES = env_int("KONSULTASI_ATTACHMENT_MAX_MB", 5, minimum=1) * 1024 * 1024
# Complaints filed without an account, per client address and hour (pengaduan; docs/pengaduan.md).
PENGADUAN_GUEST_PER_HOUR = env_int("PENGADUAN_GUEST_PER_HOUR", 5, minimum=1)
# Working days after the final response in which the reporter may contest; then it closes itself.
PENGADUAN_CONTEST_DAYS = env_int("PENGADUAN_CONTEST_DAYS", 5, minimum=1)
# A reminder to the people who must answer when a deadline is this many hours away (pengaduan_jadwal).
PENGADUAN_REMINDER_HOURS = env_int("PENGADUAN_REMINDER_HOURS", 4, minimum=1)
# Per citizen, in the last hour and the last 24 hours: new consultations, and messages in their consultations
# (the opening question included). Each message e-mails an expert, each attachment costs a re-encode.
KONSULTASI_NEW_PER_HOUR = env_int("KONSULTASI_NEW_PER_HOUR", 5, minimum=1)
KONSULTASI_NEW_PER_DAY = env_int("KONSULTASI_NEW_PER_DAY", 10, minimum=1)
KONSULTASI_MESSAGES_PER_HOUR = env_int("KONSULTASI_MESSAGES_PER_HOUR", 20, minimum=1)
KONSULTASI_MESSAGES_PER_DAY = env_int("KONSULTASI_MESSAGES_PER_DAY", 60, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Scale-out: uploads on S3-compatible object storage (MinIO or a cloud bucket; docs/scale.md). Two buckets,
# never one: public images (expert photos, covers, logos) in MEDIA_S3_BUCKET, readable by anyone through its
# bucket policy; private files in PRIVATE_S3_BUCKET, which answers only signed requests.
for _renamed in ("ENDPOINT_URL", "REGION", "ACCESS_KEY", "SECRET_KEY"):
    if env_str(f"MEDIA_S3_{_renamed}"):
        raise ImproperlyConfigured(f"MEDIA_S3_{_renamed} is now shared by both buckets: see S3_* in docs/deploy.md")
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET") or ""
PRIVATE_S3_BUCKET = env_str("PRIVATE_S3_BUCKET") or ""
if MEDIA_S3_BUCKET and MEDIA_S3_BUCKET == PRIVATE_S3_BUCKET:
    raise ImproperlyConfigured("MEDIA_S3_BUCKET is public: PRIVATE_S3_BUCKET must be another bucket")
S3_ADDRESSING_STYLE = env_str("S3_ADDRESSING_STYLE") or "auto"
if S3_ADDRESSING_STYLE not in {"auto", "path", "virtual"}:
    raise ImproperlyConfigured(f"S3_ADDRESSING_STYLE={S3_ADDRESSING_STYLE!r}: use auto, path or virtual")
# How private files reach the browser: "stream" through the app server (the default; works on disk and S3), or
# "signed": after the access check, a redirect to a signed URL of the private bucket that lives this long.
PRIVATE_FILES_SERVE = env_str("PRIVATE_FILES_SERVE") or "stream"
if PRIVATE_FILES_SERVE not in {"stream", "signed"}:
    raise ImproperlyConfigured(f"PRIVATE_FILES_SERVE={PRIVATE_FILES_SERVE!r}: use stream or signed")
if PRIVATE_FILES_SERVE == "signed" and not PRIVATE_S3_BUCKET:
    raise ImproperlyConfigured("PRIVATE_FILES_SERVE=signed needs PRIVATE_S3_BUCKET (files on disk have no URL)")
PRIVATE_FILES_URL_SECONDS = env_int("PRIVATE_FILES_URL_SECONDS", 60, minimum=1)


def s3_storage(bucket: str, *, private: bool) -> dict:
    """STORAGES entry for one bucket (django-storages' S3Storage, with a random suffix on every new name so two
    uploads never meet under one; ruangrunding.s3). ACLs are left to the bucket (new cloud buckets refuse them)."""
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        # Empty: boto3's own chain (AWS_* variables, an instance role).
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": None if S3_ADDRESSING_STYLE == "auto" else S3_ADDRESSING_STYLE,
        "signature_version": "s3v4",
        "default_acl": None,
        "file_overwrite": False,
        # A file read through the app (private files streamed, a PDF's text, a recap import) spools to a
        # temporary file past this size instead of sitting whole in memory.
        "max_memory_size": FILE_UPLOAD_MAX_MEMORY_SIZE,
        "querystring_auth": private,
    }
    if private:
        options["querystring_expire"] = PRIVATE_FILES_URL_SECONDS
        options["object_parameters"] = {"CacheControl": "private, no-store"}
    elif env_str("MEDIA_S3_CUSTOM_DOMAIN"):
        options["custom_domain"] = env_str("MEDIA_S3_CUSTOM_DOMAIN")  # a CDN in front of the public bucket
    return {"BACKEND": "ruangrunding.s3.UniqueNameS3Storage", "OPTIONS": options}


def s3_public_origins(options: dict) -> list[str]:
    """Where the public bucket's URLs point, for the CSP's img-src: its own domain, or the store's address with
    the bucket in the path or in the host name (which one depends on the store and S3_ADDRESSING_STYLE)."""
    if options.get("custom_domain"):
        return [f"https://{options['custom_domain']}"]
    endpoint = options["endpoint_url"] or f"https://s3.{options['region_name'] or 'us-east-1'}.amazonaws.com"
    parts, bucket = urlsplit(endpoint), options["bucket_name"]
    origins = [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    return origins if options["endpoint_url"] else [*origins, f"https://{bucket}.s3.amazonaws.com"]


if MEDIA_S3_BUCKET:
    STORAGES["default"] = s3_storage(MEDIA_S3_BUCKET, private=False)
if PRIVATE_S3_BUCKET:
    STORAGES["private"] = s3_storage(PRIVATE_S3_BUCKET, private=True)

# E-mail: every message is queued as a task and delivered by the worker (`manage.py db_worker`) through the
# "delivery" mailer, so a slow or failing mail server never slows or fails the page that sent it.
_email_tls = env_bool("EMAIL_USE_TLS", False)
_email_ssl = env_bool("EMAIL_USE_SSL", False)
if _email_tls and _email_ssl:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on")
EMAIL_DELIVERY_BACKEND = env_str("EMAIL_DELIVERY_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
MAILERS = {
    "default": {"BACKEND": "ruangrunding.mail.TaskQueueEmailBackend"},
    "delivery": {
        "BACKEND": EMAIL_DELIVERY_BACKEND,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST") or "localhost",
            "port": env_int("EMAIL_PORT", 25, minimum=1),
            "username": env_str("EMAIL_HOST_USER") or "",
            "password": env_str("EMAIL_HOST_PASSWORD") or "",
            "use_tls": _email_tls,
            "use_ssl": _email_ssl,
            "timeout": env_int("EMAIL_TIMEOUT", 20, minimum=1),
        }
        if EMAIL_DELIVERY_BACKEND.endswith("smtp.EmailBackend")
        else {},
    },
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "Ruang Runding <noreply@localhost>"
SERVER_EMAIL = env_str("SERVER_EMAIL") or DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# django-allauth: sign-up and sign-in ("Daftar", "Masuk").
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.LoginForm", "signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env_choice("ACCOUNT_EMAIL_VERIFICATION", "optional", {"none", "optional", "mandatory"})
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
# Citizens must be told on the form that an e-mail address or username is taken (the issue asks for it);
# usernames are public on a discussion portal anyway, so enumeration protection would buy little here.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_EMAIL_SUBJECT_PREFIX = env_str("ACCOUNT_EMAIL_SUBJECT_PREFIX") or "[Ruang Runding] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed sign-ins: at most 10 a minute from one address, and LOGIN_ATTEMPTS_LIMIT per account in
# LOGIN_ATTEMPTS_TIMEOUT seconds; counted in the shared cache, so every worker sees the same tally.
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"10/m/ip,{env_int('LOGIN_ATTEMPTS_LIMIT', 5, minimum=1)}"
    f"/{env_int('LOGIN_ATTEMPTS_TIMEOUT', 300, minimum=1)}s/key",
}
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER") or "Ruang Runding"
# When on, staff and experts must set up TOTP before they can use anything but the set-up pages.
REQUIRE_2FA_FOR_STAFF_AND_EXPERTS = env_bool("REQUIRE_2FA_FOR_STAFF_AND_EXPERTS", False)
# Sessions are recorded at sign-in (enough to list and end them); tracking "last seen" would cost two
# writes on every page a signed-in user opens.
USERSESSIONS_TRACK_ACTIVITY = False

# Security headers. Django's own CSP: no inline script or style anywhere, nonces where a script must be inline,
# except our own stylesheets and script, inlined so that the first paint waits for no other request
# (ruangrunding.inlined): each allowed by its SHA-256 hash, never 'unsafe-inline'.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE, *script_hashes()],
    "style-src": [CSP.SELF, *style_hashes()],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
if MEDIA_S3_BUCKET:  # images of the public bucket come from its address, not ours
    SECURE_CSP["img-src"] += s3_public_origins(STORAGES["default"]["OPTIONS"])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "ruangrunding.views.csrf_failure"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        # Only when the proxy in front sets X-Forwarded-Proto and strips it from clients.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The portal's public address, for links in e-mails sent by the worker (which has no request to ask).
SITE_URL = env_str("SITE_URL") or ("http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}")

# RPJPD consultation rules.
# A citizen's new Musrenbang usulan per 24 hours (operators recording a meeting's usulan are not counted).
MUSRENBANG_USULAN_PER_DAY = env_int("MUSRENBANG_USULAN_PER_DAY", 5, minimum=1)
# The Musrenbang list's funnel (and count) per set of filters, shared by every visitor for this long.
MUSRENBANG_FUNNEL_CACHE_SECONDS = env_int("MUSRENBANG_FUNNEL_CACHE_SECONDS", 60, minimum=0)
# A desa's recap upload (docs/musrenbang.md "Impor rekap"): its size, its rows, and from how many rows on the
# check and the import run in the task worker instead of the request.
MUSRENBANG_IMPORT_MAX_BYTES = env_int("MUSRENBANG_IMPORT_MAX_MB", 5, minimum=1) * 1024 * 1024
MUSRENBANG_IMPORT_MAX_ROWS = env_int("MUSRENBANG_IMPORT_MAX_ROWS", 2000, minimum=1)
MUSRENBANG_IMPORT_INLINE_ROWS = env_int("MUSRENBANG_IMPORT_INLINE_ROWS", 200, minimum=0)
# Requests one agency token may make to the JSON API in a minute (docs/api.md).
API_RATE_PER_MINUTE = env_int("API_RATE_PER_MINUTE", 120, minimum=1)
RPJPD_REPLIES_PER_MINUTE = env_int("RPJPD_REPLIES_PER_MINUTE", 5, minimum=1)
RPJPD_REPORTS_TO_HIDE = env_int("RPJPD_REPORTS_TO_HIDE", 3, minimum=1)
RPJPD_REPLIES_PER_PAGE = 20
RPJPD_INLINE_THREAD_REPLIES = 5  # shown under each top-level reply; the rest behind "Lihat N balasan"
# A signed-in citizen's topic page from its shared HTML kept per topic version, their own parts put in
# (rpjpd.kept_pages); 0 renders every such page in full.
RPJPD_KEPT_PAGES = env_bool("RPJPD_KEPT_PAGES", True)
# Seconds an anonymous visitor's copy of a public page may be reused (0 turns it off). Signed-in users always
# get a fresh page, so a citizen sees their own reply at once; visitors see it within this many seconds.
VISITOR_PAGE_CACHE_SECONDS = env_int("VISITOR_PAGE_CACHE_SECONDS", 10, minimum=0)
# The staff dashboard reads the figures `manage.py insight_segarkan` stored (cron, every 15 minutes) while they
# are at most this many seconds old; older, or never stored, it counts them live (docs/scale.md).
INSIGHT_FIGURES_MAX_AGE = env_int("INSIGHT_FIGURES_MAX_AGE", 1800, minimum=0)

ADMINS = [("Admin", address) for address in env_list("ADMIN_EMAILS")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The working-day calendar (kalender.workdays): office days and hours in the region's time zone; something
# arriving after closing counts from the next working day.
OFFICE_WEEKDAYS = env_weekdays("OFFICE_WEEKDAYS", "1-5")
OFFICE_OPENS = env_time("OFFICE_OPENS", "08:00")
OFFICE_CLOSES = env_time("OFFICE_CLOSES", "16:00")
if OFFICE_OPENS >= OFFICE_CLOSES:
    raise ImproperlyConfigured("OFFICE_OPENS must come before OFFICE_CLOSES")
