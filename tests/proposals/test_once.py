"""A double-clicked save never files two drafts (issue #10 item 6): cppcc.forms.create_once and its token."""

import threading
import uuid

import pytest
from django.db import connection

from cppcc.models import OnceToken
from proposals.models import Proposal
from tests.proposals.test_portal_member import NEW, form_data


def _token(client):
    page = client.get(NEW).content.decode()
    return page.split('name="once_token" value="', 1)[1].split('"', 1)[0]


def test_the_same_form_posted_twice_files_one_draft(client, world):
    client.force_login(world.proposer.user)
    data = form_data(world, once_token=_token(client))
    first = client.post(NEW, data)
    second = client.post(NEW, data)
    (draft,) = Proposal.objects.all()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == draft.get_absolute_url()
    client.post(NEW, form_data(world, once_token=_token(client), title="关于第二件事的提案"))
    assert Proposal.objects.count() == 2  # a new form, a new token: a second draft is fine


def test_a_refused_create_does_not_use_up_its_token(rf, world):
    """The service refused (the errors go on the form): the claim rolls back with it, so the same form
    sent again after a correction creates."""
    from django.core.exceptions import ValidationError

    from cppcc.forms import OnceFormMixin, create_once

    token = str(uuid.uuid4())
    request = rf.post("/")
    request.user = world.proposer.user

    def bound():
        form = OnceFormMixin({"once_token": token})
        assert form.is_valid()
        return form

    def refuse():
        raise ValidationError("不行")

    form = bound()
    created = create_once(request, form, refuse, url=str)
    assert (created.obj, created.again) == (None, None) and form.non_field_errors() == ["不行"]
    assert not OnceToken.objects.exists()
    created = create_once(request, bound(), lambda: "made", url=lambda obj: f"/{obj}/")
    assert created.obj == "made" and OnceToken.objects.get().result_url == "/made/"
    again = create_once(request, bound(), lambda: pytest.fail("created twice"), url=str)
    assert again.repeated and again.again == "/made/"


def test_someone_elses_token_creates_nothing_and_tells_why(client, world):
    token = uuid.uuid4()
    OnceToken.objects.create(token=token, user=world.cosigner.user, result_url="/elsewhere/")
    client.force_login(world.proposer.user)
    response = client.post(NEW, form_data(world, once_token=str(token)))
    assert response.status_code == 200 and not Proposal.objects.exists()
    assert response.context["form"].non_field_errors()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers; the race needs PostgreSQL")
def test_two_simultaneous_posts_of_one_form_file_one_draft(world):
    """Two requests at once (a real double click): the second waits on the token's unique index and then
    finds the first one's draft."""
    from django.test import Client

    token = str(uuid.uuid4())
    data = form_data(world, once_token=token)
    barrier = threading.Barrier(2)
    locations = []

    def post():
        c = Client()
        c.force_login(world.proposer.user)
        barrier.wait()
        try:
            locations.append(c.post(NEW, data)["Location"])
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    (draft,) = Proposal.objects.all()
    assert locations == [draft.get_absolute_url()] * 2
