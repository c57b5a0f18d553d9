"""Notices by e-mail and SMS beside the inbox, as each person chose; idempotent, and a failing channel harms nothing."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from cppcc import inbox, sms
from cppcc.models import Delivery, Message, NotificationPreference
from cppcc.notify_channels import deliver, mask_email
from cppcc.tasks import deliver_messages
from proposals import services
from tests.proposals.conftest import World

Kind = Message.Kind


@pytest.fixture
def world(committee, secretariat):
    return World(committee, secretariat)


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "cppcc.sms.LocmemSMSBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def _choose(user, *, email=False, sms_on=False, phone="", address="", muted=()):
    if address:
        user.email = address
        user.save(update_fields=["email"])
    return NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_enabled": email, "sms_enabled": sms_on, "sms_phone": phone, "muted_kinds": list(muted)},
    )[0]


def _reject(world, proposal, capture):
    with capture(execute=True):
        services.proposal_reject(proposal=proposal, actor=world.reviewer, reject_reason=world.reject_reason(), reason="请补充调研数据")


def test_a_review_outcome_reaches_each_person_by_the_channels_they_chose(world, django_capture_on_commit_callbacks, sms_outbox):
    p = world.submitted(joint=True)
    both, neither = world.proposer.user, world.cosigner.user
    _choose(both, email=True, sms_on=True, phone="13812345678", address="wangfang@example.cn")
    _choose(neither, address="liming@example.cn")  # has an address, chose no e-mail

    _reject(world, p, django_capture_on_commit_callbacks)

    for user in (both, neither):
        (message,) = Message.objects.filter(recipient=user, kind=Kind.REVIEW_OUTCOME)
        assert p.title in message.title
    (email,) = mail.outbox
    assert email.to == ["wangfang@example.cn"] and p.title in email.subject and "请补充调研数据" in email.body
    assert f"/inbox/{Message.objects.get(recipient=both).pk}/?go=1" in email.body
    (text,) = sms_outbox
    assert text.to == "13812345678" and p.title in text.body
    rows = {d.channel: d for d in Delivery.objects.filter(message__recipient=both)}
    assert {c: d.state for c, d in rows.items()} == {"email": "sent", "sms": "sent"}
    assert rows["sms"].destination == "138****5678" and rows["email"].destination == "w*******@example.cn"
    assert rows["sms"].attempts == rows["email"].attempts == 1 and rows["sms"].sent_at is not None
    assert not Delivery.objects.filter(message__recipient=neither).exists()


def test_a_retried_task_sends_nothing_twice(world, django_capture_on_commit_callbacks, sms_outbox):
    p = world.submitted()
    _choose(world.proposer.user, email=True, sms_on=True, phone="13812345678", address="wangfang@example.cn")
    _reject(world, p, django_capture_on_commit_callbacks)
    ids = list(Message.objects.values_list("pk", flat=True))
    assert len(mail.outbox) == 1 and len(sms_outbox) == 1

    deliver_messages.delay(ids)  # the broker delivered the task again
    deliver_messages(ids)

    assert len(mail.outbox) == 1 and len(sms_outbox) == 1
    assert list(Delivery.objects.values_list("attempts", flat=True)) == [1, 1]


def test_a_failing_sms_gateway_breaks_neither_the_step_nor_the_e_mail(world, django_capture_on_commit_callbacks, settings, sms_outbox, caplog):
    p = world.submitted()
    _choose(world.proposer.user, email=True, sms_on=True, phone="13812345678", address="wangfang@example.cn")
    settings.SMS_BACKEND = "cppcc.sms.FailingSMSBackend"

    with caplog.at_level(logging.WARNING, logger="cppcc.notify_channels"):
        _reject(world, p, django_capture_on_commit_callbacks)

    p.refresh_from_db()
    assert p.status == "rejected"
    assert Message.objects.filter(recipient=world.proposer.user).count() == 1
    assert len(mail.outbox) == 1
    failed = Delivery.objects.get(channel="sms")
    assert failed.state == "failed" and "ConnectionError" in failed.error and failed.sent_at is None
    assert "138****5678" in caplog.text and "13812345678" not in caplog.text

    # The gateway is back: a retry sends the SMS that failed, and not the e-mail again.
    settings.SMS_BACKEND = "cppcc.sms.LocmemSMSBackend"
    deliver(failed.message_id)
    failed.refresh_from_db()
    assert failed.state == "sent" and failed.attempts == 2 and failed.error == ""
    assert len(sms_outbox) == 1 and len(mail.outbox) == 1


def test_a_failing_mail_server_is_recorded_too(world, settings):
    settings.EMAIL_BACKEND = "tests.cppcc.test_channels.BrokenMailBackend"
    user = world.proposer.user
    _choose(user, email=True, sms_on=True, phone="13812345678", address="wangfang@example.cn")
    (message,) = inbox.notify(users=[user], kind=Kind.GENERAL, title="通知")
    assert deliver(message.pk) == {"email": "failed", "sms": "sent"}
    assert "SMTPException" in Delivery.objects.get(channel="email").error


def test_muted_kinds_stay_in_the_inbox(world, sms_outbox):
    user = world.proposer.user
    _choose(user, email=True, sms_on=True, phone="13812345678", address="wangfang@example.cn", muted=[Kind.COSIGN_INVITATION])
    muted, = inbox.notify(users=[user], kind=Kind.COSIGN_INVITATION, title="联名邀请")
    told, = inbox.notify(users=[user], kind=Kind.REVIEW_OUTCOME, title="审查结果")
    assert deliver(muted.pk) == {}
    assert deliver(told.pk) == {"email": "sent", "sms": "sent"}
    assert [m.subject for m in mail.outbox] == [f"【{mail_site()}】审查结果"]


def mail_site():
    from django.conf import settings

    return settings.WAGTAIL_SITE_NAME


def test_defaults_e_mail_on_sms_off_created_on_first_use(world, sms_outbox):
    user = world.proposer.user
    user.email = "wangfang@example.cn"
    user.save()
    assert not NotificationPreference.objects.filter(user=user).exists()
    (message,) = inbox.notify(users=[user], kind=Kind.GENERAL, title="通知")
    assert deliver(message.pk) == {"email": "sent"}
    pref = NotificationPreference.objects.get(user=user)
    assert pref.email_enabled and not pref.sms_enabled
    assert len(mail.outbox) == 1 and sms_outbox == []


def test_no_address_is_recorded_as_not_sent(world):
    user = world.cosigner.user  # no e-mail anywhere
    (message,) = inbox.notify(users=[user], kind=Kind.GENERAL, title="通知")
    assert deliver(message.pk) == {"email": "skipped"}
    assert mail.outbox == []


def test_delivery_waits_for_the_commit(world, django_capture_on_commit_callbacks):
    user = world.proposer.user
    _choose(user, email=True, address="wangfang@example.cn")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        inbox.notify(users=[user], kind=Kind.GENERAL, title="通知")
    assert len(callbacks) == 1 and mail.outbox == [] and not Delivery.objects.exists()
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_console_backend_masks_the_number(caplog):
    with caplog.at_level(logging.INFO, logger="cppcc.sms"):
        assert sms.send_sms("13812345678", "测试", backend=sms.ConsoleSMSBackend()) == 1
    assert "138****5678" in caplog.text and "13812345678" not in caplog.text


def test_masks():
    assert mask_email("zhangsan@example.cn") == "z*******@example.cn"
    assert sms.mask_number("13812345678") == "138****5678"


# ---- the preference page


def test_the_page_is_prefilled_from_the_member_profile(client, world):
    member = world.proposer
    member.phone = "13900001111"
    member.save()
    client.force_login(member.user)
    response = client.get(reverse("inbox:preferences"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["sms_phone"].value() == "13900001111"
    assert form["email_enabled"].value() is True and form["sms_enabled"].value() is False
    html = response.content.decode()
    assert 'name="sms_phone"' in html and 'value="13900001111"' in html
    assert reverse("inbox:preferences") in client.get(reverse("inbox:index")).content.decode()


def test_choices_are_saved_and_the_number_normalised(client, world):
    user = world.proposer.user
    client.force_login(user)
    response = client.post(reverse("inbox:preferences"), {
        "email_enabled": "", "sms_enabled": "on", "sms_phone": "+86 138-1234-5678",
        "muted_kinds": [Kind.COSIGN_INVITATION, Kind.ASSIGNMENT],
    })
    assert response.status_code == 302 and response["Location"] == reverse("inbox:preferences")
    pref = NotificationPreference.objects.get(user=user)
    assert (pref.email_enabled, pref.sms_enabled, pref.sms_phone) == (False, True, "13812345678")
    assert pref.muted_kinds == ["cosign_invitation", "assignment"]


@pytest.mark.parametrize("phone", ["12345", "2381234567", "138123456789", "abc"])
def test_a_bad_number_is_refused(client, world, phone):
    user = world.proposer.user
    client.force_login(user)
    response = client.post(reverse("inbox:preferences"), {"sms_enabled": "on", "sms_phone": phone})
    assert response.status_code == 200 and response.context["form"].errors["sms_phone"]
    assert not NotificationPreference.objects.get(user=user).sms_enabled


def test_sms_needs_a_number(client, world):
    client.force_login(world.cosigner.user)
    response = client.post(reverse("inbox:preferences"), {"sms_enabled": "on", "sms_phone": ""})
    assert response.status_code == 200 and response.context["form"].errors["sms_phone"]


def test_the_page_speaks_english_too(client, world):
    client.force_login(world.proposer.user)
    response = client.get(reverse("inbox:preferences"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200


def test_anonymous_visitors_log_in(client, db):
    response = client.get(reverse("inbox:preferences"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPException("relay refused")


def test_people_of_the_admin_find_the_page_in_their_account(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200 and reverse("inbox:preferences") in response.content.decode()
    assert client.get(reverse("inbox:preferences")).status_code == 200
