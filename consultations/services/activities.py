"""Activities and what they are made of: the activity with its first sitting, its plain facts, more
sittings, places visited, documents and linked proposals. Only the committee's organisers may."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.history import save_audited
from cppcc.services import file_store
from consultations import permissions
from consultations.models import Activity, Document, EventAction, Place, Sitting

from .attendance import expect
from .base import local, lock, now, record, same_committee, user_or_none

ACTIVITY_FIELDS = (
    "kind", "plan_item", "topic", "description", "organiser", "invited_leaders", "questionnaires", "problems_found",
    "minutes",
)


def _new_code() -> str:
    return f"{secrets.randbelow(10 ** 6):06d}"


def _check_times(starts_at, ends_at):
    if starts_at is None or ends_at is None:
        raise ValidationError({"starts_at": _("Give the start and the end of the sitting.")})
    if ends_at < starts_at:
        raise ValidationError({"ends_at": _("The sitting ends before it starts.")})


def _refresh_dates(activity):
    sittings = list(activity.sittings.order_by("starts_at").values_list("starts_at", "ends_at"))
    if sittings:
        activity.first_starts_at = sittings[0][0]
        activity.starts_on = local(sittings[0][0]).date()
        activity.last_ends_at = max(end for _start, end in sittings)
    Activity.objects.filter(pk=activity.pk).update(
        first_starts_at=activity.first_starts_at, starts_on=activity.starts_on, last_ends_at=activity.last_ends_at)


@transaction.atomic
def activity_create(*, actor, committee, kind, topic, starts_at, ends_at, place="", sitting_title="",
                    organiser=None, plan_item=None, description="", invited_bodies=(), partner_bodies=(),
                    sectors=(), invited_leaders="", questionnaires=0, problems_found=0) -> Activity:
    """Create an activity with its first sitting; only the committee's organisers may."""
    permissions.authorise(actor, committee_id=committee.pk, organiser_id=getattr(organiser, "pk", None))
    if not (topic or "").strip():
        raise ValidationError({"topic": _("Give the topic.")})
    for obj, name in ((kind, "kind"), (organiser, "organiser"), (plan_item, "plan_item")):
        same_committee(obj, committee.pk, name)
    for body in list(invited_bodies) + list(partner_bodies):
        same_committee(body, committee.pk, "invited_bodies")
    _check_times(starts_at, ends_at)
    activity = Activity(
        committee=committee, kind=kind, topic=topic.strip(), organiser=organiser, plan_item=plan_item,
        description=description, invited_leaders=invited_leaders, questionnaires=questionnaires or 0,
        problems_found=problems_found or 0, created_by=user_or_none(actor), created_at=now(),
    )
    save_audited(activity, actor=actor, reason=_("Activity created"))
    activity.invited_bodies.set(invited_bodies)
    activity.partner_bodies.set(partner_bodies)
    activity.sectors.set(sectors)
    record(activity=activity, action=EventAction.CREATED, actor=actor, to_state=kind.code)
    sitting_add(activity=activity, actor=actor, starts_at=starts_at, ends_at=ends_at, place=place, title=sitting_title)
    activity.refresh_from_db(fields=["starts_on", "first_starts_at", "last_ends_at"])
    return activity


@transaction.atomic
def activity_update(*, activity, actor, reason="", **fields) -> Activity:
    """Change the plain facts of an activity (topic, organiser, plan item, outputs' numbers ...)."""
    activity = lock(activity)
    permissions.authorise(actor, activity)
    unknown = set(fields) - set(ACTIVITY_FIELDS) - {"invited_bodies", "partner_bodies", "sectors"}
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "organiser" in fields:
        same_committee(fields["organiser"], activity.committee_id, "organiser")
        permissions.authorise(actor, committee_id=activity.committee_id,
                              organiser_id=getattr(fields["organiser"], "pk", None))
    m2m = {name: fields.pop(name) for name in ("invited_bodies", "partner_bodies", "sectors") if name in fields}
    changed = [name for name, value in fields.items() if getattr(activity, name) != value]
    for name in changed:
        setattr(activity, name, fields[name])
    if changed:
        save_audited(activity, actor=actor, reason=reason or _("Activity changed"))
    for name, values in m2m.items():
        getattr(activity, name).set(values)
    if changed or m2m:
        record(activity=activity, action=EventAction.UPDATED, actor=actor, reason=reason,
               data={"fields": changed + sorted(m2m)})
    return activity


@transaction.atomic
def sitting_add(*, activity, actor, starts_at, ends_at, place="", title="") -> Sitting:
    """Add a sitting (a plenary has several); every invited member is expected at it."""
    activity = lock(activity)
    permissions.authorise(actor, activity)
    _check_times(starts_at, ends_at)
    sitting = Sitting(committee_id=activity.committee_id, activity=activity, title=title or "", starts_at=starts_at,
                      ends_at=ends_at, place=place or "", sign_in_code=_new_code(), created_at=now())
    save_audited(sitting, actor=actor, reason=_("Sitting added"))
    _refresh_dates(activity)
    record(activity=activity, action=EventAction.SITTING_ADDED, actor=actor, sitting=sitting)
    for invitation in activity.invitations.select_related("member"):
        expect(invitation, sitting, actor=actor)
    if sitting.activity is not activity:
        sitting.activity = activity
    return sitting


@transaction.atomic
def place_add(*, activity, actor, name, kind=Place.Kind.SITE, visited_on=None, notes="") -> Place:
    """Record a stop of the itinerary (town, village, site visited)."""
    permissions.authorise(actor, activity)
    if not (name or "").strip():
        raise ValidationError({"name": _("Give the place's name.")})
    place = Place(committee_id=activity.committee_id, activity=activity, name=name.strip(), kind=kind,
                  visited_on=visited_on, notes=notes or "", recorded_at=now())
    save_audited(place, actor=actor, reason=_("Place visited recorded"))
    record(activity=activity, action=EventAction.PLACE_ADDED, actor=actor, to_state=kind, data={"name": place.name})
    return place


@transaction.atomic
def document_add(*, activity, actor, kind, title, text="", uploaded=None, content=None, filename="") -> Document:
    """Add minutes, a report produced, a questionnaire or another file (stored privately, type checked)."""
    permissions.authorise(actor, activity)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the document's title.")})
    document = Document(committee_id=activity.committee_id, activity=activity, kind=kind, title=title.strip(),
                        text=text or "", created_by=user_or_none(actor), created_at=now())
    save_audited(document, actor=actor, reason=_("Document added"))
    if uploaded is not None or content is not None:
        document.file = file_store(uploaded=uploaded, content=content, name=filename or getattr(uploaded, "name", title),
                                   user=actor, owner=document)
        save_audited(document, actor=actor, reason=_("Document added"), fields=["file"])
    record(activity=activity, action=EventAction.DOCUMENT_ADDED, actor=actor, to_state=kind,
           data={"title": document.title})
    return document


@transaction.atomic
def proposal_link(*, activity, actor, proposal) -> Activity:
    """Link a proposal that came out of the activity (or the case a proposal-handling consultation is about)."""
    permissions.authorise(actor, activity)
    same_committee(proposal, activity.committee_id, "proposal")
    if activity.proposals.filter(pk=proposal.pk).exists():
        raise ValidationError({"proposal": _("This proposal is already linked.")})
    activity.proposals.add(proposal)
    record(activity=activity, action=EventAction.PROPOSAL_LINKED, actor=actor, proposal=proposal)
    return activity
