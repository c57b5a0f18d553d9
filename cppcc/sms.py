"""Pluggable SMS backends, shaped like Django's e-mail backends.

`settings.SMS_BACKEND` names a class (dotted path). To plug a provider (an operator's SMS gateway,
Alibaba Cloud, Tencent Cloud ...), write a class with

    class ProviderSMSBackend(cppcc.sms.BaseSMSBackend):
        def send_messages(self, messages) -> int:
            # each message has .to (a mobile number) and .body (the text)
            ...call the provider for each message; raise on a failure...
            return number_sent

and set `SMS_BACKEND=yourpackage.sms.ProviderSMSBackend`. Read credentials from your own
settings/environment inside the class. A raised exception is recorded on the delivery row and
logged; it never reaches the step that caused the notice.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("cppcc.sms")

# The test backend's sent messages (like django.core.mail.outbox).
outbox: list = []


def mask_number(number: str) -> str:
    """13812345678 -> 138****5678 (logs and delivery rows never carry a whole number)."""
    number = number or ""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


@dataclass
class SMSMessage:
    to: str
    body: str


class BaseSMSBackend:
    def __init__(self, fail_silently=False, **kwargs):
        self.fail_silently = fail_silently

    def send_messages(self, messages) -> int:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleSMSBackend(BaseSMSBackend):
    """Development default: the text goes to the log (number masked), nothing is sent."""

    def send_messages(self, messages) -> int:
        for message in messages:
            logger.info("SMS to %s: %s", mask_number(message.to), message.body)
        return len(messages)


class LocmemSMSBackend(BaseSMSBackend):
    """Tests: messages are appended to `cppcc.sms.outbox`."""

    def send_messages(self, messages) -> int:
        outbox.extend(messages)
        return len(messages)


class FailingSMSBackend(BaseSMSBackend):
    """Tests and drills: every send fails, as an unreachable gateway would."""

    def send_messages(self, messages) -> int:
        raise ConnectionError("SMS gateway unreachable")


def get_backend(path=None, **kwargs) -> BaseSMSBackend:
    return import_string(path or settings.SMS_BACKEND)(**kwargs)


def send_sms(to: str, body: str, *, backend=None) -> int:
    return (backend or get_backend()).send_messages([SMSMessage(to=to, body=body)])
