"""The member's filing form and submit page (issue #11 item 6): the session field offers the open
session by default and never a closed one; a draft is saved whatever the window, only submission is
bound to it; a submit button that cannot succeed is disabled and says why; the attachment text is the
upload check's own rule."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from members.models import Session
from proposals.models import Proposal
from tests.proposals.conftest import PDF

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
NEW = reverse("proposals:member_new")


def url(name, obj):
    return reverse(f"proposals:member_{name}", args=[obj.pk])


def form_data(world, **overrides):
    data = {
        "session": world.session.pk, "kind": "plenary", "title": "关于加快我县茶叶产业发展的提案",
        "category": world.category.pk, "situation": "茶叶产业规模小，品牌弱。", "suggestions": "一是扶持龙头企业。",
    }
    data.update(overrides)
    return data


def offered(response):
    return [s.pk for s in response.context["form"].fields["session"].queryset]


def submit_button(html):
    return re.search(r'<form method="post" class="actions">.*?<button type="submit"[^>]*>', html, re.S).group(0)


def test_the_open_session_is_the_default_and_a_closed_one_is_never_offered(client, world):
    closed = world.make_session(number=2, opens=-60, deadline=-30)  # superseded by world.session
    later = world.make_session(number=3, opens=30, deadline=60)  # opens later: a draft may be prepared
    client.force_login(world.proposer.user)
    response = client.get(NEW)
    assert response.context["form"]["session"].value() == world.session.pk
    assert response.context["form"]["kind"].value() == "plenary"
    assert set(offered(response)) == {world.session.pk, later.pk}
    assert f'value="{closed.pk}"' not in response.content.decode().split('name="session"')[1].split("</select>")[0]
    # A closed session posted anyway is refused as a choice; nothing is saved.
    response = client.post(NEW, form_data(world, session=closed.pk, kind="between"))
    assert response.status_code == 200 and response.context["form"].errors["session"]
    assert not Proposal.objects.exists()


def test_out_of_every_window_the_current_session_takes_between_session_proposals(client, world):
    Session.objects.filter(pk=world.session.pk).update(filing_opens=world.today - 40 * DAY,
                                                       filing_deadline=world.today - 10 * DAY)
    older = world.make_session(number=2, opens=-400, deadline=-380)
    client.force_login(world.proposer.user)
    response = client.get(NEW)
    form = response.context["form"]
    assert form["session"].value() == world.session.pk and form["kind"].value() == "between"
    assert offered(response) == [world.session.pk] and older.pk not in offered(response)


def test_a_plenary_draft_is_saved_outside_the_window_and_only_submission_is_refused(client, world):
    Session.objects.filter(pk=world.session.pk).update(filing_opens=world.today - 40 * DAY,
                                                       filing_deadline=world.today - 10 * DAY)
    world.session.refresh_from_db()
    client.force_login(world.proposer.user)
    response = client.post(NEW, form_data(world))  # plenary, window closed: still a draft
    p = Proposal.objects.get()
    assert response.status_code == 302 and p.status == "draft" and p.kind == "plenary"
    client.post(url("edit", p), form_data(world, title="改过的标题"))
    p.refresh_from_db()
    assert p.title == "改过的标题"

    html = client.get(url("submit", p)).content.decode()
    assert "disabled" in submit_button(html)
    assert world.session.filing_deadline.isoformat() in html.split('id="submit-blockers"')[1]
    detail = client.get(p.get_absolute_url()).content.decode()
    assert 'id="submit-blockers"' in detail and url("submit", p) not in detail  # the page's button too
    client.post(url("submit", p))
    p.refresh_from_db()
    assert p.status == "draft"  # the service refuses too; the button only says so beforehand
    # Switched to a between-session proposal it goes through.
    client.post(url("edit", p), form_data(world, title="改过的标题", kind="between"))
    html = client.get(url("submit", p)).content.decode()
    assert "disabled" not in submit_button(html) and 'id="submit-blockers"' not in html
    client.post(url("submit", p))
    p.refresh_from_db()
    assert p.status == "submitted"


def test_the_submit_button_names_every_reason_it_cannot_succeed(client, world):
    p = world.draft(title="", situation="")
    client.force_login(world.proposer.user)
    from proposals import services

    services.proposal_invite_cosigners(proposal=p, actor=world.proposer.user, members=[world.cosigner])
    html = client.get(url("submit", p)).content.decode()
    blockers = html.split('id="submit-blockers"')[1].split("</div>")[0]
    assert "disabled" in submit_button(html)
    assert "案由" in blockers or "标题" in blockers  # the title's label
    assert "李明" in blockers  # the co-signer who has not answered (block is the default setting)
    assert blockers.count("<li>") == 3  # title, situation, the pending co-signer
    # Complete and answered: the button is enabled.
    services.proposal_update_draft(proposal=p, actor=world.proposer.user, title="关于茶叶的提案", situation="情况")
    services.signer_confirm(signer=p.signers.get(member=world.cosigner), actor=world.cosigner.user)
    html = client.get(url("submit", p)).content.decode()
    assert "disabled" not in submit_button(html)


@override_settings(PRIVATE_UPLOAD_TYPES=["pdf", "jpg"], PRIVATE_UPLOAD_MAX_BYTES=10 * 1024 * 1024)
def test_the_attachment_text_is_what_the_upload_check_allows(client, world):
    p = world.draft()
    client.force_login(world.proposer.user)
    html = client.get(p.get_absolute_url()).content.decode()
    assert "PDF, JPEG" in html and "10 MB" in html and "Word" not in html
    assert 'accept=".pdf,.jpg,.jpeg"' in html
    form_page = client.get(url("edit", p)).content.decode()
    assert "PDF, JPEG" in form_page and "暂不" not in form_page
    # A Word file is refused with the same list of types; a PDF is taken.
    word = SimpleUploadedFile("说明.docx", b"PK\x03\x04" + b"\0" * 40)
    response = client.post(url("attach", p), {"file": word})
    assert response.status_code == 200 and "PDF, JPEG" in " ".join(response.context["form"].errors["file"])
    response = client.post(url("attach", p), {"file": SimpleUploadedFile("说明.pdf", PDF)})
    assert response.status_code == 302 and p.attachments.count() == 1


def test_units_are_grouped_by_kind_with_a_filter_box(client, world):
    from members.models import Body

    town = Body.objects.create(committee=world.committee, code="T01", name="城关镇人民政府", kind=Body.Kind.TOWNSHIP)
    court = Body.objects.create(committee=world.committee, code="J01", name="县人民法院", kind=Body.Kind.JUDICIAL)
    client.force_login(world.proposer.user)
    html = client.get(NEW).content.decode()
    box = html.split('data-choice-filter ')[1].split("</fieldset>")[0]
    groups = re.findall(r'<p class="grouped-choices__label">([^<]+)</p>', box)
    assert groups == [str(Body.Kind.GOVERNMENT.label), str(Body.Kind.JUDICIAL.label), str(Body.Kind.TOWNSHIP.label)]
    assert box.index(world.unit.name) < box.index(court.name) < box.index(town.name)
    assert "cppcc/choice-filter.js" in html and "cppcc/choice-filter.css" in html  # the form's media, no inline script
    # Ticking one in a group is posted as before.
    response = client.post(NEW, form_data(world, suggested_units=[town.pk, world.unit.pk]))
    assert response.status_code == 302
    assert set(Proposal.objects.get().suggested_units.all()) == {town, world.unit}
