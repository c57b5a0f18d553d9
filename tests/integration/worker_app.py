"""The Celery app the integration tests' worker runs: cppcc's own, plus one test-only hook.

Every transactional test ends with a flush, and the next one recreates the content types under new
ids; a long-lived worker would keep the old ids in ContentType's cache and, e.g., store a summary's
private file with an owner type that no longer exists. The worker forgets them before each task.
"""

from celery.signals import task_prerun

from cppcc.celery import app

__all__ = ["app"]


@task_prerun.connect
def forget_content_types(**kwargs):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
