"""Walk every URL of the site for every role and anonymous, against the expected table."""

import pytest
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from tests import factories
from tests.access import table
from tests.access.urlwalk import our_url_names
from tests.access.world import ROLES, build

# Wagtail's own delete confirmation for a refused action redirects; any non-200 that is not the
# login page counts as refused.


def classify(response):
    if response.status_code >= 500:
        return "E"  # never expected: a crash is reported as such, not taken for a refusal
    if response.status_code == 200:
        return "O"
    location = response.get("Location", "")
    if response.status_code in (301, 302):
        if "/accounts/login/" in location or "/admin/login/" in location:
            return "L"
        if location.rstrip("/").endswith("/admin") or location == "/admin/":
            return "A"
    return "N"


def url_for(name, variant, own, other):
    if name.startswith("/"):
        return name
    if variant is None:
        return reverse(name)
    if variant.startswith("arg:"):
        return reverse(name, args=[variant[4:]])
    if variant.startswith("args:"):  # several fixed arguments, "/"-separated
        return reverse(name, args=variant[5:].split("/"))
    which, _, side = variant.partition(":") if ":" in variant else ("", "", variant)
    objects = own if side == "own" else other
    obj = objects[which] if which else objects[name.split(":")[0]]
    try:
        return reverse(name, args=[obj.pk])
    except NoReverseMatch:
        return reverse(name, args=[str(obj.pk)])


def test_every_url_of_ours_is_in_the_table(db):
    covered = {name for name, _variant, _codes in table.rows()}
    missing = sorted(our_url_names() - covered)
    assert not missing, f"add these URLs to tests/access/table.py: {missing}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for every role's walk, built once and rolled back after the module; each walk runs
    in its own savepoint (the `db` fixture), so what one role's pages write is gone for the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build(factories.committee("政协紫阳县委员会"), factories.committee("政协其他县委员会"))
        transaction.set_rollback(True)


@pytest.mark.parametrize("role", ROLES)
def test_role_sees_only_its_screens(client, world, db, role):
    users, own, other = world
    client.raise_request_exception = False
    if users[role] is not None:
        client.force_login(users[role])
    wrong = []
    for name, variant, codes in table.rows():
        url = url_for(name, variant, own, other)
        got = classify(client.get(url))
        expected = codes[role]
        # Wagtail refuses inside the admin by redirecting to the dashboard: that is a refusal too.
        if expected == "N" and got == "A":
            got = "N"
        if got != expected:
            wrong.append(f"{name} [{variant}] {url}: expected {expected}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
