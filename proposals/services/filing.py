"""Filing: drafts, co-signing, submission (with its receipt number), paper recorded on behalf, withdrawal."""

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Party, Sector, SpecialCommittee, TermMembership
from members.onboarding import term_ended
from proposals import notices, permissions
from proposals.errors import TransitionError
from proposals.models import Kind, Proposal, ProposalAttachment, ProposalSettings, ProposerType, Signer
from proposals.selectors import invitation_deadline, settings_for
from proposals.workflow import Status

from . import ledger, numbering
from .base import attach, begin, lock, now, record, save, today

KEEP = object()  # "leave this field as it is" in proposal_update_draft
MAX_ATTACHMENTS = 5  # per proposal
ORGANISATION_TYPES = {Party: ProposerType.PARTY, Sector: ProposerType.SECTOR, SpecialCommittee: ProposerType.SPECIAL_COMMITTEE}
ORGANISATION_FIELDS = {Party: "party", Sector: "sector", SpecialCommittee: "special_committee"}


# ---- checks shared by the filing services


def _membership(member, session) -> TermMembership:
    membership = TermMembership.objects.filter(member=member, term_id=session.term_id).first()
    if member.committee_id != session.committee_id or membership is None:
        raise ValidationError(
            _("%(name)s is not a member of %(term)s of this committee.") % {"name": member.name, "term": session.term}
        )
    return membership


def _check_content(proposal, rules, *, complete: bool) -> None:
    """The length cap always; every required part before the proposal is filed."""
    errors = {}
    if proposal.body_length > rules.body_max_chars:
        errors["suggestions"] = _(
            "The situation and suggestions have %(n)d characters together; at most %(max)d are allowed."
        ) % {"n": proposal.body_length, "max": rules.body_max_chars}
    if proposal.category_id and proposal.category.committee_id != proposal.committee_id:
        errors["category"] = _("This category belongs to another committee.")
    if proposal.session.committee_id != proposal.committee_id:
        errors["session"] = _("This session belongs to another committee.")
    if complete:
        for name in ("title", "situation", "suggestions"):
            if not getattr(proposal, name).strip():
                errors.setdefault(name, _("This is required before the proposal is submitted."))
        if not proposal.category_id:
            errors["category"] = _("This is required before the proposal is submitted.")
        elif not proposal.category.active:
            errors["category"] = _("This category is no longer in use.")
    if errors:
        raise ValidationError(errors)


def _set_units(proposal, units) -> None:
    units = list(units)
    if any(u.committee_id != proposal.committee_id or not u.is_handling_unit for u in units):
        raise ValidationError({"suggested_units": _("Suggest handling units of this committee only.")})
    proposal.suggested_units.set(units)


def _check_window(proposal, day) -> None:
    """Plenary proposals are filed within the session's window; between-session ones any time."""
    session = proposal.session
    if proposal.kind == Kind.PLENARY and not (session.filing_opens <= day <= session.filing_deadline):
        raise TransitionError(
            _("Plenary proposals for %(session)s are filed from %(opens)s to %(deadline)s."),
            params={"session": str(session), "opens": session.filing_opens.isoformat(),
                    "deadline": session.filing_deadline.isoformat()},
        )


def _settle_invitations(proposal, rules, *, actor) -> None:
    """Unanswered invitations block the submission, or lapse, as the settings say."""
    pending = list(proposal.signers.filter(status=Signer.State.INVITED).select_related("member"))
    if not pending:
        return
    if rules.unconfirmed_cosigners == ProposalSettings.UnconfirmedCosigners.BLOCK:
        raise TransitionError(
            _("These co-signers have not answered yet: %(names)s. Wait for them or remove them."),
            params={"names": "、".join(s.member.name for s in pending)},
        )
    for signer in pending:
        signer.status = Signer.State.LAPSED
        signer.responded_at = None
        save(signer, actor=actor, action="submit", reason=_("Unanswered at submission"))


def _snapshot(proposal, *, actor, action) -> None:
    """Copy each confirmed signer's sector and party of the session's term, as they are at filing."""
    for signer in proposal.signers.filter(status=Signer.State.CONFIRMED).select_related("member"):
        membership = _membership(signer.member, proposal.session)
        if (signer.sector_id, signer.party_id) != (membership.sector_id, membership.party_id):
            signer.sector_id, signer.party_id = membership.sector_id, membership.party_id
            save(signer, actor=actor, action=action, fields=["sector", "party"])


