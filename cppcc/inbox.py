"""The in-site inbox every app uses: `notify` writes notices, `unread_count` feeds the badge.

Callers queue `notify` with transaction.on_commit(..., robust=True), so a notice exists only for a
step that was saved, and a failing notice never undoes the step. Once the messages are committed,
`cppcc.notify_channels` sends them by e-mail and SMS as each recipient chose (a Celery task).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cppcc import notify_channels
from cppcc.models import Message


@transaction.atomic
def notify(*, users, kind: str, title: str, body: str = "", url: str = "", source=None) -> list[Message]:
    """One message per distinct user (users without an account, i.e. None, are skipped)."""
    seen, recipients = set(), []
    for user in users:
        pk = getattr(user, "pk", user)
        if pk is None or pk in seen:
            continue
        seen.add(pk)
        recipients.append(pk)
    source_type = ContentType.objects.get_for_model(source) if source is not None else None
    source_id = str(source.pk) if source is not None else ""
    # Bulk is fine: messages are notices, not audited records.
    messages = Message.objects.bulk_create(
        Message(recipient_id=pk, kind=kind, title=str(title)[:300], body=str(body), url=url,
                source_type=source_type, source_id=source_id)
        for pk in recipients
    )
    notify_channels.queue_delivery([m.pk for m in messages])
    return messages


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, user, ids=None) -> int:
    """Mark the user's messages (all, or those in `ids`) read; returns how many changed."""
    messages = Message.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        messages = messages.filter(pk__in=list(ids))
    return messages.update(read_at=timezone.now())
