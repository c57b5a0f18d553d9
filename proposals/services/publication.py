"""Publication (公开): the secretariat puts an accepted case on the public pages, or takes it down.

A case is public only while it has a standing Publication row (withdrawn_at empty); the public pages
(proposals.public) read nothing else. The proposer decides first (Proposal.publish_consent), then the
secretariat: both are needed (docs/domain.md#what-the-services-check, "Publication").
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from proposals import permissions
from proposals.errors import TransitionError
from proposals.models import Publication
from proposals.workflow import flags

from .base import lock, now, record, save


def standing_publication(proposal) -> Publication | None:
    """The case's publication in force, or None."""
    return Publication.objects.filter(proposal=proposal, withdrawn_at__isnull=True).first()


def publish_refusal(proposal) -> str | None:
    """Why this case cannot be published now (None: it can). The admin hides the button on a refusal."""
    if not flags(proposal.status).is_case:
        return _("Only an accepted case (立案) can be published; this proposal is “%(state)s”.") % {
            "state": proposal.get_status_display()}
    if not proposal.publish_consent:
        return _("The proposer has not agreed to publication: the case cannot be published.")
    if Publication.objects.filter(proposal=proposal, withdrawn_at__isnull=True).exists():
        return _("This case is already published.")
    return None


@transaction.atomic
def proposal_publish(*, proposal, actor, include_replies=True, reason="") -> Publication:
    """Publish an accepted case whose proposer consented; the committee's secretariat only."""
    p = lock(proposal)
    permissions.require_secretariat(actor, p.committee_id)
    refusal = publish_refusal(p)
    if refusal:
        raise TransitionError(refusal, action="publish", state=p.status)
    publication = Publication(
        proposal=p, published_at=now(), published_by=actor if getattr(actor, "pk", None) else None,
        include_replies=bool(include_replies), reason=reason or "",
    )
    save(publication, actor=actor, action="publish", reason=reason)
    record(proposal=p, action="publish", from_status=p.status, to_status=p.status, actor=actor, reason=reason,
           at=publication.published_at, data={"include_replies": publication.include_replies})
    return publication


@transaction.atomic
def proposal_unpublish(*, proposal, actor, reason) -> Publication:
    """Take a published case down from the public pages, saying why; the committee's secretariat only."""
    p = lock(proposal)
    permissions.require_secretariat(actor, p.committee_id)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the case is taken down.")})
    publication = Publication.objects.select_for_update().filter(proposal=p, withdrawn_at__isnull=True).first()
    if publication is None:
        raise TransitionError(_("This case is not published."), action="unpublish", state=p.status)
    publication.withdrawn_at = now()
    publication.withdrawn_by = actor if getattr(actor, "pk", None) else None
    publication.reason = reason
    save(publication, actor=actor, action="unpublish", reason=reason)
    record(proposal=p, action="unpublish", from_status=p.status, to_status=p.status, actor=actor, reason=reason,
           at=publication.withdrawn_at)
    return publication


__all__ = ["proposal_publish", "proposal_unpublish", "publish_refusal", "standing_publication"]
