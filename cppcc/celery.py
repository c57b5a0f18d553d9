"""The Celery app. Eager (in process) by default; a Redis broker and a real worker in production."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cppcc.settings.dev")

app = Celery("cppcc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