def _file(proposal, rules, *, actor, action, on_behalf, received_on=None, first_filing=True) -> Proposal:
    """What submission and resubmission share: complete, invitations settled, snapshot, ledger, event."""
    p = proposal
    _check_content(p, rules, complete=True)
    _settle_invitations(p, rules, actor=actor)
    _snapshot(p, actor=actor, action=action)
    before = p.status
    if not p.is_collective:
        cosigners = p.signers.filter(status=Signer.State.CONFIRMED, position=Signer.Position.COSIGNER).exists()
        p.proposer_type = ProposerType.JOINT if cosigners else ProposerType.INDIVIDUAL
    if first_filing:
        p.receipt_seq, p.receipt_number = numbering.receipt_number(session=p.session, settings=rules)
        p.submitted_at = now()
    p.status = Status.SUBMITTED
    save(p, actor=actor, action=action)
    data = {"receipt_number": p.receipt_number}
    if received_on:
        data["received_on"] = received_on.isoformat()
    record(proposal=p, action=action, from_status=before, to_status=p.status, actor=actor, on_behalf=on_behalf,
           on_behalf_of=_represented(p, on_behalf), data=data, at=p.submitted_at if first_filing else None)
    ledger.credit_filing(p, actor=actor)
    return p


def _represented(proposal, on_behalf):
    """The member a step recorded on behalf speaks for: the first proposer (none for a collective proposal)."""
    if not on_behalf or proposal.is_collective:
        return None
    signer = proposal.signers.filter(position=Signer.Position.FIRST).select_related("member").first()
    return signer.member if signer else None


# ---- drafts


@transaction.atomic
def proposal_create_draft(*, actor, session, kind=Kind.PLENARY, proposer=None, organisation=None, on_behalf=False,
                          title="", category=None, situation="", suggestions="", contact_phone="",
                          suggested_units=(), publish_consent=False) -> Proposal:
    """A member starts a draft as its first proposer, or an organisation's collective account for the
    organisation; the secretariat may start either on someone's behalf (marked as such)."""
    committee_id = session.committee_id
    if on_behalf:
        permissions.require_secretariat(actor, committee_id)
        if (proposer is None) == (organisation is None):
            raise ValidationError(_("Say whose proposal this is: a member or an organisation."))
    elif organisation is not None:
        scope = {f"{ORGANISATION_FIELDS[type(organisation)]}_id": organisation.pk}
        if not permissions.is_collective_account(actor, committee_id=committee_id, **scope):
            raise PermissionDenied(_("Only the account of this organisation may file its proposals."))
    else:
        own = permissions.member_of(actor)
        if own is None or (proposer is not None and proposer.pk != own.pk):
            raise PermissionDenied(_("A member files proposals in their own name."))
        if term_ended(own, today()):
            raise PermissionDenied(_("Your term has ended: you can read your proposals and record, but file no new ones."))
        proposer = own
    rules = settings_for(committee_id)
    proposal = Proposal(
        committee_id=committee_id, session=session, kind=kind, title=title, category=category, situation=situation,
        suggestions=suggestions, contact_phone=contact_phone, publish_consent=publish_consent, created_by=actor,
        recorded_on_behalf=on_behalf, status=Status.DRAFT,
    )
    if organisation is not None:
        if organisation.committee_id != committee_id:
            raise ValidationError(_("This organisation belongs to another committee."))
        proposal.proposer_type = ORGANISATION_TYPES[type(organisation)]
        setattr(proposal, ORGANISATION_FIELDS[type(organisation)], organisation)
    else:
        _membership(proposer, session)
        proposal.proposer_type = ProposerType.INDIVIDUAL
    _check_content(proposal, rules, complete=False)
    save(proposal, actor=actor, action="create")
    _set_units(proposal, suggested_units)
    if proposer is not None:
        signer = Signer(proposal=proposal, member=proposer, position=Signer.Position.FIRST, order=0,
                        status=Signer.State.CONFIRMED, responded_at=now(), recorded_on_behalf=on_behalf)
        save(signer, actor=actor, action="create")
    record(proposal=proposal, action="create", to_status=proposal.status, actor=actor, on_behalf=on_behalf,
           on_behalf_of=proposer if on_behalf else None)
    return proposal


