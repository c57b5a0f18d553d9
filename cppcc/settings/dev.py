"""`make run`: the embedded default (SQLite, tasks in process, mail to the console)."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
