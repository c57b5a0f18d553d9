"""`make run`: the embedded default (SQLite, tasks in process, mail to the console)."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# `make run`: the demo's administrator logs in with its printed password alone. Production requires
# the second factor (OTP_REQUIRED_FOR_ADMINS, on unless set to false).
CPPCC_OTP_REQUIRED_FOR_ADMINS = env.bool("OTP_REQUIRED_FOR_ADMINS", default=False)