@transaction.atomic
def proposal_update_draft(*, proposal, actor, on_behalf=False, title=KEEP, category=KEEP, situation=KEEP,
                          suggestions=KEEP, contact_phone=KEEP, publish_consent=KEEP, suggested_units=KEEP,
                          kind=KEEP, session=KEEP) -> Proposal:
    """The proposer edits while the proposal is a draft or returned for revision (length cap checked);
    kind and session change only before the first submission, since the receipt number is per session."""
    p = lock(proposal)
    begin("update_draft", actor=actor, obj=p, state=p.status, on_behalf=on_behalf)
    values = {"title": title, "category": category, "situation": situation, "suggestions": suggestions,
              "contact_phone": contact_phone, "publish_consent": publish_consent}
    for name, value in values.items():
        if value is not KEEP:
            setattr(p, name, value)
    for name, value in (("kind", kind), ("session", session)):
        if value is KEEP:
            continue
        if p.submitted_at is not None and getattr(p, name) != value:
            raise ValidationError({name: _("This cannot change after the proposal was submitted.")})
        setattr(p, name, value)
    if session is not KEEP:
        for signer in p.signers.exclude(status__in=[Signer.State.DECLINED, Signer.State.LAPSED]).select_related("member"):
            _membership(signer.member, p.session)
    _check_content(p, settings_for(p.committee_id), complete=False)
    save(p, actor=actor, action="update_draft")
    if suggested_units is not KEEP:
        _set_units(p, suggested_units)
    record(proposal=p, action="update_draft", from_status=p.status, to_status=p.status, actor=actor,
           on_behalf=on_behalf, on_behalf_of=_represented(p, on_behalf))
    return p


# ---- attachments


@transaction.atomic
def proposal_attach(*, proposal, actor, uploaded, on_behalf=False) -> ProposalAttachment:
    """The proposer adds a file (type checked by content) while the proposal can be edited, at most MAX_ATTACHMENTS."""
    p = lock(proposal)
    begin("update_draft", actor=actor, obj=p, state=p.status, on_behalf=on_behalf)
    if p.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("A proposal has at most %(max)d attachments; remove one first.") % {"max": MAX_ATTACHMENTS}
        )
    attachment = ProposalAttachment.objects.create(
        proposal=p, file=attach(uploaded, actor=actor, owner=p), uploaded_by=actor if getattr(actor, "pk", None) else None,
        recorded_on_behalf=on_behalf,
    )
    record(proposal=p, action="update_draft", from_status=p.status, to_status=p.status, actor=actor,
           on_behalf=on_behalf, on_behalf_of=_represented(p, on_behalf), reason=_("Attachment added"),
           data={"attached": str(attachment.file_id), "name": attachment.file.name})
    return attachment


@transaction.atomic
def proposal_detach(*, proposal, actor, attachment, on_behalf=False) -> None:
    """The proposer removes an attachment while the proposal can be edited."""
    p = lock(proposal)
    begin("update_draft", actor=actor, obj=p, state=p.status, on_behalf=on_behalf)
    row = p.attachments.select_related("file").filter(pk=attachment.pk).first()
    if row is None:
        raise ValidationError(_("This file is not attached to this proposal."))
    # The stored file stays (owned by the proposal, so still readable by its readers): the event names it.
    data = {"detached": str(row.file_id), "name": row.file.name}
    row.delete()
    record(proposal=p, action="update_draft", from_status=p.status, to_status=p.status, actor=actor,
           on_behalf=on_behalf, on_behalf_of=_represented(p, on_behalf), reason=_("Attachment removed"), data=data)


# ---- co-signing


@transaction.atomic
def proposal_invite_cosigners(*, proposal, actor, members, on_behalf=False) -> list[Signer]:
    """The first proposer invites members of the session's term to co-sign (联名); each must confirm.
    Inviting someone already invited or confirmed does nothing; a declined member may be asked again."""
    p = lock(proposal)
    begin("invite_cosigners", actor=actor, obj=p, state=p.status, on_behalf=on_behalf)
    if p.is_collective:
        raise ValidationError(_("A collective proposal has no co-signers."))
    deadline = invitation_deadline(p)
    if deadline is not None and today() > deadline:
        raise TransitionError(_("Co-signing for this session closed on %(day)s."), params={"day": deadline.isoformat()})
    invited = []
    order = max(p.signers.values_list("order", flat=True), default=0)
    for member in members:
        _membership(member, p.session)
        signer = p.signers.filter(member=member).first()
        if signer is not None and signer.status in (Signer.State.INVITED, Signer.State.CONFIRMED):
            continue
        if signer is None:
            order += 1
            signer = Signer(proposal=p, member=member, position=Signer.Position.COSIGNER, order=order)
        signer.status, signer.invited_at, signer.responded_at = Signer.State.INVITED, now(), None
        save(signer, actor=actor, action="invite_cosigners")
        invited.append(signer)
    if invited:
        record(proposal=p, action="invite_cosigners", from_status=p.status, to_status=p.status, actor=actor,
               on_behalf=on_behalf, on_behalf_of=_represented(p, on_behalf),
               data={"members": [s.member_id for s in invited]})
        notices.cosign_invited(p, [s.member for s in invited])
    return invited


