"""Delivery of inbox notices by e-mail and SMS, as each recipient chose.

`cppcc.inbox.notify` writes the Message rows and queues `cppcc.tasks.deliver_messages` on commit;
the task calls `deliver(message_id)` per message. Each (message, channel) gets a Delivery row that is
locked while it is sent and marked sent afterwards, so a retried or duplicated task never sends twice.
A failing channel is logged and recorded on its row; it never blocks the other channel and never
reaches the request that caused the notice.

cppcc holds no domain (docs/architecture.md#import-directions), so it never imports `members`: the member profile's phone and
e-mail are read through the user's reverse one-to-one `user.member`, when there is one.
"""

import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cppcc import sms
from cppcc.models import Delivery, Message, NotificationPreference

logger = logging.getLogger(__name__)


# ---- the member profile, read without importing members


def _profile(user):
    try:
        return getattr(user, "member", None)
    except ObjectDoesNotExist:
        return None


def profile_phone(user) -> str:
    """The phone in the person's member profile (pre-fills the SMS number), or ""."""
    return (getattr(_profile(user), "phone", "") or "").strip()


def email_address(user) -> str:
    """The account's e-mail address, else the member profile's."""
    return (user.email or getattr(_profile(user), "email", "") or "").strip()


def mask_email(address: str) -> str:
    """zhangsan@example.cn -> z*******@example.cn."""
    local, at, domain = (address or "").partition("@")
    return (local[:1] + "*" * max(len(local) - 1, 0) + at + domain) if at else sms.mask_number(address)


def preference_for(user) -> NotificationPreference:
    """The person's preference row, created with the defaults on first use."""
    pref, _created = NotificationPreference.objects.get_or_create(user=user)
    return pref


def message_link(message) -> str:
    """Absolute link to the message in the inbox (opening it marks it read and follows it)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}{reverse('inbox:detail', args=[message.pk])}?go=1"


# ---- channels


class EmailChannel:
    code = Delivery.Channel.EMAIL

    def address(self, user, pref) -> str:
        return email_address(user)

    def mask(self, address) -> str:
        return mask_email(address)

    def send(self, message, address) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            subject = f"【{settings.WAGTAIL_SITE_NAME}】{message.title}".replace("\n", " ").replace("\r", " ")
            parts = [message.title]
            if message.body:
                parts.append(message.body)
            parts.append(_("Open it in the system: %(url)s") % {"url": message_link(message)})
            parts.append(_("You receive this e-mail because you chose e-mail notices. Change your choice at %(url)s")
                         % {"url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("inbox:preferences")})
            send_mail(subject, "\n\n".join(parts), None, [address], fail_silently=False)


class SMSChannel:
    code = Delivery.Channel.SMS

    def address(self, user, pref) -> str:
        return (pref.sms_phone or "").strip()

    def mask(self, address) -> str:
        return sms.mask_number(address)

    def send(self, message, address) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            text = _("【%(site)s】%(title)s (details in your inbox)") % {
                "site": settings.WAGTAIL_SITE_NAME, "title": message.title,
            }
        sent = sms.send_sms(address, text)
        if not sent:
            raise RuntimeError("the SMS backend reported nothing sent")


CHANNELS = (EmailChannel(), SMSChannel())


# ---- delivery


def deliver(message_id) -> dict:
    """Send one message by every channel its recipient chose; returns {channel: state}. Never raises for a channel."""
    message = Message.objects.select_related("recipient").filter(pk=message_id).first()
    if message is None or not message.recipient.is_active:
        return {}
    pref = preference_for(message.recipient)
    return {
        channel.code: _deliver_one(message, channel, pref)
        for channel in CHANNELS
        if pref.wants(channel.code, message.kind)
    }


def _deliver_one(message, channel, pref) -> str:
    with transaction.atomic():
        row, _created = Delivery.objects.get_or_create(message=message, channel=channel.code)
        row = Delivery.objects.select_for_update().get(pk=row.pk)
        if row.state in (Delivery.State.SENT, Delivery.State.SKIPPED):
            return row.state  # a retried task: already done
        address = channel.address(message.recipient, pref)
        if not address:
            row.state = Delivery.State.SKIPPED
            row.save(update_fields=["state", "updated_at"])
            return row.state
        row.attempts += 1
        row.destination = channel.mask(address)
        try:
            channel.send(message, address)
        except Exception as exc:  # any provider error: recorded, logged, never raised
            logger.warning("notice %s by %s to %s failed: %s", message.pk, channel.code, row.destination, exc, exc_info=True)
            row.state = Delivery.State.FAILED
            row.error = f"{type(exc).__name__}: {exc}"[:2000]
        else:
            row.state = Delivery.State.SENT
            row.sent_at = timezone.now()
            row.error = ""
        row.save()
        return row.state


def queue_delivery(message_ids) -> None:
    """Queue the delivery task for these messages once the transaction that wrote them commits."""
    ids = [pk for pk in message_ids if pk]
    if not ids:
        return

    def enqueue():
        from cppcc.tasks import deliver_messages

        deliver_messages.delay(ids)

    transaction.on_commit(enqueue, robust=True)
