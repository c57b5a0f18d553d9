"""Installing a committee's default rules (settings, categories, reasons, result codes)."""

from django.db import transaction

from proposals import defaults
from proposals.models import Category, RejectReason, ResultCode
from proposals.selectors import settings_for


@transaction.atomic
def rules_install_defaults(committee) -> None:
    """Give a committee the defaults of docs/domain.md#rules-are-data; idempotent, and a list the committee already keeps is left alone
    (so a retired or renamed default never comes back)."""
    settings_for(committee)
    if not Category.objects.filter(committee=committee).exists():
        for order, (name, national_class) in enumerate(defaults.CATEGORIES, start=1):
            Category.objects.create(committee=committee, name=name, national_class=national_class, order=order)
    if not RejectReason.objects.filter(committee=committee).exists():
        for order, text in enumerate(defaults.REJECT_REASONS, start=1):
            RejectReason.objects.create(committee=committee, text=text, order=order)
    if not ResultCode.objects.filter(committee=committee).exists():
        for order, (code, label, is_adopted, opens_follow_up) in enumerate(defaults.RESULT_CODES, start=1):
            ResultCode.objects.create(
                committee=committee, code=code, label=label, order=order, is_adopted=is_adopted,
                opens_follow_up=opens_follow_up,
            )
