"""The committee's rules are data: defaults installed once, settings created on first use."""

import pytest
from django.core.exceptions import ValidationError

from proposals import services
from proposals.models import Category, ProposalSettings, RejectReason, ResultCode
from proposals.selectors import settings_for
from tests import factories


def test_defaults_are_installed_once_and_a_retired_default_stays_retired(committee):
    services.rules_install_defaults(committee)
    assert list(Category.objects.filter(committee=committee).values_list("name", flat=True)) == [
        "经济", "政治", "文化", "社会", "生态文明"]
    assert RejectReason.objects.filter(committee=committee).count() == 10
    codes = {c.code: (c.is_adopted, c.opens_follow_up) for c in ResultCode.objects.filter(committee=committee)}
    assert codes == {"A": (True, False), "B": (False, True), "C": (False, False)}
    RejectReason.objects.filter(committee=committee, text="属于学术探讨的").delete()
    services.rules_install_defaults(committee)
    assert RejectReason.objects.filter(committee=committee).count() == 9
    assert Category.objects.filter(committee=committee).count() == 5
    assert ProposalSettings.objects.filter(committee=committee).count() == 1


def test_settings_are_created_with_the_domain_defaults_on_first_use(committee):
    rules = settings_for(committee)
    assert (rules.body_max_chars, rules.evaluation_days, rules.reply_months_plenary, rules.reply_months_between,
            rules.max_reply_months, rules.rehandling_months, rules.return_window_workdays, rules.co_opinion_days) == (
        2500, 30, 3, 3, 6, 3, 5, 30)
    assert rules.evaluators == "first" and not rules.no_response_counts_satisfied and not rules.rate_separately
    assert not rules.merge_earns_accepted_credit and rules.cosign_by_filing_deadline
    assert settings_for(committee).pk == rules.pk


def test_each_committee_keeps_its_own_rules(committee):
    other = factories.committee()
    services.rules_install_defaults(committee)
    services.rules_install_defaults(other)
    ProposalSettings.objects.filter(committee=other).update(body_max_chars=1500)
    assert settings_for(committee).body_max_chars == 2500 and settings_for(other).body_max_chars == 1500
    assert ResultCode.objects.filter(code="A").count() == 2


def test_settings_refuse_a_maximum_below_the_normal_due_date_and_a_bad_number_format(committee):
    rules = settings_for(committee)
    rules.max_reply_months = 2
    with pytest.raises(ValidationError):
        rules.full_clean()
    rules.max_reply_months, rules.receipt_number_format = 6, "{nonsense}"
    with pytest.raises(ValidationError):
        rules.full_clean()


def test_a_new_committee_starts_with_the_default_rule_lists(db):
    from proposals.models import Category, RejectReason, ResultCode
    from tests import factories

    committee = factories.committee("政协新设县委员会")
    from proposals import defaults

    assert Category.objects.filter(committee=committee).count() == len(defaults.CATEGORIES)
    assert set(ResultCode.objects.filter(committee=committee).values_list("code", flat=True)) == {"A", "B", "C"}
    assert RejectReason.objects.filter(committee=committee).exists()
