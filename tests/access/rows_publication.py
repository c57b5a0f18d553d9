"""Access rows for publication (公开) and the drafting hint.

Objects (keys prefixed pub_), in both committees, built with the services: pub_ready, an accepted case
whose proposer consented (it may be published), and pub_done, one already published. The public pages
themselves are Wagtail page routes, not URL names: tests/proposals/test_publication.py walks them.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from members.models.roles import Role
from proposals import services
from proposals.models import Category, Kind
from tests import factories
from tests.access.rows_member_portal import FILERS, codes
from tests.access.table import outcome
from tests.access.world import PDF

SECRETARIAT = ("secretariat",)  # the superuser is not the committee's secretariat: the service refuses it
NOBODY = ()


def _case(committee, clerk, objects, title):
    proposal = services.proposal_record_on_behalf(
        actor=clerk, session=objects["sessions"], kind=Kind.BETWEEN, proposer=objects["members"], title=title,
        scan=SimpleUploadedFile("扫描件.pdf", PDF, content_type="application/pdf"),
        category=Category.objects.filter(committee=committee).first(), situation="情况分析。", suggestions="具体建议。",
        publish_consent=True,
    )
    return services.proposal_accept(proposal=proposal, actor=clerk)


def _build(committee, clerk, objects, tag):
    services.rules_install_defaults(committee)
    ready = _case(committee, clerk, objects, f"关于茶叶产业的提案{tag}")
    done = _case(committee, clerk, objects, f"关于茶园改造的提案{tag}")
    services.proposal_publish(proposal=done, actor=clerk)
    objects.update(pub_ready=ready, pub_done=done)


def extend(users, own, other):
    _build(own["committees"], users["secretariat"], own, "")
    clerk = factories.user_with_role(Role.SECRETARIAT, other["committees"], username="access_pub_other_secretariat")
    _build(other["committees"], clerk, other, "乙")


def rows():
    return [
        ("proposal_admin:publish", "pub_ready:own", outcome(SECRETARIAT)),
        ("proposal_admin:publish", "pub_ready:other", outcome(NOBODY)),
        ("proposal_admin:publish", "pub_done:own", outcome(NOBODY)),  # already published: back to the page
        ("proposal_admin:unpublish", "pub_done:own", outcome(SECRETARIAT)),
        ("proposal_admin:unpublish", "pub_done:other", outcome(NOBODY)),
        ("proposal_admin:unpublish", "pub_ready:own", outcome(NOBODY)),  # not published
        # The drafting hint (JSON): people who file proposals; admin people are sent to the admin.
        ("proposals:member_similar", None, codes(FILERS, refused_to_admin=True)),
    ]
