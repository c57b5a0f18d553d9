"""The inbox pages and the header's unread badge."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cppcc import inbox
from cppcc.models import Message
from members.models.roles import Role
from tests import factories

INBOX = reverse("inbox:index")


@pytest.fixture
def member(committee):
    return factories.user_with_role(Role.MEMBER, committee)


def badge(response):
    """The number in the header's inbox link, or None."""
    found = re.search(r'class="account__inbox">[^<]*<span class="tag"[^>]*>(\d+)</span>', response.content.decode())
    return int(found.group(1)) if found else None


def send(user, title, **kw):
    (message,) = inbox.notify(users=[user], kind=Message.Kind.GENERAL, title=title, **kw)
    return message


def test_the_list_is_newest_first_with_unread_in_bold(client, member):
    old = send(member, "旧通知")
    new = send(member, "新通知")
    inbox.mark_read(user=member, ids=[old.pk])
    client.force_login(member)
    response = client.get(INBOX)
    assert [m.pk for m in response.context["inbox_messages"]] == [new.pk, old.pk]
    page = response.content.decode()
    assert re.search(r'<li class="unread">\s*<div>\s*<a class="item-title" href="/inbox/%d/\?go=1">新通知' % new.pk, page)
    assert re.search(r'<li class="read">\s*<div>\s*<a class="item-title" href="/inbox/%d/\?go=1">旧通知' % old.pk, page)


def test_the_badge_counts_unread_messages_on_every_page(client, member):
    client.force_login(member)
    assert badge(client.get("/portal/")) is None
    send(member, "一")
    send(member, "二")
    send(factories.user(), "别人的")
    assert badge(client.get("/portal/")) == 2
    assert badge(client.get(INBOX)) == 2
    assert badge(client.get("/")) == 2


def test_the_badge_costs_one_count_query(client, member):
    send(member, "一")
    client.force_login(member)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/portal/")
    counts = [q["sql"] for q in ctx.captured_queries if "cppcc_message" in q["sql"]]
    assert len(counts) == 1 and "COUNT" in counts[0].upper()


def test_no_badge_and_no_inbox_for_anonymous_visitors(client, db):
    assert "account__inbox" not in client.get("/").content.decode()
    response = client.get(INBOX)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_opening_a_message_marks_it_read_and_follows_its_link(client, member):
    message = send(member, "请查看", url="/portal/", body="详细说明")
    client.force_login(member)
    page = client.get(reverse("inbox:detail", args=[message.pk]))
    assert page.status_code == 200 and "详细说明" in page.content.decode() and page.context["link"] == "/portal/"
    message.refresh_from_db()
    assert message.read_at is not None
    second = send(member, "再看", url="/portal/")
    response = client.get(reverse("inbox:detail", args=[second.pk]), {"go": "1"})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    second.refresh_from_db()
    assert second.read_at is not None and inbox.unread_count(member) == 0


def test_a_message_without_a_link_opens_its_page(client, member):
    message = send(member, "无链接")
    client.force_login(member)
    response = client.get(reverse("inbox:detail", args=[message.pk]), {"go": "1"})
    assert response.status_code == 200 and response.context["link"] == ""


def test_an_outside_link_is_not_followed(client, member):
    message = send(member, "外链", url="https://evil.example/")
    client.force_login(member)
    response = client.get(reverse("inbox:detail", args=[message.pk]), {"go": "1"})
    assert response.status_code == 200 and response.context["link"] == ""


def test_only_the_recipient_sees_a_message(client, member, committee):
    message = send(member, "私信")
    other = factories.user_with_role(Role.MEMBER, committee)
    client.force_login(other)
    assert client.get(reverse("inbox:detail", args=[message.pk])).status_code == 404
    assert message.pk not in [m.pk for m in client.get(INBOX).context["inbox_messages"]]
    message.refresh_from_db()
    assert message.read_at is None


def test_mark_all_read(client, member):
    send(member, "一")
    send(member, "二")
    mine_elsewhere = send(factories.user(), "别人的")
    client.force_login(member)
    assert client.get(reverse("inbox:mark_all_read")).status_code == 405  # a change is a POST
    response = client.post(reverse("inbox:mark_all_read"), follow=True)
    assert response.redirect_chain[-1][0] == INBOX
    assert inbox.unread_count(member) == 0 and badge(response) is None
    mine_elsewhere.refresh_from_db()
    assert mine_elsewhere.read_at is None
