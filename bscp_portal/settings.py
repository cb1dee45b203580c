"""Settings for the partnership portal: one module, configured by environment variables.

Development defaults are safe (SQLite under var/, eager Celery, console e-mail). With DEBUG
off, SECRET_KEY and ALLOWED_HOSTS must be given; a malformed value stops start-up.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from bscp_portal.lib.env import envbool, envint, envlist, envstr
from bscp_portal.schedule import STRAND_APPS, beat_schedule

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", "True")

SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789abcdef"  # noqa: S105 (DEBUG only; production must set one)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    *STRAND_APPS,
]

MIDDLEWARE = [
    "bscp_portal.observability.RequestMiddleware",  # request id, one log line, metrics
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "partnership.middleware.SessionLifetimeMiddleware",
    "partnership.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bscp_portal.urls"
WSGI_APPLICATION = "bscp_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "partnership.context_processors.portal",
            ],
        },
    },
]

DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", "60"))}
except Exception as exc:  # dj-database-url raises several types for a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    # The test database in a file instead of in memory, so that pytest's --reuse-db can keep it:
    # .ci/run builds it by every migration once and gives each test process a copy.
    if SQLITE_TEST_DATABASE := envstr("SQLITE_TEST_DATABASE", ""):
        DATABASES["default"]["TEST"] = {"NAME": SQLITE_TEST_DATABASE}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partnership.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: after AXES_FAILURE_LIMIT failures for one username from one address,
# that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Failures are counted in the database, which every gunicorn worker and every node shares, so
# three workers do not give an attacker three times the tries (axes' cache handler would count
# in the cache instead; the database handler also keeps the attempts the security log shows).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Two-factor sign-in (TOTP) for the business unit, CDOP members and admin users.
# Off by default in development so the demo logins work without an authenticator app.
OTP_REQUIRED = envbool("OTP_REQUIRED", "False" if DEBUG else "True")
OTP_TOTP_ISSUER = "Partnership portal"

# Sessions: inactivity timeout (renewed on every request) and an absolute lifetime.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", "30") * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = envint("SESSION_ABSOLUTE_HOURS", "12") * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# plotly.js is vendored under static/vendor/plotly (a partial bundle of the version the Python
# package ships; see the README there), never from a CDN.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # uploads are served only through access-checked views
# Uploads and generated PDFs go through Django's storage API: files under MEDIA_ROOT by default
# (`make run`, one node), or a private S3-compatible bucket when STORAGE_BUCKET is set (several
# nodes). Either way files are served only through the portal's permission-checked views.
STORAGE_BUCKET = envstr("STORAGE_BUCKET")
if STORAGE_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "endpoint_url": envstr("AWS_S3_ENDPOINT_URL") or None,  # MinIO, moto, another provider
            "region_name": envstr("AWS_S3_REGION_NAME") or None,
            "access_key": envstr("AWS_ACCESS_KEY_ID") or None,  # None: boto3's usual chain (roles)
            "secret_key": envstr("AWS_SECRET_ACCESS_KEY") or None,
            "location": envstr("STORAGE_PREFIX"),  # a folder per partnership in a shared bucket
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,
            "querystring_expire": 50,  # a presigned link lives under a minute
            "file_overwrite": False,
            "addressing_style": envstr("AWS_S3_ADDRESSING_STYLE") or None,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# How a bucket's file reaches the person, after the view's permission check
# (bscp_portal/lib/storage.serve): "stream" through the web node (the default), or "redirect" to
# a link into the bucket signed for that one file and expiring within a minute. Local files are
# always streamed.
STORAGE_SERVE = envstr("STORAGE_SERVE", "stream")
if STORAGE_SERVE not in ("stream", "redirect"):
    raise ImproperlyConfigured('STORAGE_SERVE must be "stream" or "redirect"')
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# One limit per kind of uploaded file (bscp_portal/lib/uploads.py), each from its own variable.
UPLOAD_LIMIT_BYTES = {
    "document": envint("UPLOAD_MAX_MB", "10") * 1024 * 1024,
    "spreadsheet": envint("UPLOAD_SPREADSHEET_MAX_MB", "10") * 1024 * 1024,
    "csv": envint("UPLOAD_CSV_MAX_MB", "2") * 1024 * 1024,
}
DATA_UPLOAD_MAX_MEMORY_SIZE = max(UPLOAD_LIMIT_BYTES.values())
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail (Django 6.1 mailers): console in development, SMTP when EMAIL_HOST is given, or
# any backend named by EMAIL_BACKEND (the file backend lets a Celery worker's mail be read).
EMAIL_HOST = envstr("EMAIL_HOST")
_email_backend = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST or not DEBUG
    else "django.core.mail.backends.console.EmailBackend",
)
_email_options: dict = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": EMAIL_HOST or "localhost",
        "port": envint("EMAIL_PORT", "587"),
        "username": envstr("EMAIL_HOST_USER"),
        "password": envstr("EMAIL_HOST_PASSWORD"),
        "use_tls": envbool("EMAIL_USE_TLS", "True"),
    }
elif _email_backend.endswith("filebased.EmailBackend"):
    _email_options = {"file_path": envstr("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))}
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
del EMAIL_HOST
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "portal@partnership.example")
PORTAL_BASE_URL = envstr("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# An invitation link (set a password for a new account) works once, for this many days.
INVITATION_DAYS = envint("INVITATION_DAYS", "7")

# Celery: Redis when REDIS_URL is set; otherwise tasks run eagerly in the web process.
REDIS_URL = envstr("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = beat_schedule()  # one static schedule; one beat process

# The cache holds counts that must be the same in every process (the public feedback form's
# rate limit): Redis when REDIS_URL is set, so every gunicorn worker and node shares them;
# local memory otherwise (`make run`, tests), where there is one process.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}

# Framework rules that a partnership may tune.
RAG_GREEN_PCT = envint("RAG_GREEN_PCT", "95")
RAG_AMBER_PCT = envint("RAG_AMBER_PCT", "90")
SUPPRESSION_MAX = envint("SUPPRESSION_MAX", "5")
# The partnership's name on letters and reports, and its local authority for DfE benchmarks.
PARTNERSHIP_NAME = envstr("PARTNERSHIP_NAME", "Barnsley Safeguarding Children Partnership")
SCORECARD_LOCAL_AUTHORITY = envstr("SCORECARD_LOCAL_AUTHORITY", "Barnsley")
SCORECARD_REGION = envstr("SCORECARD_REGION", "Yorkshire and The Humber")

# An export of more rows than this is built in the background, with a page and a download link.
EXPORT_BACKGROUND_ROWS = envint("EXPORT_BACKGROUND_ROWS", "50000")

# Strand settings (defaults are the partnership's own local standards).
CDOP_REVIEW_TARGET_DAYS = envint("CDOP_REVIEW_TARGET_DAYS", "182")  # notification to panel review
CONFERENCE_LINK_DAYS = envint("CONFERENCE_LINK_DAYS", "28")  # life of a questionnaire link
CORE_GROUP_INTERVAL_WEEKS = envint("CORE_GROUP_INTERVAL_WEEKS", "6")  # between core groups after the first
GOVERNANCE_ATTENDANCE_THRESHOLD_PCT = envint("ATTENDANCE_THRESHOLD_PCT", "75")  # flagged to the chair below this
GOVERNANCE_SURVEY_MIN_RESPONSES = envint("SURVEY_MIN_RESPONSES", "5")  # members' rating shown from this many
GOVERNANCE_FEEDBACK_RATE_LIMIT = envint("FEEDBACK_RATE_LIMIT", "5")  # public form posts per address per window
GOVERNANCE_FEEDBACK_RATE_WINDOW = envint("FEEDBACK_RATE_WINDOW_SECONDS", "3600")
# Retention, in days (0 keeps for ever): `manage.py apply_retention` (run daily by beat)
# deletes or anonymises each strand's personal data older than this; docs/security.md.
RETENTION_DAYS = {
    "partnership": envint("RETENTION_SECURITY_LOG_DAYS", "730"),  # security log, login attempts
    "cdop": envint("RETENTION_CDOP_DAYS", "2557"),  # a case's details, from its panel review
    "conferences": envint("RETENTION_CONFERENCES_DAYS", "2557"),  # child's case reference, from the conference
    "exports": envint("RETENTION_EXPORT_FILES_DAYS", "7"),  # files of exports built in the background
}
DEMO_PASSWORD = envstr("DEMO_PASSWORD", "demo-password")
# Demo users and data exist only in development: production settings (DEBUG off) refuse them.
DEMO_DATA_ALLOWED = DEBUG

# Security headers. HTTPS settings follow DEBUG so that development on plain HTTP works.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    # plotly.js sets inline styles on the elements it draws.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Prometheus metrics (/metrics/): only with this bearer token or from these networks (CIDR).
METRICS_TOKEN = envstr("METRICS_TOKEN")
METRICS_ALLOWED_NETWORKS = envlist("METRICS_ALLOWED_NETWORKS")

# Logs: one JSON object per line in production (LOG_FORMAT=json), readable text in development;
# every line carries the request id of the request or task it belongs to.
LOG_FORMAT = envstr("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "bscp_portal.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per request: on in production; in development runserver already prints one.
        "portal.request": {"level": envstr("REQUEST_LOG_LEVEL", "WARNING" if DEBUG else "INFO")},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
