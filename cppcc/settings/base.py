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
    "simple_history",
    "django_filters",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

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
    # STACK.md: DATABASE_URL set but empty breaks env.db(); treat empty as unset.
    url = env.str("DATABASE_URL", default="").strip()
    return url or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"


DATABASES = {"default": env.db_url_config(_database_url())}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Serialise writers cleanly instead of "database is locked" (STACK.md).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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
# Beat only sends reminders; time-based states are derived in queries (DESIGN.md).
CELERY_BEAT_SCHEDULE = {
    "purge-finished-jobs": {
        "task": "cppcc.tasks.purge_old_jobs",
        "schedule": 24 * 60 * 60,
    },
}

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
