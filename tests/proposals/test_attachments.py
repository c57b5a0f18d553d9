"""Attachments of a proposal: added and removed by the proposer while it can be edited, read by its readers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models.roles import Role
from proposals import services
from proposals.errors import TransitionError
from proposals.models import ProposalAttachment
from proposals.workflow import Status
from tests import factories
from tests.proposals.conftest import pdf


def _attach(world, p, name="附件.pdf"):
    return services.proposal_attach(proposal=p, actor=world.proposer.user, uploaded=pdf(name))


def test_the_proposer_attaches_while_the_proposal_is_a_draft_or_returned(world):
    p = world.draft()
    a = _attach(world, p, "调研报告.pdf")
    assert (a.proposal, a.uploaded_by, a.file.name, a.recorded_on_behalf) == (p, world.proposer.user, "调研报告.pdf", False)
    assert a.file.owner == p
    assert p.events.filter(action="update_draft", data__attached=str(a.file_id)).exists()

    p = services.proposal_submit(proposal=p, actor=world.proposer.user)
    with pytest.raises(TransitionError):
        _attach(world, p)
    with pytest.raises(TransitionError):
        services.proposal_detach(proposal=p, actor=world.proposer.user, attachment=a)

    p = services.proposal_return_for_revision(proposal=p, actor=world.reviewer, reason="请补充数据")
    assert p.status == Status.RETURNED
    assert _attach(world, p, "补充数据.pdf").proposal == p
    assert p.attachments.count() == 2


def test_only_the_proposer_or_the_secretariat_on_behalf_attaches(world):
    p = world.joint_draft()
    with pytest.raises(PermissionDenied):
        services.proposal_attach(proposal=p, actor=world.cosigner.user, uploaded=pdf())
    a = services.proposal_attach(proposal=p, actor=world.secretariat, uploaded=pdf(), on_behalf=True)
    assert a.recorded_on_behalf


def test_the_type_is_checked_by_content(world):
    p = world.draft()
    fake = SimpleUploadedFile("说明.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.proposal_attach(proposal=p, actor=world.proposer.user, uploaded=fake)
    assert not p.attachments.exists()


def test_at_most_five_attachments(world):
    p = world.draft()
    for i in range(services.MAX_ATTACHMENTS):
        _attach(world, p, f"附件{i}.pdf")
    with pytest.raises(ValidationError):
        _attach(world, p, "第六个.pdf")
    assert p.attachments.count() == services.MAX_ATTACHMENTS == 5


def test_detach_removes_the_attachment(world):
    p = world.draft()
    a = _attach(world, p)
    services.proposal_detach(proposal=p, actor=world.proposer.user, attachment=a)
    assert not ProposalAttachment.objects.filter(pk=a.pk).exists()
    assert p.events.filter(action="update_draft", data__detached=str(a.file_id)).exists()


def test_readers_download_and_a_stranger_gets_404(client, world):
    p = world.joint_draft()
    a = _attach(world, p, "调研报告.pdf")
    p = services.proposal_submit(proposal=p, actor=world.proposer.user)
    link = reverse("file_download", args=[a.file_id])
    for user in (world.proposer.user, world.cosigner.user, world.secretariat):
        client.force_login(user)
        page = client.get(reverse("proposals:member_detail", args=[p.pk]))
        if user != world.secretariat:  # the secretariat works in the admin
            assert link in page.content.decode()
        assert client.get(link).status_code == 200, user
    client.force_login(world.secretariat)
    assert link in client.get(reverse("proposal_admin:inspect", args=[p.pk])).content.decode()
    stranger = factories.user_with_role(Role.MEMBER, world.committee)
    client.force_login(stranger)
    assert client.get(link).status_code == 404


def test_the_portal_attaches_and_removes(client, world):
    p = world.draft()
    client.force_login(world.proposer.user)
    detail = reverse("proposals:member_detail", args=[p.pk])
    assert reverse("proposals:member_attach", args=[p.pk]) in client.get(detail).content.decode()
    response = client.post(reverse("proposals:member_attach", args=[p.pk]), {"file": pdf("调研报告.pdf")})
    assert response.status_code == 302
    (a,) = p.attachments.all()
    page = client.get(detail).content.decode()
    assert "调研报告.pdf" in page and reverse("proposals:member_detach", args=[a.pk]) in page
    bad = SimpleUploadedFile("x.pdf", b"plain text", content_type="application/pdf")
    response = client.post(reverse("proposals:member_attach", args=[p.pk]), {"file": bad})
    assert response.status_code == 200 and p.attachments.count() == 1
    assert client.post(reverse("proposals:member_detach", args=[a.pk])).status_code == 302
    assert not p.attachments.exists()


def test_a_drafts_files_stay_with_its_proposers_and_the_secretariat(client, world):
    from cppcc.services import file_store
    from proposals import permissions

    draft = world.draft()
    pf = file_store(content=b"%PDF-1.4\n%%EOF\n", name="附件.pdf", owner=draft)
    assert permissions.can_read_proposal_file(world.proposer.user, draft)
    assert permissions.can_read_proposal_file(world.secretariat, draft)
    assert not permissions.can_read_proposal_file(world.reviewer, draft)
    client.force_login(world.reviewer)
    assert client.get(f"/files/{pf.pk}/").status_code == 404
