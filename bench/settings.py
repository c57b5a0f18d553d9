"""Settings of the benchmark runs: the project's base settings with its own database and file folders.

bench.env sets DATABASE_URL, PRIVATE_STORAGE_ROOT and DJANGO_MEDIA_ROOT before this is imported, so
a benchmark never touches the development database (db.sqlite3), the test databases or var/private.
DEBUG is off (Django keeps no query log, as in production); the test Client renders the screens with
plain static storage (no collected manifest needed).
"""

from cppcc.settings.base import *  # noqa: F401,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # bench accounts have no usable password
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "cppcc.sms.LocmemSMSBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
