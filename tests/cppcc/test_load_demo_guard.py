import pytest
from django.core.management import CommandError, call_command

from members.models import Member
from tests import factories


def test_demo_refuses_a_database_with_a_real_committee(db):
    factories.committee("政协某某市委员会")
    with pytest.raises(CommandError, match="政协某某市委员会"):
        call_command("load_demo", quiet=True)
    assert not Member.objects.exists()
