import os

import pytest

from members.models.roles import Role
from tests import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def committee(db):
    return factories.committee("政协紫阳县委员会")


@pytest.fixture
def other_committee(db):
    return factories.committee("政协其他县委员会")


@pytest.fixture
def role_user(committee):
    """role_user(Role.SECRETARIAT) -> a user holding that role in the test committee."""

    def make(role, **scope):
        return factories.user_with_role(role, committee, **scope)

    return make


@pytest.fixture
def secretariat(role_user):
    return role_user(Role.SECRETARIAT)


@pytest.fixture
def administrator(role_user):
    return role_user(Role.ADMIN)
