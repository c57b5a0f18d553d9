"""Settings shared by every environment; everything that differs comes from the environment."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "cppcc",
    "members",
    "proposals",
    "consultations",
    "reports",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
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
    "csp",
    "simple_history",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cppcc.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cppcc.audit_hooks.AuditMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "members.login_security.SessionPolicyMiddleware",
    "members.login_security.PasswordExpiryMiddleware",
    "members.login_security.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy on every response (django-csp; Django 5.2 has none of its own). Scripts only
# from this site or carrying the request's nonce (`<script nonce="{{ request.csp_nonce }}">`), no
# inline event handlers. Styles allow inline: Wagtail's admin and the project's templates use style
# attributes, which nonces cannot cover; CSS cannot run code, so this is the smaller risk.
# tests/e2e/test_csp.py visits the portal, the public pages and the admin in Chromium and fails on any
# violation.
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

ROOT_URLCONF = "cppcc.urls"
WSGI_APPLICATION = "cppcc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cppcc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "cppcc.context_processors.inbox",
            ],
        },
    },
]


def _database_url():
    # docs/stack-notes.md: DATABASE_URL set but empty breaks env.db(); treat empty as unset.
    url = env.str("DATABASE_URL", default="").strip()
    return url or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"


DATABASES = {"default": env.db_url_config(_database_url())}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Serialise writers cleanly instead of "database is locked" (docs/stack-notes.md).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT spent seconds compiling the statistics' aggregate queries (README, Production).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=10)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # 等保 complexity: three of upper case, lower case, digits and symbols. Also records when a
    # password changes (Django calls every validator's password_changed), for the expiry rule.
    {"NAME": "members.login_security.CharacterClassValidator"},
]

# Login protection (等保 level 3): django-axes counts failed logins per account and per address on
# every form that calls authenticate() (the site's and Wagtail's login). The 5th failure locks; from
# the 6th attempt on, even the right password is refused until an administrator unlocks (or the
# optional cool-off passes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=6)  # five typos pass; the 6th failure locks
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0) or None  # None: until unlocked
AXES_RESET_ON_SUCCESS = True  # a successful login clears earlier typos of that account
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "members.login_security.client_ip"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Behind a reverse proxy the address is the proxy's: count the hops that append X-Forwarded-For.
CPPCC_PROXY_COUNT = env.int("CPPCC_PROXY_COUNT", default=0)
# Wagtail's "forgot password" form sends mail and calls no authenticate(): django-ratelimit limits it
# per address and per e-mail address (a shared cache such as Redis in production).
CPPCC_PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="5/h")
RATELIMIT_VIEW = "members.login_security.reset_throttled"
# The account activation page (a slip's one-time link): PASSWORD_RESET_RATE per link, and this per address.
CPPCC_ACTIVATION_RATE_PER_ADDRESS = "60/h"

# Staff sessions (those who work in the admin): end with the browser, and after this many idle minutes.
CPPCC_STAFF_IDLE_MINUTES = env.int("STAFF_IDLE_MINUTES", default=30)
# One active session per account: a new login ends the older ones.
CPPCC_SINGLE_SESSION = env.bool("SINGLE_SESSION", default=False)
# A second factor (TOTP) before the admin for administrators (system, security); other staff may enrol.
CPPCC_OTP_REQUIRED_FOR_ADMINS = env.bool("OTP_REQUIRED_FOR_ADMINS", default=True)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="CPPCC")

# A form refused by the CSRF check gets the Chinese "form expired" page, not Django's English one.
CSRF_FAILURE_VIEW = "cppcc.errors.csrf_failure"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "/"

# Chinese first; English works too.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# A list filter's empty choice says what it means ("全部"), never "---------"; filters with a more
# telling text set their own (全部会次).
FILTERS_EMPTY_CHOICE_LABEL = _("All")

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "cppcc" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")

# Private files: letters, scans, imports and generated reports. Never under MEDIA_URL; served only
# through the permission-checked view in cppcc.files. A folder every web server mounts (NFS, etc.).
PRIVATE_STORAGE_ROOT = env.path("PRIVATE_STORAGE_ROOT", default=BASE_DIR / "var" / "private")
# Or, for several web servers without a shared folder: S3-compatible object storage (MinIO, a cloud's
# object storage) through django-storages, with PRIVATE_STORAGE_BACKEND=s3 and the bucket below.
PRIVATE_STORAGE_BACKEND = env.str("PRIVATE_STORAGE_BACKEND", default="filesystem")
PRIVATE_S3 = {
    "bucket_name": env.str("PRIVATE_S3_BUCKET", default=""),
    "endpoint_url": env.str("PRIVATE_S3_ENDPOINT_URL", default="").strip() or None,
    "access_key": env.str("PRIVATE_S3_ACCESS_KEY_ID", default="").strip() or None,
    "secret_key": env.str("PRIVATE_S3_SECRET_ACCESS_KEY", default="").strip() or None,
    "region_name": env.str("PRIVATE_S3_REGION", default="").strip() or None,
    "location": env.str("PRIVATE_S3_PREFIX", default=""),  # a folder inside the bucket
    "addressing_style": env.str("PRIVATE_S3_ADDRESSING_STYLE", default="path"),  # MinIO wants path
}
# Accepted upload types, checked by content (magic bytes), not by the name the browser sent.
PRIVATE_UPLOAD_TYPES = env.list(
    "PRIVATE_UPLOAD_TYPES", default=["pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "jpg", "png"]
)
PRIVATE_UPLOAD_MAX_BYTES = env.int("PRIVATE_UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)

# Celery: eager (in process) unless a broker is configured.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="").strip() or None
# Empty counts as unset (django-environ would read "" as false).
CELERY_TASK_ALWAYS_EAGER = (
    env.bool("CELERY_TASK_ALWAYS_EAGER") if env.str("CELERY_TASK_ALWAYS_EAGER", default="").strip()
    else CELERY_BROKER_URL is None
)
CELERY_TASK_EAGER_PROPAGATES = True
if CELERY_TASK_ALWAYS_EAGER and CELERY_BROKER_URL is None:
    # Celery 5.7 takes a producer even for an eager task: without a broker it built an amqp://localhost
    # connection object and warned "No hostname was supplied" on every `make run`.
    CELERY_BROKER_URL = "memory://localhost/"
# No result backend by default (tasks report through job rows); the integration tests set one to
# prove a real worker answers.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="").strip() or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Beat runs housekeeping; time-based states (overdue, 未表态) are derived in queries, not set by beat.
CELERY_BEAT_SCHEDULE = {
    # Jobs never vanish: re-send those the broker refused or lost, fail those whose worker went silent.
    "requeue-jobs": {"task": "cppcc.tasks.requeue_jobs", "schedule": 60},
    "fail-stale-jobs": {"task": "cppcc.tasks.fail_stale_jobs", "schedule": 60},
    "purge-finished-jobs": {
        "task": "cppcc.tasks.purge_old_jobs",
        "schedule": 24 * 60 * 60,
    },
    "purge-audit-log": {
        "task": "cppcc.tasks.purge_audit_log",
        "schedule": 24 * 60 * 60,
    },
}

# Seed the working-day calendar's shipped years after every migrate (cppcc.calendar_setup).
CALENDAR_SEED_ON_MIGRATE = env.bool("CALENDAR_SEED_ON_MIGRATE", default=True)
# The audit log (cppcc.audit): kept this many days, never fewer than 183 (a start-up check refuses less).
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=365)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cppcc@localhost")
if env.str("EMAIL_URL", default="").strip():
    vars().update(env.email_url("EMAIL_URL"))
# Notices also go by SMS to those who chose it: a class with send_messages(messages) -> int, like
# Django's e-mail backends (see cppcc/sms.py for how to plug a provider). The default logs them.
SMS_BACKEND = env.str("SMS_BACKEND", default="").strip() or "cppcc.sms.ConsoleSMSBackend"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

WAGTAIL_SITE_NAME = env.str("WAGTAIL_SITE_NAME", default="政协提案与履职管理系统")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no internet
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_LOGIN_URL = "login"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_USAGE_COUNT_ENABLED = False
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

VERSION_LABEL = _("CPPCC proposals and duties")

# Background jobs (cppcc.services.job_run). A job that runs past JOB_TIMEOUT_SECONDS is stopped (Celery's
# soft time limit on a prefork worker) or, failing that, marked failed by the stale check; one silent for
# JOB_STALE_SECONDS (a killed worker) too. Heartbeats come from progress and every JOB_HEARTBEAT_SECONDS.
JOB_TIMEOUT_SECONDS = env.int("JOB_TIMEOUT_SECONDS", default=30 * 60)
JOB_HEARTBEAT_SECONDS = env.int("JOB_HEARTBEAT_SECONDS", default=30)
JOB_STALE_SECONDS = env.int("JOB_STALE_SECONDS", default=5 * 60)
JOB_RESEND_AFTER_SECONDS = env.int("JOB_RESEND_AFTER_SECONDS", default=30 * 60)
CELERY_BROKER_CONNECTION_TIMEOUT = 3  # a request whose job cannot be queued waits seconds, not minutes

# Imports (.xlsx). Limits checked before a row is parsed; the archive is inspected before openpyxl opens it.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=50_000)
XLSX_MAX_UNCOMPRESSED_BYTES = env.int("XLSX_MAX_UNCOMPRESSED_BYTES", default=100 * 1024 * 1024)
XLSX_MAX_RATIO = env.int("XLSX_MAX_RATIO", default=100)
XLSX_MAX_ENTRIES = env.int("XLSX_MAX_ENTRIES", default=1000)
# With no worker (eager tasks, `make run`) a job runs inside the web request: larger imports refuse.
EAGER_JOB_MAX_ROWS = env.int("EAGER_JOB_MAX_ROWS", default=500)
