"""Tests: fast hashing, a dummy cache (docs/stack-notes.md: Wagtail's site cache outlives rollbacks)."""

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# The admin's brand is read on every page here, so the first page of a test costs what the others do
# (tests/cppcc/test_admin_brand.py turns the process cache back on where it checks it).
CPPCC_ADMIN_BRAND_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PRIVATE_STORAGE_ROOT = env.path("PRIVATE_STORAGE_ROOT", default=BASE_DIR / "var" / "test-private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the finders (runserver / live_server); no collected folder in tests.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Hand-counted tests choose their calendar days; tests/cppcc/test_calendar_setup.py seeds explicitly.
CALENDAR_SEED_ON_MIGRATE = False
# Tests that test the second factor turn it on; the others log staff in without one.
CPPCC_OTP_REQUIRED_FOR_ADMINS = False
# The reset-form throttle needs a cache that counts (the default one here forgets everything).
CACHES["ratelimit"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
RATELIMIT_USE_CACHE = "ratelimit"
AXES_VERBOSE = False  # quiet test output; the lockout tests read the database