@transaction.atomic
def proposal_uninvite_cosigner(*, proposal, actor, member, on_behalf=False, reason="") -> Signer:
    """The first proposer removes a co-signer (invited or confirmed) while the proposal can be edited."""
    p = lock(proposal)
    begin("uninvite_cosigner", actor=actor, obj=p, state=p.status, on_behalf=on_behalf)
    signer = p.signers.select_for_update().filter(member=member, position=Signer.Position.COSIGNER).first()
    if signer is None or signer.status not in (Signer.State.INVITED, Signer.State.CONFIRMED):
        raise ValidationError(_("%(name)s is not a co-signer of this proposal.") % {"name": member.name})
    before = signer.status
    signer.status = Signer.State.LAPSED
    save(signer, actor=actor, action="uninvite_cosigner", reason=reason)
    record(proposal=p, action="uninvite_cosigner", from_status=p.status, to_status=p.status, actor=actor,
           on_behalf=on_behalf, on_behalf_of=_represented(p, on_behalf), reason=reason,
           data={"member": member.pk, "was": before})
    return signer


def _answer(signer, *, actor, on_behalf, action, answer, reason="") -> Signer:
    p = lock(signer.proposal)
    s = lock(signer)
    begin(action, actor=actor, obj=s, state=p.status, on_behalf=on_behalf)
    if s.status != Signer.State.INVITED:
        raise TransitionError(_("This invitation has already been answered or withdrawn."))
    deadline = invitation_deadline(p)
    if deadline is not None and today() > deadline:
        raise TransitionError(_("Co-signing for this session closed on %(day)s."), params={"day": deadline.isoformat()})
    s.status, s.responded_at, s.recorded_on_behalf = answer, now(), on_behalf
    save(s, actor=actor, action=action, reason=reason)
    record(proposal=p, action=action, from_status=p.status, to_status=p.status, actor=actor, on_behalf=on_behalf,
           on_behalf_of=s.member if on_behalf else None, reason=reason, data={"member": s.member_id})
    return s


@transaction.atomic
def signer_confirm(*, signer, actor, on_behalf=False) -> Signer:
    """The invited member confirms co-signing (by the filing deadline for plenary proposals, if the settings say so)."""
    return _answer(signer, actor=actor, on_behalf=on_behalf, action="confirm_cosign", answer=Signer.State.CONFIRMED)


@transaction.atomic
def signer_decline(*, signer, actor, on_behalf=False, reason="") -> Signer:
    """The invited member declines to co-sign."""
    return _answer(signer, actor=actor, on_behalf=on_behalf, action="decline_cosign", answer=Signer.State.DECLINED,
                   reason=reason)


# ---- submission


