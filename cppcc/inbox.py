"""The in-site inbox every app uses: `notify` writes notices, `unread_count` feeds the badge.

Services call `queue`, the one way a notice leaves a workflow step: it writes nothing while the past
is replayed (cppcc.clock.replaying_history: no notice about 2007 created today), and it runs `notify`
after the commit (robust), so a notice exists only for a step that was saved and a failing notice
never undoes the step. Once the messages are committed, `cppcc.notify_channels` sends them by e-mail
and SMS as each recipient chose (a Celery task).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation

from cppcc import clock, notify_channels
from cppcc.models import Message


def queue(*, users, kind: str, title, body="", url: str = "", source=None, params=None) -> None:
    """Notify `users` (users or ids) once the step commits, unless history is being replayed.

    `title` and `body` may be lazy texts with %(name)s placeholders filled from `params`; they are
    composed in the site's language (the recipients' own choice is not known here).
    """
    user_ids = {getattr(u, "pk", u) for u in users} - {None}
    if not user_ids or clock.notices_suppressed():
        return
    params = dict(params or {})

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            values = {k: str(v) for k, v in params.items()}  # lazy labels, in the site's language
            notify(users=sorted(user_ids), kind=kind, title=str(title) % values if params else str(title),
                   body=(str(body) % values if params else str(body)) if body else "", url=url, source=source)

    transaction.on_commit(send, robust=True)


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