def submission_blockers(proposal, *, day, resubmit=False) -> list[str]:
    """Why `proposal_submit` (or `proposal_resubmit`) would refuse this proposal on `day`, in words,
    without writing anything: the same checks, so the page can disable its button and say why (issue
    #11). Empty when nothing the page can know of stands in the way."""
    reasons = []
    if not resubmit:
        try:
            _check_window(proposal, day)
        except TransitionError as error:
            reasons.append(error.message)
    try:
        _check_content(proposal, settings_for(proposal.committee_id), complete=True)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            try:
                label = str(Proposal._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:  # a message not tied to a field
                label = ""
            reasons += [f"{label}: {m}" if label else m for m in messages]
    rules = settings_for(proposal.committee_id)
    if rules.unconfirmed_cosigners == ProposalSettings.UnconfirmedCosigners.BLOCK:
        pending = [s.member.name for s in proposal.signers.filter(status=Signer.State.INVITED).select_related("member")]
        if pending:
            reasons.append(_("These co-signers have not answered yet: %(names)s. Wait for them or remove them.")
                           % {"names": "、".join(pending)})
    return reasons


@transaction.atomic
def proposal_submit(*, proposal, actor, on_behalf=False) -> Proposal:
    """File the proposal: complete, within the session's window for plenary proposals, invitations
    answered (or lapsed, per settings); it gets the next receipt number and its duty entries."""
    p = lock(proposal)
    begin("submit", actor=actor, obj=p, state=p.status, on_behalf=on_behalf)
    own = None if on_behalf or p.is_collective else permissions.member_of(actor)
    if own is not None and term_ended(own, today()):
        raise PermissionDenied(_("Your term has ended: you can read your proposals and record, but file no new ones."))
    _check_window(p, today())
    return _file(p, settings_for(p.committee_id), actor=actor, action="submit", on_behalf=on_behalf)


@transaction.atomic
def proposal_resubmit(*, proposal, actor, on_behalf=False) -> Proposal:
    """Send a revised proposal back to review; it keeps its receipt number and filing date."""
    p = lock(proposal)
    begin("resubmit", actor=actor, obj=p, state=p.status, on_behalf=on_behalf)
    return _file(p, settings_for(p.committee_id), actor=actor, action="resubmit", on_behalf=on_behalf,
                 first_filing=False)


@transaction.atomic
def proposal_record_on_behalf(*, actor, session, scan, kind=Kind.PLENARY, proposer=None, organisation=None,
                              cosigners=(), received_on=None, title="", category=None, situation="", suggestions="",
                              contact_phone="", suggested_units=(), publish_consent=False) -> Proposal:
    """The secretariat records a paper proposal with the scan of its signed (or sealed) original: the
    handwritten co-signatures count as confirmed, every step is marked on behalf, and a plenary proposal
    must have been received on paper (`received_on`, default today) within the filing window."""
    permissions.require_secretariat(actor, session.committee_id)
    day = received_on or today()
    if day > today():
        raise ValidationError({"received_on": _("The date of receipt cannot be in the future.")})
    proposal = proposal_create_draft(
        actor=actor, session=session, kind=kind, proposer=proposer, organisation=organisation, on_behalf=True,
        title=title, category=category, situation=situation, suggestions=suggestions, contact_phone=contact_phone,
        suggested_units=suggested_units, publish_consent=publish_consent,
    )
    p = lock(proposal)
    begin("submit", actor=actor, obj=p, state=p.status, on_behalf=True)
    _check_window(p, day)
    if cosigners and p.is_collective:
        raise ValidationError(_("A collective proposal has no co-signers."))
    for order, member in enumerate(cosigners, start=1):
        _membership(member, session)
        if member.pk == getattr(proposer, "pk", None):
            continue
        signer = Signer(proposal=p, member=member, position=Signer.Position.COSIGNER, order=order,
                        status=Signer.State.CONFIRMED, invited_at=now(), responded_at=now(), recorded_on_behalf=True)
        save(signer, actor=actor, action="confirm_cosign", reason=_("Signed on paper"))
        record(proposal=p, action="confirm_cosign", from_status=p.status, to_status=p.status, actor=actor,
               on_behalf=True, on_behalf_of=member, data={"member": member.pk})
    p.paper_scan = attach(scan, actor=actor, owner=p)
    save(p, actor=actor, action="submit", reason=_("Recorded from paper"), fields=["paper_scan"])
    return _file(p, settings_for(p.committee_id), actor=actor, action="submit", on_behalf=True, received_on=day)


@transaction.atomic
def proposal_withdraw(*, proposal, actor, on_behalf=False, reason="") -> Proposal:
    """The proposer withdraws (撤案) before the review outcome; the duty entries it earned are voided."""
    p = lock(proposal)
    t = begin("withdraw", actor=actor, obj=p, state=p.status, on_behalf=on_behalf)
    before, p.status = p.status, t.target
    save(p, actor=actor, action="withdraw", reason=reason)
    record(proposal=p, action="withdraw", from_status=before, to_status=p.status, actor=actor, on_behalf=on_behalf,
           on_behalf_of=_represented(p, on_behalf), reason=reason)
    ledger.void_credits(p, actor=actor, reason=reason or str(_("Withdrawn")))
    return p
